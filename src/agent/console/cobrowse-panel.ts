import { html, nothing } from 'lit';
import type { NexusError } from '../../core/errors.js';
import type { CobrowseInfo } from '../../protocol/cobrowse.js';
import type { LiveSession } from '../../protocol/live.js';
import type { StringKey } from '../../i18n/strings.js';
import type { AgentClient } from '../agent-client.js';
import type { CobrowseViewer } from '../../components/cobrowse-player/cobrowse-replayer.js';
import { fitScreen, sizeStage } from '../../components/cobrowse-player/replay-stage.js';
import type { CobrowseTools } from './cobrowse-tools.js';

/** After the customer accepts, how long the view waits for the recorder's first snapshot before asking for one. */
const FIRST_SNAPSHOT_WAIT_MS = 2500;

/**
 * The live view's modules, imported the first time a view opens and never before: rrweb's
 * replayer and the agent's tools on the view (laser, remote control), chunks of their own, not
 * part of the console's bundle.
 */
let viewModules: Promise<[typeof import('../../components/cobrowse-player/cobrowse-replayer.js'), typeof import('./cobrowse-tools.js')]> | undefined;
const loadView = () => (viewModules ??= Promise.all([import('../../components/cobrowse-player/cobrowse-replayer.js'), import('./cobrowse-tools.js')]));

/** The co-browse view of the open session (at most one at a time). */
interface ViewState {
  sessionId: string;
  /** The co-browse request it shows. */
  id: string;
  viewer?: CobrowseViewer;
  /** Batches that came while the replayer module loads. */
  pending: unknown[][];
  /** The replayer rebuilt a full snapshot: the page is on screen. */
  showing: boolean;
  size?: { width: number; height: number };
  snapshotTimer?: ReturnType<typeof setTimeout>;
  resize?: ResizeObserver;
  closed: boolean;
}

/** What the co-browse panel needs from the console it is part of. */
export interface CobrowseHost {
  client(): AgentClient | undefined;
  /** The open session's id. */
  selectedId(): string | undefined;
  sessions(): ReadonlyMap<string, LiveSession>;
  /** Whether this agent handles the session (and so may co-browse). */
  canReply(session: LiveSession | undefined): boolean;
  errorText(error: unknown): string;
  t(key: StringKey, values?: Record<string, string | number>): string;
  /** The console's shadow root (where the view's stage is rendered). */
  root(): ShadowRoot;
  /** Resolves after the console's next render. */
  updated(): Promise<unknown>;
  requestUpdate(): void;
  reportError(error: unknown): void;
}

/**
 * The co-browse part of the console: the state of each session's co-browse, Connect and End
 * co-browse, and the live view of the open session (rrweb's replayer, loaded the first time a view
 * opens, in a sandboxed iframe) with the laser and remote-control tools. The console tells it what
 * the socket says (`onState`, `onEvents`, `onRefused`, `onReconnected`), renders its `renderButton`
 * and `render` in the conversation, and calls `sync` after each render to open or close the view.
 */
export class CobrowsePanel {
  constructor(private readonly host: CobrowseHost) {}

  /** The co-browse of each session as last heard (pending, active, rejected, ended). */
  private readonly cobrowses = new Map<string, CobrowseInfo>();
  /** Sessions where Connect was pressed and the server has not answered yet. */
  private readonly asking = new Set<string>();
  /** Sessions whose co-browse this console saw turn active (so the recorder's first snapshot is on its way). */
  private readonly seenStarting = new Set<string>();
  /** Why Connect or End co-browse failed, or why the view could not load (a message), by session. */
  private readonly errors = new Map<string, unknown>();
  private view?: ViewState;
  /** The laser and remote-control tools of the live view (once its modules loaded). */
  private tools?: CobrowseTools;

  /** Forgets every session's co-browse and closes the view (signing out, or a new client). */
  reset(): void {
    this.closeView();
    this.cobrowses.clear();
    this.asking.clear();
    this.seenStarting.clear();
    this.errors.clear();
  }

  /** Events of the customer's tab: to the open view (buffered while the replayer loads). */
  onEvents(sessionId: string, id: string, events: unknown[]): void {
    const view = this.view;
    if (!view || view.sessionId !== sessionId || view.id !== id) return;
    if (view.viewer) view.viewer.add(events);
    // While the replayer loads (a bounded buffer: a full snapshot comes in a few batches).
    else if (view.pending.length < 1000) view.pending.push(events);
  }

  /** Events were missed while disconnected: the open view starts again from a fresh snapshot. */
  onReconnected(): void {
    if (this.view) this.askSnapshot(this.view.sessionId);
  }


  /** The session's co-browse as last heard (kept after it was declined or ended, to say so). */
  private cobrowseOf(sessionId: string): CobrowseInfo | undefined {
    return this.cobrowses.get(sessionId) ?? this.host.client()?.cobrowse(sessionId) ?? undefined;
  }

  private cobrowseLive(session: LiveSession): CobrowseInfo | undefined {
    const info = this.cobrowseOf(session.id);
    return session.state !== 'ended' && (info?.state === 'pending' || info?.state === 'active') ? info : undefined;
  }

  onState(sessionId: string, cobrowse: CobrowseInfo): void {
    const before = this.cobrowses.get(sessionId);
    this.asking.delete(sessionId);
    this.errors.delete(sessionId);
    if (cobrowse.state === 'active' && before?.state === 'pending' && before.id === cobrowse.id) {
      this.seenStarting.add(sessionId);
    }
    this.cobrowses.set(sessionId, cobrowse);
    this.host.requestUpdate();
    // The state line is a live region that is always there: the change is announced.
    if (sessionId === this.host.selectedId()) this.keepCobrowseFocus();
  }

  /** The server refused a co-browse frame while Connect waits for an answer: show why. */
  onRefused(error: NexusError): void {
    if (!this.asking.size) return;
    const related = ['forbidden', 'session_not_found', 'frame_invalid'].includes(error.code) || error.code.startsWith('cobrowse_');
    if (!related) return;
    for (const id of this.asking) this.errors.set(id, error);
    this.asking.clear();
    this.host.requestUpdate();
    this.keepCobrowseFocus();
  }

  connect(sessionId: string): void {
    const client = this.host.client();
    if (!client || this.asking.has(sessionId)) return;
    this.errors.delete(sessionId);
    try {
      client.requestCobrowse(sessionId);
      this.asking.add(sessionId);
    } catch (error) {
      this.errors.set(sessionId, error);
      this.host.reportError(error);
    }
    this.host.requestUpdate();
    this.keepCobrowseFocus();
  }

  end(sessionId: string): void {
    const client = this.host.client();
    if (!client) return;
    this.errors.delete(sessionId);
    try {
      client.endCobrowse(sessionId);
    } catch (error) {
      this.errors.set(sessionId, error);
      this.host.reportError(error);
    }
    this.asking.delete(sessionId);
    this.host.requestUpdate();
  }

  /** When Connect or End co-browse (focused) is replaced by the other, focus follows. */
  private keepCobrowseFocus(): void {
    const focused = this.host.root().activeElement;
    if (!focused?.matches('[part~="cobrowse-button"], [part~="cobrowse-end-button"]')) return;
    void this.host.updated().then(() => {
      if (focused.isConnected) return;
      const next =
        this.host.root().querySelector<HTMLElement>('[part~="cobrowse-end-button"]') ??
        this.host.root().querySelector<HTMLElement>('[part~="cobrowse-button"]') ??
        this.host.root().querySelector<HTMLElement>('[part~="transcript"]');
      next?.focus();
    });
  }

  askSnapshot(sessionId: string): void {
    try {
      this.host.client()?.requestSnapshot(sessionId);
    } catch (error) {
      this.host.reportError(error);
    }
  }

  /** Opens or closes the live view to match the open session's co-browse (after each render). */
  sync(): void {
    const id = this.host.selectedId();
    const session = id ? this.host.sessions().get(id) : undefined;
    const live = session ? this.cobrowseLive(session) : undefined;
    const wanted = live?.state === 'active' ? live : undefined;
    const view = this.view;
    if (view && (!wanted || view.sessionId !== id || view.id !== wanted.id)) this.closeView();
    if (wanted && id && !this.view) this.openView(id, wanted.id);
  }

  private openView(sessionId: string, id: string): void {
    const view: ViewState = { sessionId, id, pending: [], showing: false, closed: false };
    this.view = view;
    // A view that saw the customer accept gets the recorder's first snapshot; any other (the
    // console opened or the session reopened while sharing) asks for a fresh one.
    if (this.seenStarting.delete(sessionId)) {
      view.snapshotTimer = setTimeout(() => {
        if (!view.closed && !view.viewer?.started) this.askSnapshot(sessionId);
      }, FIRST_SNAPSHOT_WAIT_MS);
    } else {
      this.askSnapshot(sessionId);
    }
    loadView().then(
      ([module, { CobrowseTools }]) => {
        this.tools ??= new CobrowseTools({
          client: () => this.host.client(),
          viewer: (sessionId) => {
            const open = this.view;
            return open?.sessionId === sessionId && open.viewer && open.size ? { viewer: open.viewer, size: open.size } : undefined;
          },
          t: (key, values) => this.host.t(key, values),
          requestUpdate: () => this.host.requestUpdate(),
          reportError: (error) => this.host.reportError(error),
        });
        if (view.closed) return;
        const stage = this.host.root().querySelector<HTMLElement>('[part~="cobrowse-view"]');
        const screen = stage?.querySelector<HTMLElement>('.cobrowse-screen');
        if (!stage || !screen) return;
        view.viewer = module.startCobrowseViewer({
          root: screen,
          onResize: (size) => {
            view.size = size;
            if (!view.closed) sizeStage(stage, screen, size);
          },
          onFirstSnapshot: () => {
            if (view.closed || view.showing) return;
            view.showing = true;
            this.host.requestUpdate();
          },
        });
        // Only the transform follows the size of the view, so this never resizes what it observes.
        view.resize = new ResizeObserver(() => this.fitView(view, stage, screen));
        view.resize.observe(stage);
        for (const batch of view.pending.splice(0)) view.viewer.add(batch);
      },
      (error: unknown) => {
        if (view.closed) return;
        const message = error instanceof Error ? error.message : String(error);
        this.errors.set(sessionId, this.host.t('agentCobrowseLoadFailed', { message }));
        this.host.reportError(error);
        this.host.requestUpdate();
      },
    );
  }

  /** Scales the customer's viewport down to fit the view (never up). */
  private fitView(view: ViewState, stage: HTMLElement, screen: HTMLElement): void {
    if (!view.size || view.closed) return;
    fitScreen(stage, screen, view.size);
  }

  closeView(): void {
    const view = this.view;
    if (!view) return;
    view.closed = true;
    clearTimeout(view.snapshotTimer);
    view.resize?.disconnect();
    view.viewer?.destroy();
    view.pending.length = 0;
    this.view = undefined;
    this.tools?.reset();
  }

  private cobrowseStateText(info: CobrowseInfo | undefined): string {
    if (!info) return '';
    switch (info.state) {
      case 'pending':
        return this.host.t('agentCobrowsePending');
      case 'active':
        return this.view?.showing && this.view.id === info.id ? this.host.t('agentCobrowseActive') : this.host.t('agentCobrowseStarting');
      case 'rejected':
        return this.host.t('agentCobrowseRejected');
      default:
        if (info.reason === 'customer') return this.host.t('agentCobrowseEndedCustomer');
        if (info.reason === 'chat_ended') return this.host.t('agentCobrowseEndedChat');
        if (info.reason === 'disconnected') return this.host.t('agentCobrowseEndedDisconnected');
        if (info.reason === 'remote_client') return this.host.t('agentCobrowseEndedRemote');
        return this.host.t('agentCobrowseEndedAgent');
    }
  }

  renderButton(session: LiveSession): unknown {
    if (!this.host.canReply(session) || this.asking.has(session.id) || this.cobrowseLive(session)) return nothing;
    return html`<button
      part="cobrowse-button"
      class="button"
      type="button"
      aria-describedby="cobrowse-hint"
      title=${this.host.t('agentCobrowseConnectHint')}
      @click=${() => this.connect(session.id)}
    >
      ${this.host.t('agentCobrowseConnect')}
    </button>`;
  }

  render(session: LiveSession): unknown {
    const info = this.cobrowseOf(session.id);
    const asking = this.asking.has(session.id);
    const error = this.errors.get(session.id);
    const idle = !info && !asking && !error;
    const live = this.cobrowseLive(session);
    const text = asking ? this.host.t('agentCobrowsePending') : this.cobrowseStateText(info);
    const showing = live?.state === 'active';
    // Always rendered (empty while idle), so that the state line is a live region before it changes.
    return html`<div part="cobrowse" class="cobrowse ${idle ? 'idle' : ''}">
      <span id="cobrowse-hint" class="visually-hidden">${this.host.t('agentCobrowseConnectHint')}</span>
      <div class="cobrowse-bar">
        <p part="cobrowse-state" class="cobrowse-state small" role="status">${text}</p>
        ${showing && this.host.canReply(session) && this.view?.showing && this.tools ? this.tools.renderBar(session.id, live) : nothing}
        ${(asking || live) && this.host.canReply(session)
          ? html`<button part="cobrowse-end-button" class="button danger" type="button" @click=${() => this.end(session.id)}>
              ${this.host.t('agentCobrowseEnd')}
            </button>`
          : nothing}
      </div>
      ${error
        ? html`<p part="action-error" class="inline-error" role="alert">${typeof error === 'string' ? error : this.host.errorText(error)}</p>`
        : nothing}
      ${showing && this.tools ? this.tools.renderStatus(live) : nothing}
      ${showing
        ? html`<div part="cobrowse-view" class="cobrowse-view" role="img" aria-label=${this.host.t('agentCobrowseViewLabel')}>
              <div class="cobrowse-screen"></div>
              ${this.host.canReply(session) && this.tools ? this.tools.renderLayer(session.id, live) : nothing}
            </div>
            ${this.tools ? this.tools.renderTyping(session.id, live) : nothing}`
        : nothing}
    </div>`;
  }
}
