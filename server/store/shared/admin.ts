/**
 * Administration for both stores: renaming and deleting skills, changing and deleting agents,
 * and the audit log. Deleted skills and agents keep their rows (`deleted_at`), because the
 * sessions that name them keep their foreign keys and their history; live.ts leaves them out.
 */
import type { AgentChange, AgentRecord, AuditQuery, AuditRecord, DeleteOutcome, NewAuditRecord, SkillRecord } from '../types.js';
import type { Db, Dialect } from './engine.js';
import { checkSkills, getSkill, knownSkills, loadAgents } from './live.js';

/** Open sessions (not ended) of a tenant that match a column. */
async function openSessions(db: Db, tenantId: string, column: 'skill_id' | 'agent_id', value: string): Promise<number> {
  const row = await db
    .selectFrom('live_sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where(column, '=', value)
    .where('state', '<>', 'ended')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function renameSkill(db: Db, tenantId: string, id: string, name: string): Promise<SkillRecord | undefined> {
  const result = await db.updateTable('skills').set({ name }).where('tenant_id', '=', tenantId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) ? getSkill(db, tenantId, id) : undefined;
}

export function deleteSkill(db: Db, dialect: Dialect, tenantId: string, id: string, at: number): Promise<DeleteOutcome<SkillRecord> | undefined> {
  return dialect.write(db, async (trx) => {
    await dialect.lock(trx, 'skill', tenantId, id);
    const skill = await getSkill(trx, tenantId, id);
    if (!skill) return undefined;
    const open = await openSessions(trx, tenantId, 'skill_id', id);
    if (open) return { deleted: false, openSessions: open };
    const links = await trx.deleteFrom('agent_skills').where('tenant_id', '=', tenantId).where('skill_id', '=', id).returning('agent_id').execute();
    await trx.updateTable('skills').set({ deleted_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
    return { deleted: true, record: skill, affected: links.map((l) => l.agent_id).sort() };
  });
}

export function updateAgent(
  db: Db,
  dialect: Dialect,
  tenantId: string,
  id: string,
  change: (current: AgentRecord) => AgentChange,
): Promise<{ before: AgentRecord; after: AgentRecord } | undefined> {
  return dialect.write(db, async (trx) => {
    await dialect.lock(trx, 'agent', tenantId, id);
    const [before] = await loadAgents(trx, tenantId, id);
    if (!before) return undefined;
    const { name, maxSessions, skills } = change(before);
    if (name !== undefined || maxSessions !== undefined) {
      await trx
        .updateTable('agents')
        .set({ ...(name !== undefined && { name }), ...(maxSessions !== undefined && { max_sessions: maxSessions }) })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    }
    if (skills !== undefined) {
      const wanted = [...new Set(skills)];
      checkSkills(tenantId, wanted, new Set(wanted.length ? await knownSkills(trx, tenantId, wanted) : []));
      await trx.deleteFrom('agent_skills').where('tenant_id', '=', tenantId).where('agent_id', '=', id).execute();
      if (wanted.length) {
        await trx.insertInto('agent_skills').values(wanted.map((skill_id) => ({ tenant_id: tenantId, agent_id: id, skill_id }))).execute();
      }
    }
    const [after] = await loadAgents(trx, tenantId, id);
    return { before, after };
  });
}

export function deleteAgent(db: Db, dialect: Dialect, tenantId: string, id: string, at: number): Promise<DeleteOutcome<AgentRecord> | undefined> {
  return dialect.write(db, async (trx) => {
    await dialect.lock(trx, 'agent', tenantId, id);
    const [agent] = await loadAgents(trx, tenantId, id);
    if (!agent) return undefined;
    const open = await openSessions(trx, tenantId, 'agent_id', id);
    if (open) return { deleted: false, openSessions: open };
    const tokens = await trx
      .updateTable('app_tokens')
      .set({ revoked_at: at })
      .where('tenant_id', '=', tenantId)
      .where('agent_id', '=', id)
      .where('revoked_at', 'is', null)
      .returning('id')
      .execute();
    await trx.deleteFrom('agent_skills').where('tenant_id', '=', tenantId).where('agent_id', '=', id).execute();
    await trx.updateTable('agents').set({ deleted_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
    return { deleted: true, record: agent, affected: tokens.map((t) => t.id).sort() };
  });
}

// ---------------------------------------------------------------------------------------------
// The audit log

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

export async function appendAudit(db: Db, record: NewAuditRecord): Promise<AuditRecord> {
  const row = await db
    .insertInto('audit_log')
    .values({
      tenant_id: record.tenantId,
      at: record.at,
      actor_kind: record.actor.kind,
      actor_id: record.actor.id,
      action: record.action,
      target: record.target,
      before: json(record.before),
      after: json(record.after),
    })
    .returning('seq')
    .executeTakeFirstOrThrow();
  return { ...record, before: record.before ?? null, after: record.after ?? null, seq: Number(row.seq) };
}

export async function listAudit(db: Db, query: AuditQuery): Promise<AuditRecord[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (query.tenantId !== undefined) q = q.where('tenant_id', '=', query.tenantId);
  if (query.actorKind !== undefined) q = q.where('actor_kind', '=', query.actorKind);
  if (query.actorId !== undefined) q = q.where('actor_id', '=', query.actorId);
  if (query.action !== undefined) q = q.where('action', '=', query.action);
  if (query.target !== undefined) q = q.where('target', '=', query.target);
  if (query.since !== undefined) q = q.where('at', '>=', query.since);
  if (query.until !== undefined) q = q.where('at', '<', query.until);
  if (query.beforeSeq !== undefined) q = q.where('seq', '<', query.beforeSeq);
  const rows = await q.orderBy('seq', 'desc').limit(query.limit).execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    tenantId: r.tenant_id,
    at: r.at,
    actor: { kind: r.actor_kind as AuditRecord['actor']['kind'], id: r.actor_id },
    action: r.action,
    target: r.target,
    before: r.before === null ? null : JSON.parse(r.before),
    after: r.after === null ? null : JSON.parse(r.after),
  }));
}

