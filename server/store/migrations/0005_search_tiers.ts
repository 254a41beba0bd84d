import { sql, type Kysely } from 'kysely';

/**
 * Search over fewer and shorter lists.
 *
 * - `paths_fts_topic`: a second FTS5 index of what a path says it is about (title, tags,
 *   help-ids, and the title's and tags' hyphenated words without their hyphens), for the first
 *   search tier. Its term lists hold title positions only, so a query that is answered there
 *   (most keystrokes) no longer walks the positions of the step text of every path that uses a
 *   word. Contentless (the text is in `paths` and `paths_fts`), with deletes allowed.
 * - `path_filter`: what the filters and the order of a search read of each matching path (tenant,
 *   audience, id, title), keyed by `pk`. A rowid table: one integer seek per match, where the
 *   `paths_rank` index it replaces cost a record comparison per IN value.
 *
 * Both follow `paths` through triggers, so every writer of `paths` (content import, the CLI)
 * keeps them current without knowing about them. The triggers compute the hyphen aliases in SQL:
 * each whitespace-separated piece of the title and tags that holds a hyphen, with its hyphens
 * removed. `hyphenAliases` (server/text.ts) cuts at every non-word character instead; the two
 * differ only for a piece with other punctuation in it (`Wi-Fi/router` also gives `router`), and
 * then only by words of the title or tags themselves.
 */
const TOKENIZE = `tokenize = 'porter unicode61 remove_diacritics 2'`;

/** Space-joined strings of a JSON array column. */
const joined = (column: string) => `coalesce((SELECT group_concat(value, ' ' ORDER BY key) FROM json_each(${column})), '')`;

/**
 * Text cut into pieces at whitespace, with every hyphen as `-` (U+2010 and U+2011 too) and a run
 * of hyphens as a cut, since only single hyphens join words (`wi--fi` is two words).
 */
const pieces = (text: string) => {
  let t = text;
  for (const c of [8208, 8209]) t = `replace(${t}, char(${c}), '-')`;
  t = `replace(${t}, '--', ' ')`;
  for (const c of [9, 10, 13]) t = `replace(${t}, char(${c}), ' ')`;
  return `json_each('[' || replace(json_quote(${t}), ' ', '","') || ']')`;
};

/** The hyphen aliases of a path's title and tags (NEW or OLD row), as described above. */
const aliases = (row: string) => `coalesce((
  SELECT group_concat(replace(value, '-', ''), ' ' ORDER BY key)
  FROM ${pieces(`${row}.title || ' ' || ${joined(`${row}.tags`)}`)}
  WHERE instr(value, '-')
), '')`;

const insertRow = (row: string) => `
  INSERT INTO path_filter (pk, tenant_id, audience, id, title)
    VALUES (${row}.pk, ${row}.tenant_id, ${row}.audience, ${row}.id, ${row}.title);
  INSERT INTO paths_fts_topic (rowid, title, tags, help_ids, title_aliases)
    VALUES (${row}.pk, ${row}.title, ${joined(`${row}.tags`)}, ${joined(`${row}.help_ids`)}, ${aliases(row)});`;

const deleteRow = (row: string) => `
  DELETE FROM path_filter WHERE pk = ${row}.pk;
  DELETE FROM paths_fts_topic WHERE rowid = ${row}.pk;`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`CREATE TABLE path_filter (
      pk INTEGER PRIMARY KEY,
      tenant_id TEXT NOT NULL,
      audience TEXT NOT NULL,
      id TEXT NOT NULL,
      title TEXT NOT NULL
    )`.execute(trx);
    await sql.raw(`CREATE VIRTUAL TABLE paths_fts_topic USING fts5(
      title, tags, help_ids, title_aliases,
      content = '', contentless_delete = 1, ${TOKENIZE}, prefix = '1 2 3'
    )`).execute(trx);
    await sql.raw(`CREATE TRIGGER paths_search_insert AFTER INSERT ON paths BEGIN ${insertRow('NEW')} END`).execute(trx);
    await sql.raw(`CREATE TRIGGER paths_search_update AFTER UPDATE OF pk, tenant_id, audience, id, title, tags, help_ids ON paths
      BEGIN ${deleteRow('OLD')} ${insertRow('NEW')} END`).execute(trx);
    await sql.raw(`CREATE TRIGGER paths_search_delete AFTER DELETE ON paths BEGIN ${deleteRow('OLD')} END`).execute(trx);
    await sql`INSERT INTO path_filter (pk, tenant_id, audience, id, title) SELECT pk, tenant_id, audience, id, title FROM paths`.execute(trx);
    await sql.raw(`INSERT INTO paths_fts_topic (rowid, title, tags, help_ids, title_aliases)
      SELECT pk, title, ${joined('p.tags')}, ${joined('p.help_ids')}, ${aliases('p')} FROM paths p`).execute(trx);
    await sql`DROP INDEX paths_rank`.execute(trx);
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const trigger of ['paths_search_insert', 'paths_search_update', 'paths_search_delete']) {
      await sql.raw(`DROP TRIGGER ${trigger}`).execute(trx);
    }
    await sql`DROP TABLE paths_fts_topic`.execute(trx);
    await sql`DROP TABLE path_filter`.execute(trx);
    await sql`CREATE INDEX paths_rank ON paths (pk, tenant_id, audience, id, title)`.execute(trx);
  });
}
