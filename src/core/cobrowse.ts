/**
 * `client.cobrowse`: the customer's side of co-browse, kept tiny. It checks the options and
 * holds the listeners; the first co-browse frame on the live socket (an agent asks) loads the
 * working part (./cobrowse-session.ts), and only `accept()` loads the recorder chunk
 * (./cobrowse-recorder.ts, rrweb's recorder). See docs/cobrowse.md.
 */
import { COBROWSE_LIMITS } from '../protocol/api.js';
import type { CobrowseInfo, CobrowseInput, CobrowseWireFrame } from '../protocol/cobrowse.js';
import type { LiveSession, SessionData } from '../protocol/live.js';
import type { InputRefusal } from './cobrowse-input.js';
import type { CobrowseSession } from './cobrowse-session.js';
import { Emitter, type Listener } from './emitter.js';
import { NexusError } from './errors.js';
import type { LiveHandle } from './live.js';

/** Privacy and pacing of co-browse (`NexusClientOptions.cobrowse`). */
export interface CobrowseOptions {
  /**
   * Mask every input, select and textarea value before it leaves the page (default true). A
   * masked value is sent as one fixed mask whatever its length (an empty text field as empty),
   * and a select is masked together with its options, so the agent cannot tell which one is
   * chosen. Password fields and fields whose `autocomplete` says `current-password`,
   * `new-password` or `one-time-code` are masked either way.
   */
  maskAllInputs?: boolean;
  /**
   * CSS selectors of elements never captured (the agent sees an empty box), added to the
   * built-in ones: `[data-nexus-redact]`, hidden and file inputs, and card fields (an input,
   * select or textarea whose `autocomplete` has a card token such as `cc-number` or
   * `billing cc-exp-month`, in any letter case).
   */
  blockSelectors?: string[];
  /** CSS selectors of elements whose text is masked (each text sent as one fixed mask). */
  maskTextSelectors?: string[];
  /** How long events are collected before being sent as one batch, in ms (default 50). */
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
  /**
   * The agent asks for remote control of this tab (a second consent): ask the person, then call
   * `allowControl()` or `declineControl()`. `state` events follow every change of `control`.
   */
  'control-request': CobrowseInfo;
  /**
   * What the agent did: the laser, a highlight or (with control) a click, scroll, text or key;
   * `refused` says why it was not applied (`not_allowed`: a `data-nexus-no-control` or redacted
   * element, or a password, hidden or file input).
   */
  input: { agent: { id: string; name: string }; input: CobrowseInput; refused: InputRefusal | null };
}

/** Checks selectors early, so a typo is a clear error and not a recorder that fails later. */
function checkSelectors(name: string, selectors: unknown): string[] {
  if (selectors === undefined) return [];
  if (!Array.isArray(selectors)) throw new NexusError('invalid_request', `cobrowse.${name} must be an array of CSS selectors`);
  for (const selector of selectors) {
    if (typeof selector !== 'string' || !selector.trim()) {
      throw new NexusError('invalid_request', `cobrowse.${name}: every selector must be a non-empty string`);
    }
    if (!parsesAsSelector(selector)) throw new NexusError('invalid_request', `cobrowse.${name}: '${selector}' is not a valid CSS selector`);
  }
  return [...selectors];
}

/** Whether the browser parses `selector` (true where there is no DOM to ask). */
export function parsesAsSelector(selector: string): boolean {
  if (typeof document === 'undefined') return true;
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
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
  private options: Required<CobrowseOptions>;
  private session?: CobrowseSession;
  private loading?: Promise<CobrowseSession>;
  /** Frames that came while the session module loaded, in order. */
  private readonly early: CobrowseWireFrame[] = [];
  private disposed = false;

  constructor(
    private readonly live: LiveHandle,
    options: CobrowseOptions = {},
  ) {
    this.options = check(options);
    live.wire.on('cobrowse', (frame) => {
      if (this.session) this.session.onFrame(frame);
      else {
        this.early.push(frame);
        void this.load();
      }
    });
  }

  /** The co-browse request waiting for an answer, or the one being shared; null otherwise. */
  get current(): CobrowseInfo | null {
    return this.session?.current ?? null;
  }

  /** Whether this tab is being shared now. */
  get sharing(): boolean {
    return this.session?.sharing ?? false;
  }

  /**
   * A 6-digit co-browse code for a person on the phone with an agent, with no chat: starts a
   * live session of kind `call` (marked `data.purpose = "cobrowse"`), which is never offered to
   * the queue; the agent finds it by its code (`AgentClient.joinCobrowse(code)`), joins it and
   * asks to co-browse, and the person is asked as usual (`request`). When a live session is
   * going already, its code serves.
   */
  async requestCode(options: { skill?: string; data?: SessionData } = {}): Promise<{ code: string; session: LiveSession }> {
    const engine = await this.live.load();
    const session = await engine.request({ mode: 'call', skill: options.skill, data: { ...options.data, purpose: 'cobrowse' } });
    return { code: session.code, session };
  }

  /** Changes the privacy options; they apply from the next `accept()`. */
  configure(options: CobrowseOptions): void {
    this.options = check({ ...this.options, ...options });
  }

  /**
   * Accepts the pending request: tells the server, loads the recorder and starts sharing once
   * the server confirms. Rejects when no request is pending or the connection is down.
   */
  async accept(): Promise<void> {
    const session = this.session ?? (this.loading && (await this.loading));
    if (!session) throw new NexusError('cobrowse_not_found', 'no co-browse request is waiting for an answer');
    return session.accept();
  }

  /**
   * Whether the live session asked for the remote-support client (`data.remoteConnectionType`
   * is "remote"): then `acceptRemote()` answers, and the tab is never recorded.
   */
  get remote(): boolean {
    return this.session?.remote ?? false;
  }

  /**
   * Remote mode: ends the pending request in the browser and resolves to the tenant's
   * remote-support client URL to download; null (the request stays pending) when none is set.
   */
  async acceptRemote(): Promise<string | null> {
    const session = this.session ?? (this.loading && (await this.loading));
    if (!session) throw new NexusError('cobrowse_not_found', 'no co-browse request is waiting for an answer');
    return session.acceptRemote();
  }

  /** Declines the pending request (nothing was captured). */
  decline(): void {
    this.session?.decline();
  }

  /** Allows the agent's pending remote-control request: their clicks, scrolls and typing apply here. */
  allowControl(): void {
    this.session?.answerControl(true);
  }

  /** Declines the agent's pending remote-control request (sharing goes on). */
  declineControl(): void {
    this.session?.answerControl(false);
  }

  /** Takes remote control back from the agent (sharing goes on). */
  stopControl(): void {
    this.session?.stopControl();
  }

  /** Stops sharing (or withdraws from a pending request) at once. */
  stop(): void {
    this.session?.stop();
  }

  on<K extends keyof CobrowseEvents>(name: K, listener: Listener<CobrowseEvents[K]>): () => void {
    return this.events.on(name, listener);
  }

  off<K extends keyof CobrowseEvents>(name: K, listener: Listener<CobrowseEvents[K]>): void {
    this.events.off(name, listener);
  }

  /** Stops the recorder (the client is being disposed). */
  dispose(): void {
    this.disposed = true;
    this.session?.dispose();
  }

  private load(): Promise<CobrowseSession> {
    this.loading ??= import('./cobrowse-session.js').then(({ CobrowseSession }) => {
      const session = new CobrowseSession(this.live, this.events, () => this.options);
      this.session = session;
      for (const frame of this.early.splice(0)) session.onFrame(frame);
      if (this.disposed) session.dispose();
      return session;
    });
    return this.loading;
  }
}

/** The options with their defaults, or a clear error. */
function check(options: CobrowseOptions): Required<CobrowseOptions> {
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
