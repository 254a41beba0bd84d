/**
 * Property-based fuzzing (fast-check) of what the outside world sends the server: REST bodies,
 * query strings and path parameters on every route, and WebSocket frames of customers and agents.
 * Whatever arrives, the server answers with a success or a 4xx in the documented error shape (an
 * `error` frame on the socket), never a 500, keeps the connection, and logs nothing at error
 * level. Each property stops after a time budget, so the suite stays bounded in `npm test`.
 *
 * FUZZ_SEED=<n> replays a run (fast-check prints the seed and the shrunk input of a failure);
 * FUZZ_RUNS=<n> changes how many inputs each property tries (default 150).
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { ERROR_CODES, LIVE_LIMITS } from '../../src/protocol/api.js';
import { routePath, ROUTES } from '../../src/protocol/routes.js';
import { client, uid } from './helpers.js';
import { closeAll, LiveClient, requestHelp, startLiveServer, type Frame } from './live-helpers.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
/** Each property stops trying new inputs after this long (what it tried by then must pass). */
const TIME_BUDGET_MS = 20_000;
const options = { numRuns: RUNS, seed: SEED, interruptAfterTimeLimit: TIME_BUDGET_MS, markInterruptAsFailure: false } as const;

const codes = new Set<string>(ERROR_CODES);

/** Error-level log lines (pino level 50 and up) of the server under test. */
const errors: string[] = [];
const logStream = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n')) if (line && JSON.parse(line).level >= 50) errors.push(line);
    done();
  },
});

let server: Awaited<ReturnType<typeof startLiveServer>>;
/** A session in the 'sales' queue accepted by Alex: its id and session token. */
let chat: { sessionId: string; sessionToken: string };
before(async () => {
  server = await startLiveServer({ logStream, live: { offerTimeoutMs: 60_000 } });
  const alex = await LiveClient.connect(server, server.agents.alex);
  const grant = await requestHelp(server, { skill: 'sales' });
  await alex.next('offer');
  alex.send({ type: 'accept', sessionId: grant.session.id });
  await alex.next('event', (f) => f.event.state === 'active');
  await alex.close();
  chat = { sessionId: grant.session.id, sessionToken: grant.sessionToken };
});
after(() => server.close());

/** JSON text nested deeper than recursive code copes with, in a valid-looking frame or body (under the 64 KiB frame limit). */
const deepText = fc
  .constantFrom('[', '{"a":')
  .chain((open) => fc.tuple(fc.constant(open), fc.integer({ min: 5_000, max: Math.floor(60_000 / (open.length + 1)) })))
  .map(([open, depth]) => `{"type":"message","data":${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}}`);

/** Any JSON value, with the odd huge string, long array or deeply nested value. */
const anyJson = fc.oneof(
  { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  // (Deeper values come as text, below: JSON.stringify itself overflows on them.)
  { weight: 1, arbitrary: fc.integer({ min: 30, max: 1000 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown) },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(70_000), '\u0000\uD800\uFFFF', '__proto__', -0, 1e308, '<script>alert(1)</script>') },
  { weight: 1, arbitrary: fc.array(fc.integer(), { minLength: 100, maxLength: 400 }) },
);

type Path = (string | number)[];

/** Every place inside a value (object keys and array items, at any depth). */
function placesIn(value: unknown, at: Path = []): Path[] {
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const path = [...at, Array.isArray(value) ? Number(key) : key];
    return [path, ...placesIn(inner, path)];
  });
}

/** A copy of `value` with the place `path` set to `replacement` (or removed, for REMOVE). */
const REMOVE = Symbol('remove');
function withPlace(value: unknown, path: Path, replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (replacement === REMOVE) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = replacement;
  return copy;
}

/** Stands for a deeply nested value until the body is text (JSON.stringify cannot make one). */
const DEEP = '\u0000deep\u0000';
const deepValue = fc.integer({ min: 40, max: 20_000 }).map((depth) => `${'['.repeat(depth)}1${']'.repeat(depth)}`);

/**
 * A valid body with one place anywhere inside it replaced by any value or by a deeply nested
 * one, removed, or given an extra key; or any JSON at all. As JSON text.
 */
function mutate(valid: Record<string, unknown>): fc.Arbitrary<string> {
  const places = placesIn(valid);
  const text = (value: unknown, deep?: string) => {
    const json = JSON.stringify(value) ?? 'null';
    return deep === undefined ? json : json.replace(JSON.stringify(DEEP), deep);
  };
  return fc.oneof(
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...places), anyJson).map(([path, value]) => text(withPlace(valid, path, value))) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...places), deepValue).map(([path, deep]) => text(withPlace(valid, path, DEEP), deep)) },
    { weight: 1, arbitrary: fc.constantFrom(...places).map((path) => text(withPlace(valid, path, REMOVE))) },
    { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 12 }), anyJson).map(([key, value]) => text({ ...valid, [key]: value })) },
    { weight: 1, arbitrary: anyJson.map((value) => text(value)) },
  );
}

/** A whole body: a mutated valid one, or raw text that may not be JSON at all. */
const body = (valid: Record<string, unknown>) =>
  fc.oneof(
    { weight: 6, arbitrary: mutate(valid) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 1, arbitrary: deepText },
    { weight: 1, arbitrary: fc.constantFrom('', '{', '{"a":1}{', '[1,]', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}') },
  );

/** Asserts a response is a success or a 4xx with the documented error body. */
function assertAnswered(res: { status: number; body: any }, what: string) {
  assert.ok(res.status < 500, `${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  if (res.status >= 400) {
    assert.equal(typeof res.body?.error?.message, 'string', `${what}: error body ${JSON.stringify(res.body).slice(0, 300)}`);
    assert.ok(codes.has(res.body.error.code), `${what}: unknown code ${res.body.error.code}`);
  }
  assert.deepEqual(errors, [], `${what}: an error was logged`);
}

describe('fuzz: REST', () => {
  test('POST bodies on every route that takes one', async () => {
    const { sessionId, sessionToken } = chat;
    const consumer = uid('consumer');
    const posts: [string, string, Record<string, unknown>][] = [
      [server.tokens.demo, ROUTES.context, { consumer, ops: [{ id: uid('op'), at: 1, op: 'log', kind: 'action', name: 'x', data: { a: 1 } }] }],
      [server.tokens.demo, ROUTES.activity, { consumer, events: [{ id: uid('op'), at: 1, pathId: 'bulb-reset', event: 'start' }] }],
      [server.tokens.demo, ROUTES.liveSessions, { consumer, kind: 'chat', clientId: uid('request'), skill: 'support', data: { order: '1' } }],
      [sessionToken, routePath(ROUTES.liveRating, { id: sessionId }), { score: 4, comment: 'fine' }],
      [sessionToken, routePath(ROUTES.liveTranscript, { id: sessionId }), { email: 'person@example.com' }],
      [server.agents.sam, ROUTES.agentStatus, { status: 'available' }],
      [server.agents.alex, routePath(ROUTES.agentMessages, { id: sessionId }), { clientId: uid('msg'), text: 'hello' }],
    ];
    for (const [token, path, valid] of posts) {
      await fc.assert(
        fc.asyncProperty(body(valid), async (text) => {
          assertAnswered(await client(server.url, token).post(path, text), `POST ${path} ${text.slice(0, 200)}`);
        }),
        options,
      );
    }
  });

  test('query strings and path parameters on every GET route', async () => {
    const { sessionId, sessionToken } = chat;
    const gets: [string, string, string[]][] = [
      [server.tokens.demo, ROUTES.paths, ['tags', 'category', 'limit', 'offset']],
      [server.tokens.demo, ROUTES.search, ['q', 'tags', 'audience', 'limit']],
      [server.tokens.demo, ROUTES.recommended, ['consumer', 'limit']],
      [server.tokens.demo, ROUTES.categories, []],
      [server.tokens.demo, ROUTES.branding, []],
      [sessionToken, routePath(ROUTES.liveEvents, { id: sessionId }), ['after', 'before', 'limit']],
      [server.agents.alex, ROUTES.agentSessions, ['state', 'skill', 'agent', 'data', 'limit', 'q']],
      [server.agents.alex, ROUTES.agentCobrowse, ['state', 'sessionId', 'agentId', 'data', 'limit']],
      [server.agents.alex, ROUTES.agentCobrowseRecordings, ['sessionId', 'limit']],
    ];
    const param = (names: string[]) => (names.length ? fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 8 })) : fc.string({ maxLength: 8 }));
    const value = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.integer().map(String), fc.constantFrom('-1', '1e9', '0x10', '', ',,,', 'a'.repeat(3000)));
    const queries = fc
      .nat(gets.length - 1)
      .chain((i) => fc.tuple(fc.constant(i), fc.array(fc.tuple(param(gets[i][2]), value), { maxLength: 5 })));
    await fc.assert(
      fc.asyncProperty(queries, async ([i, pairs]) => {
        const [token, path] = gets[i];
        const qs = new URLSearchParams(pairs).toString();
        assertAnswered(await client(server.url, token).raw('GET', `${path}?${qs}`), `GET ${path}?${qs.slice(0, 200)}`);
      }),
      options,
    );
    const routes: [string, string][] = [
      [server.tokens.demo, ROUTES.path],
      [server.tokens.demo, ROUTES.helpId],
      [sessionToken, ROUTES.liveSession],
      [server.agents.alex, ROUTES.agentSession],
      [server.agents.alex, ROUTES.agentSessionByCode],
      [server.agents.alex, ROUTES.agentCobrowseRecording],
    ];
    const segment = fc.oneof(fc.string({ minLength: 1, maxLength: 80 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 300 }));
    await fc.assert(
      fc.asyncProperty(fc.nat(routes.length - 1), segment, async (i, text) => {
        const [token, route] = routes[i];
        const path = route.replace(/:[A-Za-z]+/, encodeURIComponent(text));
        assertAnswered(await client(server.url, token).raw('GET', path), `GET ${path.slice(0, 200)}`);
      }),
      options,
    );
  });
});

describe('fuzz: WebSocket frames', () => {
  /** Frames of every type with valid fields, for the mutations to start from. */
  const templates = (sessionId: string): Record<string, unknown>[] => [
    { type: 'hello', token: 'x' },
    { type: 'ping', id: 'p1' },
    { type: 'message', clientId: uid('msg'), text: 'hi', sessionId },
    { type: 'file', clientId: uid('msg'), fileId: 'file_1', sessionId },
    { type: 'typing', active: true, sessionId },
    { type: 'seen', seq: 1, sessionId },
    { type: 'end', sessionId },
    { type: 'status', status: 'available' },
    { type: 'accept', sessionId },
    { type: 'subscribe', sessionId, since: 0 },
    { type: 'unsubscribe', sessionId },
    { type: 'cobrowse.request', sessionId },
    { type: 'cobrowse.consent', id: 'cb_1', accept: true },
    { type: 'cobrowse.end', sessionId, id: 'cb_1' },
    { type: 'cobrowse.snapshot-request', sessionId },
    { type: 'cobrowse.control-request', sessionId },
    { type: 'cobrowse.control-consent', id: 'cb_1', accept: false },
    { type: 'cobrowse.control-end', sessionId },
    { type: 'cobrowse.input', sessionId, input: { kind: 'laser', node: 1, x: 0.5, y: 0.5 } },
    { type: 'cobrowse.events', id: 'cb_1', seq: 1, part: 0, parts: 1, data: '[]' },
  ];
  const frames = (sessionId: string) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...templates(sessionId)).chain((t) => mutate(t)) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
      { weight: 1, arbitrary: deepText },
      { weight: 1, arbitrary: anyJson.map((v) => JSON.stringify(v) ?? 'null') },
    );

  /**
   * Sends each frame on one of several connections (each has its own frame budget, so the fuzzer
   * reaches the handlers instead of the rate limit), then a ping on the same one: every frame
   * before it has been handled when the pong comes, and the connection is still open.
   */
  async function fuzzFrames(token: string, sessionId: string) {
    const sockets = await Promise.all(Array.from({ length: 8 }, () => LiveClient.connect(server, token)));
    const lastUsed: number[] = [];
    let turn = 0;
    try {
      await fc.assert(
        fc.asyncProperty(frames(sessionId), async (text) => {
          const index = turn++ % sockets.length;
          const socket = sockets[index];
          // Two frames (this one and the ping) per socket at most every 100 ms: within the
          // sustained rate of LIVE_LIMITS.framesPerSecond, so no ping is dropped.
          const wait = (lastUsed[index] ?? 0) + (2 * 1000) / LIVE_LIMITS.framesPerSecond - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          lastUsed[index] = performance.now();
          const seen = socket.frames.length;
          socket.send(text);
          if (Buffer.byteLength(text) > LIVE_LIMITS.maxFrameBytes) {
            // Documented: a frame over the limit closes the connection with 1009.
            assert.equal(await socket.closed, 1009);
            sockets[index] = await LiveClient.connect(server, token);
            return;
          }
          await socket.settled();
          const answers = socket.frames.slice(seen) as Frame[];
          const what = `frame ${text.slice(0, 200)}`;
          assert.equal(socket.closeCode, undefined, `${what}: the connection closed`);
          for (const frame of answers.filter((f) => f.type === 'error')) {
            assert.ok(codes.has(frame.code) && frame.code !== 'internal_error', `${what}: ${JSON.stringify(frame)}`);
          }
          assert.deepEqual(errors, [], `${what}: an error was logged`);
        }),
        options,
      );
    } finally {
      await closeAll(...sockets);
    }
  }

  test('customer frames', async () => {
    await fuzzFrames(chat.sessionToken, chat.sessionId);
  });

  test('agent frames', async () => {
    await fuzzFrames(server.agents.alex, chat.sessionId);
  });

  test('the server is still well afterwards', async () => {
    assert.equal((await client(server.url).get(ROUTES.health)).status, 200);
    assert.deepEqual(errors, []);
  });
});
