/**
 * The pure parts of routing: which agent a chat session is offered to, queue positions and the
 * wait estimate. The hub (hub.ts) feeds them what it knows and acts on the answers.
 */
import type { QueueStatus } from '../../src/protocol/live.js';

/** An agent who could take an offer now: connected and available. */
export interface Candidate {
  id: string;
  skills: readonly string[];
  maxSessions: number;
  /** Sessions the agent holds now (offered or active). */
  load: number;
  /** When the agent last got or finished a session (ms); 0 when never. */
  idleSince: number;
}

/** How many accepted sessions of a skill the wait estimate looks back on. */
export const WAIT_HISTORY = 20;

/** An agent serves a skill's queue when they have the skill; everyone serves the general queue (null). */
export const serves = (agent: { skills: readonly string[] }, skill: string | null) =>
  skill === null || agent.skills.includes(skill);

/**
 * The agent to offer a session to: of those who serve its skill and are below their maximum,
 * the ones who have not let this session pass yet (all of them again once everyone has), then
 * the fewest sessions, then the longest idle, then the id. `cycled` says that everyone had passed.
 */
export function pickAgent(
  candidates: readonly Candidate[],
  skill: string | null,
  passed: ReadonlySet<string>,
): { agent: Candidate; cycled: boolean } | undefined {
  const able = candidates.filter((a) => serves(a, skill) && a.load < a.maxSessions);
  if (!able.length) return undefined;
  const fresh = able.filter((a) => !passed.has(a.id));
  const pool = fresh.length ? fresh : able;
  const [agent] = [...pool].sort(
    (a, b) => a.load - b.load || a.idleSince - b.idleSince || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return { agent, cycled: fresh.length === 0 };
}

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Seconds until an agent picks up a session at `position`: the median time-to-accept of the
 * skill's recent sessions, times the position, divided by the agents available (at least 1).
 * Null without history.
 */
export function estimateWait(recentWaitsMs: readonly number[], position: number, agentsAvailable: number): number | null {
  const typical = median(recentWaitsMs);
  if (typical === null) return null;
  return Math.max(0, Math.round(((typical / 1000) * position) / Math.max(1, agentsAvailable)));
}

/** 1-based positions of waiting sessions within their skill's queue, oldest first. */
export function queuePositions(waiting: readonly { id: string; skill: string | null; createdAt: number }[]) {
  const sorted = [...waiting].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  const counts = new Map<string | null, number>();
  const positions = new Map<string, { skill: string | null; position: number }>();
  for (const s of sorted) {
    const position = (counts.get(s.skill) ?? 0) + 1;
    counts.set(s.skill, position);
    positions.set(s.id, { skill: s.skill, position });
  }
  return positions;
}

/** Queue status of every waiting session, from positions, each skill's history and agents. */
export function queueStatuses(
  positions: Map<string, { skill: string | null; position: number }>,
  history: Map<string | null, readonly number[]>,
  available: Map<string | null, number>,
): Map<string, QueueStatus> {
  const statuses = new Map<string, QueueStatus>();
  for (const [id, { skill, position }] of positions) {
    const agentsAvailable = available.get(skill) ?? 0;
    statuses.set(id, { position, waitSeconds: estimateWait(history.get(skill) ?? [], position, agentsAvailable), agentsAvailable });
  }
  return statuses;
}
