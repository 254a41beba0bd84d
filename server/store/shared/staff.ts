/**
 * Accounts of people, their sign-in sessions, failed sign-ins and password resets: the same
 * queries on both engines (types in ../account-types.ts; what uses them: server/accounts/).
 */
import type { Selectable } from 'kysely';
import { newId } from '../../ids.js';
import type { AccountChange, AccountRecord, AuthSessionRecord, LockPolicy, NewAccount, PasswordResetRecord, StaffRole } from '../account-types.js';
import { ConflictError } from '../types.js';
import type { Db, Dialect } from './engine.js';
import { isSet, type AuthSessionsTable, type StaffAccountsTable } from './tables.js';

/** The form of an address an account is found by: trimmed and lower-cased. */
export const emailKey = (email: string) => email.trim().toLowerCase();

const toAccount = (row: Selectable<StaffAccountsTable>): AccountRecord => ({
  tenantId: row.tenant_id,
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role as StaffRole,
  disabled: isSet(row.disabled),
  passwordHash: row.password_hash,
  agentId: row.agent_id,
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
});

const toAuthSession = (row: Selectable<AuthSessionsTable>): AuthSessionRecord => ({
  id: row.id,
  tokenHash: row.token_hash,
  tenantId: row.tenant_id,
  accountId: row.account_id,
  createdAt: Number(row.created_at),
  lastSeenAt: Number(row.last_seen_at),
  expiresAt: Number(row.expires_at),
});

const accounts = (db: Db) => db.selectFrom('staff_accounts').selectAll();

export async function createAccount(db: Db, dialect: Dialect, account: NewAccount): Promise<AccountRecord> {
  const now = Date.now();
  const row = {
    tenant_id: account.tenantId,
    id: account.id ?? newId('acc'),
    email: account.email.trim(),
    email_key: emailKey(account.email),
    name: account.name,
    role: account.role,
    disabled: dialect.flag(false),
    password_hash: account.passwordHash,
    agent_id: account.agentId,
    created_at: now,
    updated_at: now,
  };
  // Either unique index (the id, the tenant's email) refuses the row.
  const result = await db.insertInto('staff_accounts').values(row).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  if (!Number(result.numInsertedOrUpdatedRows)) throw new ConflictError(`tenant '${account.tenantId}' has an account '${row.email}' already`);
  return toAccount(row);
}

export async function getAccount(db: Db, tenantId: string, id: string) {
  const row = await accounts(db).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return row && toAccount(row);
}

export async function listAccounts(db: Db, tenantId: string) {
  return (await accounts(db).where('tenant_id', '=', tenantId).orderBy('email_key').orderBy('id').execute()).map(toAccount);
}

export async function findAccountsByEmail(db: Db, email: string, tenantId?: string) {
  let query = accounts(db).where('email_key', '=', emailKey(email)).orderBy('tenant_id');
  if (tenantId !== undefined) query = query.where('tenant_id', '=', tenantId);
  return (await query.execute()).map(toAccount);
}

export async function updateAccount(db: Db, dialect: Dialect, tenantId: string, id: string, change: AccountChange) {
  const set = {
    updated_at: Date.now(),
    ...(change.name !== undefined && { name: change.name }),
    ...(change.role !== undefined && { role: change.role }),
    ...(change.disabled !== undefined && { disabled: dialect.flag(change.disabled) }),
    ...(change.passwordHash !== undefined && { password_hash: change.passwordHash }),
    ...(change.agentId !== undefined && { agent_id: change.agentId }),
  };
  const result = await db.updateTable('staff_accounts').set(set).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) ? getAccount(db, tenantId, id) : undefined;
}

export async function deleteAccount(db: Db, tenantId: string, id: string) {
  const result = await db.deleteFrom('staff_accounts').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function createAuthSession(db: Db, session: AuthSessionRecord) {
  await db
    .insertInto('auth_sessions')
    .values({
      id: session.id,
      token_hash: session.tokenHash,
      tenant_id: session.tenantId,
      account_id: session.accountId,
      created_at: session.createdAt,
      last_seen_at: session.lastSeenAt,
      expires_at: session.expiresAt,
    })
    .execute();
}

export async function getAuthSession(db: Db, tokenHash: string) {
  const row = await db.selectFrom('auth_sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return row && toAuthSession(row);
}

export async function touchAuthSession(db: Db, id: string, at: number) {
  await db.updateTable('auth_sessions').set({ last_seen_at: at }).where('id', '=', id).where('last_seen_at', '<', at).execute();
}

export async function deleteAuthSessions(db: Db, tenantId: string, accountId: string, which: { only?: string; except?: string } = {}) {
  let query = db.deleteFrom('auth_sessions').where('tenant_id', '=', tenantId).where('account_id', '=', accountId);
  if (which.only !== undefined) query = query.where('id', '=', which.only);
  if (which.except !== undefined) query = query.where('id', '!=', which.except);
  return (await query.returning('id').execute()).map((row) => row.id);
}

const failuresOf = (db: Db, key: string) => db.selectFrom('sign_in_failures').selectAll().where('key', '=', key).executeTakeFirst();

/** One write transaction holding the key (Dialect.lock), so that failures counted at once all count. */
export function recordSignInFailure(db: Db, dialect: Dialect, key: string, now: number, policy: LockPolicy) {
  return dialect.write(db, async (trx) => {
    await dialect.lock(trx, 'sign-in', key);
    const row = await failuresOf(trx, key);
    // A lapsed lock, or failures none of which came within `lockMs`, count from zero.
    const lapsed = !row || (row.locked_until !== null ? Number(row.locked_until) <= now : Number(row.updated_at) + policy.lockMs <= now);
    const failures = (lapsed ? 0 : row.failures) + 1;
    const locks = failures >= policy.maxFailures;
    const still = !lapsed && row.locked_until !== null ? Number(row.locked_until) : null;
    const next = { failures: locks ? 0 : failures, locked_until: locks ? now + policy.lockMs : still, updated_at: now };
    await trx
      .insertInto('sign_in_failures')
      .values({ key, ...next })
      .onConflict((oc) => oc.column('key').doUpdateSet(next))
      .execute();
    return { failures, lockedUntil: next.locked_until };
  });
}

export async function getSignInLock(db: Db, key: string, now: number) {
  const row = await failuresOf(db, key);
  return row?.locked_until != null && Number(row.locked_until) > now ? Number(row.locked_until) : null;
}

export async function clearSignInFailures(db: Db, key: string) {
  await db.deleteFrom('sign_in_failures').where('key', '=', key).execute();
}

export async function createPasswordReset(db: Db, reset: PasswordResetRecord) {
  await db
    .insertInto('password_resets')
    .values({
      token_hash: reset.tokenHash,
      tenant_id: reset.tenantId,
      account_id: reset.accountId,
      created_at: reset.createdAt,
      expires_at: reset.expiresAt,
      used_at: null,
    })
    .execute();
}

/** One conditional UPDATE: of two uses at once, one changes the row and gets the account. */
export async function usePasswordReset(db: Db, tokenHash: string, now: number) {
  const row = await db
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['tenant_id', 'account_id'])
    .executeTakeFirst();
  return row && { tenantId: row.tenant_id, accountId: row.account_id };
}

export async function revokeAppTokensNamed(db: Db, tenantId: string, name: string, at: number, version?: string) {
  let query = db.updateTable('app_tokens').set({ revoked_at: at }).where('tenant_id', '=', tenantId).where('name', '=', name).where('revoked_at', 'is', null);
  if (version !== undefined) query = query.where('version', '=', version);
  return Number((await query.executeTakeFirst()).numUpdatedRows);
}
