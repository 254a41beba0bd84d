/**
 * The agents (the live-help people; their sign-in accounts come separately): list with status
 * and current load, add, edit name, skills and maximum sessions, delete, issue an agent token.
 *
 * Deleting an agent is refused (409 `agent_busy`, with the count) while sessions are offered to
 * it or held by it: they would be left with nobody; session transfer will move them. A deleted
 * agent's tokens are revoked with it, so its open connections close; the sessions it served
 * keep its name.
 */
import { AgentCreate, AgentTokenCreate, AgentUpdate, type AgentDeleted, type AgentInfo, type AppTokenWithJwt } from '../../src/protocol/schemas.js';
import { issueAgentToken } from '../auth.js';
import { ApiError } from '../errors.js';
import type { AgentRecord, Store } from '../store/types.js';
import { audit, check, tenantFor, type AdminActor } from './kit.js';
import { toTokenInfo } from './tokens.js';

const toAgentInfo = (agent: AgentRecord, load: number): AgentInfo => ({
  id: agent.id,
  name: agent.name,
  status: agent.status,
  skills: agent.skills,
  maxSessions: agent.maxSessions,
  load,
  createdAt: agent.createdAt,
});

/** What the audit log keeps of an agent. */
const audited = (a: AgentRecord) => ({ id: a.id, name: a.name, skills: a.skills, maxSessions: a.maxSessions });

const notFound = (tenantId: string, id: string) => new ApiError(404, 'agent_not_found', `tenant '${tenantId}' has no agent '${id}'`);

/** The tenant's agents by name, with their status and the sessions they hold now. */
export async function listAgents(store: Store, actor: AdminActor, input: { tenantId: string }): Promise<{ items: AgentInfo[] }> {
  const tenantId = await tenantFor(store, actor, input.tenantId);
  const [agents, loads] = await Promise.all([store.listAgents(tenantId), store.agentLoads(tenantId)]);
  return { items: agents.map((a) => toAgentInfo(a, loads.get(a.id) ?? 0)) };
}

async function agentInfo(store: Store, tenantId: string, agent: AgentRecord): Promise<AgentInfo> {
  return toAgentInfo(agent, (await store.agentLoads(tenantId)).get(agent.id) ?? 0);
}

/** Adds an agent (away, at most 5 sessions unless said); a skill the tenant lacks is `invalid_request`. */
export async function createAgent(store: Store, actor: AdminActor, input: { tenantId: string; agent: unknown }): Promise<AgentInfo> {
  const body = check(AgentCreate, input.agent);
  const tenantId = await tenantFor(store, actor, input.tenantId);
  const agent = await store.createAgent({ tenantId, name: body.name, skills: body.skills ?? [], maxSessions: body.maxSessions });
  await audit(store, actor, { tenantId, action: 'agent.create', target: agent.id, after: audited(agent) });
  return toAgentInfo(agent, 0);
}

/** Edits name, skills (the whole list) or maximum sessions, in one transaction. */
export async function updateAgent(store: Store, actor: AdminActor, input: { tenantId: string; agentId: string; change: unknown }): Promise<AgentInfo> {
  const change = check(AgentUpdate, input.change);
  const tenantId = await tenantFor(store, actor, input.tenantId);
  const result = await store.updateAgent(tenantId, input.agentId, () => change);
  if (!result) throw notFound(tenantId, input.agentId);
  await audit(store, actor, { tenantId, action: 'agent.update', target: input.agentId, before: audited(result.before), after: audited(result.after) });
  return agentInfo(store, tenantId, result.after);
}

export async function deleteAgent(store: Store, actor: AdminActor, input: { tenantId: string; agentId: string }): Promise<AgentDeleted> {
  const tenantId = await tenantFor(store, actor, input.tenantId);
  const outcome = await store.deleteAgent(tenantId, input.agentId, Date.now());
  if (!outcome) throw notFound(tenantId, input.agentId);
  if (!outcome.deleted) {
    const n = outcome.openSessions;
    throw new ApiError(409, 'agent_busy', `agent '${input.agentId}' holds ${n} ${n === 1 ? 'session' : 'sessions'}: delete it when they have ended`);
  }
  await audit(store, actor, { tenantId, action: 'agent.delete', target: input.agentId, before: audited(outcome.record), after: { revokedTokens: outcome.affected } });
  return { agent: toAgentInfo(outcome.record, 0), revokedTokens: outcome.affected };
}

/** Issues a token that signs the agent in (until revoked, or `expiresAt`). */
export async function createAgentToken(store: Store, actor: AdminActor, input: { tenantId: string; agentId: string; token: unknown }): Promise<AppTokenWithJwt> {
  const { expiresAt } = check(AgentTokenCreate, input.token);
  const tenantId = await tenantFor(store, actor, input.tenantId);
  if (!(await store.getAgent(tenantId, input.agentId))) throw notFound(tenantId, input.agentId);
  const { token, jwt } = await issueAgentToken(store, { tenantId, agentId: input.agentId, expiresAt: expiresAt ?? null });
  await audit(store, actor, { tenantId, action: 'agent.token', target: input.agentId, after: { tokenId: token.id, expiresAt: token.expiresAt } });
  return { token: toTokenInfo(token), jwt };
}
