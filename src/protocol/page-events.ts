/**
 * The events the customer elements fire on the page (`nexus-*`), by name, with their details:
 * what a host page hears, and what the embed page passes on to its parent by `postMessage`
 * (docs/embed.md), so the details are plain data. The elements dispatch them (see
 * src/components/shared/events.ts, which adds the agent console's); the reference server's embed
 * page names the ones it forwards from here.
 *
 * Types only.
 */
import type { RemoteConnectionType } from './page-config.js';

/** The details of the customer elements' events, by event name. */
export interface PageEventDetails {
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
    remoteConnectionType: RemoteConnectionType;
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

/** The name of a customer element event. */
export type PageEventName = keyof PageEventDetails;
