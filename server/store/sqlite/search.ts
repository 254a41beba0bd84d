/** Full-text search over `paths_fts` and `paths_fts_topic` (FTS5), for the shared search and recommendations (shared/search.ts). */
import { sql, type Kysely } from 'kysely';
import { MARK_END, MARK_START } from '../../../src/protocol/api.js';
import type { SearchHit } from '../../../src/protocol/schemas.js';
import { words } from '../../text.js';
import { toSummary, type SummaryRow } from '../shared/rows.js';
import {
  COLUMN_WEIGHTS,
  ELLIPSIS,
  MAX_COMPLETIONS,
  SNIPPET_TOKENS,
  score,
  toHit,
  type RankFilters,
  type SearchEngine,
  type TitleFirst,
} from '../shared/search.js';
import type { DB } from './db.js';
import { prefixRange, renderMatch } from './fts.js';

/**
 * The two full-text indexes, with their columns in table order and their bm25 weights.
 *
 * `paths_fts` holds everything a path says, and gives the highlights and excerpts. `aliases` is
 * hidden (never highlighted): the hyphenated words of title, tags, summary and body without their
 * hyphens (`WiFi` for `Wi-Fi`). It weighs like the summary, between the title and the step text.
 * `title_aliases`, also hidden, holds those of the title and tags only, and weighs like the title.
 *
 * `paths_fts_topic` (migration 0005) holds what a path says it is about: title, tags, help-ids
 * and `title_aliases`, under the same names, so one MATCH expression reads the same on both. It is
 * the first search tier: its term lists are a fraction of those of `paths_fts` (no step text), and
 * its bm25 weighs a match against the length of those columns, not of the whole path.
 */
const INDEXES = {
  all: {
    table: sql.table('paths_fts'),
    columns: ['title', 'summary', 'tags', 'help_ids', 'body', 'aliases', 'title_aliases'],
  },
  topic: {
    table: sql.table('paths_fts_topic'),
    columns: ['title', 'tags', 'help_ids', 'title_aliases'],
  },
} as const;
type Index = keyof typeof INDEXES;
type Column = (typeof INDEXES)['all']['columns'][number];
const WEIGHT: Record<Column, number> = COLUMN_WEIGHTS;
const weights = (index: Index) => sql.raw(INDEXES[index].columns.map((c) => WEIGHT[c].toFixed(1)).join(', '));
/** bm25 weights that count the title only: below zero when a term matched in the title. */
const titleOnly = (index: Index) => sql.raw(INDEXES[index].columns.map((c) => (c === 'title' ? '1.0' : '0.0')).join(', '));
const column = (name: Column) => sql.lit(INDEXES.all.columns.indexOf(name));
/**
 * Longest prefix `paths_fts` has an index for (`prefix = '1 2 3'`). A longer `"word"*` is the
 * merge of the lists of every term that begins with it, done again for each row asked by rowid.
 */
const INDEXED_PREFIX = 3;

type FtsFilters = RankFilters;

// TitleFirst (shared/search.ts): for `word`, a title-only bm25 says whether a one-word query
// matched in the title; for `words`, a second MATCH, on the title column, checks that all of
// them are in it.

interface Ranked {
  pk: number;
  id: string;
  rank: number;
  in_title: number;
}

/**
 * Runs one MATCH expression on one index and returns the page of matching paths, best first: by
 * bm25, except that the hits whose title matches the whole expression may come first
 * (`titleFirst`). bm25 scores each term of a completed prefix with its own idf, so for `res` a
 * rare completion in the step text (`residue`) would otherwise outrank a common one in the title
 * (`Reset the router`). Nothing but bm25 is computed per match: `path_filter` holds what the
 * filters and the order read, one rowid seek per match.
 */
async function rank(
  db: Kysely<DB>,
  index: Index,
  tenantId: string,
  match: string,
  filters: FtsFilters,
  titleFirst: TitleFirst = 'no',
): Promise<Ranked[]> {
  const fts = INDEXES[index].table;
  const inTitle = {
    no: sql`0`,
    word: sql`bm25(${fts}, ${titleOnly(index)}) < 0`,
    // Titles are the same in both indexes; the topic index has the shorter lists.
    words: sql`p.pk IN (SELECT rowid FROM paths_fts_topic WHERE paths_fts_topic MATCH ${`title : (${match})`})`,
  }[titleFirst];
  const tagKeys = filters.tags.map((t) => t.toLowerCase());
  const { rows } = await sql<Ranked>`
    SELECT p.pk, p.id, bm25(${fts}, ${weights(index)}) AS rank, ${inTitle} AS in_title
    FROM ${fts} JOIN path_filter p ON p.pk = ${fts}.rowid
    WHERE ${fts} MATCH ${match}
      AND p.tenant_id = ${tenantId}
      AND p.audience IN (${sql.join(filters.audiences)})
      ${tagKeys.length ? sql`AND EXISTS (SELECT 1 FROM path_tags t WHERE t.tenant_id = p.tenant_id
        AND t.path_id = p.id AND t.tag_key IN (${sql.join(tagKeys)}))` : sql``}
      ${filters.exclude.length ? sql`AND p.id NOT IN (${sql.join(filters.exclude)})` : sql``}
    ORDER BY in_title DESC, rank, p.title COLLATE NOCASE
    LIMIT ${filters.limit}`.execute(db);
  return rows;
}

/** Whether a MATCH expression has a prefix query longer than the prefix index (`"door"*`). */
function unindexedPrefix(match: string): boolean {
  for (const [, quoted] of match.matchAll(/"((?:[^"]|"")*)"\*/g)) {
    const last = words(quoted).at(-1);
    if (last !== undefined && [...last].length > INDEXED_PREFIX) return true;
  }
  return false;
}

/**
 * Ranked paths as hits: their summaries, with the title highlighted and an excerpt, from the
 * whole expression (`match`: a first-tier search ranks on titles, but step-text matches are marked
 * too). One statement for the page. The row ids are inlined, integers from `rank`; FTS5 then
 * visits only those rows, unless the expression has a prefix longer than the prefix index: such
 * a prefix would be merged again for each row, so FTS5 walks the matches once instead and SQLite
 * keeps the page's rows (`+rowid` is not offered to FTS5).
 */
async function present(db: Kysely<DB>, match: string, ranked: Ranked[]): Promise<SearchHit[]> {
  if (!ranked.length) return [];
  const pks = sql.join(ranked.map((row) => row.pk).filter((pk) => Number.isSafeInteger(pk)).map((pk) => sql.lit(pk)));
  const rowid = unindexedPrefix(match) ? sql`+paths_fts.rowid` : sql`paths_fts.rowid`;
  // The step text's excerpt only where the summary shows no match (the long column is the cost).
  const summarySnippet = sql`snippet(paths_fts, ${column('summary')}, ${MARK_START}, ${MARK_END}, ${ELLIPSIS}, ${SNIPPET_TOKENS})`;
  const { rows } = await sql<SummaryRow & { pk: number; title_highlight: string; summary_snippet: string; body_snippet: string | null }>`
    SELECT p.pk, p.id, p.title, p.summary, p.category_id, p.tags, p.help_ids, p.step_count,
      highlight(paths_fts, ${column('title')}, ${MARK_START}, ${MARK_END}) AS title_highlight,
      ${summarySnippet} AS summary_snippet,
      CASE WHEN instr(${summarySnippet}, ${MARK_START}) THEN NULL
        ELSE snippet(paths_fts, ${column('body')}, ${MARK_START}, ${MARK_END}, ${ELLIPSIS}, ${SNIPPET_TOKENS}) END AS body_snippet
    FROM paths_fts JOIN paths p ON p.pk = paths_fts.rowid
    WHERE paths_fts MATCH ${match} AND ${rowid} IN (${pks})`.execute(db);
  const byPk = new Map(rows.map((row) => [row.pk, row]));
  return ranked.flatMap(({ pk, rank, in_title }) => {
    const row = byPk.get(pk);
    if (!row) return [];
    // bm25 is negative, lower is better, and FTS5 keeps it below zero for any match.
    return [toHit(toSummary(row), row.title_highlight, row.summary_snippet, row.body_snippet, score(Boolean(in_title), -rank))];
  });
}

/**
 * The index terms that begin with `prefix`, in the most paths first: a range scan of the
 * fts5vocab table (its `term` constraints are the scan's bounds). The vocabulary is the whole
 * index, all tenants together; a term only another tenant uses simply matches nothing here.
 */
async function completeTerms(db: Kysely<DB>, prefix: string): Promise<string[]> {
  const { from, to } = prefixRange(prefix);
  const { rows } = await sql<{ term: string }>`
    SELECT term FROM paths_fts_vocab
    WHERE term >= ${from} ${to === undefined ? sql`` : sql`AND term < ${to}`}
    ORDER BY doc DESC, term
    LIMIT ${MAX_COMPLETIONS}`.execute(db);
  return rows.map((r) => r.term);
}

/**
 * Merges each full-text index into a single segment; the store runs it after every import. FTS5
 * writes its pending terms out as a new segment whenever a statement of the transaction opens a
 * savepoint, and the import's upserts (foreign keys, several rows) do so for every path: 10,000
 * paths leave 15 segments on 6 levels. Each is searched on its own, so every term list is read in
 * pieces and every lookup by rowid (the excerpts of a page) seeks in each of them. Rewrites the
 * whole index: about half a second for 10,000 paths.
 */
export async function optimize(db: Kysely<DB>): Promise<void> {
  for (const index of Object.values(INDEXES)) {
    await sql`INSERT INTO ${index.table} (${index.table}) VALUES ('optimize')`.execute(db);
  }
}

/** FTS5 as the shared search sees it (shared/search.ts): queries become MATCH text. */
export const ftsEngine = (db: Kysely<DB>, tenantId: string): SearchEngine<Ranked> => ({
  complete: (prefix) => completeTerms(db, prefix),
  rank: (index, query, filters, titleFirst) => rank(db, index, tenantId, renderMatch(query), filters, titleFirst),
  present: (query, ranked) => present(db, renderMatch(query), ranked),
});
