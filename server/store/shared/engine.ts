/**
 * What differs between the engines in the queries both stores run, besides search: how a write
 * transaction is taken and how concurrent writers are kept apart, and the few expressions SQL
 * spells differently. The shared queries (accounts.ts, content.ts, context.ts, live.ts,
 * settings.ts) take one of these; sqlite/db.ts and postgres/db.ts make them.
 */
import type { Expression, Kysely, RawBuilder } from 'kysely';
import type { Bool, Tables } from './tables.js';

/** A database as the shared queries see it: the tables both engines have. */
export type Db = Kysely<Tables>;

export interface Dialect {
  /**
   * Runs `fn` in a write transaction. SQLite: `BEGIN IMMEDIATE`, so the transaction holds the
   * database's only write lock from its first statement (one writer at a time, across processes).
   * PostgreSQL: READ COMMITTED, run again after a deadlock or serialization failure; writers
   * that read before they write lock what they read (`lock`, `lockRow`).
   */
  write<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T>;
  /**
   * Like `write`, for the short writes of live sessions (events, transitions), which come by the
   * thousand a second: the ones of one event-loop turn share one transaction and commit
   * (shared/group-commit.ts); each settles after that commit, and one that throws fails alone.
   * `fn` may run twice (its first run rolled back): it must act on the database only. SQLite runs
   * one group at a time; PostgreSQL several side by side (half the pool), so writes of
   * different turns are not ordered: callers that need order wait for the earlier write.
   * PostgreSQL may refuse a write when too many wait (OverloadedError).
   */
  groupWrite<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T>;
  /**
   * Runs the read-only queries of one report (an analytics view) together. PostgreSQL: one
   * `READ ONLY REPEATABLE READ` transaction, so every part of the view counts the same rows, with
   * parallel workers off for it: a view's queries are small reads of covering indexes, and
   * workers started for each (two per query, the default) only waited for the cores, which
   * made a year's self help three times slower on 2 cores (docs/benchmarks.md, "Analytics").
   * SQLite: the queries as they come (its one connection reads them one at a time).
   */
  report<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T>;
  /**
   * Keeps the writers that name the same thing (`'content', tenantId`) apart until the
   * transaction ends: a transaction-scoped advisory lock in PostgreSQL; nothing in SQLite, whose
   * write transaction holds the whole database.
   */
  lock(trx: Db, ...name: string[]): Promise<void>;
  /** Locks one row until the transaction ends (`SELECT … FOR UPDATE`; nothing in SQLite). */
  lockRow(trx: Db, table: 'live_sessions' | 'cobrowse_recordings', tenantId: string, id: string): Promise<void>;
  /** A boolean as the engine stores it (SQLite: 0 or 1). */
  flag(value: boolean): Bool;
  /** A text column ordered as SQLite's `COLLATE NOCASE` orders it (ASCII letters folded, then by code point). */
  nocase(ref: string): RawBuilder<string>;
  /** The string under `key` in a JSON object column. */
  jsonText(ref: string, key: string): RawBuilder<string>;
  /** The larger of two numbers, and the smaller. */
  greatest(a: Expression<number>, b: Expression<number>): RawBuilder<number>;
  least(a: Expression<number>, b: Expression<number>): RawBuilder<number>;
  /** Whether a condition holds for any row of a group (an aggregate; truthy or falsy). */
  anyRow(condition: RawBuilder<unknown>): RawBuilder<Bool | null>;
  /**
   * The order a table's rows were written in, to order rows of equal times: SQLite's rowid,
   * PostgreSQL's `ord` column (consumer_keys, context_entries, path_activity).
   */
  writeOrder(table: 'consumer_keys' | 'context_entries' | 'path_activity'): RawBuilder<number>;
}
