// Generated from custom-elements.json by scripts/integrations.ts (`npm run analyze`): do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type { NexusEvent } from '../components/shared/events.js';
import { NexusPortalCobrowse as NexusPortalCobrowseElement } from '../portal/cobrowse-page.js';

export type { NexusPortalCobrowseElement };

/**
 * `<nexus-portal-cobrowse>` as a React component: The portal's Settings > Co-browse page: co-browse settings and recordings playback.
 *
 * Props set the element's properties (`themeUrl`, `session`, `strings`), and `on…` props listen to its events (`onNexusPortalSessionEnded`, `onNexusError`). A `ref` is the element itself. Importing this module registers the element.
 */
export const NexusPortalCobrowse = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'nexus-portal-cobrowse',
  elementClass: NexusPortalCobrowseElement,
  displayName: 'NexusPortalCobrowse',
  events: {
    /** `nexus-portal-session-ended`: The server answered 401: the session ended (`<nexus-portal>` signs out). */
    onNexusPortalSessionEnded: 'nexus-portal-session-ended' as EventName<NexusEvent<'nexus-portal-session-ended'>>,
    /** `nexus-error`: An action or a load failed (the page says it too). */
    onNexusError: 'nexus-error' as EventName<NexusEvent<'nexus-error'>>,
  },
});

/** The props of {@link NexusPortalCobrowse}. */
export type NexusPortalCobrowseProps = React.ComponentProps<typeof NexusPortalCobrowse>;
