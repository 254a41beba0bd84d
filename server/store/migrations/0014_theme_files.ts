import type { Kysely } from 'kysely';

/**
 * Hosted theme files (Settings > Self-Support Branding > Upload Theme file; PostgreSQL:
 * 0009_theme_files): at most one per tenant and kind (`theme` or `step-content`), the CSS text
 * as uploaded, its SHA-256 (hex, which names its URL: /v1/themes/<tenant>/<kind>-<hash>.css),
 * its size in bytes and when it was uploaded. Gone with the tenant.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('theme_files')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('css', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('uploaded_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('theme_files_pk', ['tenant_id', 'kind'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('theme_files').execute();
}
