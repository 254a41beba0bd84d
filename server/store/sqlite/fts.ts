/**
 * FTS5 query text built from user input. User text never reaches MATCH as syntax: it is cut into
 * words and each word becomes a quoted FTS string, so quotes, `*`, `NEAR`, `-`, parentheses and
 * column filters in the input are plain text.
 */
import { words } from '../../text.js';

/** Most words taken from one query; more only slows the match down. */
const MAX_TERMS = 16;

/** A word as an FTS5 string (our words never contain `"`, but quote-doubling keeps this safe). */
const quote = (word: string) => `"${word.replace(/"/g, '""')}"`;

export interface FtsQueries {
  /** Every word must match. */
  all: string;
  /** Any word may match; equal to `all` for a single word. */
  any: string;
}

/**
 * Builds the AND and OR forms of a query. The last word is a prefix (`"res"*`) while the user is
 * still typing it, that is unless the text ends with a space. Undefined when there is no word.
 */
export function ftsQueries(text: string): FtsQueries | undefined {
  const terms = words(text).slice(0, MAX_TERMS).map(quote);
  if (terms.length === 0) return undefined;
  if (!/\s$/.test(text)) terms[terms.length - 1] += '*';
  return { all: terms.join(' '), any: terms.join(' OR ') };
}

/** OR query over given words (recommendations from context); undefined when there are none. */
export function ftsAnyOf(terms: string[]): string | undefined {
  return terms.length ? terms.slice(0, MAX_TERMS * 2).map(quote).join(' OR ') : undefined;
}
