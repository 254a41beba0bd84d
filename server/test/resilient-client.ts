/**
 * A live client that behaves like the library's over a crash: it reconnects (here through the
 * balancer) whenever its connection drops, asks for what it missed (`since` for a customer,
 * `subscribe` for an agent), sends again every message the server has not acknowledged, with the
 * same clientId, and keeps the transcript by seq (an event it has already is not added again).
 */
import WebSocket from 'ws';
import { ROUTES } from '../../src/protocol/routes.js';
import { uid } from './helpers.js';

export interface Received {
  seq: number;
  clientId?: string;
  text?: string;
}

export class ResilientClient {
  /** The session's messages by seq, in order, each once. */
  readonly transcript: Received[] = [];
  /** How many times a connection dropped. */
  drops = 0;
  /** The texts of the messages the server acknowledged, in the order of the acknowledgements. */
  readonly acked: string[] = [];
  /** The seq of every event of the session as it came, repeats included. */
  readonly arrivals: number[] = [];
  /** The error frames the server sent (code: message). */
  readonly errors: string[] = [];
  private readonly outbox = new Map<string, string>();
  private ws?: WebSocket;
  private welcomed = false;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly role: 'customer' | 'agent',
    private readonly sessionId: string,
  ) {}

  /**
   * The seq up to which the transcript has every event: what a reconnect asks to follow from.
   * Events can come out of order (an agent's own sessions are followed live from the welcome on,
   * before `subscribe` replays what came before), so a later one may be there before an earlier.
   */
  get lastSeq() {
    let last = this.transcript[0]?.seq ?? 0;
    for (const r of this.transcript) if (r.seq === last + 1) last = r.seq;
    return last;
  }

  /** Adds an event to the transcript in seq order, unless it is there already. */
  private keep(received: Received) {
    if (this.transcript.some((r) => r.seq === received.seq)) return;
    const at = this.transcript.findIndex((r) => r.seq > received.seq);
    this.transcript.splice(at < 0 ? this.transcript.length : at, 0, received);
  }

  /** Messages sent and not acknowledged yet. */
  get pending() {
    return this.outbox.size;
  }

  start(): Promise<void> {
    return new Promise((ready) => this.connect(ready));
  }

  private connect(ready?: () => void) {
    if (this.stopped) return;
    const ws = new WebSocket(`${this.url.replace(/^http/, 'ws')}${ROUTES.liveSocket}`);
    this.ws = ws;
    this.welcomed = false;
    ws.on('error', () => undefined);
    ws.on('open', () => {
      ws.send(JSON.stringify({ type: 'hello', token: this.token, ...(this.role === 'customer' && { since: this.lastSeq }) }));
    });
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data));
      if (frame.type === 'event' && frame.sessionId === this.sessionId) this.arrivals.push(frame.event.seq);
      if (frame.type === 'welcome') {
        this.welcomed = true;
        if (this.role === 'agent') ws.send(JSON.stringify({ type: 'subscribe', sessionId: this.sessionId, since: this.lastSeq }));
        for (const [clientId, text] of this.outbox) this.transmit(clientId, text);
        ready?.();
      } else if (frame.type === 'error') {
        this.errors.push(`${frame.code}: ${frame.message}${frame.ref ? ` (${frame.ref})` : ''}`);
      } else if (frame.type === 'ack') {
        const text = this.outbox.get(frame.clientId);
        if (text !== undefined) this.acked.push(text);
        this.outbox.delete(frame.clientId);
      } else if (frame.type === 'event' && frame.sessionId === this.sessionId) {
        const { seq, type, clientId, text } = frame.event;
        this.keep(type === 'message' ? { seq, clientId, text } : { seq });
      }
    });
    ws.on('close', () => {
      if (this.stopped) return;
      this.drops++;
      setTimeout(() => this.connect(ready), 100);
    });
  }

  private transmit(clientId: string, text: string) {
    this.ws!.send(JSON.stringify({ type: 'message', clientId, text, ...(this.role === 'agent' && { sessionId: this.sessionId }) }));
  }

  /** Sends a message now if connected, else as soon as the connection is back. */
  say(text: string) {
    const clientId = uid(`${this.role}-msg`);
    this.outbox.set(clientId, text);
    if (this.welcomed && this.ws?.readyState === WebSocket.OPEN) this.transmit(clientId, text);
  }

  /** The messages of the transcript, in order. */
  messages() {
    return this.transcript.filter((r) => r.text !== undefined);
  }

  stop() {
    this.stopped = true;
    this.ws?.terminate();
  }
}
