// Generated from custom-elements.json by scripts/integrations.ts (`npm run analyze`): do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type { NexusEvent } from '../components/shared/events.js';
import { NexusPortal as NexusPortalElement } from '../portal/portal.js';

export type { NexusPortalElement };

/**
 * `<nexus-portal>` as a React component: The Nexus Cloud portal: account sign-in, password reset, and the admin pages.
 *
 * Props set the element's properties (`server`, `themeUrl`, `strings`), and `on…` props listen to its events (`onNexusPortalSignIn`, `onNexusPortalSignOut`, `onNexusPortalNavigate`, `onNexusError`). A `ref` is the element itself. Importing this module registers the element.
 */
export const NexusPortal = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'nexus-portal',
  elementClass: NexusPortalElement,
  displayName: 'NexusPortal',
  events: {
    /** `nexus-portal-sign-in`: Someone signed in (or the browser's session was found): the account, its tenant and role. */
    onNexusPortalSignIn: 'nexus-portal-sign-in' as EventName<NexusEvent<'nexus-portal-sign-in'>>,
    /** `nexus-portal-sign-out`: The portal signed out: here, everywhere, or because the session ended. */
    onNexusPortalSignOut: 'nexus-portal-sign-out' as EventName<NexusEvent<'nexus-portal-sign-out'>>,
    /** `nexus-portal-navigate`: Another page is shown: its route. */
    onNexusPortalNavigate: 'nexus-portal-navigate' as EventName<NexusEvent<'nexus-portal-navigate'>>,
    /** `nexus-error`: Something failed (the portal says it too). */
    onNexusError: 'nexus-error' as EventName<NexusEvent<'nexus-error'>>,
  },
});

/** The props of {@link NexusPortal}. */
export type NexusPortalProps = React.ComponentProps<typeof NexusPortal>;
