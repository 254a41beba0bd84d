import { sql, type Kysely } from 'kysely';

/**
 * Per-tenant configuration of live help (SQLite: migration 0012): whether agents may transfer
 * sessions, and to a skill's queue too. One row per tenant that changed it; without one, both on.
 */
const text = sql`text COLLATE "C"`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tenant_config')
    .addColumn('tenant_id', text, (c) => c.primaryKey().references('tenants.id').onDelete('cascade'))
    .addColumn('allow_session_transfer', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('agent_to_skill_transfer', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('tenant_config').execute();
}
