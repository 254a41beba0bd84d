/**
 * What the store keeps of live help (server/live/): skills, agents, sessions and their events,
 * files, ratings, co-browse recordings and the transcript mail queue, and `LiveStore`, its part
 * of `Store` (types.ts).
 */
import type { LiveState } from '../../src/protocol/api.js';
import type { AgentRef, AgentStatus, ChatEvent, LiveKind, Role, SeenMarks, SessionData, SessionOrigin } from '../../src/protocol/live.js';
// ---------------------------------------------------------------------------------------------
// Live help

/** A queue of sessions ("sales"), served by the agents who have it. */
export interface SkillRecord {
  tenantId: string;
  id: string;
  name: string;
  createdAt: number;
}

export interface AgentRecord {
  tenantId: string;
  id: string;
  name: string;
  status: AgentStatus;
  /** Most sessions (offered or active) the agent is given at once. */
  maxSessions: number;
  skills: string[];
  createdAt: number;
}

export interface NewAgent {
  tenantId: string;
  /** Default: a new random id. */
  id?: string;
  name: string;
  skills: string[];
  /** Default 5. */
  maxSessions?: number;
  /** Default 'away'. */
  status?: AgentStatus;
}

export interface SessionRating {
  score: number;
  comment: string | null;
  survey: Record<string, string> | null;
  at: number;
}

/** A live session as stored; the wire `LiveSession` adds the queue status. */
export interface LiveSessionRecord {
  id: string;
  tenantId: string;
  kind: LiveKind;
  skill: string | null;
  state: LiveState;
  code: string;
  consumerKey: string;
  /** The request's idempotency key. */
  clientId: string;
  data: SessionData;
  origin: SessionOrigin | null;
  agent: AgentRef | null;
  createdAt: number;
  offeredAt: number | null;
  acceptedAt: number | null;
  endedAt: number | null;
  endedBy: Role | null;
  lastSeq: number;
  seen: SeenMarks;
  rating: SessionRating | null;
  transcriptsSent: number;
}

export interface NewLiveSession {
  tenantId: string;
  kind: LiveKind;
  skill: string | null;
  consumerKey: string;
  clientId: string;
  data: SessionData;
  origin: SessionOrigin | null;
  at: number;
}

export interface SessionFilter {
  states?: LiveState[];
  kind?: LiveKind;
  /** A skill id, or null for the general queue; absent for any. */
  skill?: string | null;
  /** Custom data entries that must all match. */
  data?: Record<string, string>;
  agentId?: string;
  /** Default: newest first. */
  order?: 'newest' | 'oldest';
  limit: number;
}

/**
 * A change of a session's state, applied only when the session is still in one of `from` (and,
 * when `agentId` is given, still has that agent), together with the events it records.
 */
export interface SessionTransition {
  from: LiveState[];
  agentId?: string | null;
  set: {
    state: LiveState;
    agentId?: string | null;
    /** The skill whose queue the session waits in (a transfer to a skill); null: the general queue. */
    skill?: string | null;
    offeredAt?: number | null;
    acceptedAt?: number;
    endedAt?: number;
    endedBy?: Role;
  };
  events?: NewChatEvent[];
}

/** An event to append; the store gives it the next `seq`. */
export type NewChatEvent = Omit<ChatEvent, 'seq'>;

export interface EventQuery {
  after?: number;
  before?: number;
  limit: number;
}

export interface LiveFileRecord {
  id: string;
  tenantId: string;
  sessionId: string;
  name: string;
  type: string;
  size: number;
  uploadedBy: { role: Role; id: string | null };
  createdAt: number;
}

export interface MailRecord {
  id: string;
  tenantId: string;
  to: string;
  subject: string;
  body: string;
  createdAt: number;
  sentAt: number | null;
  /** SMTP tries so far (each claim counts one); what the last failed one said (a code, never content). */
  attempts: number;
  lastError: string | null;
}

/** A mail as it is queued: its delivery state starts empty. */
export type NewMail = Omit<MailRecord, 'id' | 'sentAt' | 'attempts' | 'lastError'>;

/** What `claimMail` takes: queued mails under `maxAttempts` tries, free or lapsed: `ids` (or `owner`'s own), else the oldest `limit`. */
export interface MailClaim {
  /** Who claims (an id unique to the process), at `now`, for `leaseMs`. */
  owner: string;
  now: number;
  leaseMs: number;
  maxAttempts: number;
  ids?: readonly string[];
  limit?: number;
  /** Only mails of tenants with their own SMTP setting (for a process without a server-wide one). */
  configuredTenantsOnly?: boolean;
}

/** A tenant's own SMTP server for transcript mail (`mail smtp set`). */
export interface TenantMailSettings {
  tenantId: string;
  /** `smtp://user:password@host:port` or `smtps://…` (a secret: never printed or logged whole); null From: the server's. */
  smtpUrl: string;
  from: string | null;
  updatedAt: number;
}

/** Storage of live help; part of `Store`. */
export interface LiveStore {
  /** Creates a skill; throws `ConflictError` when the tenant has it already. */
  createSkill(tenantId: string, id: string, name: string): Promise<SkillRecord>;
  /** One tenant's skills (every tenant's without one), by tenant and id. */
  listSkills(tenantId?: string): Promise<SkillRecord[]>;
  getSkill(tenantId: string, id: string): Promise<SkillRecord | undefined>;

  /** Creates an agent; throws `InvalidInputError` for a skill the tenant does not have. */
  createAgent(agent: NewAgent): Promise<AgentRecord>;
  getAgent(tenantId: string, id: string): Promise<AgentRecord | undefined>;
  /** One tenant's agents (every tenant's without one), by tenant and name. */
  listAgents(tenantId?: string): Promise<AgentRecord[]>;
  /** Undefined when there is no such agent. */
  setAgentStatus(tenantId: string, id: string, status: AgentStatus): Promise<AgentRecord | undefined>;
  /** Sessions each agent holds (assigned or active), by agent id; agents with none are absent. */
  agentLoads(tenantId: string): Promise<Map<string, number>>;

  /**
   * Creates a session with a connection code no open session of the tenant has, or returns the
   * session that the same consumer created with the same `clientId` (created: false).
   */
  createLiveSession(session: NewLiveSession): Promise<{ session: LiveSessionRecord; created: boolean }>;
  getLiveSession(tenantId: string, id: string): Promise<LiveSessionRecord | undefined>;
  /** The tenant's open (not ended) session with this code. */
  findOpenSessionByCode(tenantId: string, code: string): Promise<LiveSessionRecord | undefined>;
  listLiveSessions(tenantId: string, filter: SessionFilter): Promise<LiveSessionRecord[]>;
  /** Applies a transition and appends its events in one transaction; undefined when `from` did not hold. */
  transitionLiveSession(
    tenantId: string,
    id: string,
    transition: SessionTransition,
  ): Promise<{ session: LiveSessionRecord; events: ChatEvent[] } | undefined>;
  /** Every tenant's offered ('assigned') sessions back to 'queued' (after a restart); returns how many. */
  requeueOfferedSessions(): Promise<number>;
  /**
   * Appends an event with the next seq. A second event of the same author role and `clientId`
   * is not stored: the first one comes back with `duplicate: true`. With `open`, a new event for
   * an ended session throws `SessionEndedError` (a duplicate is still answered). Answers the
   * session's state and agent as of the append too (who hears of the event).
   */
  appendChatEvent(
    tenantId: string,
    sessionId: string,
    event: NewChatEvent,
    options?: { open?: boolean },
  ): Promise<{ event: ChatEvent; duplicate: boolean; session: { state: LiveState; agentId: string | null } }>;
  /** Events in seq order: after `after` (first `limit`), else the last `limit` before `before`. */
  listChatEvents(tenantId: string, sessionId: string, query: EventQuery): Promise<{ items: ChatEvent[]; more: boolean }>;
  /** Raises a side's seen marker (never lowers it, never past the last seq); returns both. */
  markSeen(tenantId: string, sessionId: string, role: 'customer' | 'agent', seq: number): Promise<SeenMarks>;
  /** Milliseconds from request to accept of the tenant's last `limit` accepted chat sessions of a skill. */
  recentAcceptWaits(tenantId: string, skill: string | null, limit: number): Promise<number[]>;
  /**
   * Stores the rating of an ended session and appends its `rating` event. Throws `ConflictError`
   * when the session was rated before; undefined when it has not ended.
   */
  rateLiveSession(
    tenantId: string,
    id: string,
    rating: SessionRating,
  ): Promise<{ session: LiveSessionRecord; event: ChatEvent } | undefined>;
  /** Counts a transcript mail for the session; false (and nothing counted) when `max` were sent. */
  countTranscript(tenantId: string, sessionId: string, max: number): Promise<boolean>;

  saveLiveFile(file: LiveFileRecord, bytes: Uint8Array): Promise<void>;
  /** A file by id, with its bytes. */
  getLiveFile(id: string): Promise<(LiveFileRecord & { bytes: Buffer }) | undefined>;
  countLiveFiles(tenantId: string, sessionId: string): Promise<number>;

  /** Queues a mail in the outbox. */
  queueMail(mail: NewMail): Promise<MailRecord>;
  /** The outbox, oldest first; one tenant's, or everyone's. */
  listMail(tenantId?: string): Promise<MailRecord[]>;
  /** Records that a queued mail was delivered (its `sentAt`, claim released); a mail sent already keeps its first time. */
  markMailSent(id: string, sentAt: number): Promise<void>;
  /** Claims mails for one SMTP try, a conditional UPDATE each (one holder at a time): +1 attempt, held until `now + leaseMs`. */
  claimMail(claim: MailClaim): Promise<MailRecord[]>;
  /** After a failed try of `owner`'s: records `error`, and holds the mail until `until` (null: releases it). */
  releaseMail(id: string, owner: string, error: string, until: number | null): Promise<void>;
  /**
   * The open (not ended) sessions of every tenant, counted by state and kind, each group with its
   * oldest `createdAt`; for the operator's metrics (one cheap query, no tenant in the answer).
   */
  countOpenLiveSessions(): Promise<OpenSessionCount[]>;
}

/** One group of `LiveStore.countOpenLiveSessions`. */
export interface OpenSessionCount {
  state: LiveState;
  kind: LiveKind;
  count: number;
  /** When the oldest session of the group was requested (ms). */
  oldestCreatedAt: number;
}

