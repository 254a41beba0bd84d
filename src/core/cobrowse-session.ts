/**
 * The working part of `client.cobrowse` (./cobrowse.ts): the request's state, consent, and the
 * recorder while sharing. A chunk of its own, loaded when the first co-browse frame arrives (an
 * agent asks), so pages without co-browse never load it; the recorder (./cobrowse-recorder.ts)
 * loads only after the person accepts.
 */
import type { CobrowseInfo, CobrowseWireFrame } from '../protocol/cobrowse.js';
import { ROUTES } from '../protocol/routes.js';
import type { CobrowseSettings } from '../protocol/schemas.js';
import { parsesAsSelector, type CobrowseEvents, type CobrowseOptions } from './cobrowse.js';
import type { Emitter } from './emitter.js';
import { NexusError } from './errors.js';
import type { LiveHandle } from './live.js';
import { loadRecorder } from './recorder-loader.js';

type RecorderModule = typeof import('./cobrowse-recorder.js');
type Recorder = ReturnType<RecorderModule['startRecorder']>;
type InputApplier = InstanceType<RecorderModule['InputApplier']>;

/** How long `accept()` waits for the server to confirm. */
const CONFIRM_MS = 10_000;
/** Shortest time between two full snapshots asked for by agents. */
const SNAPSHOT_GAP_MS = 1000;

/** The tenant's co-browse settings as the page uses them (invalid selectors left out). */
export interface TenantCobrowse {
  blockSelectors: string[];
  maskTextSelectors: string[];
  remoteClientUrl: string | null;
}

const NO_TENANT_SETTINGS: TenantCobrowse = { blockSelectors: [], maskTextSelectors: [], remoteClientUrl: null };

/** The selectors of a list that parse; each one that does not is reported and skipped. */
function usableSelectors(name: string, list: unknown, report: (error: NexusError) => void): string[] {
  if (!Array.isArray(list)) return [];
  return list.filter((selector): selector is string => {
    if (typeof selector === 'string' && selector.trim() && parsesAsSelector(selector)) return true;
    report(new NexusError('invalid_request', `the tenant's co-browse ${name} '${String(selector).slice(0, 80)}' is not a valid CSS selector; it was skipped`));
    return false;
  });
}

export class CobrowseSession {
  private info: CobrowseInfo | null = null;
  /**
   * The tenant's settings, fetched once when this part loads. Never rejects: a failure is an
   * `error` event and co-browse goes on with the page's and the built-in rules.
   */
  readonly tenant: Promise<TenantCobrowse>;
  private recorder?: Recorder;
  /** Shows the laser and applies the agent's inputs while sharing. */
  private inputs?: InputApplier;
  private accepting?: { id: string; resolve: () => void; reject: (error: NexusError) => void };
  private lastSnapshot = -Infinity;

  constructor(
    private readonly live: LiveHandle,
    private readonly events: Emitter<CobrowseEvents>,
    /** The privacy options of the service, as they are when `accept()` starts recording. */
    private readonly settings: () => Required<CobrowseOptions>,
  ) {
    const report = (error: NexusError) => this.events.emit('error', error);
    this.tenant = live.transport.request<CobrowseSettings>('GET', ROUTES.cobrowseSettings).then(
      (settings) => ({
        blockSelectors: usableSelectors('blockSelectors', settings?.blockSelectors, report),
        maskTextSelectors: usableSelectors('maskTextSelectors', settings?.maskTextSelectors, report),
        remoteClientUrl: typeof settings?.remoteClientUrl === 'string' ? settings.remoteClientUrl : null,
      }),
      (error: unknown) => {
        report(
          error instanceof NexusError
            ? new NexusError(error.code, `the tenant's co-browse settings could not be read (the built-in rules apply): ${error.message}`, error.status)
            : new NexusError('network_error', "the tenant's co-browse settings could not be read (the built-in rules apply)"),
        );
        return NO_TENANT_SETTINGS;
      },
    );
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

  /**
   * Accepts the pending request: tells the server, loads the recorder and starts sharing once
   * the server confirms. Rejects when no request is pending or the connection is down.
   */
  async accept(): Promise<void> {
    const info = this.info;
    if (!info || info.state !== 'pending') throw new NexusError('cobrowse_not_found', 'no co-browse request is waiting for an answer');
    if (this.accepting?.id === info.id) throw new NexusError('invalid_request', 'this request is being accepted already');
    if (this.remote) throw new NexusError('invalid_request', 'this session uses the remote-support client: call acceptRemote(), the tab is not recorded');
    // Starts loading the recorder while the server confirms; it runs only once confirmed.
    const module = loadRecorder();
    const confirmed = new Promise<void>((resolve, reject) => (this.accepting = { id: info.id, resolve, reject }));
    if (!this.send({ type: 'cobrowse.consent', id: info.id, accept: true })) {
      this.accepting = undefined;
      throw new NexusError('network_error', 'not connected to the support server: try again in a moment');
    }
    const timer = setTimeout(() => this.accepting?.reject(new NexusError('timeout', 'the server did not confirm co-browse')), CONFIRM_MS);
    try {
      await confirmed;
      const { startRecorder, InputApplier } = await module;
      const tenant = await this.tenant;
      if (this.info?.id !== info.id || this.info.state !== 'active') return; // ended meanwhile
      const options = this.settings();
      this.recorder = startRecorder({
        id: info.id,
        maskAllInputs: options.maskAllInputs,
        // Both apply: the page adds to the tenant's rules and cannot remove them.
        blockSelectors: [...tenant.blockSelectors, ...options.blockSelectors],
        maskTextSelectors: [...tenant.maskTextSelectors, ...options.maskTextSelectors],
        batchMs: options.batchMs,
        send: (frame) => this.send(frame),
        onError: (error) => this.events.emit('error', error),
      });
      const recorder = this.recorder;
      this.inputs = new InputApplier(() => ({
        node: (id) => recorder.node(id),
        blockSelector: recorder.blockSelector,
        control: this.info?.control === 'granted',
        agentName: info.agent.name,
      }));
      this.events.emit('state', { ...this.info });
    } finally {
      clearTimeout(timer);
      this.accepting = undefined;
    }
  }

  /** Whether the live session asked for the remote-support client instead of sharing the tab. */
  get remote(): boolean {
    return this.live.engine?.session?.data?.remoteConnectionType === 'remote';
  }

  /**
   * Remote mode: accepts the pending request by ending it in the browser (nothing is recorded;
   * the remote-support client takes over) and resolves to the tenant's client URL; null, with
   * the request still pending, when the tenant configured none.
   */
  async acceptRemote(): Promise<string | null> {
    const info = this.info;
    if (!info || info.state !== 'pending') throw new NexusError('cobrowse_not_found', 'no co-browse request is waiting for an answer');
    const { remoteClientUrl } = await this.tenant;
    if (!remoteClientUrl) return null;
    if (this.info?.id === info.id) this.stop('remote_client');
    return remoteClientUrl;
  }

  /** The person's answer to the agent's pending remote-control request. */
  answerControl(allow: boolean): void {
    const info = this.info;
    if (!info || info.state !== 'active' || info.control !== 'pending' || !this.recorder) return;
    this.send({ type: 'cobrowse.control-consent', id: info.id, accept: allow });
  }

  /** Takes remote control back (sharing goes on). */
  stopControl(): void {
    const info = this.info;
    if (!info || info.control === 'off') return;
    this.send({ type: 'cobrowse.control-end', id: info.id });
    // Applies at once here: no click of the agent lands after the person said stop.
    this.change({ ...info, control: 'off', at: Date.now() });
  }

  /** Declines the pending request (nothing was captured). */
  decline(): void {
    const info = this.info;
    if (!info || info.state !== 'pending') return;
    this.send({ type: 'cobrowse.consent', id: info.id, accept: false });
    this.change({ ...info, state: 'rejected', at: Date.now() });
  }

  /** Stops sharing (or withdraws from a pending request) at once. */
  stop(reason: 'customer' | 'remote_client' = 'customer'): void {
    const info = this.info;
    if (!info) return;
    this.send({ type: 'cobrowse.end', id: info.id, ...(reason === 'remote_client' && { reason }) });
    this.change({ ...info, state: 'ended', reason, control: 'off', at: Date.now() });
  }

  /** Stops the recorder (the client is being disposed). */
  dispose(): void {
    this.stopRecording();
  }

  private stopRecording() {
    this.recorder?.stop();
    this.recorder = undefined;
    this.inputs?.clear();
    this.inputs = undefined;
  }

  // -------------------------------------------------------------------------------------------

  private send(frame: Parameters<NonNullable<LiveHandle['engine']>['sendFrame']>[0]): boolean {
    return this.live.engine?.sendFrame(frame) ?? false;
  }

  /** Applies a new state: stops the recorder unless sharing goes on, and tells the page. */
  private change(info: CobrowseInfo) {
    const before = this.info;
    if (before && before.id === info.id && before.state === info.state && before.control === info.control) return;
    if (info.state !== 'active' || before?.id !== info.id) this.stopRecording();
    else if (info.control !== 'granted') this.inputs?.clear();
    this.info = info.state === 'pending' || info.state === 'active' ? info : null;
    if (info.state !== 'active' && this.accepting?.id === info.id) {
      this.accepting.reject(new NexusError('cobrowse_not_active', `the co-browse request was ${info.state}`));
    }
    this.events.emit('state', { ...info });
    if (info.state === 'pending' && before?.id !== info.id) this.events.emit('request', { ...info });
    if (info.state === 'active' && info.control === 'pending' && before?.control !== 'pending') this.events.emit('control-request', { ...info });
  }

  /** A co-browse frame from the server. */
  onFrame(frame: CobrowseWireFrame) {
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
      case 'cobrowse.input': {
        if (this.info?.id !== frame.id || !this.inputs) return;
        // The page checks control itself too: an input that raced a "stop control" never lands.
        const refused = this.inputs.apply(frame.input);
        this.events.emit('input', { agent: frame.agent, input: frame.input, refused });
        return;
      }
      case 'error':
        // A batch still on its way when the co-browse ended is refused: nothing went wrong.
        if (frame.code === 'cobrowse_not_active' && this.info === null && !this.accepting) return;
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
