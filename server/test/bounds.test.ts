/**
 * Untrusted JSON is bounded in depth as well as size (REST bodies, context data, WebSocket frames,
 * relayed and stored co-browse batches), and every error the server sends, including those
 * answered before any handler runs, has the documented `{ error: { code, message } }` shape.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { beforeEach, describe, test } from 'node:test';
import { COBROWSE_LIMITS, LIMITS } from '../../src/protocol/api.js';
import { JsonDepthScanner, jsonDepthWithin } from '../../src/protocol/json-bounds.js';
import { routePath, ROUTES } from '../../src/protocol/routes.js';
import { changeCobrowseSettings } from '../cobrowse-settings.js';
import { client, uid } from './helpers.js';
import { eventually, LiveClient, liveTestSetup, startLiveServer, type Frame } from './live-helpers.js';

/** An array nested `depth` levels deep around `inner`. */
const nested = (depth: number, inner = '1') => '['.repeat(depth) + inner + ']'.repeat(depth);

/** Log lines at level error (50) or above, from a server started with `logStream: sink.stream`. */
function errorLog() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line && JSON.parse(line).level >= 50) lines.push(line);
      done();
    },
  });
  return { lines, stream };
}

/** Writes raw bytes to the server and reads the whole answer (the server closes the connection). */
function rawRequest(url: string, bytes: string, { end = true } = {}): Promise<{ status: number; headers: string; body: any }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => (end ? socket.end(bytes) : socket.write(bytes)));
    let text = '';
    socket.on('data', (chunk) => (text += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head, body] = text.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), headers: head, body: body ? JSON.parse(body) : undefined });
    });
  });
}

describe('the depth scanner', () => {
  test('counts open arrays and objects, not brackets inside strings, across pieces', () => {
    assert.equal(jsonDepthWithin('1', 0), true);
    assert.equal(jsonDepthWithin('[]', 0), false);
    assert.equal(jsonDepthWithin('{"a":[1]}', 2), true);
    assert.equal(jsonDepthWithin('{"a":[1]}', 1), false);
    assert.equal(jsonDepthWithin('["[[[[", "\\"[[[["]', 1), true, 'brackets in strings, escaped quotes');
    assert.equal(jsonDepthWithin(nested(5000), 4999), false);
    const scanner = new JsonDepthScanner();
    assert.equal(scanner.feed('[{"a":"[[', 3), true);
    assert.equal(scanner.feed('x[', 3), true, 'still inside the string');
    assert.equal(scanner.feed('"],[[1]]}]', 3), true);
    assert.equal(scanner.deepest, 3);
    assert.equal(scanner.feed('[[[[', 3), false);
  });
});

describe('REST bodies', () => {
  const log = errorLog();
  const setup = liveTestSetup({ logStream: log.stream, live: { offerTimeoutMs: 60_000 } });
  beforeEach(() => {
    log.lines.length = 0;
  });
  const contextWith = (data: string) =>
    `{"consumer":"${uid('c')}","ops":[{"op":"log","id":"${uid('op')}","at":${Date.now()},"kind":"action","name":"deep","data":${data}}]}`;

  test('a body nested thousands of levels deep is 400 json_too_deep, not a 500, and nothing is written', async () => {
    const api = client(setup.server.url, setup.server.tokens.demo);
    for (const depth of [LIMITS.maxJsonDepth + 1, 5000, 100_000]) {
      const res = await api.post(ROUTES.context, contextWith(nested(depth)));
      assert.equal(res.status, 400, `depth ${depth}`);
      assert.equal(res.body.error.code, 'json_too_deep');
      assert.match(res.body.error.message, new RegExp(`${LIMITS.maxJsonDepth} levels`));
    }
    const deepObject = '{"a":'.repeat(3000) + '1' + '}'.repeat(3000);
    assert.equal((await api.post(ROUTES.activity, deepObject)).body.error.code, 'json_too_deep');
    assert.deepEqual(log.lines, [], 'no error is logged');
  });

  test('context data: at most maxEntryDataDepth levels, pointed at; the rest of the body is not applied', async () => {
    const api = client(setup.server.url, setup.server.tokens.demo);
    const tooDeep = await api.post(ROUTES.context, contextWith(nested(LIMITS.maxEntryDataDepth + 1)));
    assert.equal(tooDeep.status, 400, JSON.stringify(tooDeep.body));
    assert.equal(tooDeep.body.error.code, 'json_too_deep');
    assert.deepEqual(tooDeep.body.error.details.map((d: { path: string }) => d.path), ['/ops/0/data']);
    const fine = await api.post(ROUTES.context, contextWith(nested(LIMITS.maxEntryDataDepth)));
    assert.equal(fine.status, 200, JSON.stringify(fine.body));
  });

  test('invalid JSON gets a fixed message that does not quote the body', async () => {
    const secret = 'x'.repeat(5000);
    const res = await client(setup.server.url, setup.server.tokens.demo).post(ROUTES.context, `{"ops": ${secret}`);
    assert.deepEqual(res.body, { error: { code: 'invalid_request', message: 'the body is not valid JSON' } });
  });
});

describe('WebSocket frames and co-browse batches', () => {
  const setup = liveTestSetup();

  test('a frame nested too deep gets a json_too_deep error frame and the connection goes on', async () => {
    const { customer } = await setup.activeChat();
    customer.send(`{"type":"message","clientId":"c1","text":"hi","extra":${nested(5000)}}`);
    const error = await customer.next('error');
    assert.equal(error.code, 'json_too_deep');
    assert.equal((await customer.say('still here')).type, 'ack');
  });

  test('a batch nested too deep is refused part by part: not relayed, not recorded; the recording stays readable', async () => {
    await changeCobrowseSettings(setup.server.store, 'demo', { recording: true });
    const { alex, customer, id, sessionId } = await setup.sharing();
    const send = (seq: number, part: number, parts: number, data: string) =>
      customer.send({ type: 'cobrowse.events', id, seq, part, parts, data });
    const good = JSON.stringify([{ type: 3, data: { n: 1 } }]);
    send(1, 0, 1, good);
    await alex.next('cobrowse.events', (f) => f.seq === 1);
    // A batch whose nesting goes over the limit in its second part; its third part is refused too.
    const deep = `[${nested(COBROWSE_LIMITS.maxBatchDepth + 10)}]`;
    const third = Math.ceil(deep.length / 3);
    send(2, 0, 3, deep.slice(0, third));
    send(2, 1, 3, deep.slice(third, 2 * third));
    send(2, 2, 3, deep.slice(2 * third));
    const errors = [await customer.next('error'), await customer.next('error')];
    assert.deepEqual(errors.map((e) => [e.code, e.ref]), [['json_too_deep', id], ['json_too_deep', id]]);
    // A part that comes without the one before it cannot be checked, nor replayed.
    send(3, 1, 2, '[]');
    assert.equal((await customer.next('error')).code, 'frame_invalid');
    send(4, 0, 1, good);
    await alex.next('cobrowse.events', (f) => f.seq === 4);
    assert.deepEqual(
      alex.frames.filter((f: Frame) => f.type === 'cobrowse.events').map((f) => [f.seq, f.part]),
      [[1, 0], [2, 0], [4, 0]],
      'only the part read before the limit went out, and a batch missing parts is never replayed',
    );
    customer.send({ type: 'cobrowse.end', id });
    const agent = client(setup.server.url, setup.server.agents.alex);
    await eventually(
      () => agent.get(`${ROUTES.agentCobrowseRecordings}?sessionId=${sessionId}`),
      (r) => r.body.items?.[0]?.endReason != null,
    );
    const read = await agent.get(routePath(ROUTES.agentCobrowseRecording, { id }));
    assert.equal(read.status, 200);
    assert.deepEqual(read.body.batches.map((b: { seq: number }) => b.seq), [1, 4]);
  });

  test('a deep batch stored before the relay checked depth is left out; the recording reads', async () => {
    const { store } = setup.server;
    const { sessionId } = await setup.activeChat();
    await store.startCobrowseRecording({ id: 'cb_old', tenantId: 'demo', sessionId, agent: { id: 'alex', name: 'Alex' }, startedAt: 1 });
    const append = (seq: number, data: string) => store.appendCobrowseRecordingPart('demo', 'cb_old', { seq, part: 0, parts: 1, data, at: seq }, 1e8);
    await append(1, JSON.stringify([{ type: 3, data: { n: 1 } }]));
    await append(2, `[${nested(20_000, '{}')}]`);
    await append(3, JSON.stringify([{ type: 3, data: { n: 3 } }]));
    const res = await client(setup.server.url, setup.server.agents.alex).get(routePath(ROUTES.agentCobrowseRecording, { id: 'cb_old' }));
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.batches.map((b: { seq: number }) => b.seq), [1, 3]);
  });
});

describe('errors answered before any handler', () => {
  const setup = liveTestSetup();

  test('an oversized request line or header: 431 headers_too_large in the documented shape', async () => {
    for (const bytes of [
      `GET /v1/paths?q=${'a'.repeat(40_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      `GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`,
    ]) {
      const res = await rawRequest(setup.server.url, bytes);
      assert.equal(res.status, 431);
      assert.match(res.headers, /content-type: application\/json/i);
      assert.equal(res.body.error.code, 'headers_too_large');
      assert.ok(res.body.error.message.length < 100, 'the message does not echo the input');
    }
  });

  test('a WebSocket handshake the library would refuse: 400 invalid_request in the documented shape', async () => {
    const upgrade = (headers: string) =>
      rawRequest(setup.server.url, `GET ${ROUTES.liveSocket} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\n${headers}\r\n`);
    for (const [headers, message] of [
      ['Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n', /Sec-WebSocket-Key/],
      ['Upgrade: websocket\r\nSec-WebSocket-Key: abc\r\nSec-WebSocket-Version: 13\r\n', /Sec-WebSocket-Key/],
      ['Upgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 99\r\n', /Version/],
      ['Upgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: a b\r\n', /Protocol/],
      ['Upgrade: h2c\r\n', /WebSocket only/],
    ] as const) {
      const res = await upgrade(headers);
      assert.equal(res.status, 400, headers);
      assert.match(res.headers, /content-type: application\/json/i);
      assert.equal(res.body.error.code, 'invalid_request');
      assert.match(res.body.error.message, message);
    }
    // A good handshake still opens the socket.
    const live = await LiveClient.open(setup.server);
    await live.close();
  });

  test('bytes that are not HTTP: 400 invalid_request in the documented shape', async () => {
    const res = await rawRequest(setup.server.url, 'HELLO THERE\r\n\r\n');
    assert.equal(res.status, 400);
    assert.deepEqual(Object.keys(res.body.error), ['code', 'message']);
    assert.equal(res.body.error.code, 'invalid_request');
  });

  test('a request that does not arrive in time: 408 request_timeout', async () => {
    await setup.server.close();
    setup.server = await startLiveServer({ requestTimeoutMs: 300 });
    const started = Date.now();
    // The headers never end.
    const res = await rawRequest(setup.server.url, 'GET /v1/health HTTP/1.1\r\nHost: x\r\n', { end: false });
    assert.equal(res.status, 408);
    assert.equal(res.body.error.code, 'request_timeout');
    assert.ok(Date.now() - started >= 300);
  });

  test('while the server shuts down: a request under way is answered with Connection: close, a new one gets 503 unavailable in the documented shape', async () => {
    const { url, app, tokens } = setup.server;
    const { hostname, port } = new URL(url);
    const raw = (write: string) => {
      const socket = connect(Number(port), hostname);
      let text = '';
      socket.on('data', (chunk) => (text += chunk));
      socket.on('error', () => undefined);
      socket.write(write);
      return { socket, text: () => text, ended: new Promise((resolve) => socket.on('close', resolve)) };
    };
    // A WebSocket whose client never answers the server's close keeps the server closing for a
    // second before it is cut: the listener is still open then.
    const lingering = raw(
      `GET ${ROUTES.liveSocket} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    await eventually(async () => lingering.text(), (text) => text.startsWith('HTTP/1.1 101'));
    // A request in progress while the server starts closing.
    const body = JSON.stringify({ consumer: uid('c'), ops: [] });
    const underWay = raw(`POST ${ROUTES.context} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tokens.demo}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = app.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const late = await client(url, tokens.demo).get(ROUTES.categories);
    assert.equal(late.status, 503);
    assert.equal(late.body.error.code, 'unavailable');
    assert.equal(late.headers.get('connection'), 'close');
    underWay.socket.write(body);
    await underWay.ended;
    assert.match(underWay.text(), /^HTTP\/1.1 400 /, 'answered (this body is refused: no ops), not dropped');
    assert.match(underWay.text(), /\r\nconnection: close\r\n/i);
    await closing;
    await setup.server.close();
    setup.server = await startLiveServer();
  });
});
