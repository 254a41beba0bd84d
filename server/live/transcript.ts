/**
 * Chat transcripts as plain-text mail, and the development mail sink.
 *
 * Every transcript is written to the `mail_outbox` table first (`npm run cloud -- mail list`
 * shows it). Without an SMTP server (`serve --smtp`, live/mailer.ts) the **development mail
 * sink** is what sends it: nothing is delivered, and a line tagged `[DEV MAIL SINK]` goes to
 * stderr.
 */
import type { ChatEvent } from '../../src/protocol/live.js';
import type { LiveSessionRecord, MailRecord, NewMail, Store } from '../store/types.js';

/** Most transcript mails one session may send. */
export const MAX_TRANSCRIPTS = 3;

const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');

function who(event: ChatEvent): string {
  if (event.author.role === 'agent') return event.author.name ?? 'Agent';
  return event.author.role === 'customer' ? 'You' : 'Support';
}

function line(event: ChatEvent): string | undefined {
  switch (event.type) {
    case 'message':
      return `${who(event)}: ${event.text ?? ''}`;
    case 'file':
      return `${who(event)} shared a file: ${event.file?.name ?? 'file'} (${event.file?.size ?? 0} bytes)`;
    case 'presence':
      return `${who(event)} ${event.presence === 'joined' ? 'joined' : 'left'} the chat`;
    case 'state':
      return event.state === 'ended' ? 'The chat ended' : undefined;
    case 'rating':
      return undefined;
  }
}

/** The subject and plain-text body of a session's transcript. */
export function renderTranscript(tenantName: string, session: LiveSessionRecord, events: readonly ChatEvent[]) {
  const lines = events.flatMap((e) => {
    const text = line(e);
    // Indent continuation lines so that a message cannot pass for another speaker.
    return text === undefined ? [] : [`[${time(e.at)}] ${text.replace(/\r?\n/g, '\n    ')}`];
  });
  const body = [
    `Transcript of your ${session.kind === 'call' ? 'call' : 'chat'} with ${tenantName} support`,
    `Session ${session.id}, started ${time(session.createdAt)}`,
    '',
    ...(lines.length ? lines : ['(no messages)']),
    '',
  ].join('\n');
  return { subject: `Your ${tenantName} support transcript`, body };
}

/** What sends transcript mail: the development sink, or SMTP (live/mailer.ts). */
export interface MailSender {
  /** Queues the mail in the outbox (it is accepted once this resolves) and starts its delivery. */
  send(mail: Omit<NewMail, 'createdAt'>): Promise<MailRecord>;
  /** Stops delivering; resolves when deliveries under way have finished or been given up. */
  close(): Promise<void>;
}

/** Writes mail to the outbox and says so on the log (stderr by default); delivers nothing. */
export class DevMailSink implements MailSender {
  constructor(
    private readonly store: Store,
    private readonly log: (line: string) => void = (l) => void process.stderr.write(`${l}\n`),
  ) {}

  async send(mail: Omit<NewMail, 'createdAt'>): Promise<MailRecord> {
    const record = await this.store.queueMail({ ...mail, createdAt: Date.now() });
    this.log(`[DEV MAIL SINK] queued ${record.id} to ${record.to}: "${record.subject}" (not delivered; npm run cloud -- mail list)`);
    return record;
  }

  async close(): Promise<void> {}
}
