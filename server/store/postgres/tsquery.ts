/**
 * PostgreSQL full text for the search of shared/search-query.ts: the tsvectors of a path and the
 * tsquery of a query, both made of the terms FTS5 makes (shared/tokens.ts), so the two stores
 * match the same paths for the same text.
 *
 * PostgreSQL's own parsers and dictionaries would not: its parser keeps hyphenated words, e-mail
 * addresses, URLs and file paths as tokens of their own, its `english` stemmer (Snowball) is not
 * FTS5's Porter, and it folds no diacritics without the unaccent extension. So the store builds
 * tsvector and tsquery text itself (`'term':1A`, `'term':*`): PostgreSQL stores and matches them
 * as they are, with a GIN index, prefix matching and ts_rank.
 *
 * Columns become weight classes; a phrase never spans two columns (a gap of one position between
 * them), as in FTS5, where a phrase is matched within one column.
 *
 * - `search_all` (SQLite `paths_fts`): title A; tags and help-ids B; summary and the hyphen
 *   aliases C; step text D. `title_aliases` is not in it: its words are all in `aliases`, so the
 *   same paths match (a title compound just ranks as a summary word here).
 * - `search_topic` (SQLite `paths_fts_topic`): title A, tags B, help-ids C, title aliases D.
 *   The first search tier reads its copy in `path_topics` (migrations/0005_search_topics.ts).
 *
 * With these classes, the short-prefix columns (title, tags, help-ids) are A and B of the first
 * and A, B and C of the second, and the title alone is A of both.
 */
import { SHORT_PREFIX_COLUMNS, type Query, type QueryNode } from '../shared/search-query.js';
import { COLUMN_WEIGHTS, type SearchColumn } from '../shared/search.js';
import type { SearchText } from '../shared/content.js';
import { terms, tokenize, type Token } from '../shared/tokens.js';

type Weight = 'A' | 'B' | 'C' | 'D';
type Field = 'title' | 'tags' | 'helpIds' | 'summary' | 'aliases' | 'body' | 'titleAliases';

const COLUMN: Record<Field, SearchColumn> = {
  title: 'title',
  tags: 'tags',
  helpIds: 'help_ids',
  summary: 'summary',
  aliases: 'aliases',
  body: 'body',
  titleAliases: 'title_aliases',
};

/** The columns of each vector in position order (the step text last, as the longest), with their weight classes. */
export const VECTORS = {
  all: [
    ['title', 'A'],
    ['tags', 'B'],
    ['helpIds', 'B'],
    ['summary', 'C'],
    ['aliases', 'C'],
    ['body', 'D'],
  ],
  topic: [
    ['title', 'A'],
    ['tags', 'B'],
    ['helpIds', 'C'],
    ['titleAliases', 'D'],
  ],
} as const satisfies Record<string, readonly (readonly [Field, Weight])[]>;
export type Vector = keyof typeof VECTORS;

const classes = (vector: Vector, fields: readonly Field[]) =>
  [...new Set(VECTORS[vector].filter(([f]) => fields.includes(f)).map(([, w]) => w))].sort().join('');

/** Weight classes of the short-prefix columns, and of the title alone, in each vector. */
const SHORT_FIELDS = (Object.keys(COLUMN) as Field[]).filter((f) => (SHORT_PREFIX_COLUMNS as readonly string[]).includes(COLUMN[f]));
const RESTRICT = {
  all: { short: classes('all', SHORT_FIELDS), title: classes('all', ['title']) },
  topic: { short: classes('topic', SHORT_FIELDS), title: classes('topic', ['title']) },
};

/**
 * ts_rank's weights, `{D, C, B, A}`: each class weighs as its heaviest column does in FTS5's
 * bm25 (COLUMN_WEIGHTS), scaled to 0..1.
 */
export function rankWeights(vector: Vector): number[] {
  const max = Math.max(...Object.values(COLUMN_WEIGHTS));
  return (['D', 'C', 'B', 'A'] as const).map(
    (w) => Math.max(0, ...VECTORS[vector].filter(([, c]) => c === w).map(([f]) => COLUMN_WEIGHTS[COLUMN[f]])) / max,
  );
}

/** Highest position PostgreSQL keeps, and most positions it keeps of one lexeme. */
const MAX_POSITION = 16383;
const MAX_POSITIONS = 256;
/** Longest lexeme PostgreSQL takes, in bytes; a longer token is left out of the vector. */
const MAX_LEXEME_BYTES = 2046;

/** A lexeme in tsvector and tsquery syntax. */
const lexeme = (term: string) => `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * The tsvectors of a path's text as tsvector text, and the distinct terms of `all` (the path's
 * terms in the vocabulary).
 */
export function tsvectors(text: SearchText): { all: string; topic: string; terms: string[] } {
  const tokens = new Map<Field, Token[]>();
  const tokensOf = (field: Field) => tokens.get(field) ?? tokens.set(field, tokenize(text[field])).get(field)!;
  const build = (vector: Vector) => {
    const positions = new Map<string, string[]>();
    let base = 1;
    for (const [field, weight] of VECTORS[vector]) {
      const list = tokensOf(field);
      list.forEach((token, i) => {
        if (!token.term || Buffer.byteLength(token.term) > MAX_LEXEME_BYTES) return;
        const at = positions.get(token.term) ?? [];
        if (at.length < MAX_POSITIONS) at.push(`${Math.min(base + i, MAX_POSITION)}${weight}`);
        positions.set(token.term, at);
      });
      base += list.length + 1;
    }
    return positions;
  };
  const all = build('all');
  const text_ = (positions: Map<string, string[]>) => [...positions].map(([term, at]) => `${lexeme(term)}:${at.join(',')}`).join(' ');
  return { all: text_(all), topic: text_(build('topic')), terms: [...all.keys()] };
}

/** Nothing can match (a phrase without a token: FTS5 makes it an EOF node, which matches no row). */
const NOTHING = undefined;

function node(n: QueryNode, vector: Vector, titleOnly: boolean): string | undefined {
  if (n.type === 'or') {
    const parts = n.nodes.map((c) => node(c, vector, titleOnly)).filter((p) => p !== NOTHING);
    return parts.length ? `(${parts.join(' | ')})` : NOTHING;
  }
  const list = terms(n.text).filter(Boolean);
  if (!list.length) return NOTHING;
  // Column filters intersect, as FTS5's do: the title alone within the short-prefix columns is the title.
  const weights = titleOnly ? RESTRICT[vector].title : n.short ? RESTRICT[vector].short : '';
  const operand = (term: string, i: number) => {
    const star = n.prefix && i === list.length - 1 ? '*' : '';
    return `${lexeme(term)}${star || weights ? `:${star}${weights}` : ''}`;
  };
  return list.length === 1 ? operand(list[0], 0) : `(${list.map(operand).join(' <-> ')})`;
}

/**
 * A query as tsquery text for one vector; with `titleOnly`, matching in titles only (FTS5's
 * `title : (…)`). Undefined when it can match nothing.
 */
export function tsquery(query: Query, vector: Vector, titleOnly = false): string | undefined {
  const parts = query.terms.map((t) => node(t, vector, titleOnly));
  if (query.type === 'and') return parts.includes(NOTHING) ? NOTHING : parts.join(' & ');
  const some = parts.filter((p) => p !== NOTHING);
  return some.length ? some.join(' | ') : NOTHING;
}
