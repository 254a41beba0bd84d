// Generated from custom-elements.json by scripts/integrations.ts (`npm run analyze`): do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type { NexusEvent } from '../components/shared/events.js';
import { NexusLiveHelp as NexusLiveHelpElement } from '../components/live-help/live-help.js';

export type { NexusLiveHelpElement };

/**
 * `<nexus-live-help>` as a React component: Chat or call a support agent.
 *
 * Props set the element's properties (`mode`, `phone`, `skill`, `connectMethod`, `remoteConnectionType`, `ignoreRequests`, `server`, `token`, `themeUrl`, `client`, `strings`), and `on…` props listen to its events (`onNexusHeightChange`, `onNexusLiveHelpStart`, `onNexusChatMessage`, `onNexusChatAgentJoin`, `onNexusChatEnd`, `onNexusChatRate`, `onNexusError`). A `ref` is the element itself. Importing this module registers the element.
 */
export const NexusLiveHelp = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'nexus-live-help',
  elementClass: NexusLiveHelpElement,
  displayName: 'NexusLiveHelp',
  events: {
    /** `nexus-height-change`: The content height changed, in every view: the choice, the call card, the chat as it queues, talks and ends (for hosts that size a frame or container to it). */
    onNexusHeightChange: 'nexus-height-change' as EventName<NexusEvent<'nexus-height-change'>>,
    /** `nexus-live-help-start`: A chat or call session began. */
    onNexusLiveHelpStart: 'nexus-live-help-start' as EventName<NexusEvent<'nexus-live-help-start'>>,
    /** `nexus-chat-message`: Bubbles from the chat inside: a message was shown. */
    onNexusChatMessage: 'nexus-chat-message' as EventName<NexusEvent<'nexus-chat-message'>>,
    /** `nexus-chat-agent-join`: Bubbles from the chat inside: an agent joined. */
    onNexusChatAgentJoin: 'nexus-chat-agent-join' as EventName<NexusEvent<'nexus-chat-agent-join'>>,
    /** `nexus-chat-end`: Bubbles from the chat inside: the chat ended. */
    onNexusChatEnd: 'nexus-chat-end' as EventName<NexusEvent<'nexus-chat-end'>>,
    /** `nexus-chat-rate`: Bubbles from the chat inside: the person rated the chat. */
    onNexusChatRate: 'nexus-chat-rate' as EventName<NexusEvent<'nexus-chat-rate'>>,
    /** `nexus-error`: Requesting live help failed (or the chat inside reported a failure). */
    onNexusError: 'nexus-error' as EventName<NexusEvent<'nexus-error'>>,
  },
});

/** The props of {@link NexusLiveHelp}. */
export type NexusLiveHelpProps = React.ComponentProps<typeof NexusLiveHelp>;
