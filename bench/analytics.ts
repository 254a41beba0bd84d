/**
 * Analytics latency on both stores: a fresh database of each engine filled with a year of
 * generated activity (NEXUS_BENCH_ACTIVITY path-activity events, default 1,000,000, in walks of
 * a started event, steps and mostly an outcome, by 100,000 consumers over 100 paths), one search
 * per walk (a fifth finding nothing) and one live session per ten walks (5 skills, chat and call,
 * most accepted, some abandoned, rated, surveyed, transferred). Rows go in by bulk inserts in
 * the engine's own client (better-sqlite3 in one transaction; PostgreSQL `unnest` batches, then
 * VACUUM ANALYZE as autovacuum would), with the schema's indexes and triggers in place (so the
 * analytics roll-ups and the walks' deflection times are kept as rows go in, and the fill time
 * includes them, as a server recording the activity would pay them). Then each view
 * (`Store.selfHelpAnalytics`, `liveHelpAnalytics`) is asked for the last 30 days and for the
 * whole year (the longest range is 366 days), one call at a time, and its p50 and p95 printed.
 * Target: p95 <= 200 ms (issue 13). Run alone: `node --import tsx bench/analytics.ts`.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import type { GuidedPath } from '../src/protocol/schemas.js';
import { openStore } from '../server/store/open.js';
import type { Store } from '../server/store/types.js';
import { benchDatabase, ENGINE_LABEL, random, stopEngines, type BenchDatabase, type Engine } from './engines.js';

const DAY = 86_400_000;
/** The year of data ends here (fixed, so every run has the same data). */
const END = Date.UTC(2026, 0, 1);
const TENANT = 'bench';
const PATHS = 100;
const CONSUMERS = 100_000;
const SKILLS = ['sales', 'support', 'billing', 'returns', 'setup'];
const ROUNDS = 40;

interface Rows {
  consumers: unknown[][];
  keys: unknown[][];
  activity: unknown[][];
  walks: unknown[][];
  searches: unknown[][];
  sessions: unknown[][];
  transfers: unknown[][];
}

/** The generated data, as rows in the column order of `COLUMNS`. */
export function generate(events: number): Rows {
  const rnd = random(7);
  const int = (n: number) => Math.floor(rnd() * n);
  const rows: Rows = { consumers: [], keys: [], activity: [], walks: [], searches: [], sessions: [], transfers: [] };
  for (let c = 0; c < CONSUMERS; c++) {
    rows.consumers.push([`c${c}`, TENANT, END - 366 * DAY, END - 366 * DAY]);
    rows.keys.push([TENANT, `consumer-key-${c}`, `c${c}`, END - 366 * DAY]);
  }
  const sources = ['recommended', 'search', 'help-id', null];
  let walk = 0;
  while (rows.activity.length < events) {
    walk++;
    const consumer = int(CONSUMERS);
    const path = int(PATHS);
    let at = END - 365 * DAY + int(365 * DAY);
    const add = (event: string, step: number | null, source: string | null = null) =>
      rows.activity.push([TENANT, `a${rows.activity.length}`, `c${consumer}`, `path-${path}`, step === null ? null : `s${step}`, event, (at += 1000 + int(30_000)), source]);
    const source = sources[int(4)];
    add('started', null, source);
    const startedAt = at;
    const steps = 1 + int(5);
    for (let s = 0; s < steps; s++) add('step', s);
    const end = rnd();
    const outcome = end < 0.5 ? 'resolved' : end < 0.7 ? 'escalated' : null;
    if (outcome) add(outcome, steps - 1);
    // The walk as recordActivity keeps it (server/store/shared/walks.ts).
    rows.walks.push([TENANT, `c${consumer}`, `path-${path}`, startedAt, source, outcome ? null : `s${steps - 1}`, at, outcome]);
    rows.searches.push([TENANT, at - 60_000, `query ${int(1000)}`, rnd() < 0.2 ? 0 : 1 + int(10), `consumer-key-${consumer}`]);
    if (walk % 10 === 0) {
      const id = `ses${rows.sessions.length}`;
      const created = at + 10_000;
      const accepted = rnd() < 0.85 ? created + 5_000 + int(300_000) : null;
      const ended = accepted ? accepted + 60_000 + int(1_200_000) : created + int(600_000);
      const rated = accepted && rnd() < 0.3;
      rows.sessions.push([
        id, TENANT, rnd() < 0.8 ? 'chat' : 'call', rnd() < 0.2 ? null : SKILLS[int(SKILLS.length)], 'ended', String(int(1_000_000)).padStart(6, '0'),
        `consumer-key-${consumer}`, id, '{}', accepted ? 'alex' : null, created, accepted, ended, 'customer',
        rated ? 1 + int(5) : null, rated ? JSON.stringify({ solved: rnd() < 0.7 ? 'yes' : 'no' }) : null,
      ]);
      if (accepted && rnd() < 0.05) rows.transfers.push([id, 1, TENANT, 'transfer', 'agent', accepted + 30_000]);
    }
  }
  return rows;
}

const COLUMNS = {
  consumers: ['id', 'tenant_id', 'created_at', 'updated_at'],
  consumer_keys: ['tenant_id', 'key', 'consumer_id', 'created_at'],
  path_activity: ['tenant_id', 'id', 'consumer_id', 'path_id', 'step_id', 'event', 'at', 'source'],
  path_walks: ['tenant_id', 'consumer_id', 'path_id', 'started_at', 'source', 'last_step', 'last_at', 'outcome'],
  search_log: ['tenant_id', 'at', 'query', 'results', 'consumer_key'],
  live_sessions: ['id', 'tenant_id', 'kind', 'skill_id', 'state', 'code', 'consumer_key', 'client_id', 'data', 'agent_id', 'created_at', 'accepted_at', 'ended_at', 'ended_by', 'rating_score', 'rating_survey'],
  live_events: ['session_id', 'seq', 'tenant_id', 'type', 'author_role', 'at'],
} as const;
type Table = keyof typeof COLUMNS;

const tablesOf = (rows: Rows): [Table, unknown[][]][] => [
  ['consumers', rows.consumers],
  ['consumer_keys', rows.keys],
  ['path_activity', rows.activity],
  ['path_walks', rows.walks],
  ['search_log', rows.searches],
  ['live_sessions', rows.sessions],
  ['live_events', rows.transfers],
];

export function fillSqlite(file: string, rows: Rows) {
  const db = new Database(file);
  db.transaction(() => {
    for (const [table, list] of tablesOf(rows)) {
      const columns = COLUMNS[table];
      const insert = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      for (const row of list) insert.run(...row);
    }
  })();
  db.close();
}

/** PostgreSQL types of the columns, for `unnest`. */
const PG_TYPES: Record<string, string> = { at: 'bigint', started_at: 'bigint', last_at: 'bigint', data: 'json', rating_survey: 'json', created_at: 'bigint', updated_at: 'bigint', accepted_at: 'bigint', ended_at: 'bigint', results: 'int', rating_score: 'int', seq: 'int' };

async function fillPostgres(url: string, rows: Rows) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const [table, list] of tablesOf(rows)) {
      const columns = COLUMNS[table];
      const casts = columns.map((c, i) => `$${i + 1}::${PG_TYPES[c] ?? 'text'}[]`).join(', ');
      for (let i = 0; i < list.length; i += 20_000) {
        const chunk = list.slice(i, i + 20_000);
        await client.query(`INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${casts})`, columns.map((_, c) => chunk.map((r) => r[c])));
      }
    }
    // As autovacuum does after inserts: statistics, and the visibility map index-only scans need.
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
  }
}

/** The tenant, its paths (for titles), skills and agent: through the store. */
export async function prepare(store: Store) {
  await store.createTenant(TENANT, 'Bench');
  const paths: GuidedPath[] = Array.from({ length: PATHS }, (_, i) => ({
    id: `path-${i}`, title: `Path ${i}`, summary: 'Generated.', category: 'general', tags: [], helpIds: [], audience: 'all',
    steps: Array.from({ length: 5 }, (_, s) => ({ id: `s${s}`, title: `Step ${s}`, body: '<p>Do it.</p>' })),
  }));
  await store.importContent(TENANT, { categories: [{ id: 'general', name: 'General', description: 'All.' }], paths }, { replace: true });
  for (const skill of SKILLS) await store.createSkill(TENANT, skill, skill);
  await store.createAgent({ tenantId: TENANT, id: 'alex', name: 'Alex', skills: SKILLS });
}

export interface AnalyticsFigures {
  engine: Engine;
  events: number;
  fillSeconds: number;
  views: { name: string; p50: number; p95: number }[];
  /** Recording activity through the store on the full database, the triggers included. */
  recording: { name: string; p50: number; p95: number }[];
}

const percentiles = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.ceil(p * sorted.length) - 1];
  return { p50: at(0.5), p95: at(0.95) };
};

/**
 * What recording costs once a year is stored: a walk (started, a step, resolved: one batch) of
 * 200 new consumers, and the 301st to 400th walks of one consumer who keeps coming back (the
 * deflection triggers touch a consumer's walks; this is where a cost growing with them would show).
 */
async function recordingCost(store: Store): Promise<AnalyticsFigures['recording']> {
  const visible = { audiences: ['consumer' as const, 'all' as const] };
  let n = 0;
  const walk = (consumer: string, at: number) => {
    const path = `path-${n % PATHS}`;
    const event = (kind: 'started' | 'step' | 'resolved', offset: number) => ({ id: `rec-${++n}`, at: at + offset, pathId: path, event: kind, ...(kind === 'started' ? {} : { stepId: 's1' }) });
    return store.recordActivity(TENANT, { consumer, events: [event('started', 0), event('step', 1000), event('resolved', 2000)] }, visible);
  };
  const timed = async (run: () => Promise<unknown>) => {
    const started = performance.now();
    await run();
    return performance.now() - started;
  };
  const fresh: number[] = [];
  for (let i = 0; i < 200; i++) fresh.push(await timed(() => walk(`recorder-${i}`, END - DAY + i * 60_000)));
  const regular: number[] = [];
  for (let i = 0; i < 400; i++) {
    const took = await timed(() => walk('regular-visitor', END - 2 * DAY + i * 60_000));
    if (i >= 300) regular.push(took);
  }
  return [
    { name: 'a new consumer’s walk', ...percentiles(fresh) },
    { name: 'walks 301–400 of one', ...percentiles(regular) },
  ];
}

async function time(run: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return percentiles(times);
}

export async function analyticsBenchmark(engine: Engine, events: number): Promise<AnalyticsFigures> {
  const database: BenchDatabase = await benchDatabase(engine);
  try {
    const setup = await openStore(database.target);
    await setup.migrate();
    await prepare(setup);
    await setup.close();
    const started = performance.now();
    const rows = generate(events);
    if (engine === 'sqlite') fillSqlite(database.target, rows);
    else await fillPostgres(database.target, rows);
    const fillSeconds = (performance.now() - started) / 1000;
    console.log(
      `  ${ENGINE_LABEL[engine]}: ${rows.activity.length.toLocaleString('en')} activity events, ${rows.searches.length.toLocaleString('en')} searches, ${rows.sessions.length.toLocaleString('en')} sessions generated and stored in ${fillSeconds.toFixed(1)} s`,
    );
    const store = await openStore(database.target);
    try {
      const month = { from: END - 30 * DAY, to: END, utcOffset: 60 };
      const year = { from: END - 366 * DAY, to: END, utcOffset: 60 };
      const views = [];
      for (const [name, run] of [
        ['self help, 30 days', () => store.selfHelpAnalytics(TENANT, month)],
        ['self help, 366 days', () => store.selfHelpAnalytics(TENANT, year)],
        ['live help, 30 days', () => store.liveHelpAnalytics(TENANT, month)],
        ['live help, 366 days', () => store.liveHelpAnalytics(TENANT, year)],
      ] as const) {
        views.push({ name, ...(await time(run)) });
      }
      return { engine, events: rows.activity.length, fillSeconds, views, recording: await recordingCost(store) };
    } finally {
      await store.close();
    }
  } finally {
    await database.drop();
  }
}

export function printAnalytics(f: AnalyticsFigures) {
  console.log(`\nAnalytics views on ${ENGINE_LABEL[f.engine]}, ${f.events.toLocaleString('en')} activity events, ${ROUNDS} calls each (target p95 <= 200 ms)`);
  for (const v of f.views) console.log(`  ${v.name.padEnd(22)} p50 ${v.p50.toFixed(1).padStart(7)} ms   p95 ${v.p95.toFixed(1).padStart(7)} ms${v.p95 > 200 ? '   over the target' : ''}`);
  console.log('Recording one walk (3 events, one batch) on that database');
  for (const v of f.recording) console.log(`  ${v.name.padEnd(22)} p50 ${v.p50.toFixed(1).padStart(7)} ms   p95 ${v.p95.toFixed(1).padStart(7)} ms`);
}

export async function analyticsOnBothStores(events = Number(process.env.NEXUS_BENCH_ACTIVITY ?? 1_000_000)): Promise<AnalyticsFigures[]> {
  const figures: AnalyticsFigures[] = [];
  try {
    // NEXUS_BENCH_ENGINES=postgres (or sqlite) runs one engine only.
    for (const engine of (process.env.NEXUS_BENCH_ENGINES ?? 'sqlite,postgres').split(',') as Engine[]) {
      const f = await analyticsBenchmark(engine, events);
      printAnalytics(f);
      figures.push(f);
    }
  } finally {
    await stopEngines();
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) await analyticsOnBothStores();
