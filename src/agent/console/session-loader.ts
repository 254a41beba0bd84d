import type { LiveSession } from '../../protocol/live.js';
import type { AgentClient } from '../agent-client.js';
import type { ConsoleStore } from './console-store.js';

/** What the loader needs from the console. */
export interface LoaderHost {
  readonly store: ConsoleStore;
  client(): AgentClient | undefined;
  /** Whether this agent handles the session. */
  isMine(session: LiveSession | undefined): boolean;
  /** A view of a session from the server (merged by the store; the console announces an end). */
  upsert(session: LiveSession): void;
  reportError(error: unknown): void;
  scrollTranscript(): void;
}

/**
 * Loads what the console shows of a session into the store: its conversation (every page of
 * events after the last one known, then following it live) and the customer's details, and tells
 * the customer what this agent has read. An answer that comes after the client changed is dropped.
 */
export class SessionLoader {
  constructor(private readonly host: LoaderHost) {}

  /** Loads the events of a session after the last one known, then follows it live. */
  async loadThread(sessionId: string): Promise<void> {
    const client = this.host.client();
    if (!client) return;
    const thread = this.host.store.loadingThread(sessionId);
    try {
      let after = thread.transcript.lastSeq;
      for (;;) {
        const page = await client.eventsAfter(sessionId, after);
        if (client !== this.host.client()) return;
        for (const event of page.items) thread.transcript.add(event);
        const last = page.items.at(-1)?.seq ?? after;
        if (!page.more || last <= after) break;
        after = last;
      }
      this.host.store.threadLoaded(thread);
      if (sessionId === this.host.store.selectedId || this.host.isMine(this.host.store.sessions.get(sessionId))) {
        client.subscribe(sessionId, thread.transcript.lastSeq);
      }
      this.markSeen(sessionId);
    } catch (error) {
      if (client !== this.host.client()) return;
      this.host.store.threadFailed(thread, error);
      this.host.reportError(error);
    }
    if (sessionId === this.host.store.selectedId) this.host.scrollTranscript();
  }

  async loadDetail(sessionId: string): Promise<void> {
    const client = this.host.client();
    if (!client) return;
    this.host.store.detailLoading(sessionId);
    try {
      const detail = await client.session(sessionId);
      if (client !== this.host.client()) return;
      this.host.store.detailLoaded(sessionId, detail);
      this.host.upsert(detail.session);
    } catch (error) {
      if (client !== this.host.client()) return;
      this.host.store.detailFailed(sessionId, error);
      this.host.reportError(error);
    }
  }

  /** Tells the customer this agent has read the conversation (only the agent's own, active sessions). */
  markSeen(sessionId: string): void {
    const thread = this.host.store.threads.get(sessionId);
    const session = this.host.store.sessions.get(sessionId);
    const client = this.host.client();
    if (!client || !thread || thread.phase !== 'ready' || sessionId !== this.host.store.selectedId) return;
    if (!this.host.isMine(session) || session?.state !== 'active') return;
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return;
    const last = thread.transcript.lastSeq;
    if (last > thread.markedSeen) {
      thread.markedSeen = last;
      client.markSeen(sessionId, last);
    }
  }
}
