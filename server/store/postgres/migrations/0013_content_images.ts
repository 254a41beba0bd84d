import { sql, type Kysely } from 'kysely';

/**
 * Hosted step images (SQLite: 0018_content_images): one per tenant and SHA-256 of the bytes (hex,
 * the URL's name), the media type, size, the bytes, who uploaded them first (an account id; null
 * for the CLI) and when. Gone with the tenant.
 */
const text = sql`text COLLATE "C"`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('content_images')
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('hash', text, (c) => c.notNull())
    .addColumn('type', text, (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .addColumn('uploaded_by', text)
    .addColumn('uploaded_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('content_images_pk', ['tenant_id', 'hash'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('content_images').execute();
}
