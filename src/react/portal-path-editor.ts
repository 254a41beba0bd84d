// Generated from custom-elements.json by scripts/integrations.ts (`npm run analyze`): do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type { NexusEvent } from '../components/shared/events.js';
import { NexusPortalPathEditor as NexusPortalPathEditorElement } from '../portal/path-editor.js';

export type { NexusPortalPathEditorElement };

/**
 * `<nexus-portal-path-editor>` as a React component: The portal's guided path editor: metadata, steps, draft, publish, preview and history.
 *
 * Props set the element's properties (`param`, `themeUrl`, `session`, `strings`), and `on…` props listen to its events (`onNexusPortalSessionEnded`, `onNexusError`). A `ref` is the element itself. Importing this module registers the element.
 */
export const NexusPortalPathEditor = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'nexus-portal-path-editor',
  elementClass: NexusPortalPathEditorElement,
  displayName: 'NexusPortalPathEditor',
  events: {
    /** `nexus-portal-session-ended`: The server answered 401: the session ended (`<nexus-portal>` signs out). */
    onNexusPortalSessionEnded: 'nexus-portal-session-ended' as EventName<NexusEvent<'nexus-portal-session-ended'>>,
    /** `nexus-error`: An action or a load failed (the page says it too). */
    onNexusError: 'nexus-error' as EventName<NexusEvent<'nexus-error'>>,
  },
});

/** The props of {@link NexusPortalPathEditor}. */
export type NexusPortalPathEditorProps = React.ComponentProps<typeof NexusPortalPathEditor>;
