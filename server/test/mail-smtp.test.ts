/**
 * Transcript mail over SMTP (server/live/mailer.ts), against a real SMTP server on a free port
 * (the `smtp-server` package, the receiving end): delivery with the URL's credentials, the outbox
 * marked sent, retries with backoff while the SMTP server is down, and giving up without harm.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { afterEach, describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { routePath, ROUTES } from '../../src/protocol/routes.js';
import { client, freePort } from './helpers.js';
import { acceptedChat, closeAll, eventually, sleep, startLiveServer } from './live-helpers.js';

interface Received {
  from: string;
  to: string[];
  user: string | undefined;
  raw: string;
}

/** A real SMTP server on 127.0.0.1:`port` that takes mail from user `nexus` (password `s3cret`) and keeps it. */
async function receivingEnd(port: number) {
  const received: Received[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === 'nexus' && auth.password === 's3cret') return callback(null, { user: auth.username });
      callback(new Error('invalid credentials'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Quoted-printable text (RFC 2045) as UTF-8. */
const decodeQuotedPrintable = (text: string) =>
  Buffer.from(text.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');

/** The headers and decoded text body of a single-part message. */
function parse(raw: string) {
  const [head, ...rest] = raw.split('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const at = line.indexOf(':');
    headers.set(line.slice(0, at).toLowerCase(), line.slice(at + 1).trim());
  }
  const body = rest.join('\r\n\r\n');
  const text = headers.get('content-transfer-encoding') === 'quoted-printable' ? decodeQuotedPrintable(body) : body;
  return { headers, text };
}

/** The app's `nexus_mail_deliveries_total` by result. */
async function deliveries(server: Awaited<ReturnType<typeof startLiveServer>>) {
  const text = await server.app.metrics.render();
  const count = (result: string) => Number(new RegExp(`^nexus_mail_deliveries_total\\{result="${result}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  return { sent: count('sent'), retry: count('retry'), failed: count('failed') };
}

/** JSON log lines, kept. */
function logSink() {
  const lines: Record<string, any>[] = [];
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { stream, lines, text: () => text };
}

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** A live server delivering over SMTP at `port`, with short retry delays. */
async function mailingServer(port: number, retryDelaysMs = [150, 300]) {
  const logs = logSink();
  const server = await startLiveServer({
    logger: true,
    logStream: logs.stream,
    live: { offerTimeoutMs: 60_000, smtp: { url: `smtp://nexus:s3cret@127.0.0.1:${port}`, from: 'Acme Support <support@acme.test>', retryDelaysMs } },
  });
  cleanup.push(() => server.close());
  return { server, logs };
}

/** A chat with two messages each way, ended by the agent; returns the customer's session token and id. */
async function chatToTheEnd(server: Awaited<ReturnType<typeof startLiveServer>>) {
  const { alex, customer, grant } = await acceptedChat(server);
  await customer.say('My smart bulb keeps blinking red');
  await alex.say('Hold the switch for five seconds, please', grant.session.id);
  await customer.say('That fixed it, thanks!');
  alex.send({ type: 'end', sessionId: grant.session.id });
  await customer.next('event', (f) => f.event.state === 'ended');
  await closeAll(alex, customer);
  return { sessionToken: grant.sessionToken, sessionId: grant.session.id };
}

const askTranscript = (server: { url: string }, sessionToken: string, sessionId: string, email = 'pat@example.com') =>
  client(server.url, sessionToken).post(routePath(ROUTES.liveTranscript, { id: sessionId }), { email });

describe('transcript mail over SMTP', () => {
  test('is delivered with the URL credentials: to, subject and every message, and the outbox says sent', async () => {
    const port = await freePort();
    const smtp = await receivingEnd(port);
    cleanup.push(smtp.close);
    const { server, logs } = await mailingServer(port);
    const { sessionToken, sessionId } = await chatToTheEnd(server);

    const res = await askTranscript(server, sessionToken, sessionId);
    assert.equal(res.status, 202);
    await eventually(async () => smtp.received.length, (n) => n === 1);
    const [mail] = smtp.received;
    assert.deepEqual([mail.user, mail.from, mail.to], ['nexus', 'support@acme.test', ['pat@example.com']]);
    const { headers, text } = parse(mail.raw);
    assert.equal(headers.get('to'), 'pat@example.com');
    assert.equal(headers.get('subject'), 'Your Demo support transcript');
    assert.match(headers.get('from') ?? '', /support@acme\.test/);
    for (const said of ['You: My smart bulb keeps blinking red', 'Alex: Hold the switch for five seconds, please', 'You: That fixed it, thanks!']) {
      assert.ok(text.includes(said), `the body has '${said}':\n${text}`);
    }
    const [outbox] = await eventually(
      () => server.store.listMail(),
      (list) => list.length === 1 && list[0].sentAt !== null,
    );
    assert.equal(outbox.to, 'pat@example.com');
    assert.equal(server.mail.length, 0, 'the development sink is not used');
    const delivered = logs.lines.find((l) => l.msg === 'mail: delivered');
    assert.equal(delivered?.mailId, outbox.id);
    assert.deepEqual(await deliveries(server), { sent: 1, retry: 0, failed: 0 });
    assert.ok(!logs.text().includes('pat@example.com') && !logs.text().includes('blinking') && !logs.text().includes('s3cret'), 'no address, text or password in the log');
  });

  test('a server down at first: the attempt is retried with backoff, and delivered once it is up', async () => {
    const port = await freePort();
    const { server, logs } = await mailingServer(port, [400, 400]);
    const { sessionToken, sessionId } = await chatToTheEnd(server);

    assert.equal((await askTranscript(server, sessionToken, sessionId)).status, 202, 'accepted while the SMTP server is down');
    await eventually(async () => logs.lines.filter((l) => l.msg === 'mail: delivery failed; trying again').length, (n) => n === 1);
    const smtp = await receivingEnd(port);
    cleanup.push(smtp.close);
    await eventually(async () => smtp.received.length, (n) => n === 1, 5000);
    const retry = logs.lines.find((l) => l.msg === 'mail: delivery failed; trying again');
    assert.deepEqual([retry?.attempt, retry?.code, retry?.retryInMs, retry?.level], [1, 'ESOCKET', 400, 40]);
    assert.equal(logs.lines.find((l) => l.msg === 'mail: delivered')?.attempt, 2);
    await eventually(() => server.store.listMail(), (list) => list[0]?.sentAt !== null);
    assert.deepEqual(await deliveries(server), { sent: 1, retry: 1, failed: 0 });
  });

  test('a server that stays down: tried 1 + retries times, logged without content, the mail stays queued, the server serves on', async () => {
    const port = await freePort();
    const { server, logs } = await mailingServer(port, [100, 100]);
    const { sessionToken, sessionId } = await chatToTheEnd(server);

    const started = Date.now();
    assert.equal((await askTranscript(server, sessionToken, sessionId, 'sam@example.org')).status, 202);
    const gaveUp = await eventually(async () => logs.lines.find((l) => l.msg === 'mail: delivery failed; the mail stays queued in the outbox'), Boolean, 5000);
    assert.ok(Date.now() - started >= 200, 'the retries waited for their delays');
    assert.deepEqual([gaveUp?.attempt, gaveUp?.level, gaveUp?.code], [3, 50, 'ESOCKET']);
    assert.equal(logs.lines.filter((l) => l.msg === 'mail: delivery failed; trying again').length, 2);
    assert.deepEqual(await deliveries(server), { sent: 0, retry: 2, failed: 1 });
    const [queued] = await server.store.listMail();
    assert.deepEqual([queued.to, queued.sentAt], ['sam@example.org', null]);
    assert.ok(!logs.text().includes('sam@example.org') && !logs.text().includes('That fixed it'), 'no address or text in the log');
    assert.equal((await client(server.url).get(ROUTES.health)).status, 200);
    // The transcript limit still counts the accepted request.
    assert.equal((await askTranscript(server, sessionToken, sessionId)).status, 202);
    await sleep(50);
  });
});
