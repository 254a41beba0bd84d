import type { Kysely } from 'kysely';

/**
 * Per-tenant configuration of live help ("Admin > Settings > Configurations"): one row per tenant
 * that changed it. `allow_session_transfer`: agents may hand a session to another agent or a
 * skill's queue; `agent_to_skill_transfer`: to a skill's queue too. A tenant without a row has
 * both on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tenant_config')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id').onDelete('cascade'))
    .addColumn('allow_session_transfer', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('agent_to_skill_transfer', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('tenant_config').execute();
}
