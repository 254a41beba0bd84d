/** Tenants, signing keys and token registrations: the same queries on both engines. */
import { randomBytes } from 'node:crypto';
import { newId } from '../../ids.js';
import { ConflictError, type AppToken, type SigningKey, type Tenant } from '../types.js';
import type { Db, Dialect } from './engine.js';
import { toKey, toTenant, toToken, tokenRow } from './rows.js';

export async function createTenant(db: Db, id: string, name: string): Promise<Tenant> {
  const row = { id, name, created_at: Date.now() };
  const result = await db.insertInto('tenants').values(row).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  if (!Number(result.numInsertedOrUpdatedRows)) throw new ConflictError(`tenant '${id}' exists already`);
  return toTenant(row);
}

export async function getTenant(db: Db, id: string) {
  const row = await db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toTenant(row);
}

export async function listTenants(db: Db) {
  return (await db.selectFrom('tenants').selectAll().orderBy('id').execute()).map(toTenant);
}

const latestKey = (db: Db) => db.selectFrom('signing_keys').selectAll().orderBy('created_at', 'desc').orderBy('kid').limit(1).executeTakeFirst();

/** The newest signing key; the first is made on first use, once even when processes start together. */
export async function currentSigningKey(db: Db, dialect: Dialect): Promise<SigningKey> {
  const row = await latestKey(db);
  if (row) return toKey(row);
  return dialect.write(db, async (trx) => {
    await dialect.lock(trx, 'signing key');
    const made = await latestKey(trx);
    if (made) return toKey(made);
    const key = { kid: newId('key'), secret: randomBytes(32).toString('base64url'), created_at: Date.now() };
    await trx.insertInto('signing_keys').values(key).execute();
    return toKey(key);
  });
}

export async function getSigningKey(db: Db, kid: string) {
  const row = await db.selectFrom('signing_keys').selectAll().where('kid', '=', kid).executeTakeFirst();
  return row && toKey(row);
}

export async function createAppToken(db: Db, token: AppToken) {
  await db.insertInto('app_tokens').values(tokenRow(token)).execute();
}

export async function getAppToken(db: Db, id: string) {
  const row = await db.selectFrom('app_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toToken(row);
}

export async function listAppTokens(db: Db, tenantId: string) {
  const rows = await db.selectFrom('app_tokens').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map(toToken);
}

/** One statement, so revoking twice, even at once, keeps the first time. */
export async function revokeAppToken(db: Db, id: string, at: number) {
  const row = await db
    .updateTable('app_tokens')
    .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(at)) }))
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(row.numUpdatedRows) > 0;
}

export async function listRevokedTokens(db: Db, since: number) {
  const rows = await db.selectFrom('app_tokens').selectAll().where('revoked_at', '>=', since).orderBy('revoked_at').orderBy('id').execute();
  return rows.map(toToken);
}
