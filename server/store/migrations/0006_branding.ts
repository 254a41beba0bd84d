import { sql, type Kysely } from 'kysely';

/**
 * Portal branding (the guide's "Self-Support Branding"): one row per tenant that set any, with
 * the theme and step-content theme URLs, whether the theme applies on mobile devices, and string
 * overrides as JSON (`{ "<locale tag or *>": { "<catalogue key>": "text" } }`). A tenant without a
 * row has the defaults: no themes, applied on mobile, no overrides.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tenant_branding')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id').onDelete('cascade'))
    .addColumn('theme_url', 'text')
    .addColumn('step_content_theme_url', 'text')
    .addColumn('apply_on_mobile', 'integer', (c) => c.notNull().defaultTo(1).check(sql`apply_on_mobile IN (0, 1)`))
    .addColumn('strings', 'text', (c) => c.notNull().defaultTo('{}').check(sql`json_valid(strings)`))
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('tenant_branding').execute();
}
