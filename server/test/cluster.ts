/**
 * Several real `serve` processes sharing one store and one Redis, behind a real HAProxy: what
 * the multi-process tests run against. Each process is `node --import tsx server/cli.ts serve`,
 * ready when it prints its `NEXUS_READY {"url":…}` line.
 *
 * The store is a PostgreSQL database of its own (test PostgreSQL, store-engines.ts), as in
 * production; the balancer checks each process's `/v1/ready` (store and Redis reachable).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { startHaproxy } from '../../scripts/services.mjs';
import { runCli } from '../commands.js';
import { testPrefix } from './redis-helpers.js';
import { postgresDatabase } from './store-engines.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** The balancer's health check: ready when the process's store and Redis answer. */
export const CHECK_PATH = '/v1/ready';

export interface ClusterOptions {
  processes?: number;
  /** Extra `serve` options (e.g. --rate-limit). */
  serveArgs?: string[];
  /** Extra environment (NEXUS_OFFER_TIMEOUT_MS, NEXUS_PRESENCE_TTL_MS). */
  env?: Record<string, string>;
  redisUrl: string;
  checkPath?: string;
  /**
   * The database (a postgres:// URL) to use instead of a new one on the test PostgreSQL: e.g.
   * on a PostgreSQL server of the test's own, that it can pause and resume.
   */
  database?: string;
}

interface Node {
  child: ChildProcess;
  url: string;
  port: number;
  /** The operator's metrics listener, when `serve` got `--metrics-port`. */
  metricsUrl?: string;
  exited: Promise<void>;
  /** What the process wrote to stderr so far. */
  stderr(): string;
}

export class Cluster {
  readonly nodes: Node[] = [];
  balancer?: { url: string; stop(): Promise<void>; setState(i: number, state: 'drain' | 'ready'): Promise<string> };
  readonly prefix = testPrefix();

  private constructor(
    readonly dir: string,
    /** The cluster's database (a postgres:// URL), named to every process and CLI command. */
    readonly database: string,
    private readonly options: ClusterOptions,
  ) {}

  /** Creates the store (with what `setUp` adds through the CLI), the processes and the balancer. */
  static async start(options: ClusterOptions, setUp: (cli: (...args: string[]) => Promise<string>) => Promise<void>) {
    const database = options.database ?? (await postgresDatabase()).target;
    const cluster = new Cluster(await mkdtemp(join(tmpdir(), 'nexus-cluster-')), database, options);
    try {
      await setUp((...args) => cluster.cli(...args));
      cluster.nodes.push(...(await Promise.all(Array.from({ length: options.processes ?? 2 }, () => cluster.spawnNode()))));
      cluster.balancer = await startHaproxy(cluster.nodes, { checkPath: options.checkPath ?? CHECK_PATH });
      return cluster;
    } catch (error) {
      await cluster.stop();
      throw error;
    }
  }

  /** Runs a CLI command on the cluster's store; its stdout. */
  async cli(...args: string[]): Promise<string> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['--database', this.database, ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
    if (code !== 0) throw new Error(`${args.join(' ')}: ${err.join('\n')}`);
    return out.join('\n');
  }

  private spawnNode(port = 0): Promise<Node> {
    const args = ['--import', 'tsx', 'server/cli.ts', '--database', this.database, 'serve', '--port', String(port)];
    args.push('--redis', this.options.redisUrl, '--redis-prefix', this.prefix, ...(this.options.serveArgs ?? []));
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...this.options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    return new Promise((ready, fail) => {
      const timer = setTimeout(() => fail(new Error(`serve did not get ready in 60 s:\n${stderr}`)), 60_000);
      void exited.then(() => fail(new Error(`serve exited before it was ready:\n${stderr}`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const match = /^NEXUS_READY (.*)$/.exec(line);
        if (!match) return;
        clearTimeout(timer);
        const { url, metricsUrl } = JSON.parse(match[1]) as { url: string; metricsUrl?: string };
        ready({ child, url, port: Number(new URL(url).port), metricsUrl, exited, stderr: () => stderr });
      });
    });
  }

  /** The balancer's URL. */
  get url(): string {
    return this.balancer!.url;
  }

  /**
   * Makes the balancer send every new connection to process `i` (the others drained: no new
   * connections, their open ones stay), or to all of them again when `i` is undefined.
   */
  async steer(i?: number) {
    for (const [j] of this.nodes.entries()) {
      const answer = await this.balancer!.setState(j, i === undefined || i === j ? 'ready' : 'drain');
      if (answer) throw new Error(`HAProxy: ${answer}`);
    }
  }

  /** Kills process `i` at once (SIGKILL), as a crash would. */
  async kill(i: number) {
    const node = this.nodes[i];
    node.child.kill('SIGKILL');
    await node.exited;
  }

  /**
   * Stops process `i` gracefully (SIGTERM: it drains, closing its sockets with 1012) and waits
   * until it has exited; SIGKILL if it takes longer than `timeoutMs`. Its exit code and signal.
   */
  async terminate(i: number, timeoutMs = 15_000) {
    const { child, exited } = this.nodes[i];
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
    return { code: child.exitCode, signal: child.signalCode };
  }

  /** Restarts process `i` as a rolling deployment does: `terminate`, then `respawn` on its port. */
  async restart(i: number) {
    const exit = await this.terminate(i);
    await this.respawn(i);
    return exit;
  }

  /** Starts process `i` again (after `kill` or `terminate`) on its port, and waits until it answers. */
  async respawn(i: number) {
    this.nodes[i] = await this.spawnNode(this.nodes[i].port);
  }

  async stop() {
    await this.balancer?.stop();
    await Promise.all(
      this.nodes.map(async (node) => {
        if (node.child.exitCode === null && node.child.signalCode === null) node.child.kill('SIGTERM');
        const timer = setTimeout(() => node.child.kill('SIGKILL'), 5000);
        await node.exited;
        clearTimeout(timer);
      }),
    );
    await rm(this.dir, { recursive: true, force: true });
  }
}
