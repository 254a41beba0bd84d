/**
 * The `nexus-*` DOM events. All bubble and are composed (they cross shadow roots, so a host app
 * that puts our elements inside its own components still hears them). Events whose name says
 * "select" or "request" are cancelable: `preventDefault()` stops the element's default action.
 * The customer elements' events are declared with the page configuration in src/protocol (the
 * embed page forwards them); the agent console's below.
 */
import type { PageEventDetails } from '../../protocol/page-events.js';

/** Every `nexus-*` event's detail, by event name. */
export interface NexusEventDetails extends PageEventDetails, AgentEventDetails, PortalEventDetails {}

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
// The global event map is declared in a second part (declaration merging), so this block stays
// separate from the customer elements' events above.

/** The details of the agent console's events, by event name. */
export interface AgentEventDetails {
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
  /** The agent transferred a session to another agent (`agentId`) or a skill's queue (`skill`). */
  'nexus-agent-transfer': { sessionId: string; agentId?: string; skill?: string; note: boolean };
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
    'nexus-agent-transfer': NexusEvent<'nexus-agent-transfer'>;
    'nexus-agent-message': NexusEvent<'nexus-agent-message'>;
    'nexus-agent-session-end': NexusEvent<'nexus-agent-session-end'>;
  }
}

// ---- Portal (<nexus-portal> and its building blocks, src/portal) ----

/** The details of the portal's events, by event name. */
export interface PortalEventDetails {
  /** Someone signed in to the portal (or its session was found after a reload). */
  'nexus-portal-sign-in': { accountId: string; tenantId: string; role: 'admin' | 'supervisor' | 'agent' | 'author' };
  /** The portal signed out: here, everywhere, or because the session ended on the server. */
  'nexus-portal-sign-out': { reason: 'signed-out' | 'everywhere' | 'ended' };
  /** The portal shows another page (its route, as in `#/account`). */
  'nexus-portal-navigate': { route: string };
  /** A confirm dialog closed: `confirmed` true for its confirm button, false for cancel or Escape. */
  'nexus-confirm-close': { confirmed: boolean };
  /** A data table's row was activated (Enter or a double click): its key. */
  'nexus-table-row-activate': { key: string };
  /** An admin page was answered 401: the account's session ended (the portal signs out). */
  'nexus-portal-session-ended': Record<string, never>;
  /** The text of a `<nexus-rich-text-editor>` changed: its sanitized HTML. */
  'nexus-editor-change': { value: string };
}

declare global {
  interface GlobalEventHandlersEventMap {
    'nexus-portal-sign-in': NexusEvent<'nexus-portal-sign-in'>;
    'nexus-portal-sign-out': NexusEvent<'nexus-portal-sign-out'>;
    'nexus-portal-navigate': NexusEvent<'nexus-portal-navigate'>;
    'nexus-confirm-close': NexusEvent<'nexus-confirm-close'>;
    'nexus-table-row-activate': NexusEvent<'nexus-table-row-activate'>;
    'nexus-portal-session-ended': NexusEvent<'nexus-portal-session-ended'>;
    'nexus-editor-change': NexusEvent<'nexus-editor-change'>;
  }
}
