import { sql, type Kysely } from 'kysely';

/**
 * Per-tenant settings (SQLite: migrations 0006 to 0008): portal branding and co-browse settings,
 * one row per tenant that set any; a tenant without a row has the defaults.
 *
 * - `strings` (branding overrides by locale, then key) is `json`: listed in the order written.
 * - The selector lists are `jsonb` arrays.
 */
const text = sql`text COLLATE "C"`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tenant_branding')
    .addColumn('tenant_id', text, (c) => c.primaryKey().references('tenants.id').onDelete('cascade'))
    .addColumn('theme_url', text)
    .addColumn('step_content_theme_url', text)
    .addColumn('apply_on_mobile', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('strings', 'json', (c) => c.notNull().defaultTo(sql`'{}'::json`))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tenant_cobrowse_settings')
    .addColumn('tenant_id', text, (c) => c.primaryKey().references('tenants.id').onDelete('cascade'))
    .addColumn('block_selectors', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('mask_text_selectors', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('remote_client_url', text)
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('recording', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('tenant_cobrowse_settings').execute();
  await db.schema.dropTable('tenant_branding').execute();
}
