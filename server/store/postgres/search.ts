/**
 * Full-text search on PostgreSQL, for the shared search and recommendations (shared/search.ts):
 * tsvector columns with GIN indexes (see tsquery.ts for what they hold), ts_rank with FTS5's
 * column weights as weight classes, and the highlights and excerpts FTS5 would make
 * (shared/highlight.ts). The tiers, the title-first rule and the fallback to any word are the
 * shared search's.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { MARK_END, MARK_START } from '../../../src/protocol/api.js';
import type { SearchHit } from '../../../src/protocol/schemas.js';
import { column, highlight, instances, phraseTerms, snippet } from '../shared/highlight.js';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from '../shared/rows.js';
import { SHORT_PREFIX_COLUMNS, prefixRange, type Query } from '../shared/search-query.js';
import {
  ELLIPSIS,
  MAX_COMPLETIONS,
  SNIPPET_TOKENS,
  score,
  toHit,
  type RankFilters,
  type RankForm,
  type RankedForm,
  type SearchEngine,
  type TitleFirst,
} from '../shared/search.js';
import type { DB } from './db.js';
import { rankWeights, tsquery, type Vector } from './tsquery.js';

/**
 * Where each vector is searched: the topic tier in `path_topics`, narrow rows of what it filters
 * and orders by (migrations/0005_search_topics.ts); the second tier in `paths`. `title` is the
 * title as SQLite's NOCASE orders it: `title_key` is stored so; `lower` of a `COLLATE "C"`
 * column folds ASCII letters only, as `nocase` (db.ts) does, without its cost per character
 * (ordering thousands of matches of a short prefix by `translate` took milliseconds).
 */
const SOURCE = {
  all: { table: sql.table('paths'), vector: sql.ref('p.search_all'), title: sql`lower(p.title)` },
  topic: { table: sql.table('path_topics'), vector: sql.ref('p.search_topic'), title: sql.ref('p.title_key') },
} as const;
/** ts_rank_cd's weights of the classes D, C, B and A (see rankWeights). */
const WEIGHTS = {
  all: sql.lit(`{${rankWeights('all').join(',')}}`),
  topic: sql.lit(`{${rankWeights('topic').join(',')}}`),
};
/**
 * ts_rank_cd normalization 1: the rank divided by 1 + the logarithm of the vector's length, so
 * that a word in a short text weighs more than the same word in a long one (bm25 also weighs a
 * match against the length of what it is in).
 *
 * The ranking function was chosen by comparing the orders of both stores over the demo content
 * and a generated corpus of 2,000 paths, for 184 as-you-type queries: with ts_rank_cd of each
 * word on its own, 95% (demo) and 80% (generated) of the queries have the same first hit, and
 * 95% of the pairs of hits both stores return are in the same order. ts_rank of the whole query
 * (proximity-based for AND) and an idf-weighted sum per word did worse or no better.
 */
const NORMALIZATION = 1;

/** A ranked path with what its hit shows (the page's rows of `paths`, read in the same statement). */
type Ranked = SummaryRow & {
  /** Which query form (see `rankForms`). */
  form: number;
  pk: number;
  rank: number;
  in_title: boolean;
  /** The step text, for the excerpt. */
  search_body: string;
};

/** What a hit shows of a path, besides its id. */
const SHOWN = sql.join([...SUMMARY_COLUMNS.filter((c) => c !== 'id').map((c) => sql.ref(`x.${c}`)), sql.ref('x.search_body')]);

/**
 * The statement that ranks the paths a query matches in one vector and keeps the best `limit`
 * (undefined when the query can match nothing): by ts_rank, except that the hits whose title
 * matches the whole query may come first (`titleFirst`), then by title as SQLite's NOCASE orders
 * it. Its rows: pk, id, rank, in_title and title_order (the last three are the order).
 */
function ranking(vector: Vector, tenantId: string, query: Query, filters: RankFilters, titleFirst: TitleFirst, only = sql``) {
  const match = tsquery(query, vector);
  if (match === undefined) return undefined;
  // Ranked by the query's words, each on its own (the OR form), as bm25 sums each word's score.
  const words = tsquery({ type: 'or', terms: query.terms }, vector) ?? match;
  const titleMatch = titleFirst === 'no' ? undefined : tsquery(query, 'topic', true);
  const inTitle = titleMatch === undefined ? sql`false` : sql`p.search_topic @@ ${titleMatch}::tsquery`;
  const { table, vector: tsv, title } = SOURCE[vector];
  const tagKeys = filters.tags.map((t) => t.toLowerCase());
  return sql`
      SELECT p.pk, p.id, ts_rank_cd(${WEIGHTS[vector]}::float4[], ${tsv}, ${words}::tsquery, ${sql.lit(NORMALIZATION)}) AS rank,
        ${inTitle} AS in_title, ${title} AS title_order
      FROM ${table} p, CAST(${match} AS tsquery) AS q (q)
      WHERE ${tsv} @@ q.q
        AND p.tenant_id = ${tenantId}
        AND p.audience IN (${sql.join(filters.audiences)})
        ${tagKeys.length ? sql`AND EXISTS (SELECT 1 FROM path_tags t WHERE t.tenant_id = p.tenant_id
          AND t.path_id = p.id AND t.tag_key IN (${sql.join(tagKeys)}))` : sql``}
        ${filters.exclude.length ? sql`AND p.id NOT IN (${sql.join(filters.exclude)})` : sql``}
        ${only}
      ORDER BY in_title DESC, rank DESC, title_order, p.pk
      LIMIT ${filters.limit}`;
}

/**
 * Ranked rows with what their hits show: the page's rows of `paths` are read in the same
 * statement, so that a search is one round trip (see `rankForms`); on a busy machine each
 * round trip waits for the scheduler twice.
 */
async function withShown(db: Kysely<DB>, ranked: RawBuilder<unknown>): Promise<Ranked[]> {
  const { rows } = await sql<Ranked>`
    SELECT r.form, r.pk, r.id, r.rank, r.in_title, ${SHOWN}
    FROM (${ranked}) r JOIN paths x ON x.pk = r.pk
    ORDER BY r.form, r.tier, r.in_title DESC, r.rank DESC, r.title_order, r.pk`.execute(db);
  return rows;
}

/** The page of paths a query matches in one vector, best first (see `ranking`). */
async function rank(db: Kysely<DB>, vector: Vector, tenantId: string, query: Query, filters: RankFilters, titleFirst: TitleFirst): Promise<Ranked[]> {
  const one = ranking(vector, tenantId, query, filters, titleFirst);
  return one === undefined ? [] : withShown(db, sql`SELECT 0 AS form, 0 AS tier, o.* FROM (${one}) o`);
}

/** No rows, with the columns of `ranking` and a tier: a query form that can match nothing. */
const NO_ROWS = sql`SELECT 0 AS tier, 0::bigint AS pk, ''::text AS id, 0::float4 AS rank, false AS in_title,
  ''::text COLLATE "C" AS title_order WHERE false`;

/**
 * The forms of a query (all words, then any word) with both tiers of each, as shared/search.ts
 * runs them one after the other, in one statement and with the same result: each form's topic
 * page (`top<i>`), then, only when that holds fewer than `limit` paths, its second tier's best
 * paths that are not in it (`tiers<i>`: at most `limit` in all); a form is only ranked when the
 * ones before it matched nothing. The conditions that skip a ranking are one-time filters:
 * PostgreSQL does not run the scan below them.
 */
async function rankForms(db: Kysely<DB>, tenantId: string, forms: RankForm[], filters: RankFilters): Promise<RankedForm<Ranked>> {
  const ctes = forms.map(({ query, titleFirst }, i) => {
    const name = (n: string) => sql.ref(`${n}${i}`);
    const earlier = sql.join(
      forms.slice(0, i).map((_, j) => sql`AND NOT EXISTS (SELECT 1 FROM ${sql.ref(`tiers${j}`)})`),
      sql` `,
    );
    const top = ranking('topic', tenantId, query, filters, titleFirst, earlier);
    const rest = ranking('all', tenantId, query, filters, titleFirst,
      sql`${earlier} AND p.pk NOT IN (SELECT pk FROM ${name('top')}) AND (SELECT count(*) FROM ${name('top')}) < ${filters.limit}`);
    const tiers = top === undefined || rest === undefined
      ? NO_ROWS
      : sql`SELECT * FROM (SELECT 0 AS tier, t.* FROM ${name('top')} t UNION ALL SELECT 1 AS tier, o.* FROM (${rest}) o) u
        ORDER BY tier, in_title DESC, rank DESC, title_order, pk LIMIT ${filters.limit}`;
    return sql`${name('top')} AS MATERIALIZED (${top ?? sql`SELECT 0::bigint AS pk WHERE false`}),
      ${name('tiers')} AS MATERIALIZED (${tiers})`;
  });
  const all = sql.join(forms.map((_, i) => sql`SELECT ${sql.lit(i)} AS form, f.* FROM ${sql.ref(`tiers${i}`)} f`), sql` UNION ALL `);
  const rows = await withShown(db, sql`WITH ${sql.join(ctes)} ${all}`);
  return { form: rows[0]?.form ?? 0, ranked: rows };
}

/**
 * Ranked paths as hits: their summaries, with the title highlighted and an excerpt, from the
 * whole query (a first-tier search ranks on titles, but step-text matches are marked too).
 */
async function present(query: Query, ranked: Ranked[]): Promise<SearchHit[]> {
  if (!ranked.length) return [];
  const phrases = phraseTerms(query, SHORT_PREFIX_COLUMNS);
  const excerpt = (name: 'summary' | 'body', text: string) => {
    const { tokens } = column(text);
    return snippet(text, tokens, instances(phrases, name, tokens), MARK_START, MARK_END, ELLIPSIS, SNIPPET_TOKENS);
  };
  return ranked.map((row) => {
    const title = column(row.title);
    const summarySnippet = excerpt('summary', row.summary);
    // The step text's excerpt only where the summary shows no match (the long column is the cost).
    const bodySnippet = summarySnippet.includes(MARK_START) ? null : excerpt('body', row.search_body);
    const titleHighlight = highlight(title.text, title.tokens, instances(phrases, 'title', title.tokens), MARK_START, MARK_END);
    return toHit(toSummary(row), titleHighlight, summarySnippet, bodySnippet, score(row.in_title, row.rank));
  });
}

/** The tenant's index terms that begin with `prefix`, in the most paths first: a range scan of its vocabulary. */
async function completeTerms(db: Kysely<DB>, tenantId: string, prefix: string): Promise<string[]> {
  const { from, to } = prefixRange(prefix);
  let query = db.selectFrom('search_terms').select('term').where('tenant_id', '=', tenantId).where('term', '>=', from);
  if (to !== undefined) query = query.where('term', '<', to);
  const rows = await query.orderBy('docs', 'desc').orderBy('term').limit(MAX_COMPLETIONS).execute();
  return rows.map((r) => r.term);
}

/** PostgreSQL full text as the shared search sees it. */
export const tsEngine = (db: Kysely<DB>, tenantId: string): SearchEngine<Ranked> => ({
  complete: (prefix) => completeTerms(db, tenantId, prefix),
  rank: (index, query, filters, titleFirst) => rank(db, index, tenantId, query, filters, titleFirst),
  rankForms: (forms, filters) => rankForms(db, tenantId, forms, filters),
  present: (query, ranked) => present(query, ranked),
});
