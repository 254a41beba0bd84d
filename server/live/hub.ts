/**
 * The live hub: every change to a live session goes through here. It writes through the store,
 * then publishes what changed on the bus, and it routes queued chat sessions to agents.
 *
 * Ordering. Changes of one tenant (requests, offers, accepts, ends, agent status and presence)
 * run one at a time, so routing always sees a settled picture; across processes too (the locks,
 * offers and presence are the shared state's, state.ts). Events of one session are stored and
 * published one at a time in each process. The store takes an event's seq under the session's
 * row lock, so seqs follow commit order across processes; a connection that hears a later seq
 * before an earlier one (two processes wrote the session at once) reads the gap from the store
 * (socket.ts), so every connection gets the events in `seq` order, once. Messages therefore take
 * no lock shared between processes, only the process's own queue per session (`inOrder`).
 *
 * Routing. A queued chat session is offered to one connected, available agent of its skill (any
 * such agent for the general queue, skill null): the fewest sessions first, then the longest
 * idle, never beyond the agent's maximum. An offer that is not accepted within the offer timeout,
 * or whose agent goes away or disconnects, returns the session to the queue and it goes to the
 * next agent (once every agent has let it pass, the round starts again). Calls are never
 * offered: an agent finds them by their connection code and accepts them.
 */
import type { LiveState } from '../../src/protocol/api.js';
import type {
  AgentStatus,
  ChatEvent,
  FileInfo,
  LiveRequest,
  LiveSession,
  QueueStatus,
  ServerFrame,
} from '../../src/protocol/live.js';
import { ApiError } from '../errors.js';
import {
  ConflictError,
  OverloadedError,
  SessionEndedError,
  type AgentRecord,
  type LiveSessionRecord,
  type NewChatEvent,
  type SessionTransition,
  type Store,
} from '../store/types.js';
import type { Bus, Target } from './bus.js';
import { CobrowseRelay } from './cobrowse.js';
import { StoreCobrowseRecorder } from './cobrowse-recording.js';
import { LocalConnections } from './connections.js';
import { FileSigner } from './files.js';
import { REVOCATION_POLL_MS, RevocationWatcher } from './revocations.js';
import { MAX_QUEUE, waitingQueue } from './queue.js';
import { Offers } from './offers.js';
import { MemorySharedState, type SharedState } from './state.js';
import { Transfers } from './transfer.js';
import { isWaiting, toLiveSession } from './wire.js';

export interface HubOptions {
  /** How long an offer waits for the agent (LIVE_LIMITS.offerTimeoutMs in production). */
  offerTimeoutMs: number;
  /** How often revoked tokens are looked for, to close their connections (default 1 s). */
  revocationPollMs?: number;
  /** Where unexpected errors of timer-driven work go. */
  onError?: (error: unknown) => void;
  /** The shared live state (default: in this process's memory). */
  state?: SharedState;
  /** How often due offers (those of processes that died too) and lost agents are looked for (default 1 s). */
  sweepMs?: number;
  /** How often this process refreshes the presence of the agents it holds (default 5 s). */
  presenceRefreshMs?: number;
}

/** Who acts on a session: its customer (session token) or an agent of the tenant. */
export type Actor =
  | { role: 'customer'; tenantId: string; sessionId: string }
  | { role: 'agent'; tenantId: string; agent: AgentRecord };

/** Page size when reading a session's whole history. */
const PAGE = 500;
/** How long `stop` waits for work under way to finish. */
const STOP_WAIT_MS = 5000;

export const sessionNotFound = (id: string) => new ApiError(404, 'session_not_found', `there is no session '${id}'`);
const sessionEnded = () => new ApiError(409, 'session_ended', 'the session has ended');
const sessionTaken = () => new ApiError(409, 'session_taken', 'another agent has this session');
/** The store shed the write (OverloadedError): nothing was stored, the client sends it again. */
const overloaded = () => new ApiError(503, 'unavailable', 'the server is busy: the message was not stored; send it again in a moment');
const forbiddenSession = () => new ApiError(403, 'forbidden', 'this token is for another session');

/** Everyone following a session; its agent once accepted (an offer alone does not show the chat). */
function eventTarget(sessionId: string, state: LiveState, agentId: string | null, roles: readonly ('customer' | 'agent')[]): Target {
  return { to: 'session', sessionId, agentId: state === 'assigned' ? null : agentId, roles };
}

export function authorOf(actor: Actor): ChatEvent['author'] {
  return actor.role === 'agent' ? { role: 'agent', id: actor.agent.id, name: actor.agent.name } : { role: 'customer' };
}

export class LiveHub {
  readonly connections = new LocalConnections();
  readonly files: FileSigner;
  /** Co-browse state and relay (stored only for tenants that record co-browse). */
  readonly cobrowse: CobrowseRelay;
  /** Offers, presence, idle times, queue statuses and the locks, shared by the processes. */
  readonly state: SharedState;
  /** Session transfer and the IVR's assignment by code (transfer.ts). */
  readonly transfers: Transfers;
  /** Routing of the queue and the offers made here (offers.ts). */
  private readonly offers: Offers;
  private readonly sweeper: { timer?: ReturnType<typeof setInterval>; presence?: ReturnType<typeof setInterval> } = {};
  private readonly unsubscribe: () => void;
  private readonly revocations: RevocationWatcher;
  private stopped = false;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    readonly store: Store,
    private readonly bus: Bus,
    private readonly options: HubOptions,
  ) {
    this.state = options.state ?? new MemorySharedState();
    this.files = new FileSigner(store);
    this.offers = new Offers({
      store,
      state: this.state,
      offerTimeoutMs: options.offerTimeoutMs,
      publish: (tenantId, target, frame) => this.publish(tenantId, target, frame),
      tenantLock: (tenantId, work) => this.tenantLock(tenantId, work),
      settle: (tenantId, changed) => this.settle(tenantId, changed),
      stopped: () => this.stopped,
      report: (error) => this.report(error),
    });
    this.cobrowse = new CobrowseRelay(bus, this.state, new StoreCobrowseRecorder(store, (error) => this.report(error)));
    this.transfers = new Transfers({
      store,
      state: this.state,
      cobrowse: this.cobrowse,
      tenantLock: (tenantId, work) => this.tenantLock(tenantId, work),
      transition: (session, change) => this.transition(session, change),
      offer: (session, agentId) => this.offers.offer(session, agentId),
      settle: (tenantId, changed) => this.settle(tenantId, changed),
      view: (record) => this.view(record),
    });
    this.unsubscribe = bus.subscribe((message) => this.connections.deliver(message));
    this.revocations = new RevocationWatcher(store, bus, {
      pollMs: options.revocationPollMs ?? REVOCATION_POLL_MS,
      onError: (error) => this.report(error),
    });
  }

  /**
   * Reports an unexpected error of live work (timers here, the connections' handlers). Once
   * stopped, the shared state's connection closes under work still finishing (a presence
   * refresh, a closing connection's co-browse): its "Connection is closed" is the stop, not a
   * fault, and is not reported.
   */
  report(error: unknown) {
    if (this.stopped && /Connection is closed/.test((error as Error | undefined)?.message ?? '')) return;
    this.options.onError?.(error);
  }

  private tenantLock<T>(tenantId: string, work: () => Promise<T>) {
    return this.track(this.state.locked(`tenant:${tenantId}`, work));
  }

  private sessionLock<T>(sessionId: string, work: () => Promise<T>) {
    return this.track(this.state.locked(`session:${sessionId}`, work));
  }

  /** Whether `stop` was called: a connection hands the hub no more frames. */
  get stopping(): boolean {
    return this.stopped;
  }

  /** Work under way (a frame handled, work under a lock), which `stop` lets finish before the store closes. */
  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    const done = () => this.inFlight.delete(work);
    work.then(done, done);
    return work;
  }

  /** The session's events of this process one at a time (after its `sessionLock` work). */
  private sessionQueue<T>(sessionId: string, work: () => Promise<T>) {
    return this.track(this.state.inOrder(`session:${sessionId}`, work));
  }

  /**
   * Alone (memory state), after a restart nobody holds an offer: offered sessions go back to the
   * queue. Shared, other processes may hold them: offered sessions the state does not know
   * (Redis was emptied) get an offer record that ends now, so the sweep moves them on. Starts
   * sweeping and looking for revoked tokens (their connections are closed through the bus).
   */
  async start(): Promise<number> {
    this.revocations.start();
    const sweepMs = this.options.sweepMs ?? 1000;
    this.sweeper.timer = setInterval(() => this.sweep().catch((error) => this.report(error)), sweepMs);
    this.sweeper.timer.unref();
    const refreshMs = this.options.presenceRefreshMs ?? 5000;
    this.sweeper.presence = setInterval(() => {
      this.state.agentsHere(this.connections.agentsHere()).catch((error) => this.report(error));
    }, refreshMs);
    this.sweeper.presence.unref();
    if (!this.state.shared) return this.store.requeueOfferedSessions();
    // A Redis that comes back may have lost everything: presence now, and offers again.
    this.state.onReconnect?.(() => {
      this.state.agentsHere(this.connections.agentsHere()).catch((error) => this.report(error));
      this.adoptOffers().catch((error) => this.report(error));
    });
    return this.adoptOffers();
  }

  /** Offered sessions without an offer in the state get one that ends now; under each tenant's lock. */
  private async adoptOffers() {
    let adopted = 0;
    for (const tenant of await this.store.listTenants()) {
      await this.tenantLock(tenant.id, async () => {
        for (const s of await this.store.listLiveSessions(tenant.id, { states: ['assigned'], limit: MAX_QUEUE })) {
          if (!s.agent || (await this.state.getOffer(s.id))) continue;
          await this.state.putOffer({ tenantId: tenant.id, sessionId: s.id, agentId: s.agent.id, expiresAt: Date.now() });
          adopted++;
        }
      });
    }
    return adopted;
  }

  /**
   * Stops routing, sweeping and the offer timers, before the connections close (so that their
   * closing does not reroute anything). Alone, sessions still offered are requeued by the next
   * start; shared, the other processes sweep them when they are due, and the agents held here
   * are no longer counted as online.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.revocations.stop();
    clearInterval(this.sweeper.timer);
    clearInterval(this.sweeper.presence);
    this.offers.stop();
    this.unsubscribe();
    await Promise.all(this.connections.agentsHere().map((a) => this.state.agentGone(a))).catch((error) => this.report(error));
    // What started before the stop (a message being stored, a session routed) ends before the
    // caller closes the store; work that starts later finds the hub stopped.
    let waited: ReturnType<typeof setTimeout> | undefined;
    let late = false;
    const limit = new Promise<void>((resolve) => (waited = setTimeout(() => ((late = true), resolve()), STOP_WAIT_MS)));
    // Work that finishes may start more (a frame handled takes a lock): wait until none is left.
    while (this.inFlight.size && !late) await Promise.race([Promise.allSettled([...this.inFlight]), limit]);
    clearTimeout(waited);
  }

  /** Moves on the offers that are due and the agents whose process stopped refreshing them. */
  private async sweep() {
    if (this.stopped) return;
    for (const offer of await this.state.dueOffers(Date.now(), 100)) await this.offers.expire(offer);
    for (const { tenantId, agentId } of await this.state.claimLostAgents(Date.now())) {
      await this.tenantLock(tenantId, async () => {
        if (!this.stopped) await this.settle(tenantId, await this.offers.withdrawAll(tenantId, agentId));
      });
    }
  }

  // -------------------------------------------------------------------------------------------
  // Reading

  /** The session an actor names: a customer only its own (403), an agent any of the tenant's (404). */
  async sessionFor(actor: Actor, sessionId: string): Promise<LiveSessionRecord> {
    if (actor.role === 'customer' && actor.sessionId !== sessionId) throw forbiddenSession();
    const session = await this.store.getLiveSession(actor.tenantId, sessionId);
    if (!session) throw sessionNotFound(sessionId);
    return session;
  }

  /** Wire sessions, with queue status for the waiting ones. */
  async views(tenantId: string, records: readonly LiveSessionRecord[]): Promise<LiveSession[]> {
    const statuses = records.some(isWaiting) ? (await waitingQueue(this.store, this.state, tenantId)).statuses : new Map<string, QueueStatus>();
    return records.map((r) => toLiveSession(r, statuses.get(r.id) ?? null));
  }

  async view(record: LiveSessionRecord): Promise<LiveSession> {
    return (await this.views(record.tenantId, [record]))[0];
  }

  /** Every stored event of a session, in order. */
  async allEvents(tenantId: string, sessionId: string): Promise<ChatEvent[]> {
    const events: ChatEvent[] = [];
    for (let more = true; more; ) {
      const page = await this.store.listChatEvents(tenantId, sessionId, { after: events.at(-1)?.seq ?? 0, limit: PAGE });
      events.push(...page.items);
      more = page.more;
    }
    return events;
  }

  /** Sessions currently offered to an agent, with when each offer ends. */
  offersFor(tenantId: string, agentId: string): Promise<Map<string, number>> {
    return this.offers.offersFor(tenantId, agentId);
  }

  // -------------------------------------------------------------------------------------------
  // Publishing

  private publish(tenantId: string, target: Target, frame: ServerFrame) {
    this.bus.publish({ tenantId, target, frame });
  }

  private sessionTarget(session: LiveSessionRecord, roles: readonly ('customer' | 'agent')[]): Target {
    return eventTarget(session.id, session.state, session.agent?.id ?? null, roles);
  }

  private publishEvents(session: LiveSessionRecord, events: readonly ChatEvent[]) {
    const target = this.sessionTarget(session, ['customer', 'agent']);
    for (const event of events) this.publish(session.tenantId, target, { type: 'event', sessionId: session.id, event });
  }

  /** Relays a transient frame (typing, seen) from one side of a session to the other. */
  private relay(actor: Actor, session: LiveSessionRecord, frame: ServerFrame) {
    this.publish(session.tenantId, this.sessionTarget(session, [actor.role === 'customer' ? 'agent' : 'customer']), frame);
  }

  /**
   * Tells agents and customers about changed sessions, and every waiting customer whose queue
   * status is not what they were last told.
   */
  private async announce(tenantId: string, changed: readonly LiveSessionRecord[]) {
    const { waiting, statuses } = await waitingQueue(this.store, this.state, tenantId);
    const latest = new Map(changed.map((s) => [s.id, s]));
    for (const session of latest.values()) {
      const view = toLiveSession(session, statuses.get(session.id) ?? null);
      this.publish(tenantId, { to: 'agents' }, { type: 'session', session: view });
      this.publish(tenantId, { to: 'customer', sessionId: session.id }, { type: 'session', session: view });
    }
    await this.state.forgetQueue(tenantId, [...latest.values()].filter((s) => !isWaiting(s)).map((s) => s.id));
    const told = await this.state.queueChanged(tenantId, new Map(waiting.map((s) => [s.id, JSON.stringify(statuses.get(s.id))])));
    const byId = new Map(waiting.map((s) => [s.id, s]));
    for (const id of told) {
      const session = byId.get(id)!;
      const queue = statuses.get(id)!;
      this.publish(tenantId, { to: 'customer', sessionId: session.id }, { type: 'queue', sessionId: session.id, queue });
      if (!latest.has(session.id)) this.publish(tenantId, { to: 'agents' }, { type: 'session', session: toLiveSession(session, queue) });
    }
  }

  /** Routes what can be routed, then announces. Call with the tenant lock held. */
  private async settle(tenantId: string, changed: LiveSessionRecord[]) {
    changed.push(...(await this.offers.route(tenantId)));
    await this.announce(tenantId, changed);
  }

  /** A transition that stores events, published in order under the session's lock. */
  private transition(session: LiveSessionRecord, change: SessionTransition, before?: () => void) {
    return this.sessionLock(session.id, async () => {
      const result = await this.store.transitionLiveSession(session.tenantId, session.id, change);
      if (!result) throw sessionTaken();
      before?.();
      this.publishEvents(result.session, result.events);
      return result.session;
    });
  }

  // -------------------------------------------------------------------------------------------
  // Customers

  /** Requests live help: creates the session (or finds the one this request created before) and routes it. */
  async request(tenantId: string, input: LiveRequest): Promise<{ session: LiveSession; created: boolean }> {
    if (input.skill !== undefined && !(await this.store.getSkill(tenantId, input.skill))) {
      throw new ApiError(404, 'skill_not_found', `there is no skill '${input.skill}'`);
    }
    return this.tenantLock(tenantId, async () => {
      const { session, created } = await this.store.createLiveSession({
        tenantId,
        kind: input.kind,
        skill: input.skill ?? null,
        consumerKey: input.consumer,
        clientId: input.clientId,
        data: input.data ?? {},
        origin: input.origin ?? null,
        at: Date.now(),
      });
      if (created) await this.settle(tenantId, [session]);
      return { session: await this.view((await this.store.getLiveSession(tenantId, session.id))!), created };
    });
  }

  /** Stores the rating of an ended session (once) and publishes its event. */
  async rate(actor: Actor, sessionId: string, rating: { score: number; comment?: string; survey?: Record<string, string> }) {
    const session = await this.sessionFor(actor, sessionId);
    await this.sessionLock(sessionId, async () => {
      let result;
      try {
        result = await this.store.rateLiveSession(session.tenantId, sessionId, {
          score: rating.score,
          comment: rating.comment ?? null,
          survey: rating.survey ?? null,
          at: Date.now(),
        });
      } catch (error) {
        if (error instanceof ConflictError) throw new ApiError(409, 'invalid_request', 'the session has been rated already');
        throw error;
      }
      if (!result) throw new ApiError(409, 'invalid_request', 'a session can be rated once it has ended');
      this.publishEvents(result.session, [result.event]);
    });
  }

  // -------------------------------------------------------------------------------------------
  // Both sides

  /** The session if the actor may write to it now: customers until it ends, agents once it is theirs. */
  async writable(actor: Actor, sessionId: string) {
    const session = await this.sessionFor(actor, sessionId);
    if (actor.role === 'agent') {
      if (session.agent?.id !== actor.agent.id) throw new ApiError(403, 'forbidden', 'this session is not yours');
      if (session.state === 'assigned') throw new ApiError(403, 'forbidden', 'accept the session first');
    }
    return session;
  }

  /**
   * Stores a message or file once per clientId and publishes it; a repeat answers the first event.
   * An agent's right to write depends on the session's state, read first. A customer's token names
   * its session, which it may write to until it ends: the append checks that, and answers the
   * session's state and agent, who hear of the event (no read of the session per message).
   */
  async post(actor: Actor, sessionId: string, clientId: string, content: { text: string } | { file: FileInfo }) {
    if (actor.role === 'agent') await this.writable(actor, sessionId);
    else if (actor.sessionId !== sessionId) throw forbiddenSession();
    const { tenantId } = actor;
    const event: NewChatEvent = {
      type: 'text' in content ? 'message' : 'file',
      author: authorOf(actor),
      clientId,
      ...content,
      at: Date.now(),
    };
    return this.sessionQueue(sessionId, async () => {
      try {
        const result = await this.store.appendChatEvent(tenantId, sessionId, event, { open: true });
        const { state, agentId } = result.session;
        const target = eventTarget(sessionId, state, agentId, ['customer', 'agent']);
        if (!result.duplicate) this.publish(tenantId, target, { type: 'event', sessionId, event: result.event });
        return result;
      } catch (error) {
        if (error instanceof SessionEndedError) throw sessionEnded();
        if (error instanceof OverloadedError) throw overloaded();
        throw error;
      }
    });
  }

  /** Shares a file the same side uploaded to the same session. */
  async shareFile(actor: Actor, sessionId: string, clientId: string, fileId: string) {
    const file = await this.store.getLiveFile(fileId);
    if (!file || file.tenantId !== actor.tenantId || file.sessionId !== sessionId || file.uploadedBy.role !== actor.role) {
      throw new ApiError(404, 'file_not_found', `there is no file '${fileId}' in this session`);
    }
    return this.post(actor, sessionId, clientId, { file: await this.files.info(file) });
  }

  /** Relays typing to the other side (nothing is stored). */
  async typing(actor: Actor, sessionId: string, active: boolean) {
    const session = await this.writable(actor, sessionId);
    if (session.state === 'ended') return;
    this.relay(actor, session, { type: 'typing', sessionId, role: actor.role, active });
  }

  /** Remembers how far a side has read and tells the other side. */
  async seen(actor: Actor, sessionId: string, seq: number) {
    const session = await this.writable(actor, sessionId);
    const marks = await this.store.markSeen(session.tenantId, sessionId, actor.role, seq);
    this.relay(actor, session, { type: 'seen', sessionId, role: actor.role, seq: marks[actor.role] });
  }

  /** Ends a session (again: no change). Agents may end sessions that are theirs or nobody's. */
  end(actor: Actor, sessionId: string): Promise<LiveSession> {
    return this.tenantLock(actor.tenantId, async () => {
      const session = await this.sessionFor(actor, sessionId);
      if (session.state === 'ended') return this.view(session);
      if (actor.role === 'agent' && session.agent && session.agent.id !== actor.agent.id) {
        throw new ApiError(403, 'forbidden', 'another agent has this session');
      }
      const at = Date.now();
      const events: NewChatEvent[] = [];
      if (session.state === 'active' && session.agent) {
        events.push({ type: 'presence', author: { role: 'agent', ...session.agent }, presence: 'left', at });
      }
      events.push({ type: 'state', author: authorOf(actor), state: 'ended', at });
      const ended = await this.transition(session, {
        from: [session.state],
        set: { state: 'ended', endedAt: at, endedBy: actor.role },
        events,
      });
      await this.offers.clear(sessionId, true);
      await this.state.clearPassed(sessionId);
      await this.state.clearHandover(sessionId);
      await this.cobrowse.end(actor.tenantId, sessionId, 'chat_ended');
      if (session.agent) await this.state.setIdleSince(actor.tenantId, session.agent.id, at);
      await this.settle(actor.tenantId, [ended]);
      return this.view(ended);
    });
  }

  // -------------------------------------------------------------------------------------------
  // Agents

  /** Takes a session that is queued, offered to this agent, or a call found by its code. */
  accept(agent: AgentRecord, sessionId: string): Promise<LiveSession> {
    const { tenantId } = agent;
    return this.tenantLock(tenantId, async () => {
      const session = await this.store.getLiveSession(tenantId, sessionId);
      if (!session) throw sessionNotFound(sessionId);
      if (session.state === 'ended') throw sessionEnded();
      const mine = session.agent?.id === agent.id;
      if (session.state === 'active' && mine) return this.view(session);
      if (session.state === 'active' || (session.state === 'assigned' && !mine)) throw sessionTaken();
      const at = Date.now();
      const author = authorOf({ role: 'agent', tenantId, agent });
      const from: LiveState[] = [session.state];
      const accepted = await this.transition(
        session,
        {
          from,
          agentId: session.state === 'assigned' ? agent.id : null,
          set: { state: 'active', agentId: agent.id, acceptedAt: at },
          events: [
            { type: 'presence', author, presence: 'joined', at },
            { type: 'state', author, state: 'active', at },
          ],
        },
        // The agent's connections replay the whole session (what the customer wrote while
        // waiting included), then follow it.
        () => this.bus.publish({ tenantId, target: { to: 'agent', agentId: agent.id }, subscribe: { sessionId, since: 0 } }),
      );
      await this.offers.clear(sessionId, false);
      await this.state.clearPassed(sessionId);
      await this.state.clearHandover(sessionId);
      await this.state.setIdleSince(tenantId, agent.id, at);
      await this.settle(tenantId, [accepted]);
      return this.view(accepted);
    });
  }

  /** Sets an agent's status; away takes back the agent's offers. */
  setStatus(agent: AgentRecord, status: AgentStatus): Promise<AgentRecord> {
    const { tenantId } = agent;
    return this.tenantLock(tenantId, async () => {
      const updated = await this.store.setAgentStatus(tenantId, agent.id, status);
      if (!updated) throw new ApiError(404, 'agent_not_found', `there is no agent '${agent.id}'`);
      this.publish(tenantId, { to: 'agent', agentId: agent.id }, { type: 'status', status });
      await this.settle(tenantId, status === 'away' ? await this.offers.withdrawAll(tenantId, agent.id) : []);
      return updated;
    });
  }

  /**
   * An agent's first connection here opened (online) or last one here closed (offline: when no
   * other process holds one either, the agent's offers are taken back).
   */
  agentPresence(tenantId: string, agentId: string, online: boolean): Promise<void> {
    // Stopping, connections close: stop() told the shared state that this process's agents left.
    if (this.stopped) return Promise.resolve();
    return this.tenantLock(tenantId, async () => {
      if (this.stopped) return;
      if (online) await this.state.agentsHere([{ tenantId, agentId }]);
      const gone = !online && (await this.state.agentGone({ tenantId, agentId }));
      await this.settle(tenantId, gone ? await this.offers.withdrawAll(tenantId, agentId) : []);
    });
  }
}
