import type {
  Agent,
  AgentConfig,
  AgentSessionDetail,
  AgentStatus,
  ChatEvent,
  FileInfo,
  LiveKind,
  LiveSession,
  MessageAck,
  ServerFrame,
  SessionList,
  TransferInfo,
  TransferTarget,
  TransferTargets,
} from '../protocol/live.js';
import { LIVE_LIMITS, type LiveState as State } from '../protocol/api.js';
import type {
  CobrowseInfo,
  CobrowseInput,
  CobrowseListing,
  CobrowseRecording,
  CobrowseRecordingSummary,
  CobrowseState,
} from '../protocol/cobrowse.js';
type LiveState = State;
import { ROUTES, routePath } from '../protocol/routes.js';
import { Emitter, type Listener } from '../core/emitter.js';
import { NexusError, invalidArgument } from '../core/errors.js';
import { randomId } from '../core/ids.js';
import { LiveSocket, socketUrl } from '../core/socket.js';
import { Transport } from '../core/transport.js';

export interface AgentClientOptions {
  /** URL of the Nexus Cloud server. */
  server: string;
  /** The agent's own token (`npm run cloud -- agent token <agentId>`). */
  token: string;
  fetch?: typeof fetch;
  WebSocket?: typeof WebSocket;
  timeoutMs?: number;
  /** First reconnect delay (default 500 ms). */
  reconnectDelayMs?: number;
  heartbeatMs?: number;
}

/** Which co-browses `cobrowseSessions()` lists. */
export interface CobrowseFilter {
  /** One state or several (default: all; ended and rejected ones are the server's recent ones). */
  state?: CobrowseState | CobrowseState[];
  sessionId?: string;
  /** The agent who asked. */
  agentId?: string;
  /** The session's custom data that must match exactly, key by key. */
  data?: Record<string, string>;
  limit?: number;
}

export interface SessionFilter {
  /** One state or several. */
  state?: State | State[];
  skill?: string;
  kind?: LiveKind;
  /** Custom data that must match exactly, key by key. */
  data?: Record<string, string>;
  limit?: number;
}

/** Custom data filters as the server reads them: `key:value,…`. */
const dataQuery = (data: Record<string, string> | undefined) =>
  data
    ? Object.entries(data)
        .map(([key, value]) => `${key}:${value}`)
        .join(',')
    : undefined;

/** Events of the agent client; a prefix (`session`, `connection`) receives the ones below it. */
export interface AgentEvents {
  /** Signed in (and again after every reconnect): the agent and the tenant's open sessions. */
  ready: { agent: Agent; sessions: LiveSession[] };
  /**
   * A queued chat is offered to this agent until `expiresAt`; a transferred one says who
   * transferred it and their note (`from` null: assigned by its connection code).
   */
  offer: { session: LiveSession; expiresAt: number; transfer?: TransferInfo };
  /**
   * An offer was withdrawn (taken elsewhere, expired, ended). Not named `offer.…`: a listener of
   * `offer` would receive it as a prefix listener, without a session.
   */
  'offer-withdrawn': { sessionId: string };
  /** A session of the tenant changed. */
  'session.update': LiveSession;
  /** A stored event of a session this agent is assigned to or subscribed to. */
  'session.event': { sessionId: string; event: ChatEvent };
  /** The customer is typing (or stopped). */
  'session.typing': { sessionId: string; active: boolean };
  /** The customer has seen everything up to `seq`. */
  'session.seen': { sessionId: string; seq: number };
  /** The agent's status changed (here or in another tab). */
  status: AgentStatus;
  /** The co-browse of a session this agent follows changed (pending, active, rejected, ended). */
  'cobrowse.state': { sessionId: string; cobrowse: CobrowseInfo };
  /**
   * A batch of the customer's recorder events (rrweb events, untrusted data: replay them in a
   * sandboxed frame, never insert them into this page). `seq` counts batches of request `id`.
   */
  'cobrowse.events': { sessionId: string; id: string; seq: number; events: unknown[] };
  'connection.lost': { at: number };
  'connection.found': { at: number };
  error: NexusError;
}

/**
 * The agent side of live help, headless: sign in with an agent token, set availability, receive
 * offers, list and find sessions, accept, chat and end. `<nexus-agent-console>` is built on it.
 */
export class AgentClient {
  readonly events = new Emitter<AgentEvents>();
  private readonly transport: Transport;
  private readonly socket: LiveSocket;
  private readonly subscriptions = new Map<string, number>();
  /** Co-browse per session while pending or active. */
  private readonly cobrowses = new Map<string, CobrowseInfo>();
  /** The batch being put together from its parts, per session. */
  private readonly assembling = new Map<string, { id: string; seq: number; parts: string[]; received: number }>();
  /** Per session, the message being sent (settled when stored or failed): the next waits for it. */
  private readonly sending = new Map<string, Promise<void>>();
  agent: Agent | null = null;
  private currentToken: string;

  constructor(options: AgentClientOptions) {
    this.transport = new Transport(options);
    this.currentToken = options.token;
    this.socket = new LiveSocket({
      url: socketUrl(this.transport.server, ROUTES.liveSocket),
      WebSocket: options.WebSocket,
      backoffMs: options.reconnectDelayMs,
      heartbeatMs: options.heartbeatMs,
      hello: () => ({ type: 'hello', token: this.currentToken }),
      onFrame: (frame) => this.onFrame(frame),
      onConnection: (state) => this.events.emit(state === 'lost' ? 'connection.lost' : 'connection.found', { at: Date.now() }),
      onRefused: (code, message) => this.events.emit('error', new NexusError(code, message, 401)),
    });
  }

  get server(): string {
    return this.transport.server;
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** The agent token the client uses now. */
  get token(): string {
    return this.currentToken;
  }

  /**
   * Uses a new token of the same agent from now on (one renewed before the old one expires, as
   * `AccountSession.keepAgentToken` gets them): for REST at once, and for the open connection
   * with a `renew` frame, so it stays open past the old token's expiry (a reconnect says hello
   * with the new one).
   */
  setToken(token: string): void {
    this.transport.setToken(token);
    this.currentToken = token;
    this.socket.send({ type: 'renew', token });
  }

  on<K extends keyof AgentEvents>(name: K, listener: Listener<AgentEvents[K]>): () => void;
  on(prefix: 'session' | 'connection' | 'cobrowse', listener: Listener<AgentEvents[keyof AgentEvents]>): () => void;
  on(name: string, listener: Listener<never>): () => void {
    return this.events.on(name, listener as Listener<AgentEvents[keyof AgentEvents]>);
  }

  off<K extends keyof AgentEvents>(name: K, listener: Listener<AgentEvents[K]>): void {
    this.events.off(name, listener);
  }

  /** The signed-in agent. */
  me(): Promise<Agent> {
    return this.transport.request<Agent>('GET', ROUTES.agentMe);
  }

  /** Available agents get offers; away agents do not. */
  async setStatus(status: AgentStatus): Promise<Agent> {
    if (status !== 'available' && status !== 'away') invalidArgument('status must be "available" or "away"');
    const agent = await this.transport.request<Agent>('POST', ROUTES.agentStatus, { body: { status } });
    this.agent = agent;
    return agent;
  }

  /** The tenant's sessions, newest first. */
  async sessions(filter: SessionFilter = {}): Promise<LiveSession[]> {
    const states = filter.state === undefined ? undefined : ([] as State[]).concat(filter.state).join(',');
    const list = await this.transport.request<SessionList>('GET', ROUTES.agentSessions, {
      query: { state: states, skill: filter.skill, kind: filter.kind, data: dataQuery(filter.data), limit: filter.limit },
    });
    return list.items;
  }

  /** The open session with this 6-digit connection code (rejects with `session_not_found`). */
  findByCode(code: string): Promise<LiveSession> {
    const digits = String(code).replace(/\s+/g, '');
    if (!/^\d{6}$/.test(digits)) invalidArgument('a connection code is 6 digits');
    return this.transport.request<LiveSession>('GET', routePath(ROUTES.agentSessionByCode, { code: digits }));
  }

  /** A session with the consumer's identity, context log and guided-path activity. */
  session(id: string): Promise<AgentSessionDetail> {
    return this.transport.request<AgentSessionDetail>('GET', routePath(ROUTES.agentSession, { id }));
  }

  /** Takes the session: the customer is told an agent joined. */
  async accept(id: string): Promise<LiveSession> {
    const session = await this.transport.request<LiveSession>('POST', routePath(ROUTES.agentAccept, { id }));
    this.subscribe(id);
    return session;
  }

  /**
   * Sends a message; retried until stored (the client id makes retries safe). The messages of a
   * session are stored in the order they were sent: each waits until the one before it is
   * stored (or has failed for good), so a retry never lets a later message overtake it.
   */
  async sendMessage(sessionId: string, text: string, clientId = randomId()): Promise<MessageAck> {
    if (typeof text !== 'string' || !text.trim()) invalidArgument('the message is empty');
    const stored = (this.sending.get(sessionId) ?? Promise.resolve()).then(() => this.storeMessage(sessionId, text, clientId));
    const settled = stored.then(
      () => undefined,
      () => undefined,
    );
    this.sending.set(sessionId, settled);
    void settled.then(() => this.sending.get(sessionId) === settled && this.sending.delete(sessionId));
    return stored;
  }

  private async storeMessage(sessionId: string, text: string, clientId: string): Promise<MessageAck> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.transport.request<MessageAck>('POST', routePath(ROUTES.agentMessages, { id: sessionId }), {
          body: { clientId, text },
        });
      } catch (error) {
        if (!(error instanceof NexusError) || !error.retryable || attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(8000, 250 * 2 ** attempt) * (0.5 + Math.random())));
      }
    }
  }

  /** Shares a file that was uploaded for the session. */
  sendFile(sessionId: string, file: FileInfo, clientId = randomId()): boolean {
    return this.socket.send({ type: 'file', sessionId, clientId, fileId: file.id });
  }

  /**
   * Hands an active session of this agent to another agent (`{ agentId }`: connected, available,
   * below their maximum; the session is offered to them) or to a skill's queue (`{ skill }`),
   * with a note only the next agent sees. Stops following the session (`unsubscribe`): it is no
   * longer this agent's. Resolves to the session as the transfer left it;
   * rejects with `transfer_disabled` or `skill_transfer_disabled` (the tenant's configuration),
   * `forbidden` (not yours), `session_not_active`, `agent_not_found`, `agent_unavailable`,
   * `skill_not_found`, or `invalid_request` for a bad target or a note over 500 characters.
   */
  async transfer(sessionId: string, to: TransferTarget, note?: string): Promise<LiveSession> {
    const target = to as Partial<Record<'agentId' | 'skill', unknown>> | null;
    const valid = target && typeof target === 'object' && (typeof target.agentId === 'string') !== (typeof target.skill === 'string');
    if (!valid || (target.agentId ?? target.skill) === '') invalidArgument('transfer to { agentId } or { skill }');
    if (note !== undefined && (typeof note !== 'string' || note.length > LIVE_LIMITS.maxTransferNoteChars)) {
      invalidArgument(`a transfer note is text of at most ${LIVE_LIMITS.maxTransferNoteChars} characters`);
    }
    const body = { to, ...(note?.trim() && { note }) };
    const session = await this.transport.request<LiveSession>('POST', routePath(ROUTES.agentTransfer, { id: sessionId }), { body });
    this.unsubscribe(sessionId);
    return session;
  }

  /** What the tenant's configuration lets agents do (whether to offer transfer, to skills too). */
  config(): Promise<AgentConfig> {
    return this.transport.request<AgentConfig>('GET', ROUTES.agentConfig);
  }

  /** Where a session can be transferred now: available agents with their load, and the skills. */
  transferTargets(): Promise<TransferTargets> {
    return this.transport.request<TransferTargets>('GET', ROUTES.agentTransferTargets);
  }

  /** Ends the session. */
  end(id: string): Promise<LiveSession> {
    return this.transport.request<LiveSession>('POST', routePath(ROUTES.agentEnd, { id }));
  }

  /** A page of a session's stored events after a seq, oldest first. */
  eventsAfter(id: string, after = 0): Promise<{ items: ChatEvent[]; more: boolean }> {
    return this.transport.request('GET', routePath(ROUTES.liveEvents, { id }), { query: { after, limit: 100 } });
  }

  /**
   * Follows a session's events live (`session.event`), starting after `since`. Kept across
   * reconnects, resuming after the last event received.
   */
  subscribe(sessionId: string, since = this.subscriptions.get(sessionId) ?? 0): void {
    this.subscriptions.set(sessionId, since);
    this.socket.send({ type: 'subscribe', sessionId, since });
  }

  unsubscribe(sessionId: string): void {
    this.subscriptions.delete(sessionId);
    this.socket.send({ type: 'unsubscribe', sessionId });
  }

  typing(sessionId: string, active: boolean): void {
    this.socket.send({ type: 'typing', sessionId, active });
  }

  markSeen(sessionId: string, seq: number): void {
    this.socket.send({ type: 'seen', sessionId, seq });
  }

  // -------------------------------------------------------------------------------------------
  // Co-browse

  /** The session's co-browse while pending or active (as last heard), or null. */
  cobrowse(sessionId: string): CobrowseInfo | null {
    return this.cobrowses.get(sessionId) ?? null;
  }

  /**
   * Asks the customer of a session (yours, or one you subscribed to, and active) to share their
   * tab. Answers come as `cobrowse.state`; refusals as `error`.
   */
  requestCobrowse(sessionId: string): void {
    this.sendCobrowse({ type: 'cobrowse.request', sessionId: this.checkId(sessionId) });
  }

  /** Asks the sharing customer for a fresh full snapshot (for example after joining late). */
  requestSnapshot(sessionId: string): void {
    this.sendCobrowse({ type: 'cobrowse.snapshot-request', sessionId: this.checkId(sessionId) });
  }

  /** Ends the session's co-browse (pending or active). */
  endCobrowse(sessionId: string): void {
    this.sendCobrowse({ type: 'cobrowse.end', sessionId: this.checkId(sessionId) });
  }

  /**
   * Asks the sharing customer for remote control, a second consent: `cobrowse.state` follows
   * with `control` pending, then granted (or off when declined).
   */
  requestCobrowseControl(sessionId: string): void {
    this.sendCobrowse({ type: 'cobrowse.control-request', sessionId: this.checkId(sessionId) });
  }

  /**
   * Joins a customer by the 6-digit code they read out (a co-browse code or a call's code) and
   * asks them to share their tab: a session waiting for an agent is accepted, an active one is
   * followed. Resolves to the session; the answer comes as `cobrowse.state`.
   */
  async joinCobrowse(code: string): Promise<LiveSession> {
    let session = await this.findByCode(code);
    if (session.state === 'active') this.subscribe(session.id);
    else session = await this.accept(session.id);
    this.requestCobrowse(session.id);
    return session;
  }

  /** Gives remote control back (co-browse goes on). */
  endCobrowseControl(sessionId: string): void {
    this.sendCobrowse({ type: 'cobrowse.control-end', sessionId: this.checkId(sessionId) });
  }

  /**
   * Sends what the agent does on the customer's page: the laser pointer or a highlight (while
   * sharing), a click, scroll, text or key (only with remote control granted; otherwise an
   * `error` with code `cobrowse_control_not_granted`). Nodes are the ids of the customer's
   * recorder (rrweb), as the replayer's mirror knows them. Returns false when not connected.
   */
  sendCobrowseInput(sessionId: string, input: CobrowseInput): boolean {
    return this.socket.send({ type: 'cobrowse.input', sessionId: this.checkId(sessionId), input });
  }

  /**
   * The tenant's co-browses, newest first: pending and active ones, and the server's recent
   * ended and rejected ones; filter by state, session, agent or the session's custom data.
   * Follow one with `watchCobrowse()`.
   */
  async cobrowseSessions(filter: CobrowseFilter = {}): Promise<CobrowseListing[]> {
    const state = filter.state === undefined ? undefined : ([] as string[]).concat(filter.state).join(',');
    const list = await this.transport.request<{ items: CobrowseListing[] }>('GET', ROUTES.agentCobrowse, {
      query: { state, sessionId: filter.sessionId, agentId: filter.agentId, data: dataQuery(filter.data), limit: filter.limit },
    });
    return list.items;
  }

  /**
   * Follows the co-browse of a session: subscribes to the session and calls `listener` on every
   * change (state and control). Returns what stops listening (the subscription stays, like
   * `subscribe()`).
   */
  watchCobrowse(sessionId: string, listener: (cobrowse: CobrowseInfo) => void): () => void {
    this.subscribe(this.checkId(sessionId));
    return this.events.on('cobrowse.state', (update) => {
      if (update.sessionId === sessionId) listener(update.cobrowse);
    });
  }

  /** The tenant's stored co-browse recordings, newest first (tenants that record co-browse). */
  async cobrowseRecordings(filter: { sessionId?: string; limit?: number } = {}): Promise<CobrowseRecordingSummary[]> {
    const list = await this.transport.request<{ items: CobrowseRecordingSummary[] }>('GET', ROUTES.agentCobrowseRecordings, { query: filter });
    return list.items;
  }

  /** One recording's batches of rrweb events (untrusted: replay them only in a sandboxed frame). */
  cobrowseRecording(id: string): Promise<CobrowseRecording> {
    return this.transport.request<CobrowseRecording>('GET', routePath(ROUTES.agentCobrowseRecording, { id: this.checkId(id) }));
  }

  private checkId(sessionId: string): string {
    if (typeof sessionId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(sessionId)) invalidArgument('sessionId must be a session id');
    return sessionId;
  }

  private sendCobrowse(frame: Parameters<LiveSocket['send']>[0]) {
    if (!this.socket.send(frame)) throw new NexusError('network_error', 'not connected to the support server: try again in a moment');
  }

  /** Puts a batch together from its parts; emits it once complete (incomplete ones are dropped). */
  private onCobrowseEvents(frame: Extract<ServerFrame, { type: 'cobrowse.events' }>) {
    let batch = this.assembling.get(frame.sessionId);
    if (!batch || batch.id !== frame.id || batch.seq !== frame.seq || batch.parts.length !== frame.parts) {
      batch = { id: frame.id, seq: frame.seq, parts: new Array<string>(frame.parts), received: 0 };
      this.assembling.set(frame.sessionId, batch);
    }
    if (batch.parts[frame.part] === undefined) batch.received++;
    batch.parts[frame.part] = frame.data;
    if (batch.received < batch.parts.length) return;
    this.assembling.delete(frame.sessionId);
    let events: unknown;
    try {
      events = JSON.parse(batch.parts.join(''));
    } catch {
      events = undefined;
    }
    if (!Array.isArray(events)) {
      this.events.emit('error', new NexusError('frame_invalid', `co-browse batch ${frame.seq} of session ${frame.sessionId} is not a JSON array`));
      return;
    }
    this.events.emit('cobrowse.events', { sessionId: frame.sessionId, id: frame.id, seq: frame.seq, events });
  }

  /** Closes the connection; the client is unusable afterwards. */
  destroy(): void {
    this.socket.close();
    this.events.clear();
  }

  private onFrame(frame: ServerFrame) {
    switch (frame.type) {
      case 'welcome':
        if (frame.role !== 'agent') return;
        this.agent = frame.agent;
        // Resume every followed session after the last event it delivered.
        for (const [sessionId, since] of this.subscriptions) this.socket.send({ type: 'subscribe', sessionId, since });
        this.events.emit('ready', { agent: frame.agent, sessions: frame.sessions });
        return;
      case 'offer':
        this.events.emit('offer', { session: frame.session, expiresAt: frame.expiresAt, ...(frame.transfer && { transfer: frame.transfer }) });
        return;
      case 'offer-withdrawn':
        this.events.emit('offer-withdrawn', { sessionId: frame.sessionId });
        return;
      case 'session':
        this.events.emit('session.update', frame.session);
        return;
      case 'event': {
        const last = this.subscriptions.get(frame.sessionId);
        if (last !== undefined && frame.event.seq <= last) return;
        if (last !== undefined) this.subscriptions.set(frame.sessionId, frame.event.seq);
        this.events.emit('session.event', { sessionId: frame.sessionId, event: frame.event });
        return;
      }
      case 'typing':
        if (frame.role === 'customer') this.events.emit('session.typing', { sessionId: frame.sessionId, active: frame.active });
        return;
      case 'seen':
        if (frame.role === 'customer') this.events.emit('session.seen', { sessionId: frame.sessionId, seq: frame.seq });
        return;
      case 'cobrowse':
        if (frame.cobrowse.state === 'pending' || frame.cobrowse.state === 'active') this.cobrowses.set(frame.sessionId, frame.cobrowse);
        else {
          this.cobrowses.delete(frame.sessionId);
          this.assembling.delete(frame.sessionId);
        }
        this.events.emit('cobrowse.state', { sessionId: frame.sessionId, cobrowse: frame.cobrowse });
        return;
      case 'cobrowse.events':
        this.onCobrowseEvents(frame);
        return;
      case 'status':
        if (this.agent) this.agent = { ...this.agent, status: frame.status };
        this.events.emit('status', frame.status);
        return;
      case 'error':
        // Before the welcome, an error explains a refused hello; the close that follows reports it
        // (onRefused, as a 401), so it is not reported twice.
        if (!this.socket.connected) return;
        this.events.emit('error', new NexusError(frame.code, frame.message, 400));
        return;
      default:
        return;
    }
  }
}

export type { Agent, AgentConfig, AgentSessionDetail, AgentStatus, LiveSession, LiveState, ChatEvent, TransferInfo, TransferTarget, TransferTargets };
