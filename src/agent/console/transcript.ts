import type { ChatEvent } from '../../protocol/live.js';
import { Transcript as CoreTranscript } from '../../core/transcript.js';

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
 * The conversation of one session as the console shows it: the core transcript model (stored
 * events in `seq` order, then the agent's messages still on their way, each shown once however
 * its stored copy arrives) with the console's lines and outgoing states.
 */
export class Transcript {
  private readonly lines = new CoreTranscript<TranscriptItem>();
  /** The key of an acknowledged outgoing line by the seq it was stored as. */
  private readonly acknowledged = new Map<number, string>();

  get entries(): readonly TranscriptItem[] {
    return this.lines.values;
  }

  /** Highest stored seq received. */
  get lastSeq(): number {
    return this.lines.lastSeq;
  }

  /** Adds a stored event; returns false when it was already there. */
  add(event: ChatEvent): boolean {
    if (this.lines.has(event.seq)) return false;
    // The stored copy of a message sent from here takes its outgoing line's place.
    const key = event.clientId ? `c:${event.clientId}` : (this.acknowledged.get(event.seq) ?? `s:${event.seq}`);
    this.acknowledged.delete(event.seq);
    this.lines.put(key, event.seq, { key, seq: event.seq, event });
    return true;
  }

  /** Shows a message the agent is sending now. */
  addOutgoing(clientId: string, text: string, at = Date.now()): void {
    const key = `c:${clientId}`;
    if (this.lines.get(key)) return;
    this.lines.put(key, null, { key, seq: null, outgoing: { clientId, text, at, status: 'sending' } });
  }

  /**
   * The server stored the agent's message as `seq`. Until its event arrives the outgoing line
   * stays, now placed by that seq.
   */
  acknowledge(clientId: string, seq: number): void {
    const item = this.outgoing(clientId);
    if (!item?.outgoing || this.lines.has(seq)) return;
    this.acknowledged.set(seq, item.key);
    // Placed by its seq without counting as stored: the event itself is still to come.
    this.lines.put(item.key, seq, { ...item, seq, outgoing: { ...item.outgoing, status: 'sent', error: undefined } }, false);
  }

  /** Sending failed: the line stays, marked, so the agent can send it again. */
  fail(clientId: string, error: unknown): void {
    this.changeOutgoing(clientId, (outgoing) => ({ ...outgoing, status: 'failed', error }));
  }

  /** The text of a failed outgoing message, marked as sending again. */
  retry(clientId: string): string | undefined {
    if (this.outgoing(clientId)?.outgoing?.status !== 'failed') return undefined;
    this.changeOutgoing(clientId, (outgoing) => ({ ...outgoing, status: 'sending', error: undefined }));
    return this.outgoing(clientId)?.outgoing?.text;
  }

  /** Whether an outgoing message is still waiting for its stored event. */
  isPending(clientId: string): boolean {
    return !!this.outgoing(clientId);
  }

  /** The agent's line for `clientId` while it has no stored event. */
  private outgoing(clientId: string): TranscriptItem | undefined {
    const item = this.lines.get(`c:${clientId}`);
    return item && !item.event ? item : undefined;
  }

  private changeOutgoing(clientId: string, change: (outgoing: NonNullable<TranscriptItem['outgoing']>) => TranscriptItem['outgoing']): void {
    if (!this.outgoing(clientId)) return;
    this.lines.update(`c:${clientId}`, (item) => ({ ...item, outgoing: change(item.outgoing!) }));
  }
}
