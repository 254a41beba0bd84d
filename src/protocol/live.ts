/**
 * Live help on the wire: sessions, chat events, the REST bodies of customers and agents, and the
 * WebSocket frames both sides exchange. Like schemas.ts, every definition is a TypeBox schema
 * (validated by the server) and a static type (imported by the browser with `import type`).
 *
 * The delivery contract (docs/architecture.md):
 * - Every message a client sends carries a `clientId`; the server answers `ack { clientId, seq }`
 *   once the message is stored, and a message re-sent with the same `clientId` is acknowledged
 *   again with its first `seq`, never stored twice.
 * - Every stored event has a per-session `seq` (1, 2, 3... with no gaps) and is delivered in that
 *   order. A client that (re)connects says the last `seq` it saw (`since`) and first receives the
 *   events after it, then live ones.
 * - Typing, seen markers and queue positions are transient: not stored, not replayed (the current
 *   queue position and seen markers are sent again on every connect).
 */
import { Type, type Static } from '@sinclair/typebox';
import { LIVE_LIMITS, LIVE_STATES } from './api.js';
import { CobrowseClientFrames, type CobrowseServerFrame } from './cobrowse.js';
import { ConsumerKey, OpId, Slug } from './schemas.js';

// ---------------------------------------------------------------------------------------------
// Models

export const LiveKind = Type.Union([Type.Literal('chat'), Type.Literal('call')], {
  description: 'chat: routed to an agent of the skill; call: waits for an agent to find it by its code',
});
export const LiveStateSchema = Type.Union(LIVE_STATES.map((s) => Type.Literal(s)));
/** A skill (queue) name: lower-case slug, like path ids. */
export const Skill = Slug;
/** The 6-digit connection code, unique among open sessions. */
export const ConnectionCode = Type.String({ pattern: '^[0-9]{6}$' });
export const AgentStatus = Type.Union([Type.Literal('available'), Type.Literal('away')]);
export const Role = Type.Union([Type.Literal('customer'), Type.Literal('agent'), Type.Literal('system')]);

/** Custom data attached to a session by the page (searchable by agents). */
export const SessionData = Type.Record(
  Type.String({ pattern: '^[A-Za-z0-9_.-]{1,64}$' }),
  Type.String({ maxLength: 500 }),
  { maxProperties: LIVE_LIMITS.maxDataEntries, additionalProperties: false },
);

/** Where the customer came from when asking for help (a guided path that escalated). */
export const SessionOrigin = Type.Object(
  {
    pathId: Type.Optional(Slug),
    stepId: Type.Optional(Slug),
    helpId: Type.Optional(Type.String({ maxLength: 128 })),
    /** The page the request came from. */
    url: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const AgentRef = Type.Object({ id: Type.String(), name: Type.String() });

export const QueueStatus = Type.Object({
  /** 1 = next in line. */
  position: Type.Integer({ minimum: 1 }),
  /** Estimated seconds until an agent picks the session up; null while there is no estimate. */
  waitSeconds: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
  /** Agents of the skill who are available now. */
  agentsAvailable: Type.Integer({ minimum: 0 }),
});

export const LiveSession = Type.Object({
  id: Type.String(),
  kind: LiveKind,
  /** null: the general queue. */
  skill: Type.Union([Skill, Type.Null()]),
  state: LiveStateSchema,
  code: ConnectionCode,
  consumer: ConsumerKey,
  data: SessionData,
  origin: Type.Union([SessionOrigin, Type.Null()]),
  /** The agent once assigned. */
  agent: Type.Union([AgentRef, Type.Null()]),
  /** While queued. */
  queue: Type.Union([QueueStatus, Type.Null()]),
  /** Sequence of the last stored event (0 when none). */
  lastSeq: Type.Integer({ minimum: 0 }),
  createdAt: Type.Integer(),
  acceptedAt: Type.Union([Type.Integer(), Type.Null()]),
  endedAt: Type.Union([Type.Integer(), Type.Null()]),
  endedBy: Type.Union([Role, Type.Null()]),
});

export const FileInfo = Type.Object({
  id: Type.String(),
  /** The file name as uploaded; untrusted text, always rendered as text. */
  name: Type.String(),
  size: Type.Integer({ minimum: 0 }),
  type: Type.String(),
  /** Signed download URL (path on the server, e.g. `/v1/live/files/f_..?sig=...`). */
  url: Type.String(),
});

export const ChatEventType = Type.Union([
  Type.Literal('message'),
  Type.Literal('file'),
  Type.Literal('presence'),
  Type.Literal('state'),
  Type.Literal('rating'),
  /**
   * The agent (author) handed the session on, to another agent or a skill's queue: the customer
   * is told they are being transferred, and the next agent's `presence: joined` follows. The note
   * of a transfer is never an event (only the next agent sees it, in the offer).
   */
  Type.Literal('transfer'),
]);

/** One stored event of a session, in `seq` order. */
export const ChatEvent = Type.Object({
  seq: Type.Integer({ minimum: 1 }),
  type: ChatEventType,
  author: Type.Object({ role: Role, id: Type.Optional(Type.String()), name: Type.Optional(Type.String()) }),
  /** The sender's id for messages and files (dedup key). */
  clientId: Type.Optional(Type.String()),
  /** message: the text, untrusted, rendered as text. */
  text: Type.Optional(Type.String()),
  /** file: what was shared. */
  file: Type.Optional(FileInfo),
  /** presence: the agent joined or left. */
  presence: Type.Optional(Type.Union([Type.Literal('joined'), Type.Literal('left')])),
  /** state: the session's new state. */
  state: Type.Optional(LiveStateSchema),
  /** rating: score 1–5 (comment and survey stay on the session record). */
  score: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
  at: Type.Integer(),
});

// ---------------------------------------------------------------------------------------------
// REST bodies: customer

export const LiveRequest = Type.Object(
  {
    consumer: ConsumerKey,
    kind: LiveKind,
    skill: Type.Optional(Skill),
    /** Idempotency: the same clientId answers the same session (a retried request). */
    clientId: OpId,
    data: Type.Optional(SessionData),
    origin: Type.Optional(SessionOrigin),
  },
  { additionalProperties: false },
);

export const LiveGrant = Type.Object({
  session: LiveSession,
  /** Bearer token for this session only: its REST routes and the WebSocket `hello`. */
  sessionToken: Type.String(),
});

export const SessionIdParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) });
export const FileIdParams = Type.Object({ fileId: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) });
export const CodeParams = Type.Object({ code: ConnectionCode });

export const EventsQuery = Type.Object(
  {
    /** Events with seq below this (paging backwards through history). */
    before: Type.Optional(Type.Integer({ minimum: 1 })),
    /** Events with seq above this (catching up). */
    after: Type.Optional(Type.Integer({ minimum: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIVE_LIMITS.maxHistoryPage })),
  },
  { additionalProperties: false },
);

export const EventPage = Type.Object({
  items: Type.Array(ChatEvent),
  /** More events exist in the direction asked for. */
  more: Type.Boolean(),
});

export const FileUploadQuery = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 255 }) },
  { additionalProperties: false },
);

export const FileDownloadQuery = Type.Object(
  { sig: Type.String({ minLength: 1, maxLength: 128 }) },
  { additionalProperties: false },
);

export const RatingBody = Type.Object(
  {
    score: Type.Integer({ minimum: 1, maximum: 5 }),
    comment: Type.Optional(Type.String({ maxLength: LIVE_LIMITS.maxCommentChars })),
    /** Answers to the post-chat survey, by question id. */
    survey: Type.Optional(
      Type.Record(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }), Type.String({ maxLength: 500 }), {
        maxProperties: 20,
        additionalProperties: false,
      }),
    ),
  },
  { additionalProperties: false },
);

export const TranscriptBody = Type.Object(
  { email: Type.String({ maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$' }) },
  { additionalProperties: false },
);

export const Accepted = Type.Object({ ok: Type.Literal(true) });

// ---------------------------------------------------------------------------------------------
// REST bodies: agent

export const Agent = Type.Object({
  id: Type.String(),
  name: Type.String(),
  skills: Type.Array(Skill),
  status: AgentStatus,
});

export const AgentStatusBody = Type.Object({ status: AgentStatus }, { additionalProperties: false });

export const AgentSessionsQuery = Type.Object(
  {
    /** Comma list of states. */
    state: Type.Optional(Type.String({ maxLength: 100 })),
    skill: Type.Optional(Skill),
    kind: Type.Optional(LiveKind),
    /** Custom data filters: comma list of `key:value`, all must match. */
    data: Type.Optional(Type.String({ maxLength: 2000 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);

export const SessionList = Type.Object({ items: Type.Array(LiveSession) });

/** Where a session goes: one agent of the tenant, or the queue of one of its skills. */
export const TransferTarget = Type.Union([
  Type.Object({ agentId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
  Type.Object({ skill: Skill }, { additionalProperties: false }),
]);

/**
 * POST /v1/agent/sessions/:id/transfer (and the `transfer` frame): the agent holding an active
 * session hands it on. To an agent, who must be available, connected and below their maximum:
 * the session is offered to them with the note. To a skill's queue: it waits there (keeping its
 * place by when the customer first asked) and is offered with the note like any queued session.
 */
export const TransferBody = Type.Object(
  {
    to: TransferTarget,
    /** For the next agent only (never shown to the customer). */
    note: Type.Optional(Type.String({ maxLength: LIVE_LIMITS.maxTransferNoteChars })),
  },
  { additionalProperties: false },
);

/**
 * POST /v1/agent/sessions/by-code/:code: the IVR (or an agent) that found a waiting call by its
 * code assigns it to an agent (offered to them) or a skill (offered to one of its agents, else it
 * waits with that skill).
 */
export const AssignBody = Type.Object({ to: TransferTarget }, { additionalProperties: false });

/** A transfer as the next agent sees it, with the offer. */
export const TransferInfo = Type.Object({
  /** The agent who transferred the session; null for an assignment by code. */
  from: Type.Union([AgentRef, Type.Null()]),
  /** The note left for the next agent. */
  note: Type.Union([Type.String(), Type.Null()]),
  at: Type.Integer(),
});

/** GET /v1/agent/config: what the tenant's configuration lets agents do. */
export const AgentConfig = Type.Object({
  /** Agents may transfer sessions ("Allow Session Transfer"). */
  allowSessionTransfer: Type.Boolean(),
  /** Agents may transfer sessions to a skill's queue ("Enable Agent to Skill Transfer"). */
  agentToSkillTransfer: Type.Boolean(),
});

/** GET /v1/agent/transfer-targets: where a session can go now. */
export const TransferTargets = Type.Object({
  /** Agents who are available and connected, with their load (sessions offered or active). */
  agents: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      skills: Type.Array(Skill),
      load: Type.Integer({ minimum: 0 }),
      maxSessions: Type.Integer({ minimum: 1 }),
    }),
  ),
  /** Every skill of the tenant (empty when transfers to skills are off). */
  skills: Type.Array(Type.Object({ id: Skill, name: Type.String() })),
});

/** What an agent sees about the person in a session. */
export const ConsumerView = Type.Object({
  key: ConsumerKey,
  firstName: Type.Union([Type.String(), Type.Null()]),
  lastName: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  externalId: Type.Union([Type.String(), Type.Null()]),
  /** Logged context, newest first (cleared entries left out). */
  context: Type.Array(
    Type.Object({
      kind: Type.String(),
      name: Type.String(),
      detail: Type.Union([Type.String(), Type.Null()]),
      data: Type.Unknown(),
      at: Type.Integer(),
    }),
  ),
  /** Guided-path activity, newest first, with path titles. */
  activity: Type.Array(
    Type.Object({
      pathId: Type.String(),
      pathTitle: Type.Union([Type.String(), Type.Null()]),
      stepId: Type.Union([Type.String(), Type.Null()]),
      event: Type.String(),
      at: Type.Integer(),
    }),
  ),
});

export const AgentSessionDetail = Type.Object({
  session: LiveSession,
  consumer: ConsumerView,
});

export const AgentMessageBody = Type.Object(
  {
    clientId: OpId,
    text: Type.String({ minLength: 1, maxLength: LIVE_LIMITS.maxMessageChars }),
  },
  { additionalProperties: false },
);

export const MessageAck = Type.Object({ clientId: Type.String(), seq: Type.Integer() });

// ---------------------------------------------------------------------------------------------
// WebSocket frames: JSON text frames with a `type`. The first frame must be `hello`; until the
// server answers `welcome` every other frame gets `error { code: 'not_authenticated' }`.
// Customer frames act on the session of their token and carry no `sessionId`; agent frames
// about a session name it.

const SessionRef = Type.Optional(Type.String({ maxLength: 64 }));
const ClientText = Type.String({ minLength: 1 });

export const ClientFrame = Type.Union([
  Type.Object(
    {
      type: Type.Literal('hello'),
      /** A session token (customer) or an agent token (agent). */
      token: Type.String({ minLength: 1, maxLength: 4096 }),
      /** Customer: the last seq already seen; events after it are replayed first. */
      since: Type.Optional(Type.Integer({ minimum: 0 })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('message'),
      sessionId: SessionRef,
      clientId: OpId,
      /** At most LIVE_LIMITS.maxMessageChars (longer: `message_too_long`). */
      text: ClientText,
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: Type.Literal('file'), sessionId: SessionRef, clientId: OpId, fileId: Type.String({ maxLength: 64 }) },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: Type.Literal('typing'), sessionId: SessionRef, active: Type.Boolean() },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: Type.Literal('seen'), sessionId: SessionRef, seq: Type.Integer({ minimum: 0 }) },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('end'), sessionId: SessionRef }, { additionalProperties: false }),
  // Agent only
  Type.Object({ type: Type.Literal('status'), status: AgentStatus }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('accept'), sessionId: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
  Type.Object(
    {
      type: Type.Literal('transfer'),
      sessionId: Type.String({ maxLength: 64 }),
      to: TransferTarget,
      note: Type.Optional(Type.String({ maxLength: LIVE_LIMITS.maxTransferNoteChars })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('subscribe'),
      sessionId: Type.String({ maxLength: 64 }),
      since: Type.Optional(Type.Integer({ minimum: 0 })),
    },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('unsubscribe'), sessionId: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
  /**
   * Agent: a new token for this connection, of the same agent (a signed-in agent's console gets one
   * every few minutes: POST /v1/auth/agent-token). From now on the connection depends on it: its
   * expiry and revocation, not the old token's. Answered by `renewed`, or an `error` (the
   * connection keeps its old token).
   */
  Type.Object({ type: Type.Literal('renew'), token: Type.String({ minLength: 1, maxLength: 4096 }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('ping'), id: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false }),
  // Co-browse (src/protocol/cobrowse.ts)
  ...CobrowseClientFrames,
]);

export type ClientFrame = Static<typeof ClientFrame>;
export type ClientFrameType = ClientFrame['type'];

/** Frames the server sends. Not validated at runtime; the types are the contract. */
export type ServerFrame =
  | { type: 'welcome'; role: 'customer'; session: LiveSession; seen: SeenMarks }
  | { type: 'welcome'; role: 'agent'; agent: Agent; sessions: LiveSession[] }
  | { type: 'event'; sessionId: string; event: ChatEvent }
  | { type: 'ack'; sessionId: string; clientId: string; seq: number }
  | { type: 'typing'; sessionId: string; role: 'customer' | 'agent'; active: boolean }
  | { type: 'seen'; sessionId: string; role: 'customer' | 'agent'; seq: number }
  | { type: 'queue'; sessionId: string; queue: QueueStatus }
  /** A session changed (state, agent, queue). Customers get their own; agents every one of the tenant. */
  | { type: 'session'; session: LiveSession }
  /**
   * Agent: a queued session is offered to you until `expiresAt`; accept it or let it pass. A
   * transferred (or assigned) session carries who transferred it and their note.
   */
  | { type: 'offer'; session: LiveSession; expiresAt: number; transfer?: TransferInfo }
  /** Agent: an offer to you was withdrawn (taken, expired or ended). */
  | { type: 'offer-withdrawn'; sessionId: string }
  /** Agent: the agent's own status changed (also from another tab). */
  | { type: 'status'; status: AgentStatus }
  | { type: 'error'; code: string; message: string; ref?: string }
  | { type: 'pong'; id?: string }
  /** Agent: the connection now depends on the token of `renew`, which expires at `expiresAt` (ms; null: never). */
  | { type: 'renewed'; expiresAt: number | null }
  | CobrowseServerFrame;

export type ServerFrameType = ServerFrame['type'];

/** The last seq each side has seen (read markers). */
export interface SeenMarks {
  customer: number;
  agent: number;
}

// ---------------------------------------------------------------------------------------------
// Static types

export type LiveKind = Static<typeof LiveKind>;
export type AgentStatus = Static<typeof AgentStatus>;
export type Role = Static<typeof Role>;
export type SessionData = Static<typeof SessionData>;
export type SessionOrigin = Static<typeof SessionOrigin>;
export type AgentRef = Static<typeof AgentRef>;
export type QueueStatus = Static<typeof QueueStatus>;
export type LiveSession = Static<typeof LiveSession>;
export type FileInfo = Static<typeof FileInfo>;
export type ChatEventType = Static<typeof ChatEventType>;
export type ChatEvent = Static<typeof ChatEvent>;
export type LiveRequest = Static<typeof LiveRequest>;
export type LiveGrant = Static<typeof LiveGrant>;
export type EventsQuery = Static<typeof EventsQuery>;
export type EventPage = Static<typeof EventPage>;
export type RatingBody = Static<typeof RatingBody>;
export type TranscriptBody = Static<typeof TranscriptBody>;
export type Agent = Static<typeof Agent>;
export type AgentSessionsQuery = Static<typeof AgentSessionsQuery>;
export type SessionList = Static<typeof SessionList>;
export type ConsumerView = Static<typeof ConsumerView>;
export type AgentSessionDetail = Static<typeof AgentSessionDetail>;
export type AgentMessageBody = Static<typeof AgentMessageBody>;
export type MessageAck = Static<typeof MessageAck>;
export type TransferTarget = Static<typeof TransferTarget>;
export type TransferBody = Static<typeof TransferBody>;
export type AssignBody = Static<typeof AssignBody>;
export type TransferInfo = Static<typeof TransferInfo>;
export type AgentConfig = Static<typeof AgentConfig>;
export type TransferTargets = Static<typeof TransferTargets>;
