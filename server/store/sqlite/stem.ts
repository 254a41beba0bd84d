/**
 * FTS5's own porter stemmer for single words, so the query side knows what FTS5 will make of a
 * typed prefix (`res` becomes `re`, `reset` stays). There is no SQL function for it: the word is
 * indexed in a one-column FTS5 table of a private in-memory database, and its term read back
 * through fts5vocab. The tokenizer must be the one of `paths_fts`.
 */
import Database from 'better-sqlite3';

const TOKENIZE = 'porter unicode61 remove_diacritics 2';
/** Stems kept; typing sends the same few prefixes again and again. */
const CACHE_SIZE = 5000;

let probe: { stem(word: string): string | undefined } | undefined;
const cache = new Map<string, string | undefined>();

function openProbe() {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE probe USING fts5(word, tokenize = '${TOKENIZE}');
    CREATE VIRTUAL TABLE probe_terms USING fts5vocab(probe, 'instance');`);
  const insert = db.prepare('INSERT INTO probe (rowid, word) VALUES (1, ?)');
  const terms = db.prepare('SELECT term FROM probe_terms').pluck();
  const clear = db.prepare('DELETE FROM probe');
  return {
    stem(word: string) {
      insert.run(word);
      try {
        const found = terms.all() as string[];
        return found.length === 1 ? found[0] : undefined;
      } finally {
        clear.run();
      }
    },
  };
}

/** The index term FTS5 makes of one word; undefined when the word is not exactly one token. */
export function stem(word: string): string | undefined {
  if (cache.has(word)) return cache.get(word);
  probe ??= openProbe();
  const term = probe.stem(word);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(word, term);
  return term;
}
