/** The SQLite connection and its schema (see migrations/; the row types are in shared/tables.ts). */
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import type { Db, Dialect } from '../shared/engine.js';
import type { Tables } from '../shared/tables.js';
import { migrationProvider } from '../migrations/index.js';
import { GroupCommit } from '../shared/group-commit.js';

/** The SQLite schema's tables (migrations/): booleans are 0 or 1. */
export type DB = Tables<number>;

/** Opens (creating if needed) a database file in WAL mode with foreign keys enforced. */
export function openDatabase(file: string): Kysely<DB> {
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  // The CLI may write while the server runs: wait for the other writer instead of failing.
  database.pragma('busy_timeout = 5000');
  // Search reads the same index pages on every keystroke: keep up to 64 MiB of them in the page
  // cache and map the file, instead of the 2 MiB default and a read() per page.
  database.pragma('cache_size = -65536');
  database.pragma('mmap_size = 268435456');
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: preparingOnce(database) }) });
}

/** Statements kept prepared, the most recently used (the queries the store runs are fewer). */
const PREPARED_STATEMENTS = 500;

/**
 * The database as Kysely sees it, with each statement prepared once: Kysely prepares every query
 * it runs, which cost more than running it (a chat message's queries included). The store runs
 * no statement while another one is being iterated (Kysely streams nothing here), so reusing one
 * is safe.
 */
function preparingOnce(database: Database.Database): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => database.close(),
    prepare(text) {
      let statement = statements.get(text);
      if (statement) statements.delete(text);
      else statement = database.prepare(text);
      statements.set(text, statement);
      if (statements.size > PREPARED_STATEMENTS) statements.delete(statements.keys().next().value!);
      return statement;
    },
  };
}

/** Applies pending migrations; returns their names. */
export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  const { error, results = [] } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (error) throw error;
  return results.map((r) => r.migrationName);
}

/**
 * Runs `fn` in a write transaction taken at once (`BEGIN IMMEDIATE`), so that a transaction that
 * reads before it writes cannot fail half-way because another process wrote in between.
 */
export function writeTransaction<T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`BEGIN IMMEDIATE`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`COMMIT`.execute(conn);
      return result;
    } catch (error) {
      await sql`ROLLBACK`.execute(conn);
      throw error;
    }
  });
}

/** Each database's group commit (Dialect.groupWrite). */
const groups = new WeakMap<Db, GroupCommit<Tables>>();

/**
 * At most one grouped commit per this many ms: a commit's fsync holds the event loop for about
 * 2 ms on this machine's disk, so under a steady trickle of messages (one per turn) commits
 * would otherwise take most of the loop; 4 ms of latency at most.
 */
const GROUP_SPACING_MS = 4;

function groupOf(db: Db): GroupCommit<Tables> {
  let group = groups.get(db);
  if (!group) groups.set(db, (group = new GroupCommit<Tables>((fn) => sqliteDialect.write(db, fn), { spacingMs: GROUP_SPACING_MS })));
  return group;
}

/**
 * SQLite for the shared queries (shared/engine.ts): a write transaction holds the database's one
 * write lock, so nothing else needs locking.
 */
export const sqliteDialect: Dialect = {
  write: (db, fn) => writeTransaction(db as unknown as Kysely<DB>, (trx) => fn(trx as unknown as Db)),
  groupWrite: (db, fn) => groupOf(db).write(fn),
  report: (db, fn) => fn(db),
  lock: async () => undefined,
  lockRow: async () => undefined,
  flag: (value) => (value ? 1 : 0),
  nocase: (ref) => sql`${sql.ref(ref)} COLLATE NOCASE`,
  jsonText: (ref, key) => sql`json_extract(${sql.ref(ref)}, ${`$."${key}"`})`,
  greatest: (a, b) => sql`max(${a}, ${b})`,
  least: (a, b) => sql`min(${a}, ${b})`,
  anyRow: (condition) => sql`sum(${condition})`,
  writeOrder: () => sql`rowid`,
};
