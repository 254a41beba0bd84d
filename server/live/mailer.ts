/**
 * Transcript mail delivered over SMTP (nodemailer), from the outbox.
 *
 * Where a mail goes: the tenant's own SMTP server when it has one (`mail smtp set`, stored in the
 * database), else the server's (`serve --smtp smtp://user:pass@host:587` or `NEXUS_SMTP_URL`;
 * `smtps://` for TLS from the first byte), else the development mail sink (transcript.ts), which
 * delivers nothing. The tenant's setting is read again for every try, so a URL changed by the CLI
 * while the server runs holds from the next try on; one transport is kept per tenant and built
 * again when its URL changes.
 *
 * A mail is written to the outbox first: once that is done the request is accepted (202), and
 * delivery goes on in the background. Before each SMTP try the process claims the mail in the
 * store (`Store.claimMail`: a lease, so that of several processes on one database one tries it,
 * and a dead process's claim lapses after `leaseMs`); each try counts one attempt.
 *
 * The retry policy (MailPolicy):
 * - a **round** is one try and, after a failure, one more after each of `retryDelaysMs` (by
 *   default 2 s, 10 s, 1 min), in this process;
 * - a mail whose round failed stays queued (warning line); every `sweepMs` (1 min) the process
 *   claims the queued mails nobody holds and runs a round for each, and it does so once when it
 *   starts: mails left by a stopped or crashed process, or queued while SMTP was down, go out;
 * - after `maxAttempts` tries (20) a mail is not tried again: it stays queued in the outbox
 *   (`mail list` shows it with its attempts and last error) and an error line says so.
 *
 * A delivered mail gets its `sent_at`. Delivery never throws into the server, and the log names
 * the mail by id and tenant only: never its address, subject or text, nor the SMTP password.
 */
import type { FastifyBaseLogger } from 'fastify';
import { createTransport } from 'nodemailer';
import { newId } from '../ids.js';
import type { MailRecord, NewMail, Store } from '../store/types.js';
import type { DevMailSink, MailSender } from './transcript.js';

/** The sender address when none is configured. */
export const DEFAULT_MAIL_FROM = 'Nexus Cloud <no-reply@localhost>';
/** How long `close` waits for attempts under way before it cuts the SMTP connections. */
const CLOSE_WAIT_MS = 5000;
/** Most mails one sweep claims. */
const SWEEP_LIMIT = 50;

/** The server's SMTP server (`serve --smtp`). */
export interface SmtpOptions {
  /** `smtp://[user:password@]host[:port]` (STARTTLS when the server offers it) or `smtps://…`. */
  url: string;
  /** The From address (default DEFAULT_MAIL_FROM); also of tenants with a URL but no From. */
  from?: string;
}

/** When and how often a mail is tried (see the top of this file). */
export interface MailPolicy {
  /** The waits before each retry of a round: as many retries as entries. */
  retryDelaysMs: readonly number[];
  /** How often queued mails nobody holds are claimed for another round. */
  sweepMs: number;
  /** Tries of one mail, over all rounds and processes, after which it is left queued. */
  maxAttempts: number;
  /** How long a claim holds for one try (a process that dies mid-try leaves it to lapse). */
  leaseMs: number;
  /** Connection, greeting and socket timeout of one try. */
  timeoutMs: number;
}

/** The production policy: rounds of 2 s, 10 s, 1 min; a sweep a minute; 20 tries; 2 min leases; 15 s timeouts. */
export const DEFAULT_MAIL_POLICY: MailPolicy = {
  retryDelaysMs: [2000, 10_000, 60_000],
  sweepMs: 60_000,
  maxAttempts: 20,
  leaseMs: 120_000,
  timeoutMs: 15_000,
};

/** What one try came to, for the metrics: delivered, failed with a retry due, or failed at the end of its round. */
export type DeliveryResult = 'sent' | 'retry' | 'failed';

/** The SMTP URL fit for a log line or the CLI: scheme, host and port, without user and password. */
export function describeSmtpUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}

/** Checks an SMTP URL; the message of the error says what is wrong (never the password). */
export function checkSmtpUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('the SMTP URL must look like smtp://user:password@host:587 or smtps://host:465');
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') throw new Error(`the SMTP URL must start with smtp:// or smtps://, not ${parsed.protocol}//`);
  if (!parsed.hostname) throw new Error('the SMTP URL names no host');
}

/** What a failed attempt says, without anything of the mail or the server's full answer. */
function failure(error: unknown) {
  const e = error as { code?: unknown; responseCode?: unknown; command?: unknown };
  return {
    code: typeof e.code === 'string' ? e.code : undefined,
    responseCode: typeof e.responseCode === 'number' ? e.responseCode : undefined,
    command: typeof e.command === 'string' ? e.command.split(' ')[0] : undefined,
  };
}

/** The outbox's `last_error`: the code and SMTP reply code of a failure. */
const errorText = (why: ReturnType<typeof failure>) => [why.code, why.responseCode].filter((part) => part !== undefined).join(' ') || 'error';

type Transport = ReturnType<typeof createTransport>;

/** Where one mail goes: a transport, its From, and the SMTP server for log lines. */
interface Route {
  transport: Transport;
  from: string;
  via: 'tenant' | 'server';
  smtp: string;
}

/**
 * The transports: the server's, and one per tenant with its own SMTP URL, built when first used
 * and again when the tenant's URL changes (the setting is read from the store for every route).
 */
export class MailTransports {
  private readonly server?: Transport;
  private readonly tenants = new Map<string, { url: string; transport: Transport }>();

  constructor(
    private readonly store: Store,
    private readonly smtp: SmtpOptions | undefined,
    private readonly timeoutMs: number,
  ) {
    if (smtp) {
      checkSmtpUrl(smtp.url);
      this.server = this.build(smtp.url);
    }
  }

  /** Whether the server has an SMTP server of its own (then every tenant's mail can go out). */
  get serverWide(): boolean {
    return this.server !== undefined;
  }

  /** The tenant's route: its own SMTP server, else the server's; undefined for the development sink. */
  async route(tenantId: string): Promise<Route | undefined> {
    const own = await this.store.getMailSettings(tenantId);
    const cached = this.tenants.get(tenantId);
    if (cached && cached.url !== own?.smtpUrl) {
      cached.transport.close();
      this.tenants.delete(tenantId);
    }
    if (own) {
      // Stored by `mail smtp set`, which checks it; checked again so that no error quotes the URL.
      checkSmtpUrl(own.smtpUrl);
      const entry = this.tenants.get(tenantId) ?? { url: own.smtpUrl, transport: this.build(own.smtpUrl) };
      this.tenants.set(tenantId, entry);
      return { transport: entry.transport, from: own.from ?? this.smtp?.from ?? DEFAULT_MAIL_FROM, via: 'tenant', smtp: describeSmtpUrl(own.smtpUrl) };
    }
    if (!this.server || !this.smtp) return undefined;
    return { transport: this.server, from: this.smtp.from ?? DEFAULT_MAIL_FROM, via: 'server', smtp: describeSmtpUrl(this.smtp.url) };
  }

  close() {
    this.server?.close();
    for (const { transport } of this.tenants.values()) transport.close();
    this.tenants.clear();
  }

  private build(url: string): Transport {
    const timeout = this.timeoutMs;
    return createTransport({ url, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
  }
}

/**
 * Sends transcript mail: over SMTP when the tenant or the server has an SMTP server, else through
 * the development sink. `start` begins the sweeps (the first one at once); `close` stops them.
 */
export class Mailer implements MailSender {
  private readonly policy: MailPolicy;
  private readonly transports: MailTransports;
  /** This process's name on its claims. */
  private readonly owner = newId('mailer');
  private readonly attempts = new Set<Promise<void>>();
  /** Mails waiting for a retry of their round: their timer and last error. */
  private readonly waiting = new Map<string, { timer: ReturnType<typeof setTimeout>; error: string }>();
  private sweeper?: ReturnType<typeof setInterval>;
  private sweeping = false;
  private closed = false;

  constructor(
    private readonly store: Store,
    options: { smtp?: SmtpOptions; policy?: Partial<MailPolicy> },
    private readonly log: FastifyBaseLogger,
    private readonly sink: DevMailSink,
    private readonly onResult: (result: DeliveryResult) => void = () => undefined,
  ) {
    this.policy = { ...DEFAULT_MAIL_POLICY, ...options.policy };
    this.transports = new MailTransports(store, options.smtp, this.policy.timeoutMs);
  }

  async send(mail: Omit<NewMail, 'createdAt'>): Promise<MailRecord> {
    if (!(await this.transports.route(mail.tenantId))) return this.sink.send(mail);
    const record = await this.store.queueMail({ ...mail, createdAt: Date.now() });
    this.attempt(record, 0, false);
    return record;
  }

  /** Delivers what the outbox holds now, then again every `sweepMs`. */
  start(): void {
    if (this.sweeper || this.closed) return;
    this.sweeper = setInterval(() => this.track(this.sweep()), this.policy.sweepMs);
    this.sweeper.unref();
    this.track(this.sweep());
  }

  /**
   * Stops the sweeps and the retries (their mails are released at once, for a process that
   * starts next), waits a little for tries under way, and closes the SMTP connections.
   */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    if (this.waiting.size) this.log.warn({ mails: this.waiting.size }, 'mail: the server stops; mails waiting for a retry stay queued in the outbox, free for the next process');
    const releases = [...this.waiting].map(([id, { timer, error }]) => {
      clearTimeout(timer);
      return this.store.releaseMail(id, this.owner, error, null).catch((e: unknown) => this.log.error({ err: e, mailId: id }, 'mail: a claim could not be released'));
    });
    this.waiting.clear();
    let wait: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([Promise.allSettled([...this.attempts, ...releases]), new Promise((resolve) => (wait = setTimeout(resolve, CLOSE_WAIT_MS)))]);
    clearTimeout(wait);
    this.transports.close();
  }

  /** Claims the queued mails nobody holds and starts a round for each. */
  private async sweep() {
    if (this.sweeping || this.closed) return;
    this.sweeping = true;
    try {
      const { leaseMs, maxAttempts } = this.policy;
      const claim = { owner: this.owner, now: Date.now(), leaseMs, maxAttempts, limit: SWEEP_LIMIT };
      const claimed = await this.store.claimMail({ ...claim, configuredTenantsOnly: !this.transports.serverWide });
      if (this.closed) {
        // Stopped meanwhile: the mails are left to the next process at once.
        await Promise.all(claimed.map((mail) => this.store.releaseMail(mail.id, this.owner, mail.lastError ?? 'not tried', null)));
        return;
      }
      if (claimed.length) this.log.info({ mails: claimed.length }, 'mail: delivering queued mails');
      for (const mail of claimed) this.attempt(mail, 0, true);
    } catch (error) {
      this.log.error({ err: error }, 'mail: the outbox could not be read; trying again later');
    } finally {
      this.sweeping = false;
    }
  }

  private attempt(record: MailRecord, index: number, claimed: boolean) {
    this.track(this.deliver(record, index, claimed).catch((error: unknown) => this.log.error({ err: error, mailId: record.id }, 'mail: delivery failed unexpectedly')));
  }

  /** Work that `close` waits for (briefly). */
  private track(work: Promise<void>) {
    this.attempts.add(work);
    void work.finally(() => this.attempts.delete(work));
  }

  /** Try `index` of a round: claims the mail (unless the sweep did), sends it, and records what happened. */
  private async deliver(record: MailRecord, index: number, claimed: boolean) {
    const { leaseMs, maxAttempts } = this.policy;
    const [mail] = claimed ? [record] : await this.store.claimMail({ owner: this.owner, now: Date.now(), leaseMs, maxAttempts, ids: [record.id] });
    const about = { mailId: record.id, tenantId: record.tenantId, attempt: index + 1 };
    if (!mail) {
      this.log.info(about, 'mail: not tried here (sent, held by another process, or out of attempts)');
      return;
    }
    const route = await this.transports.route(mail.tenantId);
    if (!route) {
      await this.store.releaseMail(mail.id, this.owner, 'no SMTP server', null);
      this.log.warn(about, 'mail: its tenant has no SMTP server any more; the mail stays queued in the outbox');
      return;
    }
    const at = { ...about, attempts: mail.attempts, via: route.via, smtp: route.smtp };
    try {
      await route.transport.sendMail({ from: route.from, to: mail.to, subject: mail.subject, text: mail.body });
    } catch (error) {
      await this.failed(mail, index, { ...at, ...failure(error) }, errorText(failure(error)));
      return;
    }
    this.onResult('sent');
    this.log.info(at, 'mail: delivered');
    // Sent is sent: a store that cannot record it now must not cause a second copy.
    await this.store.markMailSent(mail.id, Date.now()).catch((error: unknown) => this.log.error({ err: error, mailId: mail.id }, 'mail: delivered, but the outbox could not record it'));
  }

  /** After a failed try: a retry of the round, or the mail left queued (for a sweep, or for good). */
  private async failed(mail: MailRecord, index: number, about: Record<string, unknown>, error: string) {
    const delay = this.policy.retryDelaysMs[index];
    const spent = mail.attempts >= this.policy.maxAttempts;
    if (delay === undefined || this.closed || spent) {
      await this.store.releaseMail(mail.id, this.owner, error, null);
      this.onResult('failed');
      if (spent) this.log.error(about, 'mail: delivery failed; no attempts left: the mail stays queued in the outbox');
      else this.log.warn({ ...about, sweepMs: this.policy.sweepMs }, 'mail: delivery failed; the mail stays queued in the outbox and is tried again later');
      return;
    }
    // Held through the wait, so that no sweep (here or elsewhere) takes it meanwhile.
    await this.store.releaseMail(mail.id, this.owner, error, Date.now() + delay + this.policy.leaseMs);
    this.onResult('retry');
    this.log.warn({ ...about, retryInMs: delay }, 'mail: delivery failed; trying again');
    const timer = setTimeout(() => {
      this.waiting.delete(mail.id);
      this.attempt(mail, index + 1, false);
    }, delay);
    this.waiting.set(mail.id, { timer, error });
  }
}
