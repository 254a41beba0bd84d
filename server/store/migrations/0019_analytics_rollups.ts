import { sql, type Kysely } from 'kysely';
import { backfillRollups, createRollupTables, createRollupTriggers, dropRollups } from '../shared/rollups.js';
import { createFirsts, dropFirsts } from '../shared/deflection.js';

/**
 * Analytics roll-ups (PostgreSQL: 0014_analytics_rollups), server/store/shared/rollups.ts:
 * - `walk_rollups` (per tenant, bucket of 32 or 1 UTC days, path: views, resolved, escalated,
 *   opened from recommended, search, help-id), `stop_rollups` (per tenant, bucket, path, last
 *   step: walks stopped there), `no_result_rollups` (per tenant, bucket, query: searches that found
 *   nothing) and `analytics_slots` (per tenant, slot of 60 or 15 minutes: walks started, completed,
 *   searches, searches that found nothing). `width` is the bucket's days (or the slot's minutes),
 *   `bucket` the time divided by it.
 * - Filled from the walks and searches already stored, then kept by triggers on `path_walks` and
 *   `search_log` (insert, delete, update of the columns counted).
 * - `path_walks.prev_start`, `next_resolved`, `next_live` and the index `path_walks_firsts`, kept
 *   by triggers on `path_walks`, `live_sessions` and `consumer_keys`, for deflection
 *   (server/store/shared/deflection.ts).
 * - `live_sessions_analytics`: the sessions of a tenant by creation time, covering every column
 *   the live-help view reads, so a year of sessions is read from the index alone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createRollupTables(db, 'sqlite');
  await backfillRollups(db);
  await createRollupTriggers(db, 'sqlite');
  await createFirsts(db, 'sqlite');
  await sql`CREATE INDEX live_sessions_analytics ON live_sessions (tenant_id, created_at, kind, skill_id, accepted_at, ended_at, rating_score, rating_survey)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('live_sessions_analytics').execute();
  await dropFirsts(db, 'sqlite');
  await dropRollups(db, 'sqlite');
}
