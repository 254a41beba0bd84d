import { sql, type Kysely } from 'kysely';
import { hyphenAliases } from '../../text.js';

/**
 * Faster as-you-type search.
 *
 * - Prefix indexes for one-, two- and three-letter prefixes (`prefix = '1 2 3'`): search asks for
 *   short prefixes on every keystroke, and without these FTS5 merges the lists of every term that
 *   begins with one.
 * - A hidden column `title_aliases`: the hyphenated words of the title and tags without their
 *   hyphens (`WiFi`). Search looks in titles, tags and help-ids first and in the step text only
 *   when those do not fill the page; this column lets `wifi` find a `Wi-Fi` title in that first
 *   tier (`aliases` also holds the step text's compounds, so it cannot be part of it).
 *
 * - `paths_rank`, a covering index of what ranking reads of each matching path (tenant,
 *   audience, id and title for the filters and the order), so that ranking thousands of matches
 *   does not read their stored documents.
 *
 * FTS5 options and columns are fixed at creation, so the table is rebuilt from the text it
 * stores (rowids, which are `paths.pk`, stay the same), and the vocabulary table on top of it.
 */
const TOKENIZE = `tokenize = 'porter unicode61 remove_diacritics 2'`;
const COLUMNS = ['title', 'summary', 'tags', 'help_ids', 'body', 'aliases'] as const;
/** Rows copied per statement. */
const BATCH = 500;

type Row = Record<(typeof COLUMNS)[number], string> & { rowid: number };

async function rebuild(db: Kysely<unknown>, columns: readonly string[], options: string, values: (row: Row) => string[]) {
  await db.transaction().execute(async (trx) => {
    await sql`DROP TABLE paths_fts_vocab`.execute(trx);
    await sql.raw(`CREATE VIRTUAL TABLE paths_fts_rebuilt USING fts5(${columns.join(', ')}, ${options})`).execute(trx);
    const insert = sql.raw(`INSERT INTO paths_fts_rebuilt (rowid, ${columns.join(', ')})`);
    for (let last = Number.MIN_SAFE_INTEGER; ; ) {
      const { rows } = await sql<Row>`SELECT rowid, ${sql.raw(COLUMNS.join(', '))} FROM paths_fts
        WHERE rowid > ${last} ORDER BY rowid LIMIT ${BATCH}`.execute(trx);
      for (const row of rows) await sql`${insert} VALUES (${row.rowid}, ${sql.join(values(row))})`.execute(trx);
      if (rows.length < BATCH) break;
      last = rows[rows.length - 1].rowid;
    }
    await sql`DROP TABLE paths_fts`.execute(trx);
    await sql`ALTER TABLE paths_fts_rebuilt RENAME TO paths_fts`.execute(trx);
    await sql`CREATE VIRTUAL TABLE paths_fts_vocab USING fts5vocab(paths_fts, 'row')`.execute(trx);
  });
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX paths_rank ON paths (pk, tenant_id, audience, id, title)`.execute(db);
  await rebuild(db, [...COLUMNS, 'title_aliases'], `${TOKENIZE}, prefix = '1 2 3'`, (row) => [
    ...COLUMNS.map((c) => row[c]),
    hyphenAliases(row.title, row.tags),
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX paths_rank`.execute(db);
  await rebuild(db, COLUMNS, TOKENIZE, (row) => COLUMNS.map((c) => row[c]));
}
