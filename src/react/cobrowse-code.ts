// Generated from custom-elements.json by scripts/integrations.ts (`npm run analyze`): do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type { NexusEvent } from '../components/shared/events.js';
import { NexusCobrowseCode as NexusCobrowseCodeElement } from '../components/cobrowse-code/cobrowse-code.js';

export type { NexusCobrowseCodeElement };

/**
 * `<nexus-cobrowse-code>` as a React component: A 6-digit co-browse code to read to an agent on the phone.
 *
 * Props set the element's properties (`skill`, `server`, `token`, `themeUrl`, `client`, `strings`), and `on…` props listen to its events (`onNexusCobrowseCode`, `onNexusError`). A `ref` is the element itself. Importing this module registers the element.
 */
export const NexusCobrowseCode = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'nexus-cobrowse-code',
  elementClass: NexusCobrowseCodeElement,
  displayName: 'NexusCobrowseCode',
  events: {
    /** `nexus-cobrowse-code`: A code was given: `detail.code`, `detail.sessionId`. */
    onNexusCobrowseCode: 'nexus-cobrowse-code' as EventName<NexusEvent<'nexus-cobrowse-code'>>,
    /** `nexus-error`: Getting a code failed. */
    onNexusError: 'nexus-error' as EventName<NexusEvent<'nexus-error'>>,
  },
});

/** The props of {@link NexusCobrowseCode}. */
export type NexusCobrowseCodeProps = React.ComponentProps<typeof NexusCobrowseCode>;
