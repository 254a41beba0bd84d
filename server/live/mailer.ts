/**
 * Transcript mail delivered over SMTP (nodemailer), when the server is given an SMTP server
 * (`serve --smtp smtp://user:pass@host:587` or `NEXUS_SMTP_URL`; `smtps://` for TLS from the
 * first byte).
 *
 * A mail is written to the outbox first: once that is done the request is accepted (202), and
 * delivery goes on in the background. A failed attempt is tried again after each of
 * `retryDelaysMs` (by default 2 s, 10 s, 1 min); after the last one the mail stays queued in the
 * outbox (`mail list` shows it, `sent_at` empty) and an error line says so. A delivered mail gets
 * its `sent_at`. Delivery never throws into the server, and the log names the mail by id and
 * tenant only: never its address, subject or text, nor the SMTP password.
 */
import type { FastifyBaseLogger } from 'fastify';
import { createTransport } from 'nodemailer';
import type { MailRecord, NewMail, Store } from '../store/types.js';
import type { MailSender } from './transcript.js';

export const DEFAULT_RETRY_DELAYS_MS = [2000, 10_000, 60_000];
/** The sender address when none is configured. */
export const DEFAULT_MAIL_FROM = 'Nexus Cloud <no-reply@localhost>';
/** How long `close` waits for attempts under way before it cuts the SMTP connection. */
const CLOSE_WAIT_MS = 5000;

export interface SmtpOptions {
  /** `smtp://[user:password@]host[:port]` (STARTTLS when the server offers it) or `smtps://…`. */
  url: string;
  /** The From address (default DEFAULT_MAIL_FROM). */
  from?: string;
  /** The waits before each retry (default DEFAULT_RETRY_DELAYS_MS): as many retries as entries. */
  retryDelaysMs?: readonly number[];
  /** Connection, greeting and socket timeout of one attempt (default 15 s). */
  timeoutMs?: number;
}

export type DeliveryResult = 'sent' | 'retry' | 'failed';

/** The SMTP URL fit for a log line: scheme, host and port, without user and password. */
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

export class SmtpMailer implements MailSender {
  private readonly transport: ReturnType<typeof createTransport>;
  private readonly from: string;
  private readonly retryDelaysMs: readonly number[];
  private readonly attempts = new Set<Promise<void>>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private closed = false;

  constructor(
    private readonly store: Store,
    options: SmtpOptions,
    private readonly log: FastifyBaseLogger,
    private readonly onResult: (result: DeliveryResult) => void = () => undefined,
  ) {
    checkSmtpUrl(options.url);
    const timeout = options.timeoutMs ?? 15_000;
    this.transport = createTransport({ url: options.url, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
    this.from = options.from ?? DEFAULT_MAIL_FROM;
    this.retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  }

  async send(mail: Omit<NewMail, 'createdAt'>): Promise<MailRecord> {
    const record = await this.store.queueMail({ ...mail, createdAt: Date.now() });
    this.attempt(record, 0);
    return record;
  }

  /** Stops retrying, waits a little for attempts under way, and closes the SMTP connection. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    if (this.timers.size) this.log.warn({ mails: this.timers.size }, 'mail: the server stops; mails waiting for a retry stay queued in the outbox');
    this.timers.clear();
    let wait: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([Promise.allSettled([...this.attempts]), new Promise((resolve) => (wait = setTimeout(resolve, CLOSE_WAIT_MS)))]);
    clearTimeout(wait);
    this.transport.close();
  }

  private attempt(record: MailRecord, index: number) {
    const attempt = this.deliver(record, index).catch((error: unknown) => this.log.error({ err: error, mailId: record.id }, 'mail: delivery failed unexpectedly'));
    this.attempts.add(attempt);
    void attempt.finally(() => this.attempts.delete(attempt));
  }

  private async deliver(record: MailRecord, index: number) {
    const about = { mailId: record.id, tenantId: record.tenantId, attempt: index + 1 };
    try {
      await this.transport.sendMail({ from: this.from, to: record.to, subject: record.subject, text: record.body });
    } catch (error) {
      const delay = this.retryDelaysMs[index];
      if (delay === undefined || this.closed) {
        this.onResult('failed');
        this.log.error({ ...about, ...failure(error) }, 'mail: delivery failed; the mail stays queued in the outbox');
        return;
      }
      this.onResult('retry');
      this.log.warn({ ...about, ...failure(error), retryInMs: delay }, 'mail: delivery failed; trying again');
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.attempt(record, index + 1);
      }, delay);
      this.timers.add(timer);
      return;
    }
    this.onResult('sent');
    this.log.info(about, 'mail: delivered');
    // Sent is sent: a store that cannot record it now must not cause a second copy.
    await this.store.markMailSent(record.id, Date.now()).catch((error: unknown) => this.log.error({ err: error, mailId: record.id }, 'mail: delivered, but the outbox could not record it'));
  }
}
