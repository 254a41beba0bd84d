import type { ChatEvent } from '../../protocol/live.js';

/** One line of a conversation as the console shows it. */
export interface TranscriptItem {
  /** Stable key for rendering: `c:<clientId>` for messages with a client id, else `s:<seq>`. */
  key: string;
  /** Position in the session; null while the agent's own message is not stored yet. */
  seq: number | null;
  /** The stored event, once there is one. */
  event?: ChatEvent;
  /** The agent's own message before the server stored it. */
  outgoing?: { clientId: string; text: string; at: number; status: 'sending' | 'sent' | 'failed'; error?: unknown };
}

/**
 * The conversation of one session: stored events in `seq` order, then the agent's messages that
 * are still on their way. Every event is shown once, however it arrives (history page, live
 * frame, replay after a reconnect, or the answer to the agent's own send): events are matched by
 * `seq`, and the agent's own messages also by their `clientId`.
 */
export class Transcript {
  private items: TranscriptItem[] = [];
  private readonly seqs = new Set<number>();
  private readonly byClientId = new Map<string, TranscriptItem>();
  /** Highest stored seq received. */
  lastSeq = 0;

  get entries(): readonly TranscriptItem[] {
    return this.items;
  }

  /** Adds a stored event; returns false when it was already there. */
  add(event: ChatEvent): boolean {
    if (this.seqs.has(event.seq)) return false;
    this.seqs.add(event.seq);
    this.lastSeq = Math.max(this.lastSeq, event.seq);
    const own =
      (event.clientId ? this.byClientId.get(event.clientId) : undefined) ??
      this.items.find((item) => !item.event && item.seq === event.seq);
    if (own && own.event === undefined) {
      // The stored copy of a message sent from here: it takes the outgoing line's place.
      this.items.splice(this.items.indexOf(own), 1);
    }
    const item: TranscriptItem = { key: event.clientId ? `c:${event.clientId}` : `s:${event.seq}`, seq: event.seq, event };
    if (event.clientId) this.byClientId.set(event.clientId, item);
    this.insert(item);
    return true;
  }

  /** Shows a message the agent is sending now. */
  addOutgoing(clientId: string, text: string, at = Date.now()): void {
    if (this.byClientId.has(clientId)) return;
    const item: TranscriptItem = { key: `c:${clientId}`, seq: null, outgoing: { clientId, text, at, status: 'sending' } };
    this.byClientId.set(clientId, item);
    this.items.push(item);
  }

  /**
   * The server stored the agent's message as `seq`. Until its event arrives the outgoing line
   * stays, now placed by that seq.
   */
  acknowledge(clientId: string, seq: number): void {
    const item = this.byClientId.get(clientId);
    if (!item || item.event || !item.outgoing) return;
    item.seq = seq;
    item.outgoing = { ...item.outgoing, status: 'sent', error: undefined };
    this.items.splice(this.items.indexOf(item), 1);
    this.insert(item);
  }

  /** Sending failed: the line stays, marked, so the agent can send it again. */
  fail(clientId: string, error: unknown): void {
    const item = this.byClientId.get(clientId);
    if (!item?.outgoing || item.event) return;
    item.outgoing = { ...item.outgoing, status: 'failed', error };
  }

  /** The text of a failed outgoing message, marked as sending again. */
  retry(clientId: string): string | undefined {
    const item = this.byClientId.get(clientId);
    if (!item?.outgoing || item.event || item.outgoing.status !== 'failed') return undefined;
    item.outgoing = { ...item.outgoing, status: 'sending', error: undefined };
    return item.outgoing.text;
  }

  /** Whether an outgoing message is still waiting for its stored event. */
  isPending(clientId: string): boolean {
    const item = this.byClientId.get(clientId);
    return !!item && !item.event;
  }

  /** Stored items by seq; items without a seq (still sending) keep their order at the end. */
  private insert(item: TranscriptItem): void {
    const seq = item.seq ?? Infinity;
    let i = this.items.length;
    while (i > 0 && (this.items[i - 1].seq ?? Infinity) > seq) i--;
    this.items.splice(i, 0, item);
  }
}
