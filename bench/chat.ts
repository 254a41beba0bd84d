/**
 * Live chat over the WebSocket: the reference server in its own process on loopback (the real
 * `serve` command, production live settings), and this process as the load generator, holding
 * both the customers' and the agents' sockets (so one clock times both ends).
 *
 * 1. Latency: one customer session accepted by one agent. The customer sends messages one at a
 *    time; each is timed from the customer's send to the agent's receipt of its `event` frame.
 *    One connection may send LIVE_LIMITS.framesPerSecond frames a second (a token bucket per
 *    connection, server/live/socket.ts), so messages are spaced to stay at 90% of that rate.
 * 2. Concurrent sessions: N customers connect and say hello, agents with a high maximum accept
 *    them over REST, then every customer sends a message every few seconds while the agents
 *    receive. A level holds when every session was set up and every message was acknowledged to
 *    its customer and delivered to its agent exactly once, in order, with no socket lost, and
 *    the server kept up: no message took longer than KEEP_UP_MS to arrive.
 *    Levels step up (1,000, 2,500, then N) on a fresh server each, and stop at the first that fails.
 *
 * Both run on each topology (live-kit.ts): one process on SQLite, one and two processes on
 * PostgreSQL + Redis. With two processes, the latency run's customer is on one process and its
 * agent on the other (every message crosses Redis); the levels put customer i and agent j on
 * processes i mod 2 and j mod 2, each talking to its own process for REST and the socket.
 *
 *   node --import tsx bench/chat.ts [sessions] [sqlite|postgres|cluster]   (default: all three)
 *                                                   (or NEXUS_BENCH_SESSIONS; default 5000)
 *   NEXUS_BENCH_CHAT_MESSAGES=2000                  (timed messages of the latency run)
 *   NEXUS_BENCH_PERIOD_S=5                          (seconds between one customer's messages)
 *   NEXUS_BENCH_SERVER_NODE_FLAGS='--cpu-prof --cpu-prof-dir=/tmp/prof'
 *                                                   (Node flags of the server process, to profile it)
 */
import { cpus, loadavg } from 'node:os';
import type WebSocket from 'ws';
import { LIVE_LIMITS } from '../src/protocol/api.js';
import type { ServerFrame } from '../src/protocol/live.js';
import {
  accept,
  closeAll,
  connect,
  cpuSecondsOf,
  describeTopology,
  EMBEDDED,
  memoryOf,
  percentile,
  pool,
  requestChat,
  sleep,
  startServer,
  withTimeout,
  type Load,
  type Topology,
} from './live-kit.js';
import { stopEngines } from './engines.js';

/** The topologies of a full run: one process on SQLite, one and two on PostgreSQL + Redis. */
export const TOPOLOGIES: Record<'sqlite' | 'postgres' | 'cluster', Topology> = {
  sqlite: EMBEDDED,
  postgres: { engine: 'postgres', processes: 1 },
  cluster: { engine: 'postgres', processes: 2 },
};

/** Messages a second one customer connection sends in the latency run: 90% of the server's limit. */
const LATENCY_RATE = LIVE_LIMITS.framesPerSecond * 0.9;
const LATENCY_WARMUP = 100;
/** Sessions set up at once (REST request, socket, hello, accept), so the setup does not flood the server. */
const SETUP_CONCURRENCY = Number(process.env.NEXUS_BENCH_SETUP_CONCURRENCY) || 16;
/** Sessions per agent in the concurrency run (at least 4 agents). */
const SESSIONS_PER_AGENT = 500;
/** Each customer sends ROUNDS messages, one every PERIOD_MS (NEXUS_BENCH_PERIOD_S, default 5 s). */
const PERIOD_MS = (Number(process.env.NEXUS_BENCH_PERIOD_S) || 5) * 1000;
const ROUNDS = 4;
/**
 * A level keeps up when every message reaches its agent within this long (before its customer
 * sends the next one); one that falls behind does not hold even if nothing is lost.
 */
const KEEP_UP_MS = PERIOD_MS;
/** How long to wait for late messages after the last one was sent, before counting the rest lost. */
const DRAIN_MS = 60_000;


export interface LatencyFigures {
  topology: Topology;
  messages: number;
  /** Messages a second the customer sent (paced under the per-connection frame limit). */
  rate: number;
  p50: number;
  p99: number;
  max: number;
  load: Load;
}

export interface LevelFigures {
  topology: Topology;
  sessions: number;
  agents: number;
  /** Sessions connected, welcomed and accepted. */
  ready: number;
  setupSeconds: number;
  sent: number;
  acked: number;
  delivered: number;
  lost: number;
  /** Delivered, but more than KEEP_UP_MS after being sent. */
  late: number;
  duplicated: number;
  /** Messages that reached the agent before an earlier message of the same session, and seq gaps. */
  outOfOrder: number;
  /** Customer or agent sockets that closed on their own, and error frames received. */
  socketsLost: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
  /** The server process's memory at the end of the messages (VmRSS) and its peak (VmHWM), in MiB. */
  rssMiB?: number;
  peakRssMiB?: number;
  /** CPU time of the server and of this load generator while messages flowed, as % of one core. */
  serverCpu?: number;
  clientCpu: number;
  held: boolean;
  /** Why the level failed. */
  reason?: string;
}

export interface ChatFigures {
  latency: LatencyFigures[];
  levels: LevelFigures[][];
  load: Load;
}


// ---------------------------------------------------------------------------------------------
// 1. Latency

export async function latencyBenchmark(messages: number, topology: Topology = EMBEDDED): Promise<LatencyFigures> {
  const loadBefore = loadavg()[0];
  const server = await startServer(1, 5, () => [], topology);
  /** The customer's process: the last, so that with two the message crosses from one to the other. */
  const customerProcess = topology.processes - 1;
  const sockets: WebSocket[] = [];
  try {
    const [agent] = server.agents;
    /** The agent's receipt time of each message, by clientId; and who waits for it. */
    const waiting = new Map<string, (at: number) => void>();
    let active: (() => void) | undefined;
    let acks = 0;
    /** What went wrong in a socket's handler, checked by the loop below (throwing there would crash). */
    let broken: string | undefined;
    const lost = (why: string) => (broken ??= `a socket was lost (${why})`);
    sockets.push(
      await connect(
        server,
        agent.token,
        (frame) => {
          if (frame.type !== 'event') return;
          const { event } = frame;
          if (event.type === 'message' && event.author.role === 'customer') waiting.get(event.clientId!)?.(performance.now());
          else if (event.type === 'state' && event.state === 'active') active?.();
        },
        lost,
      ),
    );
    const grant = await requestChat(server, 0, customerProcess);
    const customer = await connect(server, grant.sessionToken, (frame) => {
      if (frame.type === 'ack') acks++;
      else if (frame.type === 'error') broken ??= `the customer got ${frame.code}: ${frame.message}`;
    }, lost, customerProcess);
    sockets.push(customer);
    const following = new Promise<void>((resolve) => (active = resolve));
    await accept(server, agent.token, grant.session.id);
    await withTimeout(following, 10_000, 'the agent following the session');

    const spacing = 1000 / LATENCY_RATE;
    const times: number[] = [];
    let slot = performance.now();
    for (let i = 0; i < LATENCY_WARMUP + messages; i++) {
      const wait = slot - performance.now();
      if (wait > 0) await sleep(wait);
      const clientId = `latency-${i}`;
      const received = new Promise<number>((resolve) => waiting.set(clientId, resolve));
      const sent = performance.now();
      customer.send(JSON.stringify({ type: 'message', clientId, text: `Message ${i}: my thermostat shows E4 again` }));
      const at = await withTimeout(received, 5_000, `message ${i} reaching the agent`);
      waiting.delete(clientId);
      if (broken) throw new Error(`latency run: ${broken}`);
      if (i >= LATENCY_WARMUP) times.push(at - sent);
      slot = sent + spacing;
    }
    await sleep(100);
    if (acks !== LATENCY_WARMUP + messages) throw new Error(`latency run: ${acks} acks for ${LATENCY_WARMUP + messages} messages`);
    times.sort((a, b) => a - b);
    return {
      topology,
      messages,
      rate: LATENCY_RATE,
      p50: percentile(times, 50),
      p99: percentile(times, 99),
      max: times.at(-1)!,
      load: { before: loadBefore, after: loadavg()[0], cpus: cpus().length },
    };
  } finally {
    closeAll(sockets);
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Concurrent sessions

/** What the load generator knows of one session. */
interface Session {
  id: string;
  customer?: WebSocket;
  /** performance.now() of each message's send, by message number. */
  sentAt: number[];
  acked: Uint8Array;
  /** How many times the agent received each message. */
  received: Uint8Array;
  /** The next message number the agent should see, and the last seq it saw. */
  nextMessage: number;
  agentSeq: number;
  /** Resolved when the agent sees the session become active (it follows the session then). */
  onActive?: () => void;
}

export async function concurrencyLevel(sessions: number, topology: Topology = EMBEDDED): Promise<LevelFigures> {
  const agentCount = Math.max(4, Math.ceil(sessions / SESSIONS_PER_AGENT));
  const rounds = ROUNDS;
  // Every customer and agent of the level comes from this one address: the REST limits per
  // address and per agent token (meant for one client each) are off; the socket's frame limit is not.
  const server = await startServer(agentCount, sessions, () => ['--rate-limit', 'off'], topology);
  const processes = topology.processes;
  const byId = new Map<string, Session>();
  const list: Session[] = [];
  const sockets: WebSocket[] = [];
  const latencies: number[] = [];
  let socketsLost = 0;
  let errors = 0;
  let outOfOrder = 0;
  const problems: string[] = [];
  const note = (problem: string) => {
    if (problems.length < 5) problems.push(problem);
  };
  const lost = (why: string) => {
    socketsLost++;
    note(why);
  };

  /** Agents: every stored event of their sessions, in seq order, once; messages timed. */
  const onAgentFrame = (frame: ServerFrame) => {
    if (frame.type === 'error') {
      errors++;
      note(`agent got ${frame.code}: ${frame.message}`);
    }
    if (frame.type !== 'event') return;
    const session = byId.get(frame.sessionId);
    if (!session) return;
    const { event } = frame;
    if (event.seq !== session.agentSeq + 1) {
      outOfOrder++;
      note(`session ${session.id}: the agent got seq ${event.seq} after ${session.agentSeq}`);
    }
    session.agentSeq = Math.max(session.agentSeq, event.seq);
    if (event.type === 'state' && event.state === 'active') session.onActive?.();
    if (event.type !== 'message' || event.author.role !== 'customer') return;
    const n = Number(event.clientId!.split('-').at(-1));
    if (session.received[n]++ > 0) return;
    latencies.push(performance.now() - session.sentAt[n]);
    if (n !== session.nextMessage) {
      outOfOrder++;
      note(`session ${session.id}: message ${n} arrived when ${session.nextMessage} was due`);
    }
    session.nextMessage = n + 1;
  };

  const onCustomerFrame = (session: Session) => (frame: ServerFrame) => {
    if (frame.type === 'ack') session.acked[Number(frame.clientId.split('-').at(-1))] = 1;
    else if (frame.type === 'error') {
      errors++;
      note(`customer got ${frame.code}: ${frame.message}`);
    }
  };

  const figures = (reason?: string): LevelFigures => {
    let sent = 0;
    let acked = 0;
    let delivered = 0;
    let duplicated = 0;
    for (const s of list) {
      for (let n = 0; n < rounds; n++) {
        if (s.sentAt[n] === undefined) continue;
        sent++;
        acked += s.acked[n];
        if (s.received[n] > 0) delivered++;
        duplicated += Math.max(0, s.received[n] - 1);
      }
    }
    latencies.sort((a, b) => a - b);
    const late = latencies.filter((t) => t > KEEP_UP_MS).length;
    const ok = !reason && list.length === sessions && sent === sessions * rounds && acked === sent && delivered === sent;
    const clean = duplicated === 0 && outOfOrder === 0 && socketsLost === 0 && errors === 0 && late === 0;
    return {
      topology,
      sessions,
      agents: agentCount,
      ready: list.filter((s) => s.customer).length,
      setupSeconds: 0,
      sent,
      acked,
      delivered,
      lost: sent - delivered,
      late,
      duplicated,
      outOfOrder,
      socketsLost,
      errors,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? NaN,
      clientCpu: 0,
      held: ok && clean,
      reason:
        reason ??
        (ok && clean
          ? undefined
          : [...problems, late ? `${late} messages took over ${KEEP_UP_MS / 1000} s: the server fell behind` : ''].filter(Boolean).join('; ') ||
            'messages were not all acknowledged and delivered'),
    };
  };

  try {
    // Agents first: routing offers chats only to connected, available agents.
    for (const [j, agent] of server.agents.entries()) sockets.push(await connect(server, agent.token, onAgentFrame, lost, j % processes));
    const agentOf = new Map(server.agents.map((a, j) => [a.id, { token: a.token, process: j % processes }]));

    // Setup: request, connect and hello, accept by the agent routing offered it to; then wait
    // until that agent's socket follows the session.
    const setupStart = performance.now();
    try {
      await pool(sessions, SETUP_CONCURRENCY, async (index) => {
        const grant = await requestChat(server, index, index % processes);
        const session: Session = {
          id: grant.session.id,
          sentAt: [],
          acked: new Uint8Array(rounds),
          received: new Uint8Array(rounds),
          nextMessage: 0,
          agentSeq: 0,
        };
        byId.set(session.id, session);
        list.push(session);
        const customer = await connect(server, grant.sessionToken, onCustomerFrame(session), lost, index % processes);
        sockets.push(customer);
        // Offered to the agent with the fewest sessions; a chat no agent was free for is taken by any.
        const agentId = grant.session.agent?.id ?? server.agents[index % agentCount].id;
        const following = new Promise<void>((resolve) => (session.onActive = resolve));
        const agent = agentOf.get(agentId)!;
        await accept(server, agent.token, session.id, agent.process);
        await withTimeout(following, 30_000, `the agent following session ${session.id}`);
        session.customer = customer;
      });
    } catch (error) {
      const result = figures(`setup failed after ${list.length} sessions: ${(error as Error).message}`);
      result.setupSeconds = (performance.now() - setupStart) / 1000;
      return result;
    }
    const setupSeconds = (performance.now() - setupStart) / 1000;

    // Messages: customer i sends message n at start + (i / sessions + n) × PERIOD_MS, which
    // spreads the customers evenly over each period.
    const schedule = { start: performance.now() + 200, next: 0, total: sessions * rounds };
    const serverCpuBefore = cpuSecondsOf(...server.pids);
    const clientCpuBefore = process.cpuUsage();
    await new Promise<void>((resolve) => {
      const tick = setInterval(() => {
        const now = performance.now();
        while (schedule.next < schedule.total) {
          const n = Math.floor(schedule.next / sessions);
          const i = schedule.next % sessions;
          if (schedule.start + (i / sessions + n) * PERIOD_MS > now) break;
          const session = list[i];
          session.sentAt[n] = performance.now();
          session.customer!.send(JSON.stringify({ type: 'message', clientId: `bench-${i}-${n}`, text: `Message ${n} from customer ${i}` }));
          schedule.next++;
        }
        if (schedule.next === schedule.total) {
          clearInterval(tick);
          resolve();
        }
      }, 5);
    });
    const complete = () => list.every((s) => s.nextMessage === rounds && s.acked.every((a) => a === 1));
    const drainUntil = performance.now() + DRAIN_MS;
    while (!complete() && performance.now() < drainUntil) await sleep(50);
    const seconds = (performance.now() - schedule.start) / 1000;
    const clientCpu = process.cpuUsage(clientCpuBefore);
    const serverCpuAfter = cpuSecondsOf(...server.pids);
    const memory = memoryOf(...server.pids);

    const result = figures();
    result.setupSeconds = setupSeconds;
    result.rssMiB = memory.rss;
    result.peakRssMiB = memory.peak;
    result.clientCpu = ((clientCpu.user + clientCpu.system) / 1e6 / seconds) * 100;
    if (serverCpuBefore !== undefined && serverCpuAfter !== undefined) result.serverCpu = ((serverCpuAfter - serverCpuBefore) / seconds) * 100;
    return result;
  } finally {
    closeAll(sockets);
    await server.stop();
  }
}

/** Levels 1,000, 2,500 and then `target`, each on a fresh server, until one fails. */
export async function concurrencyBenchmark(target: number, onLevel?: (level: LevelFigures) => void, topology: Topology = EMBEDDED): Promise<LevelFigures[]> {
  const levels = [...[1000, 2500].filter((n) => n < target), target];
  const results: LevelFigures[] = [];
  for (const sessions of levels) {
    const level = await concurrencyLevel(sessions, topology);
    results.push(level);
    onLevel?.(level);
    if (!level.held) break;
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// Printing

const ms = (n: number) => `${n.toFixed(2)} ms`;
const count = (n: number) => n.toLocaleString('en');

export function printLatency(f: LatencyFigures): void {
  const where = f.topology.processes > 1 ? 'customer and agent on different processes' : 'one process';
  console.log(`\nLive chat on ${describeTopology(f.topology)}, customer → agent over WebSocket on loopback (${where}): ${count(f.messages)} messages one at a time (${f.rate} a second, under the per-connection frame limit)`);
  console.log(`  p50 ${ms(f.p50)}   p99 ${ms(f.p99)}   max ${ms(f.max)}`);
  console.log(`  load average ${f.load.before.toFixed(2)} before, ${f.load.after.toFixed(2)} after (with this benchmark) on ${f.load.cpus} CPUs`);
}

export function printLevel(l: LevelFigures): void {
  const mib = (n?: number) => (n === undefined ? 'n/a' : `${n.toFixed(0)} MiB`);
  const pct = (n?: number) => (n === undefined ? 'n/a' : `${n.toFixed(0)}%`);
  console.log(`\n  ${count(l.sessions)} sessions, ${l.agents} agents: ${l.held ? 'held' : 'FAILED'}`);
  console.log(`    set up ${count(l.ready)} of ${count(l.sessions)} in ${l.setupSeconds.toFixed(1)} s (request, connect + hello, accept over REST, ${SETUP_CONCURRENCY} at a time)`);
  console.log(`    messages sent ${count(l.sent)}, acked ${count(l.acked)}, delivered ${count(l.delivered)}, lost ${count(l.lost)}, duplicated ${count(l.duplicated)}, out of order ${l.outOfOrder}, late (> ${KEEP_UP_MS / 1000} s) ${count(l.late)}; sockets lost ${l.socketsLost}, error frames ${l.errors}`);
  if (l.delivered) console.log(`    delivery p50 ${ms(l.p50)}   p99 ${ms(l.p99)}   max ${ms(l.max)}`);
  console.log(`    server RSS ${mib(l.rssMiB)} (peak ${mib(l.peakRssMiB)}), CPU while messages flowed: server ${pct(l.serverCpu)}, load generator ${pct(l.clientCpu)} of one core`);
  if (l.reason) console.log(`    ${l.reason}`);
}

export function printConcurrencyHeader(topology: Topology = EMBEDDED): void {
  console.log(`\nConcurrent chat sessions held on ${describeTopology(topology)}: each customer sends a message every ${PERIOD_MS / 1000} s for ${(ROUNDS * PERIOD_MS) / 1000} s`);
}

export function printConcurrencySummary(levels: LevelFigures[], load?: Load): void {
  const held = levels.filter((l) => l.held).at(-1);
  console.log(`\n  Largest level held (zero loss, every message within ${KEEP_UP_MS / 1000} s): ${held ? `${count(held.sessions)} sessions` : 'none'}`);
  if (load) console.log(`  load average ${load.before.toFixed(2)} before, ${load.after.toFixed(2)} after (with this benchmark) on ${load.cpus} CPUs`);
}

function positive(value: number | string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number, not '${value}'`);
  return n;
}

/** Runs both parts on each topology and prints each as it finishes. */
export async function runChatBenchmark(options: { sessions?: number; messages?: number; topologies?: Topology[] } = {}): Promise<ChatFigures> {
  const sessions = positive(options.sessions ?? process.env.NEXUS_BENCH_SESSIONS ?? 5000, 'NEXUS_BENCH_SESSIONS');
  const messages = positive(options.messages ?? process.env.NEXUS_BENCH_CHAT_MESSAGES ?? 2000, 'NEXUS_BENCH_CHAT_MESSAGES');
  const topologies = options.topologies ?? Object.values(TOPOLOGIES);
  const loadBefore = loadavg()[0];
  const figures: ChatFigures = { latency: [], levels: [], load: { before: loadBefore, after: loadBefore, cpus: cpus().length } };
  try {
    for (const topology of topologies) {
      figures.latency.push(await latencyBenchmark(messages, topology));
      printLatency(figures.latency.at(-1)!);
    }
    for (const topology of topologies) {
      printConcurrencyHeader(topology);
      figures.levels.push(await concurrencyBenchmark(sessions, printLevel, topology));
      printConcurrencySummary(figures.levels.at(-1)!);
    }
  } finally {
    await stopEngines();
  }
  figures.load.after = loadavg()[0];
  console.log(`\n  load average ${figures.load.before.toFixed(2)} before, ${figures.load.after.toFixed(2)} after (with this benchmark) on ${figures.load.cpus} CPUs`);
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const only = process.argv[3] as keyof typeof TOPOLOGIES | undefined;
  if (only && !TOPOLOGIES[only]) throw new Error(`the topology is one of ${Object.keys(TOPOLOGIES).join(', ')}, not '${only}'`);
  await runChatBenchmark({ sessions: process.argv[2] === undefined ? undefined : Number(process.argv[2]), topologies: only ? [TOPOLOGIES[only]] : undefined });
}
