import { sql, type Kysely } from 'kysely';

/**
 * Content authoring (SQLite: 0017_authoring, which says what each table holds): the `author`
 * role, `path_drafts` (a path's draft and its revision) and `path_versions` (every publish).
 */
const text = sql`text COLLATE "C"`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE staff_accounts DROP CONSTRAINT staff_accounts_role_check`.execute(db);
  await sql`ALTER TABLE staff_accounts ADD CONSTRAINT staff_accounts_role_check CHECK (role IN ('admin', 'supervisor', 'agent', 'author'))`.execute(db);

  await db.schema
    .createTable('path_drafts')
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('path_id', text, (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('doc', 'json')
    .addColumn('saved_by', text)
    .addColumn('saved_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('path_drafts_pk', ['tenant_id', 'path_id'])
    .execute();

  await db.schema
    .createTable('path_versions')
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('path_id', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('doc', 'json', (c) => c.notNull())
    .addColumn('published_by', text)
    .addColumn('published_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('path_versions_pk', ['tenant_id', 'path_id', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('path_versions').execute();
  await db.schema.dropTable('path_drafts').execute();
  await sql`ALTER TABLE staff_accounts DROP CONSTRAINT staff_accounts_role_check`.execute(db);
  await sql`ALTER TABLE staff_accounts ADD CONSTRAINT staff_accounts_role_check CHECK (role IN ('admin', 'supervisor', 'agent'))`.execute(db);
}
