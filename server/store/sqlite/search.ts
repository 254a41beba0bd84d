/** Full-text search and recommendations over `paths_fts` and `paths_fts_topic`. */
import { sql, type Kysely } from 'kysely';
import { MARK_END, MARK_START } from '../../../src/protocol/api.js';
import type { PathSummary, Recommendation, RecommendationReason, SearchHit } from '../../../src/protocol/schemas.js';
import { STOP_WORDS, words } from '../../text.js';
import type { RecommendOptions, SearchOptions, Visibility } from '../types.js';
import type { DB } from './db.js';
import { SUMMARY_COLUMNS, summariesOf, toSummary, type SummaryRow } from './content.js';
import { ftsAnyOf, ftsQueries, prefixRange } from './fts.js';

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
const WEIGHT: Record<Column, number> = { title: 10, summary: 3, tags: 6, help_ids: 6, body: 1, aliases: 3, title_aliases: 10 };
const weights = (index: Index) => sql.raw(INDEXES[index].columns.map((c) => WEIGHT[c].toFixed(1)).join(', '));
/** bm25 weights that count the title only: below zero when a term matched in the title. */
const titleOnly = (index: Index) => sql.raw(INDEXES[index].columns.map((c) => (c === 'title' ? '1.0' : '0.0')).join(', '));
const column = (name: Column) => sql.lit(INDEXES.all.columns.indexOf(name));
/** Tokens of context around the match in a snippet. */
const SNIPPET_TOKENS = 12;
/** Most index terms a typed prefix is completed to: the ones in the most paths. */
const MAX_COMPLETIONS = 30;
/**
 * Longest prefix `paths_fts` has an index for (`prefix = '1 2 3'`). A longer `"word"*` is the
 * merge of the lists of every term that begins with it, done again for each row asked by rowid.
 */
const INDEXED_PREFIX = 3;

interface FtsFilters extends Visibility {
  tags: string[];
  exclude: string[];
  limit: number;
}

/**
 * Whether hits whose title alone matches come first: `word` for a one-word query (a title-only
 * bm25 says whether it matched there), `words` for more words (a second MATCH, on the title
 * column, checks that all of them are in it), `no` for bm25 order only.
 */
type TitleFirst = 'no' | 'word' | 'words';

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
  const summarySnippet = sql`snippet(paths_fts, ${column('summary')}, ${MARK_START}, ${MARK_END}, '…', ${SNIPPET_TOKENS})`;
  const { rows } = await sql<SummaryRow & { pk: number; title_highlight: string; summary_snippet: string; body_snippet: string | null }>`
    SELECT p.pk, p.id, p.title, p.summary, p.category_id, p.tags, p.help_ids, p.step_count,
      highlight(paths_fts, ${column('title')}, ${MARK_START}, ${MARK_END}) AS title_highlight,
      ${summarySnippet} AS summary_snippet,
      CASE WHEN instr(${summarySnippet}, ${MARK_START}) THEN NULL
        ELSE snippet(paths_fts, ${column('body')}, ${MARK_START}, ${MARK_END}, '…', ${SNIPPET_TOKENS}) END AS body_snippet
    FROM paths_fts JOIN paths p ON p.pk = paths_fts.rowid
    WHERE paths_fts MATCH ${match} AND ${rowid} IN (${pks})`.execute(db);
  const byPk = new Map(rows.map((row) => [row.pk, row]));
  return ranked.flatMap(({ pk, rank, in_title }) => {
    const row = byPk.get(pk);
    if (!row) return [];
    return [
      {
        ...toSummary(row),
        titleHighlight: row.title_highlight,
        // The excerpt that shows a match, preferring the summary; the summary's start otherwise.
        snippet: [row.summary_snippet, row.body_snippet ?? ''].find((s) => s.includes(MARK_START)) ?? row.summary_snippet,
        score: score(in_title, -rank),
      },
    ];
  });
}

/** Hits for one MATCH expression on the whole of each path (recommendations). */
async function ftsSearch(db: Kysely<DB>, tenantId: string, match: string, filters: FtsFilters): Promise<SearchHit[]> {
  return present(db, match, await rank(db, 'all', tenantId, match, filters));
}

/**
 * A hit's score, higher is better and in the order of the hits: 1 for a title match (see
 * `rank`), plus the negated bm25 squashed into 0..1. bm25 is negative, lower is better,
 * and FTS5 keeps it below zero for any match, so every score is above zero.
 */
const score = (inTitle: number, bm25: number) => (inTitle ? 1 : 0) + bm25 / (1 + bm25);

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
 * Hits for one MATCH expression, in two tiers: the paths it matches in their titles, tags or
 * help-ids (`paths_fts_topic`, bm25 order), then, if those are fewer than the limit, the other
 * paths it matches anywhere (`paths_fts`). Suggestions then rank a few hundred title matches
 * instead of every path that mentions a common word.
 */
async function tiered(db: Kysely<DB>, tenantId: string, match: string, filters: FtsFilters, titleFirst: TitleFirst): Promise<SearchHit[]> {
  const top = await rank(db, 'topic', tenantId, match, filters, titleFirst);
  if (top.length >= filters.limit) return present(db, match, top);
  const rest = await rank(
    db,
    'all',
    tenantId,
    match,
    { ...filters, exclude: [...filters.exclude, ...top.map((row) => row.id)], limit: filters.limit - top.length },
    titleFirst,
  );
  return present(db, match, [...top, ...rest]);
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

export async function search(db: Kysely<DB>, tenantId: string, options: SearchOptions): Promise<SearchHit[]> {
  const queries = await ftsQueries(options.text, (prefix) => completeTerms(db, prefix));
  if (!queries) return [];
  const filters = { ...options, exclude: [] };
  // Only a completed prefix needs the title first (see rank); other queries keep bm25 order.
  const titleFirst = !queries.completed ? 'no' : queries.any === queries.all ? 'word' : 'words';
  const hits = await tiered(db, tenantId, queries.all, filters, titleFirst);
  if (hits.length || queries.any === queries.all) return hits;
  return tiered(db, tenantId, queries.any, filters, 'no');
}

/** Longer strings inside logged data are ids, URLs or prose, not names. */
const MAX_DATA_STRING = 40;
const CONTEXT_ENTRIES = 20;

/** Short strings inside a logged value, a few levels deep. */
function dataStrings(value: unknown, depth = 0): string[] {
  if (typeof value === 'string') return value.length <= MAX_DATA_STRING ? [value] : [];
  if (depth >= 3 || !value || typeof value !== 'object') return [];
  return Object.values(value).flatMap((v) => dataStrings(v, depth + 1));
}

/** Topic words of the consumer's active context, newest entry first. */
async function contextTerms(db: Kysely<DB>, tenantId: string, consumerId: string): Promise<string[]> {
  const entries = await db
    .selectFrom('context_entries')
    .select(['name', 'detail', 'data'])
    .where('tenant_id', '=', tenantId)
    .where('consumer_id', '=', consumerId)
    .where('cleared_at', 'is', null)
    .orderBy('at', 'desc')
    .limit(CONTEXT_ENTRIES)
    .execute();
  const texts = entries.flatMap((e) => [
    e.name,
    ...(e.detail ? [e.detail] : []),
    ...(e.data ? dataStrings(JSON.parse(e.data)) : []),
  ]);
  const terms = texts.flatMap(words).filter((w) => w.length >= 3 && !/\d/.test(w) && !STOP_WORDS.has(w));
  return [...new Set(terms)];
}

/** Most started paths of the tenant, then by title. */
async function popular(db: Kysely<DB>, tenantId: string, filters: FtsFilters): Promise<PathSummary[]> {
  let query = db
    .selectFrom('paths as p')
    .select(SUMMARY_COLUMNS)
    .select((eb) =>
      eb
        .selectFrom('path_activity as a')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('a.tenant_id', '=', 'p.tenant_id')
        .whereRef('a.path_id', '=', 'p.id')
        .where('a.event', '=', 'started')
        .as('starts'),
    )
    .where('p.tenant_id', '=', tenantId)
    .where('p.audience', 'in', filters.audiences);
  if (filters.exclude.length) query = query.where('p.id', 'not in', filters.exclude);
  const rows = await query
    .orderBy('starts', 'desc')
    .orderBy(sql`p.title COLLATE NOCASE`)
    .orderBy('p.id')
    .limit(filters.limit)
    .execute();
  return rows.map(toSummary);
}

/** The consumer's paths: started but not resolved (latest activity first), and resolved ones. */
async function consumerPaths(db: Kysely<DB>, tenantId: string, consumerId: string) {
  const rows = await db
    .selectFrom('path_activity')
    .select('path_id')
    .select((eb) => eb.fn.max('at').as('last'))
    .select(sql<number>`sum(event = 'resolved')`.as('resolved'))
    .where('tenant_id', '=', tenantId)
    .where('consumer_id', '=', consumerId)
    .groupBy('path_id')
    .orderBy('last', 'desc')
    .execute();
  return {
    inProgress: rows.filter((r) => !r.resolved).map((r) => r.path_id),
    resolved: rows.filter((r) => r.resolved).map((r) => r.path_id),
  };
}

export async function recommend(
  db: Kysely<DB>,
  tenantId: string,
  consumerId: string | undefined,
  options: RecommendOptions,
): Promise<Recommendation[]> {
  const items: Recommendation[] = [];
  const exclude: string[] = [];
  const add = (summaries: PathSummary[], reason: RecommendationReason) => {
    for (const s of summaries.slice(0, options.limit - items.length)) {
      items.push({ ...s, reason });
      exclude.push(s.id);
    }
  };
  const filters = () => ({ ...options, tags: [], exclude, limit: options.limit - items.length });

  if (consumerId) {
    const mine = await consumerPaths(db, tenantId, consumerId);
    add(await summariesOf(db, tenantId, mine.inProgress, options), 'in-progress');
    exclude.push(...mine.resolved);
    const match = ftsAnyOf(await contextTerms(db, tenantId, consumerId));
    if (match && items.length < options.limit) add(await ftsSearch(db, tenantId, match, filters()), 'context');
  }
  if (items.length < options.limit) add(await popular(db, tenantId, filters()), 'popular');
  return items;
}
