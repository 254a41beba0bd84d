/**
 * Health, readiness and graceful shutdown (server/ops): what a load balancer and an orchestrator
 * rely on. The shutdown tests run the real `serve` command as a child process and send it SIGTERM
 * while a WebSocket is open and a request is under way.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { ROUTES } from '../../src/protocol/routes.js';
import { buildApp } from '../app.js';
import { runCli } from '../commands.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { client } from './helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = import.meta.resolve('tsx');

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nexus-ops-'));
});
after(() => rm(dir, { recursive: true, force: true }));

/** An app on a fresh database with `checks` registered and tight address limits; closed after the test. */
async function readyServer(t: { after: (fn: () => Promise<void>) => void }, checks: { name: string; check: () => Promise<void> }[] = []) {
  const store = new SqliteStore(join(dir, `ready-${Math.random().toString(36).slice(2)}.db`));
  await store.migrate();
  const app = buildApp({ store, readiness: checks, readyTimeoutMs: 200, rateLimits: { address: { perSecond: 0.1, burst: 3 } } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  let closed = false;
  t.after(async () => {
    if (!closed) await app.close();
    await store.close().catch(() => undefined);
  });
  return { app, store, url, api: client(url), close: async () => ((closed = true), await app.close()) };
}

describe('health and readiness', () => {
  test('both answer without a token; ready lists what it asked', async (t) => {
    const { api, url } = await readyServer(t, [{ name: 'bus', check: async () => undefined }]);
    const health = await api.get(ROUTES.health);
    assert.deepEqual([health.status, health.body, health.headers.get('cache-control')], [200, { status: 'ok' }, 'no-store']);
    const ready = await api.get(ROUTES.ready);
    assert.deepEqual([ready.status, ready.body], [200, { status: 'ready', checks: ['store', 'bus'] }]);
    // Access: public by design (a balancer has no token); a token, even a bad one, changes nothing.
    for (const route of [ROUTES.health, ROUTES.ready]) {
      assert.equal((await client(url, 'not-a-token').get(route)).status, 200, route);
    }
  });

  test('a dependency that fails or does not answer in time makes ready 503 not_ready, naming it and nothing of its error', async (t) => {
    let mode: 'ok' | 'fail' | 'hang' = 'fail';
    const { api } = await readyServer(t, [
      {
        name: 'bus',
        check: () => (mode === 'ok' ? Promise.resolve() : mode === 'fail' ? Promise.reject(new Error('ECONNREFUSED redis.internal:6379')) : new Promise(() => undefined)),
      },
    ]);
    const failed = await api.get(ROUTES.ready);
    assert.equal(failed.status, 503);
    assert.deepEqual(failed.body, { error: { code: 'not_ready', message: 'not ready: bus failed' } });

    mode = 'hang';
    const started = Date.now();
    const hung = await api.get(ROUTES.ready);
    assert.deepEqual([hung.status, hung.body.error.message], [503, 'not ready: bus did not answer within 200 ms']);
    assert.ok(Date.now() - started < 1500, 'answered at the timeout, not when the dependency answers');

    mode = 'ok';
    assert.equal((await api.get(ROUTES.ready)).status, 200, 'ready again once it answers');
    assert.equal((await api.get(ROUTES.health)).status, 200, 'alive all along');
  });

  test('a store that cannot answer makes ready 503; health stays 200', async (t) => {
    const { api, store } = await readyServer(t);
    await store.close();
    const ready = await api.get(ROUTES.ready);
    assert.deepEqual([ready.status, ready.body.error.code, ready.body.error.message], [503, 'not_ready', 'not ready: store failed']);
    assert.equal((await api.get(ROUTES.health)).status, 200);
  });

  test('ready turns 503 as soon as draining starts, while the server still answers', async (t) => {
    const { api, app } = await readyServer(t);
    app.readiness.startDraining();
    const ready = await api.get(ROUTES.ready);
    assert.deepEqual([ready.status, ready.body.error.code, ready.body.error.message], [503, 'not_ready', 'not ready: the server is shutting down']);
    assert.equal((await api.get(ROUTES.health)).status, 200);
  });

  test('a WebSocket upgrade that comes while the app closes is answered 503, its connection ends, and the close finishes', { timeout: 10_000 }, async (t) => {
    const { url, close } = await readyServer(t);
    const { port } = new URL(url);
    // A client reconnecting at once after 1012: its connection is there before the listener closes.
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    const ended = new Promise<boolean>((resolve) => {
      socket.once('end', () => resolve(true));
      setTimeout(() => resolve(false), 3000).unref();
    });
    const closed = close();
    socket.write(
      `GET ${ROUTES.liveSocket} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    const endedByServer = await ended;
    // Reset when the server did not end it, so that a failure here does not leave the close waiting for ever.
    if (endedByServer) socket.destroy();
    else socket.resetAndDestroy();
    assert.match(answer, /^HTTP\/1\.1 503 /, answer);
    assert.ok(endedByServer, 'the server ends the connection after its answer');
    await closed;
  });

  test('neither is rate limited (balancers poll them), and the metrics are not on the public port', async (t) => {
    const { api } = await readyServer(t);
    assert.equal((await api.get('/metrics')).status, 404);
    for (let i = 0; i < 10; i++) {
      assert.equal((await api.get(ROUTES.health)).status, 200);
      assert.equal((await api.get(ROUTES.ready)).status, 200);
    }
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await api.get(ROUTES.categories)).status);
    assert.ok(statuses.includes(429), `the API is limited (burst 3): ${statuses.join(',')}`);
  });
});

// ---------------------------------------------------------------------------------------------
// Graceful shutdown of a real `serve` process

interface Serve {
  child: ChildProcess;
  url: string;
  port: number;
  stderr: string[];
  exit: Promise<{ code: number | null; at: number }>;
}

/** A database with tenant `acme`, an application token and an agent token; returns the tokens. */
async function seed(db: string) {
  const run = async (args: string[]) => {
    const out: string[] = [];
    const code = await runCli(['--db', db, ...args], { out: (l) => out.push(l), err: () => undefined });
    assert.equal(code, 0, args.join(' '));
    return out.join('\n').trim();
  };
  await run(['tenant', 'create', 'acme']);
  const app = await run(['token', 'create', '--tenant', 'acme', '--name', 'web']);
  const agentId = await run(['agent', 'create', 'acme', '--name', 'Robin']);
  return { app, agent: await run(['agent', 'token', agentId]) };
}

async function serve(db: string, args: string[]): Promise<Serve> {
  const child = spawn(process.execPath, ['--import', TSX, join(ROOT, 'server/cli.ts'), '--db', db, 'serve', '--port', '0', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => stderr.push(line));
  const exit = new Promise<{ code: number | null; at: number }>((resolve) => child.once('exit', (code) => resolve({ code, at: Date.now() })));
  for await (const line of createInterface({ input: child.stdout! })) {
    if (!line.startsWith('NEXUS_READY ')) continue;
    const { url } = JSON.parse(line.slice('NEXUS_READY '.length));
    return { child, url, port: Number(new URL(url).port), stderr, exit };
  }
  throw new Error(`serve did not start:\n${stderr.join('\n')}`);
}

/** An agent's live connection, welcomed; `closed` resolves with the close code and when. */
async function agentSocket(url: string, token: string) {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${ROUTES.liveSocket}`);
  ws.on('error', () => undefined);
  const closed = new Promise<{ code: number; at: number }>((resolve) => ws.on('close', (code) => resolve({ code, at: Date.now() })));
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send(JSON.stringify({ type: 'hello', token }));
  await new Promise<void>((resolve) => ws.on('message', (data) => JSON.parse(String(data)).type === 'welcome' && resolve()));
  return { ws, closed };
}

/**
 * A POST /v1/context whose body is sent in two halves: `finish()` sends the rest and resolves
 * with the raw response (empty when the connection was cut).
 */
async function halfSentRequest(port: number, token: string) {
  const body = JSON.stringify({ consumer: 'visitor-1', ops: [{ id: 'op-drain-0001', at: 1, op: 'identity', set: { firstName: 'Pat' } }] });
  const socket: Socket = connect(port, '127.0.0.1');
  let response = '';
  socket.on('data', (chunk) => (response += chunk));
  socket.on('error', () => undefined);
  const ended = new Promise<{ response: string; at: number }>((resolve) => socket.on('close', () => resolve({ response, at: Date.now() })));
  await new Promise((resolve) => socket.once('connect', resolve));
  const half = Math.floor(body.length / 2);
  socket.write(
    `POST ${ROUTES.context} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, half)}`,
  );
  return {
    finish() {
      socket.write(body.slice(half));
      return ended;
    },
    ended,
  };
}

/** Whether a new TCP connection to the port is refused. */
const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * A seeded `serve` with `--drain-timeout`, an agent's socket open and a request half sent when
 * it gets SIGTERM (at `signalled`).
 */
async function sigtermWhileBusy(t: { after: (fn: () => void) => void }, file: string, drainTimeout: string) {
  const db = join(dir, file);
  const tokens = await seed(db);
  const server = await serve(db, ['--drain-timeout', drainTimeout]);
  t.after(() => void server.child.kill('SIGKILL'));
  const agent = await agentSocket(server.url, tokens.agent);
  const request = await halfSentRequest(server.port, tokens.app);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const signalled = Date.now();
  server.child.kill('SIGTERM');
  return { server, agent, request, signalled };
}

describe('graceful shutdown of serve', () => {
  test('SIGTERM: sockets get 1012 at once, new connections are refused, the request under way completes, then the process exits 0', async (t) => {
    const { server, agent, request, signalled } = await sigtermWhileBusy(t, 'drain.db', '5s');
    const close = await agent.closed;
    assert.equal(close.code, 1012, 'service restart: the client reconnects elsewhere at once');
    assert.ok(close.at - signalled < 1500, `the socket was closed at once (${close.at - signalled} ms)`);
    await until(() => refused(server.port), 'new connections refused');
    assert.equal(await Promise.race([server.exit.then(() => 'exited'), new Promise((r) => setTimeout(() => r('running'), 300))]), 'running', 'it waits for the request');

    const { response, at } = await request.finish();
    assert.match(response, /^HTTP\/1\.1 200 /, response);
    assert.match(response, /\r\nconnection: close\r\n/i);
    assert.match(response, /"applied":1/);
    const exit = await server.exit;
    assert.equal(exit.code, 0);
    assert.ok(exit.at >= at, 'the process exits after the request was answered');
    assert.ok(server.stderr.some((l) => l.startsWith('SIGTERM: draining')), server.stderr.join('\n'));
  });

  test('a request that does not finish within --drain-timeout is cut, and the process still exits 0', async (t) => {
    const { server, request, signalled } = await sigtermWhileBusy(t, 'cut.db', '400ms');
    const { response } = await request.ended;
    assert.equal(response, '', 'cut without an answer');
    const exit = await server.exit;
    assert.equal(exit.code, 0);
    assert.ok(exit.at - signalled >= 350, `it waited for the drain timeout (${exit.at - signalled} ms)`);
    assert.ok(exit.at - signalled < 4000, `and not much longer (${exit.at - signalled} ms)`);
  });

  test('bad ops options are usage errors', async () => {
    const cases: [string[], RegExp][] = [
      [['--log-level', 'loud'], /--log-level must be one of fatal, error, warn, info, debug, trace, silent/],
      [['--drain-timeout', 'soon'], /--drain-timeout must look like 30s/],
      [['--metrics-port', '70000'], /--metrics-port must be 0-65535/],
      [['--metrics-host', '0.0.0.0'], /--metrics-host goes with --metrics-port/],
      [['--smtp', 'http://mail.example.com'], /--smtp: the SMTP URL must start with smtp:\/\/ or smtps:\/\//],
      [['--mail-from', 'a@b.c'], /--mail-from goes with --smtp/],
      [['--public-url', 'https://support.example.com/portal'], /--public-url must be an http\(s\) origin/],
      [['--public-url', 'support.example.com'], /--public-url must be an http\(s\) origin/],
    ];
    for (const [args, message] of cases) {
      const err: string[] = [];
      const code = await runCli(['--db', join(dir, 'usage.db'), 'serve', ...args], { out: () => undefined, err: (l) => err.push(l) });
      assert.equal(code, 2, args.join(' '));
      assert.match(err.join('\n'), message);
    }
  });
});
