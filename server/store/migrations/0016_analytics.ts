import { sql, type Kysely } from 'kysely';
import { backfillWalks } from '../shared/walks.js';

/**
 * Analytics (PostgreSQL: 0011_analytics):
 * - `search_log`: one row per customer search (`GET /v1/search` with an application or session
 *   token): tenant, time, the normalised query text (at most 200 characters), how many results it
 *   found, and the consumer key the request named (null when none). Written in batches after the
 *   answers (server/search-log.ts).
 * - `path_activity.source`: where a path was opened from (`recommended`, `search`, `help-id`),
 *   on the `started` events that say it; null otherwise and for events recorded before.
 * - `path_walks`: one row per walk of a path (a `started` event and what followed until the
 *   consumer's next start of it): where it was opened from, its outcome, the last step shown
 *   (server/store/shared/walks.ts keeps it up to date; the activity recorded before is walked here).
 * - Indexes the analytics queries read by time (server/store/shared/analytics.ts): walks,
 *   searches and transfer events of a tenant, covering the columns the queries read.
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
    .createTable('path_walks')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('consumer_id', 'text', (c) => c.notNull().references('consumers.id').onDelete('cascade'))
    .addColumn('path_id', 'text', (c) => c.notNull())
    .addColumn('started_at', 'integer', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('last_step', 'text')
    .addColumn('last_at', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addPrimaryKeyConstraint('path_walks_pk', ['tenant_id', 'consumer_id', 'path_id', 'started_at'])
    .execute();
  await db.schema
    .createIndex('path_walks_by_start')
    .on('path_walks')
    .columns(['tenant_id', 'started_at', 'path_id', 'outcome', 'source', 'last_step', 'consumer_id'])
    .execute();
  await backfillWalks(db);
  await db.schema.createIndex('live_events_by_type').on('live_events').columns(['tenant_id', 'type', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('path_walks').execute();
  await db.schema.dropIndex('live_events_by_type').execute();
  await sql`ALTER TABLE path_activity DROP COLUMN source`.execute(db);
  await db.schema.dropTable('search_log').execute();
}
