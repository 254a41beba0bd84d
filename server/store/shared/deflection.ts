/**
 * Deflection without grouping by consumer (migration SQLite 0019 / PostgreSQL 0014). Distinct
 * consumers cannot be summed from buckets, so every walk carries three times about its consumer,
 * kept by triggers in the transaction of every write that changes them:
 *
 * - `prev_start`: the start of the consumer's walk before this one (by start, then path id), or null;
 * - `next_resolved`: the first start, at or after this walk's, of a resolved walk of the consumer;
 * - `next_live`: the first live session of the consumer (its keys in `consumer_keys`) created at
 *   or after this walk's start.
 *
 * For a range `[F, T)`, a consumer's first walk in it is the one walk of theirs in it with
 * `prev_start` null or before F; they went to live help when `next_live < T` (a session in the
 * range at or after their first walk in it), and resolved when `next_resolved < T` and they did
 * not go (server/README.md, "Analytics"). So the view counts the range's walks through one
 * covering index (`path_walks_firsts`), with no grouping.
 *
 * The triggers recompute the three times of every walk of a consumer whose walks, keys or live
 * sessions change (a consumer has few walks): a walk added, removed, moved to another consumer
 * or given an outcome; a session created or removed; a key added, moved or removed.
 */
import { sql, type Kysely } from 'kysely';
import type { AnalyticsWindow } from '../analytics-types.js';
import type { Db } from './engine.js';
import { createTriggers, dropTriggers, type TriggerSpec } from './rollups.js';
import type { SelfHelpAnalytics } from '../../../src/protocol/analytics.js';

/**
 * The three times of every walk of the consumers a condition on `path_walks` selects. `CROSS JOIN`
 * makes SQLite read the consumer's keys first (and then their sessions by key), never the
 * tenant's sessions by time.
 */
const recompute = (where: string) => `UPDATE path_walks SET
  prev_start = (SELECT MAX(o.started_at) FROM path_walks o WHERE o.tenant_id = path_walks.tenant_id AND o.consumer_id = path_walks.consumer_id
    AND (o.started_at < path_walks.started_at OR (o.started_at = path_walks.started_at AND o.path_id < path_walks.path_id))),
  next_resolved = (SELECT MIN(o.started_at) FROM path_walks o WHERE o.tenant_id = path_walks.tenant_id AND o.consumer_id = path_walks.consumer_id
    AND o.outcome = 'resolved' AND o.started_at >= path_walks.started_at),
  next_live = (SELECT MIN(s.created_at) FROM consumer_keys k CROSS JOIN live_sessions s
    WHERE k.tenant_id = path_walks.tenant_id AND k.consumer_id = path_walks.consumer_id
    AND s.tenant_id = k.tenant_id AND s.consumer_key = k.key AND s.created_at >= path_walks.started_at)
  WHERE ${where}`;

const ofConsumer = (r: string, consumer = `${r}.consumer_id`) => recompute(`tenant_id = ${r}.tenant_id AND consumer_id = ${consumer}`);
const ofKey = (r: string) =>
  recompute(`tenant_id = ${r}.tenant_id AND consumer_id IN (SELECT k.consumer_id FROM consumer_keys k WHERE k.tenant_id = ${r}.tenant_id AND k.key = ${r}.consumer_key)`);

/** Per table: the columns whose change matters, and the statement for a row (added or taken away alike). */
const TRIGGERS: TriggerSpec[] = [
  { name: 'walk_firsts', table: 'path_walks', columns: ['tenant_id', 'consumer_id', 'path_id', 'started_at', 'outcome'], statements: (r) => [ofConsumer(r)] },
  { name: 'session_firsts', table: 'live_sessions', columns: ['tenant_id', 'consumer_key', 'created_at'], statements: (r) => [ofKey(r)] },
  { name: 'key_firsts', table: 'consumer_keys', columns: ['tenant_id', 'key', 'consumer_id'], statements: (r) => [ofConsumer(r)] },
];

/** Adds the columns and the indexes, fills them for the walks stored, and creates the triggers. */
export async function createFirsts(db: Kysely<unknown>, engine: 'sqlite' | 'postgres'): Promise<void> {
  for (const column of ['prev_start', 'next_resolved', 'next_live']) await db.schema.alterTable('path_walks').addColumn(column, 'bigint').execute();
  // What the recomputing reads: a consumer's walks by start, and a key's sessions by creation.
  await db.schema.createIndex('path_walks_by_consumer').on('path_walks').columns(['tenant_id', 'consumer_id', 'started_at', 'path_id', 'outcome']).execute();
  await db.schema.createIndex('live_sessions_by_key').on('live_sessions').columns(['tenant_id', 'consumer_key', 'created_at']).execute();
  await sql.raw(recompute('true')).execute(db);
  await db.schema.createIndex('path_walks_firsts').on('path_walks').columns(['tenant_id', 'started_at', 'prev_start', 'next_live', 'next_resolved']).execute();
  await createTriggers(db, engine, TRIGGERS);
}

/** Drops the triggers, the index and the columns (the migration's down). */
export async function dropFirsts(db: Kysely<unknown>, engine: 'sqlite' | 'postgres'): Promise<void> {
  await dropTriggers(db, engine, TRIGGERS);
  for (const index of ['path_walks_firsts', 'path_walks_by_consumer', 'live_sessions_by_key']) await db.schema.dropIndex(index).execute();
  for (const column of ['prev_start', 'next_resolved', 'next_live']) await db.schema.alterTable('path_walks').dropColumn(column).execute();
}

/**
 * Consumers who opened a path in the range; those who requested live help in the range at or
 * after the first (their consumer key named by the session); those who had one of these walks
 * resolve and did not.
 */
export async function deflectionOf(db: Db, tenantId: string, { from, to }: AnalyticsWindow): Promise<SelfHelpAnalytics['deflection']> {
  const { rows } = await sql<{ consumers: number; went: number | null; resolved: number | null }>`
    SELECT COUNT(*) AS consumers,
      SUM(CASE WHEN next_live < ${to} THEN 1 ELSE 0 END) AS went,
      SUM(CASE WHEN next_resolved < ${to} AND (next_live IS NULL OR next_live >= ${to}) THEN 1 ELSE 0 END) AS resolved
    FROM path_walks WHERE tenant_id = ${tenantId} AND started_at >= ${from} AND started_at < ${to} AND (prev_start IS NULL OR prev_start < ${from})`.execute(db);
  const consumers = Number(rows[0]?.consumers ?? 0);
  const wentToLive = Number(rows[0]?.went ?? 0);
  const resolved = Number(rows[0]?.resolved ?? 0);
  return { consumers, resolved, wentToLive, rate: resolved + wentToLive ? resolved / (resolved + wentToLive) : null };
}
