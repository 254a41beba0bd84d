/** Consumers, their context operations and their path activity in SQLite. */
import type { Kysely, Selectable } from 'kysely';
import type {
  ActivityBatch,
  ActivityBatchResult,
  ContextBatch,
  ContextBatchResult,
  ContextOp,
  Identity,
  LogKind,
} from '../../../src/protocol/schemas.js';
import { newId } from '../../ids.js';
import { InvalidInputError, type ConsumerRecord, type Visibility } from '../types.js';
import { writeTransaction, type ConsumersTable, type DB } from './db.js';

/** Identity fields and their columns; each has a `<column>_at` set-time. */
const FIELDS = {
  firstName: 'first_name',
  lastName: 'last_name',
  email: 'email',
  externalId: 'external_id',
  phone: 'phone',
} as const satisfies Record<keyof Identity, string>;

type Column = (typeof FIELDS)[keyof typeof FIELDS];
type Consumer = Selectable<ConsumersTable>;
type ConsumerPatch = Partial<Omit<Consumer, 'id' | 'tenant_id' | 'created_at'>>;

export async function consumerIdForKey(db: Kysely<DB>, tenantId: string, key: string) {
  const row = await db
    .selectFrom('consumer_keys')
    .select('consumer_id')
    .where('tenant_id', '=', tenantId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.consumer_id;
}

/** The consumer a key names, created (with the key) on first use. */
async function consumerFor(db: Kysely<DB>, tenantId: string, key: string, now: number): Promise<string> {
  const existing = await consumerIdForKey(db, tenantId, key);
  if (existing) return existing;
  const id = newId('con');
  await db.insertInto('consumers').values({ id, tenant_id: tenantId, created_at: now, updated_at: now }).execute();
  await db.insertInto('consumer_keys').values({ tenant_id: tenantId, key, consumer_id: id, created_at: now }).execute();
  return id;
}

function loadConsumer(db: Kysely<DB>, tenantId: string, id: string): Promise<Consumer> {
  return db
    .selectFrom('consumers')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

function updateConsumer(db: Kysely<DB>, tenantId: string, id: string, patch: ConsumerPatch, now: number) {
  return db
    .updateTable('consumers')
    .set({ ...patch, updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

/**
 * Folds consumer `from` into `into`: keys, entries and activity move, and each identity field
 * keeps the value set last. `from` is deleted.
 */
async function mergeConsumer(db: Kysely<DB>, tenantId: string, from: string, into: string, now: number) {
  const [a, b] = await Promise.all([loadConsumer(db, tenantId, from), loadConsumer(db, tenantId, into)]);
  const patch: ConsumerPatch = {};
  for (const column of Object.values(FIELDS)) {
    // `into` keeps its externalId: it is the reason for the merge.
    if (column === 'external_id' || a[column] === null) continue;
    if ((a[`${column}_at`] ?? -1) > (b[`${column}_at`] ?? -1)) {
      Object.assign(patch, { [column]: a[column], [`${column}_at`]: a[`${column}_at`] });
    }
  }
  for (const table of ['consumer_keys', 'context_entries', 'path_activity'] as const) {
    await db
      .updateTable(table)
      .set({ consumer_id: into })
      .where('tenant_id', '=', tenantId)
      .where('consumer_id', '=', from)
      .execute();
  }
  await db.deleteFrom('consumers').where('tenant_id', '=', tenantId).where('id', '=', from).execute();
  await updateConsumer(db, tenantId, into, patch, now);
}

/** Sets identity fields; returns the consumer id, which changes when an externalId merges. */
async function setIdentity(db: Kysely<DB>, tenantId: string, consumerId: string, set: Identity, at: number, now: number) {
  const patch: ConsumerPatch = {};
  for (const [field, column] of Object.entries(FIELDS) as [keyof Identity, Column][]) {
    if (set[field] === undefined) continue;
    // An empty string unsets, like null: '' is nobody's externalId.
    Object.assign(patch, { [column]: set[field] || null, [`${column}_at`]: at });
  }
  if (patch.external_id) {
    const owner = await db
      .selectFrom('consumers')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('external_id', '=', patch.external_id)
      .where('id', '!=', consumerId)
      .executeTakeFirst();
    if (owner) {
      await mergeConsumer(db, tenantId, consumerId, owner.id, now);
      consumerId = owner.id;
    }
  }
  await updateConsumer(db, tenantId, consumerId, patch, now);
  return consumerId;
}

/** Unsets identity fields set before `before` (all of them without it). */
async function clearIdentity(db: Kysely<DB>, tenantId: string, consumerId: string, before: number | undefined, now: number) {
  const consumer = await loadConsumer(db, tenantId, consumerId);
  const patch: ConsumerPatch = {};
  for (const column of Object.values(FIELDS)) {
    if (before === undefined || (consumer[`${column}_at`] ?? -1) < before) {
      Object.assign(patch, { [column]: null, [`${column}_at`]: null });
    }
  }
  await updateConsumer(db, tenantId, consumerId, patch, now);
}

async function applyOp(db: Kysely<DB>, tenantId: string, consumerId: string, op: ContextOp, now: number) {
  switch (op.op) {
    case 'identity':
      return setIdentity(db, tenantId, consumerId, op.set, op.at, now);
    case 'log':
      await db
        .insertInto('context_entries')
        .values({
          tenant_id: tenantId,
          id: op.id,
          consumer_id: consumerId,
          kind: op.kind,
          name: op.name,
          detail: op.detail ?? null,
          data: op.data === undefined ? null : JSON.stringify(op.data),
          at: op.at,
        })
        .execute();
      return consumerId;
    case 'clear-context': {
      let query = db
        .updateTable('context_entries')
        .set({ cleared_at: op.at })
        .where('tenant_id', '=', tenantId)
        .where('consumer_id', '=', consumerId)
        .where('cleared_at', 'is', null);
      if (op.before !== undefined) query = query.where('at', '<', op.before);
      await query.execute();
      return consumerId;
    }
    case 'clear-identity':
      await clearIdentity(db, tenantId, consumerId, op.before, now);
      return consumerId;
  }
}

export function applyContext(db: Kysely<DB>, tenantId: string, batch: ContextBatch): Promise<ContextBatchResult> {
  const now = Date.now();
  return writeTransaction(db, async (trx) => {
    let consumerId = await consumerFor(trx, tenantId, batch.consumer, now);
    let applied = 0;
    for (const op of batch.ops) {
      const fresh = await trx
        .insertInto('applied_ops')
        .values({ tenant_id: tenantId, id: op.id, applied_at: now })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (!fresh.numInsertedOrUpdatedRows) continue;
      consumerId = await applyOp(trx, tenantId, consumerId, op, now);
      applied++;
    }
    return { consumerId, applied };
  });
}

export function recordActivity(
  db: Kysely<DB>,
  tenantId: string,
  batch: ActivityBatch,
  visibility: Visibility,
): Promise<ActivityBatchResult> {
  const now = Date.now();
  return writeTransaction(db, async (trx) => {
    const visible = new Set(
      (
        await trx
          .selectFrom('paths')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('audience', 'in', visibility.audiences)
          .where('id', 'in', [...new Set(batch.events.map((e) => e.pathId))])
          .execute()
      ).map((r) => r.id),
    );
    const unknown = batch.events.findIndex((e) => !visible.has(e.pathId));
    if (unknown >= 0) {
      throw new InvalidInputError(`there is no path '${batch.events[unknown].pathId}'`, `/events/${unknown}/pathId`);
    }
    const consumerId = await consumerFor(trx, tenantId, batch.consumer, now);
    let applied = 0;
    for (const e of batch.events) {
      const result = await trx
        .insertInto('path_activity')
        .values({
          tenant_id: tenantId,
          id: e.id,
          consumer_id: consumerId,
          path_id: e.pathId,
          step_id: e.stepId ?? null,
          event: e.event,
          at: e.at,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      applied += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    return { applied };
  });
}

export async function getConsumer(db: Kysely<DB>, tenantId: string, key: string): Promise<ConsumerRecord | undefined> {
  const id = await consumerIdForKey(db, tenantId, key);
  if (!id) return undefined;
  const [c, keys, entries, activity] = await Promise.all([
    loadConsumer(db, tenantId, id),
    db.selectFrom('consumer_keys').select('key').where('tenant_id', '=', tenantId).where('consumer_id', '=', id)
      .orderBy('created_at').execute(),
    db.selectFrom('context_entries').selectAll().where('tenant_id', '=', tenantId).where('consumer_id', '=', id)
      .orderBy('at').execute(),
    db.selectFrom('path_activity').selectAll().where('tenant_id', '=', tenantId).where('consumer_id', '=', id)
      .orderBy('at').execute(),
  ]);
  return {
    id: c.id,
    tenantId,
    keys: keys.map((k) => k.key),
    firstName: c.first_name,
    lastName: c.last_name,
    email: c.email,
    externalId: c.external_id,
    phone: c.phone,
    entries: entries.map((e) => ({
      id: e.id,
      kind: e.kind as LogKind,
      name: e.name,
      detail: e.detail,
      data: e.data === null ? undefined : JSON.parse(e.data),
      at: e.at,
      clearedAt: e.cleared_at,
    })),
    activity: activity.map((a) => ({ id: a.id, pathId: a.path_id, stepId: a.step_id, event: a.event, at: a.at })),
    createdAt: c.created_at,
    updatedAt: c.updated_at,
  };
}
