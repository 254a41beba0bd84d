/**
 * The highlights and excerpts the PostgreSQL store makes (shared/highlight.ts, on the terms of
 * shared/tokens.ts) are FTS5's: for many queries over the demo content, every matching path's
 * title highlight and summary and step-text snippets are compared with FTS5's highlight() and
 * snippet() of the same query.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { MARK_END, MARK_START } from '../../src/protocol/api.js';
import { importFolder } from '../content/import.js';
import { column, highlight, instances, phraseTerms, snippet } from '../store/shared/highlight.js';
import { SHORT_PREFIX_COLUMNS, searchQueries } from '../store/shared/search-query.js';
import { ELLIPSIS, SNIPPET_TOKENS } from '../store/shared/search.js';
import { renderMatch } from '../store/sqlite/fts.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { DEFAULT_DEMO_CONTENT } from '../test-server.js';

test('shared highlights and snippets are FTS5’s, mark for mark', async () => {
  const store = new SqliteStore(':memory:');
  try {
    await store.migrate();
    await store.createTenant('demo', 'Demo');
    assert.ok((await importFolder(store, 'demo', new URL(`../../${DEFAULT_DEMO_CONTENT}`, import.meta.url).pathname, { replace: true })).ok);
    const { rows: texts } = await sql<{ text: string }>`SELECT title || ' ' || summary || ' ' || body AS text FROM paths_fts`.execute(store.db);
    const words = [...new Set(texts.flatMap((r) => r.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []))].sort();
    // Words, prefixes of them and pairs, typed and finished, and the hyphen and prefix cases.
    const queries = ['res', 'wi-fi', 'wifi', 'wi-f', 'reset the hub wi', 'bat', 'batt', 'the', 'e-mail', 'cafe'];
    for (let i = 0; i < 60; i++) {
      const a = words[(i * 7919) % words.length];
      const b = words[(i * 104729 + 13) % words.length];
      queries.push(a, `${a} `, a.slice(0, Math.max(2, a.length - 2)), `${a} ${b}`, `${b} ${a.slice(0, 3)}`);
    }
    let compared = 0;
    for (const text of queries) {
      const built = await searchQueries(text);
      for (const query of built ? [built.all, built.any] : []) {
        const { rows } = await sql<{ title: string; summary: string; body: string; th: string; ss: string; bs: string }>`
          SELECT title, summary, body, highlight(paths_fts, 0, ${MARK_START}, ${MARK_END}) AS th,
            snippet(paths_fts, 1, ${MARK_START}, ${MARK_END}, ${ELLIPSIS}, ${SNIPPET_TOKENS}) AS ss,
            snippet(paths_fts, 4, ${MARK_START}, ${MARK_END}, ${ELLIPSIS}, ${SNIPPET_TOKENS}) AS bs
          FROM paths_fts WHERE paths_fts MATCH ${renderMatch(query)}`.execute(store.db);
        const phrases = phraseTerms(query, SHORT_PREFIX_COLUMNS);
        for (const row of rows) {
          const [title, summary, body] = [column(row.title), column(row.summary), column(row.body)];
          const excerpt = (name: string, c: typeof title) => snippet(c.text, c.tokens, instances(phrases, name, c.tokens), MARK_START, MARK_END, ELLIPSIS, SNIPPET_TOKENS);
          assert.equal(highlight(title.text, title.tokens, instances(phrases, 'title', title.tokens), MARK_START, MARK_END), row.th, `${text}: title`);
          assert.equal(excerpt('summary', summary), row.ss, `${text}: summary`);
          assert.equal(excerpt('body', body), row.bs, `${text}: body`);
          compared++;
        }
      }
    }
    assert.ok(compared > 1000, `${compared} rows compared`);
  } finally {
    await store.close();
  }
});
