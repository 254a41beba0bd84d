/**
 * The `nexus-*` DOM events. All bubble and are composed (they cross shadow roots, so a host app
 * that puts our elements inside its own components still hears them). Events whose name says
 * "select" or "request" are cancelable: `preventDefault()` stops the element's default action.
 */
export interface NexusEventDetails {
  /** Something failed; the element also shows it. `status` is 0 when no response arrived. */
  'nexus-error': { code: string; message: string; status: number; source: string };
  /** A search ran (as-you-type or submitted). */
  'nexus-search': { query: string; count: number; submitted: boolean };
  /** The person picked a path (cancelable: the default opens it). */
  'nexus-path-select': { pathId: string; title: string; source: 'search' | 'list' | 'category' };
  /** The person picked a category (cancelable: the default shows its paths). */
  'nexus-category-select': { categoryId: string; name: string };
  /** A guided path was loaded and shown. */
  'nexus-path-open': { pathId: string; title: string; stepCount: number };
  /** A guided path moved to another step. */
  'nexus-step-change': { pathId: string; stepId: string; index: number; total: number };
  /** The person said the path solved the problem. */
  'nexus-resolved': { pathId: string; stepId: string };
  /** The person needs more help than the path gave. */
  'nexus-escalate': { pathId: string; stepId: string };
  /** Self help or live help changed height (for hosts that size a frame or container to it). */
  'nexus-height-change': { height: number };
  /**
   * The person asked for live help (cancelable). `<nexus-live-help>` answers it; a page can
   * handle it itself and call `preventDefault()`.
   */
  'nexus-live-help-request': {
    mode: 'chat' | 'call';
    skill?: string;
    phone?: string;
    remoteConnectionType: 'cobrowse' | 'remote';
    /** The guided path the person was on, if any. */
    pathId?: string;
  };
  /** A live session began: a chat is queued, or a call has its connection code. */
  'nexus-live-help-start': { mode: 'chat' | 'call'; sessionId: string; code: string; skill?: string };
  /** A chat message was shown: from the agent (`in`) or sent by the person (`out`). */
  'nexus-chat-message': { direction: 'in' | 'out'; text?: string; fileName?: string; seq: number | null };
  /** An agent joined the chat. */
  'nexus-chat-agent-join': { sessionId: string; agentName?: string };
  /** The live session ended. */
  'nexus-chat-end': { sessionId: string; endedBy: 'customer' | 'agent' | 'system' | null };
  /** The person rated the chat. */
  'nexus-chat-rate': { sessionId: string; score: number; resolved?: boolean };
  /** The SDK's overlay closed (Escape, its close button, or code). */
  'nexus-overlay-close': Record<string, never>;
  /**
   * Co-browse changed: an agent asked (`pending`), the person shares (`active`), declined
   * (`rejected`) or sharing ended (`ended`, with `reason`).
   */
  'nexus-cobrowse-code': { code: string; sessionId: string };
  'nexus-cobrowse-state': {
    state: 'pending' | 'active' | 'rejected' | 'ended';
    agentName: string;
    /** Remote control: off, pending (the agent asked) or granted. */
    control: 'off' | 'pending' | 'granted';
    reason?: string;
  };
  /**
   * Remote mode: the person accepted and the tenant's remote-support client is about to be
   * downloaded from `url` (cancelable: `preventDefault()` stops the download, to start it yourself).
   */
  'nexus-cobrowse-remote-download': { url: string };
}

export type NexusEventName = keyof NexusEventDetails;
export type NexusEvent<K extends NexusEventName> = CustomEvent<NexusEventDetails[K]>;

declare global {
  interface GlobalEventHandlersEventMap {
    'nexus-error': NexusEvent<'nexus-error'>;
    'nexus-search': NexusEvent<'nexus-search'>;
    'nexus-path-select': NexusEvent<'nexus-path-select'>;
    'nexus-category-select': NexusEvent<'nexus-category-select'>;
    'nexus-path-open': NexusEvent<'nexus-path-open'>;
    'nexus-step-change': NexusEvent<'nexus-step-change'>;
    'nexus-resolved': NexusEvent<'nexus-resolved'>;
    'nexus-escalate': NexusEvent<'nexus-escalate'>;
    'nexus-height-change': NexusEvent<'nexus-height-change'>;
    'nexus-live-help-request': NexusEvent<'nexus-live-help-request'>;
    'nexus-live-help-start': NexusEvent<'nexus-live-help-start'>;
    'nexus-chat-message': NexusEvent<'nexus-chat-message'>;
    'nexus-chat-agent-join': NexusEvent<'nexus-chat-agent-join'>;
    'nexus-chat-end': NexusEvent<'nexus-chat-end'>;
    'nexus-chat-rate': NexusEvent<'nexus-chat-rate'>;
    'nexus-overlay-close': NexusEvent<'nexus-overlay-close'>;
    'nexus-cobrowse-state': NexusEvent<'nexus-cobrowse-state'>;
    'nexus-cobrowse-code': NexusEvent<'nexus-cobrowse-code'>;
    'nexus-cobrowse-remote-download': NexusEvent<'nexus-cobrowse-remote-download'>;
  }
}

// ---- Agent console (<nexus-agent-console>, src/agent/console) ----
// Declared as a second part of the same interfaces (declaration merging), so this block stays
// separate from the customer elements' events above.

export interface NexusEventDetails {
  /** The agent signed in (the token was accepted). */
  'nexus-agent-sign-in': { agentId: string; name: string; status: 'available' | 'away' };
  /** The agent signed out. */
  'nexus-agent-sign-out': { agentId: string | null };
  /** The agent's availability changed (here or in another tab). */
  'nexus-agent-status': { status: 'available' | 'away' };
  /**
   * A queued session is offered to this agent until `expiresAt` (cancelable: the console then
   * shows no notification, and the page can present the offer itself).
   */
  'nexus-agent-offer': { sessionId: string; kind: 'chat' | 'call'; skill: string | null; expiresAt: number };
  /** The agent took a session. */
  'nexus-agent-accept': { sessionId: string; kind: 'chat' | 'call'; code: string };
  /** A message was shown in the open conversation: from the customer (`in`) or sent by the agent (`out`). */
  'nexus-agent-message': { sessionId: string; direction: 'in' | 'out'; seq: number | null; text?: string; fileName?: string };
  /** A session the agent was looking at or handling ended. */
  'nexus-agent-session-end': { sessionId: string; endedBy: 'customer' | 'agent' | 'system' | null };
}

declare global {
  interface GlobalEventHandlersEventMap {
    'nexus-agent-sign-in': NexusEvent<'nexus-agent-sign-in'>;
    'nexus-agent-sign-out': NexusEvent<'nexus-agent-sign-out'>;
    'nexus-agent-status': NexusEvent<'nexus-agent-status'>;
    'nexus-agent-offer': NexusEvent<'nexus-agent-offer'>;
    'nexus-agent-accept': NexusEvent<'nexus-agent-accept'>;
    'nexus-agent-message': NexusEvent<'nexus-agent-message'>;
    'nexus-agent-session-end': NexusEvent<'nexus-agent-session-end'>;
  }
}
