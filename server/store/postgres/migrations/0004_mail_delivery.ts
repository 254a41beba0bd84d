import { sql, type Kysely } from 'kysely';

/**
 * Mail delivery across restarts and processes, and each tenant's own SMTP server (SQLite: 0010).
 *
 * - `tenant_mail_settings`: one row per tenant that has its own SMTP URL (password included) and,
 *   optionally, its From address.
 * - `mail_outbox`: the SMTP tries made so far, what the last failed one said (an error code), and
 *   the lease of the process delivering the mail (`claimed_by`, `claimed_until`), taken with a
 *   conditional UPDATE before each try; a claim whose process died lapses.
 * - A partial index holds the queued mails only.
 */
const text = sql`text COLLATE "C"`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tenant_mail_settings')
    .addColumn('tenant_id', text, (c) => c.primaryKey().references('tenants.id').onDelete('cascade'))
    .addColumn('smtp_url', text, (c) => c.notNull())
    .addColumn('mail_from', text)
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .alterTable('mail_outbox')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', text)
    .addColumn('claimed_by', text)
    .addColumn('claimed_until', 'bigint')
    .execute();
  await db.schema
    .createIndex('mail_outbox_queued')
    .on('mail_outbox')
    .columns(['created_at', 'id'])
    .where(sql.ref('sent_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('mail_outbox_queued').execute();
  await db.schema
    .alterTable('mail_outbox')
    .dropColumn('claimed_until')
    .dropColumn('claimed_by')
    .dropColumn('last_error')
    .dropColumn('attempts')
    .execute();
  await db.schema.dropTable('tenant_mail_settings').execute();
}
