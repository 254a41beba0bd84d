/**
 * The live engine: one live session of this person, its socket and outbox. It is a module of its
 * own so that pages that never use live help do not load it: `client.chat` and `client.liveHelp`
 * (./live.ts) load it on first use, or at once when a session was saved before a reload.
 */
import { LIVE_LIMITS } from '../protocol/api.js';
import type { CobrowseWireFrame } from '../protocol/cobrowse.js';
import type { ChatEvent, ClientFrame, EventPage, FileInfo, LiveGrant, LiveSession, ServerFrame } from '../protocol/live.js';
import { ROUTES, routePath } from '../protocol/routes.js';
import { Emitter } from './emitter.js';
import { NexusError, invalidArgument } from './errors.js';
import { randomId } from './ids.js';
import type { ChatEvents, ChatMessage, FileOptions, LiveDeps, LiveRequestOptions, PresenceEvent, TranscriptEntry } from './live.js';
import { LiveSocket, socketUrl } from './socket.js';
import { readInto } from './storage.js';
import { Transcript } from './transcript.js';
import { Transport } from './transport.js';

interface Pending {
  clientId: string;
  kind: 'message' | 'file';
  text?: string;
  file?: FileInfo;
  at: number;
}

interface Saved {
  session: LiveSession;
  token: string;
  pending: Pending[];
}


/**
 * One live session of this person, shared by `client.liveHelp` and `client.chat`: the session
 * record and its token (kept in state storage so a reload picks the session up again), the
 * WebSocket, and the outbox of messages the server has not acknowledged yet.
 */
export class LiveEngine {
  session: LiveSession | null = null;
  /** What a chat UI shows, in order: stored entries by seq, then pending messages. */
  get transcript(): readonly TranscriptEntry[] {
    return this.lines.values;
  }
  /** Whether the agent is typing now. */
  agentTyping = false;
  /** The last seq the agent has seen. */
  seenByAgent = 0;
  /** Messages of this page life, in order (stored ones by seq, pending ones after them). */
  private pending: Pending[] = [];
  private token?: string;
  private sessionTransport?: Transport;
  private socket?: LiveSocket;
  private lastSeq = 0;
  /** Highest seq that existed when the current connection was welcomed: older ones are replays. */
  private replayUntil = 0;
  /** The transcript's lines: messages by their id (the client id once there is one), presence by seq. */
  private lines = new Transcript<TranscriptEntry>();
  private readonly waiters = new Map<string, { resolve: (m: ChatMessage) => void; reject: (e: NexusError) => void }>();
  private closedEmitted = false;
  readonly ready: Promise<void>;

  constructor(
    private readonly deps: LiveDeps,
    /** Where the chat events go; the client's, so that listeners added before the engine loaded hear them. */
    readonly events = new Emitter<ChatEvents>(),
    /** Where co-browse frames go (the client's `cobrowse` service listens). */
    private readonly wire = new Emitter<{ cobrowse: CobrowseWireFrame }>(),
  ) {
    this.ready = readInto(deps.storage, deps.storageKey, (raw) => {
      const saved = parseSaved(raw);
      if (saved && saved.session.state !== 'ended') this.attach(saved.session, saved.token, saved.pending, true);
    });
  }

  /** Who waits for the socket to be welcomed (see `whenConnected`). */
  private readonly connectWaiters: (() => void)[] = [];

  get active(): boolean {
    return this.session !== null && this.session.state !== 'ended';
  }

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  /** Resolves when the socket is next welcomed. */
  private whenConnected(): Promise<void> {
    return new Promise((resolve) => this.connectWaiters.push(resolve));
  }

  async request(options: LiveRequestOptions): Promise<LiveSession> {
    await this.ready;
    if (options.mode !== 'chat' && options.mode !== 'call') invalidArgument('mode must be "chat" or "call"');
    if (options.skill !== undefined && (typeof options.skill !== 'string' || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(options.skill))) {
      invalidArgument('skill must be a lower-case name of letters, digits and dashes');
    }
    if (this.active) return this.session!;
    await this.deps.beforeRequest().catch(() => undefined);
    const grant = await this.deps.transport.request<LiveGrant>('POST', ROUTES.liveSessions, {
      body: {
        consumer: this.deps.consumerKey,
        kind: options.mode,
        skill: options.skill,
        clientId: randomId(),
        data: options.data,
        origin: options.origin,
      },
    });
    this.reset();
    this.attach(grant.session, grant.sessionToken, [], false);
    return grant.session;
  }

  /** Sends a text message; resolves once the server has stored it. */
  async sendMessage(text: string): Promise<ChatMessage> {
    if (typeof text !== 'string' || !text.trim()) invalidArgument('the message is empty');
    if (text.length > LIVE_LIMITS.maxMessageChars) {
      throw new NexusError('message_too_long', `a message has at most ${LIVE_LIMITS.maxMessageChars} characters`);
    }
    await this.ready;
    return this.enqueue({ clientId: randomId(), kind: 'message', text, at: Date.now() });
  }

  /** Uploads a file (with progress and cancel), then shares it in the chat. */
  async sendFile(file: Blob, options: FileOptions = {}): Promise<ChatMessage> {
    await this.ready;
    this.requireActive();
    const name = options.name ?? (file as File).name ?? 'file';
    if (file.size > LIVE_LIMITS.maxFileBytes) {
      throw new NexusError('file_too_large', `a file has at most ${Math.round(LIVE_LIMITS.maxFileBytes / 1024 / 1024)} MB`, 413);
    }
    if (!(LIVE_LIMITS.fileTypes as readonly string[]).includes(file.type)) {
      throw new NexusError('file_type_not_allowed', `files of type "${file.type || 'unknown'}" cannot be shared`, 415);
    }
    const info = await upload(
      this.url(routePath(ROUTES.liveFiles, { id: this.session!.id }), { name }),
      this.token!,
      file,
      options,
    );
    return this.enqueue({ clientId: randomId(), kind: 'file', file: info, at: Date.now() });
  }

  typing(active: boolean): void {
    this.socket?.send({ type: 'typing', active: Boolean(active) });
  }

  markSeen(seq = this.lastSeq): void {
    if (seq > 0) this.socket?.send({ type: 'seen', seq });
  }

  /** Ends the session; resolves when the server confirms. */
  async end(): Promise<void> {
    await this.ready;
    if (!this.active) return;
    const closed = new Promise<void>((resolve) => {
      const off = this.events.on('session.close', () => {
        off();
        resolve();
      });
    });
    const timeoutMs = this.deps.timeoutMs ?? 15_000;
    // Right after a request (or a reload) the socket may still be connecting: wait for it.
    const connected = this.connected || (this.socket !== undefined && (await withTimeout(this.whenConnected(), timeoutMs).then(() => true, () => false)));
    if (!connected || !this.socket?.send({ type: 'end' })) {
      throw new NexusError('network_error', 'The support server could not be reached to end the session.');
    }
    await withTimeout(closed, timeoutMs);
  }

  /** Rates the ended session, with an optional comment and survey answers. */
  async rate(score: number, extra: { comment?: string; survey?: Record<string, string> } = {}): Promise<void> {
    this.requireSession();
    if (!Number.isInteger(score) || score < 1 || score > 5) invalidArgument('score must be an integer from 1 to 5');
    await this.sessionRequest('POST', ROUTES.liveRating, { score, ...extra });
  }

  /** Asks the server to email the transcript. */
  async emailTranscript(email: string): Promise<void> {
    if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) invalidArgument('that is not an email address');
    await this.sessionRequest('POST', ROUTES.liveTranscript, { email });
  }

  /** Older events, newest first, page by page (the REST history). */
  async *history(pageSize = 50): AsyncGenerator<ChatEvent> {
    this.requireSession();
    let before = Math.max(this.session!.lastSeq, this.lastSeq) + 1;
    for (;;) {
      const page = await this.sessionRequest<EventPage>('GET', ROUTES.liveEvents, undefined, {
        before,
        limit: Math.min(pageSize, LIVE_LIMITS.maxHistoryPage),
      });
      const items = [...page.items].sort((a, b) => b.seq - a.seq);
      for (const event of items) yield event;
      if (!page.more || !items.length) return;
      before = items[items.length - 1].seq;
    }
  }

  /** Sends a frame on the session's socket; false when not connected (nothing is queued). */
  sendFrame(frame: ClientFrame): boolean {
    return this.socket?.send(frame) ?? false;
  }

  /** Forgets the session (after it ended) so that a new one can start. */
  reset(): void {
    this.socket?.close();
    this.socket = undefined;
    for (const waiter of this.waiters.values()) waiter.reject(new NexusError('no_live_session', 'the session is over'));
    this.waiters.clear();
    this.session = null;
    this.token = undefined;
    this.pending = [];
    this.lastSeq = 0;
    this.replayUntil = 0;
    this.closedEmitted = false;
    this.lines = new Transcript();
    this.agentTyping = false;
    this.seenByAgent = 0;
    void this.deps.storage.write(this.deps.storageKey, null);
  }

  dispose(): void {
    this.socket?.close();
    this.socket = undefined;
  }

  // -------------------------------------------------------------------------------------------

  private attach(session: LiveSession, token: string, pending: Pending[], restored: boolean) {
    this.session = session;
    this.token = token;
    this.sessionTransport = new Transport({ server: this.deps.server, token, fetch: this.deps.fetch, timeoutMs: this.deps.timeoutMs });
    this.pending = pending;
    this.save();
    // Messages typed before a reload and not yet stored show again, still pending.
    for (const item of pending) this.show(this.toMessage(item, restored));
    this.socket = new LiveSocket({
      url: socketUrl(this.deps.server, ROUTES.liveSocket),
      WebSocket: this.deps.WebSocket,
      backoffMs: this.deps.backoffMs,
      heartbeatMs: this.deps.heartbeatMs,
      hello: () => ({ type: 'hello', token, since: this.lastSeq }),
      onFrame: (frame) => this.onFrame(frame),
      onConnection: (state) => this.events.emit(state === 'lost' ? 'connection.user.lost' : 'connection.user.found', { at: Date.now() }),
      onRefused: (code, message) => {
        // The session no longer exists for the server, or its token was refused (also while
        // open: the application token it came from revoked or expired): forget it.
        this.events.emit('error', new NexusError(code, message, 401));
        this.finish({ ...session, state: 'ended', endedBy: 'system', endedAt: Date.now() });
      },
    });
  }

  private onFrame(frame: ServerFrame) {
    switch (frame.type) {
      case 'welcome':
        if (frame.role !== 'customer') return;
        this.replayUntil = Math.max(this.replayUntil, this.lastSeq === 0 ? frame.session.lastSeq : 0);
        this.updateSession(frame.session);
        // Where the person stands in line now (it may have changed while disconnected).
        if (frame.session.queue && frame.session.state !== 'ended') this.events.emit('queue', frame.session.queue);
        if (frame.seen.agent > 0) this.seen(frame.seen.agent);
        this.flushPending();
        for (const resolve of this.connectWaiters.splice(0)) resolve();
        return;
      case 'event':
        this.onEvent(frame.event);
        return;
      case 'ack':
        this.onAck(frame.clientId, frame.seq);
        return;
      case 'session':
        this.updateSession(frame.session);
        return;
      case 'queue':
        if (this.session) this.session = { ...this.session, queue: frame.queue };
        this.events.emit('queue', frame.queue);
        return;
      case 'typing':
        if (frame.role === 'agent') {
          this.agentTyping = frame.active;
          this.events.emit('typing.agent', { active: frame.active });
        }
        return;
      case 'seen':
        if (frame.role === 'agent') this.seen(frame.seq);
        return;
      case 'error':
        // Co-browse errors name their request (`cb_...`); the co-browse service reports them.
        if (frame.code.startsWith('cobrowse_') || frame.ref?.startsWith('cb_')) {
          this.wire.emit('cobrowse', frame);
          return;
        }
        this.onError(frame.code, frame.message, frame.ref);
        return;
      case 'cobrowse':
      case 'cobrowse.events':
      case 'cobrowse.snapshot-request':
      case 'cobrowse.input':
        this.wire.emit('cobrowse', frame);
        return;
      default:
        return;
    }
  }

  private onEvent(event: ChatEvent) {
    if (event.seq <= this.lastSeq) return;
    this.lastSeq = event.seq;
    const replayed = event.seq <= this.replayUntil;
    if (event.type === 'message' || event.type === 'file') {
      if (event.author.role === 'customer' && event.clientId) {
        if (this.confirm(event.clientId, event.seq)) return;
        // Already shown: its acknowledgement came first.
        if (this.lines.has(event.seq)) return;
      }
      const message: ChatMessage = {
        id: event.clientId ?? `seq:${event.seq}`,
        seq: event.seq,
        author: event.author,
        text: event.text,
        file: event.file,
        at: event.at,
        status: 'sent',
        replayed,
      };
      if (event.author.role === 'agent') this.agentTyping = false;
      this.show(message);
    } else if ((event.type === 'presence' && event.presence) || event.type === 'transfer') {
      const presence: PresenceEvent = {
        type: event.type === 'transfer' ? 'transferred' : event.presence!,
        seq: event.seq,
        agent: { id: event.author.id, name: event.author.name },
        at: event.at,
        replayed,
      };
      this.lines.put(`presence:${event.seq}`, event.seq, { kind: 'presence', presence });
      // An agent joining ends the wait: the session is active from this event on, so nothing shows
      // the line and the joined note together while the session record is still on its way.
      const waiting = this.session && (this.session.state === 'queued' || this.session.state === 'assigned');
      if (presence.type === 'joined' && !replayed && waiting && event.author.id) {
        this.updateSession({ ...this.session!, state: 'active', agent: { id: event.author.id, name: event.author.name ?? '' }, queue: null, acceptedAt: event.at });
      }
      this.events.emit(`presence.agent.${presence.type}`, presence);
    }
  }

  private onAck(clientId: string, seq: number) {
    this.confirm(clientId, seq);
  }

  /** Marks a pending message stored; false when it was not pending here. */
  private confirm(clientId: string, seq: number): boolean {
    const index = this.pending.findIndex((p) => p.clientId === clientId);
    if (index < 0) return false;
    const [item] = this.pending.splice(index, 1);
    this.save();
    const message = { ...this.toMessage(item, false), seq, status: 'sent' as const };
    this.restate(message);
    this.waiters.get(clientId)?.resolve(message);
    this.waiters.delete(clientId);
    return true;
  }

  private onError(code: string, text: string, ref: string | undefined) {
    const error = new NexusError(code, text, code === 'rate_limited' ? 429 : 400);
    const index = ref ? this.pending.findIndex((p) => p.clientId === ref) : -1;
    if (index < 0) {
      this.events.emit('error', error);
      return;
    }
    if (code === 'rate_limited') {
      // Kept in the outbox and sent again shortly, in order.
      setTimeout(() => this.flushPending(), 1000);
      return;
    }
    const [item] = this.pending.splice(index, 1);
    this.save();
    const message = { ...this.toMessage(item, false), status: 'failed' as const, error };
    this.restate(message);
    this.waiters.get(item.clientId)?.reject(error);
    this.waiters.delete(item.clientId);
  }

  private updateSession(session: LiveSession) {
    const before = this.session;
    this.session = session;
    if (session.state === 'ended') {
      this.finish(session);
      return;
    }
    this.save();
    if (!before || before.state !== session.state || before.agent?.id !== session.agent?.id || before.queue?.position !== session.queue?.position) {
      this.events.emit('session.update', session);
    }
    if (session.queue && (!before?.queue || before.queue.position !== session.queue.position || before.queue.waitSeconds !== session.queue.waitSeconds)) {
      this.events.emit('queue', session.queue);
    }
  }

  private finish(session: LiveSession) {
    this.session = session;
    this.socket?.close();
    this.socket = undefined;
    // What was never stored can no longer be: say so instead of leaving it pending forever.
    for (const item of this.pending.splice(0)) {
      const error = new NexusError('session_ended', 'the session ended before this was sent');
      this.restate({ ...this.toMessage(item, false), status: 'failed', error });
      this.waiters.get(item.clientId)?.reject(error);
      this.waiters.delete(item.clientId);
    }
    void this.deps.storage.write(this.deps.storageKey, null);
    if (this.closedEmitted) return;
    this.closedEmitted = true;
    this.events.emit('session.update', session);
    this.events.emit('session.close', { endedBy: session.endedBy, at: session.endedAt ?? Date.now() });
  }

  private enqueue(item: Pending): Promise<ChatMessage> {
    this.requireActive();
    this.pending.push(item);
    this.save();
    const result = new Promise<ChatMessage>((resolve, reject) => this.waiters.set(item.clientId, { resolve, reject }));
    this.show(this.toMessage(item, false));
    this.sendItem(item);
    return result;
  }

  private flushPending() {
    for (const item of this.pending) this.sendItem(item);
  }

  private sendItem(item: Pending) {
    if (item.kind === 'message') this.socket?.send({ type: 'message', clientId: item.clientId, text: item.text! });
    else this.socket?.send({ type: 'file', clientId: item.clientId, fileId: item.file!.id });
  }

  /** Adds a new message to the transcript and announces it. */
  private show(message: ChatMessage) {
    this.lines.put(message.id, message.seq, { kind: 'message', message });
    this.events.emit(message.author.role === 'customer' ? 'message.user' : 'message.agent', message);
  }

  /** Replaces a message of the transcript (new status, seq) and announces the change. */
  private restate(message: ChatMessage) {
    this.lines.put(message.id, message.seq, { kind: 'message', message });
    this.events.emit('message.status', message);
  }

  private seen(seq: number) {
    if (seq <= this.seenByAgent) return;
    this.seenByAgent = seq;
    this.events.emit('seen.agent', { seq });
  }

  private toMessage(item: Pending, replayed: boolean): ChatMessage {
    return {
      id: item.clientId,
      seq: null,
      author: { role: 'customer' },
      text: item.text,
      file: item.file,
      at: item.at,
      status: 'pending',
      replayed,
    };
  }

  private save() {
    if (!this.session || !this.token) return;
    const saved: Saved = { session: this.session, token: this.token, pending: this.pending };
    void this.deps.storage.write(this.deps.storageKey, JSON.stringify(saved));
  }

  private requireSession() {
    if (!this.session || !this.sessionTransport) {
      throw new NexusError('no_live_session', 'start a chat (or request live help) first');
    }
  }

  private requireActive() {
    this.requireSession();
    if (this.session!.state === 'ended') throw new NexusError('session_ended', 'the session has ended');
  }

  private sessionRequest<T>(method: 'GET' | 'POST', route: string, body?: unknown, query?: Record<string, number>) {
    this.requireSession();
    return this.sessionTransport!.request<T>(method, routePath(route, { id: this.session!.id }), { body, query });
  }

  private url(path: string, query: Record<string, string>) {
    return this.sessionTransport!.url(path, query);
  }
}

function parseSaved(raw: string | null): Saved | undefined {
  if (!raw) return undefined;
  try {
    const saved = JSON.parse(raw) as Saved;
    if (saved && typeof saved.token === 'string' && saved.session && typeof saved.session.id === 'string' && Array.isArray(saved.pending)) {
      return saved;
    }
  } catch {
    // Unreadable state is no session.
  }
  return undefined;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new NexusError('timeout', `The support server did not answer within ${ms / 1000} s.`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Uploads with XMLHttpRequest, the one browser API that reports upload progress. */
function upload(url: string, token: string, file: Blob, options: FileOptions): Promise<FileInfo> {
  return new Promise<FileInfo>((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('content-type', file.type);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded / event.total);
    };
    const onAbort = () => xhr.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    xhr.onerror = () => reject(new NexusError('network_error', 'The support server could not be reached.'));
    xhr.onload = () => {
      options.signal?.removeEventListener('abort', onAbort);
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        options.onProgress?.(1);
        resolve(body as FileInfo);
        return;
      }
      const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
      reject(new NexusError(error?.code ?? 'invalid_request', error?.message ?? `The upload failed (${xhr.status}).`, xhr.status));
    };
    xhr.send(file);
  });
}

