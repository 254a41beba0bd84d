// Generated from custom-elements.json by scripts/integrations.ts (`npm run analyze`): do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type { NexusEvent } from '../components/shared/events.js';
import { NexusCategories as NexusCategoriesElement } from '../components/categories/categories.js';

export type { NexusCategoriesElement };

/**
 * `<nexus-categories>` as a React component: Browse guided paths by category.
 *
 * Props set the element's properties (`category`, `label`, `headingLevel`, `server`, `token`, `themeUrl`, `client`, `strings`), and `on…` props listen to its events (`onNexusCategorySelect`, `onNexusPathSelect`, `onNexusError`). A `ref` is the element itself. Importing this module registers the element.
 */
export const NexusCategories = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'nexus-categories',
  elementClass: NexusCategoriesElement,
  displayName: 'NexusCategories',
  events: {
    /** `nexus-category-select`: The person opened a category (cancelable: the default shows its paths). */
    onNexusCategorySelect: 'nexus-category-select' as EventName<NexusEvent<'nexus-category-select'>>,
    /** `nexus-path-select`: The person picked a path in the open category (from the inner list). */
    onNexusPathSelect: 'nexus-path-select' as EventName<NexusEvent<'nexus-path-select'>>,
    /** `nexus-error`: Loading failed; the element shows the error and a retry button. */
    onNexusError: 'nexus-error' as EventName<NexusEvent<'nexus-error'>>,
  },
});

/** The props of {@link NexusCategories}. */
export type NexusCategoriesProps = React.ComponentProps<typeof NexusCategories>;
