/**
 * What the server benchmarks run on: a database of either engine (embedded SQLite in a temporary
 * folder, or a database on a PostgreSQL server started for the run with its durable defaults), a
 * Redis server, and `serve` processes of the reference server.
 *
 * PostgreSQL and Redis come from this machine's packages (scripts/services.mjs, as in the tests),
 * or from NEXUS_BENCH_POSTGRES_URL / NEXUS_BENCH_REDIS_URL to measure servers of your own.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { startPostgres, startRedis } from '../scripts/services.mjs';

const root = join(import.meta.dirname, '..');

export type Engine = 'sqlite' | 'postgres';
export const ENGINE_LABEL: Record<Engine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

export interface BenchDatabase {
  engine: Engine;
  /** The SQLite file or the postgres:// URL, for `--database`. */
  target: string;
  /** Removes the database (and stops the PostgreSQL server started for it). */
  drop(): Promise<void>;
}

let postgres: { url: string; stop(): void } | undefined;

/** The PostgreSQL server of this run (started once, stopped by `stopEngines`). */
async function postgresServer(): Promise<string> {
  if (process.env.NEXUS_BENCH_POSTGRES_URL) return process.env.NEXUS_BENCH_POSTGRES_URL;
  postgres ??= await startPostgres({ durable: true });
  return postgres.url;
}

/** A new, empty database on the engine. */
export async function benchDatabase(engine: Engine): Promise<BenchDatabase> {
  if (engine === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'nexus-bench-'));
    return { engine, target: join(dir, 'bench.db'), drop: () => rm(dir, { recursive: true, force: true }) };
  }
  const server = await postgresServer();
  const name = `bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { engine, target: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

let redis: { url: string; stop(): Promise<void> } | undefined;

/** The Redis server of this run (started once, stopped by `stopEngines`). */
export async function benchRedis(): Promise<string> {
  if (process.env.NEXUS_BENCH_REDIS_URL) return process.env.NEXUS_BENCH_REDIS_URL;
  redis ??= await startRedis();
  return redis.url;
}

/** Stops the PostgreSQL and Redis servers this run started. */
export async function stopEngines(): Promise<void> {
  postgres?.stop();
  postgres = undefined;
  await redis?.stop();
  redis = undefined;
}

export interface ServeProcess {
  url: string;
  pid: number;
  /** Stops the process (SIGTERM, then SIGKILL after 10 s). */
  stop(): Promise<void>;
}

/**
 * Runs `server/cli.ts serve` on the database in a child process (with `nodeFlags` given to Node),
 * resolved once it is ready.
 */
export async function spawnServe(database: string, args: string[] = [], env: Record<string, string> = {}, nodeFlags: string[] = []): Promise<ServeProcess> {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', join(root, 'server', 'cli.ts'), '--database', database, 'serve', '--port', '0', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the server exited with ${code} before it was ready`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (line.startsWith('NEXUS_READY ')) resolve(JSON.parse(line.slice(12)).url);
      });
    });
    return { url, pid: child.pid!, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so every run makes the same data. */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
