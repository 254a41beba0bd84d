import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LIMITS } from '../../src/protocol/api.js';
import { ROUTES } from '../../src/protocol/routes.js';
import { buildApp } from '../app.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { FIXTURE_CONTENT, startTestServer, type TestServer } from '../test-server.js';
import { client, uid } from './helpers.js';

let server: TestServer;
let demo: ReturnType<typeof client>;
before(async () => {
  server = await startTestServer({ demoContent: FIXTURE_CONTENT.demo });
  demo = client(server.url, server.tokens.demo);
});
after(() => server.close());

const validContext = () => ({ consumer: uid('key'), ops: [{ id: uid('op'), at: 1, op: 'log', kind: 'action', name: 'x' }] });

function assertError(res: { status: number; body: any }, status: number, code: string) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body.error.code, code);
  assert.equal(typeof res.body.error.message, 'string');
}

describe('request errors', () => {
  test('a body over LIMITS.maxBodyBytes is 413 payload_too_large', async () => {
    const big = JSON.stringify({ ...validContext(), pad: 'x'.repeat(LIMITS.maxBodyBytes) });
    assertError(await demo.post(ROUTES.context, big), 413, 'payload_too_large');
  });

  test('a POST body that is not application/json is 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']) {
      const res = await demo.post(ROUTES.context, JSON.stringify(validContext()), { 'content-type': type });
      assertError(res, 415, 'unsupported_media_type');
    }
    const untyped = await demo.raw('POST', ROUTES.context);
    assertError(untyped, 415, 'unsupported_media_type');
    const charset = await demo.post(ROUTES.context, JSON.stringify(validContext()), { 'content-type': 'application/json; charset=utf-8' });
    assert.equal(charset.status, 200, 'a charset parameter is fine');
  });

  test('malformed or empty JSON is 400 invalid_request', async () => {
    for (const body of ['{', '{"consumer": }', 'nul', '[1,]', '{"a":1}{"b":2}', '\u0000']) {
      assertError(await demo.post(ROUTES.activity, body), 400, 'invalid_request');
    }
    assertError(await demo.post(ROUTES.activity, ''), 400, 'invalid_request');
    const poisoned = await demo.post(ROUTES.context, '{"__proto__": {"admin": true}, "consumer": "abcdefgh", "ops": []}');
    assertError(poisoned, 400, 'invalid_request');
  });

  test('validation errors list each bad field with a readable message', async () => {
    const res = await demo.post(ROUTES.context, {
      consumer: 'short',
      ops: [{ id: uid('op'), at: 1, op: 'log', kind: 'mood', name: 'x' }],
    });
    assertError(res, 400, 'invalid_request');
    assert.equal(res.body.error.message, 'the request body is not valid');
    assert.deepEqual(res.body.error.details, [
      { path: '/consumer', message: 'must match pattern "^[A-Za-z0-9_-]{8,64}$"' },
      { path: '/ops/0/kind', message: "must be one of 'action', 'device', 'content'" },
    ]);
  });

  test('an unknown route is 404 not_found', async () => {
    for (const path of ['/', '/v1', '/v2/paths', '/v1/paths/a/b', '/v1/categories/x']) {
      assertError(await demo.get(path), 404, 'not_found');
    }
    assertError(await demo.post(ROUTES.paths, {}), 404, 'not_found');
  });

  test('URLs the router refuses still get a JSON error; the longest help-id fits', async () => {
    assertError(await demo.get(`/v1/help-ids/${'h'.repeat(128)}`), 404, 'help_id_not_found');
    assertError(await demo.get(`/v1/help-ids/${'h'.repeat(300)}`), 414, 'invalid_request');
    const badEncoding = await demo.get('/v1/paths/%E0%A4%A');
    assertError(badEncoding, 400, 'invalid_request');
    assert.doesNotMatch(badEncoding.body.error.message, /%E0/, 'the message does not quote the URL');
  });

  test('an unexpected failure is 500 internal_error and tells nothing of the cause', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nexus-broken-'));
    const store = new SqliteStore(join(dir, 'broken.db'));
    await store.migrate();
    const app = buildApp({ store });
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      await store.close();
      const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      // The cause goes to the log (stderr), not to the client.
      const logged: string[] = [];
      const write = process.stderr.write;
      process.stderr.write = ((chunk: string) => logged.push(String(chunk)) > 0) as typeof write;
      let res;
      try {
        res = await client(url, server.tokens.demo).get(ROUTES.categories);
      } finally {
        process.stderr.write = write;
      }
      assert.equal(res.status, 500);
      assert.deepEqual(res.body, { error: { code: 'internal_error', message: 'something went wrong on the server' } });
      assert.ok(logged.some((line) => line.includes('driver has already been destroyed')), logged.join(''));
      assert.equal((await client(url).get(ROUTES.health)).status, 200, 'the server keeps serving');
    } finally {
      await app.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('CORS', () => {
  const origin = 'https://shop.example.com';

  test('preflight reflects the origin, allows Authorization and Content-Type, caches 10 minutes, no credentials', async () => {
    const res = await fetch(server.url + ROUTES.context, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), origin);
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /Content-Type/);
    assert.match(res.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.equal(res.headers.get('access-control-max-age'), '600');
    assert.equal(res.headers.get('access-control-allow-credentials'), null);
  });

  test('responses, errors included, carry the reflected origin', async () => {
    for (const token of [server.tokens.demo, undefined]) {
      const res = await fetch(server.url + ROUTES.categories, {
        headers: { origin, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      });
      assert.equal(res.headers.get('access-control-allow-origin'), origin);
      assert.match(res.headers.get('vary') ?? '', /Origin/);
    }
  });
});

/** Deterministic pseudo-random numbers, so a failing fuzz case can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) % 2 ** 32;
    return seed / 2 ** 32;
  };
}

describe('fuzzing', () => {
  test('random bodies and queries always get a JSON answer below 500, and the server stays healthy', async () => {
    const next = random(42);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
    const strings = ['', 'a', 'abcdefgh', uid('k'), 'reset', '"', '*', '\u0000', '😀', 'x'.repeat(300), 'NEAR(', '-1', '1e999', '__proto__', 'constructor'];
    const value = (depth: number): unknown => {
      switch (Math.floor(next() * (depth > 2 ? 5 : 7))) {
        case 0: return null;
        case 1: return next() < 0.5;
        case 2: return pick([0, -1, 1.5, 2 ** 53, -(2 ** 31), 1e308]);
        case 3: case 4: return pick(strings);
        case 5: return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
        default: return Object.fromEntries(
          Array.from({ length: Math.floor(next() * 5) }, () => [pick(['consumer', 'ops', 'events', 'id', 'at', 'op', 'set', 'kind', 'name', 'data', 'pathId', 'event', pick(strings)]), value(depth + 1)]),
        );
      }
    };
    const mutate = (body: any): unknown => {
      const copy = structuredClone(body);
      const target = next() < 0.5 ? copy : copy.ops?.[0] ?? copy.events?.[0] ?? copy;
      const key = pick(Object.keys(target));
      if (next() < 0.3) delete target[key];
      else target[key] = value(1);
      return copy;
    };
    const validActivity = () => ({ consumer: uid('key'), events: [{ id: uid('ev'), at: 1, pathId: 'reset-smart-bulb', event: 'started' }] });

    for (let i = 0; i < 400; i++) {
      let res;
      const kind = i % 4;
      if (kind === 0) {
        const body = next() < 0.5 ? mutate(pick([validContext(), validActivity()])) : value(0);
        res = await demo.post(pick([ROUTES.context, ROUTES.activity]), JSON.stringify(body) ?? 'undefined');
      } else if (kind === 1) {
        const bytes = Array.from({ length: Math.floor(next() * 64) }, () => String.fromCharCode(Math.floor(next() * 256))).join('');
        res = await demo.post(pick([ROUTES.context, ROUTES.activity]), bytes);
      } else if (kind === 2) {
        const query = Object.fromEntries(
          Array.from({ length: Math.floor(next() * 4) }, () => [pick(['q', 'tags', 'limit', 'offset', 'audience', 'category', 'consumer', 'x']), String(value(2))]),
        );
        res = await demo.get(pick([ROUTES.search, ROUTES.paths, ROUTES.recommended, ROUTES.categories]), query);
      } else {
        res = await demo.get(`/v1/${pick(['paths', 'help-ids', 'search'])}/${encodeURIComponent(String(value(2)))}`);
      }
      assert.ok(res.status < 500, `case ${i}: ${res.status} ${JSON.stringify(res.body)}`);
      assert.equal(typeof res.body, 'object', `case ${i}: the answer is JSON`);
      if (res.status >= 400) assert.equal(typeof res.body.error?.code, 'string', `case ${i}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    assert.equal((await demo.get(ROUTES.health)).status, 200);
    assert.equal((await demo.post(ROUTES.context, validContext())).status, 200);
  });
});
