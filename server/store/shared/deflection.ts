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
 * The triggers change only the walks a write can change, so that a write costs about the same
 * however many walks the consumer has (recomputing all of them made a consumer's 400th walk take
 * seconds). For a walk added (or the new side of an update): its own three times; the walk after
 * it, whose previous walk it now is; and, when it is resolved, the walks before it whose next
 * resolved walk it now is. For a walk taken away (or the old side of an update): the walks whose
 * previous walk or next resolved walk it was, computed again. For a live session created: the
 * consumer's walks it is now the next session of; removed: those it was, computed again. A key
 * added, moved or removed (a merge): the consumer's next sessions, computed again.
 */
import { sql, type Kysely } from 'kysely';
import type { AnalyticsWindow } from '../analytics-types.js';
import type { Db } from './engine.js';
import { createTriggers, dropTriggers, type TriggerSpec } from './rollups.js';
import type { SelfHelpAnalytics } from '../../../src/protocol/analytics.js';

/** Each time of a walk (`path_walks`, unqualified), computed from the consumer's walks and sessions. */
const PREV_START = `(SELECT MAX(o.started_at) FROM path_walks o WHERE o.tenant_id = path_walks.tenant_id AND o.consumer_id = path_walks.consumer_id
    AND o.started_at <= path_walks.started_at AND (o.started_at < path_walks.started_at OR o.path_id < path_walks.path_id))`;
const NEXT_RESOLVED = `(SELECT MIN(o.started_at) FROM path_walks o WHERE o.tenant_id = path_walks.tenant_id AND o.consumer_id = path_walks.consumer_id
    AND o.outcome = 'resolved' AND o.started_at >= path_walks.started_at)`;
// `CROSS JOIN` makes SQLite read the consumer's keys first (and then their sessions by key), never the tenant's sessions by time.
const NEXT_LIVE = `(SELECT MIN(s.created_at) FROM consumer_keys k CROSS JOIN live_sessions s
    WHERE k.tenant_id = path_walks.tenant_id AND k.consumer_id = path_walks.consumer_id
    AND s.tenant_id = k.tenant_id AND s.consumer_key = k.key AND s.created_at >= path_walks.started_at)`;

/** The three times of the walks a condition on `path_walks` selects, computed again. */
const recompute = (where: string) => `UPDATE path_walks SET prev_start = ${PREV_START}, next_resolved = ${NEXT_RESOLVED}, next_live = ${NEXT_LIVE} WHERE ${where}`;

/** The walks of a row's consumer (`r` a walk or a key), and of the consumers a session's key names. */
const consumerOf = (r: string) => `tenant_id = ${r}.tenant_id AND consumer_id = ${r}.consumer_id`;
const keyHolders = (r: string) => `tenant_id = ${r}.tenant_id AND consumer_id IN (SELECT k.consumer_id FROM consumer_keys k WHERE k.tenant_id = ${r}.tenant_id AND k.key = ${r}.consumer_key)`;

/** A walk added (`NEW`) or taken away (`OLD`; on an update the table already holds the new row). */
function walkStatements(r: 'NEW' | 'OLD', sign: 1 | -1): string[] {
  if (sign === -1) {
    return [
      `UPDATE path_walks SET prev_start = ${PREV_START} WHERE ${consumerOf(r)} AND prev_start = ${r}.started_at`,
      `UPDATE path_walks SET next_resolved = ${NEXT_RESOLVED} WHERE ${r}.outcome = 'resolved' AND ${consumerOf(r)} AND next_resolved = ${r}.started_at`,
    ];
  }
  const after = `(started_at > ${r}.started_at OR (started_at = ${r}.started_at AND path_id > ${r}.path_id))`;
  return [
    recompute(`${consumerOf(r)} AND path_id = ${r}.path_id AND started_at = ${r}.started_at`),
    // A walk after it whose previous walk started before it: the one right after it (any between would be its previous walk).
    `UPDATE path_walks SET prev_start = ${r}.started_at WHERE ${consumerOf(r)} AND ${after} AND (prev_start IS NULL OR prev_start < ${r}.started_at)`,
    `UPDATE path_walks SET next_resolved = ${r}.started_at WHERE ${r}.outcome = 'resolved' AND ${consumerOf(r)} AND started_at <= ${r}.started_at
      AND (next_resolved IS NULL OR next_resolved > ${r}.started_at)`,
  ];
}

/** A live session created (`NEW`) or removed (`OLD`). */
function sessionStatements(r: 'NEW' | 'OLD', sign: 1 | -1): string[] {
  if (sign === -1) return [`UPDATE path_walks SET next_live = ${NEXT_LIVE} WHERE ${keyHolders(r)} AND next_live = ${r}.created_at`];
  return [`UPDATE path_walks SET next_live = ${r}.created_at WHERE ${keyHolders(r)} AND started_at <= ${r}.created_at AND (next_live IS NULL OR next_live > ${r}.created_at)`];
}

/** Per table: the columns whose change matters, and the statements for a row added or taken away. */
const TRIGGERS: TriggerSpec[] = [
  { name: 'walk_firsts', table: 'path_walks', columns: ['tenant_id', 'consumer_id', 'path_id', 'started_at', 'outcome'], statements: walkStatements },
  { name: 'session_firsts', table: 'live_sessions', columns: ['tenant_id', 'consumer_key', 'created_at'], statements: sessionStatements },
  { name: 'key_firsts', table: 'consumer_keys', columns: ['tenant_id', 'key', 'consumer_id'], statements: (r) => [`UPDATE path_walks SET next_live = ${NEXT_LIVE} WHERE ${consumerOf(r)}`] },
];

/** The three times of every walk, computed again (the migration, and the tests' check of the triggers). */
export const recomputeFirsts = (db: Kysely<unknown>) => sql.raw(recompute('true')).execute(db);

/** Adds the columns and the indexes, fills them for the walks stored, and creates the triggers. */
export async function createFirsts(db: Kysely<unknown>, engine: 'sqlite' | 'postgres'): Promise<void> {
  for (const column of ['prev_start', 'next_resolved', 'next_live']) await db.schema.alterTable('path_walks').addColumn(column, 'bigint').execute();
  // What the recomputing reads: a consumer's walks by start, and a key's sessions by creation.
  await db.schema.createIndex('path_walks_by_consumer').on('path_walks').columns(['tenant_id', 'consumer_id', 'started_at', 'path_id', 'outcome']).execute();
  await db.schema.createIndex('live_sessions_by_key').on('live_sessions').columns(['tenant_id', 'consumer_key', 'created_at']).execute();
  await recomputeFirsts(db);
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
