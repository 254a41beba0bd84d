/**
 * What the live benchmarks share (chat, co-browse, relay): the server they run against, in one
 * of its topologies (./engines.ts), its processes' CPU and memory, and the clients: REST calls,
 * live sockets that say hello, and small helpers for timing.
 */
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import type { LiveGrant, LiveSession, ServerFrame } from '../src/protocol/live.js';
import { ROUTES, routePath } from '../src/protocol/routes.js';
import { issueAgentToken, issueToken } from '../server/auth.js';
import { openStore } from '../server/store/open.js';
import { benchDatabase, benchRedis, ENGINE_LABEL, spawnServe, type Engine, type ServeProcess } from './engines.js';

const TENANT = 'bench';
export const SKILL = 'support';

export interface Load {
  /** The one-minute load average before the run and after it, and the machine's CPUs. */
  before: number;
  after: number;
  cpus: number;
}

export function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// The server process

/**
 * Where the live benchmarks' server runs: one process on embedded SQLite (the default), or
 * `processes` processes on one PostgreSQL database sharing live help through one Redis.
 */
export interface Topology {
  engine: Engine;
  processes: number;
}

export const EMBEDDED: Topology = { engine: 'sqlite', processes: 1 };

/** "SQLite, 1 process", "PostgreSQL + Redis, 2 processes". */
export function describeTopology(t: Topology): string {
  const processes = `${t.processes} process${t.processes === 1 ? '' : 'es'}`;
  return t.engine === 'sqlite' && t.processes === 1 ? `SQLite, ${processes}` : `${ENGINE_LABEL[t.engine]} + Redis, ${processes}`;
}

export interface BenchServer {
  /** The first process's URL. */
  url: string;
  /** Every process's URL, in order (clients pick one: `connect(…, process)`). */
  urls: string[];
  /** Every process's pid. */
  pids: number[];
  app: string;
  agents: { id: string; token: string }[];
  stop(): Promise<void>;
}

/**
 * Seeds a fresh database (tenant, skill, application token, available agents that may hold
 * `maxSessions` sessions each), then runs `server/cli.ts serve` on it in child processes (with
 * Redis whenever the topology is not one process on SQLite), with the options `serveArgs` gives
 * for the application token added (e.g. `--sdk-dir dist/cdn`). NEXUS_BENCH_SERVER_NODE_FLAGS
 * passes Node flags to the server processes (e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof').
 */
export async function startServer(
  agentCount: number,
  maxSessions: number,
  serveArgs: (app: string) => string[] = () => [],
  topology: Topology = EMBEDDED,
): Promise<BenchServer> {
  const database = await benchDatabase(topology.engine);
  const processes: ServeProcess[] = [];
  const stop = async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await database.drop();
  };
  try {
    const store = await openStore(database.target);
    let app: string;
    const agents: BenchServer['agents'] = [];
    try {
      await store.migrate();
      await store.createTenant(TENANT, 'Bench');
      await store.createSkill(TENANT, SKILL, 'Support');
      app = (await issueToken(store, { tenantId: TENANT, name: 'bench', version: '1' })).jwt;
      for (let i = 0; i < agentCount; i++) {
        const agent = await store.createAgent({ tenantId: TENANT, id: `agent-${i}`, name: `Agent ${i}`, skills: [SKILL], maxSessions, status: 'available' });
        agents.push({ id: agent.id, token: (await issueAgentToken(store, { tenantId: TENANT, agentId: agent.id })).jwt });
      }
    } finally {
      await store.close();
    }
    const shared = topology.engine === 'sqlite' && topology.processes === 1 ? [] : ['--redis', await benchRedis(), '--redis-prefix', `bench-${Date.now().toString(36)}:`];
    const nodeFlags = process.env.NEXUS_BENCH_SERVER_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
    for (let i = 0; i < topology.processes; i++) processes.push(await spawnServe(database.target, [...shared, ...serveArgs(app)], {}, nodeFlags));
    return { url: processes[0]!.url, urls: processes.map((p) => p.url), pids: processes.map((p) => p.pid), app, agents, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** VmRSS and VmHWM of processes in MiB, summed (Linux only; undefined elsewhere). */
export function memoryOf(...pids: number[]): { rss?: number; peak?: number } {
  try {
    let rss = 0;
    let peak = 0;
    for (const pid of pids) {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kib = (name: string) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))?.[1]) / 1024;
      rss += kib('VmRSS');
      peak += kib('VmHWM');
    }
    return { rss: rss || undefined, peak: peak || undefined };
  } catch {
    return {};
  }
}

/** User + system CPU seconds processes have used so far, summed (Linux only; clock ticks of 1/100 s). */
export function cpuSecondsOf(...pids: number[]): number | undefined {
  try {
    let seconds = 0;
    for (const pid of pids) {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      seconds += (Number(fields[11]) + Number(fields[12])) / 100;
    }
    return seconds;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Clients

async function post<T>(server: BenchServer, path: string, token: string, body?: unknown, process = 0): Promise<T> {
  const response = await fetch(server.urls[process]! + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** A customer's chat request; the answer names the agent it was offered to (if any was free). */
export function requestChat(server: BenchServer, index: number, process = 0): Promise<LiveGrant> {
  const request = { consumer: `bench-consumer-${index}`, kind: 'chat', skill: SKILL, clientId: `bench-request-${index}` };
  return post<LiveGrant>(server, ROUTES.liveSessions, server.app, request, process);
}

export function accept(server: BenchServer, agentToken: string, sessionId: string, process = 0): Promise<LiveSession> {
  return post<LiveSession>(server, routePath(ROUTES.agentAccept, { id: sessionId }), agentToken, undefined, process);
}

/** Sockets this side is closing on purpose (their close is not a loss). */
const closing = new WeakSet<WebSocket>();

/**
 * Opens the live socket to one of the server's processes (the first by default) and says hello;
 * resolves once the server answers `welcome`. Every frame after that goes to `onFrame`; `onLost`
 * hears of a close this side did not ask for.
 */
export function connect(
  server: BenchServer,
  token: string,
  onFrame: (frame: ServerFrame) => void,
  onLost: (why: string) => void,
  process = 0,
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(server.urls[process]!.replace(/^http/, 'ws') + ROUTES.liveSocket, { perMessageDeflate: false });
    let welcomed = false;
    socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', token })));
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      if (!welcomed) {
        if (frame.type === 'welcome') {
          welcomed = true;
          resolve(socket);
        } else if (frame.type === 'error') reject(new Error(`hello refused: ${frame.code} ${frame.message}`));
        return;
      }
      onFrame(frame);
    });
    socket.on('error', (error) => {
      if (!welcomed) reject(error);
    });
    socket.on('close', (code, reason) => {
      if (!welcomed) reject(new Error(`socket closed before welcome: ${code} ${reason}`));
      else if (!closing.has(socket)) onLost(`closed by the server: ${code} ${reason.toString()}`);
    });
  });
}

export function closeAll(sockets: Iterable<WebSocket>) {
  for (const socket of sockets) {
    closing.add(socket);
    socket.terminate();
  }
}

/** Runs `work(0..count-1)` with at most `concurrency` at once; stops starting new ones after a failure. */
export async function pool(count: number, concurrency: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (failure === undefined && next < count) {
      const index = next++;
      try {
        await work(index);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  if (failure !== undefined) throw failure;
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
