/**
 * Co-browse relay: the state of each session's co-browse (pending → active → ended, or rejected)
 * and the relay of the customer's recorder events to the agents following the session.
 *
 * Nothing here is stored: the state lives in this process (like offers, see server/README.md)
 * and events go straight from the sharing customer connection to the bus, addressed to the
 * session's agents only (the tenant and `follows` checks of LocalConnections). There is no
 * recording in this increment.
 */
import { randomBytes } from 'node:crypto';
import { COBROWSE_LIMITS, type CobrowseEndReason, type CobrowseInfo } from '../../src/protocol/cobrowse.js';
import type { ServerFrame } from '../../src/protocol/live.js';
import { ApiError } from '../errors.js';
import type { Bus } from './bus.js';
import type { Peer } from './connections.js';
import { TokenBucket as Bucket } from './socket.js';


interface Share {
  info: CobrowseInfo;
  tenantId: string;
  sessionId: string;
  /** The agent the session belongs to (always reached, like the session's other frames). */
  ownerId: string | null;
  /** The customer connection that accepted and streams. */
  sharer?: Peer;
  bucket: Bucket;
}

const key = (tenantId: string, sessionId: string) => `${tenantId}\u0000${sessionId}`;

const notFound = () => new ApiError(404, 'cobrowse_not_found', 'there is no co-browse request for this session');
const notActive = () => new ApiError(409, 'cobrowse_not_active', 'co-browse is not active on this connection');

export class CobrowseRelay {
  private readonly shares = new Map<string, Share>();

  constructor(private readonly bus: Bus) {}

  private publish(share: Share, roles: ('customer' | 'agent')[], frame: ServerFrame) {
    this.bus.publish({
      tenantId: share.tenantId,
      target: { to: 'session', sessionId: share.sessionId, agentId: share.ownerId, roles },
      frame,
    });
  }

  private announce(share: Share) {
    this.publish(share, ['customer', 'agent'], { type: 'cobrowse', sessionId: share.sessionId, cobrowse: { ...share.info } });
  }

  /** The co-browse of a session while pending or active. */
  current(tenantId: string, sessionId: string): CobrowseInfo | undefined {
    const share = this.shares.get(key(tenantId, sessionId));
    return share && { ...share.info };
  }

  /**
   * An agent asks (the caller checked that the agent may see the session and that it is
   * active). While a request is pending or active, asking again changes nothing and answers it.
   */
  request(tenantId: string, sessionId: string, agent: { id: string; name: string }, ownerId: string | null): CobrowseInfo {
    const k = key(tenantId, sessionId);
    let share = this.shares.get(k);
    if (!share) {
      share = {
        info: { id: `cb_${randomBytes(9).toString('base64url')}`, state: 'pending', agent: { id: agent.id, name: agent.name }, at: Date.now() },
        tenantId,
        sessionId,
        ownerId,
        bucket: new Bucket(COBROWSE_LIMITS.framesPerSecond, COBROWSE_LIMITS.frameBurst),
      };
      this.shares.set(k, share);
    }
    this.announce(share);
    return { ...share.info };
  }

  /** The customer's answer to the pending request `id`, from connection `peer`. */
  consent(tenantId: string, sessionId: string, id: string, accept: boolean, peer: Peer): void {
    const k = key(tenantId, sessionId);
    const share = this.shares.get(k);
    if (!share || share.info.id !== id) throw notFound();
    if (share.info.state !== 'pending') {
      throw new ApiError(409, 'cobrowse_not_active', `this co-browse request is ${share.info.state} already`);
    }
    if (accept) {
      share.sharer = peer;
      share.info = { ...share.info, state: 'active', at: Date.now() };
    } else {
      this.shares.delete(k);
      share.info = { ...share.info, state: 'rejected', at: Date.now() };
    }
    this.announce(share);
  }

  /** Ends the session's co-browse, if any (`id`: only that one). */
  end(tenantId: string, sessionId: string, reason: CobrowseEndReason, id?: string): boolean {
    const k = key(tenantId, sessionId);
    const share = this.shares.get(k);
    if (!share || (id !== undefined && share.info.id !== id)) return false;
    this.shares.delete(k);
    share.info = { ...share.info, state: 'ended', reason, at: Date.now() };
    this.announce(share);
    return true;
  }

  /** A customer connection closed: the co-browse it was streaming ends. */
  disconnected(peer: Peer): void {
    for (const share of [...this.shares.values()]) {
      if (share.sharer === peer) this.end(share.tenantId, share.sessionId, 'disconnected');
    }
  }

  /** Relays one part of a batch of events from the sharing connection to the session's agents. */
  events(
    tenantId: string,
    sessionId: string,
    peer: Peer,
    frame: { id: string; seq: number; part: number; parts: number; data: string },
  ): void {
    const share = this.shares.get(key(tenantId, sessionId));
    if (!share || share.info.id !== frame.id || share.info.state !== 'active' || share.sharer !== peer) throw notActive();
    if (frame.data.length > COBROWSE_LIMITS.maxChunkChars) {
      throw new ApiError(413, 'cobrowse_too_large', `a cobrowse.events frame carries at most ${COBROWSE_LIMITS.maxChunkChars} characters of data`);
    }
    if (frame.part >= frame.parts) throw new ApiError(400, 'frame_invalid', 'cobrowse.events: part must be below parts');
    if (!share.bucket.take()) {
      throw new ApiError(429, 'cobrowse_rate_limited', `more than ${COBROWSE_LIMITS.framesPerSecond} cobrowse.events frames a second; this one was dropped`);
    }
    const { id, seq, part, parts, data } = frame;
    this.publish(share, ['agent'], { type: 'cobrowse.events', sessionId, id, seq, part, parts, data });
  }

  /** Forwards an agent's request for a full snapshot to the sharing connection. */
  snapshotRequest(tenantId: string, sessionId: string): void {
    const share = this.shares.get(key(tenantId, sessionId));
    if (!share || share.info.state !== 'active' || !share.sharer) throw notActive();
    share.sharer.send({ type: 'cobrowse.snapshot-request', sessionId, id: share.info.id });
  }
}
