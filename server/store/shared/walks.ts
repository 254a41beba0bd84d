/**
 * Walks of a guided path (`path_walks`, SQLite 0016 / PostgreSQL 0011): one row per `started`
 * event of a consumer on a path, kept up to date as that walk's later events arrive, so the
 * analytics read one row per walk instead of every event (shared/analytics.ts). A walk runs
 * from its `started` event to the consumer's next `started` of the same path; it records where
 * it was opened from, its first outcome (`resolved` or `escalated`) and, until then, the last step
 * shown (by time: a step older than the last one recorded changes nothing).
 */
import { sql, type Kysely } from 'kysely';
import type { ActivityEvent } from '../../../src/protocol/schemas.js';
import type { Db } from './engine.js';

/** Applies one newly recorded event to its walk (in the activity's write transaction). */
export async function applyToWalk(trx: Db, tenantId: string, consumerId: string, e: ActivityEvent): Promise<void> {
  if (e.event === 'started') {
    await trx
      .insertInto('path_walks')
      .values({ tenant_id: tenantId, consumer_id: consumerId, path_id: e.pathId, started_at: e.at, source: e.source ?? null, last_step: null, last_at: e.at, outcome: null })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return;
  }
  const walk = await trx
    .selectFrom('path_walks')
    .select(['started_at', 'last_at', 'outcome'])
    .where('tenant_id', '=', tenantId)
    .where('consumer_id', '=', consumerId)
    .where('path_id', '=', e.pathId)
    .where('started_at', '<=', e.at)
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  // No start seen (an older client, or a start before the walks were kept): no walk to change.
  if (!walk || walk.outcome !== null) return;
  const update = trx
    .updateTable('path_walks')
    .where('tenant_id', '=', tenantId)
    .where('consumer_id', '=', consumerId)
    .where('path_id', '=', e.pathId)
    .where('started_at', '=', walk.started_at);
  if (e.event === 'step') {
    if (e.at >= walk.last_at) await update.set({ last_step: e.stepId ?? null, last_at: e.at }).execute();
  } else {
    await update.set({ outcome: e.event }).execute();
  }
}

/**
 * A consumer folded into another: its walks move, but for one that `into` has the same of (same
 * path, same start), which goes with the consumer.
 */
export async function mergeWalks(trx: Db, tenantId: string, from: string, into: string): Promise<void> {
  await trx
    .updateTable('path_walks as w')
    .set({ consumer_id: into })
    .where('w.tenant_id', '=', tenantId)
    .where('w.consumer_id', '=', from)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('path_walks as o')
            .select('o.path_id')
            .where('o.tenant_id', '=', tenantId)
            .where('o.consumer_id', '=', into)
            .whereRef('o.path_id', '=', 'w.path_id')
            .whereRef('o.started_at', '=', 'w.started_at'),
        ),
      ),
    )
    .execute();
}

/** The walks of the activity recorded before they were kept (the migration that adds them). */
export async function backfillWalks(db: Kysely<unknown>): Promise<void> {
  const same = sql`a.tenant_id = path_walks.tenant_id AND a.consumer_id = path_walks.consumer_id AND a.path_id = path_walks.path_id`;
  const span = sql`a.at >= path_walks.started_at AND a.at < COALESCE((SELECT MIN(n.started_at) FROM path_walks n
    WHERE n.tenant_id = path_walks.tenant_id AND n.consumer_id = path_walks.consumer_id AND n.path_id = path_walks.path_id
    AND n.started_at > path_walks.started_at), 9000000000000000)`;
  await sql`INSERT INTO path_walks (tenant_id, consumer_id, path_id, started_at, source, last_step, last_at, outcome)
    SELECT tenant_id, consumer_id, path_id, at, MAX(source), NULL, at, NULL FROM path_activity WHERE event = 'started'
    GROUP BY tenant_id, consumer_id, path_id, at`.execute(db);
  await sql`UPDATE path_walks SET outcome = (SELECT a.event FROM path_activity a
    WHERE ${same} AND a.event IN ('resolved', 'escalated') AND ${span} ORDER BY a.at LIMIT 1)`.execute(db);
  await sql`UPDATE path_walks SET
    last_step = (SELECT a.step_id FROM path_activity a WHERE ${same} AND a.event = 'step' AND ${span} ORDER BY a.at DESC LIMIT 1),
    last_at = COALESCE((SELECT MAX(a.at) FROM path_activity a WHERE ${same} AND a.event = 'step' AND ${span}), started_at)
    WHERE outcome IS NULL`.execute(db);
}
