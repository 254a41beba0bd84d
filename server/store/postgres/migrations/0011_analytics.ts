import { sql, type Kysely } from 'kysely';
import { backfillWalks } from '../../shared/walks.js';

/**
 * Analytics (SQLite: 0016_analytics): the search log, where a path was opened from
 * (`path_activity.source`), the walks of paths (`path_walks`), and the indexes the analytics queries read by time. See the SQLite
 * migration for what each holds.
 */
const text = sql`text COLLATE "C"`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('search_log')
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('query', text, (c) => c.notNull())
    .addColumn('results', 'integer', (c) => c.notNull())
    .addColumn('consumer_key', text)
    .execute();
  await db.schema.createIndex('search_log_by_time').on('search_log').columns(['tenant_id', 'at', 'results', 'query']).execute();
  await db.schema.alterTable('path_activity').addColumn('source', text).execute();
  await db.schema
    .createTable('path_walks')
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('consumer_id', text, (c) => c.notNull().references('consumers.id').onDelete('cascade'))
    .addColumn('path_id', text, (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('source', text)
    .addColumn('last_step', text)
    .addColumn('last_at', 'bigint', (c) => c.notNull())
    .addColumn('outcome', text)
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
