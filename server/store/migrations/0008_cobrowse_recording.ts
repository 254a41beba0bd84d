import { sql, type Kysely } from 'kysely';

/**
 * Co-browse recording, off unless a tenant switches it on (`cobrowse set --recording on`):
 * a `recording` flag in the tenant's co-browse settings, one `cobrowse_recordings` row per
 * recorded co-browse (who asked, when it started and ended, why, how much was kept), and its
 * event parts in `cobrowse_recording_parts` exactly as they were relayed (the parts of batch
 * `seq`, joined in `part` order, are the JSON of an array of rrweb events). The customer's page
 * masked and blocked what it had to before sending, so nothing here holds a masked value.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('tenant_cobrowse_settings')
    .addColumn('recording', 'integer', (c) => c.notNull().defaultTo(0).check(sql`recording IN (0, 1)`))
    .execute();
  await db.schema
    .createTable('cobrowse_recordings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('live_sessions.id').onDelete('cascade'))
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('agent_name', 'text', (c) => c.notNull())
    .addColumn('started_at', 'integer', (c) => c.notNull())
    .addColumn('ended_at', 'integer')
    .addColumn('end_reason', 'text')
    .addColumn('chars', 'integer', (c) => c.notNull().defaultTo(0))
    /** 1 when the size cap was reached and later parts were not kept. */
    .addColumn('truncated', 'integer', (c) => c.notNull().defaultTo(0).check(sql`truncated IN (0, 1)`))
    .execute();
  await db.schema.createIndex('cobrowse_recordings_by_session').on('cobrowse_recordings').columns(['tenant_id', 'session_id', 'started_at']).execute();
  await db.schema
    .createTable('cobrowse_recording_parts')
    .addColumn('recording_id', 'text', (c) => c.notNull().references('cobrowse_recordings.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('part', 'integer', (c) => c.notNull())
    .addColumn('parts', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('cobrowse_recording_parts_pk', ['recording_id', 'seq', 'part'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('cobrowse_recording_parts').execute();
  await db.schema.dropTable('cobrowse_recordings').execute();
  await db.schema.alterTable('tenant_cobrowse_settings').dropColumn('recording').execute();
}
