/**
 * The mail outbox for both stores, and the lease that keeps its delivery to one process at a
 * time (live/mailer.ts delivers).
 *
 * A queued mail has `sent_at` null. Before each SMTP try a process claims it: a conditional
 * UPDATE that succeeds only while the mail is unsent, under the attempt limit, and free (no
 * claim, a lapsed one, or the same process's). In PostgreSQL the second of two concurrent
 * UPDATEs of a row waits for the first and then checks its WHERE again on the new row, so of two
 * processes exactly one gets the claim; SQLite has one writer at a time anyway. A claim holds
 * until `claimed_until`: a process that dies mid-try leaves a claim that lapses, and another
 * process (or the same one, restarted) takes the mail then.
 */
import { newId } from '../../ids.js';
import type { MailClaim, MailRecord, NewMail } from '../types.js';
import type { Db } from './engine.js';
import { mailRow, toMail } from './rows.js';

/** Store.queueMail: a new mail, unsent and never tried. */
export async function queueMail(db: Db, mail: NewMail): Promise<MailRecord> {
  const record: MailRecord = { ...mail, id: newId('mail'), sentAt: null, attempts: 0, lastError: null };
  await db.insertInto('mail_outbox').values(mailRow(record)).execute();
  return record;
}

/** Store.listMail: oldest first; one tenant's or everyone's. */
export async function listMail(db: Db, tenantId?: string): Promise<MailRecord[]> {
  let query = db.selectFrom('mail_outbox').selectAll().orderBy('created_at').orderBy('id');
  if (tenantId !== undefined) query = query.where('tenant_id', '=', tenantId);
  return (await query.execute()).map(toMail);
}

/** Store.markMailSent: the first time a mail was delivered is kept, and its claim is gone. */
export async function markMailSent(db: Db, id: string, sentAt: number): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ sent_at: sentAt, claimed_by: null, claimed_until: null })
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    .execute();
}

/** The oldest due mails nobody holds: the candidates of a claim without ids. */
async function dueMail(db: Db, claim: MailClaim): Promise<string[]> {
  let query = db
    .selectFrom('mail_outbox')
    .select('id')
    .where('sent_at', 'is', null)
    .where('attempts', '<', claim.maxAttempts)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', claim.now)]))
    .orderBy('created_at')
    .orderBy('id')
    .limit(claim.limit ?? 100);
  if (claim.configuredTenantsOnly) query = query.where('tenant_id', 'in', db.selectFrom('tenant_mail_settings').select('tenant_id'));
  return (await query.execute()).map((row) => row.id);
}

/** Store.claimMail: one conditional UPDATE per candidate; the ones it changed are the claimed ones. */
export async function claimMail(db: Db, claim: MailClaim): Promise<MailRecord[]> {
  const ids = claim.ids ?? (await dueMail(db, claim));
  const claimed: MailRecord[] = [];
  for (const id of ids) {
    const row = await db
      .updateTable('mail_outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), claimed_by: claim.owner, claimed_until: claim.now + claim.leaseMs }))
      .where('id', '=', id)
      .where('sent_at', 'is', null)
      .where('attempts', '<', claim.maxAttempts)
      // By id, the owner renews its own claim (its next try); the sweep takes free mails only.
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', claim.now), ...(claim.ids ? [eb('claimed_by', '=', claim.owner)] : [])]))
      .returningAll()
      .executeTakeFirst();
    if (row) claimed.push(toMail(row));
  }
  return claimed;
}

/** Store.releaseMail: only the claim's owner, only while unsent. */
export async function releaseMail(db: Db, id: string, owner: string, error: string, until: number | null): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ last_error: error, claimed_until: until, claimed_by: until === null ? null : owner })
    .where('id', '=', id)
    .where('claimed_by', '=', owner)
    .where('sent_at', 'is', null)
    .execute();
}
