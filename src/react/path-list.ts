// Generated from custom-elements.json by scripts/integrations.ts (`npm run analyze`): do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type { NexusEvent } from '../components/shared/events.js';
import { NexusPathList as NexusPathListElement } from '../components/path-list/path-list.js';

export type { NexusPathListElement };

/**
 * `<nexus-path-list>` as a React component: A list of guided paths to pick from.
 *
 * Props set the element's properties (`source`, `value`, `limit`, `label`, `headingLevel`, `server`, `token`, `themeUrl`, `items`, `client`, `strings`), and `on…` props listen to its events (`onNexusPathSelect`, `onNexusError`). A `ref` is the element itself. Importing this module registers the element.
 */
export const NexusPathList = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'nexus-path-list',
  elementClass: NexusPathListElement,
  displayName: 'NexusPathList',
  events: {
    /** `nexus-path-select`: The person picked a path (cancelable). `<nexus-self-help>` opens it. */
    onNexusPathSelect: 'nexus-path-select' as EventName<NexusEvent<'nexus-path-select'>>,
    /** `nexus-error`: Loading failed; the list shows the error and a retry button. */
    onNexusError: 'nexus-error' as EventName<NexusEvent<'nexus-error'>>,
  },
});

/** The props of {@link NexusPathList}. */
export type NexusPathListProps = React.ComponentProps<typeof NexusPathList>;
