/** Store records as the wire models of live.ts. */
import type { Agent, LiveSession, QueueStatus } from '../../src/protocol/live.js';
import type { AgentRecord, LiveSessionRecord } from '../store/types.js';

export function toLiveSession(s: LiveSessionRecord, queue: QueueStatus | null): LiveSession {
  return {
    id: s.id,
    kind: s.kind,
    skill: s.skill,
    state: s.state,
    code: s.code,
    consumer: s.consumerKey,
    data: s.data,
    origin: s.origin,
    agent: s.agent,
    queue,
    lastSeq: s.lastSeq,
    createdAt: s.createdAt,
    acceptedAt: s.acceptedAt,
    endedAt: s.endedAt,
    endedBy: s.endedBy,
  };
}

export const toAgent = (a: AgentRecord): Agent => ({ id: a.id, name: a.name, skills: a.skills, status: a.status });

/** A chat session that waits for an agent (queued or offered) and so has a queue position. */
export const isWaiting = (s: Pick<LiveSessionRecord, 'kind' | 'state'>) =>
  s.kind === 'chat' && (s.state === 'queued' || s.state === 'assigned');
