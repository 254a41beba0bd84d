/**
 * Admin > Operations > Skills: list, add, rename, delete, assign and unassign agents.
 *
 * Deleting a skill is refused (409 `skill_in_use`, with the count) while sessions wait in its
 * queue or are offered or served in it: moving waiting customers to another queue is session
 * transfer's to do, with the customer told. A deleted skill is taken off its agents; ended
 * sessions keep naming it (history), and adding it again brings the id back.
 */
import { SkillAgents, SkillCreate, SkillRename, type SkillDeleted, type SkillInfo } from '../../src/protocol/schemas.js';
import { ApiError } from '../errors.js';
import { ConflictError, type AgentRecord, type SkillRecord, type Store } from '../store/types.js';
import { audit, check, tenantFor, type AdminActor } from './kit.js';

const toSkillInfo = (skill: SkillRecord, agents: AgentRecord[], waiting: Map<string | null, number>): SkillInfo => ({
  id: skill.id,
  name: skill.name,
  createdAt: skill.createdAt,
  agents: agents.filter((a) => a.skills.includes(skill.id)).map((a) => a.id),
  waiting: waiting.get(skill.id) ?? 0,
});

/** Most queued sessions counted per tenant (a queue longer than this shows this many). */
const MAX_COUNTED = 10_000;

/** The sessions waiting in each queue of the tenant, by skill (null: the general queue). */
async function waitingBySkill(store: Store, tenantId: string): Promise<Map<string | null, number>> {
  const counts = new Map<string | null, number>();
  for (const s of await store.listLiveSessions(tenantId, { states: ['queued'], limit: MAX_COUNTED })) counts.set(s.skill, (counts.get(s.skill) ?? 0) + 1);
  return counts;
}

const notFound = (tenantId: string, id: string) => new ApiError(404, 'skill_not_found', `tenant '${tenantId}' has no skill '${id}'`);

/** The tenant's skills by id, each with its agents and the sessions waiting in it. */
export async function listSkills(store: Store, actor: AdminActor, input: { tenantId: string }): Promise<{ items: SkillInfo[] }> {
  const tenantId = await tenantFor(store, actor, input.tenantId);
  const [skills, agents, waiting] = await Promise.all([store.listSkills(tenantId), store.listAgents(tenantId), waitingBySkill(store, tenantId)]);
  return { items: skills.map((s) => toSkillInfo(s, agents, waiting)) };
}

/** One skill with its agents; 404 `skill_not_found` otherwise. */
async function skillInfo(store: Store, tenantId: string, id: string): Promise<SkillInfo> {
  const [skill, agents, waiting] = await Promise.all([store.getSkill(tenantId, id), store.listAgents(tenantId), waitingBySkill(store, tenantId)]);
  if (!skill) throw notFound(tenantId, id);
  return toSkillInfo(skill, agents, waiting);
}

export async function createSkill(store: Store, actor: AdminActor, input: { tenantId: string; skill: unknown }): Promise<SkillInfo> {
  const { id, name } = check(SkillCreate, input.skill);
  const tenantId = await tenantFor(store, actor, input.tenantId);
  let skill;
  try {
    skill = await store.createSkill(tenantId, id, name);
  } catch (error) {
    if (error instanceof ConflictError) throw new ApiError(409, 'skill_exists', error.message);
    throw error;
  }
  await audit(store, actor, { tenantId, action: 'skill.create', target: id, after: skill });
  return toSkillInfo(skill, [], new Map());
}

export async function renameSkill(store: Store, actor: AdminActor, input: { tenantId: string; skillId: string; change: unknown }): Promise<SkillInfo> {
  const { name } = check(SkillRename, input.change);
  const tenantId = await tenantFor(store, actor, input.tenantId);
  const before = await store.getSkill(tenantId, input.skillId);
  const after = before && (await store.renameSkill(tenantId, input.skillId, name));
  if (!before || !after) throw notFound(tenantId, input.skillId);
  await audit(store, actor, { tenantId, action: 'skill.rename', target: after.id, before: { name: before.name }, after: { name: after.name } });
  return skillInfo(store, tenantId, after.id);
}

export async function deleteSkill(store: Store, actor: AdminActor, input: { tenantId: string; skillId: string }): Promise<SkillDeleted> {
  const tenantId = await tenantFor(store, actor, input.tenantId);
  const before = await skillInfo(store, tenantId, input.skillId);
  const outcome = await store.deleteSkill(tenantId, input.skillId, Date.now());
  if (!outcome) throw notFound(tenantId, input.skillId);
  if (!outcome.deleted) {
    const n = outcome.openSessions;
    throw new ApiError(409, 'skill_in_use', `${n} ${n === 1 ? 'session is' : 'sessions are'} waiting or being served in skill '${input.skillId}': delete it when they have ended`);
  }
  await audit(store, actor, { tenantId, action: 'skill.delete', target: before.id, before: { ...before, agents: outcome.affected } });
  return { skill: { ...before, agents: outcome.affected }, unassignedAgents: outcome.affected };
}

/** Gives the skill to agents (`add`) or takes it from them; every agent must exist, else nothing changes. */
async function assign(store: Store, actor: AdminActor, input: { tenantId: string; skillId: string; agents: unknown }, add: boolean): Promise<SkillInfo> {
  const { agentIds } = check(SkillAgents, input.agents);
  const tenantId = await tenantFor(store, actor, input.tenantId);
  const before = await skillInfo(store, tenantId, input.skillId);
  const known = new Set((await store.listAgents(tenantId)).map((a) => a.id));
  const missing = agentIds.find((id) => !known.has(id));
  if (missing !== undefined) throw new ApiError(404, 'agent_not_found', `tenant '${tenantId}' has no agent '${missing}'`);
  for (const agentId of new Set(agentIds)) {
    await store.updateAgent(tenantId, agentId, (agent) => ({
      skills: add ? [...agent.skills, before.id] : agent.skills.filter((s) => s !== before.id),
    }));
  }
  const after = await skillInfo(store, tenantId, before.id);
  await audit(store, actor, { tenantId, action: add ? 'skill.assign' : 'skill.unassign', target: before.id, before: { agents: before.agents }, after: { agents: after.agents } });
  return after;
}

/** Assigns agents to a skill (those that have it already keep it). */
export const assignAgents = (store: Store, actor: AdminActor, input: { tenantId: string; skillId: string; agents: unknown }) => assign(store, actor, input, true);

/** Takes a skill from agents (those without it are left as they are). */
export const unassignAgents = (store: Store, actor: AdminActor, input: { tenantId: string; skillId: string; agents: unknown }) => assign(store, actor, input, false);
