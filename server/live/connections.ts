/**
 * The WebSocket connections this process holds, by session (customers), by tenant and agent
 * (agents) and by the token they depend on, and the delivery of bus messages to them.
 */
import type { ChatEvent, ServerFrame } from '../../src/protocol/live.js';
import type { BusMessage, Target } from './bus.js';

/** One authenticated connection, as delivery sees it (implemented by socket.ts). */
export interface Peer {
  /** Unique among the connections of every process (a `connection` target names it). */
  readonly id: string;
  readonly tenantId: string;
  readonly role: 'customer' | 'agent';
  /** The customer's session, or the agent's id. */
  readonly key: string;
  /**
   * The registered token the connection depends on: the agent token, or the application token
   * the customer's session token was requested with (null for an older session token without one).
   */
  readonly tokenId: string | null;
  /**
   * Sends a frame. `encoded` answers it as text, encoded once for all its recipients (and only
   * when one of them sends it).
   */
  send(frame: ServerFrame, encoded?: () => string): void;
  /**
   * A stored event of a session. Sent when the connection follows the session, or when `owner`
   * (the session is the agent's own), in which case the connection starts following it.
   * `encoded` answers the frame `{ type: 'event', sessionId, event }` as text, encoded once.
   */
  deliverEvent(sessionId: string, event: ChatEvent, owner: boolean, encoded?: () => string): void;
  /** Replays the session's events after `since`, then follows it. */
  follow(sessionId: string, since: number): void;
  /**
   * Ends the connection because its token stopped working: an `error` frame with `code`, close
   * code 4401, and it leaves at once (no frame is handled or delivered after this).
   */
  revoke(code: 'token_revoked' | 'token_expired', message: string): void;
}

/**
 * How long a revocation heard on the bus is remembered: a hello that checked its token just
 * before the revocation and joins just after it is refused as well (see `wasRevoked`).
 */
const REMEMBER_REVOKED_MS = 10 * 60_000;

export class LocalConnections {
  private readonly customers = new Map<string, Set<Peer>>();
  private readonly agents = new Map<string, Map<string, Set<Peer>>>();
  private readonly byToken = new Map<string, Set<Peer>>();
  /** Tokens revoked lately, with when this process heard of it (oldest first). */
  private readonly revoked = new Map<string, number>();
  /** The agent connections that follow each session (tenant and session id), so an event finds them in one lookup. */
  private readonly followers = new Map<string, Set<Peer>>();

  /** A connection started (`on`) or stopped following a session: its own follows tell it here. */
  following(peer: Peer, sessionId: string, on: boolean): void {
    if (peer.role !== 'agent') return;
    const key = `${peer.tenantId}\n${sessionId}`;
    let set = this.followers.get(key);
    if (on) {
      if (!set) this.followers.set(key, (set = new Set()));
      set.add(peer);
    } else if (set?.delete(peer) && !set.size) this.followers.delete(key);
  }

  private agentsOf(tenantId: string) {
    let byAgent = this.agents.get(tenantId);
    if (!byAgent) this.agents.set(tenantId, (byAgent = new Map()));
    return byAgent;
  }

  private group(peer: Peer): [Map<string, Set<Peer>>, Set<Peer>] {
    const map = peer.role === 'customer' ? this.customers : this.agentsOf(peer.tenantId);
    let set = map.get(peer.key);
    if (!set) map.set(peer.key, (set = new Set()));
    return [map, set];
  }

  /** Adds a connection; true when it is the first of its customer session or agent. */
  add(peer: Peer): boolean {
    const [, set] = this.group(peer);
    set.add(peer);
    this.fileByToken(peer);
    return set.size === 1;
  }

  /** Files a connection under the token `change` gives it (a renewed token: socket.ts). */
  retoken(peer: Peer, change: () => void) {
    this.unfileByToken(peer);
    change();
    this.fileByToken(peer);
  }

  private fileByToken(peer: Peer) {
    if (peer.tokenId === null) return;
    let peers = this.byToken.get(peer.tokenId);
    if (!peers) this.byToken.set(peer.tokenId, (peers = new Set()));
    peers.add(peer);
  }

  private unfileByToken(peer: Peer) {
    const peers = peer.tokenId === null ? undefined : this.byToken.get(peer.tokenId);
    if (peers?.delete(peer) && !peers.size) this.byToken.delete(peer.tokenId!);
  }

  /** Removes a connection; true when it was the last of its customer session or agent. */
  remove(peer: Peer): boolean {
    const [map, set] = this.group(peer);
    if (!set.delete(peer)) return false;
    this.unfileByToken(peer);
    if (set.size) return false;
    map.delete(peer.key);
    if (peer.role === 'agent' && map.size === 0) this.agents.delete(peer.tenantId);
    return true;
  }

  /**
   * Whether the bus said lately that this token was revoked. A connection checks it as it joins
   * (synchronously before `add`): its hello may have read the token just before the revocation.
   */
  wasRevoked(tokenId: string | null): boolean {
    return tokenId !== null && this.revoked.has(tokenId);
  }

  /** Closes every connection that depends on the token, and remembers the revocation for a while. */
  private revoke(tenantId: string, tokenId: string) {
    const now = Date.now();
    for (const [id, at] of this.revoked) {
      if (now - at < REMEMBER_REVOKED_MS) break;
      this.revoked.delete(id);
    }
    this.revoked.delete(tokenId);
    this.revoked.set(tokenId, now);
    for (const peer of [...(this.byToken.get(tokenId) ?? [])]) {
      if (peer.tenantId !== tenantId) continue;
      const message =
        peer.role === 'agent' ? 'this agent token has been revoked' : 'the application token this session was requested with has been revoked';
      peer.revoke('token_revoked', message);
    }
  }

  /** How many authenticated connections this process holds, by role (for the operator's metrics). */
  counts(): { customer: number; agent: number } {
    let customer = 0;
    let agent = 0;
    for (const set of this.customers.values()) customer += set.size;
    for (const byAgent of this.agents.values()) for (const set of byAgent.values()) agent += set.size;
    return { customer, agent };
  }

  /** The agents this process holds a connection of. */
  agentsHere(): { tenantId: string; agentId: string }[] {
    return [...this.agents].flatMap(([tenantId, byAgent]) => [...byAgent.keys()].map((agentId) => ({ tenantId, agentId })));
  }

  /**
   * Calls `visit` for each connection a target names, with whether the session is theirs (agents).
   * A loop, not a generator: it runs for every event delivered.
   */
  private visit(tenantId: string, target: Target, visit: (peer: Peer, owner: boolean) => void): void {
    const agents = this.agents.get(tenantId);
    switch (target.to) {
      case 'customer':
        for (const peer of this.customers.get(target.sessionId) ?? []) if (peer.tenantId === tenantId) visit(peer, false);
        return;
      case 'connection':
        for (const peer of this.customers.get(target.sessionId) ?? []) {
          if (peer.tenantId === tenantId && peer.id === target.connectionId) visit(peer, false);
        }
        return;
      case 'agents':
        for (const set of agents?.values() ?? []) for (const peer of set) visit(peer, false);
        return;
      case 'agent':
        for (const peer of agents?.get(target.agentId) ?? []) visit(peer, true);
        return;
      case 'session':
        if (target.roles.includes('customer')) this.visit(tenantId, { to: 'customer', sessionId: target.sessionId }, visit);
        if (!target.roles.includes('agent') || !agents) return;
        for (const peer of (target.agentId && agents.get(target.agentId)) || []) visit(peer, true);
        for (const peer of this.followers.get(`${tenantId}\n${target.sessionId}`) ?? []) {
          // Joined (a connection follows from its welcome on) and not the owner's, visited above.
          if (peer.key !== target.agentId && agents.get(peer.key)?.has(peer)) visit(peer, false);
        }
    }
  }

  deliver(message: BusMessage): void {
    if ('revoked' in message) return this.revoke(message.tenantId, message.revoked.tokenId);
    if ('subscribe' in message) {
      const { sessionId, since } = message.subscribe;
      return this.visit(message.tenantId, message.target, (peer) => peer.follow(sessionId, since));
    }
    // The frame is encoded once, when a first connection sends it.
    const { frame } = message;
    let text: string | undefined;
    const encoded = () => (text ??= JSON.stringify(frame));
    this.visit(message.tenantId, message.target, (peer, owner) => {
      if (frame.type === 'event') peer.deliverEvent(frame.sessionId, frame.event, owner, encoded);
      else peer.send(frame, encoded);
    });
  }
}
