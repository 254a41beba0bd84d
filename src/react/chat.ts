// Generated from custom-elements.json by scripts/integrations.ts (`npm run analyze`): do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type { NexusEvent } from '../components/shared/events.js';
import { NexusChat as NexusChatElement } from '../components/chat/chat.js';

export type { NexusChatElement };

/**
 * `<nexus-chat>` as a React component: A live chat with a support agent.
 *
 * Props set the element's properties (`skill`, `autostart`, `hideRating`, `hideTranscript`, `label`, `server`, `token`, `themeUrl`, `data`, `origin`, `client`, `strings`), and `on…` props listen to its events (`onNexusChatMessage`, `onNexusChatAgentJoin`, `onNexusChatEnd`, `onNexusChatRate`, `onNexusLiveHelpStart`, `onNexusError`). A `ref` is the element itself. Importing this module registers the element.
 */
export const NexusChat = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'nexus-chat',
  elementClass: NexusChatElement,
  displayName: 'NexusChat',
  events: {
    /** `nexus-chat-message`: A message was shown (from the agent or sent by the person). */
    onNexusChatMessage: 'nexus-chat-message' as EventName<NexusEvent<'nexus-chat-message'>>,
    /** `nexus-chat-agent-join`: An agent joined the chat. */
    onNexusChatAgentJoin: 'nexus-chat-agent-join' as EventName<NexusEvent<'nexus-chat-agent-join'>>,
    /** `nexus-chat-end`: The chat ended. */
    onNexusChatEnd: 'nexus-chat-end' as EventName<NexusEvent<'nexus-chat-end'>>,
    /** `nexus-chat-rate`: The person rated the chat. */
    onNexusChatRate: 'nexus-chat-rate' as EventName<NexusEvent<'nexus-chat-rate'>>,
    /** `nexus-live-help-start`: The chat was started by this element. */
    onNexusLiveHelpStart: 'nexus-live-help-start' as EventName<NexusEvent<'nexus-live-help-start'>>,
    /** `nexus-error`: Starting, sending or uploading failed. */
    onNexusError: 'nexus-error' as EventName<NexusEvent<'nexus-error'>>,
  },
});

/** The props of {@link NexusChat}. */
export type NexusChatProps = React.ComponentProps<typeof NexusChat>;
