import { html, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from '../../components/shared/decorators.js';
import { NexusError } from '../../core/errors.js';
import type { Agent, AgentStatus, ChatEvent, LiveSession } from '../../protocol/live.js';
import { define } from '../../components/shared/define.js';
import { Loader, nothingToLoad } from '../../components/shared/loader.js';
import { NexusBase } from '../../components/shared/nexus-base.js';
import '../../i18n/strings-agent.js';
import { AgentClient, type AgentEvents } from '../agent-client.js';
import { agentConsoleStyles } from './agent-console.styles.js';
import { ConsoleStore, type StateFilter as ListStateFilter } from './console-store.js';
import { canReply, endedText, errorText, isMine, sessionLabel, type ConsoleView } from './console-view.js';
import { listKey } from './session-list.js';
import { renderFrame } from './console-shell.js';
import { CobrowsePanel, type CobrowseHost } from './cobrowse-panel.js';
import { Composer, type ComposerHost } from './composer.js';
import { SessionActions, type ActionsHost } from './session-actions.js';
import { TransferDialog } from './transfer-dialog.js';
import { SessionLoader, type LoaderHost } from './session-loader.js';
import { AccountSignIn, fieldsIn } from './account-sign-in.js';

/** Which sessions the list shows by state: the open ones, every one, or one state. */
export type StateFilter = ListStateFilter;

/**
 * Where the console is with its agent token: the sign-in form (`signed-out`), `signing-in`, the
 * console itself (`ready`), or `failed` (the server is unreachable, or no `server` is set).
 * Reflected as the `state` attribute.
 */
export type AgentConsoleState = 'signed-out' | 'signing-in' | 'ready' | 'failed';

/** What the console's pieces render from and its controllers work with: one object for all. */
type ConsoleUi = ConsoleView & CobrowseHost & ComposerHost & ActionsHost & LoaderHost;

/** How long "connected again" stays on screen. */
const FOUND_BANNER_MS = 4000;

/**
 * The agent's side of live help: sign in (with an account's email and password, or an agent
 * token), say whether you are available,
 * accept incoming chats, find a caller's session by the connection code they read out, chat, see
 * who the customer is and what they did before asking (context log and guided-path activity),
 * and end the session.
 *
 * The console talks to the server through its own `AgentClient` (from `server` and `token`); it
 * does not use a `<nexus-provider>`. Without a token, or when the server refuses it, it shows a
 * sign-in form: email and password of the agent's account (when the console's page is on the
 * server's own origin: the sign-in is a cookie, docs/security.md#accounts), or, after "Use an
 * agent token", a pasted agent token. A signed-in account's console uses 15-minute agent tokens
 * it renews by itself; after a reload it signs in again with the browser's session; signing out
 * ends the account's session on the server.
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
 * @attr state - Read-only, reflected: `signed-out` (the sign-in form), `signing-in`, `ready` (the console) or `failed` (the server is unreachable, or no `server` is set).
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
 * @csspart offer-transfer - Who transferred the request, with their note (`offer-note`).
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
 * @csspart transfer-button - Transfer: opens the dialog to hand the session to another agent or a skill's queue.
 * @csspart transfer-dialog - The transfer dialog: `transfer-agents` and `transfer-skills` (radio groups), `transfer-note`, `transfer-error`, `transfer-cancel-button`, `transfer-confirm-button`.
 * @csspart transfer-status - What the last transfer of the session did (`role="status"`).
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
 * @csspart email-input - The account's email field.
 * @csspart password-input - The account's password field.
 * @csspart tenant-input - The tenant field, shown when the email has accounts in several tenants.
 * @csspart token-input - The agent token field.
 * @csspart sign-in-button - The sign-in button.
 * @csspart sign-in-mode-button - Switches between the account and the agent token sign-in.
 * @csspart sign-in-error - Why the sign-in failed or ended.
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
 * @fires nexus-agent-transfer - The agent transferred a session to another agent or a skill's queue.
 * @fires nexus-agent-message - A message was shown in the open conversation.
 * @fires nexus-agent-session-end - A session the agent had open or handled ended.
 * @fires nexus-error - Something failed (a refused token, an unreachable server, a failed action); the console shows it too.
 */
export class NexusAgentConsole extends NexusBase {
  static override styles = [...NexusBase.styles, ...agentConsoleStyles];

  /** URL of the Nexus Cloud server. */
  @property() server?: string;

  /**
   * The agent's token (`npm run cloud -- agent token <agentId>`). Without one, the console shows
   * its sign-in form; the token the agent enters there is kept only in this property.
   */
  @property() token?: string;

  /** How the sign-in form asks: `account` (email and password, the default) or `token` (a pasted agent token); the agent can switch. */
  @property({ attribute: 'sign-in-mode' }) signInMode: 'account' | 'token' = 'account';

  /** The state filter the session list starts with: `open` (default), `all`, or one state. */
  @property({ attribute: 'state-filter' }) stateFilter: StateFilter = 'open';

  /** Most sessions the list loads. */
  @property({ type: Number, attribute: 'session-limit' }) sessionLimit = 100;

  @state() private phase: AgentConsoleState = 'signed-out';
  @state() private agent?: Agent;
  @state() private signInError?: unknown;
  /** The last sign-in named an email with accounts in several tenants: the form asks which. */
  @state() private askTenant = false;
  private restoreTried = false;
  @state() private failure?: unknown;
  @state() private connection: 'up' | 'lost' | 'found' = 'up';
  @state() private activeIndex = 0;
  @state() private announcement = '';

  /** Sessions, offers, the list, the open session, conversations, details and drafts (headless). */
  private readonly store = new ConsoleStore();
  /**
   * What the console's pieces render from (the session list, the conversation, the customer
   * panel) and what its controllers need from it: each takes the part it uses.
   */
  private readonly ui: ConsoleUi = {
    store: this.store,
    localize: this.localize,
    client: () => this.client,
    agent: () => this.agent,
    now: () => this.actions.now,
    activeIndex: () => this.activeIndex,
    codeStatus: () => this.actions.codeStatus,
    cobrowseButton: (session) => this.cobrowse.renderButton(session),
    cobrowseArea: (session) => this.cobrowse.render(session),
    transferButton: (session) => this.transfers.renderButton(session),
    transferStatus: (session) => this.transfers.renderStatus(session),
    transferDialog: (session) => this.transfers.renderDialog(session),
    selectedId: () => this.store.selectedId,
    sessions: () => this.store.sessions,
    isMine: (session) => isMine(this.ui, session),
    canReply: (session) => canReply(this.ui, session),
    errorText: (error) => errorText(this.ui, error),
    t: (key, values) => this.t(key, values),
    root: () => this.renderRoot as ShadowRoot,
    updated: () => this.updateComplete,
    requestUpdate: () => this.requestUpdate(),
    reportError: (error) => this.reportError(error),
    emit: this.emit.bind(this),
    sent: (detail) => this.emit('nexus-agent-message', detail),
    upsert: (session) => this.upsertSession(session),
    select: (id) => this.select(id),
    applyStatus: (status) => this.applyStatus(status),
    stopTypingIn: (id) => this.replies.stopTypingIn(id),
    connectCobrowse: (id) => this.cobrowse.connect(id),
    scrollTranscript: () => void this.scrollTranscript(),
    on: {
      select: (id) => this.select(id),
      focusIndex: (index) => {
        if (index !== this.activeIndex) this.activeIndex = index;
      },
      loadSessions: () => void this.list.run(),
      loadThread: () => void this.thread.run(),
      loadDetail: () => void this.detail.run(),
      accept: (id, from) => void this.actions.accept(id, from),
      dismissOffer: (id) => this.store.removeOffer(id),
      askEnd: () => this.actions.askEnd(),
      confirmEnd: () => void this.actions.confirmEnd(),
      cancelEnd: () => this.actions.cancelEnd(),
      send: (event) => void this.replies.send(event),
      resend: (id, clientId) => this.replies.resend(id, clientId),
      stopTyping: () => this.replies.stopTyping(),
      onComposerInput: (event) => this.replies.input(event),
      onComposerKeyDown: (event) => this.replies.keyDown(event),
      onCodeSubmit: (event) => void this.actions.findByCode(event),
      onFilterChange: (event, which) => this.onFilterChange(event, which),
      onListKeyDown: (event) => this.onListKeyDown(event),
    },
  };
  /** Co-browse: each session's state, Connect and End, and the open session's live view. */
  private readonly cobrowse = new CobrowsePanel(this.ui);
  /** The reply box: typing indicator and sending. */
  private readonly replies = new Composer(this.ui);
  /** Availability, offers, accepting, the connection code search and ending. */
  private readonly actions = new SessionActions(this.ui);
  /** Transfer: the action, its dialog (agents and skills) and what it did. */
  private readonly transfers = new TransferDialog(this.ui);
  /** Loads conversations and customer details into the store. */
  private readonly sessionLoader = new SessionLoader(this.ui);
  /** The session list, loaded again when the client or a filter changes. */
  private readonly list = new Loader(this, {
    args: () => [this.client, this.phase, this.store.filterKey, this.sessionLimit] as const,
    load: async ([client, phase]) => {
      if (!client || phase !== 'ready') return nothingToLoad;
      this.store.limit = this.sessionLimit;
      // Sessions the socket reports while the list loads are newer than the answer: kept as they are.
      const load = this.store.beginListLoad();
      try {
        this.store.listLoaded(load, await client.sessions(this.store.filter));
      } catch (error) {
        if (this.store.listFailed(load, error)) throw error;
      }
    },
    onError: (error) => this.reportError(error),
  });
  /** The open session's conversation, then its customer's details. */
  private readonly thread = new Loader(this, {
    args: () => [this.client, this.store.selectedId] as const,
    load: async ([client, id]) => (client && id ? this.sessionLoader.loadThread(id) : nothingToLoad),
  });
  private readonly detail = new Loader(this, {
    args: () => [this.client, this.store.selectedId] as const,
    load: async ([client, id]) => (client && id ? this.sessionLoader.loadDetail(id) : nothingToLoad),
  });
  /** Signing in with an account, and renewing its agent token. */
  private readonly accounts = new AccountSignIn({
    server: () => this.server,
    useToken: (token, renewed) => {
      if (renewed) this.client?.setToken(token);
      this.token = token;
    },
    failed: (error) => this.signInFailed(error),
    reportError: (error) => this.reportError(error),
  });
  /** Stable listeners for the frame's controls. */
  private readonly submitSignIn = (event: SubmitEvent) => void this.onSignIn(event);
  private readonly toggleMode = () => {
    this.signInMode = this.signInMode === 'account' ? 'token' : 'account';
    this.signInError = undefined;
    void this.updateComplete.then(() => this.firstField()?.focus());
  };
  private readonly toggle = () => void this.actions.toggleStatus();
  private readonly signOutClick = () => this.signOut();
  private readonly retry = () => void this.connect();

  private client?: AgentClient;
  private bannerTimer?: ReturnType<typeof setTimeout>;

  @query('[part~="token-input"]') private tokenInput?: HTMLInputElement;
  @query('[part~="email-input"]') private emailInput?: HTMLInputElement;
  /** The account form's fields, as rendered now. */
  private readonly accountFields = () => fieldsIn(this.renderRoot);

  constructor() {
    super();
    // The one place the store's changes reach rendering (the store lives as long as the element).
    this.store.onChange(() => this.requestUpdate());
  }

  private readonly onVisibility = () => {
    if (this.store.selectedId) this.sessionLoader.markSeen(this.store.selectedId);
  };

  /** Where the console is: `signed-out`, `signing-in`, `ready` or `failed`. */
  get state(): AgentConsoleState {
    return this.shownState as AgentConsoleState;
  }

  protected override deriveState(): AgentConsoleState {
    return this.server ? this.phase : 'failed';
  }

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

  /** Signs out (an account's session on the server too): closes the connection and shows the sign-in form. */
  signOut(): void {
    const agentId = this.agent?.id ?? null;
    const wasSignedIn = this.phase === 'ready';
    this.accounts.end(true);
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
    this.accounts.resume();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.accounts.pause();
    this.teardown();
  }

  protected override updated(): void {
    this.cobrowse.sync();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('stateFilter')) this.store.setFilter('state', this.stateFilter);
    // A renewed token of the same sign-in is the client's already: no new connection for it.
    const newToken = changed.has('token') && this.token !== this.client?.token;
    if ((changed.has('server') || newToken) && this.isConnected) void this.connect();
  }

  // ---- Signing in ----

  /** Replaces the client for the current server and token. */
  private async connect(): Promise<void> {
    this.teardown();
    this.failure = undefined;
    if (!this.server || !this.token) {
      this.phase = 'signed-out';
      // Once: a session of this browser's (a reload) signs in without the form.
      if (this.server && this.signInMode === 'account' && !this.restoreTried) {
        this.restoreTried = true;
        void this.accounts.restore();
      }
      return;
    }
    if (!this.accounts.active) this.signInMode = 'token';
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
      void this.transfers.load();
    } catch (error) {
      if (client !== this.client) return;
      this.signInFailed(error);
    }
  }

  private signInFailed(error: unknown): void {
    this.reportError(error);
    if (error instanceof NexusError && (error.unauthorized || error.status === 403)) {
      // A refused token (or one that is not an agent's): back to the form, which says why.
      this.accounts.end(false);
      this.teardown();
      this.signInError = error;
      this.token = undefined;
      this.updateComplete.then(() => this.firstField()?.focus());
      return;
    }
    this.accounts.end(false);
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
    this.actions.reset();
    this.transfers.reset();
    this.cobrowse.reset();
    clearTimeout(this.bannerTimer);
  }

  /** Follows the client's news; what comes from a client replaced meanwhile is ignored. */
  private listen(client: AgentClient): void {
    const on = <K extends keyof AgentEvents>(name: K, handler: (value: AgentEvents[K]) => void) =>
      client.on(name, (value) => {
        if (client === this.client) handler(value);
      });
    // The first welcome comes with signing in, which loads the list itself; later ones follow a
    // reconnect, after which the console catches up with what changed meanwhile.
    let welcomes = 0;
    on('ready', ({ agent }) => {
      const reconnect = welcomes++ > 0;
      if (this.phase !== 'ready') return;
      this.applyStatus(agent.status);
      this.agent = { ...agent };
      if (!reconnect) return;
      void this.list.run();
      if (this.store.selectedId) void this.thread.run();
    });
    on('offer', (offer) => this.actions.offered(offer.session, offer.expiresAt, offer.transfer));
    on('offer-withdrawn', ({ sessionId }) => this.store.removeOffer(sessionId));
    on('session.update', (session) => this.upsertSession(session));
    on('session.event', ({ sessionId, event }) => this.onEvent(sessionId, event));
    on('session.typing', ({ sessionId, active }) => this.store.setCustomerTyping(sessionId, active));
    on('session.seen', ({ sessionId, seq }) => this.store.seenByCustomer(sessionId, seq));
    on('status', (status) => this.applyStatus(status));
    on('cobrowse.state', ({ sessionId, cobrowse }) => this.cobrowse.onState(sessionId, cobrowse));
    on('cobrowse.events', ({ sessionId, id, events }) => this.cobrowse.onEvents(sessionId, id, events));
    on('connection.lost', () => {
      clearTimeout(this.bannerTimer);
      this.connection = 'lost';
    });
    on('connection.found', () => {
      this.connection = 'found';
      this.cobrowse.onReconnected();
      clearTimeout(this.bannerTimer);
      this.bannerTimer = setTimeout(() => {
        if (this.connection === 'found') this.connection = 'up';
      }, FOUND_BANNER_MS);
    });
    on('error', (error) => {
      if (error.unauthorized) this.signInFailed(error);
      else {
        this.cobrowse.onRefused(error);
        this.reportError(error);
      }
    });
  }

  /** The form's first field: the email, or the token. */
  private firstField(): HTMLInputElement | undefined {
    return this.signInMode === 'account' ? this.emailInput : this.tokenInput;
  }

  private async onSignIn(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.signInMode === 'token') {
      const value = this.tokenInput?.value.trim() ?? '';
      if (!value) {
        this.tokenInput?.focus();
        return;
      }
      this.accounts.end(true);
      this.signInError = undefined;
      this.token = value;
      return;
    }
    await this.accounts.submit(this.accountFields(), {
      signingIn: () => {
        this.signInError = undefined;
        this.phase = 'signing-in';
      },
      refused: async (error, tenantAsked) => {
        this.phase = 'signed-out';
        this.signInError = error;
        this.askTenant ||= tenantAsked;
        this.reportError(error);
        await this.updateComplete;
        return this.accountFields();
      },
    });
  }

  // ---- Availability ----

  private applyStatus(status: AgentStatus): void {
    if (!this.agent || this.agent.status === status) return;
    this.agent = { ...this.agent, status };
    this.announce(status === 'available' ? this.t('agentAvailable') : this.t('agentAway'));
    this.emit('nexus-agent-status', { status });
  }

  // ---- Session list ----

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
    // The list loads again for the new filters.
    this.store.setFilter(which, value);
    this.activeIndex = 0;
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

  // ---- The open session ----

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
    // Another session loads by itself (the loaders follow the selection); the same one again only
    // what is missing.
    if (previous !== sessionId) return;
    if (this.store.threads.get(sessionId)?.phase !== 'ready') void this.thread.run();
    if (this.store.details.get(sessionId)?.phase === 'error') void this.detail.run();
  }

  private onEvent(sessionId: string, event: ChatEvent): void {
    const kind = this.store.addEvent(sessionId, event);
    if (kind === 'open') {
      const { seq, text, file } = event;
      this.emit('nexus-agent-message', { sessionId, direction: 'in', seq, text, fileName: file?.name });
      this.sessionLoader.markSeen(sessionId);
    } else if (kind === 'unread') {
      const session = this.store.sessions.get(sessionId);
      this.announce(this.t('agentNewMessage', { session: session ? sessionLabel(this.ui, session) : sessionId }));
    }
    if (kind && sessionId === this.store.selectedId) void this.scrollTranscript();
  }

  private async scrollTranscript(): Promise<void> {
    await this.updateComplete;
    const log = this.renderRoot.querySelector<HTMLElement>('[part~="transcript"]');
    if (log) log.scrollTop = log.scrollHeight;
  }

  // ---- Rendering ----

  protected override render(): TemplateResult {
    return html`${this.themeLink(this.themeUrl)}
      <div part="base" class="base">
        ${renderFrame(this.ui, {
          server: this.server,
          phase: this.phase,
          signIn: { mode: this.signInMode, error: this.signInError, askTenant: this.askTenant, submit: this.submitSignIn, toggleMode: this.toggleMode },
          failure: this.failure,
          connection: this.connection,
          status: { busy: this.actions.statusBusy, error: this.actions.statusError, toggle: this.toggle, signOut: this.signOutClick },
          retry: this.retry,
        })}
        <div part="announcer" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      </div>`;
  }

  // ---- Small helpers ----

  private announce(text: string): void {
    // The same text twice in a row is still announced: clear, then set.
    this.announcement = '';
    void this.updateComplete.then(() => {
      this.announcement = text;
    });
  }
}

define('nexus-agent-console', NexusAgentConsole);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-agent-console': NexusAgentConsole;
  }
}
