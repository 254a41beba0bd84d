// Generated from custom-elements.json by scripts/integrations.ts (`npm run analyze`): do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type { NexusEvent } from '../components/shared/events.js';
import { NexusContactUs as NexusContactUsElement } from '../components/contact-us/contact-us.js';

export type { NexusContactUsElement };

/**
 * `<nexus-contact-us>` as a React component: Buttons to reach a person by chat or phone.
 *
 * Props set the element's properties (`phone`, `skill`, `remoteConnectionType`, `pathId`, `label`, `headingLevel`, `server`, `token`, `themeUrl`, `client`, `strings`), and `on…` props listen to its events (`onNexusLiveHelpRequest`). A `ref` is the element itself. Importing this module registers the element.
 */
export const NexusContactUs = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'nexus-contact-us',
  elementClass: NexusContactUsElement,
  displayName: 'NexusContactUs',
  events: {
    /** `nexus-live-help-request`: The person asked for chat or a call (cancelable). */
    onNexusLiveHelpRequest: 'nexus-live-help-request' as EventName<NexusEvent<'nexus-live-help-request'>>,
  },
});

/** The props of {@link NexusContactUs}. */
export type NexusContactUsProps = React.ComponentProps<typeof NexusContactUs>;
