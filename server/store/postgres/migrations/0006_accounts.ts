import { sql, type Kysely } from 'kysely';

const text = sql`text COLLATE "C"`;

/**
 * People who sign in (server/accounts/): their accounts, sign-in sessions, failed sign-ins and
 * password resets (SQLite: 0011).
 *
 * - `staff_accounts`: one row per person and tenant; `email_key` is the address lower-cased,
 *   unique per tenant and indexed alone for a sign-in that names no tenant. `agent_id` links the
 *   account to its agent (role agent always, admins and supervisors optionally).
 * - `auth_sessions`: a signed-in browser, found by the SHA-256 of its cookie's random id (the id
 *   itself is never stored); `last_seen_at` for the idle limit, `expires_at` for the absolute one.
 * - `sign_in_failures`: failed sign-ins in a row per key (`email:<address>`, `address:<ip>`), and
 *   until when the key is locked.
 * - `password_resets`: one-time reset tokens by their SHA-256, with expiry and the time used.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('staff_accounts')
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', text, (c) => c.notNull())
    .addColumn('email', text, (c) => c.notNull())
    .addColumn('email_key', text, (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('role', text, (c) => c.notNull().check(sql`role IN ('admin', 'supervisor', 'agent')`))
    .addColumn('disabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('password_hash', text)
    .addColumn('agent_id', text)
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('staff_accounts_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('staff_accounts_email').unique().on('staff_accounts').columns(['tenant_id', 'email_key']).execute();
  await db.schema.createIndex('staff_accounts_by_email').on('staff_accounts').column('email_key').execute();

  await db.schema
    .createTable('auth_sessions')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('token_hash', text, (c) => c.notNull().unique())
    .addColumn('tenant_id', text, (c) => c.notNull())
    .addColumn('account_id', text, (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addForeignKeyConstraint('auth_sessions_account', ['tenant_id', 'account_id'], 'staff_accounts', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('auth_sessions_by_account').on('auth_sessions').columns(['tenant_id', 'account_id']).execute();

  await db.schema
    .createTable('sign_in_failures')
    .addColumn('key', text, (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('password_resets')
    .addColumn('token_hash', text, (c) => c.primaryKey())
    .addColumn('tenant_id', text, (c) => c.notNull())
    .addColumn('account_id', text, (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addForeignKeyConstraint('password_resets_account', ['tenant_id', 'account_id'], 'staff_accounts', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['password_resets', 'sign_in_failures', 'auth_sessions', 'staff_accounts']) await db.schema.dropTable(table).execute();
}
