import { sql, type Kysely } from 'kysely';

/**
 * Administration (issue 12; PostgreSQL: 0008_admin):
 *
 * - `app_tokens.kid`: the signing key a token was signed with, so its JWT can be shown again
 *   (signed anew with the same key and claims, which gives the same text). Tokens made before
 *   have none: they were signed with the first key (keys are never rotated), see auth.ts.
 * - `skills.deleted_at`, `agents.deleted_at`: a deleted skill or agent is kept for the history of
 *   the sessions that name it (their foreign keys), and left out of every list and lookup.
 * - `audit_log`: every administrative change, newest last (`seq`), found by tenant and time, by
 *   actor, action and target through the filters of `listAudit`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('app_tokens').addColumn('kid', 'text').execute();
  await db.schema.alterTable('skills').addColumn('deleted_at', 'integer').execute();
  await db.schema.alterTable('agents').addColumn('deleted_at', 'integer').execute();
  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('tenant_id', 'text')
    .addColumn('at', 'integer', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .execute();
  await db.schema.createIndex('audit_log_by_tenant').on('audit_log').columns(['tenant_id', 'seq']).execute();
  await db.schema.createIndex('audit_log_by_at').on('audit_log').column('at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_log').execute();
  await sql`ALTER TABLE agents DROP COLUMN deleted_at`.execute(db);
  await sql`ALTER TABLE skills DROP COLUMN deleted_at`.execute(db);
  await sql`ALTER TABLE app_tokens DROP COLUMN kid`.execute(db);
}
