/**
 * FTS5's own porter stemmer for single words, so the query side knows what FTS5 will make of a
 * typed prefix (`res` becomes `re`, `reset` stays), and the PostgreSQL store indexes the terms
 * FTS5 would (see tokens.ts). There is no SQL function for it: the words are indexed in a
 * one-column FTS5 table of a private in-memory SQLite database, whichever engine the store uses,
 * and their terms read back through fts5vocab. The tokenizer must be the one of `paths_fts`.
 */
import Database from 'better-sqlite3';

const TOKENIZE = 'porter unicode61 remove_diacritics 2';
/** Stems kept: typing sends the same few prefixes again and again, and content repeats its words. */
const CACHE_SIZE = 50_000;

let probe: { stem(words: string[]): (string | undefined)[] } | undefined;
const cache = new Map<string, string | undefined>();

function openProbe() {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE probe USING fts5(word, tokenize = '${TOKENIZE}');
    CREATE VIRTUAL TABLE probe_terms USING fts5vocab(probe, 'instance');`);
  const insert = db.prepare('INSERT INTO probe (rowid, word) VALUES (?, ?)');
  const terms = db.prepare('SELECT doc, term FROM probe_terms');
  const clear = db.prepare('DELETE FROM probe');
  const stemAll = db.transaction((words: string[]) => {
    words.forEach((word, i) => insert.run(i + 1, word));
    try {
      const found = new Map<number, string[]>();
      for (const { doc, term } of terms.all() as { doc: number; term: string }[]) {
        found.set(doc, [...(found.get(doc) ?? []), term]);
      }
      return words.map((_, i) => {
        const list = found.get(i + 1);
        return list?.length === 1 ? list[0] : undefined;
      });
    } finally {
      clear.run();
    }
  });
  return { stem: (words: string[]) => stemAll(words) };
}

function remember(word: string, term: string | undefined) {
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(word, term);
}

/**
 * Stems every word not stemmed lately in one round trip, so that `stem` finds them cached: the
 * tokenizer calls it with all the words of a text first.
 */
export function stemAll(words: string[]): void {
  const missing = [...new Set(words.filter((word) => !cache.has(word)))];
  if (!missing.length) return;
  probe ??= openProbe();
  const found = probe.stem(missing);
  missing.forEach((word, i) => remember(word, found[i]));
}

/** The index term FTS5 makes of one word; undefined when the word is not exactly one token. */
export function stem(word: string): string | undefined {
  if (cache.has(word)) return cache.get(word);
  probe ??= openProbe();
  const [term] = probe.stem([word]);
  remember(word, term);
  return term;
}
