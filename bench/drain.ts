/**
 * A process drained under load: how long its clients take to be back on the other process, and
 * that no message is lost or doubled on the way (docs/deploy.md, "Sizing" and "Graceful
 * shutdown").
 *
 * Two `serve` processes on PostgreSQL + Redis (live-kit.ts) behind a real HAProxy running
 * deploy/haproxy.cfg as shipped (health check on `/v1/ready` every 2 s, out after 2 failures,
 * `retries 2` with `option redispatch`). Agents talk to the second process
 * directly, so they stay put; customers connect through HAProxy, which spreads them over both.
 * Every customer sends a message every PERIOD_MS. Then the first process gets SIGTERM: it answers
 * ready with 503, closes its sockets with 1012 and drains. A customer closed with 1012 reconnects
 * at once through HAProxy, as the client library does (src/core/socket.ts: at once on 1012, then
 * a full-jitter backoff from 500 ms if that fails), says hello with the last seq it saw, and sends
 * again what was not acknowledged, with the same client ids.
 *
 * Figures: the time from SIGTERM to each moved customer's welcome on the other process (p50, p99,
 * the last), the reconnect attempts that failed, the time until the process exited, and the
 * delivery check over the whole run: every message acknowledged, and delivered to its agent
 * exactly once and in order.
 *
 *   node --import tsx bench/drain.ts [sessions]      (or NEXUS_BENCH_DRAIN_SESSIONS; default 1000)
 */
import { cpus, loadavg } from 'node:os';
import WebSocket from 'ws';
import type { ServerFrame } from '../src/protocol/live.js';
import { ROUTES } from '../src/protocol/routes.js';
import { startShippedHaproxy } from '../scripts/services.mjs';
import { stopEngines } from './engines.js';
import { accept, closeAll, connect, percentile, pool, requestChat, sleep, startServer, withTimeout, type Load } from './live-kit.js';

const PERIOD_MS = 5000;
/** Messages each customer sends: some before the drain, the rest after. */
const ROUNDS = 6;
/** The drain starts this long after the first messages. */
const DRAIN_AT_MS = 2 * PERIOD_MS + 1000;
const SETUP_CONCURRENCY = 32;
const SESSIONS_PER_AGENT = 500;

export interface DrainFigures {
  sessions: number;
  /** Customers the drained process held (closed with 1012). */
  moved: number;
  /** ms from SIGTERM to a moved customer's 1012. */
  closedP50: number;
  closedMax: number;
  /** ms from SIGTERM to a moved customer's welcome on the other process. */
  backP50: number;
  backP99: number;
  backMax: number;
  /** Reconnects refused (503 or connection refused) before one went through. */
  failedAttempts: number;
  /** ms from SIGTERM to the process's exit. */
  exitMs: number;
  messages: number;
  acked: number;
  lost: number;
  duplicated: number;
  outOfOrder: number;
  load: Load;
}

/** A customer whose socket goes through the balancer and comes back after a 1012, as the client library's does. */
class Customer {
  socket?: WebSocket;
  lastSeq = 0;
  readonly unacked = new Map<string, string>();
  acked = 0;
  /** Set when the server closed it with 1012; the time its next welcome came. */
  restartedAt?: number;
  backAt?: number;
  failed = 0;
  lost?: string;

  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.url.replace(/^http/, 'ws') + ROUTES.liveSocket, { perMessageDeflate: false });
      let welcomed = false;
      socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', token: this.token, since: this.lastSeq })));
      socket.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as ServerFrame;
        if (frame.type === 'welcome') {
          welcomed = true;
          this.socket = socket;
          // What was not acknowledged goes again, in order, with the same client ids.
          for (const [clientId, text] of this.unacked) this.send(clientId, text);
          resolve();
        } else if (frame.type === 'ack') {
          if (this.unacked.delete(frame.clientId)) this.acked++;
        } else if (frame.type === 'event') {
          this.lastSeq = Math.max(this.lastSeq, frame.event.seq);
        } else if (frame.type === 'error') {
          if (welcomed) this.lost ??= `error frame ${frame.code}: ${frame.message}`;
          else reject(new Error(`hello refused: ${frame.code}`));
        }
      });
      socket.on('error', (error) => {
        if (!welcomed) reject(error);
      });
      socket.on('close', (code) => {
        if (!welcomed || this.socket !== socket) return;
        this.socket = undefined;
        if (code === 1012) void this.reconnect();
        else if (code !== 1000) this.lost = `closed with ${code}`;
      });
    });
  }

  private async reconnect() {
    this.restartedAt ??= performance.now();
    for (let attempt = 0; ; attempt++) {
      try {
        await this.open();
        this.backAt ??= performance.now();
        return;
      } catch {
        this.failed++;
        if (attempt >= 8) {
          this.lost = 'never came back';
          return;
        }
        await sleep(Math.random() * Math.min(15_000, 500 * 2 ** attempt));
      }
    }
  }

  say(clientId: string, text: string) {
    this.unacked.set(clientId, text);
    this.send(clientId, text);
  }

  private send(clientId: string, text: string) {
    this.socket?.send(JSON.stringify({ type: 'message', clientId, text }));
  }
}

export async function drainBenchmark(sessions: number): Promise<DrainFigures> {
  const before = loadavg()[0]!;
  const agentCount = Math.max(2, Math.ceil(sessions / SESSIONS_PER_AGENT));
  const server = await startServer(agentCount, SESSIONS_PER_AGENT, () => ['--drain-timeout', '10s', '--rate-limit', 'off'], { engine: 'postgres', processes: 2 });
  const balancer = await startShippedHaproxy(server.urls.map((url) => Number(new URL(url).port)), { maxconn: 4 * sessions + 100 });
  // Both processes up in the balancer's eyes (two good checks, 2 s apart).
  await sleep(5000);
  const agentSockets: WebSocket[] = [];
  const customers: Customer[] = [];
  /** Per session, the client ids the agent received, in order. */
  const received = new Map<string, string[]>();
  const sessionOf = new Map<Customer, string>();
  try {
    for (const agent of server.agents) {
      agentSockets.push(
        await connect(
          server,
          agent.token,
          (frame) => {
            if (frame.type === 'event' && frame.event.type === 'message' && frame.event.author.role === 'customer') {
              received.get(frame.sessionId)?.push(frame.event.clientId ?? '');
            }
          },
          (why) => console.error(`an agent socket was lost: ${why}`),
          1,
        ),
      );
    }
    await pool(sessions, SETUP_CONCURRENCY, async (i) => {
      const grant = await requestChat(server, i, i % 2);
      // Offered to the agent with the fewest sessions; a chat no agent was free for is taken by any.
      const agentId = grant.session.agent?.id ?? server.agents[i % agentCount]!.id;
      await accept(server, server.agents.find((a) => a.id === agentId)!.token, grant.session.id, 1);
      received.set(grant.session.id, []);
      const customer = new Customer(balancer.url, grant.sessionToken);
      await withTimeout(customer.open(), 30_000, 'a customer hello');
      customers.push(customer);
      sessionOf.set(customer, grant.session.id);
    });
    await sleep(1000);

    // Each customer sends a message every PERIOD_MS, spread over the period; the drain starts mid-run.
    const sent = new Map<Customer, string[]>();
    const start = performance.now();
    let drainedAt = 0;
    let exitMs = 0;
    const drain = (async () => {
      await sleep(DRAIN_AT_MS);
      drainedAt = performance.now();
      process.kill(server.pids[0]!, 'SIGTERM');
      while (isAlive(server.pids[0]!)) await sleep(50);
      exitMs = performance.now() - drainedAt;
    })();
    await Promise.all(
      customers.map(async (customer, i) => {
        const ids: string[] = [];
        sent.set(customer, ids);
        await sleep((i / customers.length) * PERIOD_MS);
        for (let round = 0; round < ROUNDS; round++) {
          const clientId = `drain-c${i}-m${round}`;
          ids.push(clientId);
          customer.say(clientId, `message ${round} of customer ${i}`);
          await sleep(Math.max(0, start + (i / customers.length) * PERIOD_MS + (round + 1) * PERIOD_MS - performance.now()));
        }
      }),
    );
    await drain;
    // The last messages: time to arrive (and to be sent again by customers still coming back).
    const deadline = performance.now() + 30_000;
    while (performance.now() < deadline && customers.some((c) => c.unacked.size && !c.lost)) await sleep(200);
    await sleep(500);

    const moved = customers.filter((c) => c.restartedAt !== undefined);
    const closed = moved.map((c) => c.restartedAt! - drainedAt).sort((a, b) => a - b);
    const back = moved.filter((c) => c.backAt !== undefined).map((c) => c.backAt! - drainedAt).sort((a, b) => a - b);
    let lost = 0;
    let duplicated = 0;
    let outOfOrder = 0;
    for (const customer of customers) {
      const got = received.get(sessionOf.get(customer)!)!;
      const ids = sent.get(customer)!;
      lost += ids.filter((id) => !got.includes(id)).length;
      duplicated += got.length - new Set(got).size;
      if (got.join() !== ids.filter((id) => got.includes(id)).join()) outOfOrder++;
    }
    const lostSockets = customers.filter((c) => c.lost);
    if (lostSockets.length) console.error(`${lostSockets.length} customers lost their socket: ${lostSockets[0]!.lost}`);
    return {
      sessions,
      moved: moved.length,
      closedP50: percentile(closed, 50),
      closedMax: closed.at(-1) ?? NaN,
      backP50: percentile(back, 50),
      backP99: percentile(back, 99),
      backMax: back.at(-1) ?? NaN,
      failedAttempts: moved.reduce((n, c) => n + c.failed, 0),
      exitMs,
      messages: customers.length * ROUNDS,
      acked: customers.reduce((n, c) => n + c.acked, 0),
      lost,
      duplicated,
      outOfOrder,
      load: { before, after: loadavg()[0]!, cpus: cpus().length },
    };
  } finally {
    closeAll(agentSockets);
    for (const customer of customers) customer.socket?.terminate();
    await balancer.stop();
    await server.stop();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function printDrain(f: DrainFigures) {
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  console.log(`\nA process drained under load (PostgreSQL + Redis, 2 processes behind HAProxy; load ${f.load.before.toFixed(2)} → ${f.load.after.toFixed(2)} on ${f.load.cpus} CPUs)`);
  console.log(`  sessions ${f.sessions}; customers on the drained process ${f.moved}`);
  console.log(`  closed with 1012 after SIGTERM: p50 ${ms(f.closedP50)}, last ${ms(f.closedMax)}`);
  console.log(`  back on the other process after SIGTERM: p50 ${ms(f.backP50)}, p99 ${ms(f.backP99)}, last ${ms(f.backMax)}; failed reconnects ${f.failedAttempts}`);
  console.log(`  drained process exited after ${ms(f.exitMs)}`);
  console.log(`  messages ${f.messages}: acknowledged ${f.acked}, lost ${f.lost}, duplicated ${f.duplicated}, sessions out of order ${f.outOfOrder}`);
}

/** Runs the drain on a fresh PostgreSQL and Redis, prints it, and stops them. */
export async function runDrainBenchmark(sessions = Number(process.env.NEXUS_BENCH_DRAIN_SESSIONS) || 1000): Promise<DrainFigures> {
  try {
    const figures = await drainBenchmark(sessions);
    printDrain(figures);
    return figures;
  } finally {
    await stopEngines();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await runDrainBenchmark(Number(process.argv[2]) || undefined);
  if (figures.lost || figures.duplicated || figures.outOfOrder || figures.acked !== figures.messages) process.exitCode = 1;
}
