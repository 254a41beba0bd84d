/**
 * Co-browse on the live WebSocket: the frames that ask for, grant, stream and end the sharing of
 * the customer's tab, and their limits. Shared by the server (which validates the schemas) and the
 * browser (which imports the types and limits only). See docs/cobrowse.md.
 *
 * Flow: an agent who follows an active session sends `cobrowse.request`; the server tells the
 * session's customer connections (`cobrowse` frame, state `pending`); one of them answers
 * `cobrowse.consent` (accept or decline). While `active`, that connection sends `cobrowse.events`
 * (chunks of a JSON array of rrweb events) which the server relays, unchanged and unstored, to the
 * agents following the session. Either side sends `cobrowse.end`; ending the chat ends it too.
 *
 * Remote control is a second consent on an active co-browse: `cobrowse.control-request` (agent)
 * → `cobrowse.control-consent` (customer) → the agent's `cobrowse.input` clicks, scrolls, text and
 * keys reach the sharing connection; the laser pointer and highlights need no second consent.
 */
import { Type, type Static } from '@sinclair/typebox';
import { COBROWSE_KEYS, COBROWSE_LIMITS, type CobrowseControlState, type CobrowseEndReason, type CobrowseState } from './api.js';

export {
  COBROWSE_CONTROL_INPUTS,
  COBROWSE_CONTROL_STATES,
  COBROWSE_END_REASONS,
  COBROWSE_KEYS,
  COBROWSE_LIMITS,
  COBROWSE_STATES,
  type CobrowseControlState,
  type CobrowseEndReason,
  type CobrowseState,
} from './api.js';

const CobrowseId = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' });
const SessionRef = Type.String({ maxLength: 64 });
/** A node of the customer's page, by the id rrweb's recorder gave it in the events. */
const NodeRef = Type.Integer({ minimum: 1, maximum: 2 ** 31 });
/** CSS pixels of the customer's viewport. */
const Coordinate = Type.Number({ minimum: -100_000, maximum: 100_000 });

/**
 * What an agent does to the customer's page (`cobrowse.input`). `laser` and `highlight` only
 * show something to the customer and work while sharing; the others act on the page and need
 * remote control to be `granted` (COBROWSE_CONTROL_INPUTS).
 */
export const CobrowseInput = Type.Union([
  /** The laser pointer at (x, y) of the viewport; `x`/`y` null hides it. */
  Type.Object(
    { kind: Type.Literal('laser'), x: Type.Union([Coordinate, Type.Null()]), y: Type.Union([Coordinate, Type.Null()]) },
    { additionalProperties: false },
  ),
  /** Outlines an element for a moment. */
  Type.Object({ kind: Type.Literal('highlight'), node: NodeRef }, { additionalProperties: false }),
  /** Clicks an element. */
  Type.Object({ kind: Type.Literal('click'), node: NodeRef }, { additionalProperties: false }),
  /** Scrolls an element (or the page: the document's node) to (x, y). */
  Type.Object({ kind: Type.Literal('scroll'), node: NodeRef, x: Coordinate, y: Coordinate }, { additionalProperties: false }),
  /** Replaces the value of a text field. */
  Type.Object(
    { kind: Type.Literal('text'), node: NodeRef, value: Type.String({ maxLength: COBROWSE_LIMITS.maxInputText }) },
    { additionalProperties: false },
  ),
  /** Presses a key in a field (Enter in a form field submits the form). */
  Type.Object(
    { kind: Type.Literal('key'), node: NodeRef, key: Type.Union(COBROWSE_KEYS.map((k) => Type.Literal(k))) },
    { additionalProperties: false },
  ),
]);
export type CobrowseInput = Static<typeof CobrowseInput>;

/** Co-browse frames a client may send (members of live.ts `ClientFrame`). */
export const CobrowseClientFrames = [
  /** Agent: ask the customer of a session to share their tab. */
  Type.Object({ type: Type.Literal('cobrowse.request'), sessionId: SessionRef }, { additionalProperties: false }),
  /** Customer: the answer to the pending request `id`. */
  Type.Object(
    { type: Type.Literal('cobrowse.consent'), id: CobrowseId, accept: Type.Boolean() },
    { additionalProperties: false },
  ),
  /**
   * Either side: stop (customers may leave out sessionId). A customer may give `reason`
   * `remote_client` (remote mode: the remote-support client was downloaded and takes over).
   */
  Type.Object(
    {
      type: Type.Literal('cobrowse.end'),
      sessionId: Type.Optional(SessionRef),
      id: Type.Optional(CobrowseId),
      reason: Type.Optional(Type.Literal('remote_client')),
    },
    { additionalProperties: false },
  ),
  /** Agent: ask the sharing customer for a fresh full snapshot (a late-joining agent). */
  Type.Object({ type: Type.Literal('cobrowse.snapshot-request'), sessionId: SessionRef }, { additionalProperties: false }),
  /** Agent: ask the sharing customer for remote control (a second consent). */
  Type.Object({ type: Type.Literal('cobrowse.control-request'), sessionId: SessionRef }, { additionalProperties: false }),
  /** Customer: the answer to the pending remote-control request of co-browse `id`. */
  Type.Object(
    { type: Type.Literal('cobrowse.control-consent'), id: CobrowseId, accept: Type.Boolean() },
    { additionalProperties: false },
  ),
  /** Either side: remote control stops (co-browse goes on). Customers may leave out sessionId. */
  Type.Object(
    { type: Type.Literal('cobrowse.control-end'), sessionId: Type.Optional(SessionRef), id: Type.Optional(CobrowseId) },
    { additionalProperties: false },
  ),
  /** Agent: the laser pointer, a highlight, or (with control granted) a click, scroll, text or key. */
  Type.Object({ type: Type.Literal('cobrowse.input'), sessionId: SessionRef, input: CobrowseInput }, { additionalProperties: false }),
  /**
   * Customer: one part of one batch of recorder events. The parts of batch `seq` joined in
   * `part` order are the JSON text of an array of rrweb events.
   */
  Type.Object(
    {
      type: Type.Literal('cobrowse.events'),
      id: CobrowseId,
      seq: Type.Integer({ minimum: 1 }),
      part: Type.Integer({ minimum: 0 }),
      parts: Type.Integer({ minimum: 1, maximum: COBROWSE_LIMITS.maxParts }),
      /** At most COBROWSE_LIMITS.maxChunkChars (longer: `cobrowse_too_large`). */
      data: Type.String(),
    },
    { additionalProperties: false },
  ),
] as const;

/** Frame types of co-browse that only agents send. */
export const COBROWSE_AGENT_FRAMES = ['cobrowse.request', 'cobrowse.snapshot-request', 'cobrowse.control-request', 'cobrowse.input'] as const;
/** Frame types of co-browse that only customers send. */
export const COBROWSE_CUSTOMER_FRAMES = ['cobrowse.consent', 'cobrowse.events', 'cobrowse.control-consent'] as const;

/** One co-browse request of a session, as both sides see it. */
export interface CobrowseInfo {
  id: string;
  state: CobrowseState;
  /** The agent who asked. */
  agent: { id: string; name: string };
  /** When ended: who or what ended it. */
  reason?: CobrowseEndReason;
  /** Remote control (a second consent while active): off, pending (asked) or granted. */
  control: CobrowseControlState;
  /** The tenant records co-browse: the customer's events are stored on the server. */
  recording: boolean;
  at: number;
}

/** Co-browse frames the server sends (members of live.ts `ServerFrame`). */
export type CobrowseServerFrame =
  /** The co-browse of a session changed (customer connections and the agents following it). */
  | { type: 'cobrowse'; sessionId: string; cobrowse: CobrowseInfo }
  /** Agent: one part of a batch of the customer's events (see the client frame). */
  | { type: 'cobrowse.events'; sessionId: string; id: string; seq: number; part: number; parts: number; data: string }
  /** Customer (the sharing connection): an agent needs a fresh full snapshot. */
  | { type: 'cobrowse.snapshot-request'; sessionId: string; id: string }
  /** Customer (the sharing connection): what an agent does (`agent` is who). */
  | { type: 'cobrowse.input'; sessionId: string; id: string; agent: { id: string; name: string }; input: CobrowseInput };

/** What the customer's co-browse service hears from the live engine: its frames and its errors. */
export type CobrowseWireFrame = CobrowseServerFrame | { type: 'error'; code: string; message: string; ref?: string };

export type CobrowseClientFrame = Static<(typeof CobrowseClientFrames)[number]>;

// ---------------------------------------------------------------------------------------------
// REST (agent token): the tenant's co-browses and their recordings

const AgentRef = Type.Object({ id: Type.String(), name: Type.String() });

/** A co-browse with its session (`GET /v1/agent/cobrowse`). */
export const CobrowseListing = Type.Object({
  id: Type.String(),
  sessionId: Type.String(),
  state: Type.Union([Type.Literal('pending'), Type.Literal('active'), Type.Literal('rejected'), Type.Literal('ended')]),
  agent: AgentRef,
  reason: Type.Optional(Type.String()),
  control: Type.Union([Type.Literal('off'), Type.Literal('pending'), Type.Literal('granted')]),
  recording: Type.Boolean(),
  at: Type.Integer(),
});
export type CobrowseListing = Static<typeof CobrowseListing>;

/** `GET /v1/agent/cobrowse?state=&sessionId=&agentId=&data=&limit=`. */
export const CobrowseListQuery = Type.Object(
  {
    /** `pending`, `active`, `rejected`, `ended`, comma-separated (default: all). */
    state: Type.Optional(Type.String({ maxLength: 60 })),
    sessionId: Type.Optional(SessionRef),
    /** The agent who asked. */
    agentId: Type.Optional(Type.String({ maxLength: 64 })),
    /** The session's custom data, `key:value,…`, every key matching (as for sessions). */
    data: Type.Optional(Type.String({ maxLength: 2000 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);

export const CobrowseList = Type.Object({ items: Type.Array(CobrowseListing) });

/** A stored co-browse recording (tenants that record co-browse). */
export const CobrowseRecordingSummary = Type.Object({
  id: Type.String(),
  sessionId: Type.String(),
  agent: AgentRef,
  startedAt: Type.Integer(),
  endedAt: Type.Union([Type.Integer(), Type.Null()]),
  endReason: Type.Union([Type.String(), Type.Null()]),
  /** Characters of event data kept. */
  chars: Type.Integer({ minimum: 0 }),
  /** The size cap was reached: the end is missing. */
  truncated: Type.Boolean(),
});
export type CobrowseRecordingSummary = Static<typeof CobrowseRecordingSummary>;

/** `GET /v1/agent/cobrowse/recordings?sessionId=&limit=`. */
export const CobrowseRecordingsQuery = Type.Object(
  { sessionId: Type.Optional(SessionRef), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) },
  { additionalProperties: false },
);

export const CobrowseRecordingList = Type.Object({ items: Type.Array(CobrowseRecordingSummary) });

/**
 * One recording (`GET /v1/agent/cobrowse/recordings/:id`): its batches of rrweb events in order,
 * ready for rrweb's replayer (untrusted data: replay them in a sandboxed frame). A batch whose
 * parts are not all stored is left out.
 */
export const CobrowseRecording = Type.Object({
  recording: CobrowseRecordingSummary,
  batches: Type.Array(Type.Object({ seq: Type.Integer(), at: Type.Integer(), events: Type.Array(Type.Unknown()) })),
});
export type CobrowseRecording = Static<typeof CobrowseRecording>;
