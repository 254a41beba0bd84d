/**
 * Routing and offers of the live hub (hub.ts, "Routing" in its header): a queued chat goes to an
 * available agent of its skill as an offer with a deadline; an offer that expires, or whose agent
 * goes away or disconnects, is taken back and the session queued again. The hub holds the tenant
 * lock around every call here except `offersFor`.
 */
import type { ServerFrame } from '../../src/protocol/live.js';
import type { LiveSessionRecord, Store } from '../store/types.js';
import type { Target } from './bus.js';
import { availableAgents, MAX_QUEUE } from './queue.js';
import { pickAgent, type Candidate } from './routing.js';
import type { OfferRecord, SharedState } from './state.js';
import { toLiveSession } from './wire.js';

/** What routing needs of the hub. */
export interface OffersDeps {
  store: Store;
  state: SharedState;
  offerTimeoutMs: number;
  publish(tenantId: string, target: Target, frame: ServerFrame): void;
  tenantLock<T>(tenantId: string, work: () => Promise<T>): Promise<T>;
  /** Routes what can be routed and announces the changed sessions (the hub's `settle`). */
  settle(tenantId: string, changed: LiveSessionRecord[]): Promise<void>;
  /** Whether the hub stopped: no routing, no expiry, from then on. */
  stopped(): boolean;
  report(error: unknown): void;
}

export class Offers {
  /** The deadline timers of offers made here (the state holds the offers themselves). */
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly deps: OffersDeps) {}

  /** Stops the deadline timers of this process (the hub's stop). */
  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** Sessions currently offered to an agent, with when each offer ends. */
  async offersFor(tenantId: string, agentId: string): Promise<Map<string, number>> {
    return new Map((await this.deps.state.offersOf(tenantId, agentId)).map((o) => [o.sessionId, o.expiresAt]));
  }

  /** Offers the tenant's queued chats to the agents who can take them; answers the sessions offered. Call with the tenant lock held. */
  async route(tenantId: string): Promise<LiveSessionRecord[]> {
    if (this.deps.stopped()) return [];
    const queued = await this.deps.store.listLiveSessions(tenantId, { states: ['queued'], kind: 'chat', order: 'oldest', limit: MAX_QUEUE });
    if (!queued.length) return [];
    const agents = await availableAgents(this.deps.store, this.deps.state, tenantId);
    if (!agents.length) return [];
    const [loads, idle] = await Promise.all([this.deps.store.agentLoads(tenantId), this.deps.state.idleSince(tenantId)]);
    const candidates: Candidate[] = agents.map((a) => ({
      id: a.id,
      skills: a.skills,
      maxSessions: a.maxSessions,
      load: loads.get(a.id) ?? 0,
      idleSince: idle.get(a.id) ?? 0,
    }));
    const offered: LiveSessionRecord[] = [];
    for (const session of queued) {
      // Only sessions someone could take cost a look at who let them pass.
      if (!pickAgent(candidates, session.skill, new Set())) continue;
      const pick = pickAgent(candidates, session.skill, await this.deps.state.passed(session.id))!;
      if (pick.cycled) await this.deps.state.clearPassed(session.id);
      const record = await this.offer(session, pick.agent.id);
      if (!record) continue;
      pick.agent.load++;
      pick.agent.idleSince = record.offeredAt!;
      offered.push(record);
    }
    return offered;
  }

  /**
   * Offers a queued session to an agent. The offer is recorded before the session changes, so a
   * process that dies in between leaves an offer the sweep moves on, never a session offered
   * with no deadline.
   */
  async offer(session: LiveSessionRecord, agentId: string) {
    const { tenantId } = session;
    const now = Date.now();
    const offer: OfferRecord = { tenantId, sessionId: session.id, agentId, expiresAt: now + this.deps.offerTimeoutMs };
    await this.deps.state.putOffer(offer);
    const result = await this.deps.store.transitionLiveSession(tenantId, session.id, {
      from: ['queued'],
      agentId: null,
      set: { state: 'assigned', agentId, offeredAt: now },
    });
    if (!result) {
      await this.deps.state.takeOffer(session.id, offer);
      return undefined;
    }
    const timer = setTimeout(() => {
      this.timers.delete(session.id);
      this.expire(offer).catch((error) => this.deps.report(error));
    }, this.deps.offerTimeoutMs);
    timer.unref();
    this.timers.set(session.id, timer);
    await this.deps.state.setIdleSince(tenantId, agentId, now);
    const transfer = await this.deps.state.handover(session.id);
    const frame: ServerFrame = { type: 'offer', session: toLiveSession(result.session, null), expiresAt: offer.expiresAt, ...(transfer && { transfer }) };
    this.deps.publish(tenantId, { to: 'agent', agentId }, frame);
    return result.session;
  }

  /** The offer's deadline passed: whichever process claims it first requeues and reroutes the session. */
  expire(offer: OfferRecord) {
    return this.deps.tenantLock(offer.tenantId, async () => {
      if (this.deps.stopped()) return;
      const record = await this.withdraw(offer.sessionId, offer);
      if (!record) return;
      await this.deps.state.addPassed(offer.sessionId, offer.agentId);
      await this.deps.settle(offer.tenantId, [record]);
    });
  }

  /** Forgets an offer (if it matches `match`); with `notify`, tells its agent it was withdrawn. */
  async clear(sessionId: string, notify: boolean, match?: { agentId: string; expiresAt: number }) {
    clearTimeout(this.timers.get(sessionId));
    this.timers.delete(sessionId);
    const offer = await this.deps.state.takeOffer(sessionId, match);
    if (offer && notify) this.deps.publish(offer.tenantId, { to: 'agent', agentId: offer.agentId }, { type: 'offer-withdrawn', sessionId });
    return offer;
  }

  /** Takes an offer back (the one that matches `match`, if given): the session is queued again. */
  async withdraw(sessionId: string, match?: { agentId: string; expiresAt: number }) {
    const offer = await this.clear(sessionId, true, match);
    if (!offer) return undefined;
    const result = await this.deps.store.transitionLiveSession(offer.tenantId, sessionId, {
      from: ['assigned'],
      agentId: offer.agentId,
      set: { state: 'queued', agentId: null, offeredAt: null },
    });
    return result?.session;
  }

  /** Takes back every offer of an agent (away, or gone); answers the sessions queued again. */
  async withdrawAll(tenantId: string, agentId: string) {
    const withdrawn: LiveSessionRecord[] = [];
    for (const sessionId of (await this.offersFor(tenantId, agentId)).keys()) {
      const record = await this.withdraw(sessionId);
      if (record) withdrawn.push(record);
    }
    return withdrawn;
  }
}
