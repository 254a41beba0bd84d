import { sql, type Kysely } from 'kysely';

/**
 * Content authoring (PostgreSQL: 0012_authoring): the `author` role, drafts and versions of
 * guided paths (docs/architecture.md, "Drafts and versions").
 *
 * - `staff_accounts.role` may be `author`. SQLite cannot change a CHECK constraint in place: the
 *   table is rebuilt (the documented twelve steps, foreign keys off meanwhile, so that the
 *   sessions and resets that point at it stay).
 * - `path_drafts`: one row per path that was ever edited through the admin API: the draft (the
 *   whole GuidedPath JSON, null when there is none: published or discarded), who saved it and
 *   when, and `revision`, which every change of the path's editable document counts up (save,
 *   publish, discard, help-id move), so two authors never overwrite each other unknowingly.
 * - `path_versions`: every publish keeps the published document as version N (1, 2, …) with who
 *   (an account id; null for content written by the import) and when.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    await sql`CREATE TABLE staff_accounts_new (
      tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      id text NOT NULL,
      email text NOT NULL,
      email_key text NOT NULL,
      name text NOT NULL,
      role text NOT NULL CHECK (role IN ('admin', 'supervisor', 'agent', 'author')),
      disabled integer NOT NULL DEFAULT 0,
      password_hash text,
      agent_id text,
      created_at integer NOT NULL,
      updated_at integer NOT NULL,
      CONSTRAINT staff_accounts_pk PRIMARY KEY (tenant_id, id)
    )`.execute(db);
    await sql`INSERT INTO staff_accounts_new (tenant_id, id, email, email_key, name, role, disabled, password_hash, agent_id, created_at, updated_at)
      SELECT tenant_id, id, email, email_key, name, role, disabled, password_hash, agent_id, created_at, updated_at FROM staff_accounts`.execute(db);
    await sql`DROP TABLE staff_accounts`.execute(db);
    await sql`ALTER TABLE staff_accounts_new RENAME TO staff_accounts`.execute(db);
    await db.schema.createIndex('staff_accounts_email').unique().on('staff_accounts').columns(['tenant_id', 'email_key']).execute();
    await db.schema.createIndex('staff_accounts_by_email').on('staff_accounts').column('email_key').execute();
    const broken = await sql`PRAGMA foreign_key_check`.execute(db);
    if (broken.rows.length) throw new Error(`0017_authoring: ${broken.rows.length} rows point at no account`);
  } finally {
    await sql`PRAGMA foreign_keys = ON`.execute(db);
  }

  await db.schema
    .createTable('path_drafts')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('path_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('doc', 'text')
    .addColumn('saved_by', 'text')
    .addColumn('saved_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('path_drafts_pk', ['tenant_id', 'path_id'])
    .execute();

  await db.schema
    .createTable('path_versions')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('path_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('doc', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .addColumn('published_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('path_versions_pk', ['tenant_id', 'path_id', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('path_versions').execute();
  await db.schema.dropTable('path_drafts').execute();
}
