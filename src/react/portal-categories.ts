// Generated from custom-elements.json by scripts/integrations.ts (`npm run analyze`): do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type { NexusEvent } from '../components/shared/events.js';
import { NexusPortalCategories as NexusPortalCategoriesElement } from '../portal/categories-page.js';

export type { NexusPortalCategoriesElement };

/**
 * `<nexus-portal-categories>` as a React component: The portal's Categories page: list, add, edit and delete the categories of guided paths.
 *
 * Props set the element's properties (`themeUrl`, `session`, `strings`), and `on…` props listen to its events (`onNexusPortalSessionEnded`, `onNexusError`). A `ref` is the element itself. Importing this module registers the element.
 */
export const NexusPortalCategories = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'nexus-portal-categories',
  elementClass: NexusPortalCategoriesElement,
  displayName: 'NexusPortalCategories',
  events: {
    /** `nexus-portal-session-ended`: The server answered 401: the session ended (`<nexus-portal>` signs out). */
    onNexusPortalSessionEnded: 'nexus-portal-session-ended' as EventName<NexusEvent<'nexus-portal-session-ended'>>,
    /** `nexus-error`: An action or a load failed (the page says it too). */
    onNexusError: 'nexus-error' as EventName<NexusEvent<'nexus-error'>>,
  },
});

/** The props of {@link NexusPortalCategories}. */
export type NexusPortalCategoriesProps = React.ComponentProps<typeof NexusPortalCategories>;
