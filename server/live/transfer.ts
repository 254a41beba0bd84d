/**
 * Session transfer: an agent hands an active chat or call to another agent or back to a skill's
 * queue, with a note for the next agent; and the IVR assigns a waiting session, found by its
 * connection code, to an agent or a skill. The hub (hub.ts) owns the locks, offers and routing;
 * this module checks what is asked and drives them.
 *
 * What happens (docs: server/README.md, "Session transfer"):
 * - The session leaves the transferring agent at once: a `transfer` event (the customer is told
 *   they are being transferred) and the agent's `presence: left`, then it is queued again, in
 *   the target skill's queue for a transfer to a skill. It keeps its place by when the customer
 *   first asked, so a transferred customer is ahead of those who asked later.
 * - To an agent: offered to that agent at once, with the note, like any offer. If they let the
 *   offer pass (it times out, or they go away or offline), the session stays queued in its skill
 *   and goes to the next agent as any queued chat does (a call waits there to be found by its
 *   code, as calls do). The transferring agent is the last one it is offered to again.
 * - To a skill: queued there; routed to one of the skill's agents (the transferring agent last),
 *   who sees the note in the offer.
 * - Messages the customer sends meanwhile are stored as always; the agent who accepts replays
 *   the whole session, context and path activity included, like any agent who accepts.
 * All of it runs under the tenant's lock (shared between processes), like every other change of
 * offers, so a session is never offered to two agents at once nor accepted twice.
 */
import type { AgentConfig, LiveSession, TransferInfo, TransferTarget, TransferTargets } from '../../src/protocol/live.js';
import { ApiError } from '../errors.js';
import type { AgentRecord, LiveSessionRecord, SessionTransition, Store } from '../store/types.js';
import { readTenantConfig, toAgentConfig } from '../admin/config.js';
import type { CobrowseRelay } from './cobrowse.js';
import { availableAgents } from './queue.js';
import type { SharedState } from './state.js';

/** What the hub lends this module: its lock, its writes and its routing (all but `view` need the tenant lock held). */
export interface TransferHub {
  readonly store: Store;
  readonly state: SharedState;
  readonly cobrowse: CobrowseRelay;
  tenantLock<T>(tenantId: string, work: () => Promise<T>): Promise<T>;
  /** A transition that stores events and publishes them (throws `session_taken` when it does not apply). */
  transition(session: LiveSessionRecord, change: SessionTransition): Promise<LiveSessionRecord>;
  /** Offers a queued session to an agent; undefined when it is no longer queued. */
  offer(session: LiveSessionRecord, agentId: string): Promise<LiveSessionRecord | undefined>;
  /** Routes what can be routed and announces the changed sessions. */
  settle(tenantId: string, changed: LiveSessionRecord[]): Promise<void>;
  view(record: LiveSessionRecord): Promise<LiveSession>;
}

const transferDisabled = () => new ApiError(403, 'transfer_disabled', 'session transfer is turned off for this tenant');
const skillTransferDisabled = () => new ApiError(403, 'skill_transfer_disabled', "transfer to a skill's queue is turned off for this tenant");
const notActive = (state: string) => new ApiError(409, 'session_not_active', `only an active session can be transferred; this one is ${state}`);

export class Transfers {
  constructor(private readonly hub: TransferHub) {}

  /** The tenant's switches as agents see them. */
  async config(tenantId: string): Promise<AgentConfig> {
    return toAgentConfig(await readTenantConfig(this.hub.store, tenantId));
  }

  /** Where a session can go now: available, connected agents with their load; the skills when allowed. */
  async targets(tenantId: string): Promise<TransferTargets> {
    const { store, state } = this.hub;
    const [config, agents, loads, skills] = await Promise.all([
      this.config(tenantId),
      availableAgents(store, state, tenantId),
      store.agentLoads(tenantId),
      store.listSkills(tenantId),
    ]);
    return {
      agents: agents.map((a) => ({ id: a.id, name: a.name, skills: a.skills, load: loads.get(a.id) ?? 0, maxSessions: a.maxSessions })),
      skills: config.agentToSkillTransfer ? skills.map((s) => ({ id: s.id, name: s.name })) : [],
    };
  }

  /** Hands the agent's active session to another agent or a skill's queue (see the module's comment). */
  async transfer(agent: AgentRecord, sessionId: string, to: TransferTarget, note?: string): Promise<LiveSession> {
    const { tenantId } = agent;
    const config = await this.config(tenantId);
    if (!config.allowSessionTransfer) throw transferDisabled();
    if ('skill' in to && !config.agentToSkillTransfer) throw skillTransferDisabled();
    const { store, state } = this.hub;
    return this.hub.tenantLock(tenantId, async () => {
      const session = await store.getLiveSession(tenantId, sessionId);
      if (!session) throw new ApiError(404, 'session_not_found', `there is no session '${sessionId}'`);
      if (session.agent && session.agent.id !== agent.id) throw new ApiError(403, 'forbidden', 'this session is not yours');
      if (session.state !== 'active' || !session.agent) throw notActive(session.state);
      if ('agentId' in to && to.agentId === agent.id) throw new ApiError(400, 'invalid_request', 'the session is yours already');
      await this.checkTarget(tenantId, to);
      const at = Date.now();
      const from = { id: agent.id, name: agent.name };
      await state.putHandover(sessionId, { from, note: note?.trim() || null, at } satisfies TransferInfo);
      const author = { role: 'agent' as const, ...from };
      const queued = await this.hub.transition(session, {
        from: ['active'],
        agentId: agent.id,
        set: { state: 'queued', agentId: null, offeredAt: null, ...('skill' in to && { skill: to.skill }) },
        events: [
          { type: 'transfer', author, at },
          { type: 'presence', author, presence: 'left', at },
        ],
      });
      // Offered to the transferring agent again only once every other agent let it pass.
      await state.addPassed(sessionId, agent.id);
      await state.setIdleSince(tenantId, agent.id, at);
      await this.hub.cobrowse.end(tenantId, sessionId, 'agent');
      return this.moveOn(queued, to);
    });
  }

  /**
   * The IVR's assignment of a waiting session found by its code: to an agent (offered to them at
   * once) or to a skill (its queue). The tenant's switches are about agents' transfers and do not
   * apply; the target is checked as for a transfer.
   */
  async assign(tenantId: string, code: string, to: TransferTarget): Promise<LiveSession> {
    const { store, state } = this.hub;
    return this.hub.tenantLock(tenantId, async () => {
      const session = await store.findOpenSessionByCode(tenantId, code);
      if (!session) throw new ApiError(404, 'session_not_found', `no open session has the code ${code}`);
      if (session.state !== 'queued') {
        throw new ApiError(409, 'session_not_active', `only a waiting session can be assigned; this one is ${session.state}`);
      }
      await this.checkTarget(tenantId, to);
      await state.putHandover(session.id, { from: null, note: null, at: Date.now() });
      const queued =
        'skill' in to && to.skill !== session.skill
          ? await this.hub.transition(session, { from: ['queued'], agentId: null, set: { state: 'queued', skill: to.skill } })
          : session;
      return this.moveOn(queued, to);
    });
  }

  /** A queued session goes on: offered to the target agent, or routed in its skill. */
  private async moveOn(queued: LiveSessionRecord, to: TransferTarget) {
    const changed = [queued];
    if ('agentId' in to) {
      const offered = await this.hub.offer(queued, to.agentId);
      if (offered) changed.push(offered);
    }
    await this.hub.settle(queued.tenantId, changed);
    return this.hub.view((await this.hub.store.getLiveSession(queued.tenantId, queued.id))!);
  }

  /** The skill exists; the agent exists, is available, connected and below their maximum. */
  private async checkTarget(tenantId: string, to: TransferTarget) {
    const { store } = this.hub;
    if ('skill' in to) {
      if (!(await store.getSkill(tenantId, to.skill))) throw new ApiError(404, 'skill_not_found', `there is no skill '${to.skill}'`);
      return;
    }
    const target = await store.getAgent(tenantId, to.agentId);
    if (!target) throw new ApiError(404, 'agent_not_found', `there is no agent '${to.agentId}'`);
    const available = (await availableAgents(store, this.hub.state, tenantId)).some((a) => a.id === target.id);
    if (!available) throw new ApiError(409, 'agent_unavailable', `${target.name} is away or not connected`);
    const load = (await store.agentLoads(tenantId)).get(target.id) ?? 0;
    if (load >= target.maxSessions) throw new ApiError(409, 'agent_unavailable', `${target.name} has as many sessions as they can take (${target.maxSessions})`);
  }
}
