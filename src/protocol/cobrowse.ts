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
 */
import { Type, type Static } from '@sinclair/typebox';
import { COBROWSE_LIMITS, type CobrowseEndReason, type CobrowseState } from './api.js';

export { COBROWSE_END_REASONS, COBROWSE_LIMITS, COBROWSE_STATES, type CobrowseEndReason, type CobrowseState } from './api.js';

const CobrowseId = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' });
const SessionRef = Type.String({ maxLength: 64 });

/** Co-browse frames a client may send (members of live.ts `ClientFrame`). */
export const CobrowseClientFrames = [
  /** Agent: ask the customer of a session to share their tab. */
  Type.Object({ type: Type.Literal('cobrowse.request'), sessionId: SessionRef }, { additionalProperties: false }),
  /** Customer: the answer to the pending request `id`. */
  Type.Object(
    { type: Type.Literal('cobrowse.consent'), id: CobrowseId, accept: Type.Boolean() },
    { additionalProperties: false },
  ),
  /** Either side: stop (customers may leave out sessionId). */
  Type.Object(
    { type: Type.Literal('cobrowse.end'), sessionId: Type.Optional(SessionRef), id: Type.Optional(CobrowseId) },
    { additionalProperties: false },
  ),
  /** Agent: ask the sharing customer for a fresh full snapshot (a late-joining agent). */
  Type.Object({ type: Type.Literal('cobrowse.snapshot-request'), sessionId: SessionRef }, { additionalProperties: false }),
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
export const COBROWSE_AGENT_FRAMES = ['cobrowse.request', 'cobrowse.snapshot-request'] as const;
/** Frame types of co-browse that only customers send. */
export const COBROWSE_CUSTOMER_FRAMES = ['cobrowse.consent', 'cobrowse.events'] as const;

/** One co-browse request of a session, as both sides see it. */
export interface CobrowseInfo {
  id: string;
  state: CobrowseState;
  /** The agent who asked. */
  agent: { id: string; name: string };
  /** When ended: who or what ended it. */
  reason?: CobrowseEndReason;
  at: number;
}

/** Co-browse frames the server sends (members of live.ts `ServerFrame`). */
export type CobrowseServerFrame =
  /** The co-browse of a session changed (customer connections and the agents following it). */
  | { type: 'cobrowse'; sessionId: string; cobrowse: CobrowseInfo }
  /** Agent: one part of a batch of the customer's events (see the client frame). */
  | { type: 'cobrowse.events'; sessionId: string; id: string; seq: number; part: number; parts: number; data: string }
  /** Customer (the sharing connection): an agent needs a fresh full snapshot. */
  | { type: 'cobrowse.snapshot-request'; sessionId: string; id: string };

/** What the customer's co-browse service hears from the live engine: its frames and its errors. */
export type CobrowseWireFrame = CobrowseServerFrame | { type: 'error'; code: string; message: string; ref?: string };

export type CobrowseClientFrame = Static<(typeof CobrowseClientFrames)[number]>;
