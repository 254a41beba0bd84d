/** Skills, agents, live sessions with their chat events and files, and the mail outbox in SQLite. */
import { randomInt } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { LiveState } from '../../../src/protocol/api.js';
import type { AgentStatus, ChatEvent, LiveKind, Role, SeenMarks } from '../../../src/protocol/live.js';
import { newId } from '../../ids.js';
import {
  ConflictError,
  InvalidInputError,
  SessionEndedError,
  type AgentRecord,
  type EventQuery,
  type LiveFileRecord,
  type LiveSessionRecord,
  type MailRecord,
  type OpenSessionCount,
  type NewAgent,
  type NewChatEvent,
  type NewLiveSession,
  type SessionFilter,
  type SessionRating,
  type SessionTransition,
  type SkillRecord,
} from '../types.js';
import { writeTransaction, type DB, type LiveEventsTable, type LiveSessionsTable } from './db.js';

/** How often a new session draws another code when the one drawn is taken by an open session. */
const CODE_ATTEMPTS = 50;

const parseJson = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

// ---------------------------------------------------------------------------------------------
// Skills and agents

const toSkill = (r: { tenant_id: string; id: string; name: string; created_at: number }): SkillRecord => ({
  tenantId: r.tenant_id,
  id: r.id,
  name: r.name,
  createdAt: r.created_at,
});

export async function createSkill(db: Kysely<DB>, tenantId: string, id: string, name: string): Promise<SkillRecord> {
  const row = { tenant_id: tenantId, id, name, created_at: Date.now() };
  const result = await db.insertInto('skills').values(row).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  if (!result.numInsertedOrUpdatedRows) throw new ConflictError(`tenant '${tenantId}' has a skill '${id}' already`);
  return toSkill(row);
}

export async function listSkills(db: Kysely<DB>, tenantId?: string): Promise<SkillRecord[]> {
  let query = db.selectFrom('skills').selectAll().orderBy('tenant_id').orderBy('id');
  if (tenantId !== undefined) query = query.where('tenant_id', '=', tenantId);
  return (await query.execute()).map(toSkill);
}

export async function getSkill(db: Kysely<DB>, tenantId: string, id: string) {
  const row = await db.selectFrom('skills').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return row && toSkill(row);
}

/** Agents with their skills: all, one tenant's, or one agent. */
async function loadAgents(db: Kysely<DB>, tenantId?: string, id?: string): Promise<AgentRecord[]> {
  let agents = db.selectFrom('agents').selectAll().orderBy('tenant_id').orderBy('name').orderBy('id');
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
  return rows.map((r) => ({
    tenantId: r.tenant_id,
    id: r.id,
    name: r.name,
    status: r.status as AgentStatus,
    maxSessions: r.max_sessions,
    skills: links.filter((l) => l.tenant_id === r.tenant_id && l.agent_id === r.id).map((l) => l.skill_id),
    createdAt: r.created_at,
  }));
}

export async function getAgent(db: Kysely<DB>, tenantId: string, id: string) {
  return (await loadAgents(db, tenantId, id))[0];
}

export const listAgents = (db: Kysely<DB>, tenantId?: string) => loadAgents(db, tenantId);

export function createAgent(db: Kysely<DB>, agent: NewAgent): Promise<AgentRecord> {
  const skills = [...new Set(agent.skills)];
  return writeTransaction(db, async (trx) => {
    const known = new Set(
      skills.length === 0
        ? []
        : (
            await trx
              .selectFrom('skills')
              .select('id')
              .where('tenant_id', '=', agent.tenantId)
              .where('id', 'in', skills)
              .execute()
          ).map((r) => r.id),
    );
    const missing = skills.findIndex((s) => !known.has(s));
    if (missing >= 0) throw new InvalidInputError(`tenant '${agent.tenantId}' has no skill '${skills[missing]}'`, `/skills/${missing}`);
    const id = agent.id ?? newId('agt');
    const inserted = await trx
      .insertInto('agents')
      .values({
        tenant_id: agent.tenantId,
        id,
        name: agent.name,
        status: agent.status ?? 'away',
        max_sessions: agent.maxSessions ?? 5,
        created_at: Date.now(),
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (!inserted.numInsertedOrUpdatedRows) throw new ConflictError(`tenant '${agent.tenantId}' has an agent '${id}' already`);
    if (skills.length) {
      await trx
        .insertInto('agent_skills')
        .values(skills.map((skill_id) => ({ tenant_id: agent.tenantId, agent_id: id, skill_id })))
        .execute();
    }
    return (await loadAgents(trx, agent.tenantId, id))[0];
  });
}

export async function setAgentStatus(db: Kysely<DB>, tenantId: string, id: string, status: AgentStatus) {
  const result = await db
    .updateTable('agents')
    .set({ status })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) ? getAgent(db, tenantId, id) : undefined;
}

export async function agentLoads(db: Kysely<DB>, tenantId: string): Promise<Map<string, number>> {
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

type SessionRow = Selectable<LiveSessionsTable> & { agent_name: string | null };

function toSession(r: SessionRow): LiveSessionRecord {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    kind: r.kind as LiveKind,
    skill: r.skill_id,
    state: r.state as LiveState,
    code: r.code,
    consumerKey: r.consumer_key,
    clientId: r.client_id,
    data: JSON.parse(r.data),
    origin: parseJson(r.origin),
    agent: r.agent_id === null ? null : { id: r.agent_id, name: r.agent_name ?? r.agent_id },
    createdAt: r.created_at,
    offeredAt: r.offered_at,
    acceptedAt: r.accepted_at,
    endedAt: r.ended_at,
    endedBy: r.ended_by as Role | null,
    lastSeq: r.last_seq,
    seen: { customer: r.seen_customer, agent: r.seen_agent },
    rating:
      r.rated_at === null
        ? null
        : { score: r.rating_score!, comment: r.rating_comment, survey: parseJson(r.rating_survey), at: r.rated_at },
    transcriptsSent: r.transcripts_sent,
  };
}

/** Sessions with their agent's name, of one tenant. */
const sessions = (db: Kysely<DB>, tenantId: string) =>
  db
    .selectFrom('live_sessions as s')
    .leftJoin('agents as a', (join) => join.onRef('a.tenant_id', '=', 's.tenant_id').onRef('a.id', '=', 's.agent_id'))
    .selectAll('s')
    .select('a.name as agent_name')
    .where('s.tenant_id', '=', tenantId);

export async function getLiveSession(db: Kysely<DB>, tenantId: string, id: string) {
  const row = await sessions(db, tenantId).where('s.id', '=', id).executeTakeFirst();
  return row && toSession(row);
}

export async function findOpenSessionByCode(db: Kysely<DB>, tenantId: string, code: string) {
  const row = await sessions(db, tenantId).where('s.code', '=', code).where('s.state', '<>', 'ended').executeTakeFirst();
  return row && toSession(row);
}

export async function listLiveSessions(db: Kysely<DB>, tenantId: string, filter: SessionFilter) {
  let query = sessions(db, tenantId);
  if (filter.states) query = query.where('s.state', 'in', filter.states.length ? filter.states : ['']);
  if (filter.kind) query = query.where('s.kind', '=', filter.kind);
  if (filter.skill !== undefined) {
    query = filter.skill === null ? query.where('s.skill_id', 'is', null) : query.where('s.skill_id', '=', filter.skill);
  }
  if (filter.agentId !== undefined) query = query.where('s.agent_id', '=', filter.agentId);
  for (const [key, value] of Object.entries(filter.data ?? {})) {
    // Keys are checked against the SessionData key pattern before they get here; the path is a bound value.
    query = query.where(sql<string>`json_extract(s.data, ${`$."${key}"`})`, '=', value);
  }
  const direction = filter.order === 'oldest' ? 'asc' : 'desc';
  const rows = await query.orderBy('s.created_at', direction).orderBy('s.id', direction).limit(filter.limit).execute();
  return rows.map(toSession);
}

export function createLiveSession(db: Kysely<DB>, s: NewLiveSession) {
  return writeTransaction(db, async (trx) => {
    const existing = await sessions(trx, s.tenantId)
      .where('s.consumer_key', '=', s.consumerKey)
      .where('s.client_id', '=', s.clientId)
      .executeTakeFirst();
    if (existing) return { session: toSession(existing), created: false };
    const id = newId('ses');
    for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      // The partial unique index refuses a code an open session of the tenant holds: draw again.
      const inserted = await trx
        .insertInto('live_sessions')
        .values({
          id,
          tenant_id: s.tenantId,
          kind: s.kind,
          skill_id: s.skill,
          state: 'queued',
          code: String(randomInt(0, 1_000_000)).padStart(6, '0'),
          consumer_key: s.consumerKey,
          client_id: s.clientId,
          data: JSON.stringify(s.data),
          origin: s.origin === null ? null : JSON.stringify(s.origin),
          agent_id: null,
          created_at: s.at,
          offered_at: null,
          accepted_at: null,
          ended_at: null,
          ended_by: null,
          rating_score: null,
          rating_comment: null,
          rating_survey: null,
          rated_at: null,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (inserted.numInsertedOrUpdatedRows) {
        return { session: toSession(await sessions(trx, s.tenantId).where('s.id', '=', id).executeTakeFirstOrThrow()), created: true };
      }
    }
    throw new Error('no free connection code was found');
  });
}

export function transitionLiveSession(db: Kysely<DB>, tenantId: string, id: string, transition: SessionTransition) {
  const { set } = transition;
  return writeTransaction(db, async (trx) => {
    let update = trx
      .updateTable('live_sessions')
      .set({
        state: set.state,
        ...(set.agentId !== undefined && { agent_id: set.agentId }),
        ...(set.offeredAt !== undefined && { offered_at: set.offeredAt }),
        ...(set.acceptedAt !== undefined && { accepted_at: set.acceptedAt }),
        ...(set.endedAt !== undefined && { ended_at: set.endedAt }),
        ...(set.endedBy !== undefined && { ended_by: set.endedBy }),
      })
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

export async function requeueOfferedSessions(db: Kysely<DB>): Promise<number> {
  const result = await db
    .updateTable('live_sessions')
    .set({ state: 'queued', agent_id: null, offered_at: null })
    .where('state', '=', 'assigned')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function recentAcceptWaits(db: Kysely<DB>, tenantId: string, skill: string | null, limit: number) {
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

export async function markSeen(db: Kysely<DB>, tenantId: string, id: string, role: 'customer' | 'agent', seq: number) {
  const column = role === 'customer' ? 'seen_customer' : 'seen_agent';
  const row = await db
    .updateTable('live_sessions')
    .set({ [column]: sql<number>`max(${sql.ref(column)}, min(${seq}, last_seq))` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .returning(['seen_customer', 'seen_agent'])
    .executeTakeFirst();
  return { customer: row?.seen_customer ?? 0, agent: row?.seen_agent ?? 0 } satisfies SeenMarks;
}

export function rateLiveSession(db: Kysely<DB>, tenantId: string, id: string, rating: SessionRating) {
  return writeTransaction(db, async (trx) => {
    const current = await getLiveSession(trx, tenantId, id);
    if (!current || current.state !== 'ended') return undefined;
    if (current.rating) throw new ConflictError('the session has been rated already');
    await trx
      .updateTable('live_sessions')
      .set({
        rating_score: rating.score,
        rating_comment: rating.comment,
        rating_survey: rating.survey === null ? null : JSON.stringify(rating.survey),
        rated_at: rating.at,
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    const event = await insertEvent(trx, tenantId, id, { type: 'rating', author: { role: 'customer' }, score: rating.score, at: rating.at });
    return { session: (await getLiveSession(trx, tenantId, id))!, event };
  });
}

export async function countTranscript(db: Kysely<DB>, tenantId: string, id: string, max: number) {
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

function toEvent(r: Selectable<LiveEventsTable>): ChatEvent {
  const event: ChatEvent = {
    seq: r.seq,
    type: r.type as ChatEvent['type'],
    author: {
      role: r.author_role as Role,
      ...(r.author_id !== null && { id: r.author_id }),
      ...(r.author_name !== null && { name: r.author_name }),
    },
    at: r.at,
  };
  if (r.client_id !== null) event.clientId = r.client_id;
  if (r.text !== null) event.text = r.text;
  if (r.file !== null) event.file = JSON.parse(r.file);
  if (r.presence !== null) event.presence = r.presence as ChatEvent['presence'];
  if (r.state !== null) event.state = r.state as LiveState;
  if (r.score !== null) event.score = r.score;
  return event;
}

/** Takes the session's next seq and stores the event under it; call inside a transaction. */
async function insertEvent(trx: Kysely<DB>, tenantId: string, sessionId: string, e: NewChatEvent): Promise<ChatEvent> {
  const { last_seq: seq } = await trx
    .updateTable('live_sessions')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', sessionId)
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  const row: Selectable<LiveEventsTable> = {
    session_id: sessionId,
    seq,
    tenant_id: tenantId,
    type: e.type,
    author_role: e.author.role,
    author_id: e.author.id ?? null,
    author_name: e.author.name ?? null,
    client_id: e.clientId ?? null,
    text: e.text ?? null,
    file: e.file === undefined ? null : JSON.stringify(e.file),
    presence: e.presence ?? null,
    state: e.state ?? null,
    score: e.score ?? null,
    at: e.at,
  };
  await trx.insertInto('live_events').values(row).execute();
  return toEvent(row);
}

export function appendChatEvent(
  db: Kysely<DB>,
  tenantId: string,
  sessionId: string,
  event: NewChatEvent,
  options: { open?: boolean } = {},
) {
  return writeTransaction(db, async (trx) => {
    if (event.clientId !== undefined) {
      const first = await trx
        .selectFrom('live_events')
        .selectAll()
        .where('session_id', '=', sessionId)
        .where('tenant_id', '=', tenantId)
        .where('author_role', '=', event.author.role)
        .where('client_id', '=', event.clientId)
        .executeTakeFirst();
      if (first) return { event: toEvent(first), duplicate: true };
    }
    const session = await trx
      .selectFrom('live_sessions')
      .select('state')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', sessionId)
      .executeTakeFirst();
    if (!session) throw new Error(`there is no session '${sessionId}'`);
    if (options.open && session.state === 'ended') throw new SessionEndedError('the session has ended');
    return { event: await insertEvent(trx, tenantId, sessionId, event), duplicate: false };
  });
}

export async function listChatEvents(db: Kysely<DB>, tenantId: string, sessionId: string, query: EventQuery) {
  let select = db.selectFrom('live_events').selectAll().where('session_id', '=', sessionId).where('tenant_id', '=', tenantId);
  if (query.before !== undefined) select = select.where('seq', '<', query.before);
  const forward = query.after !== undefined;
  if (forward) select = select.where('seq', '>', query.after!);
  const rows = await select
    .orderBy('seq', forward ? 'asc' : 'desc')
    .limit(query.limit + 1)
    .execute();
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  if (!forward) page.reverse();
  return { items: page.map(toEvent), more };
}

// ---------------------------------------------------------------------------------------------
// Files

export async function saveLiveFile(db: Kysely<DB>, file: LiveFileRecord, bytes: Uint8Array) {
  await db
    .insertInto('live_files')
    .values({
      id: file.id,
      tenant_id: file.tenantId,
      session_id: file.sessionId,
      name: file.name,
      type: file.type,
      size: file.size,
      bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      uploaded_by_role: file.uploadedBy.role,
      uploaded_by_id: file.uploadedBy.id,
      created_at: file.createdAt,
    })
    .execute();
}

export async function getLiveFile(db: Kysely<DB>, id: string) {
  const r = await db.selectFrom('live_files').selectAll().where('id', '=', id).executeTakeFirst();
  return (
    r && {
      id: r.id,
      tenantId: r.tenant_id,
      sessionId: r.session_id,
      name: r.name,
      type: r.type,
      size: r.size,
      uploadedBy: { role: r.uploaded_by_role as Role, id: r.uploaded_by_id },
      createdAt: r.created_at,
      bytes: r.bytes,
    }
  );
}

export async function countLiveFiles(db: Kysely<DB>, tenantId: string, sessionId: string) {
  const row = await db
    .selectFrom('live_files')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('session_id', '=', sessionId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---------------------------------------------------------------------------------------------
// Mail outbox

export async function queueMail(db: Kysely<DB>, mail: Omit<MailRecord, 'id' | 'sentAt'>): Promise<MailRecord> {
  const record: MailRecord = { ...mail, id: newId('mail'), sentAt: null };
  await db
    .insertInto('mail_outbox')
    .values({
      id: record.id,
      tenant_id: record.tenantId,
      to_address: record.to,
      subject: record.subject,
      body: record.body,
      created_at: record.createdAt,
      sent_at: null,
    })
    .execute();
  return record;
}

export async function listMail(db: Kysely<DB>, tenantId?: string): Promise<MailRecord[]> {
  let query = db.selectFrom('mail_outbox').selectAll().orderBy('created_at').orderBy('id');
  if (tenantId !== undefined) query = query.where('tenant_id', '=', tenantId);
  return (await query.execute()).map((r) => ({
    id: r.id,
    tenantId: r.tenant_id,
    to: r.to_address,
    subject: r.subject,
    body: r.body,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  }));
}

export async function markMailSent(db: Kysely<DB>, id: string, sentAt: number): Promise<void> {
  await db.updateTable('mail_outbox').set({ sent_at: sentAt }).where('id', '=', id).where('sent_at', 'is', null).execute();
}

// ---------------------------------------------------------------------------------------------
// Counts for the operator's metrics

export async function countOpenLiveSessions(db: Kysely<DB>): Promise<OpenSessionCount[]> {
  const rows = await db
    .selectFrom('live_sessions')
    .select((eb) => ['state', 'kind', eb.fn.countAll<number>().as('n'), eb.fn.min('created_at').as('oldest')])
    .where('state', '<>', 'ended')
    .groupBy(['state', 'kind'])
    .execute();
  return rows.map((r) => ({ state: r.state as LiveState, kind: r.kind as LiveKind, count: Number(r.n), oldestCreatedAt: Number(r.oldest) }));
}
