import type { Kysely } from 'kysely';
import type { Db } from '../shared/engine.js';
import { KyselyStore } from '../shared/store.js';
import { pathIndex } from './content.js';
import { migrateToLatest, openDatabase, sqliteDialect, type DB } from './db.js';
import { ftsEngine, optimize } from './search.js';

/**
 * The embedded store: one SQLite file (or `:memory:`) through Kysely and better-sqlite3. The
 * queries are the shared ones (shared/store.ts); search is FTS5 (search.ts).
 */
export class SqliteStore extends KyselyStore {
  readonly db: Kysely<DB>;

  constructor(file: string) {
    const db = openDatabase(file);
    super(db as unknown as Db, sqliteDialect, {
      engine: (tenantId) => ftsEngine(db, tenantId),
      // The import's FTS5 rows, then each index merged into one segment (see optimize).
      content: { begin: pathIndex, committed: () => optimize(db) },
    });
    this.db = db;
  }

  migrate() {
    return migrateToLatest(this.db);
  }
}
