import { sql, type Kysely } from 'kysely';

/**
 * Mail delivery across restarts and processes, and each tenant's own SMTP server.
 *
 * - `tenant_mail_settings`: one row per tenant that has its own SMTP URL (with the password, so
 *   the database is a secret like the URL) and, optionally, its From address.
 * - `mail_outbox` gets the delivery state of a queued mail: the SMTP tries made so far
 *   (`attempts`), what the last failed one said (`last_error`: an error code, never content),
 *   and the lease of the process delivering it (`claimed_by`, `claimed_until`): a process claims
 *   a mail with a conditional UPDATE before each try, so two processes never try it at once, and
 *   a claim whose process died lapses.
 * - A partial index holds the queued mails only, in the order the resend takes them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tenant_mail_settings')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id').onDelete('cascade'))
    .addColumn('smtp_url', 'text', (c) => c.notNull())
    .addColumn('mail_from', 'text')
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('mail_outbox').addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('mail_outbox').addColumn('last_error', 'text').execute();
  await db.schema.alterTable('mail_outbox').addColumn('claimed_by', 'text').execute();
  await db.schema.alterTable('mail_outbox').addColumn('claimed_until', 'integer').execute();
  await db.schema
    .createIndex('mail_outbox_queued')
    .on('mail_outbox')
    .columns(['created_at', 'id'])
    .where(sql.ref('sent_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('mail_outbox_queued').execute();
  for (const column of ['claimed_until', 'claimed_by', 'last_error', 'attempts']) {
    await db.schema.alterTable('mail_outbox').dropColumn(column).execute();
  }
  await db.schema.dropTable('tenant_mail_settings').execute();
}
