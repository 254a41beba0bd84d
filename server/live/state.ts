/**
 * The shared live state: what every server process must agree on to route live help. The hub
 * (hub.ts) keeps none of it in Maps of its own; it asks a `SharedState`.
 *
 * - Locks: the changes of one tenant run one at a time, and so do the events of one session,
 *   across every process that shares the state.
 * - Offers and their deadlines: at most one offer per session; taking an offer back is atomic, so
 *   of two processes that try (the deadline passed, the agent accepted, went away) one wins.
 *   Every process sweeps the offers that are due, those of a process that died included.
 * - Agent presence: which agents have a connection on some process. A shared state forgets the
 *   presence of a process that stopped refreshing it after `presenceTtlMs`.
 * - Idle-since times, the agents who let an offer pass, the queue status last told to each
 *   waiting customer, and the transfer of a session on its way to the next agent (transfer.ts).
 * - Co-browse: each session's pending or active co-browse (cobrowse.ts), with the connection
 *   that streams it, and each tenant's recent ended or rejected ones.
 *
 * `MemorySharedState` (this file) is the one-process default; `RedisSharedState` (redis-state.ts)
 * shares it between processes. test/live-state.test.ts runs one contract over both.
 */
import type { CobrowseInfo, CobrowseListing } from '../../src/protocol/cobrowse.js';
import type { TransferInfo } from '../../src/protocol/live.js';
import { KeyedLock } from './lock.js';

export interface OfferRecord {
  tenantId: string;
  sessionId: string;
  agentId: string;
  /** When the offer ends (ms since the epoch). */
  expiresAt: number;
}

/** A session's co-browse while pending or active. */
export interface ShareRecord {
  info: CobrowseInfo;
  tenantId: string;
  sessionId: string;
  /** The agent the session belongs to. */
  ownerId: string | null;
  /** The id of the customer connection that accepted and streams (null while pending). */
  sharer: string | null;
}

/**
 * A copy of a share that shares no object with it, as Redis gives every reader its own: the
 * record and its info are one level deep but for `info.agent` (a copy by hand costs far less
 * than structuredClone, on the path of every co-browse frame).
 */
export function copyShare(share: ShareRecord): ShareRecord {
  return { ...share, info: { ...share.info, agent: { ...share.info.agent } } };
}

export interface AgentRef {
  tenantId: string;
  agentId: string;
}

export interface SharedState {
  /** True when several processes share it (then offered sessions are adopted, not requeued, at start). */
  readonly shared: boolean;
  /** Calls `listener` whenever a shared state's connection is back after a loss (it may be empty). */
  onReconnect?(listener: () => void): void;
  /** Runs `work` holding the lock named `key`: one holder at a time, in call order within a process. */
  locked<T>(key: string, work: () => Promise<T>): Promise<T>;
  /**
   * Runs `work` after the work of this process under the same name (`locked` or `inOrder`), one
   * at a time, in call order; other processes may run theirs meanwhile. For writes the store
   * already orders (a chat event's seq is taken under the session's row lock).
   */
  inOrder<T>(key: string, work: () => Promise<T>): Promise<T>;

  /** Records an offer (replacing any other of the session). */
  putOffer(offer: OfferRecord): Promise<void>;
  /**
   * Removes the session's offer and answers it, if there is one and it matches `match` (the
   * agent, the exact deadline); undefined when there is none or another caller took it first.
   */
  takeOffer(sessionId: string, match?: { agentId?: string; expiresAt?: number }): Promise<OfferRecord | undefined>;
  getOffer(sessionId: string): Promise<OfferRecord | undefined>;
  /** The offers an agent holds now. */
  offersOf(tenantId: string, agentId: string): Promise<OfferRecord[]>;
  /** Offers whose deadline is at or before `now` (at most `limit`), oldest deadline first. */
  dueOffers(now: number, limit: number): Promise<OfferRecord[]>;

  /** Agents who let the session's offer pass in this round. */
  passed(sessionId: string): Promise<Set<string>>;
  addPassed(sessionId: string, agentId: string): Promise<void>;
  clearPassed(sessionId: string): Promise<void>;

  /** The transfer of a session that waits for its next agent (who and the note), until taken or ended. */
  handover(sessionId: string): Promise<TransferInfo | undefined>;
  /** Records a session's transfer (replacing an earlier one). */
  putHandover(sessionId: string, transfer: TransferInfo): Promise<void>;
  clearHandover(sessionId: string): Promise<void>;

  /** When each agent of the tenant last got or finished a session. */
  idleSince(tenantId: string): Promise<Map<string, number>>;
  setIdleSince(tenantId: string, agentId: string, at: number): Promise<void>;

  /**
   * Records the queue status (as text) told to each of these waiting sessions; answers the ids
   * whose status differs from what was told before (those to tell now).
   */
  queueChanged(tenantId: string, statuses: ReadonlyMap<string, string>): Promise<string[]>;
  /** Forgets the queue status told to sessions that no longer wait. */
  forgetQueue(tenantId: string, sessionIds: readonly string[]): Promise<void>;

  /** This process holds connections of these agents (called on the first one and then regularly). */
  agentsHere(agents: readonly AgentRef[]): Promise<void>;
  /** This process no longer holds a connection of the agent; true when no process does. */
  agentGone(agent: AgentRef): Promise<boolean>;
  /** The agents of the tenant that some process holds a connection of. */
  onlineAgents(tenantId: string): Promise<Set<string>>;
  /**
   * Claims presences that were not refreshed in time (their process died): each is answered to
   * one caller only, and only when no other process holds the agent.
   */
  claimLostAgents(now: number): Promise<AgentRef[]>;

  getShare(tenantId: string, sessionId: string): Promise<ShareRecord | undefined>;
  /**
   * The share now, read synchronously: only a state held in this process has it (the co-browse
   * relay reads it for every frame it relays). The state's own record: read it, never change it.
   */
  peekShare?(tenantId: string, sessionId: string): Readonly<ShareRecord> | undefined;
  putShare(share: ShareRecord): Promise<void>;
  /** Removes the share (ended or rejected) and adds it to the tenant's history, keeping the last `keep`. */
  retireShare(share: ShareRecord, keep: number): Promise<void>;
  /** The tenant's pending and active co-browses. */
  listShares(tenantId: string): Promise<ShareRecord[]>;
  /** The tenant's last ended or rejected co-browses, oldest first. */
  shareHistory(tenantId: string): Promise<CobrowseListing[]>;

  close(): Promise<void>;
}

const agentKey = (tenantId: string, agentId: string) => `${tenantId}\u0000${agentId}`;

/** The live state of one process, in Maps: today's behaviour and the embedded default. */
export class MemorySharedState implements SharedState {
  readonly shared = false;
  private readonly locks = new KeyedLock();
  private readonly offers = new Map<string, OfferRecord>();
  private readonly passedBy = new Map<string, Set<string>>();
  private readonly idle = new Map<string, Map<string, number>>();
  private readonly handovers = new Map<string, TransferInfo>();
  private readonly told = new Map<string, string>();
  /** Agents with a connection here, by tenant\0agent. */
  private readonly online = new Set<string>();
  private readonly shares = new Map<string, ShareRecord>();
  private readonly history = new Map<string, CobrowseListing[]>();

  locked<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.locks.run(key, work);
  }

  inOrder<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.locks.run(key, work);
  }

  async putOffer(offer: OfferRecord): Promise<void> {
    this.offers.set(offer.sessionId, { ...offer });
  }

  async takeOffer(sessionId: string, match: { agentId?: string; expiresAt?: number } = {}) {
    const offer = this.offers.get(sessionId);
    if (!offer) return undefined;
    if (match.agentId !== undefined && offer.agentId !== match.agentId) return undefined;
    if (match.expiresAt !== undefined && offer.expiresAt !== match.expiresAt) return undefined;
    this.offers.delete(sessionId);
    return offer;
  }

  async getOffer(sessionId: string) {
    const offer = this.offers.get(sessionId);
    return offer && { ...offer };
  }

  async offersOf(tenantId: string, agentId: string) {
    return [...this.offers.values()].filter((o) => o.tenantId === tenantId && o.agentId === agentId).map((o) => ({ ...o }));
  }

  async dueOffers(now: number, limit: number) {
    return [...this.offers.values()]
      .filter((o) => o.expiresAt <= now)
      .sort((a, b) => a.expiresAt - b.expiresAt)
      .slice(0, limit)
      .map((o) => ({ ...o }));
  }

  async passed(sessionId: string) {
    return new Set(this.passedBy.get(sessionId));
  }

  async addPassed(sessionId: string, agentId: string) {
    let set = this.passedBy.get(sessionId);
    if (!set) this.passedBy.set(sessionId, (set = new Set()));
    set.add(agentId);
  }

  async clearPassed(sessionId: string) {
    this.passedBy.delete(sessionId);
  }

  async handover(sessionId: string) {
    const transfer = this.handovers.get(sessionId);
    return transfer && { ...transfer };
  }

  async putHandover(sessionId: string, transfer: TransferInfo) {
    this.handovers.set(sessionId, { ...transfer });
  }

  async clearHandover(sessionId: string) {
    this.handovers.delete(sessionId);
  }

  async idleSince(tenantId: string) {
    return new Map(this.idle.get(tenantId));
  }

  async setIdleSince(tenantId: string, agentId: string, at: number) {
    let map = this.idle.get(tenantId);
    if (!map) this.idle.set(tenantId, (map = new Map()));
    map.set(agentId, at);
  }

  async queueChanged(tenantId: string, statuses: ReadonlyMap<string, string>) {
    const changed: string[] = [];
    for (const [sessionId, text] of statuses) {
      const key = agentKey(tenantId, sessionId);
      if (this.told.get(key) === text) continue;
      this.told.set(key, text);
      changed.push(sessionId);
    }
    return changed;
  }

  async forgetQueue(tenantId: string, sessionIds: readonly string[]) {
    for (const id of sessionIds) this.told.delete(agentKey(tenantId, id));
  }

  async agentsHere(agents: readonly AgentRef[]) {
    for (const a of agents) this.online.add(agentKey(a.tenantId, a.agentId));
  }

  async agentGone(agent: AgentRef) {
    this.online.delete(agentKey(agent.tenantId, agent.agentId));
    return true;
  }

  async onlineAgents(tenantId: string) {
    const prefix = `${tenantId}\u0000`;
    return new Set([...this.online].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)));
  }

  async claimLostAgents(): Promise<AgentRef[]> {
    // One process: its presences go when their connections close.
    return [];
  }

  async getShare(tenantId: string, sessionId: string) {
    const share = this.shares.get(agentKey(tenantId, sessionId));
    return share && copyShare(share);
  }

  peekShare(tenantId: string, sessionId: string): Readonly<ShareRecord> | undefined {
    return this.shares.get(agentKey(tenantId, sessionId));
  }

  async putShare(share: ShareRecord) {
    this.shares.set(agentKey(share.tenantId, share.sessionId), copyShare(share));
  }

  async retireShare(share: ShareRecord, keep: number) {
    this.shares.delete(agentKey(share.tenantId, share.sessionId));
    const list = this.history.get(share.tenantId) ?? [];
    list.push({ ...share.info, sessionId: share.sessionId });
    if (list.length > keep) list.splice(0, list.length - keep);
    this.history.set(share.tenantId, list);
  }

  async listShares(tenantId: string) {
    return [...this.shares.values()].filter((s) => s.tenantId === tenantId).map(copyShare);
  }

  async shareHistory(tenantId: string) {
    return [...(this.history.get(tenantId) ?? [])];
  }

  async close() {}
}
