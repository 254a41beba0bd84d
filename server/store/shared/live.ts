/**
 * Live help's storage for both stores: skills, agents, live sessions with their chat events and
 * files; the rules (defaults, checks, codes, paging) and the queries.
 *
 * Several server processes may share a PostgreSQL database:
 *
 * - State changes are conditional updates (`UPDATE … WHERE state IN (…)`): of two processes that
 *   accept the same offer, one changes the row and the other finds it changed.
 * - An event's seq is the session's `last_seq` incremented in the event's transaction; the row
 *   lock that takes orders the events of a session, so no two ever get the same seq.
 * - The writers that read before they write (append with its duplicate check, rating) lock the
 *   session row first (Dialect.lockRow). SQLite's write transactions exclude each other anyway.
 */
import { randomInt } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { LiveState } from '../../../src/protocol/api.js';
import type { AgentStatus, ChatEvent, SeenMarks } from '../../../src/protocol/live.js';
import { newId } from '../../ids.js';
import {
  ConflictError,
  InvalidInputError,
  SessionEndedError,
  type AgentRecord,
  type EventQuery,
  type LiveFileRecord,
  type OpenSessionCount,
  type NewAgent,
  type NewChatEvent,
  type NewLiveSession,
  type SessionFilter,
  type SessionRating,
  type SessionTransition,
  type SkillRecord,
} from '../types.js';
import type { Db, Dialect } from './engine.js';
import { eventRow, fileRow, sessionRow, toAgents, toEvent, toFile, toSession, toSkill } from './rows.js';
import type { LiveEventsTable } from './tables.js';

/** How often a new session draws another code when the one drawn is taken by an open session. */
export const CODE_ATTEMPTS = 50;

/** A six-digit connection code. */
export const drawCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** The skills of a new agent, each once. */
export const agentSkills = (agent: NewAgent) => [...new Set(agent.skills)];

/** Throws for the first of `skills` the tenant does not have (`known`: the ones it has). */
export function checkSkills(tenantId: string, skills: string[], known: Set<string>): void {
  const missing = skills.findIndex((s) => !known.has(s));
  if (missing >= 0) throw new InvalidInputError(`tenant '${tenantId}' has no skill '${skills[missing]}'`, `/skills/${missing}`);
}

/** Which of `skills` the tenant has (deleted ones not). */
export async function knownSkills(db: Db, tenantId: string, skills: string[]): Promise<string[]> {
  const rows = await db.selectFrom('skills').select('id').where('tenant_id', '=', tenantId).where('id', 'in', skills).where('deleted_at', 'is', null).execute();
  return rows.map((r) => r.id);
}

/** The row of a new agent, with its defaults (away, five sessions at most). */
export const agentRow = (agent: NewAgent, id: string, now: number) => ({
  tenant_id: agent.tenantId,
  id,
  name: agent.name,
  status: agent.status ?? 'away',
  max_sessions: agent.maxSessions ?? 5,
  created_at: now,
});

/** The columns a transition sets. */
export const transitionRow = ({ set }: SessionTransition) => ({
  state: set.state,
  ...(set.agentId !== undefined && { agent_id: set.agentId }),
  ...(set.skill !== undefined && { skill_id: set.skill }),
  ...(set.offeredAt !== undefined && { offered_at: set.offeredAt }),
  ...(set.acceptedAt !== undefined && { accepted_at: set.acceptedAt }),
  ...(set.endedAt !== undefined && { ended_at: set.endedAt }),
  ...(set.endedBy !== undefined && { ended_by: set.endedBy }),
});

/** The columns a rating sets. */
export const ratingRow = (rating: SessionRating) => ({
  rating_score: rating.score,
  rating_comment: rating.comment,
  rating_survey: rating.survey === null ? null : JSON.stringify(rating.survey),
  rated_at: rating.at,
});

/** The event a rating appends. */
export const ratingEvent = (rating: SessionRating) => ({ type: 'rating' as const, author: { role: 'customer' as const }, score: rating.score, at: rating.at });

/**
 * A page of events from the rows a store read for `query`: at most `limit + 1` rows, ascending
 * after `after`, else descending (the last `limit` before `before`).
 */
export function eventPage(rows: Selectable<LiveEventsTable>[], query: EventQuery): { items: ChatEvent[]; more: boolean } {
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  if (query.after === undefined) page.reverse();
  return { items: page.map(toEvent), more };
}

/** Whether an event query reads forward (after a seq) or backward (the last ones). */
export const isForward = (query: EventQuery) => query.after !== undefined;

// ---------------------------------------------------------------------------------------------
// Skills and agents

/** A new skill, or a deleted one with the same id made again (admin.ts keeps deleted skills). */
export async function createSkill(db: Db, tenantId: string, id: string, name: string): Promise<SkillRecord> {
  const row = { tenant_id: tenantId, id, name, created_at: Date.now() };
  const result = await db
    .insertInto('skills')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'id'])
        .doUpdateSet({ name, created_at: row.created_at, deleted_at: null })
        .where('skills.deleted_at', 'is not', null),
    )
    .executeTakeFirst();
  if (!Number(result.numInsertedOrUpdatedRows)) throw new ConflictError(`tenant '${tenantId}' has a skill '${id}' already`);
  return toSkill({ ...row, deleted_at: null });
}

export async function listSkills(db: Db, tenantId?: string): Promise<SkillRecord[]> {
  let query = db.selectFrom('skills').selectAll().where('deleted_at', 'is', null).orderBy('tenant_id').orderBy('id');
  if (tenantId !== undefined) query = query.where('tenant_id', '=', tenantId);
  return (await query.execute()).map(toSkill);
}

export async function getSkill(db: Db, tenantId: string, id: string) {
  const row = await db
    .selectFrom('skills')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row && toSkill(row);
}

/** Agents with their skills (deleted ones never): all, one tenant's, or one agent. */
export async function loadAgents(db: Db, tenantId?: string, id?: string): Promise<AgentRecord[]> {
  let agents = db.selectFrom('agents').selectAll().where('deleted_at', 'is', null).orderBy('tenant_id').orderBy('name').orderBy('id');
  let skills = db.selectFrom('agent_skills').selectAll().orderBy('skill_id');
  if (tenantId !== undefined) {
    agents = agents.where('tenant_id', '=', tenantId);
    skills = skills.where('tenant_id', '=', tenantId);
  }
  if (id !== undefined) {
    agents = agents.where('id', '=', id);
    skills = skills.where('agent_id', '=', id);
  }
  const [rows, links] = await Promise.all([agents.execute(), skills.execute()]);
  return toAgents(rows, links);
}

export async function getAgent(db: Db, tenantId: string, id: string) {
  return (await loadAgents(db, tenantId, id))[0];
}

export const listAgents = (db: Db, tenantId?: string) => loadAgents(db, tenantId);

export function createAgent(db: Db, dialect: Dialect, agent: NewAgent): Promise<AgentRecord> {
  const skills = agentSkills(agent);
  return dialect.write(db, async (trx) => {
    const known = new Set(
      skills.length === 0
        ? []
        : await knownSkills(trx, agent.tenantId, skills),
    );
    checkSkills(agent.tenantId, skills, known);
    const id = agent.id ?? newId('agt');
    const inserted = await trx.insertInto('agents').values(agentRow(agent, id, Date.now())).onConflict((oc) => oc.doNothing()).executeTakeFirst();
    if (!Number(inserted.numInsertedOrUpdatedRows)) throw new ConflictError(`tenant '${agent.tenantId}' has an agent '${id}' already`);
    if (skills.length) {
      await trx
        .insertInto('agent_skills')
        .values(skills.map((skill_id) => ({ tenant_id: agent.tenantId, agent_id: id, skill_id })))
        .execute();
    }
    return (await loadAgents(trx, agent.tenantId, id))[0];
  });
}

export async function setAgentStatus(db: Db, tenantId: string, id: string, status: AgentStatus) {
  const result = await db.updateTable('agents').set({ status }).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) ? getAgent(db, tenantId, id) : undefined;
}

export async function agentLoads(db: Db, tenantId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('live_sessions')
    .select(['agent_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', tenantId)
    .where('state', 'in', ['assigned', 'active'])
    .where('agent_id', 'is not', null)
    .groupBy('agent_id')
    .execute();
  return new Map(rows.map((r) => [r.agent_id!, Number(r.n)]));
}

// ---------------------------------------------------------------------------------------------
// Sessions

/** Sessions with their agent's name, of one tenant. */
const sessions = (db: Db, tenantId: string) =>
  db
    .selectFrom('live_sessions as s')
    .leftJoin('agents as a', (join) => join.onRef('a.tenant_id', '=', 's.tenant_id').onRef('a.id', '=', 's.agent_id'))
    .selectAll('s')
    .select('a.name as agent_name')
    .where('s.tenant_id', '=', tenantId);

export async function getLiveSession(db: Db, tenantId: string, id: string) {
  const row = await sessions(db, tenantId).where('s.id', '=', id).executeTakeFirst();
  return row && toSession(row);
}

export async function findOpenSessionByCode(db: Db, tenantId: string, code: string) {
  const row = await sessions(db, tenantId).where('s.code', '=', code).where('s.state', '<>', 'ended').executeTakeFirst();
  return row && toSession(row);
}

export async function listLiveSessions(db: Db, dialect: Dialect, tenantId: string, filter: SessionFilter) {
  let query = sessions(db, tenantId);
  if (filter.states) query = query.where('s.state', 'in', filter.states.length ? filter.states : ['']);
  if (filter.kind) query = query.where('s.kind', '=', filter.kind);
  if (filter.skill !== undefined) {
    query = filter.skill === null ? query.where('s.skill_id', 'is', null) : query.where('s.skill_id', '=', filter.skill);
  }
  if (filter.agentId !== undefined) query = query.where('s.agent_id', '=', filter.agentId);
  for (const [key, value] of Object.entries(filter.data ?? {})) {
    // Keys are checked against the SessionData key pattern before they get here; they are bound values.
    query = query.where(dialect.jsonText('s.data', key), '=', value);
  }
  const direction = filter.order === 'oldest' ? 'asc' : 'desc';
  const rows = await query.orderBy('s.created_at', direction).orderBy('s.id', direction).limit(filter.limit).execute();
  return rows.map(toSession);
}

/** The session a consumer asked for with this idempotency key, if any. */
const byRequest = (db: Db, s: NewLiveSession) =>
  sessions(db, s.tenantId).where('s.consumer_key', '=', s.consumerKey).where('s.client_id', '=', s.clientId).executeTakeFirst();

export function createLiveSession(db: Db, dialect: Dialect, s: NewLiveSession) {
  return dialect.groupWrite(db, async (trx) => {
    const existing = await byRequest(trx, s);
    if (existing) return { session: toSession(existing), created: false };
    const id = newId('ses');
    for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      // Two unique indexes may refuse the row: the request's (another process created it in the
      // meantime: that one is the answer) and the open sessions' codes (draw again).
      const inserted = await trx.insertInto('live_sessions').values(sessionRow(id, drawCode(), s)).onConflict((oc) => oc.doNothing()).executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows)) {
        return { session: toSession(await sessions(trx, s.tenantId).where('s.id', '=', id).executeTakeFirstOrThrow()), created: true };
      }
      const concurrent = await byRequest(trx, s);
      if (concurrent) return { session: toSession(concurrent), created: false };
    }
    throw new Error('no free connection code was found');
  });
}

export function transitionLiveSession(db: Db, dialect: Dialect, tenantId: string, id: string, transition: SessionTransition) {
  return dialect.groupWrite(db, async (trx) => {
    let update = trx
      .updateTable('live_sessions')
      .set(transitionRow(transition))
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('state', 'in', transition.from);
    if (transition.agentId === null) update = update.where('agent_id', 'is', null);
    else if (transition.agentId !== undefined) update = update.where('agent_id', '=', transition.agentId);
    const result = await update.executeTakeFirst();
    if (!Number(result.numUpdatedRows)) return undefined;
    const events: ChatEvent[] = [];
    for (const event of transition.events ?? []) events.push(await insertEvent(trx, tenantId, id, event));
    return { session: toSession(await sessions(trx, tenantId).where('s.id', '=', id).executeTakeFirstOrThrow()), events };
  });
}

export async function requeueOfferedSessions(db: Db): Promise<number> {
  const result = await db
    .updateTable('live_sessions')
    .set({ state: 'queued', agent_id: null, offered_at: null })
    .where('state', '=', 'assigned')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function recentAcceptWaits(db: Db, tenantId: string, skill: string | null, limit: number) {
  let query = db
    .selectFrom('live_sessions')
    .select(sql<number>`accepted_at - created_at`.as('wait'))
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', 'chat')
    .where('accepted_at', 'is not', null);
  query = skill === null ? query.where('skill_id', 'is', null) : query.where('skill_id', '=', skill);
  const rows = await query.orderBy('accepted_at', 'desc').limit(limit).execute();
  return rows.map((r) => Number(r.wait));
}

export async function markSeen(db: Db, dialect: Dialect, tenantId: string, id: string, role: 'customer' | 'agent', seq: number) {
  const column = role === 'customer' ? 'seen_customer' : 'seen_agent';
  const row = await db
    .updateTable('live_sessions')
    .set({ [column]: dialect.greatest(sql.ref(column), dialect.least(sql.val(seq), sql.ref('last_seq'))) })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .returning(['seen_customer', 'seen_agent'])
    .executeTakeFirst();
  return { customer: row?.seen_customer ?? 0, agent: row?.seen_agent ?? 0 } satisfies SeenMarks;
}

export function rateLiveSession(db: Db, dialect: Dialect, tenantId: string, id: string, rating: SessionRating) {
  return dialect.write(db, async (trx) => {
    await dialect.lockRow(trx, 'live_sessions', tenantId, id);
    const current = await getLiveSession(trx, tenantId, id);
    if (!current || current.state !== 'ended') return undefined;
    if (current.rating) throw new ConflictError('the session has been rated already');
    await trx.updateTable('live_sessions').set(ratingRow(rating)).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
    const event = await insertEvent(trx, tenantId, id, ratingEvent(rating));
    return { session: (await getLiveSession(trx, tenantId, id))!, event };
  });
}

export async function countTranscript(db: Db, tenantId: string, id: string, max: number) {
  const result = await db
    .updateTable('live_sessions')
    .set((eb) => ({ transcripts_sent: eb('transcripts_sent', '+', 1) }))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('transcripts_sent', '<', max)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

// ---------------------------------------------------------------------------------------------
// Chat events

/** The update that takes a session's next seq (locking its row): answers it, and the session's state and agent. */
const nextSeq = (trx: Db, tenantId: string, sessionId: string) =>
  trx
    .updateTable('live_sessions')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', sessionId)
    .returning(['last_seq', 'state', 'agent_id']);

async function storeEvent(trx: Db, tenantId: string, sessionId: string, seq: number, e: NewChatEvent): Promise<ChatEvent> {
  const row = eventRow(tenantId, sessionId, seq, e);
  await trx.insertInto('live_events').values(row).execute();
  return toEvent(row);
}

/** Takes the session's next seq and stores the event under it; call inside a transaction. */
async function insertEvent(trx: Db, tenantId: string, sessionId: string, e: NewChatEvent): Promise<ChatEvent> {
  const { last_seq: seq } = await nextSeq(trx, tenantId, sessionId).executeTakeFirstOrThrow();
  return storeEvent(trx, tenantId, sessionId, seq, e);
}

/** A session's state and agent; throws when there is no such session. */
async function sessionState(trx: Db, tenantId: string, sessionId: string) {
  const row = await trx.selectFrom('live_sessions').select(['state', 'agent_id']).where('tenant_id', '=', tenantId).where('id', '=', sessionId).executeTakeFirst();
  if (!row) throw new Error(`there is no session '${sessionId}'`);
  return { state: row.state as LiveState, agentId: row.agent_id };
}

export function appendChatEvent(
  db: Db,
  dialect: Dialect,
  tenantId: string,
  sessionId: string,
  event: NewChatEvent,
  options: { open?: boolean } = {},
) {
  return dialect.groupWrite(db, async (trx) => {
    // The session's lock first: a duplicate of this event sent to another process meanwhile is
    // either committed (and found below) or waits for this one.
    await dialect.lockRow(trx, 'live_sessions', tenantId, sessionId);
    if (event.clientId !== undefined) {
      const first = await trx
        .selectFrom('live_events')
        .selectAll()
        .where('session_id', '=', sessionId)
        .where('tenant_id', '=', tenantId)
        .where('author_role', '=', event.author.role)
        .where('client_id', '=', event.clientId)
        .executeTakeFirst();
      if (first) return { event: toEvent(first), duplicate: true, session: await sessionState(trx, tenantId, sessionId) };
    }
    // One statement checks the session (there, and open when `open` asks) and takes the seq.
    const update = nextSeq(trx, tenantId, sessionId);
    const taken = await (options.open ? update.where('state', '<>', 'ended') : update).executeTakeFirst();
    if (!taken) {
      await sessionState(trx, tenantId, sessionId);
      throw new SessionEndedError('the session has ended');
    }
    const session = { state: taken.state as LiveState, agentId: taken.agent_id };
    return { event: await storeEvent(trx, tenantId, sessionId, taken.last_seq, event), duplicate: false, session };
  });
}

export async function listChatEvents(db: Db, tenantId: string, sessionId: string, query: EventQuery) {
  let select = db.selectFrom('live_events').selectAll().where('session_id', '=', sessionId).where('tenant_id', '=', tenantId);
  if (query.before !== undefined) select = select.where('seq', '<', query.before);
  const forward = isForward(query);
  if (forward) select = select.where('seq', '>', query.after!);
  const rows = await select
    .orderBy('seq', forward ? 'asc' : 'desc')
    .limit(query.limit + 1)
    .execute();
  return eventPage(rows, query);
}

// ---------------------------------------------------------------------------------------------
// Files

export async function saveLiveFile(db: Db, file: LiveFileRecord, bytes: Uint8Array) {
  await db.insertInto('live_files').values(fileRow(file, bytes)).execute();
}

export async function getLiveFile(db: Db, id: string) {
  const r = await db.selectFrom('live_files').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toFile(r);
}

export async function countLiveFiles(db: Db, tenantId: string, sessionId: string) {
  const row = await db
    .selectFrom('live_files')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('session_id', '=', sessionId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---------------------------------------------------------------------------------------------
// Counts for the operator's metrics

export async function countOpenLiveSessions(db: Db): Promise<OpenSessionCount[]> {
  const rows = await db
    .selectFrom('live_sessions')
    .select((eb) => ['state', 'kind', eb.fn.countAll().as('n'), eb.fn.min('created_at').as('oldest')])
    .where('state', '<>', 'ended')
    .groupBy(['state', 'kind'])
    .execute();
  return rows.map((r) => ({
    state: r.state as OpenSessionCount['state'],
    kind: r.kind as OpenSessionCount['kind'],
    count: Number(r.n),
    oldestCreatedAt: Number(r.oldest),
  }));
}
