/**
 * Structured logs (server/ops/logging.ts): one JSON line per request with its id, route pattern,
 * status and duration; the id echoed to the client; errors carry it too; and nothing secret or
 * personal in the stream: no token (in a header or a URL), no message text, no mail address.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { routePath, ROUTES } from '../../src/protocol/routes.js';
import { client, uid } from './helpers.js';
import { acceptedChat, closeAll, startLiveServer } from './live-helpers.js';

let server: Awaited<ReturnType<typeof startLiveServer>>;
let logText = '';
const lines = () => logText.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, any>);
const requestLine = (reqId: string) => lines().find((l) => l.reqId === reqId && l.msg === 'request');

before(async () => {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logText += String(chunk);
      done();
    },
  });
  server = await startLiveServer({ logger: true, logStream: stream, live: { offerTimeoutMs: 60_000 } });
});
after(() => server.close());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('request logs', () => {
  test('one line per request: the request id given (echoed), method, route pattern, status, duration; never the raw URL', async () => {
    const res = await client(server.url, server.tokens.demo).raw('GET', `${ROUTES.search}?q=${encodeURIComponent('where is my parcel')}`, {
      headers: { 'x-request-id': 'lb-7f3a.2:x_y' },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-request-id'), 'lb-7f3a.2:x_y');
    const line = requestLine('lb-7f3a.2:x_y');
    assert.ok(line, logText);
    assert.deepEqual([line.level, line.method, line.route, line.status], [30, 'GET', ROUTES.search, 200]);
    assert.equal(typeof line.ms, 'number');
    assert.equal(typeof line.time, 'number');
    assert.equal(lines().filter((l) => l.reqId === 'lb-7f3a.2:x_y').length, 1, 'exactly one line for the request');

    const path = await client(server.url, server.tokens.demo).get(routePath(ROUTES.path, { id: 'order-88231-path' }));
    assert.equal(requestLine(path.headers.get('x-request-id')!)?.route, ROUTES.path);
    assert.ok(!logText.includes('where is my parcel') && !logText.includes('parcel') && !logText.includes('order-88231'), 'no query text, no ids from the URL');
  });

  test('a request id that is not well formed is replaced by a new one', async () => {
    for (const given of ['has spaces in it', 'x'.repeat(129), 'quote"and{brace}']) {
      const res = await client(server.url).raw('GET', ROUTES.health, { headers: { 'x-request-id': given } });
      const id = res.headers.get('x-request-id')!;
      assert.match(id, UUID);
      assert.equal(requestLine(id)?.route, ROUTES.health);
      assert.ok(!logText.includes(given));
    }
  });

  test('no token, message text or mail address reaches the log, through a whole chat with a transcript', async () => {
    const app = server.tokens.demo;
    const { alex, customer, grant } = await acceptedChat(server);
    await customer.say('my card number is 4111 1111 1111 1111');
    const agentApi = client(server.url, server.agents.alex);
    const reply = await agentApi.post(routePath(ROUTES.agentMessages, { id: grant.session.id }), { clientId: uid('msg'), text: 'never tell anyone your card number' });
    assert.equal(reply.status, 200);
    await customer.next('event', (f) => f.event.text === 'never tell anyone your card number');
    const transcript = await client(server.url, grant.sessionToken).post(routePath(ROUTES.liveTranscript, { id: grant.session.id }), {
      email: 'pat.private@example.com',
    });
    assert.equal(transcript.status, 202);
    // A token in the URL: the embed page takes one.
    await client(server.url).get('/embed', { jwt: app });
    await closeAll(alex, customer);

    for (const secret of [app, server.agents.alex, grant.sessionToken, '4111', 'card number', 'pat.private', 'Bearer']) {
      assert.ok(!logText.includes(secret), `the log does not contain '${secret.slice(0, 30)}'`);
    }
    assert.ok(requestLine(transcript.headers.get('x-request-id')!), 'the transcript request was logged');
    assert.equal(lines().find((l) => l.route === '/embed')?.status !== undefined, true, 'the embed request was logged');
  });

  test('an unexpected error is logged with the request id, and the client gets a bare 500', async () => {
    await server.store.close();
    const res = await client(server.url, server.tokens.demo).get(ROUTES.categories);
    assert.deepEqual([res.status, res.body.error.code], [500, 'internal_error']);
    const id = res.headers.get('x-request-id')!;
    const failure = lines().find((l) => l.reqId === id && l.msg === 'request failed');
    assert.equal(failure?.level, 50);
    assert.equal(typeof failure?.err?.message, 'string');
    assert.equal(requestLine(id)?.status, 500);
    // The store is closed: the server is not ready any more.
    const ready = await client(server.url).get(ROUTES.ready);
    assert.equal(ready.status, 503);
  });
});
