import { sql, type Kysely } from 'kysely';

/**
 * Analytics (PostgreSQL: 0011_analytics):
 * - `search_log`: one row per customer search (`GET /v1/search` with an application or session
 *   token): tenant, time, the normalised query text (at most 200 characters), how many results it
 *   found, and the consumer key the request named (null when none). Written in batches after the
 *   answers (server/search-log.ts).
 * - `path_activity.source`: where a path was opened from (`recommended`, `search`, `help-id`),
 *   on the `started` events that say it; null otherwise and for events recorded before.
 * - Indexes the analytics queries read by time (server/store/shared/analytics.ts): path activity,
 *   searches and transfer events of a tenant by time, covering the columns the queries read.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('search_log')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('at', 'integer', (c) => c.notNull())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('results', 'integer', (c) => c.notNull())
    .addColumn('consumer_key', 'text')
    .execute();
  await db.schema.createIndex('search_log_by_time').on('search_log').columns(['tenant_id', 'at', 'results', 'query']).execute();
  await db.schema.alterTable('path_activity').addColumn('source', 'text').execute();
  await db.schema
    .createIndex('path_activity_by_time')
    .on('path_activity')
    .columns(['tenant_id', 'at', 'event', 'path_id', 'step_id', 'consumer_id', 'source'])
    .execute();
  await db.schema.createIndex('live_events_by_type').on('live_events').columns(['tenant_id', 'type', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('live_events_by_type').execute();
  await db.schema.dropIndex('path_activity_by_time').execute();
  await sql`ALTER TABLE path_activity DROP COLUMN source`.execute(db);
  await db.schema.dropTable('search_log').execute();
}
