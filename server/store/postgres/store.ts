import type { Kysely } from 'kysely';
import type { Db } from '../shared/engine.js';
import { KyselyStore } from '../shared/store.js';
import { analyzeSearch, pathIndex } from './content.js';
import { migrateToLatest, openDatabase, postgresDialect, type DB } from './db.js';
import { tsEngine } from './search.js';

/**
 * The store for several server processes: a PostgreSQL database through Kysely and a `pg` pool.
 * The queries are the shared ones (shared/store.ts) with PostgreSQL's transactions and locks
 * (db.ts); search is PostgreSQL full text (search.ts). Opened by URL (`postgres://…`); connections
 * are made on first use, see `openStore` for a checked open.
 */
export class PostgresStore extends KyselyStore {
  readonly db: Kysely<DB>;

  constructor(url: string, options: { maxConnections?: number } = {}) {
    const db = openDatabase(url, { max: options.maxConnections });
    super(db as unknown as Db, postgresDialect, {
      engine: (tenantId) => tsEngine(db, tenantId),
      // The planner's statistics of the search tables, after a large import (see analyzeSearch).
      content: { begin: pathIndex, committed: (summary) => analyzeSearch(db, summary.paths + summary.deletedPaths.length) },
    });
    this.db = db;
  }

  migrate() {
    return migrateToLatest(this.db);
  }
}
