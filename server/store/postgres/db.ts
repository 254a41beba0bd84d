/**
 * The PostgreSQL connection (a `pg` pool under Kysely), its schema's row types, migrations, and
 * the transaction and locking helpers the store's writers use.
 */
import { Kysely, Migrator, PostgresDialect, sql, type Generated, type Transaction } from 'kysely';
import pg from 'pg';
import type { Db, Dialect } from '../shared/engine.js';
import { GroupCommit } from '../shared/group-commit.js';
import { OverloadedError } from '../types.js';
import type { ConsumerKeysTable, ContextEntriesTable, PathActivityTable, PathsTable, Tables } from '../shared/tables.js';
import { migrationProvider } from './migrations/index.js';

/** `paths` with the search columns (migrations/0001_initial.ts). */
export interface PgPathsTable extends PathsTable {
  /** The text of the path's steps, as searched (`SearchText.body`): for excerpts. */
  search_body: string;
  /** Everything the path says, as a tsvector (see search.ts for the weight classes). */
  search_all: string;
  /** What the path is about (title, tags, help-ids, title aliases). */
  search_topic: string;
}

/**
 * The first search tier's data of each path (migrations/0005_search_topics.ts): what the topic
 * search filters, ranks and orders by, apart from the wide rows of `paths`.
 */
export interface PathTopicsTable {
  pk: number;
  tenant_id: string;
  id: string;
  audience: string;
  /** The title as `nocase` makes it. */
  title_key: string;
  search_topic: string;
}

/** Index terms of each tenant's paths and in how many paths each is: for completing typed prefixes. */
export interface SearchTermsTable {
  tenant_id: string;
  term: string;
  docs: number;
}

/** The order rows were written in (migrations/0001_initial.ts). */
type Ordered<T> = T & { ord: Generated<number> };

/** The PostgreSQL schema's tables: booleans are booleans. */
export interface DB extends Omit<Tables<boolean>, 'paths' | 'consumer_keys' | 'context_entries' | 'path_activity'> {
  paths: PgPathsTable;
  search_terms: SearchTermsTable;
  path_topics: PathTopicsTable;
  consumer_keys: Ordered<ConsumerKeysTable>;
  context_entries: Ordered<ContextEntriesTable>;
  path_activity: Ordered<PathActivityTable>;
}


/** How long opening a connection may take before the store reports the server unreachable. */
export const CONNECT_TIMEOUT_MS = 5000;

const OID = { int8: 20, numeric: 1700, json: 114, jsonb: 3802 };

/**
 * Values as the SQLite store reads them, so both stores share their row mapping (shared/rows.ts):
 * int8 (bigint: ms timestamps, counts) and numeric as numbers (all of ours stay far below 2^53),
 * json and jsonb as their text, parsed where the row is mapped. Set on this pool only.
 */
const TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === OID.int8 || oid === OID.numeric) return (value: string) => Number(value);
    if (oid === OID.json || oid === OID.jsonb) return (value: string) => value;
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

/** The server a URL names, for messages (never the password). */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname.length > 1 ? u.pathname : ''}`;
  } catch {
    return 'an unparseable URL';
  }
}

/** Connections of a process's pool unless the URL says otherwise (`?pool_max=`). */
export const DEFAULT_POOL_MAX = 20;

/**
 * The pool size a URL asks for with its `pool_max` parameter (else DEFAULT_POOL_MAX), and the URL
 * without it, for `pg`. Throws on a value that is not a whole number from 2 to 1000.
 */
export function poolOf(url: string): { url: string; max: number } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url, max: DEFAULT_POOL_MAX };
  }
  const value = parsed.searchParams.get('pool_max');
  if (value === null) return { url, max: DEFAULT_POOL_MAX };
  const max = Number(value);
  if (!/^\d+$/.test(value) || max < 2 || max > 1000) {
    throw new Error(`pool_max in the database URL must be a whole number from 2 to 1000, not '${value}'`);
  }
  parsed.searchParams.delete('pool_max');
  return { url: parsed.toString(), max };
}

/**
 * Live writes run grouped (Dialect.groupWrite) in at most this many transactions at once: half
 * the pool, so reads always find a connection. A group's statements go one round trip after the
 * other, so on a busy machine its groups are bound by round trips, not by commits: more of them
 * side by side keep up where fewer fell behind (docs/benchmarks.md).
 */
const groupsOf = (max: number) => Math.max(1, Math.floor(max / 2));

/**
 * Live writes that may wait for a group before new ones are refused (OverloadedError): several
 * seconds of the heaviest load measured (docs/benchmarks.md), so only a stalled database sheds.
 */
const MAX_QUEUED = 10_000;

/** Each database's group commit, and how many groups it runs at once. */
const groups = new WeakMap<Db, GroupCommit<Tables>>();
const groupLimits = new WeakMap<Db, number>();

/**
 * A pool and Kysely over it; connections are opened on first use. `max` (else the URL's
 * `pool_max`, else DEFAULT_POOL_MAX) bounds the connections.
 */
export function openDatabase(url: string, options: { max?: number } = {}): Kysely<DB> {
  const asked = poolOf(url);
  const max = options.max ?? asked.max;
  const pgPool = new pg.Pool({
    connectionString: asked.url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    max,
    types: TYPES,
    keepAlive: true,
  });
  // An idle connection the server closes (a restart, a failover) reports here; the pool drops it
  // and the next query opens another. Without a listener the error would end the process.
  pgPool.on('error', () => undefined);
  // A connection in use (held between the statements of a transaction) that the server closes
  // reports on its own client, where nothing listens once the pool has lent it out: the listener
  // keeps the process alive, the statement waiting on it fails with the error, and the pool drops
  // the broken connection when it comes back.
  pgPool.on('connect', (client) => client.on('error', () => undefined));
  // Waiting longer than the connect timeout for a connection of a full pool is overload, not an
  // unreachable server: it is told apart (OverloadedError) so that callers answer 503.
  const pool = {
    connect: () =>
      pgPool.connect().catch((error: unknown) => {
        if (pgPool.totalCount < max || !/timeout exceeded/.test(String((error as Error)?.message))) throw error;
        throw new OverloadedError(`no database connection was free within ${CONNECT_TIMEOUT_MS / 1000} s`, { cause: error });
      }),
    end: () => pgPool.end(),
  };
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  groupLimits.set(db as unknown as Db, groupsOf(max));
  return db;
}

/** Applies pending migrations; returns their names. Kysely takes a lock, so concurrent starts apply each once. */
export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  const { error, results = [] } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (error) throw error;
  return results.map((r) => r.migrationName);
}

/** SQLSTATEs after which a transaction is simply run again: serialization failure, deadlock. */
const RETRY = new Set(['40001', '40P01']);
const ATTEMPTS = 3;

const retryable = (error: unknown) => RETRY.has((error as { code?: string } | undefined)?.code ?? '');

/**
 * Runs `fn` in a transaction (READ COMMITTED), again when PostgreSQL aborted it for a deadlock or
 * a serialization failure. `fn` must not have effects outside the database.
 */
export async function transaction<T>(db: Kysely<DB>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(fn);
    } catch (error) {
      if (attempt >= ATTEMPTS || !retryable(error)) throw error;
    }
  }
}

/**
 * The live writes of a database, grouped (shared/group-commit.ts): a turn's writes share a
 * transaction, and up to half the pool's connections run groups side by side. A
 * deadlock between two groups (two processes writing the same two sessions in opposite orders)
 * runs the group again.
 */
function groupOf(db: Db): GroupCommit<Tables> {
  let group = groups.get(db);
  if (!group) {
    const run = <T>(fn: (trx: Db) => Promise<T>) => transaction(db as unknown as Kysely<DB>, (trx) => fn(trx as unknown as Db));
    group = new GroupCommit<Tables>(run, { concurrency: groupLimits.get(db) ?? 1, transient: retryable, maxGroup: 500, maxQueued: MAX_QUEUED });
    groups.set(db, group);
  }
  return group;
}

/**
 * Takes a transaction-scoped advisory lock on a name (`import`, tenant id…): the writers that
 * read before they write, and so relied on SQLite's single writer, take one on what they read,
 * so that two processes never interleave on it. Released at commit or rollback.
 */
export async function lock(trx: Kysely<DB>, ...name: string[]): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${JSON.stringify(name)}, 0))`.execute(trx);
}

/**
 * A text ordered as SQLite's `COLLATE NOCASE` orders it: ASCII letters folded, then by code point
 * (text columns are `COLLATE "C"`).
 */
export const nocase = (ref: string) => sql<string>`translate(${sql.ref(ref)}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`;

/** PostgreSQL for the shared queries (shared/engine.ts). */
export const postgresDialect: Dialect = {
  write: (db, fn) => transaction(db as unknown as Kysely<DB>, (trx) => fn(trx as unknown as Db)),
  groupWrite: (db, fn) => groupOf(db).write(fn),
  report: (db, fn) =>
    (db as unknown as Kysely<DB>)
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        await sql`SET LOCAL max_parallel_workers_per_gather = 0`.execute(trx);
        return fn(trx as unknown as Db);
      }),
  lock: (trx, ...name) => lock(trx as unknown as Kysely<DB>, ...name),
  async lockRow(trx, table, tenantId, id) {
    await sql`SELECT 1 FROM ${sql.table(table)} WHERE tenant_id = ${tenantId} AND id = ${id} FOR UPDATE`.execute(trx);
  },
  flag: (value) => value,
  nocase,
  jsonText: (ref, key) => sql<string>`${sql.ref(ref)} ->> ${key}::text`,
  greatest: (a, b) => sql<number>`greatest(${a}, ${b})`,
  least: (a, b) => sql<number>`least(${a}, ${b})`,
  anyRow: (condition) => sql<boolean>`bool_or(${condition})`,
  writeOrder: () => sql<number>`ord`,
};
