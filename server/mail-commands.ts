/**
 * The `mail` commands (commands.ts runs them): the outbox (`mail list`, `mail show`) and a
 * tenant's own SMTP server (`mail smtp set|show|clear`). The SMTP URL holds a password: it is
 * stored whole, and printed only as scheme://host:port (describeSmtpUrl). Setting and clearing go
 * through the service functions of server/admin/tenant.ts (actor `cli`, recorded in the audit log).
 */
import { CLI } from './admin/kit.js';
import { clearMailSettings, setMailSettings } from './admin/tenant.js';
import { checkSmtpUrl, describeSmtpUrl } from './live/mailer.js';
import { date, existingTenant, required } from './command-kit.js';
import type { Command } from './commands.js';
import type { MailRecord, TenantMailSettings } from './store/types.js';
import { UsageError } from './usage-error.js';

function mailStatus(m: MailRecord): string {
  if (m.sentAt !== null) return `sent ${date(m.sentAt)}`;
  return m.attempts ? `queued (${m.attempts} ${m.attempts === 1 ? 'attempt' : 'attempts'}, last: ${m.lastError ?? '-'})` : 'queued';
}

const mailLine = (m: MailRecord) => [m.id, m.tenantId, m.to, m.subject, date(m.createdAt), mailStatus(m)].join('\t');

/** A tenant's SMTP setting as lines of tab-separated fields, without the URL's user and password. */
function smtpLines(tenantId: string, settings: TenantMailSettings | undefined): string[] {
  if (!settings) return [`tenant\t${tenantId}`, "smtp\t- (the server's --smtp, else the development mail sink)"];
  return [`tenant\t${tenantId}`, `smtp\t${describeSmtpUrl(settings.smtpUrl)}`, `from\t${settings.from ?? "- (the server's)"}`, `updated\t${date(settings.updatedAt)}`];
}

/** `--from`: one address line (a line break would start another mail header). */
function fromAddress(value: string | undefined): string | null {
  if (value === undefined) return null;
  if (/[\r\n]/.test(value) || !/@[^@\s>]+/.test(value)) throw new UsageError(`--from must be one address, like 'Acme Support <support@acme.example>'`);
  return value;
}

/** The `mail …` entries of commands.ts's command table. */
export const MAIL_COMMANDS: Record<string, Command> = {
  'mail list': {
    args: [],
    options: ['tenant'],
    async run({ values, store, out }) {
      for (const m of await store.listMail(values.tenant)) out(mailLine(m));
    },
  },
  'mail show': {
    args: ['mailId'],
    options: [],
    async run({ args: [id], store, out }) {
      const mail = (await store.listMail()).find((m) => m.id === id);
      if (!mail) throw new Error(`there is no mail '${id}'`);
      out(`To: ${mail.to}\nSubject: ${mail.subject}\nDate: ${date(mail.createdAt)}\nStatus: ${mailStatus(mail)}\n\n${mail.body}`);
    },
  },
  'mail smtp set': {
    args: ['url'],
    options: ['tenant', 'from'],
    async run({ args: [url], values, store, out }) {
      const tenantId = required(values, 'tenant');
      try {
        checkSmtpUrl(url);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
      const from = fromAddress(values.from);
      smtpLines(tenantId, await setMailSettings(store, CLI, { tenantId, settings: { smtpUrl: url, from } })).forEach((line) => out(line));
    },
  },
  'mail smtp show': {
    args: [],
    options: ['tenant'],
    async run({ values, store, out }) {
      const tenantId = await existingTenant(store, required(values, 'tenant'));
      smtpLines(tenantId, await store.getMailSettings(tenantId)).forEach((line) => out(line));
    },
  },
  'mail smtp clear': {
    args: [],
    options: ['tenant'],
    async run({ values, store, out }) {
      const tenantId = required(values, 'tenant');
      const had = await clearMailSettings(store, CLI, { tenantId });
      out(had ? `removed the SMTP server of tenant ${tenantId}: its mail goes the server's way again` : `tenant ${tenantId} has no SMTP server of its own`);
    },
  },
};
