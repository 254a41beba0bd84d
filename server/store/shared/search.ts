/**
 * The parts of search and recommendations that are not SQL, for both stores: the limits, the
 * score, how a hit's excerpt is chosen, the words taken from logged context, and the order in
 * which recommendations are filled.
 */
import { sql } from 'kysely';
import { MARK_START } from '../../../src/protocol/api.js';
import type { PathSummary, Recommendation, RecommendationReason, SearchHit } from '../../../src/protocol/schemas.js';
import { STOP_WORDS, words } from '../../text.js';
import type { RecommendOptions, SearchOptions, Visibility } from '../types.js';
import { summariesOf } from './content.js';
import type { Db, Dialect } from './engine.js';
import { SUMMARY_COLUMNS, toSummary } from './rows.js';
import { anyWord, searchQueries, type Query } from './search-query.js';

/**
 * How much a match weighs in each column of a path's text (see SearchText in content.ts): title
 * and the title's hyphen aliases most, then tags and help-ids, summary and all hyphen aliases,
 * step text least. FTS5 takes them as bm25 weights; PostgreSQL as ts_rank weights of the
 * weight class each column is given.
 */
export const COLUMN_WEIGHTS = { title: 10, summary: 3, tags: 6, help_ids: 6, body: 1, aliases: 3, title_aliases: 10 } as const;
export type SearchColumn = keyof typeof COLUMN_WEIGHTS;

/** Tokens of context around the match in a snippet. */
export const SNIPPET_TOKENS = 12;
/** The text that marks a cut in a snippet. */
export const ELLIPSIS = '…';
/** Most index terms a typed prefix is completed to: the ones in the most paths. */
export const MAX_COMPLETIONS = 30;

/** What a ranking query keeps and how many it returns. */
export interface RankFilters extends Visibility {
  tags: string[];
  /** Path ids left out (already listed). */
  exclude: string[];
  limit: number;
}

/**
 * Whether hits whose title alone matches come first: `word` for a one-word query, `words` for
 * more words (all of them in the title), `no` for relevance order only. Only a completed prefix
 * needs it: each completion is ranked on its own, so for `res` a rare completion in the step text
 * (`residue`) would otherwise outrank a common one in the title (`Reset the router`).
 */
export type TitleFirst = 'no' | 'word' | 'words';

export const titleFirstFor = (queries: { single: boolean; completed: boolean }): TitleFirst =>
  !queries.completed ? 'no' : queries.single ? 'word' : 'words';

/**
 * A hit's score, higher is better and in the order of the hits within a tier: 1 for a title
 * match (see TitleFirst), plus the engine's relevance (above zero for any match) squashed into 0..1.
 */
export const score = (inTitle: boolean, relevance: number) => (inTitle ? 1 : 0) + relevance / (1 + relevance);

/**
 * A ranked path as a hit: its summary, the title highlighted, and the excerpt that shows a match,
 * preferring the summary's (`bodySnippet` may be null when the summary's shows one); the
 * summary's start otherwise.
 */
export function toHit(summary: PathSummary, titleHighlight: string, summarySnippet: string, bodySnippet: string | null, hitScore: number): SearchHit {
  return {
    ...summary,
    titleHighlight,
    snippet: [summarySnippet, bodySnippet ?? ''].find((s) => s.includes(MARK_START)) ?? summarySnippet,
    score: hitScore,
  };
}

/** A form of a search's query (all words, any word) and whether its title matches come first. */
export interface RankForm {
  query: Query;
  titleFirst: TitleFirst;
}

/** The page of the first form that matches (`form`: its index; 0 when none does). */
export interface RankedForm<Ranked> {
  form: number;
  ranked: Ranked[];
}

/** One engine's full-text index, as search uses it. */
export interface SearchEngine<Ranked extends { id: string }> {
  /** Index terms that begin with a typed prefix (see CompleteTerms). */
  complete(prefix: string): Promise<string[]>;
  /**
   * The page of paths that `query` matches in one index (`topic`: title, tags, help-ids and the
   * title's hyphen aliases; `all`: everything a path says), best first, with the hits whose title
   * matches first when `titleFirst` says so.
   */
  rank(index: 'topic' | 'all', query: Query, filters: RankFilters, titleFirst: TitleFirst): Promise<Ranked[]>;
  /**
   * The page of the first of `forms` that matches anything, both tiers of each (see `search`
   * and `tiered`), and which form that was; the same result as `rank` of each tier and form in
   * turn, where the engine can do it in one statement (PostgreSQL: one round trip per search).
   */
  rankForms?(forms: RankForm[], filters: RankFilters): Promise<RankedForm<Ranked>>;
  /** Ranked paths as hits, in the same order, with highlights and excerpts of the whole query. */
  present(query: Query, ranked: Ranked[]): Promise<SearchHit[]>;
}

/**
 * Hits for one query, in two tiers: the paths it matches in their titles, tags or help-ids, then,
 * if those are fewer than the limit, the other paths it matches anywhere. Suggestions then rank a
 * few hundred title matches instead of every path that mentions a common word.
 */
async function tiered<R extends { id: string }>(engine: SearchEngine<R>, query: Query, filters: RankFilters, titleFirst: TitleFirst) {
  const top = await engine.rank('topic', query, filters, titleFirst);
  if (top.length >= filters.limit) return engine.present(query, top);
  const rest = await engine.rank(
    'all',
    query,
    { ...filters, exclude: [...filters.exclude, ...top.map((row) => row.id)], limit: filters.limit - top.length },
    titleFirst,
  );
  return engine.present(query, [...top, ...rest]);
}

/**
 * Ranked full-text search (Store.search): all words must match, and when nothing does, any word.
 * The last word matches as a prefix.
 */
export async function search<R extends { id: string }>(engine: SearchEngine<R>, options: SearchOptions): Promise<SearchHit[]> {
  const queries = await searchQueries(options.text, (prefix) => engine.complete(prefix));
  if (!queries) return [];
  const filters = { audiences: options.audiences, tags: options.tags, exclude: [], limit: options.limit };
  // Only a completed prefix needs the title first (see TitleFirst); other queries keep relevance order.
  if (engine.rankForms) {
    const forms: RankForm[] = [{ query: queries.all, titleFirst: titleFirstFor(queries) }];
    if (!queries.single) forms.push({ query: queries.any, titleFirst: 'no' });
    const { form, ranked } = await engine.rankForms(forms, filters);
    return engine.present(forms[form].query, ranked);
  }
  const hits = await tiered(engine, queries.all, filters, titleFirstFor(queries));
  if (hits.length || queries.single) return hits;
  return tiered(engine, queries.any, filters, 'no');
}

/** Hits for a query on the whole of each path, relevance order only (recommendations). */
export async function searchAll<R extends { id: string }>(engine: SearchEngine<R>, query: Query, filters: RankFilters) {
  return engine.present(query, await engine.rank('all', query, filters, 'no'));
}

/** Longer strings inside logged data are ids, URLs or prose, not names. */
const MAX_DATA_STRING = 40;
/** The newest context entries recommendations read. */
export const CONTEXT_ENTRIES = 20;

/** Short strings inside a logged value, a few levels deep. */
function dataStrings(value: unknown, depth = 0): string[] {
  if (typeof value === 'string') return value.length <= MAX_DATA_STRING ? [value] : [];
  if (depth >= 3 || !value || typeof value !== 'object') return [];
  return Object.values(value).flatMap((v) => dataStrings(v, depth + 1));
}

/** Topic words of context entries (newest first): names, details and short data strings. */
export function contextTerms(entries: { name: string; detail: string | null; data: string | null }[]): string[] {
  const texts = entries.flatMap((e) => [e.name, ...(e.detail ? [e.detail] : []), ...(e.data ? dataStrings(JSON.parse(e.data)) : [])]);
  const terms = texts.flatMap(words).filter((w) => w.length >= 3 && !/\d/.test(w) && !STOP_WORDS.has(w));
  return [...new Set(terms)];
}

/** What recommendations read, from one store. */
export interface RecommendSources {
  /** The consumer's paths with any activity, latest activity first, and whether each was resolved. */
  consumerPaths(consumerId: string): Promise<{ path_id: string; resolved: boolean }[]>;
  /** Summaries of the visible paths among `ids`, in the order of `ids`. */
  summaries(ids: string[], visibility: Visibility): Promise<PathSummary[]>;
  /** The consumer's newest CONTEXT_ENTRIES active entries, newest first. */
  contextEntries(consumerId: string): Promise<{ name: string; detail: string | null; data: string | null }[]>;
  /** Hits for a query on the whole of each path. */
  search(query: Query, filters: RankFilters): Promise<SearchHit[]>;
  /** Most started paths, then by title. */
  popular(filters: RankFilters): Promise<PathSummary[]>;
}

/** In-progress paths, then paths matching active context, then popular ones (see README). */
export async function recommendFrom(sources: RecommendSources, consumerId: string | undefined, options: RecommendOptions): Promise<Recommendation[]> {
  const items: Recommendation[] = [];
  const exclude: string[] = [];
  const add = (summaries: PathSummary[], reason: RecommendationReason) => {
    for (const s of summaries.slice(0, options.limit - items.length)) {
      items.push({ ...s, reason });
      exclude.push(s.id);
    }
  };
  const filters = (): RankFilters => ({ audiences: options.audiences, tags: [], exclude, limit: options.limit - items.length });

  if (consumerId) {
    const mine = await sources.consumerPaths(consumerId);
    add(await sources.summaries(mine.filter((p) => !p.resolved).map((p) => p.path_id), options), 'in-progress');
    exclude.push(...mine.filter((p) => p.resolved).map((p) => p.path_id));
    const query = anyWord(contextTerms(await sources.contextEntries(consumerId)));
    if (query && items.length < options.limit) add(await sources.search(query, filters()), 'context');
  }
  if (items.length < options.limit) add(await sources.popular(filters()), 'popular');
  return items;
}

/** Recommendations from one store: its tables, and its full-text index for the context matches. */
export function recommend<R extends { id: string }>(
  db: Db,
  dialect: Dialect,
  engine: SearchEngine<R>,
  tenantId: string,
  consumerId: string | undefined,
  options: RecommendOptions,
): Promise<Recommendation[]> {
  const sources: RecommendSources = {
    async consumerPaths(id) {
      const rows = await db
        .selectFrom('path_activity')
        .select('path_id')
        .select((eb) => eb.fn.max('at').as('last'))
        .select(dialect.anyRow(sql`event = 'resolved'`).as('resolved'))
        .where('tenant_id', '=', tenantId)
        .where('consumer_id', '=', id)
        .groupBy('path_id')
        .orderBy('last', 'desc')
        .execute();
      return rows.map((r) => ({ path_id: r.path_id, resolved: Boolean(r.resolved) }));
    },
    summaries: (ids, visibility) => summariesOf(db, tenantId, ids, visibility),
    contextEntries: (id) =>
      db
        .selectFrom('context_entries')
        .select(['name', 'detail', 'data'])
        .where('tenant_id', '=', tenantId)
        .where('consumer_id', '=', id)
        .where('cleared_at', 'is', null)
        .orderBy('at', 'desc')
        .limit(CONTEXT_ENTRIES)
        .execute(),
    search: (query, filters) => searchAll(engine, query, filters),
    async popular(filters) {
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
      const rows = await query.orderBy('starts', 'desc').orderBy(dialect.nocase('p.title')).orderBy('p.id').limit(filters.limit).execute();
      return rows.map(toSummary);
    },
  };
  return recommendFrom(sources, consumerId, options);
}
