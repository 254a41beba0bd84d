import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { ROUTES, routePath } from '../../src/protocol/routes.js';
import { buildApp, type AppOptions } from '../app.js';
import { runCli } from '../commands.js';
import {
  addressKey,
  DEFAULT_RATE_LIMITS,
  MemoryRateLimitStore,
  parseRateLimitFlags,
  parseTrustProxy,
  type RateLimitStore,
} from '../rate-limit.js';
import { FIXTURE_CONTENT, startTestServer, type TestServer } from '../test-server.js';
import { contentFolder, uid } from './helpers.js';

/** The limits' clock, moved by the tests: buckets refill only when a test says so. */
let clock = 0;
const store = new MemoryRateLimitStore({ now: () => clock });

let server: TestServer;
before(async () => {
  const sdkDir = await contentFolder({ 'nexus-connect.js': 'export {};\n' });
  server = await startTestServer({
    demoContent: FIXTURE_CONTENT.demo,
    sdkDir,
    // Each test speaks from addresses of its own, in X-Forwarded-For.
    trustProxy: true,
    rateLimits: {
      store,
      address: { perSecond: 1, burst: 5 },
      application: { perSecond: 1, burst: 4 },
      agent: { perSecond: 2, burst: 3 },
      session: { perSecond: 0.25, burst: 2 },
    },
  });
});
after(() => server.close());

let addresses = 0;
/** A client address no other test uses (TEST-NET-2, 256 × 256 of them). */
const newAddress = () => `198.51.${100 + (addresses >> 8)}.${addresses++ & 255}`;

interface Call {
  from?: string;
  token?: string;
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One request; `from` (default: a new address each time) goes in X-Forwarded-For. */
async function call(url: string, path: string, { from = newAddress(), token, method = 'GET', body, headers = {} }: Call = {}) {
  const res = await fetch(url + path, {
    method,
    headers: {
      'x-forwarded-for': from,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}

type Answer = Awaited<ReturnType<typeof call>>;

/** The documented 429: `rate_limited`, a message that echoes nothing, `Retry-After` in whole seconds. */
function assertLimited(res: Answer, retryAfter: number, by: RegExp) {
  assert.equal(res.status, 429, JSON.stringify(res.body));
  assert.deepEqual(Object.keys(res.body), ['error']);
  assert.deepEqual(Object.keys(res.body.error), ['code', 'message']);
  assert.equal(res.body.error.code, 'rate_limited');
  assert.match(res.body.error.message, by);
  assert.equal(res.headers.get('retry-after'), String(retryAfter));
}

/** Statuses of `count` calls made one after the other. */
async function statuses(count: number, make: () => Promise<Answer>): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < count; i++) seen.push((await make()).status);
  return seen;
}

const repeat = <T>(count: number, value: T): T[] => Array<T>(count).fill(value);

describe('the per-address limit', () => {
  test('counts requests before authentication: bad tokens get 429 once the burst is spent', async () => {
    const from = newAddress();
    const forged = () => call(server.url, ROUTES.categories, { from, token: server.tokens.forged });
    assert.deepEqual(await statuses(5, forged), repeat(5, 401));
    const limited = await call(server.url, ROUTES.categories, { from, token: server.tokens.forged, headers: { origin: 'https://shop.example.com' } });
    assertLimited(limited, 1, /from this address/);
    assert.doesNotMatch(limited.body.error.message, /198\.51|Bearer|eyJ/, 'the message echoes neither the address nor the token');
    // A page on a customer's origin can read the 429.
    assert.equal(limited.headers.get('access-control-allow-origin'), 'https://shop.example.com');
    assert.equal(limited.headers.get('access-control-expose-headers'), 'Retry-After', 'a page on another origin can read how long to wait');
    // A good token from the same address waits too; other addresses do not.
    assertLimited(await call(server.url, ROUTES.categories, { from, token: server.tokens.other }), 1, /from this address/);
    assert.equal((await call(server.url, ROUTES.categories, { token: server.tokens.forged })).status, 401);
  });

  test('the bucket refills at the sustained rate, and Retry-After says when', async () => {
    const from = newAddress();
    const get = () => call(server.url, '/no-such-page', { from });
    assert.deepEqual(await statuses(6, get), [...repeat(5, 404), 429]);
    clock += 400;
    assertLimited(await get(), 1, /from this address/);
    clock += 600;
    assert.deepEqual(await statuses(2, get), [404, 429], 'one request a second');
    clock += 60_000;
    assert.deepEqual(await statuses(6, get), [...repeat(5, 404), 429], 'never more than the burst');
  });

  test('health checks, static files and CORS preflights are not counted; unknown routes are', async () => {
    const from = newAddress();
    await statuses(5, () => call(server.url, ROUTES.health, { from }));
    await statuses(5, () => call(server.url, '/sdk/nexus-connect.js', { from }));
    await statuses(5, () => call(server.url, '/themes/default.css', { from }));
    const preflight = () =>
      call(server.url, ROUTES.context, {
        from,
        method: 'OPTIONS',
        headers: { origin: 'https://shop.example.com', 'access-control-request-method': 'POST' },
      });
    assert.deepEqual(await statuses(6, preflight), repeat(6, 204));
    assert.deepEqual(await statuses(6, () => call(server.url, '/nope', { from })), [...repeat(5, 404), 429]);
    for (const path of [ROUTES.health, '/sdk/nexus-connect.js', '/themes/default.css']) {
      assert.equal((await call(server.url, path, { from })).status, 200, path);
    }
  });

  test('IPv6 clients share a bucket per /64', async () => {
    assert.equal(addressKey('2001:db8:0:7::1'), '2001:db8:0:7::/64');
    assert.equal(addressKey('2001:DB8::7:1:2:3:4'), '2001:db8:0:7::/64');
    assert.equal(addressKey('::ffff:203.0.113.9'), '203.0.113.9');
    assert.equal(addressKey('203.0.113.9'), '203.0.113.9');
    assert.equal(addressKey('fe80::1%eth0'), 'fe80:0:0:0::/64');
    await statuses(5, () => call(server.url, '/nope', { from: '2001:db8:0:7::1' }));
    assertLimited(await call(server.url, '/nope', { from: '2001:db8:0:7:ffff::2' }), 1, /from this address/);
    assert.equal((await call(server.url, '/nope', { from: '2001:db8:0:8::1' })).status, 404);
  });

  test('opening a WebSocket counts too', async () => {
    const from = newAddress();
    await statuses(5, () => call(server.url, '/nope', { from }));
    const status = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}${ROUTES.liveSocket}`, { headers: { 'x-forwarded-for': from } });
      ws.on('unexpected-response', (_request, response) => {
        resolve(response.statusCode ?? 0);
        ws.terminate();
      });
      ws.on('open', () => reject(new Error('the socket opened')));
      ws.on('error', () => undefined);
    });
    assert.equal(status, 429);
  });
});

describe('the per-token limit', () => {
  test('an application token has a bucket of its own, taken after authentication', async () => {
    const token = server.live.core.app;
    const get = () => call(server.url, ROUTES.categories, { token });
    assert.deepEqual(await statuses(4, get), repeat(4, 200), 'from four different addresses');
    assertLimited(await get(), 1, /with this token/);
    assert.equal((await call(server.url, ROUTES.categories, { token: server.live.chat.app })).status, 200, 'another token');
    clock += 1000;
    assert.deepEqual(await statuses(2, get), [200, 429], 'refilled at one a second');
  });

  test('each agent token has its own bucket', async () => {
    const { alex, sam } = server.live.console.agents;
    const me = (token: string) => () => call(server.url, ROUTES.agentMe, { token });
    assert.deepEqual(await statuses(4, me(alex)), [200, 200, 200, 429]);
    assertLimited(await me(alex)(), 1, /with this token/);
    assert.equal((await me(sam)()).status, 200);
  });

  test('session tokens are limited per live session', async () => {
    const request = async () => {
      const body = { consumer: uid('consumer'), kind: 'chat', skill: 'support', clientId: uid('request') };
      const res = await call(server.url, ROUTES.liveSessions, { token: server.live.liveHelp.app, method: 'POST', body });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body as { session: { id: string }; sessionToken: string };
    };
    const first = await request();
    const session = (grant: typeof first) => () =>
      call(server.url, routePath(ROUTES.liveSession, { id: grant.session.id }), { token: grant.sessionToken });
    assert.deepEqual(await statuses(2, session(first)), [200, 200]);
    // A quarter of a request a second: the next one is four seconds away.
    assertLimited(await session(first)(), 4, /for this live session/);
    assert.equal((await session(await request())()).status, 200, 'another session');
  });

  test('a request refused for its token still counts once for its address', async () => {
    const from = newAddress();
    const token = server.live.sdk.app;
    assert.deepEqual(await statuses(4, () => call(server.url, ROUTES.categories, { token })), repeat(4, 200));
    assert.equal((await call(server.url, ROUTES.categories, { from, token })).status, 429);
    assert.deepEqual(await statuses(4, () => call(server.url, '/nope', { from })), [404, 404, 404, 404]);
    assert.equal((await call(server.url, '/nope', { from })).status, 429);
  });
});

describe('memory', () => {
  const limit = { perSecond: 1, burst: 1 };

  test('idle buckets are forgotten, and past maxKeys the least recently used one goes', () => {
    let now = 0;
    const buckets = new MemoryRateLimitStore({ maxKeys: 3, now: () => now });
    assert.equal(buckets.take('a', limit), 0);
    assert.equal(buckets.take('a', limit), 1000, 'a waits a second');
    for (const key of ['b', 'c', 'd']) buckets.take(key, limit);
    assert.equal(buckets.size, 3);
    assert.equal(buckets.take('a', limit), 0, 'a was dropped, so it starts again');
    assert.equal(buckets.size, 3);
    now += 1000;
    // Every bucket is full again: each call forgets up to two of them.
    buckets.take('e', limit);
    buckets.take('e', limit);
    assert.equal(buckets.size, 1);
  });

  test('a flood of addresses does not grow the server’s memory', async () => {
    const small = new MemoryRateLimitStore({ maxKeys: 20, now: () => 0 });
    const app = buildApp({ store: server.store, trustProxy: true, rateLimits: { store: small } });
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      for (let i = 0; i < 100; i++) await call(url, '/nope');
      assert.equal(small.size, 20);
    } finally {
      await app.close();
    }
  });

  test('a store that fails lets requests through', async () => {
    const broken: RateLimitStore = { take: () => Promise.reject(new Error('the shared store is down')) };
    const app = buildApp({ store: server.store, rateLimits: { store: broken, address: { perSecond: 1, burst: 1 } } });
    const logged: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => logged.push(String(chunk)) > 0) as typeof write;
    try {
      for (let i = 0; i < 3; i++) assert.equal((await app.inject({ url: ROUTES.categories })).statusCode, 401);
    } finally {
      process.stderr.write = write;
      await app.close();
    }
    assert.equal(logged.filter((line) => line.includes('the rate limit store failed')).length, 3, logged.join(''));
  });
});

describe('the production defaults', () => {
  test('are the documented numbers', () => {
    assert.deepEqual(DEFAULT_RATE_LIMITS, {
      address: { perSecond: 30, burst: 300 },
      application: { perSecond: 200, burst: 2000 },
      agent: { perSecond: 10, burst: 150 },
      session: { perSecond: 5, burst: 60 },
    });
  });

  /** An app with the default limits (and its own frozen clock), listening. */
  async function defaultApp(options: Partial<AppOptions> = {}) {
    let now = 0;
    const app = buildApp({ store: server.store, rateLimits: { store: new MemoryRateLimitStore({ now: () => now }) }, ...options });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    return { app, url, advance: (ms: number) => (now += ms) };
  }

  test('an address: 300 requests at once, then 30 a second; X-Forwarded-For is ignored without trustProxy', async () => {
    const { app, url, advance } = await defaultApp();
    try {
      const forged = () => call(url, ROUTES.categories, { token: server.tokens.forged });
      assert.deepEqual(await statuses(300, forged), repeat(300, 401));
      assertLimited(await forged(), 1, /from this address/);
      advance(1000);
      assert.deepEqual(await statuses(31, forged), [...repeat(30, 401), 429]);
    } finally {
      await app.close();
    }
  });

  test('tokens: 2000 at once for an application, 150 for an agent, 60 for a live session', async () => {
    const { app, url } = await defaultApp({ trustProxy: true });
    /** `count` calls, 20 at a time, each from its own address: only the token's limit applies. */
    const burst = async (count: number, path: string, token: string) => {
      const seen: number[] = [];
      for (let done = 0; done < count; done += 20) {
        const batch = Array.from({ length: Math.min(20, count - done) }, () =>
          app.inject({ url: path, headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': newAddress() } }),
        );
        seen.push(...(await Promise.all(batch)).map((res) => res.statusCode));
      }
      return seen;
    };
    try {
      const application = server.live.e2e.app;
      assert.deepEqual(await burst(2000, ROUTES.branding, application), repeat(2000, 200));
      assertLimited(await call(url, ROUTES.categories, { token: application }), 1, /with this token/);

      const agent = server.live.e2e.agents.sam;
      assert.deepEqual(await burst(150, ROUTES.agentMe, agent), repeat(150, 200));
      assertLimited(await call(url, ROUTES.agentMe, { token: agent }), 1, /with this token/);

      const body = { consumer: uid('consumer'), kind: 'chat', skill: 'support', clientId: uid('request') };
      const grant = (await call(url, ROUTES.liveSessions, { token: server.live.cobrowseUi.app, method: 'POST', body })).body;
      const sessionPath = routePath(ROUTES.liveSession, { id: grant.session.id });
      assert.deepEqual(await burst(60, sessionPath, grant.sessionToken), repeat(60, 200));
      assertLimited(await call(url, sessionPath, { token: grant.sessionToken }), 1, /for this live session/);
    } finally {
      await app.close();
    }
  });
});

describe('configuration', () => {
  test('serve --rate-limit and --trust-proxy', async () => {
    assert.equal(parseRateLimitFlags([]), undefined);
    assert.equal(parseRateLimitFlags(['off']), false);
    assert.deepEqual(parseRateLimitFlags(['address=60/600', 'session=0.5/10']), {
      address: { perSecond: 60, burst: 600 },
      session: { perSecond: 0.5, burst: 10 },
    });
    for (const bad of [['off', 'address=1/1'], ['adress=1/1'], ['address=60'], ['address=0/10'], ['agent=5/0']]) {
      assert.throws(() => parseRateLimitFlags(bad), Error, bad.join(' '));
    }
    assert.equal(parseTrustProxy(undefined), undefined);
    assert.equal(parseTrustProxy('true'), true);
    assert.deepEqual(parseTrustProxy('10.0.0.0/8, 192.168.1.7,loopback'), ['10.0.0.0/8', '192.168.1.7', 'loopback']);
    for (const bad of ['1', 'proxy.example.com', '10.0.0.0/8/1']) assert.throws(() => parseTrustProxy(bad), Error, bad);

    const err: string[] = [];
    const io = { out: () => undefined, err: (line: string) => err.push(line) };
    assert.equal(await runCli(['--db', ':memory:', 'serve', '--rate-limit', 'address=fast'], io), 2);
    assert.match(err.join('\n'), /--rate-limit takes off or <kind>=<perSecond>\/<burst>/);
    assert.equal(await runCli(['--db', ':memory:', 'serve', '--trust-proxy', 'everyone'], io), 2);
  });
});
