/**
 * A tenant's queue as the store and the shared state know it now: the agents who could take a
 * chat, and the waiting chat sessions with the queue status of each (the rules are routing.ts's).
 */
import type { AgentRecord, Store } from '../store/types.js';
import { queuePositions, queueStatuses, serves, WAIT_HISTORY } from './routing.js';
import type { SharedState } from './state.js';

/** Most waiting sessions of a tenant that routing and queue positions look at. */
export const MAX_QUEUE = 5000;

/** Agents who are available and connected (to any process). */
export async function availableAgents(store: Store, state: SharedState, tenantId: string): Promise<AgentRecord[]> {
  const [agents, online] = await Promise.all([store.listAgents(tenantId), state.onlineAgents(tenantId)]);
  return agents.filter((a) => a.status === 'available' && online.has(a.id));
}

/** The tenant's waiting chat sessions (oldest first) and the queue status of each. */
export async function waitingQueue(store: Store, state: SharedState, tenantId: string) {
  const waiting = await store.listLiveSessions(tenantId, { states: ['queued', 'assigned'], kind: 'chat', order: 'oldest', limit: MAX_QUEUE });
  const skills = [...new Set(waiting.map((s) => s.skill))];
  const agents = skills.length ? await availableAgents(store, state, tenantId) : [];
  const history = new Map(
    await Promise.all(skills.map(async (skill) => [skill, await store.recentAcceptWaits(tenantId, skill, WAIT_HISTORY)] as const)),
  );
  const available = new Map(skills.map((skill) => [skill, agents.filter((a) => serves(a, skill)).length]));
  return { waiting, statuses: queueStatuses(queuePositions(waiting), history, available) };
}
