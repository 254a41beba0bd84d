import type { Kysely } from 'kysely';

/**
 * Hosted step images (the portal's step editor; PostgreSQL: 0013_content_images): one per tenant
 * and SHA-256 of the bytes (hex, which names the URL: /v1/content-images/<tenant>/<hash>.<ext>),
 * the media type, size, the bytes, the account that uploaded them first (null: the CLI) and when.
 * Gone with the tenant.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('content_images')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'blob', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('uploaded_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('content_images_pk', ['tenant_id', 'hash'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('content_images').execute();
}
