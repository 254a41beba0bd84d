/**
 * Text as the search index sees it: the tokens of FTS5's `porter unicode61 remove_diacritics 2`
 * tokenizer, with their places in the text. The SQLite store lets FTS5 tokenize; the PostgreSQL
 * store indexes the terms this module gives, so that both engines hold the same terms for the
 * same content, and both build highlights and excerpts from the same token boundaries.
 *
 * Boundaries follow unicode61: a token starts at a letter, a number or a private-use character
 * (Unicode categories L*, N*, Co) and goes on through those and the combining diacritics FTS5
 * folds away (U+0300 to U+0331, see `isDiacritic`). Each token's term is FTS5's own (`stem`):
 * lower-cased, Latin diacritics removed, porter-stemmed.
 */
import { stem, stemAll } from './stem.js';

export interface Token {
  /** The index term: folded and stemmed, as FTS5 stores it. */
  term: string;
  /** UTF-16 offsets of the token in the text (`text.slice(start, end)`). */
  start: number;
  end: number;
}

const TOKEN_START = /[\p{L}\p{N}\p{Co}]/u;

/**
 * The combining marks unicode61 keeps inside a token (and drops from the term): FTS5's
 * `sqlite3Fts5UnicodeIsdiacritic`, code points 768 to 817 with its two bit masks.
 */
export function isDiacritic(code: number): boolean {
  if (code < 768 || code > 817) return false;
  return code < 768 + 32 ? (0x08029fdf & (1 << (code - 768))) !== 0 : (0x000361f8 & (1 << (code - 768 - 32))) !== 0;
}

/** Folds Latin letters with diacritics to their base letter, as the tokenizer does (`café`). */
export function foldLatin(text: string): string {
  return text
    .normalize('NFD')
    .replace(/(\p{Script=Latin})[\u0300-\u036f]+/gu, '$1')
    .normalize('NFC');
}

/** A token's term when FTS5 does not see it as exactly one token (never for the usual scripts). */
const fallbackTerm = (word: string) => foldLatin(word.toLowerCase()).replace(/[\u0300-\u0331]/g, '');

/** The term FTS5 makes of one token's text. */
export const termOf = (word: string) => stem(word) ?? fallbackTerm(word);

/** Whether a code point starts a token: [0-9A-Za-z] in ASCII, else a letter, number or private-use character. */
function isTokenStart(code: number): boolean {
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return TOKEN_START.test(String.fromCodePoint(code));
}

/** Offsets of the tokens of a text, in order (a token's position is its index). */
function spans(text: string): [number, number][] {
  const found: [number, number][] = [];
  let i = 0;
  while (i < text.length) {
    const code = text.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    if (!isTokenStart(code)) {
      i += width;
      continue;
    }
    const start = i;
    i += width;
    while (i < text.length) {
      const next = text.codePointAt(i)!;
      if (!isTokenStart(next) && !isDiacritic(next)) break;
      i += next > 0xffff ? 2 : 1;
    }
    found.push([start, i]);
  }
  return found;
}

/** The tokens of a text, in order (a token's position is its index). */
export function tokenize(text: string): Token[] {
  const found = spans(text);
  const words = found.map(([start, end]) => text.slice(start, end));
  stemAll(words);
  return found.map(([start, end], i) => ({ term: termOf(words[i]), start, end }));
}

/** The terms of a text (a phrase of the query, say), in order. */
export const terms = (text: string) => tokenize(text).map((t) => t.term);
