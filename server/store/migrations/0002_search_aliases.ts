import { sql, type Kysely } from 'kysely';
import { hyphenAliases } from '../../text.js';

/**
 * Search quality.
 *
 * - `paths_fts` gets a sixth, hidden column `aliases`: the hyphenated words of the title, tags,
 *   summary and body written without their hyphens (`Wi-Fi` as `WiFi`), so that `wifi` finds
 *   `Wi-Fi`. It is never shown; highlight() and snippet() keep using columns 0 to 4. FTS5 tables
 *   cannot gain a column, so the table is rebuilt, and its rows are re-indexed from the text it
 *   stores (the rowids, which are `paths.pk`, stay the same).
 * - `paths_fts_vocab` lists the index's terms (fts5vocab, one row per term), so a typed prefix can
 *   be completed to whole terms instead of being stemmed (`res` is not `re`).
 */
const TOKENIZE = sql.raw(`tokenize = 'porter unicode61 remove_diacritics 2'`);
const COLUMNS = ['title', 'summary', 'tags', 'help_ids', 'body'] as const;
/** Rows copied per statement while re-indexing. */
const BATCH = 500;

interface FtsRow {
  rowid: number;
  title: string;
  summary: string;
  tags: string;
  help_ids: string;
  body: string;
}

/** Copies `paths_fts` into a new FTS5 table with the given columns, then puts it in its place. */
async function rebuild(trx: Kysely<unknown>, columns: readonly string[], row: (r: FtsRow) => unknown[]) {
  await sql`CREATE VIRTUAL TABLE paths_fts_rebuilt USING fts5(${sql.raw(columns.join(', '))}, ${TOKENIZE})`.execute(trx);
  const insert = sql.raw(`INSERT INTO paths_fts_rebuilt (rowid, ${columns.join(', ')})`);
  for (let last = Number.MIN_SAFE_INTEGER; ; ) {
    const { rows } = await sql<FtsRow>`SELECT rowid, ${sql.raw(COLUMNS.join(', '))} FROM paths_fts
      WHERE rowid > ${last} ORDER BY rowid LIMIT ${BATCH}`.execute(trx);
    for (const r of rows) await sql`${insert} VALUES (${r.rowid}, ${sql.join(row(r))})`.execute(trx);
    if (rows.length < BATCH) break;
    last = rows[rows.length - 1].rowid;
  }
  await sql`DROP TABLE paths_fts`.execute(trx);
  await sql`ALTER TABLE paths_fts_rebuilt RENAME TO paths_fts`.execute(trx);
}

// Kysely runs SQLite migrations outside a transaction; each direction takes its own.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await rebuild(trx, [...COLUMNS, 'aliases'], (r) => [
      ...COLUMNS.map((c) => r[c]),
      hyphenAliases(r.title, r.tags, r.summary, r.body),
    ]);
    await sql`CREATE VIRTUAL TABLE paths_fts_vocab USING fts5vocab(paths_fts, 'row')`.execute(trx);
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`DROP TABLE paths_fts_vocab`.execute(trx);
    await rebuild(trx, COLUMNS, (r) => COLUMNS.map((c) => r[c]));
  });
}
