/**
 * Opens the store a target names: a `postgres://` or `postgresql://` URL opens the PostgreSQL
 * store, anything else is the path of an SQLite file (created if missing, with its folder).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { sql } from 'kysely';
import { CONNECT_TIMEOUT_MS, describeUrl } from './postgres/db.js';
import { PostgresStore } from './postgres/store.js';
import { SqliteStore } from './sqlite/store.js';
import type { Store } from './types.js';

/** Whether a target names a PostgreSQL database. */
export const isPostgresUrl = (target: string) => /^postgres(ql)?:\/\//i.test(target);

/** The store's target for messages: the SQLite file, or the PostgreSQL server and database (no password). */
export const describeTarget = (target: string) => (isPostgresUrl(target) ? `postgres://${describeUrl(target)}` : target);

/**
 * The store `target` names, ready to use. A PostgreSQL URL is checked with one query, so a bad
 * URL, an unreachable server or refused credentials fail here, within a few seconds
 * (CONNECT_TIMEOUT_MS), with the server's host and port and the cause.
 */
export async function openStore(target: string): Promise<Store> {
  if (!isPostgresUrl(target)) {
    if (target !== ':memory:') mkdirSync(dirname(target), { recursive: true });
    return new SqliteStore(target);
  }
  try {
    new URL(target);
  } catch {
    throw new Error(`not a valid PostgreSQL URL: '${target.replace(/:[^:@/]*@/, ':***@')}'`);
  }
  const store = new PostgresStore(target);
  const started = Date.now();
  try {
    await sql`SELECT 1`.execute(store.db);
  } catch (error) {
    await store.close().catch(() => undefined);
    const cause = (error as Error).message || String(error);
    const timedOut = Date.now() - started >= CONNECT_TIMEOUT_MS - 100 ? ` (no answer within ${CONNECT_TIMEOUT_MS / 1000} s)` : '';
    throw new Error(`cannot connect to PostgreSQL at ${describeUrl(target)}: ${cause}${timedOut}`, { cause: error });
  }
  return store;
}
