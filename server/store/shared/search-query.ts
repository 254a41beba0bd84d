/**
 * Search queries built from user input, as a small tree that each store renders in its engine's
 * syntax: FTS5 MATCH text for SQLite (sqlite/fts.ts), tsquery for PostgreSQL (postgres/tsquery.ts).
 * The highlighter (highlight.ts) reads the same tree. User text never becomes syntax: it is cut
 * into words, and each word becomes a quoted string (a `Phrase`), so quotes, `*`, `NEAR`, `-`,
 * parentheses and column filters in the input are plain text.
 */
import { STOP_WORDS, compounds } from '../../text.js';
import { stem } from './stem.js';
import { foldLatin } from './tokens.js';

/**
 * A quoted string: its words are consecutive tokens in one column (FTS5 tokenizes and stems the
 * string as it does the content); with `prefix`, the last one is a prefix. `short` keeps it to
 * the title, tags and help-ids (see SHORT_PREFIX_COLUMNS).
 */
export interface Phrase {
  type: 'phrase';
  text: string;
  prefix: boolean;
  short?: boolean;
}

/** Any of the alternatives; written in parentheses inside a larger query. */
export interface AnyOf {
  type: 'or';
  nodes: QueryNode[];
}

export type QueryNode = Phrase | AnyOf;

/** A query: its terms, every one (`and`) or any one (`or`) of which must match. */
export interface Query {
  type: 'and' | 'or';
  terms: QueryNode[];
}

/**
 * Columns a prefix of one or two letters is matched in. Such a prefix is the start of a great
 * many words; matched everywhere it would rank nearly the whole index on every keystroke.
 */
export const SHORT_PREFIX_COLUMNS = ['title', 'tags', 'help_ids'] as const;

/** Stop words as the index stores them (porter stems: `they` is `thei`), built on first use. */
let stopStems: Set<string> | undefined;
const isStopStem = (term: string) => (stopStems ??= new Set([...STOP_WORDS].map((w) => stem(w) ?? w))).has(term);

/** Most words taken from one query (the parts of a hyphenated word count one each). */
export const MAX_TERMS = 16;

const phrase = (text: string, prefix = false, short = false): Phrase => ({ type: 'phrase', text, prefix, ...(short && { short }) });
const anyOf = (nodes: QueryNode[]): AnyOf => ({ type: 'or', nodes });

export interface SearchQueries {
  /** Every word must match. */
  all: Query;
  /** Any word may match; the same terms as `all`. */
  any: Query;
  /** One term only: `any` finds what `all` finds. */
  single: boolean;
  /** The word being typed was completed to index terms (see `prefixMatch`). */
  completed: boolean;
}

/**
 * Index terms (porter stems, as the vocabulary holds them) that begin with a typed prefix, most
 * common first and a bounded number of them; none when the index has no such term.
 */
export type CompleteTerms = (prefix: string) => Promise<string[]>;

/**
 * The word being typed as a query alternative, when the plain prefix query would go wrong. FTS5
 * stems a prefix query too, so `"res"*` searches `re*` and finds `replace` and `remove`. Such a
 * prefix is completed to the index's own terms that begin with it: `("reset" OR "restart" …)`.
 * A term porter would stem again keeps a `*` (`respons` stems to `respon`, so `"respons"*`), and
 * a term that begins with such a one is left out, as that one's `*` covers it.
 * The typed word itself is also searched whole, for a word typed to its end (`charge` is
 * `charg`; without it only `charger` would match), unless its stem is under 3 letters (`res` is
 * `re`). Undefined where the plain prefix query is right: when porter leaves the prefix as it is
 * (`reset`, and anything under 3 bytes), and when no index term begins with it, as for a word
 * typed past its stem (`resetting` is indexed as `reset`, which `"resetting"*` finds).
 */
async function prefixMatch(prefix: string, complete: CompleteTerms | undefined): Promise<QueryNode | undefined> {
  if (!complete) return undefined;
  const stemmed = stem(prefix);
  // A stop word being typed (`the`) is completed too, to the words it starts (`thermostat`):
  // as a prefix of itself it would match every path.
  const stopWord = STOP_WORDS.has(prefix.toLowerCase());
  if (stemmed === foldLatin(prefix) && !stopWord) return undefined;
  const terms = (await complete(prefix)).filter((t) => !isStopStem(t));
  if (terms.length === 0) return stopWord ? phrase(prefix, true, true) : undefined;
  // A term porter leaves as it is is searched exactly; the few it would stem again keep a `*`
  // (a prefix query costs a merge of every term it covers, on every keystroke).
  const alternatives = terms
    .filter((t) => !terms.some((other) => other !== t && t.startsWith(other) && stem(other) !== other))
    .map((t) => phrase(t, stem(t) !== t));
  if (stemmed && [...stemmed].length >= 3 && !stopWord) alternatives.unshift(phrase(prefix));
  return anyOf(alternatives);
}

/**
 * Builds the AND and OR forms of a query. The last word is a prefix while the user is still
 * typing it, that is unless the text ends with a space; `complete` turns such a prefix into
 * whole index terms (see `prefixMatch`), and a prefix of one or two letters only matches in
 * titles, tags and help-ids. Whole stop words are left out unless nothing else is left. A
 * hyphenated word matches its parts as a phrase or its parts written together, which the index
 * also keeps for hyphenated words of the content: `wi-fi` becomes `("wi fi" OR "wifi")`, and
 * `wifi` finds `Wi-Fi` through that hidden column. Undefined when there is no word.
 */
export async function searchQueries(text: string, complete?: CompleteTerms): Promise<SearchQueries | undefined> {
  const groups: string[][] = [];
  let count = 0;
  for (const parts of compounds(text)) {
    if (count >= MAX_TERMS) break;
    groups.push(parts.slice(0, MAX_TERMS - count));
    count += parts.length;
  }
  if (groups.length === 0) return undefined;
  const typing = !/\s$/.test(text);
  // Whole stop words carry no topic and match every path: leave them out, unless that is all
  // there is ("how to" still searches something).
  const topical = groups.filter(
    (parts, i) => !(parts.length === 1 && STOP_WORDS.has(parts[0].toLowerCase()) && !(typing && i === groups.length - 1)),
  );
  if (topical.length) groups.splice(0, groups.length, ...topical);
  let completed = false;
  const prefix = async (word: string): Promise<QueryNode> => {
    if ([...word].length <= 2) return phrase(word, true, true);
    const match = await prefixMatch(word, complete);
    if (match) completed = true;
    return match ?? phrase(word, true);
  };

  const terms: QueryNode[] = [];
  for (const [i, parts] of groups.entries()) {
    const open = typing && i === groups.length - 1;
    if (parts.length === 1) {
      terms.push(open ? await prefix(parts[0]) : phrase(parts[0]));
      continue;
    }
    // The split form is a phrase; while typing, its last part is a plain prefix (`"wi f"*`).
    const joined = parts.join('');
    terms.push(anyOf([phrase(parts.join(' '), open), open ? await prefix(joined) : phrase(joined)]));
  }
  return { all: { type: 'and', terms }, any: { type: 'or', terms }, single: terms.length === 1, completed };
}

/** OR query over given words (recommendations from context); undefined when there are none. */
export function anyWord(words: string[]): Query | undefined {
  return words.length ? { type: 'or', terms: words.slice(0, MAX_TERMS * 2).map((w) => phrase(w)) } : undefined;
}

/** Every phrase of a query, in the order they are written (FTS5 numbers them so). */
export function phrasesOf(query: Query): Phrase[] {
  const walk = (node: QueryNode): Phrase[] => (node.type === 'phrase' ? [node] : node.nodes.flatMap(walk));
  return query.terms.flatMap(walk);
}

/**
 * Bounds of a vocabulary range scan for the terms that begin with `prefix`: `term >= from AND
 * term < to`, where `to` is the prefix with its last character incremented (no upper bound after
 * U+10FFFF). The prefix is folded as the tokenizer folds Latin letters (`café` to `cafe`).
 */
export function prefixRange(prefix: string): { from: string; to?: string } {
  const from = foldLatin(prefix);
  const chars = [...from];
  const last = chars.pop()?.codePointAt(0);
  if (last === undefined || last >= 0x10ffff) return { from };
  // Skip the surrogate block: those code points have no UTF-8 form.
  const next = last + 1 >= 0xd800 && last + 1 <= 0xdfff ? 0xe000 : last + 1;
  return { from, to: chars.join('') + String.fromCodePoint(next) };
}
