import { sql, type Kysely } from 'kysely';
import { backfillRollups, createRollupTables, createRollupTriggers, dropRollups } from '../../shared/rollups.js';
import { createFirsts, dropFirsts } from '../../shared/deflection.js';

/**
 * Analytics roll-ups (SQLite: 0019_analytics_rollups): the same tables, filled the same way, kept
 * by PL/pgSQL trigger functions (`walk_counts`, `walk_stops`, `search_counts`). See the SQLite
 * migration for what each holds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createRollupTables(db, 'postgres');
  await backfillRollups(db);
  await createRollupTriggers(db, 'postgres');
  await createFirsts(db, 'postgres');
  await sql`CREATE INDEX live_sessions_analytics ON live_sessions (tenant_id, created_at, kind, skill_id, accepted_at, ended_at, rating_score) INCLUDE (rating_survey)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('live_sessions_analytics').execute();
  await dropFirsts(db, 'postgres');
  await dropRollups(db, 'postgres');
}
