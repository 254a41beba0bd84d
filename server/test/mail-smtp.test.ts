/**
 * Transcript mail over SMTP (server/live/mailer.ts), against real SMTP servers on free ports
 * (the `smtp-server` package, the receiving end): delivery with the URL's credentials, the outbox
 * marked sent, retries with backoff while the SMTP server is down, and giving up without harm; a
 * tenant's own SMTP server (set by the CLI while the server runs) next to the server's; queued
 * mail delivered after a restart and by the periodic sweep, within its attempts; and two
 * processes on one store delivering each mail once.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { afterEach, describe, test } from 'node:test';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import { routePath, ROUTES } from '../../src/protocol/routes.js';
import { runCli } from '../commands.js';
import { Mailer, type MailPolicy, type SmtpOptions } from '../live/mailer.js';
import { DevMailSink } from '../live/transcript.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/types.js';
import { client, freePort } from './helpers.js';
import { acceptedChat, closeAll, eventually, sleep, startLiveServer } from './live-helpers.js';
import { engines, ENGINES, targetOf } from './store-engines.js';

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

const smtpUrl = (port: number) => `smtp://nexus:s3cret@127.0.0.1:${port}`;
const SERVER_FROM = 'Acme Support <support@acme.test>';

/** A live server delivering over SMTP at `port` (none: only tenants with their own), with short retry delays. */
async function mailingServer(port: number | undefined, retryDelaysMs = [150, 300]) {
  const logs = logSink();
  const server = await startLiveServer({
    logger: true,
    logStream: logs.stream,
    live: { offerTimeoutMs: 60_000, ...(port !== undefined && { smtp: { url: smtpUrl(port), from: SERVER_FROM } }), mailPolicy: { retryDelaysMs } },
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
    // The SMTP server has the mail a moment before the sender hears its answer and logs it.
    const delivered = await eventually(async () => logs.lines.find((l) => l.msg === 'mail: delivered'), (line) => line !== undefined);
    assert.equal(delivered?.attempt, 2);
    await eventually(() => server.store.listMail(), (list) => list[0]?.sentAt !== null);
    assert.deepEqual(await deliveries(server), { sent: 1, retry: 1, failed: 0 });
  });

  test('a server that stays down: tried 1 + retries times, logged without content, the mail stays queued, the server serves on', async () => {
    const port = await freePort();
    const { server, logs } = await mailingServer(port, [100, 100]);
    const { sessionToken, sessionId } = await chatToTheEnd(server);

    const started = Date.now();
    assert.equal((await askTranscript(server, sessionToken, sessionId, 'sam@example.org')).status, 202);
    const gaveUp = await eventually(async () => logs.lines.find((l) => l.msg === 'mail: delivery failed; the mail stays queued in the outbox and is tried again later'), Boolean, 5000);
    assert.ok(Date.now() - started >= 200, 'the retries waited for their delays');
    assert.deepEqual([gaveUp?.attempt, gaveUp?.attempts, gaveUp?.level, gaveUp?.code, gaveUp?.via], [3, 3, 40, 'ESOCKET', 'server']);
    assert.equal(logs.lines.filter((l) => l.msg === 'mail: delivery failed; trying again').length, 2);
    assert.deepEqual(await deliveries(server), { sent: 0, retry: 2, failed: 1 });
    const [queued] = await server.store.listMail();
    assert.deepEqual([queued.to, queued.sentAt, queued.attempts, queued.lastError], ['sam@example.org', null, 3, 'ESOCKET']);
    assert.ok(!logs.text().includes('sam@example.org') && !logs.text().includes('That fixed it'), 'no address or text in the log');
    assert.equal((await client(server.url).get(ROUTES.health)).status, 200);
    // The transcript limit still counts the accepted request.
    assert.equal((await askTranscript(server, sessionToken, sessionId)).status, 202);
    await sleep(50);
  });
});

/** A mailer on `store`, as a server process has one, with its log lines and development-sink lines kept. */
function mailer(store: Store, smtp: SmtpOptions | undefined, policy: Partial<MailPolicy>) {
  const logs = logSink();
  const sink: string[] = [];
  const sender = new Mailer(store, { smtp, policy }, pino({ level: 'info' }, logs.stream), new DevMailSink(store, (line) => sink.push(line)));
  cleanup.push(() => sender.close());
  return { sender, logs, sink };
}

/** A receiving end on a free port, closed after the test. */
async function smtpServer() {
  const port = await freePort();
  const end = await receivingEnd(port);
  cleanup.push(end.close);
  return { port, ...end };
}

const subjects = (received: Received[]) => received.map((r) => parse(r.raw).headers.get('subject')).sort();
const mail = (tenantId: string, subject: string) => ({ tenantId, to: 'pat@example.com', subject, body: 'Hello' });

describe('a tenant with its own SMTP server', () => {
  test("gets its mail there, another tenant the server's; a changed URL holds for the next mail; cleared: the server's again", async () => {
    const [server, own, moved] = [await smtpServer(), await smtpServer(), await smtpServer()];
    const store = await ENGINES.sqlite.open();
    await store.createTenant('t1', 'T1');
    await store.createTenant('t2', 'T2');
    await store.setMailSettings('t1', { smtpUrl: smtpUrl(own.port), from: 'T1 Help <help@t1.test>' });
    const { sender, logs } = mailer(store, { url: smtpUrl(server.port), from: SERVER_FROM }, { retryDelaysMs: [] });

    await sender.send(mail('t1', 'one'));
    await sender.send(mail('t2', 'two'));
    await eventually(async () => own.received.length + server.received.length, (n) => n === 2);
    assert.deepEqual([subjects(own.received), subjects(server.received)], [['one'], ['two']]);
    assert.deepEqual([own.received[0].from, server.received[0].from], ['help@t1.test', 'support@acme.test']);

    await store.setMailSettings('t1', { smtpUrl: smtpUrl(moved.port), from: null });
    await sender.send(mail('t1', 'three'));
    await eventually(async () => moved.received.length, (n) => n === 1);
    assert.equal(moved.received[0].from, 'support@acme.test', "without its own From, the server's");
    await store.clearMailSettings('t1');
    await sender.send(mail('t1', 'four'));
    await eventually(async () => server.received.length, (n) => n === 2);
    assert.deepEqual([subjects(own.received), subjects(moved.received), subjects(server.received)], [['one'], ['three'], ['four', 'two']]);

    const delivered = logs.lines.filter((l) => l.msg === 'mail: delivered').map((l) => [l.via, l.smtp]);
    assert.deepEqual(delivered.slice(0, 1), [['tenant', `smtp://127.0.0.1:${own.port}`]]);
    assert.ok(!logs.text().includes('s3cret') && !logs.text().includes('pat@example.com'), 'no password or address in the log');
  });

  test('set by the CLI while a server without --smtp runs: its transcripts go over SMTP, not to the development sink', async () => {
    const own = await smtpServer();
    const { server } = await mailingServer(undefined);
    const cli = (args: string[]) => runCli(['--database', server.dbFile, ...args], { out: () => undefined, err: () => undefined });
    assert.equal(await cli(['mail', 'smtp', 'set', '--tenant', 'demo', smtpUrl(own.port), '--from', 'Demo <help@demo.test>']), 0);
    const { sessionToken, sessionId } = await chatToTheEnd(server);
    assert.equal((await askTranscript(server, sessionToken, sessionId)).status, 202);
    await eventually(async () => own.received.length, (n) => n === 1);
    assert.deepEqual([own.received[0].user, own.received[0].from], ['nexus', 'help@demo.test']);
    assert.equal(server.mail.length, 0, 'the development sink is not used');

    assert.equal(await cli(['mail', 'smtp', 'clear', '--tenant', 'demo']), 0);
    assert.equal((await askTranscript(server, sessionToken, sessionId)).status, 202);
    await eventually(async () => server.mail.length, (n) => n === 1);
    assert.match(server.mail[0], /^\[DEV MAIL SINK\] queued/);
    assert.equal(own.received.length, 1);
  });
});

describe('queued mail', () => {
  test('queued while SMTP was down, the server stopped, started again with SMTP up: delivered once after the restart', async () => {
    const port = await freePort();
    const { server, logs } = await mailingServer(port, [60_000]);
    const { sessionToken, sessionId } = await chatToTheEnd(server);
    assert.equal((await askTranscript(server, sessionToken, sessionId)).status, 202);
    await eventually(async () => logs.lines.some((l) => l.msg === 'mail: delivery failed; trying again'), Boolean);
    // Stopped while the mail waits a minute for its retry: the claim is released, not left to lapse.
    const smtp = await receivingEnd(port);
    cleanup.push(smtp.close);
    await server.restart();
    await eventually(async () => smtp.received.length, (n) => n === 1);
    const [sent] = await eventually(() => server.store.listMail(), (list) => list[0]?.sentAt !== null);
    assert.deepEqual([sent.attempts, sent.lastError], [2, 'ESOCKET']);
    await sleep(300);
    assert.equal(smtp.received.length, 1, 'delivered once');
    assert.ok(logs.lines.some((l) => l.msg === 'mail: delivering queued mails' && l.mails === 1));
  });

  test('the sweep tries a failed mail again: delivered once its SMTP server is back, without a restart', async () => {
    const port = await freePort();
    const store = await ENGINES.sqlite.open();
    await store.createTenant('t', 'T');
    const { sender, logs } = mailer(store, { url: smtpUrl(port) }, { retryDelaysMs: [], sweepMs: 150 });
    sender.start();
    await sender.send(mail('t', 'late'));
    const later = 'mail: delivery failed; the mail stays queued in the outbox and is tried again later';
    await eventually(async () => logs.lines.filter((l) => l.msg === later).length, (n) => n >= 2);
    const smtp = await receivingEnd(port);
    cleanup.push(smtp.close);
    await eventually(async () => smtp.received.length, (n) => n === 1);
    await sleep(400);
    assert.equal(smtp.received.length, 1, 'delivered once');
    const [sent] = await store.listMail();
    assert.ok(sent.sentAt !== null && sent.attempts >= 3, `sent after ${sent.attempts} attempts`);
  });

  test('after maxAttempts tries a mail stays queued, with an error line, and is not tried again', async () => {
    const port = await freePort();
    const store = await ENGINES.sqlite.open();
    await store.createTenant('t', 'T');
    const { sender, logs } = mailer(store, { url: smtpUrl(port) }, { retryDelaysMs: [50], sweepMs: 100, maxAttempts: 3 });
    sender.start();
    await sender.send(mail('t', 'never'));
    const spent = await eventually(async () => logs.lines.find((l) => l.msg === 'mail: delivery failed; no attempts left: the mail stays queued in the outbox'), Boolean);
    assert.deepEqual([spent?.level, spent?.attempts], [50, 3]);
    await sleep(400);
    const [queued] = await store.listMail();
    assert.deepEqual([queued.sentAt, queued.attempts, queued.lastError], [null, 3, 'ESOCKET']);
    assert.equal(logs.lines.filter((l) => /^mail: delivery failed/.test(l.msg)).length, 3, 'three tries, no more');
  });

  for (const engine of engines) {
    test(`${engine.name}: two processes starting at once on one store deliver each queued mail once`, async () => {
      const smtp = await smtpServer();
      const store = await engine.open();
      await store.createTenant('t', 'T');
      const queued = Array.from({ length: 12 }, (_, i) => `left ${i}`);
      for (const [i, subject] of queued.entries()) await store.queueMail({ ...mail('t', subject), createdAt: 1000 + i });
      const stores = [await openStore(targetOf(store)), await openStore(targetOf(store))];
      cleanup.push(() => Promise.all(stores.map((s) => s.close())));
      const processes = stores.map((s) => mailer(s, { url: smtpUrl(smtp.port) }, {}).sender);
      processes.forEach((p) => p.start());
      await eventually(async () => smtp.received.length, (n) => n >= queued.length, 5000);
      await sleep(300);
      assert.deepEqual(subjects(smtp.received), [...queued].sort(), 'each once');
      const outbox = await store.listMail();
      assert.ok(outbox.every((m) => m.sentAt !== null && m.attempts === 1), 'all sent, each tried once');
    });
  }
});
