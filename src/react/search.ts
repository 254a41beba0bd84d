// Generated from custom-elements.json by scripts/integrations.ts (`npm run analyze`): do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type { NexusEvent } from '../components/shared/events.js';
import { NexusSearch as NexusSearchElement } from '../components/search/search.js';

export type { NexusSearchElement };

/**
 * `<nexus-search>` as a React component: As-you-type search for guided paths, with a list of suggestions.
 *
 * Props set the element's properties (`label`, `labelVisible`, `placeholder`, `tags`, `limit`, `minLength`, `debounce`, `value`, `server`, `token`, `themeUrl`, `client`, `strings`), and `on…` props listen to its events (`onNexusSearch`, `onNexusPathSelect`, `onNexusError`). A `ref` is the element itself. Importing this module registers the element.
 */
export const NexusSearch = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'nexus-search',
  elementClass: NexusSearchElement,
  displayName: 'NexusSearch',
  events: {
    /** `nexus-search`: Results arrived for what was typed (`submitted: false`), or the person submitted the search (`submitted: true`). */
    onNexusSearch: 'nexus-search' as EventName<NexusEvent<'nexus-search'>>,
    /** `nexus-path-select`: The person picked a suggestion (cancelable). `<nexus-self-help>` opens it. */
    onNexusPathSelect: 'nexus-path-select' as EventName<NexusEvent<'nexus-path-select'>>,
    /** `nexus-error`: A search failed; the suggestions show the error and a retry button. */
    onNexusError: 'nexus-error' as EventName<NexusEvent<'nexus-error'>>,
  },
});

/** The props of {@link NexusSearch}. */
export type NexusSearchProps = React.ComponentProps<typeof NexusSearch>;
