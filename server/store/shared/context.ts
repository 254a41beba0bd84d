/**
 * Consumers, their context operations and their path activity, for both stores: the rules
 * (which identity fields an operation sets or clears, which values survive a merge, which
 * activity events are refused) and the queries.
 *
 * Concurrency: a batch locks the consumer key it names (Dialect.lock), so two processes never
 * both create its consumer; setting an externalId locks that id, so two consumers that claim it
 * are merged rather than both given it. (SQLite's write transaction already excludes the rest.)
 */
import type { Selectable } from 'kysely';
import type {
  ActivityBatch,
  ActivityBatchResult,
  ContextBatch,
  ContextBatchResult,
  ContextOp,
  Identity,
} from '../../../src/protocol/schemas.js';
import { newId } from '../../ids.js';
import { InvalidInputError, type ConsumerRecord, type Visibility } from '../types.js';
import type { Db, Dialect } from './engine.js';
import { applyToWalk, mergeWalks } from './walks.js';
import { entryRow, toConsumer } from './rows.js';
import type { ConsumersTable } from './tables.js';

/** Identity fields and their columns; each has a `<column>_at` set-time. */
export const IDENTITY_FIELDS = {
  firstName: 'first_name',
  lastName: 'last_name',
  email: 'email',
  externalId: 'external_id',
  phone: 'phone',
} as const satisfies Record<keyof Identity, string>;

type Column = (typeof IDENTITY_FIELDS)[keyof typeof IDENTITY_FIELDS];
export type Consumer = Selectable<ConsumersTable>;
export type ConsumerPatch = Partial<Omit<Consumer, 'id' | 'tenant_id' | 'created_at'>>;

/** The columns an `identity` operation sets at time `at`. An empty string unsets, like null: '' is nobody's externalId. */
export function identityPatch(set: Identity, at: number): ConsumerPatch {
  const patch: ConsumerPatch = {};
  for (const [field, column] of Object.entries(IDENTITY_FIELDS) as [keyof Identity, Column][]) {
    if (set[field] === undefined) continue;
    Object.assign(patch, { [column]: set[field] || null, [`${column}_at`]: at });
  }
  return patch;
}

/**
 * What consumer `into` takes from consumer `from` when `from` is folded into it: each identity
 * field keeps the value set last, and `into` keeps its externalId (the reason for the merge).
 */
export function mergePatch(from: Consumer, into: Consumer): ConsumerPatch {
  const patch: ConsumerPatch = {};
  for (const column of Object.values(IDENTITY_FIELDS)) {
    if (column === 'external_id' || from[column] === null) continue;
    if ((from[`${column}_at`] ?? -1) > (into[`${column}_at`] ?? -1)) {
      Object.assign(patch, { [column]: from[column], [`${column}_at`]: from[`${column}_at`] });
    }
  }
  return patch;
}

/** The columns `clear-identity` unsets: the fields set before `before` (all of them without it). */
export function clearPatch(consumer: Consumer, before: number | undefined): ConsumerPatch {
  const patch: ConsumerPatch = {};
  for (const column of Object.values(IDENTITY_FIELDS)) {
    if (before === undefined || (consumer[`${column}_at`] ?? -1) < before) {
      Object.assign(patch, { [column]: null, [`${column}_at`]: null });
    }
  }
  return patch;
}

/** The paths an activity batch names (each once). */
export const activityPaths = (batch: ActivityBatch) => [...new Set(batch.events.map((e) => e.pathId))];

/** Throws for the first event that names a path the caller cannot see (`visible`: the ones it can). */
export function checkActivity(batch: ActivityBatch, visible: Set<string>): void {
  const unknown = batch.events.findIndex((e) => !visible.has(e.pathId));
  if (unknown >= 0) {
    throw new InvalidInputError(`there is no path '${batch.events[unknown].pathId}'`, `/events/${unknown}/pathId`);
  }
}

/** The activity row of one event. */
export const activityRow = (tenantId: string, consumerId: string, e: ActivityBatch['events'][number]) => ({
  tenant_id: tenantId,
  id: e.id,
  consumer_id: consumerId,
  path_id: e.pathId,
  step_id: e.stepId ?? null,
  event: e.event,
  at: e.at,
  source: e.source ?? null,
});

// ---------------------------------------------------------------------------------------------
// Queries

export async function consumerIdForKey(db: Db, tenantId: string, key: string) {
  const row = await db.selectFrom('consumer_keys').select('consumer_id').where('tenant_id', '=', tenantId).where('key', '=', key).executeTakeFirst();
  return row?.consumer_id;
}

/** The consumer a key names, created (with the key) on first use; in a write transaction. */
async function consumerFor(trx: Db, dialect: Dialect, tenantId: string, key: string, now: number): Promise<string> {
  await dialect.lock(trx, 'consumer key', tenantId, key);
  const existing = await consumerIdForKey(trx, tenantId, key);
  if (existing) return existing;
  const id = newId('con');
  await trx.insertInto('consumers').values({ id, tenant_id: tenantId, created_at: now, updated_at: now }).execute();
  await trx.insertInto('consumer_keys').values({ tenant_id: tenantId, key, consumer_id: id, created_at: now }).execute();
  return id;
}

function loadConsumer(db: Db, tenantId: string, id: string): Promise<Consumer> {
  return db.selectFrom('consumers').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirstOrThrow();
}

function updateConsumer(db: Db, tenantId: string, id: string, patch: ConsumerPatch, now: number) {
  return db
    .updateTable('consumers')
    .set({ ...patch, updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

/** Folds consumer `from` into `into` (see mergePatch): keys, entries, activity and walks move; `from` is deleted. */
async function mergeConsumer(trx: Db, tenantId: string, from: string, into: string, now: number) {
  const [a, b] = await Promise.all([loadConsumer(trx, tenantId, from), loadConsumer(trx, tenantId, into)]);
  for (const table of ['consumer_keys', 'context_entries', 'path_activity'] as const) {
    await trx.updateTable(table).set({ consumer_id: into }).where('tenant_id', '=', tenantId).where('consumer_id', '=', from).execute();
  }
  await mergeWalks(trx, tenantId, from, into);
  await trx.deleteFrom('consumers').where('tenant_id', '=', tenantId).where('id', '=', from).execute();
  await updateConsumer(trx, tenantId, into, mergePatch(a, b), now);
}

/** Sets identity fields; returns the consumer id, which changes when an externalId merges. */
async function setIdentity(trx: Db, dialect: Dialect, tenantId: string, consumerId: string, set: Identity, at: number, now: number) {
  const patch = identityPatch(set, at);
  if (patch.external_id) {
    await dialect.lock(trx, 'external id', tenantId, patch.external_id);
    const owner = await trx
      .selectFrom('consumers')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('external_id', '=', patch.external_id)
      .where('id', '!=', consumerId)
      .executeTakeFirst();
    if (owner) {
      await mergeConsumer(trx, tenantId, consumerId, owner.id, now);
      consumerId = owner.id;
    }
  }
  await updateConsumer(trx, tenantId, consumerId, patch, now);
  return consumerId;
}

async function applyOp(trx: Db, dialect: Dialect, tenantId: string, consumerId: string, op: ContextOp, now: number) {
  switch (op.op) {
    case 'identity':
      return setIdentity(trx, dialect, tenantId, consumerId, op.set, op.at, now);
    case 'log':
      await trx.insertInto('context_entries').values(entryRow(tenantId, consumerId, op)).execute();
      return consumerId;
    case 'clear-context': {
      let query = trx
        .updateTable('context_entries')
        .set({ cleared_at: op.at })
        .where('tenant_id', '=', tenantId)
        .where('consumer_id', '=', consumerId)
        .where('cleared_at', 'is', null);
      if (op.before !== undefined) query = query.where('at', '<', op.before);
      await query.execute();
      return consumerId;
    }
    case 'clear-identity': {
      const consumer = await loadConsumer(trx, tenantId, consumerId);
      await updateConsumer(trx, tenantId, consumerId, clearPatch(consumer, op.before), now);
      return consumerId;
    }
  }
}

export function applyContext(db: Db, dialect: Dialect, tenantId: string, batch: ContextBatch): Promise<ContextBatchResult> {
  return dialect.write(db, async (trx) => {
    const now = Date.now();
    let consumerId = await consumerFor(trx, dialect, tenantId, batch.consumer, now);
    let applied = 0;
    for (const op of batch.ops) {
      // A concurrent batch with the same op id waits here for that one to commit, then skips it.
      const fresh = await trx
        .insertInto('applied_ops')
        .values({ tenant_id: tenantId, id: op.id, applied_at: now })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (!Number(fresh.numInsertedOrUpdatedRows)) continue;
      consumerId = await applyOp(trx, dialect, tenantId, consumerId, op, now);
      applied++;
    }
    return { consumerId, applied };
  });
}

export function recordActivity(db: Db, dialect: Dialect, tenantId: string, batch: ActivityBatch, visibility: Visibility): Promise<ActivityBatchResult> {
  return dialect.write(db, async (trx) => {
    const now = Date.now();
    const visible = await trx
      .selectFrom('paths')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('audience', 'in', visibility.audiences)
      .where('id', 'in', activityPaths(batch))
      .execute();
    checkActivity(batch, new Set(visible.map((r) => r.id)));
    const consumerId = await consumerFor(trx, dialect, tenantId, batch.consumer, now);
    let applied = 0;
    for (const e of batch.events) {
      const result = await trx.insertInto('path_activity').values(activityRow(tenantId, consumerId, e)).onConflict((oc) => oc.doNothing()).executeTakeFirst();
      if (!Number(result.numInsertedOrUpdatedRows ?? 0)) continue;
      await applyToWalk(trx, tenantId, consumerId, e);
      applied++;
    }
    return { applied };
  });
}

export async function getConsumer(db: Db, dialect: Dialect, tenantId: string, key: string): Promise<ConsumerRecord | undefined> {
  const id = await consumerIdForKey(db, tenantId, key);
  if (!id) return undefined;
  // Rows of the same time in the order they were written.
  const [c, keys, entries, activity] = await Promise.all([
    db.selectFrom('consumers').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
    db
      .selectFrom('consumer_keys')
      .select('key')
      .where('tenant_id', '=', tenantId)
      .where('consumer_id', '=', id)
      .orderBy('created_at')
      .orderBy(dialect.writeOrder('consumer_keys'))
      .execute(),
    db
      .selectFrom('context_entries')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('consumer_id', '=', id)
      .orderBy('at')
      .orderBy(dialect.writeOrder('context_entries'))
      .execute(),
    db
      .selectFrom('path_activity')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('consumer_id', '=', id)
      .orderBy('at')
      .orderBy(dialect.writeOrder('path_activity'))
      .execute(),
  ]);
  // Merged away between the two reads.
  if (!c) return undefined;
  return toConsumer(
    c,
    keys.map((k) => k.key),
    entries,
    activity,
  );
}
