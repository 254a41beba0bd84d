/**
 * FTS5 MATCH text of the search queries built from user input (shared/search-query.ts). Every
 * word is a quoted FTS5 string, so nothing the user types is FTS5 syntax.
 */
import {
  SHORT_PREFIX_COLUMNS,
  searchQueries,
  type CompleteTerms,
  type Query,
  type QueryNode,
} from '../shared/search-query.js';

export { prefixRange } from '../shared/search-query.js';

/** A word as an FTS5 string (our words never contain `"`, but quote-doubling keeps this safe). */
const quote = (word: string) => `"${word.replace(/"/g, '""')}"`;

const SHORT = `{${SHORT_PREFIX_COLUMNS.join(' ')}}`;

function node(n: QueryNode): string {
  if (n.type === 'or') return `(${n.nodes.map(node).join(' OR ')})`;
  const text = quote(n.text) + (n.prefix ? '*' : '');
  return n.short ? `${SHORT} : ${text}` : text;
}

/** A query as MATCH text: its terms joined by AND or OR, groups in parentheses. */
export const renderMatch = (query: Query) => query.terms.map(node).join(query.type === 'and' ? ' AND ' : ' OR ');

export interface FtsQueries {
  /** Every word must match. */
  all: string;
  /** Any word may match; equal to `all` for a single word. */
  any: string;
  /** The word being typed was completed to index terms. */
  completed: boolean;
}

/** The AND and OR forms of a query as MATCH text (see `searchQueries`); undefined when there is no word. */
export async function ftsQueries(text: string, complete?: CompleteTerms): Promise<FtsQueries | undefined> {
  const queries = await searchQueries(text, complete);
  return queries && { all: renderMatch(queries.all), any: renderMatch(queries.any), completed: queries.completed };
}
