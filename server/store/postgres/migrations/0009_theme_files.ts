import { sql, type Kysely } from 'kysely';

/**
 * Hosted theme files (SQLite: 0014_theme_files): one per tenant and kind (`theme` or
 * `step-content`), the CSS text, its SHA-256 in hex (its URL's name), size in bytes, upload time.
 */
const text = sql`text COLLATE "C"`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('theme_files')
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('hash', text, (c) => c.notNull())
    .addColumn('css', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('uploaded_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('theme_files_pk', ['tenant_id', 'kind'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('theme_files').execute();
}
