/**
 * The live WebSocket endpoint: one `Connection` per socket. A connection proves who it is with
 * its first frame (`hello`), then sends frames that the hub acts on, and receives what the bus
 * delivers to it. Bad frames get an `error` frame and change nothing; the connection stays open.
 *
 * Close codes: 1009 a frame over LIVE_LIMITS.maxFrameBytes; 4401 the hello token is not valid
 * (expired, revoked...), or the token of an open connection was revoked (`token_revoked`, found
 * by live/revocations.ts within about a second) or reached its expiry (`token_expired`, at its
 * `exp`); 4403 the token is of a kind that cannot connect (an application token); 4404 the
 * session of the token does not exist; 4408 no hello in time; 1001 the server is shutting down;
 * 1011 handling a frame failed unexpectedly (the store unreachable...), after an `internal_error`
 * frame: the client reconnects, catches up and sends again what was not acknowledged.
 * Each 44xx close comes right after an `error` frame with the code.
 */
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import { COBROWSE_LIMITS, LIVE_LIMITS } from '../../src/protocol/api.js';
import type { ChatEvent, ClientFrame, ServerFrame } from '../../src/protocol/live.js';
import { ROUTES } from '../../src/protocol/routes.js';
import { verifyToken } from '../auth.js';
import { ApiError } from '../errors.js';
import { TokenBucket } from '../token-bucket.js';
import type { Peer } from './connections.js';
import { AGENT_FRAMES, CUSTOMER_FRAMES, parseFrame, parseFrameBytes, textOf, type FrameCheck } from './frames.js';
import { cobrowseFrame } from './cobrowse-frames.js';
import { checkHandshake } from './handshake.js';
import type { Actor, LiveHub } from './hub.js';

export interface SocketOptions {
  /** How long a new connection has to send `hello`. */
  helloTimeoutMs: number;
  /** Interval of WebSocket pings; a socket that did not answer the previous one is terminated. */
  keepaliveMs: number;
  /** Where unexpected errors go. */
  onError: (error: unknown) => void;
}

/** Longest delay setTimeout takes (about 24.8 days); a later expiry is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A connection whose unsent data exceeds this is too slow to keep up and is dropped. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
const REPLAY_PAGE = 200;

/** The TCP sockets corked in this turn (see `corkForTurn`). */
const corked = new Set<Socket>();

/**
 * Holds a connection's writes until the end of this event-loop turn, so the frames it is sent in
 * one turn leave in one write: a customer's message costs its ack and its event, and the agents
 * get the events of a whole group commit together. ws keeps the TCP socket as `_socket`.
 */
function corkForTurn(socket: WebSocket) {
  const tcp = (socket as unknown as { _socket?: Socket | null })._socket;
  if (!tcp || corked.has(tcp)) return;
  if (!corked.size) {
    setImmediate(() => {
      for (const held of corked) held.uncork();
      corked.clear();
    });
  }
  tcp.cork();
  corked.add(tcp);
}

/** Characters as the schemas count them (code points). */
function tooLong(text: string, max: number): boolean {
  return text.length > max && [...text].length > max;
}

/** How far a connection has been sent a session's events; `buffer` holds live ones during a replay. */
interface Follow {
  lastSent: number;
  buffer?: ChatEvent[];
}

/** The `ref` of an error about a frame: its clientId, else its sessionId. */
function refOf(frame: unknown): string | undefined {
  if (!frame || typeof frame !== 'object') return undefined;
  const { clientId, sessionId, type, id } = frame as { clientId?: unknown; sessionId?: unknown; type?: unknown; id?: unknown };
  // Co-browse frames of customers name their request by `id`.
  if (typeof type === 'string' && type.startsWith('cobrowse.') && typeof id === 'string') return id;
  return typeof clientId === 'string' ? clientId : typeof sessionId === 'string' ? sessionId : undefined;
}

class Connection implements Peer {
  readonly id = randomBytes(12).toString('base64url');
  private actor?: Actor;
  private readonly follows_ = new Map<string, Follow>();
  private readonly bucket = new TokenBucket(LIVE_LIMITS.framesPerSecond, LIVE_LIMITS.frameBurst);
  /** Co-browse event frames have a budget of their own (and one per session, in CobrowseRelay). */
  private readonly streamBucket = new TokenBucket(COBROWSE_LIMITS.framesPerSecond, COBROWSE_LIMITS.frameBurst);
  /** And the agents' co-browse input frames (laser moves, clicks...). */
  private readonly inputBucket = new TokenBucket(COBROWSE_LIMITS.inputsPerSecond, COBROWSE_LIMITS.inputBurst);
  /** Frames are handled one at a time, in the order they came; `queued` of them are in `work`. */
  private work = Promise.resolve();
  private queued = 0;
  private readonly helloTimer: ReturnType<typeof setTimeout>;
  private expiryTimer?: ReturnType<typeof setTimeout>;
  private closed = false;
  /** Set by `fail`: no frame of this connection is handled any more. */
  private failed = false;
  /** See Peer.tokenId; set by hello. */
  tokenId: string | null = null;
  /** When the hello token stops working (ms), null when it does not expire. */
  private expiresAt: number | null = null;

  constructor(
    private readonly socket: WebSocket,
    private readonly hub: LiveHub,
    private readonly options: SocketOptions,
  ) {
    socket.on('message', (data, isBinary) => this.receive(data, isBinary));
    socket.on('close', () => this.onClose());
    this.helloTimer = setTimeout(() => this.refuse(4408, 'not_authenticated', 'no hello within the time allowed'), options.helloTimeoutMs);
  }

  get tenantId() {
    return this.actor!.tenantId;
  }

  get role() {
    return this.actor!.role;
  }

  get key() {
    const actor = this.actor!;
    return actor.role === 'customer' ? actor.sessionId : actor.agent.id;
  }

  send(frame: ServerFrame, encoded?: () => string): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.socket.terminate();
      return;
    }
    corkForTurn(this.socket);
    const text = textOf(frame);
    if (text) this.socket.send(text, { binary: false });
    else this.socket.send(encoded ? encoded() : JSON.stringify(frame));
  }

  private error(code: string, message: string, ref?: string) {
    this.send({ type: 'error', code, message, ...(ref !== undefined && { ref }) });
  }

  private refuse(closeCode: number, code: string, message: string) {
    this.error(code, message);
    this.socket.close(closeCode, message.slice(0, 120));
  }

  revoke(code: 'token_revoked' | 'token_expired', message: string): void {
    if (this.closed) return;
    this.refuse(4401, code, message);
    // Leave now rather than when the client answers the close: nothing more is handled or
    // delivered, and an agent goes offline (its offers move on) as on any close.
    this.onClose();
  }

  /** Closes the connection with `token_expired` at `expiresAt` (ms), in steps setTimeout can take. */
  private expireAt(expiresAt: number) {
    const left = expiresAt - Date.now();
    if (left <= 0) return this.revoke('token_expired', 'the token of this connection has expired');
    this.expiryTimer = setTimeout(() => this.expireAt(expiresAt), Math.min(left, MAX_TIMER_MS));
  }

  // -------------------------------------------------------------------------------------------
  // Following sessions' events

  follows(sessionId: string): boolean {
    return this.follows_.has(sessionId);
  }

  /** Follows (or follows again from `follow`) a session; the process's index of followers learns it. */
  private setFollow(sessionId: string, follow: Follow) {
    this.follows_.set(sessionId, follow);
    this.hub.connections.following(this, sessionId, true);
  }

  private unfollow(sessionId: string) {
    if (this.follows_.delete(sessionId)) this.hub.connections.following(this, sessionId, false);
  }

  deliverEvent(sessionId: string, event: ChatEvent, owner: boolean, encoded?: () => string): void {
    let follow = this.follows_.get(sessionId);
    if (!follow) {
      if (!owner) return;
      this.setFollow(sessionId, (follow = { lastSent: event.seq - 1 }));
    }
    if (follow.buffer) follow.buffer.push(event);
    else if (event.seq > follow.lastSent + 1) {
      // A gap: events stored that never came over the bus (the process that stored them died
      // before it published them, say). They are in the store, older than this one: send them
      // from there first, then this one.
      follow.buffer = [event];
      this.replay(sessionId, follow).catch((error: unknown) => {
        this.options.onError(error);
        this.fail();
      });
    } else this.sendEvent(sessionId, follow, event, encoded);
  }

  private sendEvent(sessionId: string, follow: Follow, event: ChatEvent, encoded?: () => string) {
    if (event.seq <= follow.lastSent) return;
    follow.lastSent = event.seq;
    const frame: ServerFrame = { type: 'event', sessionId, event };
    this.send(frame, encoded);
  }

  follow(sessionId: string, since: number): void {
    // Asked by the server: what this connection was already sent is not sent again.
    const sent = this.follows_.get(sessionId)?.lastSent ?? 0;
    this.replay(sessionId, this.startFollow(sessionId, Math.max(since, sent))).catch((error: unknown) => {
      this.options.onError(error);
      this.fail();
    });
  }

  /** Starts following at once (live events are buffered from now on); `replay` sends the past. */
  private startFollow(sessionId: string, since: number): Follow {
    const follow: Follow = { lastSent: since, buffer: [] };
    this.setFollow(sessionId, follow);
    return follow;
  }

  /**
   * Sends the stored events after `lastSent`, then the buffered live ones, in seq order. When the
   * store fails, nothing buffered is sent (it would leave a gap before it): the caller fails the
   * connection, and the client asks again from what it has.
   */
  private async replay(sessionId: string, follow: Follow) {
    for (let more = true; more; ) {
      const page = await this.hub.store.listChatEvents(this.tenantId, sessionId, { after: follow.lastSent, limit: REPLAY_PAGE });
      if (this.follows_.get(sessionId) !== follow) return;
      for (const event of page.items) this.sendEvent(sessionId, follow, event);
      more = page.more;
    }
    const buffered = follow.buffer ?? [];
    follow.buffer = undefined;
    for (const event of buffered) this.sendEvent(sessionId, follow, event);
  }

  // -------------------------------------------------------------------------------------------
  // Frames in

  private receive(data: RawData, isBinary: boolean) {
    const check = isBinary ? undefined : Buffer.isBuffer(data) ? parseFrameBytes(data) : parseFrame(data.toString());
    // Co-browse event and input frames have their own limits (here per connection, and per
    // session in CobrowseRelay), so a shared page or the laser does not use up the chat's budget.
    const type = check?.ok === true ? check.frame.type : undefined;
    const streamed = type === 'cobrowse.events' || type === 'cobrowse.input';
    if (streamed && !(type === 'cobrowse.events' ? this.streamBucket : this.inputBucket).take()) {
      const limit = type === 'cobrowse.events' ? COBROWSE_LIMITS.framesPerSecond : COBROWSE_LIMITS.inputsPerSecond;
      this.error('cobrowse_rate_limited', `more than ${limit} ${type} frames a second; this one was dropped`, refOf(check?.ok && check.frame));
      return;
    }
    if (!streamed && !this.bucket.take()) {
      let ref: string | undefined;
      try {
        ref = check?.ok ? refOf(check.frame) : refOf(JSON.parse(data.toString()));
      } catch {
        // no ref then
      }
      this.error('rate_limited', `more than ${LIVE_LIMITS.framesPerSecond} frames a second; this one was dropped`, ref);
      return;
    }
    // A sharing customer's events (the relay's busiest path) are relayed at once when nothing is
    // queued before them: no promise per frame while the live state is in this process.
    const { actor } = this;
    if (check?.ok && check.frame.type === 'cobrowse.events' && actor?.role === 'customer') {
      const { frame } = check;
      if (this.queued) return this.queue(this.hub.track(this.work.then(() => this.stream(actor, frame))));
      try {
        const pending = this.stream(actor, frame);
        if (pending) this.queue(this.hub.track(pending));
      } catch (error) {
        this.crashed(error);
      }
      return;
    }
    this.queue(this.hub.track(this.work.then(() => this.handle(check))));
  }

  /** Makes `work` (handling the frame that came last) the one the next frame waits for. */
  private queue(work: Promise<void>) {
    this.queued++;
    this.work = work
      .catch((error: unknown) => this.crashed(error))
      .then(() => void this.queued--);
  }

  /** Handling a frame failed unexpectedly (see `fail`). */
  private crashed(error: unknown) {
    this.options.onError(error);
    this.error('internal_error', 'something went wrong on the server');
    this.fail();
  }

  /** A customer's `cobrowse.events`, handled as `handle` would. */
  private stream(actor: Extract<Actor, { role: 'customer' }>, frame: Extract<ClientFrame, { type: 'cobrowse.events' }>) {
    if (this.closed || this.failed || this.hub.stopping) return;
    try {
      return this.hub.cobrowse.events(actor.tenantId, actor.sessionId, this, frame)?.catch((error: unknown) => this.refused(error, frame));
    } catch (error) {
      this.refused(error, frame);
    }
  }

  /** Answers a frame the hub refused (an ApiError) with an `error` frame; anything else is unexpected. */
  private refused(error: unknown, frame: ClientFrame) {
    if (!(error instanceof ApiError)) throw error;
    this.error(error.code, error.message, refOf(frame));
  }

  /**
   * After an unexpected failure (the store unreachable...), what the connection was doing is in
   * doubt: a message not stored and not acknowledged, a replay cut short (a gap before the live
   * events). The frames it sent next are not handled (a later message must not be stored before
   * the one that failed), and it is closed with 1011: the client reconnects, asks for what it
   * missed and sends its unacknowledged messages again, in order (each once: same clientId).
   */
  private fail() {
    if (this.closed || this.failed) return;
    this.failed = true;
    this.socket.close(1011, 'internal error');
  }

  /** `check` is undefined for a binary frame. */
  private async handle(check: FrameCheck | undefined) {
    // A stopping server handles nothing more: the client sends again what was not acknowledged
    // to the process it reconnects to.
    if (this.closed || this.failed || this.hub.stopping) return;
    if (!check) return this.error('frame_invalid', 'frames are JSON text, not binary');
    if (!check.ok) return this.error(check.code, check.message, check.ref);
    const { frame } = check;
    const ref = refOf(frame);
    if (frame.type === 'hello') {
      return this.actor ? this.error('frame_invalid', 'this connection has said hello already') : this.hello(frame);
    }
    if (!this.actor) return this.error('not_authenticated', 'send hello with a token first', ref);
    if (AGENT_FRAMES.has(frame.type) && this.actor.role !== 'agent') {
      return this.error('forbidden', `only agents send ${frame.type} frames`, ref);
    }
    if (CUSTOMER_FRAMES.has(frame.type) && this.actor.role !== 'customer') {
      return this.error('forbidden', `only customers send ${frame.type} frames`, ref);
    }
    try {
      await this.dispatch(this.actor, frame);
    } catch (error) {
      this.refused(error, frame);
    }
  }

  /** The session a frame is about: the customer's own, or the one an agent names. */
  private sessionOf(actor: Actor, frame: { sessionId?: string }): string {
    if (actor.role === 'customer') return frame.sessionId ?? actor.sessionId;
    if (frame.sessionId === undefined) throw new ApiError(400, 'frame_invalid', 'agents name the session: sessionId is required');
    return frame.sessionId;
  }

  private async dispatch(actor: Actor, frame: ClientFrame) {
    switch (frame.type) {
      case 'ping':
        return this.send({ type: 'pong', ...(frame.id !== undefined && { id: frame.id }) });
      case 'message': {
        if (tooLong(frame.text, LIVE_LIMITS.maxMessageChars)) {
          throw new ApiError(400, 'message_too_long', `a message has at most ${LIVE_LIMITS.maxMessageChars} characters`);
        }
        if (!frame.text.trim()) throw new ApiError(400, 'frame_invalid', 'the message is empty');
        const sessionId = this.sessionOf(actor, frame);
        const { event } = await this.hub.post(actor, sessionId, frame.clientId, { text: frame.text });
        return this.send({ type: 'ack', sessionId, clientId: frame.clientId, seq: event.seq });
      }
      case 'file': {
        const sessionId = this.sessionOf(actor, frame);
        const { event } = await this.hub.shareFile(actor, sessionId, frame.clientId, frame.fileId);
        return this.send({ type: 'ack', sessionId, clientId: frame.clientId, seq: event.seq });
      }
      case 'typing':
        return this.hub.typing(actor, this.sessionOf(actor, frame), frame.active);
      case 'seen':
        return this.hub.seen(actor, this.sessionOf(actor, frame), frame.seq);
      case 'end':
        await this.hub.end(actor, this.sessionOf(actor, frame));
        return;
      case 'status':
        if (actor.role === 'agent') actor.agent = await this.hub.setStatus(actor.agent, frame.status);
        return;
      case 'accept':
        if (actor.role === 'agent') await this.hub.accept(actor.agent, frame.sessionId);
        return;
      case 'transfer':
        if (actor.role === 'agent') await this.hub.transfers.transfer(actor.agent, frame.sessionId, frame.to, frame.note);
        return;
      case 'subscribe':
        await this.hub.sessionFor(actor, frame.sessionId);
        await this.replay(frame.sessionId, this.startFollow(frame.sessionId, frame.since ?? 0));
        return this.sendCobrowse(frame.sessionId);
      case 'unsubscribe':
        this.unfollow(frame.sessionId);
        return;
      case 'cobrowse.request':
      case 'cobrowse.snapshot-request':
      case 'cobrowse.end':
      case 'cobrowse.consent':
      case 'cobrowse.events':
      case 'cobrowse.control-request':
      case 'cobrowse.control-consent':
      case 'cobrowse.control-end':
      case 'cobrowse.input':
        return cobrowseFrame(this.hub, this, actor, frame);
      case 'renew':
        return actor.role === 'agent' ? this.renew(actor, frame.token) : undefined;
      case 'hello':
        return;
    }
  }

  /**
   * An agent's new token for this connection: it must be valid and of the same agent; from now
   * on its revocation and expiry end the connection, not the old token's.
   */
  private async renew(actor: Extract<Actor, { role: 'agent' }>, token: string) {
    const principal = await verifyToken(this.hub.store, token);
    if (principal.role !== 'agent' || principal.tenantId !== actor.tenantId || principal.agentId !== actor.agent.id) {
      throw new ApiError(403, 'forbidden', 'a renewed token must be an agent token of the same agent');
    }
    if (this.closed) return;
    if (this.hub.connections.wasRevoked(principal.tokenId)) throw new ApiError(401, 'token_revoked', 'this token has been revoked');
    this.hub.connections.retoken(this, () => (this.tokenId = principal.tokenId));
    this.expiresAt = principal.expiresAt;
    clearTimeout(this.expiryTimer);
    if (this.expiresAt !== null) this.expireAt(this.expiresAt);
    this.send({ type: 'renewed', expiresAt: this.expiresAt });
  }

  // -------------------------------------------------------------------------------------------
  // Co-browse (server/live/cobrowse.ts keeps the state)

  /** Tells this connection about the session's pending or active co-browse, if any. */
  private async sendCobrowse(sessionId: string) {
    const cobrowse = await this.hub.cobrowse.current(this.tenantId, sessionId);
    if (cobrowse) this.send({ type: 'cobrowse', sessionId, cobrowse });
  }

  // -------------------------------------------------------------------------------------------
  // Hello and goodbye

  private async hello(frame: Extract<ClientFrame, { type: 'hello' }>) {
    let principal;
    try {
      principal = await verifyToken(this.hub.store, frame.token);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return this.refuse(error.statusCode === 404 ? 4404 : 4401, error.code, error.message);
    }
    if (principal.role === 'consumer') {
      return this.refuse(4403, 'forbidden', 'an application token cannot open the live channel: use a session or agent token');
    }
    this.tokenId = principal.role === 'agent' ? principal.tokenId : principal.appTokenId;
    this.expiresAt = principal.expiresAt;
    if (principal.role === 'customer') return this.welcomeCustomer(principal.tenantId, principal.sessionId, frame.since ?? 0);
    const agent = await this.hub.store.getAgent(principal.tenantId, principal.agentId);
    if (!agent) return this.refuse(4401, 'token_revoked', 'the agent of this token no longer exists');
    return this.welcomeAgent({ role: 'agent', tenantId: principal.tenantId, agent });
  }

  /**
   * Marks the connection authenticated and reachable, and arms its expiry; false when it closed
   * meanwhile, or when its token was revoked or expired since hello checked it. Call it in the
   * same tick as `connections.add`, so that no revocation slips in between.
   */
  private admit(actor: Actor): boolean {
    if (this.closed) return false;
    clearTimeout(this.helloTimer);
    if (this.hub.connections.wasRevoked(this.tokenId)) {
      this.revoke('token_revoked', 'the token of this connection has been revoked');
      return false;
    }
    if (this.expiresAt !== null && this.expiresAt <= Date.now()) {
      this.revoke('token_expired', 'the token of this connection has expired');
      return false;
    }
    this.actor = actor;
    if (this.expiresAt !== null) this.expireAt(this.expiresAt);
    return true;
  }

  private async welcomeCustomer(tenantId: string, sessionId: string, since: number) {
    const session = (await this.hub.store.getLiveSession(tenantId, sessionId))!;
    const view = await this.hub.view(session);
    if (!this.admit({ role: 'customer', tenantId, sessionId })) return;
    const follow = this.startFollow(sessionId, since);
    this.hub.connections.add(this);
    this.send({ type: 'welcome', role: 'customer', session: view, seen: session.seen });
    await this.replay(sessionId, follow);
    // A request still waiting for consent is asked again on a (re)connected tab.
    if ((await this.hub.cobrowse.current(tenantId, sessionId))?.state === 'pending') await this.sendCobrowse(sessionId);
  }

  private async welcomeAgent(actor: Extract<Actor, { role: 'agent' }>) {
    const { tenantId, agent } = actor;
    const open = await this.hub.store.listLiveSessions(tenantId, { states: ['queued', 'assigned', 'active'], limit: 500 });
    const sessions = await this.hub.views(tenantId, open);
    const offers = await this.hub.offersFor(tenantId, agent.id);
    if (!this.admit(actor)) return;
    // The agent's own active sessions are followed from now on; `subscribe` replays the past.
    for (const s of open) if (s.state === 'active' && s.agent?.id === agent.id) this.setFollow(s.id, { lastSent: s.lastSeq });
    const first = this.hub.connections.add(this);
    this.send({ type: 'welcome', role: 'agent', agent: { id: agent.id, name: agent.name, skills: agent.skills, status: agent.status }, sessions });
    for (const [sessionId, expiresAt] of offers) {
      const session = sessions.find((s) => s.id === sessionId);
      const transfer = session && (await this.hub.state.handover(sessionId));
      if (session) this.send({ type: 'offer', session, expiresAt, ...(transfer && { transfer }) });
    }
    for (const s of open) if (this.follows_.has(s.id)) await this.sendCobrowse(s.id);
    if (first) await this.hub.agentPresence(tenantId, agent.id, true);
  }

  private onClose() {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.helloTimer);
    clearTimeout(this.expiryTimer);
    for (const sessionId of [...this.follows_.keys()]) this.unfollow(sessionId);
    const actor = this.actor;
    if (!actor) return;
    if (actor.role === 'customer') this.hub.cobrowse.disconnected(this).catch(this.options.onError);
    const last = this.hub.connections.remove(this);
    if (last && actor.role === 'agent') {
      this.hub.agentPresence(actor.tenantId, actor.agent.id, false).catch(this.options.onError);
    }
  }
}

/**
 * Registers the WebSocket route (in a scope where @fastify/websocket is registered) and the
 * keepalive: a ping every `keepaliveMs`; a socket that has not answered the previous one is dead
 * and terminated.
 */
export function registerLiveSocket(app: FastifyInstance, hub: LiveHub, options: SocketOptions) {
  const alive = new WeakMap<WebSocket, boolean>();
  app.route({
    method: 'GET',
    url: ROUTES.liveSocket,
    onRequest: checkHandshake,
    handler: async () => {
      throw new ApiError(426, 'invalid_request', 'this is a WebSocket endpoint: connect with Upgrade: websocket');
    },
    wsHandler: (socket) => {
      alive.set(socket, true);
      socket.on('pong', () => alive.set(socket, true));
      new Connection(socket, hub, options);
    },
  });

  let timer: ReturnType<typeof setInterval> | undefined;
  app.addHook('onReady', async () => {
    timer = setInterval(() => {
      for (const socket of app.websocketServer.clients) {
        if (alive.get(socket) === false) {
          socket.terminate();
          continue;
        }
        alive.set(socket, false);
        socket.ping();
      }
    }, options.keepaliveMs);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}
