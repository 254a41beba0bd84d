import { sql, type Kysely } from 'kysely';

/**
 * Per-tenant co-browse settings: one row per tenant that set any, with extra block and mask-text
 * selectors (JSON arrays of strings; the client checks their CSS syntax) and the download URL of
 * the remote-support client for `remoteConnectionType: "remote"`. A tenant without a row has no
 * extra selectors and no remote client URL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tenant_cobrowse_settings')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id').onDelete('cascade'))
    .addColumn('block_selectors', 'text', (c) => c.notNull().defaultTo('[]').check(sql`json_valid(block_selectors)`))
    .addColumn('mask_text_selectors', 'text', (c) => c.notNull().defaultTo('[]').check(sql`json_valid(mask_text_selectors)`))
    .addColumn('remote_client_url', 'text')
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('tenant_cobrowse_settings').execute();
}
