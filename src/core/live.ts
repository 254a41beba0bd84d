import type { CobrowseWireFrame } from '../protocol/cobrowse.js';
import type { ChatEvent, FileInfo, LiveKind, LiveSession, QueueStatus, Role, SessionData, SessionOrigin } from '../protocol/live.js';
import { Emitter, type Listener } from './emitter.js';
import type { NexusError } from './errors.js';
import type { LiveEngine } from './live-engine.js';
import { readInto, type StateStorage } from './storage.js';
import type { Transport } from './transport.js';


/** A chat message as a page shows it: the text or the file, who wrote it, and where it stands. */
export interface ChatMessage {
  /** Stable id: the sender's client id, or `seq:<n>` for a message without one. */
  id: string;
  /** Position in the session; null until the server has stored the message. */
  seq: number | null;
  author: { role: Role; id?: string; name?: string };
  text?: string;
  file?: FileInfo;
  at: number;
  /** pending: not yet stored by the server; sent: stored; failed: refused (see `error`). */
  status: 'pending' | 'sent' | 'failed';
  /** Why the server refused it. */
  error?: NexusError;
  /** Delivered again after a reload (it was already shown before). */
  replayed: boolean;
}

/**
 * An agent joining or leaving the chat, or (`transferred`) handing it on to another agent or a
 * skill's queue: the person waits again, and the next agent's `joined` follows.
 */
export interface PresenceEvent {
  type: 'joined' | 'left' | 'transferred';
  /** Position in the session. */
  seq: number;
  agent: { id?: string; name?: string };
  at: number;
  replayed: boolean;
}

/** One entry of the transcript a chat UI shows: a message, or an agent joining, leaving or transferring. */
export type TranscriptEntry = { kind: 'message'; message: ChatMessage } | { kind: 'presence'; presence: PresenceEvent };

export interface SessionClose {
  endedBy: Role | null;
  at: number;
}

/**
 * Chat events. The first eight are the Cloud SDK guide's, with its names; the rest are what
 * richer chat UIs need. Listening to a prefix (`presence.agent`, `message`) receives every event
 * below it.
 */
export interface ChatEvents {
  /** The network went away. */
  'connection.user.lost': { at: number };
  /** The connection is back; anything missed has been delivered. */
  'connection.user.found': { at: number };
  /** A message from the agent (also re-fired after a reload). */
  'message.agent': ChatMessage;
  /** A message from this person: fired once, as soon as it is sent (status pending). */
  'message.user': ChatMessage;
  /** A user message changed status: stored (`sent`, with its seq) or refused (`failed`). */
  'message.status': ChatMessage;
  'presence.agent.joined': PresenceEvent;
  'presence.agent.left': PresenceEvent;
  /** The agent is transferring the chat (the session waits again until the next agent joins). */
  'presence.agent.transferred': PresenceEvent;
  /** Place in the queue and the estimated wait, whenever they change. */
  queue: QueueStatus;
  /** The session ended (by the agent, by this person, or by the system). */
  'session.close': SessionClose;
  /** The session record changed (state, agent, queue). */
  'session.update': LiveSession;
  /** The agent started or stopped typing. */
  'typing.agent': { active: boolean };
  /** The agent has seen everything up to `seq`. */
  'seen.agent': { seq: number };
  /** Something failed in the background (a refused frame, a lost session). */
  error: NexusError;
}

export interface LiveRequestOptions {
  /** `chat`: talk to an agent of the skill; `call`: get a connection code to read out on the phone. */
  mode: LiveKind;
  /** The agent skill (queue); the general queue when absent. */
  skill?: string;
  /** Custom data agents see and can filter on. */
  data?: SessionData;
  /** The guided path (and step) the person escalated from. */
  origin?: SessionOrigin;
}

export interface FileOptions {
  /** File name to show (default: the File's own name). */
  name?: string;
  /** Upload progress, 0–1. */
  onProgress?: (fraction: number) => void;
  /** Aborting cancels the upload; the promise rejects with an `AbortError`. */
  signal?: AbortSignal;
}

export interface LiveDeps {
  server: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  storage: StateStorage;
  storageKey: string;
  consumerKey: string;
  /** Sends queued context first, so the agent sees everything logged so far. */
  beforeRequest: () => Promise<void>;
  /** The application-token transport, for creating sessions. */
  transport: Transport;
  WebSocket?: typeof WebSocket;
  /** Reconnect timing (tests shorten it). */
  backoffMs?: number;
  heartbeatMs?: number;
}


/**
 * Loads the live engine (./live-engine.ts: the session, its socket and outbox) the first time a
 * page uses live help, and at once when a session was saved before a reload, so that it resumes
 * and fires its earlier messages again. Until then `engine` is undefined and the services answer
 * what a page without a session would see. Listeners go on `events`, which the engine emits to,
 * so they may be added before it loads.
 */
export class LiveHandle {
  readonly events = new Emitter<ChatEvents>();
  /** Co-browse frames from the server (for `client.cobrowse`). */
  readonly wire = new Emitter<{ cobrowse: CobrowseWireFrame }>();
  engine?: LiveEngine;
  /** Resolves once a session saved before a reload (if any) has been picked up again. */
  readonly ready: Promise<void>;
  private loading?: Promise<LiveEngine>;
  private disposed = false;

  /** The application-token transport (co-browse reads the tenant's settings with it). */
  get transport(): Transport {
    return this.deps.transport;
  }

  constructor(private readonly deps: LiveDeps) {
    this.ready = readInto(deps.storage, deps.storageKey, (raw) => {
      if (raw) void this.load();
    }).then(() => this.loading?.then((engine) => engine.ready));
  }

  /** The engine, loading it first if needed. */
  load(): Promise<LiveEngine> {
    this.loading ??= import('./live-engine.js').then(({ LiveEngine }) => {
      const engine = new LiveEngine(this.deps, this.events, this.wire);
      if (this.disposed) engine.dispose();
      return (this.engine = engine);
    });
    return this.loading;
  }

  /** Ends the session, if one is going (nothing to load when none was ever started). */
  async end(): Promise<void> {
    await this.ready;
    if (this.loading) await (await this.loading).end();
  }

  dispose(): void {
    this.disposed = true;
    this.engine?.dispose();
  }
}

/**
 * The chat API of the Cloud SDK guide (`start`, `sendMessage`, `on`, `off`, `end`) with its event
 * names, plus typing, seen markers, files, rating, transcripts and history.
 *
 * Set listeners before `start()`: after a reload the restored session re-fires earlier messages.
 */
export class ChatService {
  constructor(private readonly live: LiveHandle) {}

  /** The live session (chat, or a call an agent turned into a chat), or null. */
  get session(): LiveSession | null {
    return this.live.engine?.session ?? null;
  }

  /** Whether the WebSocket is connected and welcomed. */
  get connected(): boolean {
    return this.live.engine?.connected ?? false;
  }

  /** Everything to show, in order: messages (stored, then pending) and agents joining or leaving. */
  get transcript(): readonly TranscriptEntry[] {
    return this.live.engine?.transcript ?? [];
  }

  /** Whether the agent is typing now. */
  get agentTyping(): boolean {
    return this.live.engine?.agentTyping ?? false;
  }

  /** The last seq the agent has seen (0 when none): your messages up to it were read. */
  get seenByAgent(): number {
    return this.live.engine?.seenByAgent ?? 0;
  }

  /** Queue position and estimated wait while waiting for an agent. */
  get queue(): QueueStatus | null {
    return this.live.engine?.session?.queue ?? null;
  }

  /** Estimated seconds until an agent answers, when known. */
  get waitTime(): number | null {
    return this.queue?.waitSeconds ?? null;
  }

  /**
   * Starts a chat routed to agents of `skill` (the general queue without one). Resolves with the
   * session; when a session is already going (for example restored after a reload) it is reused.
   */
  start(skill?: string, options: Omit<LiveRequestOptions, 'mode' | 'skill'> = {}): Promise<LiveSession> {
    return this.live.load().then((engine) => engine.request({ ...options, mode: 'chat', skill }));
  }

  /** Sends a message; it shows at once (`message.user`) and resolves when the server stored it. */
  sendMessage(text: string): Promise<ChatMessage> {
    return this.live.load().then((engine) => engine.sendMessage(text));
  }

  /** Uploads and shares a file, with progress and cancel. */
  sendFile(file: Blob, options?: FileOptions): Promise<ChatMessage> {
    return this.live.load().then((engine) => engine.sendFile(file, options));
  }

  /** Tells the agent whether this person is typing. */
  typing(active: boolean): void {
    this.live.engine?.typing(active);
  }

  /** Tells the agent this person has seen everything up to `seq` (default: the latest). */
  markSeen(seq?: number): void {
    this.live.engine?.markSeen(seq);
  }

  /** Ends the chat. */
  end(): Promise<void> {
    return this.live.end();
  }

  /** Rates the chat after it ended (1–5), with an optional comment and survey answers. */
  rate(score: number, extra?: { comment?: string; survey?: Record<string, string> }): Promise<void> {
    return this.live.load().then((engine) => engine.rate(score, extra));
  }

  /** Emails the transcript. */
  emailTranscript(email: string): Promise<void> {
    return this.live.load().then((engine) => engine.emailTranscript(email));
  }

  /** Every stored event, newest first, fetched page by page as the loop asks for more. */
  async *history(pageSize?: number): AsyncGenerator<ChatEvent> {
    yield* (await this.live.load()).history(pageSize);
  }

  on<K extends keyof ChatEvents>(name: K, listener: Listener<ChatEvents[K]>): () => void;
  on(prefix: 'message' | 'presence' | 'presence.agent' | 'connection' | 'connection.user' | 'session', listener: Listener<ChatEvents[keyof ChatEvents]>): () => void;
  on(name: string, listener: Listener<never>): () => void {
    return this.live.events.on(name, listener as Listener<ChatEvents[keyof ChatEvents]>);
  }

  off<K extends keyof ChatEvents>(name: K, listener: Listener<ChatEvents[K]>): void;
  off(prefix: string, listener: Listener<ChatEvents[keyof ChatEvents]>): void;
  off(name: string, listener: Listener<never>): void {
    this.live.events.off(name, listener as Listener<ChatEvents[keyof ChatEvents]>);
  }

  once<K extends keyof ChatEvents>(name: K, listener: Listener<ChatEvents[K]>): () => void {
    return this.live.events.once(name, listener);
  }
}

/**
 * Live help as the guide's `showLiveHelp` needs it: request chat or a call (which answers the
 * connection code to read out on the phone), know whether it is still going, end it. The session
 * survives a reload through the client's state storage.
 */
export class LiveHelpService {
  constructor(private readonly live: LiveHandle) {}

  /** Resolves once a session saved before a reload (if any) has been picked up again. */
  get restored(): Promise<LiveSession | null> {
    return this.live.ready.then(() => this.live.engine?.session ?? null);
  }

  /** The current session, or null. */
  get session(): LiveSession | null {
    return this.live.engine?.session ?? null;
  }

  /**
   * Asks for live help. `call` answers a session whose `code` the person reads to the agent;
   * `chat` queues for an agent of the skill. An active session is returned as it is.
   */
  request(options: LiveRequestOptions): Promise<LiveSession> {
    return this.live.load().then((engine) => engine.request(options));
  }

  /** Whether a live session is going (queued, assigned or active). */
  isActive(): boolean {
    return this.live.engine?.active ?? false;
  }

  /** Ends the live session, if any. */
  end(): Promise<void> {
    return this.live.end();
  }

  /** Forgets an ended session so that the next request starts afresh. */
  reset(): void {
    this.live.engine?.reset();
  }

  /** Session changes: `session.update`, `session.close`, `queue` (same events as the chat). */
  on<K extends 'session.update' | 'session.close' | 'queue' | 'error'>(name: K, listener: Listener<ChatEvents[K]>): () => void {
    return this.live.events.on(name, listener);
  }
}

