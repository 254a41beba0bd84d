/**
 * deploy/haproxy.cfg as shipped (only its listen address, server lines and maxconn changed: a
 * test machine may allow fewer file descriptors than HAProxy wants for 20,000) in front of
 * two real `serve` processes: while one of them is stopped with SIGTERM under steady traffic, no
 * request fails, and its WebSocket clients are back on the other process at once.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { ROUTES } from '../../src/protocol/routes.js';
import { runCli } from '../commands.js';
import { startShippedHaproxy } from '../../scripts/services.mjs';
import { freePort } from './helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = import.meta.resolve('tsx');

let dir: string;
const children: ChildProcess[] = [];
const stops: (() => Promise<void>)[] = [];
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nexus-deploy-'));
});
after(async () => {
  for (const child of children) child.kill('SIGKILL');
  for (const stop of stops) await stop();
  await rm(dir, { recursive: true, force: true });
});

async function cli(db: string, args: string[]) {
  const out: string[] = [];
  assert.equal(await runCli(['--db', db, ...args], { out: (l) => out.push(l), err: () => undefined }), 0, args.join(' '));
  return out.join('\n').trim();
}

/** A `serve` process on `port`; resolves once it is listening, with its exit. */
async function serve(db: string, port: number) {
  const child = spawn(process.execPath, ['--import', TSX, join(ROOT, 'server/cli.ts'), '--db', db, 'serve', '--port', String(port), '--drain-timeout', '5s'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  for await (const line of createInterface({ input: child.stdout! })) if (line.startsWith('NEXUS_READY ')) break;
  return { child, exited };
}

/** An agent connection through the balancer that says hello again whenever it is closed with 1012. */
function agentThrough(url: string, token: string) {
  const state = { welcomes: 0, closes: [] as number[], reconnectedInMs: [] as number[] };
  const open = (closedAt?: number) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${ROUTES.liveSocket}`);
    ws.on('error', () => undefined);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', token })));
    ws.on('message', (data) => {
      if (JSON.parse(String(data)).type !== 'welcome') return;
      state.welcomes++;
      if (closedAt !== undefined) state.reconnectedInMs.push(Date.now() - closedAt);
    });
    ws.on('close', (code) => {
      state.closes.push(code);
      if (code === 1012) open(Date.now());
    });
    return ws;
  };
  return { state, sockets: [open(), open()] };
}

test('a rolling stop behind deploy/haproxy.cfg: no failed request, sockets move to the other process at once', async () => {
  const db = join(dir, 'nexus.db');
  await cli(db, ['tenant', 'create', 'acme']);
  const app = await cli(db, ['token', 'create', '--tenant', 'acme', '--name', 'web']);
  const agent = await cli(db, ['agent', 'token', await cli(db, ['agent', 'create', 'acme', '--name', 'Robin'])]);
  const ports = [await freePort(), await freePort()];
  const servers = await Promise.all(ports.map((port) => serve(db, port)));

  const lb = await startShippedHaproxy(ports);
  stops.push(lb.stop);
  const { url } = lb;

  // Both servers up (rise 2, every 2 s): each answers through the balancer.
  const deadline = Date.now() + 15_000;
  while ((await fetch(`${url}${ROUTES.ready}`).catch(() => undefined))?.status !== 200) {
    assert.ok(Date.now() < deadline, 'the balancer never sent traffic');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await new Promise((resolve) => setTimeout(resolve, 4500));
  const agents = agentThrough(url, agent);
  while (agents.state.welcomes < 2) await new Promise((resolve) => setTimeout(resolve, 20));

  const statuses: number[] = [];
  let running = true;
  const load = (async () => {
    while (running) {
      const res = await fetch(`${url}${ROUTES.categories}`, { headers: { authorization: `Bearer ${app}` } }).catch(() => undefined);
      statuses.push(res?.status ?? 0);
      await res?.arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, 500));
  servers[0].child.kill('SIGTERM');
  assert.equal(await servers[0].exited, 0);
  // Past HAProxy's detection (fall 2 × inter 2 s): traffic goes on to the other server only.
  await new Promise((resolve) => setTimeout(resolve, 5000));
  running = false;
  await load;

  assert.ok(statuses.length > 100, `steady traffic (${statuses.length} requests)`);
  assert.deepEqual([...new Set(statuses)], [200], `every request succeeded: ${JSON.stringify(statuses.filter((s) => s !== 200))}`);
  assert.ok(agents.state.closes.includes(1012), 'the stopped server closed its socket with 1012');
  assert.equal(agents.state.welcomes, 3, 'and it was welcomed again, by the other server');
  assert.ok(agents.state.reconnectedInMs[0] < 1000, `at once (${agents.state.reconnectedInMs[0]} ms)`);
  for (const ws of agents.sockets) ws.terminate();
  servers[1].child.kill('SIGTERM');
  assert.equal(await servers[1].exited, 0);
});
