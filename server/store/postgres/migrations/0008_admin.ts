import { sql, type Kysely } from 'kysely';

/**
 * Administration (issue 12; SQLite: 0013_admin): the signing key of each token (`kid`, to show
 * its JWT again), deleted skills and agents kept for history (`deleted_at`), and the audit log of
 * every administrative change (`seq` orders it; indexes by tenant and by time).
 */
const text = sql`text COLLATE "C"`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('app_tokens').addColumn('kid', text).execute();
  await db.schema.alterTable('skills').addColumn('deleted_at', 'bigint').execute();
  await db.schema.alterTable('agents').addColumn('deleted_at', 'bigint').execute();
  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('tenant_id', text)
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_kind', text, (c) => c.notNull())
    .addColumn('actor_id', text)
    .addColumn('action', text, (c) => c.notNull())
    .addColumn('target', text, (c) => c.notNull())
    .addColumn('before', text)
    .addColumn('after', text)
    .execute();
  await db.schema.createIndex('audit_log_by_tenant').on('audit_log').columns(['tenant_id', 'seq']).execute();
  await db.schema.createIndex('audit_log_by_at').on('audit_log').column('at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_log').execute();
  await db.schema.alterTable('agents').dropColumn('deleted_at').execute();
  await db.schema.alterTable('skills').dropColumn('deleted_at').execute();
  await db.schema.alterTable('app_tokens').dropColumn('kid').execute();
}
