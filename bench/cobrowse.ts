/**
 * Co-browse (issue 5): consent to first frame, mutation to agent latency, the recorder chunk's
 * size, and the main-thread time recording costs a 1,000-element page.
 *
 * Set-up: the reference server in its own process (the real `serve` command, embedded SQLite, a
 * tenant, an application token and one agent, as in bench/chat.ts), serving the browser bundles
 * of dist/cdn under /sdk/. The customer is a page in headless Chromium (playwright-core, Debian's
 * Chromium) served by the server as its demo pages (bench/cobrowse-page/), which uses the real
 * NexusClient of /sdk/core.js: it starts a chat, and accepts co-browse when asked.
 *
 * The agent is a WebSocket client in this process (bench/chat.ts's `connect`), not the
 * AgentClient in a second page: what is measured is when the customer's batch reaches the
 * agent's socket (the replayer's rendering is the console's cost, not the recorder's); a second
 * Chromium page would compete with the customer's page for this machine's two cores and disturb
 * the main-thread figures; and the agent's receipt times are taken where nothing else runs.
 *
 * Clock: the page notes when it does something with Date.now(), and this process notes when the
 * agent receives it with Date.now(). Both read the same system clock of the same machine (no
 * clock of its own per process), so the difference is the latency, to the millisecond. The
 * benchmark checks that: it reads the page's clock between two reads of its own and prints the
 * offset (0 ± 1 ms expected).
 *
 * 1. Consent → first frame: from the page's accept() call to the agent holding the complete first
 *    batch with the full snapshot (rrweb event type 2), on a fresh page each time (the recorder
 *    chunk is fetched and compiled: the first consent of a visit), then once more on the same
 *    page (recorder loaded: a second consent).
 * 2. Mutation → agent: while the page changes a few texts and a row's class every 100 ms and
 *    scrolls every 200 ms, it sets a marked text (`bench-mark-<n>`) 50–150 ms apart (about ten a
 *    second); each is timed from just before the change to the agent's receipt of the batch that
 *    carries it. The page batches events for `batchMs` (COBROWSE_LIMITS.batchMs by default), so
 *    this is measured for the default and for 80, 50 and 30 ms, which take turns (six segments each).
 * 3. The recorder chunk's gzip size (bench/bundle-size.ts's `chunkSizes`).
 * 4. Main-thread time: the same page and workload, 10 s not recording, 10 s recording, 10 s not
 *    recording again, read from the Chrome DevTools Protocol (Performance.getMetrics:
 *    TaskDuration, ScriptDuration, ThreadTime); and the initial full snapshot's time from a trace
 *    of the consent (the longest main-thread task from accept() to the first batch leaving).
 *
 *   npx tsx bench/cobrowse.ts
 *   NEXUS_BENCH_COBROWSE_SAMPLES=300        (marked mutations per batchMs value, in 6 turns)
 *   NEXUS_BENCH_COBROWSE_BATCH_MS=80,50,30  (batchMs values of the latency run; default: these and the default)
 *   NEXUS_BENCH_COBROWSE_CONSENTS=8         (fresh pages of the consent run)
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type WebSocket from 'ws';
import { chromiumArgs, findChromium } from '../scripts/chromium.mjs';
import { COBROWSE_LIMITS } from '../src/protocol/api.js';
import type { ClientFrame, ServerFrame } from '../src/protocol/live.js';
import { chunkSizes } from './bundle-size.js';
import { accept, closeAll, connect, percentile, SKILL, sleep, startServer, withTimeout, type BenchServer, type Load } from './live-kit.js';

const root = join(import.meta.dirname, '..');

const SAMPLES = whole(process.env.NEXUS_BENCH_COBROWSE_SAMPLES ?? 300, 'NEXUS_BENCH_COBROWSE_SAMPLES');
const CONSENTS = whole(process.env.NEXUS_BENCH_COBROWSE_CONSENTS ?? 8, 'NEXUS_BENCH_COBROWSE_CONSENTS');
const BATCH_VALUES = (process.env.NEXUS_BENCH_COBROWSE_BATCH_MS ?? `${COBROWSE_LIMITS.batchMs},80,50,30`)
  .split(',')
  .map((value) => whole(value, 'NEXUS_BENCH_COBROWSE_BATCH_MS'))
  .filter((value, i, all) => all.indexOf(value) === i)
  .sort((a, b) => b - a);
/** Gap between two marked mutations: uniform in [MIN, MAX] ms. */
const MARK_GAP_MS = [50, 150] as const;
/** Each main-thread window. */
const WINDOW_MS = 10_000;
/** How long a step may take before the run fails. */
const STEP_MS = 15_000;

const TARGET_LATENCY_P95_MS = 100;
const TARGET_RECORDER_GZIP = 30 * 1024;

function whole(value: number | string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number, not '${value}'`);
  return n;
}

export interface Spread {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { samples: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
}

export interface ConsentFigures {
  /** accept() called → the agent holds the whole first batch (with the full snapshot). */
  firstFrame: Spread;
  /** accept() called → accept() returned (server confirmed, recorder loaded and started, snapshot taken). */
  started: Spread;
  /** accept() called → the first batch's last part left the page. */
  sent: Spread;
  /** The first batch: characters of JSON and frames. */
  snapshotChars: number;
  snapshotParts: number;
}

export interface LatencyRun {
  batchMs: number;
  /** Mutation → the agent holds the batch carrying it. */
  toAgent: Spread;
  /** Mutation → that batch's last part left the page (the batching part of the latency). */
  toSent: Spread;
  /** Marked mutations made, and those the agent never received. */
  marks: number;
  lost: number;
  /** Batches the agent received a second, and frames the server refused (rate limit...). */
  batchesPerSecond: number;
  refused: string[];
}

export interface MainThreadWindow {
  recording: boolean;
  /**
   * In ms per window: the main thread's CPU time (ThreadTime), its busy time (TaskDuration: wall
   * time of its tasks, which grows when the machine's other load takes the CPU away), and the
   * JavaScript part of that (ScriptDuration).
   */
  cpu: number;
  task: number;
  script: number;
  /** While recording: the batches and characters the agent received. */
  batches?: number;
  chars?: number;
}

export interface MainThreadFigures {
  elements: number;
  nodes: number;
  windowMs: number;
  /** In order: not recording, then recording and not recording in turn. */
  windows: MainThreadWindow[];
  /**
   * The consent, traced: the longest main-thread task from accept() to the first batch leaving
   * the page (the recorder chunk evaluated and started, with the initial full snapshot), and the
   * sum of all tasks in that time (ms).
   */
  consentLongestTask: TaskTimes;
  consentTasks: TaskTimes;
  /** The task that takes a full snapshot an agent asked for (the recorder running). */
  snapshotTask: { wall: Spread; cpu: Spread };
  /** The first batch (the initial full snapshot), characters of JSON. */
  snapshotChars: number;
}

export interface CobrowseFigures {
  clockOffsetMs: number;
  clockRoundTripMs: number;
  recorder: { file: string; bundles: string[]; gzip: number }[];
  cold: ConsentFigures;
  warm: ConsentFigures;
  latency: LatencyRun[];
  mainThread: MainThreadFigures;
  load: Load;
}

// ---------------------------------------------------------------------------------------------
// The agent: a WebSocket client of this process

interface Batch {
  id: string;
  seq: number;
  /** Date.now() when its last part arrived. */
  at: number;
  chars: number;
  parts: number;
  snapshot: boolean;
}

class BenchAgent {
  readonly batches: Batch[] = [];
  /** First receipt of each marked mutation. */
  readonly marks = new Map<number, Batch>();
  /** Sessions the agent follows (it saw them active). */
  readonly active = new Set<string>();
  readonly offers: string[] = [];
  readonly problems: string[] = [];
  private readonly parts = new Map<string, string[]>();
  private socket?: WebSocket;

  constructor(
    private readonly server: BenchServer,
    private readonly token: string,
  ) {}

  async connect(): Promise<void> {
    this.socket = await connect(this.server, this.token, (frame) => this.onFrame(frame), (why) => this.problems.push(`the agent's socket was lost: ${why}`));
  }

  close(): void {
    if (this.socket) closeAll([this.socket]);
  }

  send(frame: ClientFrame): void {
    this.socket!.send(JSON.stringify(frame));
  }

  /** Accepts the chat offered next (the customer is asking now) and waits until it follows it. */
  async acceptNextOffer(): Promise<string> {
    await until(() => this.offers.length > 0, 'the chat offered to the agent');
    const sessionId = this.offers.shift()!;
    await accept(this.server, this.token, sessionId);
    await until(() => this.active.has(sessionId), 'the agent following the session');
    return sessionId;
  }

  private onFrame(frame: ServerFrame) {
    const at = Date.now();
    switch (frame.type) {
      case 'offer':
        this.offers.push(frame.session.id);
        return;
      case 'event':
        if (frame.event.type === 'state' && frame.event.state === 'active') this.active.add(frame.sessionId);
        return;
      case 'error':
        this.problems.push(`the agent got ${frame.code}: ${frame.message}`);
        return;
      case 'cobrowse.events': {
        const key = `${frame.id}/${frame.seq}`;
        const parts = this.parts.get(key) ?? new Array<string>(frame.parts);
        parts[frame.part] = frame.data;
        this.parts.set(key, parts);
        for (let i = 0; i < parts.length; i++) if (parts[i] === undefined) return; // (a sparse array: no .some)
        this.parts.delete(key);
        const json = parts.join('');
        const events = JSON.parse(json) as { type: number }[];
        const batch = { id: frame.id, seq: frame.seq, at, chars: json.length, parts: parts.length, snapshot: events.some((e) => e.type === 2) };
        this.batches.push(batch);
        for (const [, n] of json.matchAll(/bench-mark-(\d+)/g)) if (!this.marks.has(Number(n))) this.marks.set(Number(n), batch);
        return;
      }
      default:
        return;
    }
  }
}

async function until(check: () => boolean, what: string, ms = STEP_MS): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(2);
  }
}

// ---------------------------------------------------------------------------------------------
// The customer: a page of its own browser context (its own cache, like another visitor)

interface Customer {
  context: BrowserContext;
  page: Page;
  sessionId: string;
  elements: number;
  nodes: number;
  problems: string[];
  /** Evaluates an expression of the page's `bench` API (a string: see bench/cobrowse-page/page.js). */
  call<T>(expression: string, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

async function openCustomer(browser: Browser, server: BenchServer, agent: BenchAgent): Promise<Customer> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  const call = <T>(expression: string, timeoutMs = STEP_MS) => withTimeout(page.evaluate(`bench.${expression}`) as Promise<T>, timeoutMs, expression);
  let sessionId: string;
  let size: { elements: number; nodes: number };
  try {
    await page.goto(`${server.url}/demo/`);
    await page.waitForFunction('window.bench !== undefined');
    size = await call<{ elements: number; nodes: number }>(`init("bench_${randomBytes(8).toString('hex')}")`);
    const chat = call<string>(`startChat(${JSON.stringify(SKILL)})`);
    chat.catch(() => undefined); // (awaited below; not an unhandled rejection meanwhile)
    sessionId = await agent.acceptNextOffer();
    if ((await chat) !== sessionId) throw new Error('the agent accepted another session than the page started');
  } catch (error) {
    await context.close();
    throw error;
  }
  const { elements, nodes } = size;
  return {
    context,
    page,
    sessionId,
    elements,
    nodes,
    problems,
    call,
    async close() {
      await call('endChat()').catch(() => undefined);
      await context.close();
    },
  };
}

interface Shared {
  id: string;
  /** accept() called and returned, the first batch sent by the page (Date.now of the page). */
  called: number;
  returned: number;
  sent: number;
  /** The first batch as the agent received it. */
  first: Batch;
}

/** The agent asks, the person accepts with `batchMs`; waits for the agent to hold the full snapshot. */
async function share(customer: Customer, agent: BenchAgent, batchMs: number): Promise<Shared> {
  agent.send({ type: 'cobrowse.request', sessionId: customer.sessionId });
  await customer.call('waitRequest()');
  const { called, returned, id } = await customer.call<{ called: number; returned: number; id: string }>(`accept(${batchMs})`);
  let first: Batch | undefined;
  await until(() => (first = agent.batches.find((b) => b.id === id && b.snapshot)) !== undefined, 'the first full snapshot at the agent');
  const sent = await customer.call<number | null>(`batchSent(${JSON.stringify(id)}, ${first!.seq})`);
  if (sent === null) throw new Error('the page did not note the first batch leaving');
  return { id, called, returned, sent, first: first! };
}

function unshare(customer: Customer, agent: BenchAgent): void {
  agent.send({ type: 'cobrowse.end', sessionId: customer.sessionId });
}

/** The page's clock minus this process's, read between two reads of ours (the tightest of 20). */
async function clockOffset(customer: Customer): Promise<{ offset: number; roundTrip: number }> {
  let best = { offset: NaN, roundTrip: Infinity };
  for (let i = 0; i < 20; i++) {
    const before = Date.now();
    const page = await customer.call<number>('now()');
    const after = Date.now();
    if (after - before < best.roundTrip) best = { offset: page - (before + after) / 2, roundTrip: after - before };
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// 1. Consent → first frame

function consentFigures(runs: Shared[]): ConsentFigures {
  const last = runs.at(-1)!;
  return {
    firstFrame: spread(runs.map((r) => r.first.at - r.called)),
    started: spread(runs.map((r) => r.returned - r.called)),
    sent: spread(runs.map((r) => r.sent - r.called)),
    snapshotChars: last.first.chars,
    snapshotParts: last.first.parts,
  };
}

async function consentRuns(browser: Browser, server: BenchServer, agent: BenchAgent): Promise<{ cold: ConsentFigures; warm: ConsentFigures }> {
  const cold: Shared[] = [];
  const warm: Shared[] = [];
  for (let i = 0; i < CONSENTS; i++) {
    const customer = await openCustomer(browser, server, agent);
    try {
      cold.push(await share(customer, agent, COBROWSE_LIMITS.batchMs));
      unshare(customer, agent);
      await sleep(200);
      warm.push(await share(customer, agent, COBROWSE_LIMITS.batchMs));
      unshare(customer, agent);
      checkPage(customer);
    } finally {
      await customer.close();
    }
  }
  return { cold: consentFigures(cold), warm: consentFigures(warm) };
}

function checkPage(customer: Customer): void {
  if (customer.problems.length) throw new Error(`the customer's page reported: ${customer.problems.join('; ')}`);
}

// ---------------------------------------------------------------------------------------------
// 2. Mutation → agent

/**
 * The marked mutations of one batchMs value are taken in LATENCY_ROUNDS segments, the values
 * taking turns, so that a burst of the machine's other load does not fall on one value only.
 */
const LATENCY_ROUNDS = 6;

async function latencyRuns(customer: Customer, agent: BenchAgent): Promise<LatencyRun[]> {
  const perSegment = Math.ceil(SAMPLES / LATENCY_ROUNDS);
  const collected = new Map(BATCH_VALUES.map((batchMs) => [batchMs, { toAgent: [] as number[], toSent: [] as number[], marks: 0, batches: 0, seconds: 0, refused: [] as string[] }]));
  let next = 0;
  await customer.call('startWorkload()');
  for (let round = 0; round < LATENCY_ROUNDS; round++) {
    for (const batchMs of BATCH_VALUES) {
      const into = collected.get(batchMs)!;
      await customer.call('errors()'); // (a batch that left just before the last end: refused, and not this run's)
      const { id } = await share(customer, agent, batchMs);
      await sleep(1000);
      const startedAt = Date.now();
      const marks = await customer.call<[number, number][]>(
        `marks(${next}, ${perSegment}, ${MARK_GAP_MS[0]}, ${MARK_GAP_MS[1]})`,
        STEP_MS + perSegment * MARK_GAP_MS[1],
      );
      next += perSegment;
      const last = marks.at(-1)![0];
      await until(() => agent.marks.has(last), 'the last marked mutation at the agent', 3000).catch(() => undefined);
      await sleep(500);
      const seconds = (Date.now() - startedAt) / 1000;
      into.refused.push(...(await customer.call<string[]>('errors()')));
      unshare(customer, agent);
      await sleep(300);
      for (const [n, at] of marks) {
        const batch = agent.marks.get(n);
        if (!batch) continue;
        into.toAgent.push(batch.at - at);
        const sent = await customer.call<number | null>(`batchSent(${JSON.stringify(batch.id)}, ${batch.seq})`);
        if (sent !== null) into.toSent.push(sent - at);
      }
      into.marks += marks.length;
      into.batches += agent.batches.filter((b) => b.id === id && b.at >= startedAt).length;
      into.seconds += seconds;
    }
  }
  await customer.call('stopWorkload()');
  checkPage(customer);
  return BATCH_VALUES.map((batchMs) => {
    const c = collected.get(batchMs)!;
    return {
      batchMs,
      toAgent: spread(c.toAgent),
      toSent: spread(c.toSent),
      marks: c.marks,
      lost: c.marks - c.toAgent.length,
      batchesPerSecond: c.batches / c.seconds,
      refused: c.refused,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// 4. Main-thread time

type Metrics = Record<string, number>;
/** Full snapshots an agent asks for while the page records (the page takes at most one a second). */
const SNAPSHOT_REQUESTS = 5;
/**
 * Windows recording, each between two not recording: the machine's other load moves the
 * figures, so the cost is taken from several pairs.
 */
const RECORDING_WINDOWS = 3;

async function mainThreadRun(browser: Browser, server: BenchServer, agent: BenchAgent): Promise<MainThreadFigures> {
  const customer = await openCustomer(browser, server, agent);
  try {
    const cdp = await customer.context.newCDPSession(customer.page);
    await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
    const metrics = async (): Promise<Metrics> =>
      Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    /** Main-thread time over one window of WINDOW_MS (the metrics are in seconds). */
    const measureWindow = async (recording: boolean): Promise<MainThreadWindow> => {
      const a = await metrics();
      await sleep(WINDOW_MS);
      const b = await metrics();
      const scale = WINDOW_MS / ((b.Timestamp - a.Timestamp) * 1000);
      const delta = (name: string) => (b[name] - a[name]) * 1000 * scale;
      return { recording, cpu: delta('ThreadTime'), task: delta('TaskDuration'), script: delta('ScriptDuration') };
    };
    const traced = async (work: () => Promise<void>): Promise<TraceEvent[]> => {
      await browser.startTracing(customer.page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
      await work();
      const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
      return Array.isArray(trace) ? trace : trace.traceEvents;
    };

    await customer.call('startWorkload()');
    await sleep(5000); // (the page's first seconds cost more: compiling, first layouts)
    const windows: MainThreadWindow[] = [await measureWindow(false)];
    let consentTasks: TraceEvent[] = [];
    let snapshotTasks: TaskTimes[] = [];
    let first: Shared | undefined;
    for (let round = 0; round < RECORDING_WINDOWS; round++) {
      let shared: Shared | undefined;
      if (round === 0) {
        // The consent, traced: the longest main-thread task from accept() to the first batch
        // leaving evaluates the recorder chunk and starts it (rrweb's record(): observers, full snapshot).
        const consent = await traced(async () => {
          shared = await share(customer, agent, COBROWSE_LIMITS.batchMs);
          await sleep(200);
        });
        consentTasks = tasksBetween(consent, mark(consent, 'bench:accept'), mark(consent, `bench:first-batch-sent:${shared!.id}`));
        first = shared;
      } else shared = await share(customer, agent, COBROWSE_LIMITS.batchMs);
      await sleep(1000);
      const from = Date.now();
      const window = await measureWindow(true);
      const during = agent.batches.filter((b) => b.id === shared!.id && b.at >= from && b.at <= Date.now());
      windows.push({ ...window, batches: during.length, chars: during.reduce((n, b) => n + b.chars, 0) });

      if (round === 0) {
        // Full snapshots an agent asks for, traced: each is taken in the task that receives the request.
        const snapshots = () => agent.batches.filter((b) => b.id === shared!.id && b.snapshot).length;
        const requests = await traced(async () => {
          for (let i = 0; i < SNAPSHOT_REQUESTS; i++) {
            const count = snapshots();
            agent.send({ type: 'cobrowse.snapshot-request', sessionId: customer.sessionId });
            await until(() => snapshots() > count, 'a requested full snapshot at the agent');
            await sleep(1100);
          }
        });
        snapshotTasks = requests
          .filter((e) => e.name === 'bench:snapshot-request')
          .map((request) => taskTimes(tasksBetween(requests, request, request)[0]));
      }
      unshare(customer, agent);
      await sleep(1000);
      windows.push(await measureWindow(false));
    }
    await customer.call('stopWorkload()');
    checkPage(customer);
    return {
      elements: customer.elements,
      nodes: customer.nodes,
      windowMs: WINDOW_MS,
      windows,
      consentLongestTask: taskTimes(consentTasks.reduce((a, b) => ((b.dur ?? 0) > (a.dur ?? 0) ? b : a))),
      consentTasks: { wall: consentTasks.reduce((n, t) => n + (t.dur ?? 0), 0) / 1000, cpu: consentTasks.reduce((n, t) => n + (t.tdur ?? 0), 0) / 1000 },
      snapshotTask: { wall: spread(snapshotTasks.map((t) => t.wall)), cpu: spread(snapshotTasks.map((t) => t.cpu)) },
      snapshotChars: first!.first.chars,
    };
  } finally {
    await customer.close();
  }
}

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  /** Wall time and the thread's CPU time, µs. */
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** A main-thread task's wall time, and the thread's CPU time in it (ms). */
export interface TaskTimes {
  wall: number;
  cpu: number;
}

const taskTimes = (task: TraceEvent): TaskTimes => ({ wall: (task.dur ?? NaN) / 1000, cpu: (task.tdur ?? NaN) / 1000 });

/** The page's performance mark `name` in a trace. */
function mark(events: TraceEvent[], name: string): TraceEvent {
  const found = events.find((e) => e.cat.includes('blink.user_timing') && e.name === name);
  if (!found) throw new Error(`the trace lacks the mark ${name}`);
  return found;
}

/** The main-thread tasks of the page that made mark `from`, running at any time from `from` to `to`. */
function tasksBetween(events: TraceEvent[], from: TraceEvent, to: TraceEvent): TraceEvent[] {
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === from.pid && e.args?.name === 'CrRendererMain');
  if (!main) throw new Error("the trace lacks the page's main thread");
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && e.ts + (e.dur ?? 0) >= from.ts && e.ts <= to.ts);
  if (!tasks.length) throw new Error('the trace has no main-thread task between the marks');
  return tasks;
}

// ---------------------------------------------------------------------------------------------

/**
 * Runs every part. `build: false` uses the bundles in dist/cdn as they are (npm run bench built
 * them just before); otherwise they are built first.
 */
export async function cobrowseBenchmark(options: { build?: boolean } = {}): Promise<CobrowseFigures> {
  const loadBefore = loadavg()[0];
  if (options.build !== false) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), 'cdn'], { cwd: root, stdio: 'inherit' });
  const recorder = chunkSizes('src/core/cobrowse-recorder.ts');
  if (!recorder.length) throw new Error('no co-browse recorder chunk in dist/cdn');
  const executablePath = findChromium();
  if (!executablePath) throw new Error('the co-browse benchmark needs Chromium (apt-get install chromium, or set CHROME_PATH)');

  // The customer's page is served as the server's demo pages, with the application token.
  const server = await startServer(1, 1000, (app) => ['--sdk-dir', join(root, 'dist', 'cdn'), '--demo-dir', join(import.meta.dirname, 'cobrowse-page'), '--demo-token', app]);
  const agent = new BenchAgent(server, server.agents[0].token);
  let browser: Browser | undefined;
  try {
    await agent.connect();
    browser = await chromium.launch({ executablePath, args: chromiumArgs });

    const { cold, warm } = await consentRuns(browser, server, agent);
    printConsent(cold, warm);

    const customer = await openCustomer(browser, server, agent);
    let clock: { offset: number; roundTrip: number };
    let latency: LatencyRun[];
    try {
      clock = await clockOffset(customer);
      console.log(`\n  page clock − benchmark clock: ${clock.offset.toFixed(1)} ms (read within ${clock.roundTrip} ms)`);
      latency = await latencyRuns(customer, agent);
      latency.forEach(printLatencyRun);
    } finally {
      await customer.close();
    }

    const mainThread = await mainThreadRun(browser, server, agent);
    if (agent.problems.length) throw new Error(agent.problems.join('; '));
    const figures: CobrowseFigures = {
      clockOffsetMs: clock.offset,
      clockRoundTripMs: clock.roundTrip,
      recorder,
      cold,
      warm,
      latency,
      mainThread,
      load: { before: loadBefore, after: loadavg()[0], cpus: cpus().length },
    };
    printRest(figures);
    const fallback = latency.find((r) => r.batchMs === COBROWSE_LIMITS.batchMs);
    if (fallback && (fallback.lost || fallback.refused.length)) {
      throw new Error(`with the default batchMs, ${fallback.lost} marked mutations never reached the agent; refused: ${fallback.refused.join('; ') || 'none'}`);
    }
    return figures;
  } finally {
    await browser?.close();
    agent.close();
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Printing

const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const met = (ok: boolean) => (ok ? 'met' : 'NOT met');

function printSpread(label: string, s: Spread, p99 = false) {
  console.log(`    ${label.padEnd(46)} p50 ${ms(s.p50).padStart(7)}   p95 ${ms(s.p95).padStart(7)}${p99 ? `   p99 ${ms(s.p99).padStart(7)}` : ''}   max ${ms(s.max).padStart(7)}`);
}

function printConsent(cold: ConsentFigures, warm: ConsentFigures) {
  console.log(`\nCo-browse, consent → first frame (accept() called → the agent holds the whole full snapshot), batchMs ${COBROWSE_LIMITS.batchMs}`);
  const runs = [
    ['fresh page, the recorder chunk fetched', cold],
    ['the same page again, the recorder loaded', warm],
  ] as const;
  for (const [label, c] of runs) {
    console.log(`  ${label} (${c.firstFrame.samples} runs)`);
    printSpread('accept() returned (recorder started, snapshot)', c.started);
    printSpread('first batch left the page', c.sent);
    printSpread('agent has the first frame', c.firstFrame);
  }
  console.log(`  the first batch: ${kb(cold.snapshotChars)} of JSON in ${cold.snapshotParts} frames`);
}

function printLatencyRun(r: LatencyRun) {
  console.log(`\n  Mutation → agent, batchMs ${r.batchMs}${r.batchMs === COBROWSE_LIMITS.batchMs ? ' (default)' : ''}: ${r.marks} marked mutations, ${r.lost} lost, ${r.batchesPerSecond.toFixed(1)} batches a second (limit ${COBROWSE_LIMITS.framesPerSecond} frames)`);
  printSpread('mutation → batch left the page', r.toSent, true);
  printSpread('mutation → agent', r.toAgent, true);
  if (r.refused.length) console.log(`    refused: ${r.refused.slice(0, 3).join('; ')}${r.refused.length > 3 ? ` (+${r.refused.length - 3})` : ''}`);
}

const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

/** Per recording window: its figures minus the mean of the not-recording windows either side. */
export function recordingCost(m: MainThreadFigures): { cpu: number[]; task: number[]; script: number[] } {
  const cost = { cpu: [] as number[], task: [] as number[], script: [] as number[] };
  m.windows.forEach((w, i) => {
    const [before, after] = [m.windows[i - 1], m.windows[i + 1]];
    if (!w.recording || !before || !after) return;
    for (const key of ['cpu', 'task', 'script'] as const) cost[key].push(w[key] - (before[key] + after[key]) / 2);
  });
  return cost;
}

function printRest(f: CobrowseFigures) {
  const fallback = f.latency.find((r) => r.batchMs === COBROWSE_LIMITS.batchMs);
  if (fallback) console.log(`\n  Target: mutation → agent p95 ≤ ${TARGET_LATENCY_P95_MS} ms with the default batchMs (${COBROWSE_LIMITS.batchMs}): ${met(fallback.toAgent.p95 <= TARGET_LATENCY_P95_MS)} (${ms(fallback.toAgent.p95)})`);

  console.log('\nCo-browse recorder chunk (gzip -9, dist/cdn)');
  for (const r of f.recorder) console.log(`  ${r.file} (${r.bundles.join(', ')}): ${kb(r.gzip)} — target ≤ ${kb(TARGET_RECORDER_GZIP)}: ${met(r.gzip <= TARGET_RECORDER_GZIP)}`);

  const m = f.mainThread;
  console.log(`\nMain-thread time recording a page of ${m.elements} elements (${m.nodes} nodes), ${m.windowMs / 1000} s windows, 3 changes + 1 class every 100 ms, a scroll every 200 ms`);
  console.log(`  ${''.padEnd(16)} ${'CPU'.padStart(9)} ${'busy (tasks)'.padStart(13)} ${'script'.padStart(9)}`);
  for (const w of m.windows) {
    const sent = w.recording ? `   ${w.batches} batches, ${kb(w.chars ?? 0)} sent` : '';
    console.log(`  ${(w.recording ? 'recording' : 'not recording').padEnd(16)} ${ms(w.cpu).padStart(9)} ${ms(w.task).padStart(13)} ${ms(w.script).padStart(9)}${sent}`);
  }
  const cost = recordingCost(m);
  const pct = (n: number) => `${((n / m.windowMs) * 100).toFixed(1)}%`;
  console.log(`  recording costs (each recording window minus the mean of the windows either side, median of ${cost.cpu.length}):`);
  console.log(`    CPU ${ms(median(cost.cpu))} per ${m.windowMs / 1000} s (${pct(median(cost.cpu))} of the main thread; range ${ms(Math.min(...cost.cpu))} to ${ms(Math.max(...cost.cpu))}), busy ${ms(median(cost.task))}, script ${ms(median(cost.script))}`);
  const times = (t: TaskTimes) => `${ms(t.cpu)} CPU (${ms(t.wall)} wall)`;
  console.log(`  initial full snapshot: the longest main-thread task after accept() (recorder chunk evaluated, record() started, snapshot): ${times(m.consentLongestTask)}`);
  console.log(`    all main-thread tasks from accept() until the first batch left: ${times(m.consentTasks)}; the batch ${kb(m.snapshotChars)} of JSON`);
  const s = m.snapshotTask;
  console.log(`  a full snapshot an agent asks for (the task that receives the request, ${s.cpu.samples} times): CPU p50 ${ms(s.cpu.p50)}, max ${ms(s.cpu.max)} (wall p50 ${ms(s.wall.p50)}, max ${ms(s.wall.max)})`);
  console.log(`  load average ${f.load.before.toFixed(2)} before, ${f.load.after.toFixed(2)} after (with this benchmark) on ${f.load.cpus} CPUs`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await cobrowseBenchmark().catch((error: unknown) => {
    console.error(`\nCo-browse benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
