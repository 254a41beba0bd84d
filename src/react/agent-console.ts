// Generated from custom-elements.json by scripts/integrations.ts (`npm run analyze`): do not edit.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type { NexusEvent } from '../components/shared/events.js';
import { NexusAgentConsole as NexusAgentConsoleElement } from '../agent/console/agent-console.js';

export type { NexusAgentConsoleElement };

/**
 * `<nexus-agent-console>` as a React component: The agent console: availability, incoming requests, sessions, chat and customer context.
 *
 * Props set the element's properties (`server`, `token`, `signInMode`, `stateFilter`, `sessionLimit`, `themeUrl`, `strings`), and `on…` props listen to its events (`onNexusAgentSignIn`, `onNexusAgentSignOut`, `onNexusAgentStatus`, `onNexusAgentOffer`, `onNexusAgentAccept`, `onNexusAgentTransfer`, `onNexusAgentMessage`, `onNexusAgentSessionEnd`, `onNexusError`). A `ref` is the element itself. Importing this module registers the element.
 */
export const NexusAgentConsole = /* @__PURE__ */ createComponent({
  react: React,
  tagName: 'nexus-agent-console',
  elementClass: NexusAgentConsoleElement,
  displayName: 'NexusAgentConsole',
  events: {
    /** `nexus-agent-sign-in`: The agent token was accepted. */
    onNexusAgentSignIn: 'nexus-agent-sign-in' as EventName<NexusEvent<'nexus-agent-sign-in'>>,
    /** `nexus-agent-sign-out`: The agent signed out. */
    onNexusAgentSignOut: 'nexus-agent-sign-out' as EventName<NexusEvent<'nexus-agent-sign-out'>>,
    /** `nexus-agent-status`: The agent's availability changed. */
    onNexusAgentStatus: 'nexus-agent-status' as EventName<NexusEvent<'nexus-agent-status'>>,
    /** `nexus-agent-offer`: A request is offered to this agent (cancelable: no notification is shown). */
    onNexusAgentOffer: 'nexus-agent-offer' as EventName<NexusEvent<'nexus-agent-offer'>>,
    /** `nexus-agent-accept`: The agent took a session. */
    onNexusAgentAccept: 'nexus-agent-accept' as EventName<NexusEvent<'nexus-agent-accept'>>,
    /** `nexus-agent-transfer`: The agent transferred a session to another agent or a skill's queue. */
    onNexusAgentTransfer: 'nexus-agent-transfer' as EventName<NexusEvent<'nexus-agent-transfer'>>,
    /** `nexus-agent-message`: A message was shown in the open conversation. */
    onNexusAgentMessage: 'nexus-agent-message' as EventName<NexusEvent<'nexus-agent-message'>>,
    /** `nexus-agent-session-end`: A session the agent had open or handled ended. */
    onNexusAgentSessionEnd: 'nexus-agent-session-end' as EventName<NexusEvent<'nexus-agent-session-end'>>,
    /** `nexus-error`: Something failed (a refused token, an unreachable server, a failed action); the console shows it too. */
    onNexusError: 'nexus-error' as EventName<NexusEvent<'nexus-error'>>,
  },
});

/** The props of {@link NexusAgentConsole}. */
export type NexusAgentConsoleProps = React.ComponentProps<typeof NexusAgentConsole>;
