/**
 * Co-browse relay: the state of each session's co-browse (pending → active → ended, or rejected)
 * and the relay of the customer's recorder events to the agents following the session.
 *
 * The state lives in the shared live state (state.ts: in memory, or in Redis for several
 * processes), changed under a lock per session; the streaming customer connection is named by
 * its id, so an agent on any process reaches it through the bus (a `connection` target). Events
 * go straight from the sharing connection to the bus, addressed to the session's agents only
 * (LocalConnections: the tenant's connections that own or follow it). The frame budgets of a co-browse are
 * kept by each process (events come from one connection, so theirs is exact). Events are stored only when the tenant
 * switched recording on (`cobrowse set --recording on`): then each part is also appended to the
 * co-browse's recording, in order, through `CobrowseRecorder`.
 *
 * Remote control is a second consent on an active co-browse (`control`: off → pending →
 * granted); the agent's `cobrowse.input` frames go to the sharing connection only, and those
 * that act on the page only while control is granted.
 */
import { randomBytes } from 'node:crypto';
import {
  COBROWSE_CONTROL_INPUTS,
  COBROWSE_LIMITS,
  type CobrowseEndReason,
  type CobrowseInfo,
  type CobrowseInput,
  type CobrowseListing,
  type CobrowseState,
} from '../../src/protocol/cobrowse.js';
import { JsonDepthScanner } from '../../src/protocol/json-bounds.js';
import type { ServerFrame } from '../../src/protocol/live.js';
import { ApiError } from '../errors.js';
import { MemoryRateLimitStore } from '../rate-limit.js';
import { MemoryBus, type Bus } from './bus.js';
import type { Peer } from './connections.js';
import { EscapedEvents, escapedDataOf, withText, type EscapedData } from './frames.js';
import type { SharedState, ShareRecord } from './state.js';


/** Where a recorded co-browse's parts go (the store, in the order they came). */
export interface CobrowseRecorder {
  /** A recording starts (the customer accepted a co-browse of a tenant that records). */
  start(tenantId: string, sessionId: string, info: CobrowseInfo): void;
  /** One part of a batch, as relayed. */
  append(tenantId: string, id: string, part: { seq: number; part: number; parts: number; data: string }): void;
  /** The co-browse ended. */
  end(tenantId: string, id: string, reason: CobrowseEndReason): void;
}

const notFound = () => new ApiError(404, 'cobrowse_not_found', 'there is no co-browse request for this session');
const notActive = () => new ApiError(409, 'cobrowse_not_active', 'co-browse is not active on this connection');

const batchTooDeep = () =>
  new ApiError(400, 'json_too_deep', `a batch of co-browse events nests more than ${COBROWSE_LIMITS.maxBatchDepth} levels deep; it was dropped`);

/** Ended and rejected co-browses kept per tenant for the agents' list (newest last). */
export const COBROWSE_HISTORY = 200;

/** A batch being relayed from a sharing connection, part by part, and how deep it nests so far. */
interface Batch {
  shareId: string;
  seq: number;
  next: number;
  depth: JsonDepthScanner;
  tooDeep: boolean;
}

/** The agents' `cobrowse.events` frame. */
type ServerEvents = Extract<ServerFrame, { type: 'cobrowse.events' }>;

/** A `cobrowse.events` frame as the sharing connection sends it. */
type EventsFrame = { id: string; seq: number; part: number; parts: number; data: string };

/** The agents' `cobrowse.events` frame as text, around `quoted`, its data still JSON-escaped as it came. */
function encodeEvents(frame: { sessionId: string; id: string; seq: number; part: number; parts: number }, quoted: Buffer): Buffer {
  const { sessionId, id, seq, part, parts } = frame;
  const head = `{"type":"cobrowse.events","sessionId":${JSON.stringify(sessionId)},"id":${JSON.stringify(id)},"seq":${seq},"part":${part},"parts":${parts},"data":"`;
  return Buffer.concat([Buffer.from(head), quoted, CLOSE_DATA]);
}

const CLOSE_DATA = Buffer.from('"}');

const copy = (info: CobrowseInfo): CobrowseInfo => ({ ...info, agent: { ...info.agent } });

export class CobrowseRelay {
  /** The batch in progress of each sharing connection of this process, by connection id. */
  private readonly batches = new Map<string, Batch>();
  /** Frame budgets per co-browse (events, and the agents' inputs), in this process. */
  private readonly budgets = new MemoryRateLimitStore();

  constructor(
    private readonly bus: Bus,
    private readonly state: SharedState,
    private readonly recorder?: CobrowseRecorder,
  ) {}

  private locked<T>(tenantId: string, sessionId: string, work: () => Promise<T>) {
    return this.state.locked(`cobrowse:${tenantId}:${sessionId}`, work);
  }

  private publish(share: ShareRecord, roles: ('customer' | 'agent')[], frame: ServerFrame) {
    this.bus.publish({
      tenantId: share.tenantId,
      target: { to: 'session', sessionId: share.sessionId, agentId: share.ownerId, roles },
      frame,
    });
  }

  private announce(share: ShareRecord) {
    this.publish(share, ['customer', 'agent'], { type: 'cobrowse', sessionId: share.sessionId, cobrowse: copy(share.info) });
  }

  /** Sends a frame to the connection that streams the co-browse, on whichever process holds it. */
  private toSharer(share: ShareRecord, frame: ServerFrame) {
    this.bus.publish({ tenantId: share.tenantId, target: { to: 'connection', sessionId: share.sessionId, connectionId: share.sharer! }, frame });
  }

  /** The co-browse of a session while pending or active. */
  async current(tenantId: string, sessionId: string): Promise<CobrowseInfo | undefined> {
    const share = await this.state.getShare(tenantId, sessionId);
    return share && copy(share.info);
  }

  /**
   * The tenant's co-browses, newest first: those pending or active, and the last
   * COBROWSE_HISTORY that ended or were rejected.
   */
  async list(tenantId: string, filter: { states?: CobrowseState[]; agentId?: string; sessionId?: string } = {}): Promise<CobrowseListing[]> {
    const [shares, history] = await Promise.all([this.state.listShares(tenantId), this.state.shareHistory(tenantId)]);
    const live = shares.map((share) => ({ ...share.info, sessionId: share.sessionId }));
    return [...live, ...history]
      .filter(
        (item) =>
          (!filter.states?.length || filter.states.includes(item.state)) &&
          (filter.agentId === undefined || item.agent.id === filter.agentId) &&
          (filter.sessionId === undefined || item.sessionId === filter.sessionId),
      )
      .sort((a, b) => b.at - a.at);
  }

  /**
   * An agent asks (the caller checked that the agent may see the session and that it is
   * active). While a request is pending or active, asking again changes nothing and answers it.
   * `recording`: the tenant records co-browse (the customer is told before consenting).
   */
  request(
    tenantId: string,
    sessionId: string,
    agent: { id: string; name: string },
    ownerId: string | null,
    recording = false,
  ): Promise<CobrowseInfo> {
    return this.locked(tenantId, sessionId, async () => {
      let share = await this.state.getShare(tenantId, sessionId);
      if (!share) {
        share = {
          info: {
            id: `cb_${randomBytes(9).toString('base64url')}`,
            state: 'pending',
            agent: { id: agent.id, name: agent.name },
            control: 'off',
            recording: recording && this.recorder !== undefined,
            at: Date.now(),
          },
          tenantId,
          sessionId,
          ownerId,
          sharer: null,
        };
        await this.state.putShare(share);
      }
      this.announce(share);
      return copy(share.info);
    });
  }

  /** The customer's answer to the pending request `id`, from connection `peer`. */
  consent(tenantId: string, sessionId: string, id: string, accept: boolean, peer: Peer): Promise<void> {
    return this.locked(tenantId, sessionId, async () => {
      const share = await this.named(tenantId, sessionId, id);
      if (share.info.state !== 'pending') {
        throw new ApiError(409, 'cobrowse_not_active', `this co-browse request is ${share.info.state} already`);
      }
      if (accept) {
        share.sharer = peer.id;
        share.info = { ...share.info, state: 'active', at: Date.now() };
        await this.state.putShare(share);
        if (share.info.recording) this.recorder?.start(tenantId, sessionId, share.info);
      } else {
        share.info = { ...share.info, state: 'rejected', at: Date.now() };
        await this.state.retireShare(share, COBROWSE_HISTORY);
      }
      this.announce(share);
    });
  }

  /** Ends the session's co-browse, if any (`id`: only that one). */
  end(tenantId: string, sessionId: string, reason: CobrowseEndReason, id?: string, sharer?: string): Promise<boolean> {
    return this.locked(tenantId, sessionId, async () => {
      const share = await this.state.getShare(tenantId, sessionId);
      if (!share || (id !== undefined && share.info.id !== id) || (sharer !== undefined && share.sharer !== sharer)) return false;
      const wasActive = share.info.state === 'active';
      share.info = { ...share.info, state: 'ended', reason, control: 'off', at: Date.now() };
      await this.state.retireShare(share, COBROWSE_HISTORY);
      if (wasActive && share.info.recording) this.recorder?.end(tenantId, share.info.id, reason);
      this.announce(share);
      return true;
    });
  }

  /** An agent asks for remote control of an active co-browse (asking again changes nothing). */
  controlRequest(tenantId: string, sessionId: string): Promise<CobrowseInfo> {
    return this.locked(tenantId, sessionId, async () => {
      const share = await this.active(tenantId, sessionId);
      if (share.info.control === 'off') await this.change(share, { control: 'pending' });
      return copy(share.info);
    });
  }

  /** The sharing customer's answer to the pending remote-control request of co-browse `id`. */
  controlConsent(tenantId: string, sessionId: string, id: string, accept: boolean, peer: Peer): Promise<void> {
    return this.locked(tenantId, sessionId, async () => {
      const share = await this.named(tenantId, sessionId, id);
      if (share.info.state !== 'active' || share.sharer !== peer.id) throw notActive();
      if (share.info.control !== 'pending') {
        throw new ApiError(409, 'cobrowse_control_not_granted', 'no remote-control request is waiting for an answer');
      }
      await this.change(share, { control: accept ? 'granted' : 'off' });
    });
  }

  /** Remote control stops (either side); co-browse goes on. False when it was off. */
  controlEnd(tenantId: string, sessionId: string, id?: string): Promise<boolean> {
    return this.locked(tenantId, sessionId, async () => {
      const share = await this.state.getShare(tenantId, sessionId);
      if (!share || (id !== undefined && share.info.id !== id) || share.info.control === 'off') return false;
      await this.change(share, { control: 'off' });
      return true;
    });
  }

  /**
   * Forwards an agent's input to the sharing connection: the laser and highlights while
   * sharing, clicks, scrolls, text and keys only while remote control is granted.
   */
  async input(tenantId: string, sessionId: string, agent: { id: string; name: string }, input: CobrowseInput): Promise<void> {
    const share = await this.active(tenantId, sessionId);
    if ((COBROWSE_CONTROL_INPUTS as readonly string[]).includes(input.kind) && share.info.control !== 'granted') {
      throw new ApiError(403, 'cobrowse_control_not_granted', `the customer has not allowed remote control: a ${input.kind} needs it`);
    }
    if (this.budgets.take(`input:${share.info.id}`, { perSecond: COBROWSE_LIMITS.inputsPerSecond, burst: COBROWSE_LIMITS.inputBurst })) {
      throw new ApiError(429, 'cobrowse_rate_limited', `more than ${COBROWSE_LIMITS.inputsPerSecond} cobrowse.input frames a second; this one was dropped`);
    }
    this.toSharer(share, { type: 'cobrowse.input', sessionId, id: share.info.id, agent: { id: agent.id, name: agent.name }, input });
  }

  /**
   * Whether agent `agentId` may act on the session's active co-browse as far as this relay
   * knows: the session is of the tenant (the key says so) and the agent follows it or owns it.
   */
  async reaches(tenantId: string, sessionId: string, agentId: string, follows: boolean): Promise<boolean> {
    const share = await this.state.getShare(tenantId, sessionId);
    return share?.info.state === 'active' && (follows || share.ownerId === agentId);
  }

  /** Changes a pending or active co-browse, stores it and tells both sides. */
  private async change(share: ShareRecord, change: Partial<CobrowseInfo>) {
    share.info = { ...share.info, ...change, at: Date.now() };
    await this.state.putShare(share);
    this.announce(share);
  }

  /** The session's co-browse if it is co-browse `id`; else `cobrowse_not_found`. */
  private async named(tenantId: string, sessionId: string, id: string): Promise<ShareRecord> {
    const share = await this.state.getShare(tenantId, sessionId);
    if (!share || share.info.id !== id) throw notFound();
    return share;
  }

  /** The session's co-browse if it is active with a sharing connection; else `cobrowse_not_active`. */
  private async active(tenantId: string, sessionId: string): Promise<ShareRecord> {
    const share = await this.state.getShare(tenantId, sessionId);
    if (!share || share.info.state !== 'active' || !share.sharer) throw notActive();
    return share;
  }

  /** A customer connection closed: the co-browse it was streaming ends. */
  async disconnected(peer: Peer): Promise<void> {
    this.batches.delete(peer.id);
    if (peer.role === 'customer') await this.end(peer.tenantId, peer.key, 'disconnected', undefined, peer.id);
  }

  /**
   * Relays one part of a batch of events from the sharing connection to the session's agents.
   * When the frame kept its `data` still escaped as it came (`escapedDataOf`, see
   * `parseFrameBytes`), the agents are sent those bytes, and the data is never decoded nor
   * escaped again. Synchronous when the state is held in this process (no promise per frame on
   * the relay's busiest path); with a shared state the share is read first.
   */
  events(tenantId: string, sessionId: string, peer: Peer, frame: EventsFrame): void | Promise<void> {
    if (this.state.peekShare) return this.relayEvents(this.state.peekShare(tenantId, sessionId), sessionId, peer, frame);
    return this.state.getShare(tenantId, sessionId).then((share) => this.relayEvents(share, sessionId, peer, frame));
  }

  private relayEvents(share: Readonly<ShareRecord> | undefined, sessionId: string, peer: Peer, frame: EventsFrame): void {
    if (!share || share.info.id !== frame.id || share.info.state !== 'active' || share.sharer !== peer.id) throw notActive();
    const escaped = escapedDataOf(frame);
    // A UTF-8 byte or an escape is never fewer characters than it stands for: a short enough
    // escaped form need not be decoded to be counted.
    if ((!escaped || escaped.end - escaped.start > COBROWSE_LIMITS.maxChunkChars) && frame.data.length > COBROWSE_LIMITS.maxChunkChars) {
      throw new ApiError(413, 'cobrowse_too_large', `a cobrowse.events frame carries at most ${COBROWSE_LIMITS.maxChunkChars} characters of data`);
    }
    if (frame.part >= frame.parts) throw new ApiError(400, 'frame_invalid', 'cobrowse.events: part must be below parts');
    if (this.budgets.take(`events:${share.info.id}`, { perSecond: COBROWSE_LIMITS.framesPerSecond, burst: COBROWSE_LIMITS.frameBurst })) {
      throw new ApiError(429, 'cobrowse_rate_limited', `more than ${COBROWSE_LIMITS.framesPerSecond} cobrowse.events frames a second; this one was dropped`);
    }
    const quoted = this.checkDepth(peer.id, share.info.id, frame, escaped);
    const { id, seq, part, parts } = frame;
    // With its data still escaped, only what needs it decoded reads it (a bus to other processes, the recording).
    const out: ServerEvents = escaped ? new EscapedEvents(sessionId, id, seq, part, parts, escaped) : { type: 'cobrowse.events', sessionId, id, seq, part, parts, data: frame.data };
    // The text goes with the frame object, so only a bus in this process carries it.
    this.publish(share, ['agent'], quoted && this.bus instanceof MemoryBus ? withText(out, encodeEvents(out, quoted)) : out);
    if (share.info.recording) this.recorder?.append(share.tenantId, id, { seq, part, parts, data: frame.data });
  }

  /**
   * A batch's parts come one after another; their nesting is read as they pass, and a batch that
   * nests deeper than COBROWSE_LIMITS.maxBatchDepth is neither relayed nor recorded from that
   * part on (agents and the recording drop a batch that lacks a part). The data is read in its
   * escaped form when the frame kept it (the answer is the same); then that form is returned,
   * for the relay to pass on. When those bytes are not one JSON string after all, reading the
   * decoded data refuses the frame (`frame_invalid`).
   */
  private checkDepth(connectionId: string, shareId: string, frame: EventsFrame, escaped: EscapedData | undefined): Buffer | undefined {
    if (frame.part === 0) this.batches.set(connectionId, { shareId, seq: frame.seq, next: 0, depth: new JsonDepthScanner(), tooDeep: false });
    const batch = this.batches.get(connectionId);
    const same = batch?.shareId === shareId && batch.seq === frame.seq;
    if (same && batch.tooDeep) throw batchTooDeep();
    if (!batch || !same || batch.next !== frame.part) {
      throw new ApiError(400, 'frame_invalid', 'cobrowse.events: the parts of a batch must come in order, from part 0');
    }
    const quoted = escaped && batch.depth.feedQuoted(escaped.bytes, escaped.start, escaped.end, COBROWSE_LIMITS.maxBatchDepth);
    if (quoted === undefined ? !batch.depth.feed(frame.data, COBROWSE_LIMITS.maxBatchDepth) : !quoted) {
      batch.tooDeep = true;
      throw batchTooDeep();
    }
    batch.next++;
    return quoted ? escaped!.bytes.subarray(escaped!.start, escaped!.end) : undefined;
  }

  /** Forwards an agent's request for a full snapshot to the sharing connection. */
  async snapshotRequest(tenantId: string, sessionId: string): Promise<void> {
    const share = await this.active(tenantId, sessionId);
    this.toSharer(share, { type: 'cobrowse.snapshot-request', sessionId, id: share.info.id });
  }
}
