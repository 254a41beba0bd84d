/**
 * Highlights and excerpts of search hits, made as FTS5's `highlight()` and `snippet()` make them
 * (sqlite3.c, fts5_aux.c: the coalesced phrase instances, the highlight callback, the sentence
 * finder and the snippet score), so that a store whose engine has no such functions returns the
 * same text with the same marks. The SQLite store gets them from FTS5 itself; the PostgreSQL
 * store from here (PostgreSQL's ts_headline picks and cuts excerpts its own way). A test checks
 * both against each other on the demo content.
 */
import { phrasesOf, type Query } from './search-query.js';
import { terms, tokenize, type Token } from './tokens.js';

/** One phrase of a query as terms (the last one a prefix when `prefix`), and the columns it may match in. */
export interface PhraseTerms {
  terms: string[];
  prefix: boolean;
  /** Only these columns; any column when absent. */
  columns?: readonly string[];
}

/** A match of query phrase `phrase` at token position `pos`, `size` tokens long. */
export interface Instance {
  phrase: number;
  pos: number;
  size: number;
}

/** The phrases of a query with their terms, numbered as FTS5 numbers them (the order they are written). */
export function phraseTerms(query: Query, shortColumns: readonly string[]): PhraseTerms[] {
  return phrasesOf(query).map((p) => ({ terms: terms(p.text), prefix: p.prefix, ...(p.short && { columns: shortColumns }) }));
}

/** Where the phrases match a column's tokens, by position (then phrase), as FTS5's xInst lists them. */
export function instances(phrases: PhraseTerms[], column: string, tokens: Token[]): Instance[] {
  const found: Instance[] = [];
  phrases.forEach((phrase, index) => {
    const n = phrase.terms.length;
    if (n === 0 || (phrase.columns && !phrase.columns.includes(column))) return;
    for (let pos = 0; pos + n <= tokens.length; pos++) {
      let match = true;
      for (let k = 0; k < n && match; k++) {
        const term = tokens[pos + k].term;
        match = k === n - 1 && phrase.prefix ? term.startsWith(phrase.terms[k]) : term === phrase.terms[k];
      }
      if (match) found.push({ phrase: index, pos, size: n });
    }
  });
  return found.sort((a, b) => a.pos - b.pos || a.phrase - b.phrase);
}

/** FTS5's coalesced instance iterator: overlapping instances are one match. */
class Coalesced {
  private next = 0;
  start = -1;
  end = -1;

  constructor(private readonly list: Instance[]) {
    this.advance();
  }

  advance() {
    this.start = -1;
    this.end = -1;
    while (this.next < this.list.length) {
      const { pos, size } = this.list[this.next];
      const end = pos - 1 + size;
      if (this.start < 0) {
        this.start = pos;
        this.end = end;
      } else if (pos <= this.end) {
        if (end > this.end) this.end = end;
      } else {
        break;
      }
      this.next++;
    }
  }
}

interface Range {
  start: number;
  end: number;
}

/** FTS5's fts5HighlightCb over every token, with its range (snippets) or without (highlights). */
function mark(text: string, tokens: Token[], list: Instance[], open: string, close: string, range?: Range) {
  const iter = new Coalesced(list);
  if (range) while (iter.start >= 0 && iter.start < range.start) iter.advance();
  let out = '';
  let offset = 0;
  let isOpen = false;
  tokens.forEach((token, pos) => {
    if (range) {
      if (pos < range.start || pos > range.end) return;
      if (range.start && pos === range.start) offset = token.start;
    }
    if (isOpen && (pos <= iter.start || iter.start < 0) && token.start > offset) {
      out += close;
      isOpen = false;
    }
    if (pos === iter.start && !isOpen) {
      out += text.slice(offset, token.start) + open;
      offset = token.start;
      isOpen = true;
    }
    if (pos === iter.end) {
      if (!isOpen) {
        out += open;
        isOpen = true;
      }
      out += text.slice(offset, token.end);
      offset = token.end;
      iter.advance();
    }
    if (range && pos === range.end) {
      if (isOpen) {
        if (iter.start >= 0 && pos >= iter.start) {
          out += text.slice(offset, token.end);
          offset = token.end;
        }
        out += close;
        isOpen = false;
      }
      out += text.slice(offset, token.end);
      offset = token.end;
    }
  });
  if (isOpen) out += close;
  return { out, offset };
}

/** The whole text with every match wrapped in `open` and `close` (FTS5 `highlight()`). */
export function highlight(text: string, tokens: Token[], list: Instance[], open: string, close: string): string {
  const { out, offset } = mark(text, tokens, list, open, close);
  return out + text.slice(offset);
}

/** Tokens that begin a sentence: the first, and each after a `.` or `:` and white space. */
function sentenceStarts(text: string, tokens: Token[]): number[] {
  return tokens.flatMap((token, pos) => {
    if (pos === 0) return [0];
    let i = token.start - 1;
    let c = '';
    for (; i >= 0; i--) {
      c = text[i];
      if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') break;
    }
    return i !== token.start - 1 && (c === '.' || c === ':') ? [pos] : [];
  });
}

/** FTS5's fts5SnippetScore: 1000 per phrase first seen in the window, 1 per repeat, and the window centred on them. */
function score(list: Instance[], size: number, from: number, length: number) {
  const seen = new Set<number>();
  let total = 0;
  let first = -1;
  let last = 0;
  for (const inst of list) {
    if (inst.pos < from || inst.pos >= from + length) continue;
    total += seen.has(inst.phrase) ? 1 : 1000;
    seen.add(inst.phrase);
    if (first < 0) first = inst.pos;
    last = inst.pos + inst.size;
  }
  let adjusted = first - Math.trunc((length - (last - first)) / 2);
  if (adjusted + length > size) adjusted = size - length;
  return { total, start: Math.max(adjusted, 0) };
}

/**
 * An excerpt of at most `length` tokens around the best cluster of matches, with the matches
 * marked and `ellipsis` where text was cut (FTS5 `snippet()` of one column): without a match,
 * the text's start.
 */
export function snippet(
  text: string,
  tokens: Token[],
  list: Instance[],
  open: string,
  close: string,
  ellipsis: string,
  length: number,
): string {
  const size = tokens.length;
  const starts = sentenceStarts(text, tokens);
  let best = 0;
  let bestStart = 0;
  for (const inst of list) {
    const window = score(list, size, inst.pos, length);
    if (window.total > best) {
      best = window.total;
      bestStart = window.start;
    }
    if (starts.length && size > length) {
      let j = 0;
      for (; j < starts.length - 1; j++) if (starts[j + 1] > inst.pos) break;
      if (starts[j] < inst.pos) {
        const sentence = score(list, size, starts[j], length).total + (starts[j] === 0 ? 120 : 100);
        if (sentence > best) {
          best = sentence;
          bestStart = starts[j];
        }
      }
    }
  }
  const range = { start: bestStart, end: bestStart + length - 1 };
  const { out, offset } = mark(text, tokens, list, open, close, range);
  return (bestStart > 0 ? ellipsis : '') + out + (range.end >= size - 1 ? text.slice(offset) : ellipsis);
}

/** A text with its tokens, tokenized once for a highlight and a snippet. */
export function column(text: string) {
  return { text, tokens: tokenize(text) };
}
