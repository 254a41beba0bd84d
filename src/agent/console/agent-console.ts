import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from '../../components/shared/decorators.js';
import { NexusError } from '../../core/errors.js';
import type { Agent, AgentStatus, ChatEvent, LiveSession } from '../../protocol/live.js';
import { baseStyles } from '../../styles/base.js';
import { tokenStyles } from '../../styles/tokens.js';
import { define } from '../../components/shared/define.js';
import type { NexusEventDetails } from '../../components/shared/events.js';
import { LocalizeController } from '../../components/shared/localize.js';
import '../../i18n/strings-agent.js';
import '../../i18n/strings-live.js';
import type { StringKey, Strings } from '../../i18n/strings.js';
import { AgentClient } from '../agent-client.js';
import { agentConsoleStyles } from './agent-console.styles.js';
import { parseCode } from './format.js';
import { ConsoleStore, type StateFilter as ListStateFilter } from './console-store.js';
import { canReply, endedText, errorText, isMine, renderError, renderLoading, sessionLabel, type CodeStatus, type ConsoleView } from './console-view.js';
import { renderDetails } from './customer-panel.js';
import { listKey, renderSidebar } from './session-list.js';
import { renderChat } from './conversation.js';
import { renderBanner, renderHeader, renderOffers, renderSignIn } from './console-shell.js';
import { CobrowsePanel } from './cobrowse-panel.js';
import { Composer } from './composer.js';
import { SessionLoader } from './session-loader.js';

/** Which sessions the list shows by state: the open ones, every one, or one state. */
export type StateFilter = ListStateFilter;

/** Where the console is with its agent token. */
type Phase = 'signed-out' | 'signing-in' | 'ready' | 'failed';

/** How long "connected again" stays on screen. */
const FOUND_BANNER_MS = 4000;

/** A bubbling, composed `nexus-*` event (built outside the class, like NexusElement does). */
function nexusEvent<K extends keyof NexusEventDetails>(name: K, detail: NexusEventDetails[K], cancelable: boolean) {
  return new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable });
}

/**
 * The agent's side of live help: sign in with an agent token, say whether you are available,
 * accept incoming chats, find a caller's session by the connection code they read out, chat, see
 * who the customer is and what they did before asking (context log and guided-path activity),
 * and end the session.
 *
 * The console talks to the server through its own `AgentClient` (from `server` and `token`); it
 * does not use a `<nexus-provider>`. Without a token, or when the server refuses it, it shows a
 * sign-in form where the agent pastes their token.
 *
 * Keyboard: Tab moves between the regions; in the session list the arrow keys, Home and End move
 * between sessions and Enter or Space opens one; in the reply box Enter sends and Shift+Enter
 * starts a new line. New requests are announced as alerts, new messages through the
 * conversation's log, and connection changes and other news through a polite status region.
 *
 * Text from customers (messages, file names, identity, context) is always rendered as text, and a
 * shared file is only ever linked to the server's own signed download URL.
 *
 * Co-browse: in an active session the agent handles, Connect asks the customer to share their
 * tab; the state (waiting, declined, ended) is shown and announced, and while the customer shares,
 * a live view of their tab (rrweb's replayer in live mode, scaled to fit) appears above the
 * conversation, with End co-browse. The replayer is loaded as a separate chunk the first time a
 * view opens. What the customer's page sends is untrusted data: it is rebuilt only inside a
 * sandboxed iframe where no script runs and that takes no input.
 *
 * @summary The agent console: availability, incoming requests, sessions, chat and customer context.
 * @tag nexus-agent-console
 *
 * @csspart base - The console's frame.
 * @csspart header - The top bar with the agent's name, availability and sign out.
 * @csspart agent-name - The signed-in agent's name.
 * @csspart status-switch - The availability switch (`role="switch"`).
 * @csspart sign-out-button - The sign out button.
 * @csspart banner - The connection banner (lost, connected again).
 * @csspart offers - The list of incoming requests.
 * @csspart offer - One incoming request.
 * @csspart offer-text - The request's announcement (`role="alert"`).
 * @csspart offer-countdown - Time left to accept the request.
 * @csspart accept-button - A button that accepts a request or the open session.
 * @csspart dismiss-button - The button that hides a request here.
 * @csspart sidebar - The column with the code search, the filters and the session list.
 * @csspart code-search - The connection code form.
 * @csspart code-input - The connection code field.
 * @csspart code-button - The connection code form's submit button.
 * @csspart code-status - What the code search found.
 * @csspart filters - The session filters.
 * @csspart filter - One filter's select.
 * @csspart session-list - The list of sessions (`role="listbox"`).
 * @csspart session - One session in the list.
 * @csspart session-selected - The open session in the list.
 * @csspart state-badge - A session's state.
 * @csspart unread - The count of new messages of a session.
 * @csspart chat - The conversation pane.
 * @csspart chat-header - The conversation's title, facts and actions.
 * @csspart end-button - The button that ends the session.
 * @csspart cobrowse-button - Connect: asks the customer to share their tab (co-browse).
 * @csspart cobrowse - The co-browse area of the conversation pane (state, end button, live view); empty until Connect.
 * @csspart cobrowse-state - The co-browse state: waiting, viewing, declined, ended (`role="status"`).
 * @csspart cobrowse-end-button - Ends the co-browse (while waiting or viewing).
 * @csspart cobrowse-view - The live view of the customer's tab; it holds the sandboxed replay iframe.
 * @csspart cobrowse-laser-button - Turns the laser pointer on or off (`aria-pressed`): the agent's pointer over the view shows on the customer's page, and a click outlines the element.
 * @csspart cobrowse-control-button - Asks the customer for remote control (a second consent).
 * @csspart cobrowse-release-button - Gives remote control back.
 * @csspart cobrowse-control-state - Remote control: waiting for the customer, or granted (`role="status"`).
 * @csspart cobrowse-notice - A click that was not sent: that part of the customer's page is closed to remote control.
 * @csspart cobrowse-input - The layer over the view that takes the agent's pointer (laser on or control granted).
 * @csspart cobrowse-type - With control, after clicking a text field of the customer: what to type into it.
 * @csspart cobrowse-type-input - The text to type into the customer's field.
 * @csspart cobrowse-type-button - Types the text into the customer's field (replacing its value).
 * @csspart cobrowse-enter-button - Presses Enter in the customer's field (submits its form).
 * @csspart action-error - A failed accept, end or co-browse request.
 * @csspart transcript - The messages (`role="log"`).
 * @csspart message - A message, with `message-customer`, `message-agent` or `message-own`.
 * @csspart message-customer - A message from the customer.
 * @csspart message-agent - A message from another agent.
 * @csspart message-own - A message from this agent.
 * @csspart message-author - Who wrote a message.
 * @csspart message-time - When a message was written.
 * @csspart message-text - A message's text.
 * @csspart file-link - The download link of a shared file.
 * @csspart system-message - A line about the session (joined, left, state, rating).
 * @csspart read-marker - "Seen" under the last message the customer has seen.
 * @csspart message-status - Sending or not sent, under the agent's own message.
 * @csspart resend-button - Sends a failed message again.
 * @csspart typing - The customer's typing indicator.
 * @csspart composer - The reply form.
 * @csspart composer-input - The reply box.
 * @csspart send-button - The send button.
 * @csspart end-dialog - The confirmation dialog for ending a session.
 * @csspart confirm-button - The dialog's button that ends the session.
 * @csspart cancel-button - The dialog's button that keeps the session.
 * @csspart details - The customer panel.
 * @csspart refresh-button - Reloads the customer panel.
 * @csspart identity - The customer's identity.
 * @csspart origin - Where the customer came from (the guided path they escalated from).
 * @csspart session-data - The data the page attached to the session.
 * @csspart context-log - The customer's context log.
 * @csspart context-entry - One context log entry.
 * @csspart activity - The customer's guided-path activity.
 * @csspart activity-entry - One guided-path activity entry.
 * @csspart sign-in - The sign-in form.
 * @csspart token-input - The agent token field.
 * @csspart sign-in-button - The sign-in button.
 * @csspart sign-in-error - Why the token was refused.
 * @csspart loading - A loading state.
 * @csspart empty - An empty state.
 * @csspart error - An error state.
 * @csspart retry-button - An error state's retry button.
 * @csspart announcer - The visually hidden status region.
 *
 * @cssprop --nexus-agent-console-background - Background of the console.
 * @cssprop --nexus-agent-console-panel-background - Background of the header, the session column and the customer panel.
 * @cssprop --nexus-agent-console-sidebar-width - Width of the session column.
 * @cssprop --nexus-agent-console-details-width - Width of the customer panel.
 * @cssprop --nexus-agent-console-min-height - Smallest height of the console.
 * @cssprop --nexus-agent-console-customer-bubble-background - Background of the customer's messages.
 * @cssprop --nexus-agent-console-own-bubble-background - Background of the agent's own messages.
 * @cssprop --nexus-agent-console-own-bubble-color - Text colour of the agent's own messages.
 * @cssprop --nexus-agent-console-offer-background - Background of an incoming request.
 * @cssprop --nexus-agent-console-selected-background - Background of the open session in the list.
 *
 * @fires nexus-agent-sign-in - The agent token was accepted.
 * @fires nexus-agent-sign-out - The agent signed out.
 * @fires nexus-agent-status - The agent's availability changed.
 * @fires nexus-agent-offer - A request is offered to this agent (cancelable: no notification is shown).
 * @fires nexus-agent-accept - The agent took a session.
 * @fires nexus-agent-message - A message was shown in the open conversation.
 * @fires nexus-agent-session-end - A session the agent had open or handled ended.
 * @fires nexus-error - Something failed (a refused token, an unreachable server, a failed action); the console shows it too.
 */
export class NexusAgentConsole extends LitElement {
  static override styles = [tokenStyles, baseStyles, ...agentConsoleStyles];

  /** URL of the Nexus Cloud server. */
  @property() server?: string;

  /**
   * The agent's token (`npm run cloud -- agent token <agentId>`). Without one, the console shows
   * its sign-in form; the token the agent enters there is kept only in this property.
   */
  @property() token?: string;

  /** URL of a theme stylesheet applied inside the console. */
  @property({ attribute: 'theme-url' }) themeUrl?: string;

  /** Overrides of user-facing strings for this console (see the strings catalogue, `agent…` keys). */
  @property({ attribute: false }) strings: Strings = {};

  /** Locale and direction (the closest `lang` and `dir`, as every Nexus element), and strings. */
  private readonly localize = new LocalizeController(this, () => [this.strings]);

  /** The state filter the session list starts with: `open` (default), `all`, or one state. */
  @property({ attribute: 'state-filter' }) stateFilter: StateFilter = 'open';

  /** Most sessions the list loads. */
  @property({ type: Number, attribute: 'session-limit' }) sessionLimit = 100;

  @state() private phase: Phase = 'signed-out';
  @state() private agent?: Agent;
  @state() private signInError?: unknown;
  @state() private failure?: unknown;
  @state() private connection: 'up' | 'lost' | 'found' = 'up';
  @state() private now = Date.now();
  @state() private activeIndex = 0;
  @state() private codeStatus?: CodeStatus;
  @state() private statusBusy = false;
  @state() private statusError?: unknown;
  @state() private announcement = '';

  /** Sessions, offers, the list, the open session, conversations, details and drafts (headless). */
  private readonly store = new ConsoleStore();
  /** Co-browse: each session's state, Connect and End, and the open session's live view. */
  private readonly cobrowse = new CobrowsePanel({
    client: () => this.client,
    selectedId: () => this.store.selectedId,
    sessions: () => this.store.sessions,
    canReply: (session) => canReply(this.ui, session),
    errorText: (error) => errorText(this.ui, error),
    t: (key, values) => this.t(key, values),
    root: () => this.renderRoot as ShadowRoot,
    updated: () => this.updateComplete,
    requestUpdate: () => this.requestUpdate(),
    reportError: (error) => this.reportError(error),
  });
  /** The reply box: typing indicator and sending. */
  private readonly replies = new Composer({
    store: this.store,
    client: () => this.client,
    canReply: (session) => canReply(this.ui, session),
    sent: (detail) => this.emit('nexus-agent-message', detail),
    reportError: (error) => this.reportError(error),
    scrollTranscript: () => void this.scrollTranscript(),
  });
  /** Loads conversations and customer details into the store. */
  private readonly loader = new SessionLoader({
    store: this.store,
    client: () => this.client,
    isMine: (session) => isMine(this.ui, session),
    upsert: (session) => this.upsertSession(session),
    reportError: (error) => this.reportError(error),
    scrollTranscript: () => void this.scrollTranscript(),
  });
  /** What the session list, the conversation and the customer panel render from. */
  private readonly ui: ConsoleView = {
    store: this.store,
    localize: this.localize,
    agent: () => this.agent,
    client: () => this.client,
    now: () => this.now,
    t: (key, values) => this.t(key, values),
    activeIndex: () => this.activeIndex,
    codeStatus: () => this.codeStatus,
    cobrowseButton: (session) => this.cobrowse.renderButton(session),
    cobrowseArea: (session) => this.cobrowse.render(session),
    on: {
      select: (id) => this.select(id),
      focusIndex: (index) => {
        if (index !== this.activeIndex) this.activeIndex = index;
      },
      loadSessions: () => void this.loadSessions(),
      loadThread: (id) => void this.loader.loadThread(id),
      loadDetail: (id) => void this.loader.loadDetail(id),
      accept: (id, from) => void this.accept(id, from),
      dismissOffer: (id) => this.removeOffer(id),
      askEnd: () => this.askEnd(),
      confirmEnd: () => void this.confirmEnd(),
      cancelEnd: () => this.cancelEnd(),
      send: (event) => void this.replies.send(event),
      resend: (id, clientId) => this.replies.resend(id, clientId),
      stopTyping: () => this.replies.stopTyping(),
      onComposerInput: (event) => this.replies.input(event),
      onComposerKeyDown: (event) => this.replies.keyDown(event),
      onCodeSubmit: (event) => void this.onCodeSubmit(event),
      onFilterChange: (event, which) => this.onFilterChange(event, which),
      onListKeyDown: (event) => this.onListKeyDown(event),
    },
  };

  /** Stable listeners for the frame's controls. */
  private readonly submitSignIn = (event: SubmitEvent) => this.onSignIn(event);
  private readonly toggle = () => void this.toggleStatus();
  private readonly signOutClick = () => this.signOut();

  private client?: AgentClient;
  private offerTimer?: ReturnType<typeof setInterval>;
  private bannerTimer?: ReturnType<typeof setTimeout>;

  @query('[part~="composer-input"]') private composer?: HTMLTextAreaElement;
  @query('[part~="token-input"]') private tokenInput?: HTMLInputElement;
  @query('[part~="end-dialog"]') private endDialog?: HTMLDialogElement;

  constructor() {
    super();
    // The one place the store's changes reach rendering (the store lives as long as the element).
    this.store.onChange(() => this.requestUpdate());
  }

  private readonly onVisibility = () => {
    if (this.store.selectedId) this.loader.markSeen(this.store.selectedId);
  };

  /** The signed-in agent, once the token was accepted. */
  get signedInAgent(): Agent | undefined {
    return this.agent;
  }

  /** The headless client the console uses (for listeners of your own); undefined while signed out. */
  get agentClient(): AgentClient | undefined {
    return this.client;
  }

  /** Opens a session in the conversation pane (loads its messages and the customer's details). */
  openSession(sessionId: string): void {
    this.select(sessionId);
  }

  /** Signs out: closes the connection and shows the sign-in form. */
  signOut(): void {
    const agentId = this.agent?.id ?? null;
    const wasSignedIn = this.phase === 'ready';
    this.teardown();
    this.signInError = undefined;
    this.token = undefined;
    if (wasSignedIn) this.emit('nexus-agent-sign-out', { agentId });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
    // Moved in the page: willUpdate does not run again, so connect here.
    if (this.hasUpdated && !this.client) void this.connect();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.teardown();
  }

  protected override updated(): void {
    this.cobrowse.sync();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('stateFilter')) {
      this.store.setFilter('state', this.stateFilter);
      if (this.phase === 'ready' && !changed.has('server') && !changed.has('token')) void this.loadSessions();
    }
    if ((changed.has('server') || changed.has('token')) && this.isConnected) void this.connect();
  }

  // -------------------------------------------------------------------------------------------
  // Signing in

  /** Replaces the client for the current server and token. */
  private async connect(): Promise<void> {
    this.teardown();
    this.failure = undefined;
    if (!this.server || !this.token) {
      this.phase = 'signed-out';
      return;
    }
    let client: AgentClient;
    try {
      client = new AgentClient({ server: this.server, token: this.token });
    } catch (error) {
      this.phase = 'failed';
      this.failure = error;
      this.reportError(error);
      return;
    }
    this.client = client;
    this.phase = 'signing-in';
    this.listen(client);
    try {
      const agent = await client.me();
      if (client !== this.client) return;
      this.agent = agent;
      this.phase = 'ready';
      this.signInError = undefined;
      this.emit('nexus-agent-sign-in', { agentId: agent.id, name: agent.name, status: agent.status });
      await this.loadSessions();
    } catch (error) {
      if (client !== this.client) return;
      this.signInFailed(error);
    }
  }

  private signInFailed(error: unknown): void {
    this.reportError(error);
    if (error instanceof NexusError && (error.unauthorized || error.status === 403)) {
      // A refused token (or one that is not an agent's): back to the form, which says why.
      this.teardown();
      this.signInError = error;
      this.token = undefined;
      this.updateComplete.then(() => this.tokenInput?.focus());
      return;
    }
    this.teardown();
    this.phase = 'failed';
    this.failure = error;
  }

  /** Closes the client and forgets everything that came from it. */
  private teardown(): void {
    this.replies.stopTyping();
    this.client?.destroy();
    this.client = undefined;
    this.agent = undefined;
    this.phase = 'signed-out';
    this.connection = 'up';
    this.store.reset();
    this.codeStatus = undefined;
    this.statusError = undefined;
    this.cobrowse.reset();
    clearInterval(this.offerTimer);
    this.offerTimer = undefined;
    clearTimeout(this.bannerTimer);
  }

  private listen(client: AgentClient): void {
    const mine = <T>(handler: (value: T) => void) => (value: T) => {
      if (client === this.client) handler(value);
    };
    // The first welcome comes with signing in, which loads the list itself; later ones follow a
    // reconnect, after which the console catches up with what changed meanwhile.
    let welcomes = 0;
    client.on(
      'ready',
      mine(({ agent }) => {
        const reconnect = welcomes++ > 0;
        if (this.phase !== 'ready') return;
        this.applyStatus(agent.status);
        this.agent = { ...agent };
        if (!reconnect) return;
        void this.loadSessions();
        if (this.store.selectedId) void this.loader.loadThread(this.store.selectedId);
      }),
    );
    client.on('offer', mine((offer) => this.onOffer(offer.session, offer.expiresAt)));
    client.on('offer-withdrawn', mine(({ sessionId }) => this.removeOffer(sessionId)));
    client.on('session.update', mine((session) => this.upsertSession(session)));
    client.on('session.event', mine(({ sessionId, event }) => this.onEvent(sessionId, event)));
    client.on('session.typing', mine(({ sessionId, active }) => this.onCustomerTyping(sessionId, active)));
    client.on(
      'session.seen',
      mine(({ sessionId, seq }) => this.store.seenByCustomer(sessionId, seq)),
    );
    client.on('status', mine((status) => this.applyStatus(status)));
    client.on('cobrowse.state', mine(({ sessionId, cobrowse }) => this.cobrowse.onState(sessionId, cobrowse)));
    client.on(
      'cobrowse.events',
      mine(({ sessionId, id, events }) => this.cobrowse.onEvents(sessionId, id, events)),
    );
    client.on(
      'connection.lost',
      mine(() => {
        clearTimeout(this.bannerTimer);
        this.connection = 'lost';
      }),
    );
    client.on(
      'connection.found',
      mine(() => {
        this.connection = 'found';
        this.cobrowse.onReconnected();
        clearTimeout(this.bannerTimer);
        this.bannerTimer = setTimeout(() => {
          if (this.connection === 'found') this.connection = 'up';
        }, FOUND_BANNER_MS);
      }),
    );
    client.on(
      'error',
      mine((error) => {
        if (error.unauthorized) this.signInFailed(error);
        else {
          this.cobrowse.onRefused(error);
          this.reportError(error);
        }
      }),
    );
  }

  private onSignIn(event: SubmitEvent): void {
    event.preventDefault();
    const value = this.tokenInput?.value.trim() ?? '';
    if (!value) {
      this.tokenInput?.focus();
      return;
    }
    this.signInError = undefined;
    this.token = value;
  }

  // -------------------------------------------------------------------------------------------
  // Availability

  private applyStatus(status: AgentStatus): void {
    if (!this.agent || this.agent.status === status) return;
    this.agent = { ...this.agent, status };
    this.announce(status === 'available' ? this.t('agentAvailable') : this.t('agentAway'));
    this.emit('nexus-agent-status', { status });
  }

  private async toggleStatus(): Promise<void> {
    const client = this.client;
    if (!client || !this.agent || this.statusBusy) return;
    const next: AgentStatus = this.agent.status === 'available' ? 'away' : 'available';
    this.statusBusy = true;
    this.statusError = undefined;
    try {
      const agent = await client.setStatus(next);
      if (client !== this.client) return;
      this.applyStatus(agent.status);
    } catch (error) {
      if (client !== this.client) return;
      this.statusError = error;
      this.reportError(error);
    } finally {
      this.statusBusy = false;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Offers

  private onOffer(session: LiveSession, expiresAt: number): void {
    this.upsertSession(session);
    const proceed = this.emit(
      'nexus-agent-offer',
      { sessionId: session.id, kind: session.kind, skill: session.skill, expiresAt },
      true,
    );
    if (!proceed) return;
    this.store.addOffer(session, expiresAt);
    this.now = Date.now();
    this.offerTimer ??= setInterval(() => this.tickOffers(), 1000);
  }

  private tickOffers(): void {
    this.now = Date.now();
    if (!this.store.expireOffers(this.now)) {
      clearInterval(this.offerTimer);
      this.offerTimer = undefined;
    }
  }

  private removeOffer(sessionId: string): void {
    this.store.removeOffer(sessionId);
  }

  private async accept(sessionId: string, from: 'offer' | 'chat'): Promise<void> {
    const client = this.client;
    if (!client || !this.store.beginAction('accepting', sessionId)) return;
    try {
      const session = await client.accept(sessionId);
      if (client !== this.client) return;
      this.removeOffer(sessionId);
      this.upsertSession(session);
      this.emit('nexus-agent-accept', { sessionId, kind: session.kind, code: session.code });
      this.select(sessionId);
      // A co-browse code (`<nexus-cobrowse-code>`): the person is waiting to share, so ask at once.
      if (session.data.purpose === 'cobrowse') this.cobrowse.connect(sessionId);
      await this.updateComplete;
      this.composer?.focus();
    } catch (error) {
      if (client !== this.client) return;
      this.store.actionFailed(sessionId, error);
      this.reportError(error);
      if (error instanceof NexusError && (error.code === 'session_taken' || error.code === 'session_ended')) {
        this.removeOffer(sessionId);
        if (from === 'offer') this.select(sessionId);
      }
    } finally {
      this.store.endAction('accepting', sessionId);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Session list

  private async loadSessions(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.store.limit = this.sessionLimit;
    // Sessions the socket reports while the list loads are newer than the answer: kept as they are.
    const load = this.store.beginListLoad();
    try {
      const items = await client.sessions(this.store.filter);
      if (client !== this.client) return;
      this.store.listLoaded(load, items);
    } catch (error) {
      if (client !== this.client || !this.store.listFailed(load, error)) return;
      this.reportError(error);
    }
  }

  private upsertSession(heard: LiveSession): void {
    const { before, session } = this.store.upsert(heard);
    if (before && before.state !== 'ended' && session.state === 'ended') {
      if (session.id === this.store.selectedId) this.replies.stopTypingIn(session.id);
      if (session.id === this.store.selectedId || isMine(this.ui, before)) {
        this.emit('nexus-agent-session-end', { sessionId: session.id, endedBy: session.endedBy });
        this.announce(endedText(this.ui, session));
      }
    }
  }

  private onFilterChange(event: Event, which: 'state' | 'skill' | 'kind'): void {
    const value = (event.target as HTMLSelectElement).value;
    this.store.setFilter(which, value);
    this.activeIndex = 0;
    void this.loadSessions();
  }

  private onListKeyDown(event: KeyboardEvent): void {
    const key = listKey(event.key, this.activeIndex, this.store.listIds.length);
    if (!key) return;
    event.preventDefault();
    if (key.open) {
      this.select(this.store.listIds[key.index]);
      return;
    }
    this.activeIndex = key.index;
    void this.updateComplete.then(() => this.optionAt(key.index)?.focus());
  }

  private optionAt(index: number): HTMLElement | null {
    return this.renderRoot.querySelectorAll<HTMLElement>('[role="option"]')[index] ?? null;
  }

  // -------------------------------------------------------------------------------------------
  // Finding a call by its code

  private async onCodeSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const client = this.client;
    const input = (event.target as HTMLFormElement).elements.namedItem('code') as HTMLInputElement;
    const code = parseCode(input.value);
    if (!client) return;
    if (!code) {
      this.codeStatus = { kind: 'error', text: this.t('agentCodeInvalid') };
      input.focus();
      return;
    }
    this.codeStatus = { kind: 'searching', text: this.t('loading') };
    try {
      const session = await client.findByCode(code);
      if (client !== this.client) return;
      this.upsertSession(session);
      this.codeStatus = { kind: 'found', text: this.t('agentCodeFound', { code }) };
      this.select(session.id);
      await this.updateComplete;
      // Ready to take the call with Enter.
      this.renderRoot.querySelector<HTMLElement>('[part~="chat-header"] [part~="accept-button"]')?.focus();
    } catch (error) {
      if (client !== this.client) return;
      const notFound = error instanceof NexusError && (error.code === 'session_not_found' || error.status === 404);
      this.codeStatus = { kind: 'error', text: notFound ? this.t('agentCodeNotFound', { code }) : errorText(this.ui, error) };
      this.reportError(error);
    }
  }

  // -------------------------------------------------------------------------------------------
  // The open session

  private select(sessionId: string | undefined): void {
    if (!sessionId || !this.client) return;
    const previous = this.store.selectedId;
    if (previous && previous !== sessionId) {
      this.replies.stopTypingIn(previous);
      // Keep following the agent's own sessions (for new-message counts); let go of the others.
      if (!isMine(this.ui, this.store.sessions.get(previous))) {
        this.client.unsubscribe(previous);
        const thread = this.store.threads.get(previous);
        if (thread) thread.customerTyping = false;
      }
    }
    this.store.select(sessionId);
    const index = this.store.listIds.indexOf(sessionId);
    if (index >= 0) this.activeIndex = index;
    if (previous !== sessionId || this.store.threads.get(sessionId)?.phase !== 'ready') void this.loader.loadThread(sessionId);
    if (previous !== sessionId || this.store.details.get(sessionId)?.phase === 'error') void this.loader.loadDetail(sessionId);
  }

  private onEvent(sessionId: string, event: ChatEvent): void {
    if (!this.store.addEvent(sessionId, event)) return;
    const thread = this.store.threads.get(sessionId);
    const fromCustomer = event.author.role === 'customer' && (event.type === 'message' || event.type === 'file');
    // Replays of what was said before the session was accepted (sent to the agent's connections
    // when it is accepted) are history, not news.
    const session = this.store.sessions.get(sessionId);
    const news = fromCustomer && event.at >= (session?.acceptedAt ?? 0);
    if (news) {
      if (sessionId === this.store.selectedId && thread?.phase === 'ready') {
        this.emit('nexus-agent-message', {
          sessionId,
          direction: 'in',
          seq: event.seq,
          text: event.text,
          fileName: event.file?.name,
        });
        this.loader.markSeen(sessionId);
      } else if (sessionId !== this.store.selectedId) {
        this.store.addUnread(sessionId);
        this.announce(this.t('agentNewMessage', { session: session ? sessionLabel(this.ui, session) : sessionId }));
      }
    }
    if (sessionId === this.store.selectedId) void this.scrollTranscript();
  }

  private onCustomerTyping(sessionId: string, active: boolean): void {
    this.store.setCustomerTyping(sessionId, active);
  }

  private async scrollTranscript(): Promise<void> {
    await this.updateComplete;
    const log = this.renderRoot.querySelector<HTMLElement>('[part~="transcript"]');
    if (log) log.scrollTop = log.scrollHeight;
  }

  // -------------------------------------------------------------------------------------------
  // Ending

  private askEnd(): void {
    const dialog = this.endDialog;
    if (!dialog || dialog.open) return;
    dialog.showModal();
    // The safe choice first.
    dialog.querySelector<HTMLElement>('[part~="cancel-button"]')?.focus();
  }

  private async confirmEnd(): Promise<void> {
    this.endDialog?.close();
    const client = this.client;
    const id = this.store.selectedId;
    if (!client || !id || !this.store.beginAction('ending', id)) return;
    this.replies.stopTypingIn(id);
    try {
      const session = await client.end(id);
      if (client !== this.client) return;
      this.upsertSession(session);
    } catch (error) {
      if (client !== this.client) return;
      this.store.actionFailed(id, error);
      this.reportError(error);
    } finally {
      this.store.endAction('ending', id);
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="transcript"]')?.focus();
  }

  private cancelEnd(): void {
    this.endDialog?.close();
  }

  // -------------------------------------------------------------------------------------------
  // Rendering

  protected override render(): TemplateResult {
    return html`${this.themeUrl ? html`<link rel="stylesheet" href=${this.themeUrl} />` : nothing}
      <div part="base" class="base">
        ${this.renderPhase()}
        <div part="announcer" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      </div>`;
  }

  private renderPhase(): unknown {
    if (!this.server) {
      return html`<div class="state error" part="error" role="alert"><p>${this.t('agentNoServer')}</p></div>`;
    }
    switch (this.phase) {
      case 'signed-out':
        return renderSignIn(this.ui, this.server, this.signInError, this.submitSignIn);
      case 'signing-in':
        return renderLoading(this.ui, this.t('agentSigningIn'));
      case 'failed':
        return renderError(this.ui, this.failure, () => void this.connect());
      case 'ready':
        return this.renderConsole();
    }
  }

  private renderConsole(): TemplateResult {
    const status = { busy: this.statusBusy, error: this.statusError, toggle: this.toggle, signOut: this.signOutClick };
    return html`${renderHeader(this.ui, status)} ${renderBanner(this.ui, this.connection)} ${renderOffers(this.ui)}
      <div class="workspace">
        ${renderSidebar(this.ui)} ${renderChat(this.ui)} ${renderDetails(this.ui)}
      </div>`;
  }

  // -------------------------------------------------------------------------------------------
  // Small helpers

  private announce(text: string): void {
    // The same text twice in a row is still announced: clear, then set.
    this.announcement = '';
    void this.updateComplete.then(() => {
      this.announcement = text;
    });
  }

  /** A string in the console's locale, with this console's overrides. */
  private t(key: StringKey, values: Record<string, string | number> = {}): string {
    return this.localize.msg(key, values);
  }

  /** Dispatches a bubbling, composed `nexus-*` event; returns false if it was canceled. */
  private emit<K extends keyof NexusEventDetails>(name: K, detail: NexusEventDetails[K], cancelable = false): boolean {
    return this.dispatchEvent(nexusEvent(name, detail, cancelable));
  }

  private reportError(error: unknown): void {
    const e = error instanceof NexusError ? error : new NexusError('internal_error', String(error));
    this.emit('nexus-error', { code: e.code, message: e.message, status: e.status, source: this.localName });
  }
}

define('nexus-agent-console', NexusAgentConsole);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-agent-console': NexusAgentConsole;
  }
}
