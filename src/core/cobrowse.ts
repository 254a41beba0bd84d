/**
 * `client.cobrowse`: the customer's side of co-browse, kept tiny. It hears the agent's request on
 * the live session's socket and tells the page (`request`), and only after `accept()` loads the
 * recorder chunk (./cobrowse-recorder.ts, rrweb's recorder) and streams the tab. See
 * docs/cobrowse.md.
 */
import { COBROWSE_LIMITS } from '../protocol/api.js';
import type { CobrowseInfo, CobrowseWireFrame } from '../protocol/cobrowse.js';
import { Emitter, type Listener } from './emitter.js';
import { NexusError } from './errors.js';
import type { LiveHandle } from './live.js';

type RecorderModule = typeof import('./cobrowse-recorder.js');
type Recorder = ReturnType<RecorderModule['startRecorder']>;

/** Privacy and pacing of co-browse (`NexusClientOptions.cobrowse`). */
export interface CobrowseOptions {
  /**
   * Mask every input, select and textarea value before it leaves the page (default true).
   * Password fields are masked either way.
   */
  maskAllInputs?: boolean;
  /**
   * CSS selectors of elements never captured (the agent sees an empty box), added to the
   * built-in ones: `[data-nexus-redact]` and card fields (`input[autocomplete^="cc-"]`).
   */
  blockSelectors?: string[];
  /** CSS selectors of elements whose text is masked (shown as asterisks). */
  maskTextSelectors?: string[];
  /** How long events are collected before being sent as one batch, in ms (default 80). */
  batchMs?: number;
}

/** Events of `client.cobrowse`. */
export interface CobrowseEvents {
  /** An agent asks to see this tab: ask the person, then call `accept()` or `decline()`. */
  request: CobrowseInfo;
  /** The co-browse changed: pending, active (sharing), rejected or ended (with `reason`). */
  state: CobrowseInfo;
  /** Something about co-browse failed (a refused frame, a batch too large). */
  error: NexusError;
}

/** How long `accept()` waits for the server to confirm. */
const CONFIRM_MS = 10_000;
/** Shortest time between two full snapshots asked for by agents. */
const SNAPSHOT_GAP_MS = 1000;

/** Checks selectors early, so a typo is a clear error and not a recorder that fails later. */
function checkSelectors(name: string, selectors: unknown): string[] {
  if (selectors === undefined) return [];
  if (!Array.isArray(selectors)) throw new NexusError('invalid_request', `cobrowse.${name} must be an array of CSS selectors`);
  const probe = typeof document === 'undefined' ? undefined : document.createDocumentFragment();
  for (const selector of selectors) {
    if (typeof selector !== 'string' || !selector.trim()) {
      throw new NexusError('invalid_request', `cobrowse.${name}: every selector must be a non-empty string`);
    }
    try {
      probe?.querySelector(selector);
    } catch {
      throw new NexusError('invalid_request', `cobrowse.${name}: '${selector}' is not a valid CSS selector`);
    }
  }
  return [...selectors];
}

/**
 * Co-browse for the person on the page: an agent of their live session asks to see the tab;
 * nothing about the page is captured until the person accepts. While sharing, `stop()` ends it
 * at any time; ending the chat ends it too.
 *
 * ```ts
 * client.cobrowse.on('request', (req) => confirm(`${req.agent.name} asks to see this page`)
 *   ? client.cobrowse.accept() : client.cobrowse.decline());
 * ```
 */
export class CobrowseService {
  private readonly events = new Emitter<CobrowseEvents>();
  private info: CobrowseInfo | null = null;
  private recorder?: Recorder;
  private accepting?: { id: string; resolve: () => void; reject: (error: NexusError) => void };
  private options: Required<CobrowseOptions>;
  private lastSnapshot = -Infinity;

  constructor(
    private readonly live: LiveHandle,
    options: CobrowseOptions = {},
  ) {
    this.options = this.check(options);
    live.wire.on('cobrowse', (frame) => this.onFrame(frame));
    live.events.on('session.close', () => this.endHere('chat_ended'));
    // The server ends a co-browse whose sharing connection closed; a reconnect does not resume it.
    live.events.on('connection.user.lost', () => {
      if (this.info?.state === 'active') this.endHere('disconnected');
    });
  }

  /** The co-browse request waiting for an answer, or the one being shared; null otherwise. */
  get current(): CobrowseInfo | null {
    return this.info && { ...this.info };
  }

  /** Whether this tab is being shared now. */
  get sharing(): boolean {
    return this.recorder !== undefined;
  }

  /** Changes the privacy options; they apply from the next `accept()`. */
  configure(options: CobrowseOptions): void {
    this.options = this.check({ ...this.options, ...options });
  }

  /**
   * Accepts the pending request: tells the server, loads the recorder and starts sharing once
   * the server confirms. Rejects when no request is pending or the connection is down.
   */
  async accept(): Promise<void> {
    const info = this.info;
    if (!info || info.state !== 'pending') throw new NexusError('cobrowse_not_found', 'no co-browse request is waiting for an answer');
    if (this.accepting?.id === info.id) throw new NexusError('invalid_request', 'this request is being accepted already');
    // Starts loading the recorder while the server confirms; it runs only once confirmed.
    const module = import('./cobrowse-recorder.js');
    const confirmed = new Promise<void>((resolve, reject) => (this.accepting = { id: info.id, resolve, reject }));
    if (!this.send({ type: 'cobrowse.consent', id: info.id, accept: true })) {
      this.accepting = undefined;
      throw new NexusError('network_error', 'not connected to the support server: try again in a moment');
    }
    const timer = setTimeout(() => this.accepting?.reject(new NexusError('timeout', 'the server did not confirm co-browse')), CONFIRM_MS);
    try {
      await confirmed;
      const { startRecorder } = await module;
      if (this.info?.id !== info.id || this.info.state !== 'active') return; // ended meanwhile
      this.recorder = startRecorder({
        id: info.id,
        maskAllInputs: this.options.maskAllInputs,
        blockSelectors: this.options.blockSelectors,
        maskTextSelectors: this.options.maskTextSelectors,
        batchMs: this.options.batchMs,
        send: (frame) => this.send(frame),
        onError: (error) => this.events.emit('error', error),
      });
      this.events.emit('state', { ...this.info });
    } finally {
      clearTimeout(timer);
      this.accepting = undefined;
    }
  }

  /** Declines the pending request (nothing was captured). */
  decline(): void {
    const info = this.info;
    if (!info || info.state !== 'pending') return;
    this.send({ type: 'cobrowse.consent', id: info.id, accept: false });
    this.change({ ...info, state: 'rejected', at: Date.now() });
  }

  /** Stops sharing (or withdraws from a pending request) at once. */
  stop(): void {
    const info = this.info;
    if (!info) return;
    this.send({ type: 'cobrowse.end', id: info.id });
    this.change({ ...info, state: 'ended', reason: 'customer', at: Date.now() });
  }

  on<K extends keyof CobrowseEvents>(name: K, listener: Listener<CobrowseEvents[K]>): () => void {
    return this.events.on(name, listener);
  }

  off<K extends keyof CobrowseEvents>(name: K, listener: Listener<CobrowseEvents[K]>): void {
    this.events.off(name, listener);
  }

  /** Stops the recorder (the client is being disposed). */
  dispose(): void {
    this.recorder?.stop();
    this.recorder = undefined;
  }

  // -------------------------------------------------------------------------------------------

  private check(options: CobrowseOptions): Required<CobrowseOptions> {
    if (options.maskAllInputs !== undefined && typeof options.maskAllInputs !== 'boolean') {
      throw new NexusError('invalid_request', 'cobrowse.maskAllInputs must be true or false');
    }
    const batchMs = options.batchMs ?? COBROWSE_LIMITS.batchMs;
    if (!Number.isInteger(batchMs) || batchMs < 10 || batchMs > 1000) {
      throw new NexusError('invalid_request', 'cobrowse.batchMs must be an integer from 10 to 1000');
    }
    return {
      maskAllInputs: options.maskAllInputs ?? true,
      blockSelectors: checkSelectors('blockSelectors', options.blockSelectors),
      maskTextSelectors: checkSelectors('maskTextSelectors', options.maskTextSelectors),
      batchMs,
    };
  }

  private send(frame: Parameters<NonNullable<LiveHandle['engine']>['sendFrame']>[0]): boolean {
    return this.live.engine?.sendFrame(frame) ?? false;
  }

  /** Applies a new state: stops the recorder unless sharing goes on, and tells the page. */
  private change(info: CobrowseInfo) {
    const before = this.info;
    if (before && before.id === info.id && before.state === info.state) return;
    if (info.state !== 'active' || before?.id !== info.id) {
      this.recorder?.stop();
      this.recorder = undefined;
    }
    this.info = info.state === 'pending' || info.state === 'active' ? info : null;
    if (info.state !== 'active' && this.accepting?.id === info.id) {
      this.accepting.reject(new NexusError('cobrowse_not_active', `the co-browse request was ${info.state}`));
    }
    this.events.emit('state', { ...info });
    if (info.state === 'pending') this.events.emit('request', { ...info });
  }

  private onFrame(frame: CobrowseWireFrame) {
    switch (frame.type) {
      case 'cobrowse':
        // Another tab's answer to the same request also arrives here: this tab records only if
        // it accepted itself (the server relays events from the accepting connection only).
        if (frame.cobrowse.state === 'active' && this.accepting?.id === frame.cobrowse.id) {
          // `state` is emitted by accept() once the recorder runs.
          this.info = frame.cobrowse;
          this.accepting.resolve();
          return;
        }
        if (this.info === null && frame.cobrowse.state !== 'pending') return; // already settled here
        this.change(frame.cobrowse);
        return;
      case 'cobrowse.snapshot-request':
        // A full snapshot costs the page: at most one per SNAPSHOT_GAP_MS, however often asked.
        if (this.info?.id === frame.id && this.recorder && performance.now() - this.lastSnapshot >= SNAPSHOT_GAP_MS) {
          this.lastSnapshot = performance.now();
          this.recorder.snapshot();
        }
        return;
      case 'error':
        this.events.emit('error', new NexusError(frame.code, frame.message, frame.code === 'cobrowse_rate_limited' ? 429 : 400));
        return;
      default:
        return;
    }
  }

  /** Ends the co-browse on this side (the server ends it on its own for the same cause). */
  private endHere(reason: 'chat_ended' | 'disconnected') {
    if (this.info) this.change({ ...this.info, state: 'ended', reason, at: Date.now() });
  }
}
