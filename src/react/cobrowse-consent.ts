// Generated from custom-elements.json by scripts/integrations.ts (`npm run analyze`): do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type { NexusEvent } from '../components/shared/events.js';
import { NexusCobrowseConsent as NexusCobrowseConsentElement } from '../components/cobrowse-consent/cobrowse-consent.js';

export type { NexusCobrowseConsentElement };

/**
 * `<nexus-cobrowse-consent>` as a React component: Co-browse consent dialog and sharing indicator.
 *
 * Props set the element's properties (`server`, `token`, `themeUrl`, `client`, `strings`), and `on…` props listen to its events (`onNexusCobrowseState`, `onNexusCobrowseRemoteDownload`, `onNexusError`). A `ref` is the element itself. Importing this module registers the element.
 */
export const NexusCobrowseConsent = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'nexus-cobrowse-consent',
  elementClass: NexusCobrowseConsentElement,
  displayName: 'NexusCobrowseConsent',
  events: {
    /** `nexus-cobrowse-state`: Co-browse changed (asked, sharing, declined, ended, or remote control asked, granted, stopped: `detail.control`). */
    onNexusCobrowseState: 'nexus-cobrowse-state' as EventName<NexusEvent<'nexus-cobrowse-state'>>,
    /** `nexus-cobrowse-remote-download`: Remote mode (the live session's `remoteConnectionType` is `remote`): the person accepted and the tenant's remote-support client is downloaded from `detail.url` (cancelable: the download does not start). */
    onNexusCobrowseRemoteDownload: 'nexus-cobrowse-remote-download' as EventName<NexusEvent<'nexus-cobrowse-remote-download'>>,
    /** `nexus-error`: Starting to share failed. */
    onNexusError: 'nexus-error' as EventName<NexusEvent<'nexus-error'>>,
  },
});

/** The props of {@link NexusCobrowseConsent}. */
export type NexusCobrowseConsentProps = React.ComponentProps<typeof NexusCobrowseConsent>;
