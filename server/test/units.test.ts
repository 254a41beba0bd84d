import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Migrator } from 'kysely';
import { invalidJsonOffset, positionOf } from '../content/json-position.js';
import { migrationProvider } from '../store/migrations/index.js';
import { ftsQueries } from '../store/sqlite/fts.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { htmlToText, words } from '../text.js';

describe('invalid JSON positions', () => {
  test('point at the first character that breaks the JSON', () => {
    const cases: [string, number][] = [
      ['{"a": 1,\n "b": }', 15],
      ['[1, 2,]', 6],
      ['{"a" 1}', 5],
      ['"open', 5],
      ['{"x": tru}', 6],
      ['{} extra', 3],
      ['', 0],
      ['"bad \\q escape"', 6],
      ['"bad \\u12G4 escape"', 6],
      ['"tab\there"', 4],
    ];
    for (const [text, offset] of cases) assert.equal(invalidJsonOffset(text), offset, JSON.stringify(text));
    assert.deepEqual(positionOf('{\n  "a": }', 9), { line: 2, column: 8 });
  });

  test('valid JSON, escapes included, has no error offset', () => {
    for (const text of ['{"a":[1,-2.5e3,{"b":null}],"c":true}', '"\\u00e9\\n\\"\\\\\\/"', ' [ ] ', '0']) {
      assert.equal(invalidJsonOffset(text), -1, text);
    }
  });
});

describe('text for the search index', () => {
  test('HTML becomes its readable text: no scripts, styles, comments or tags; entities decoded', () => {
    const html = '<p>Fish &amp; chips&nbsp;&lt;3 &#233;&#x41; &bogus; &#0;</p><script>alert("x")</script><style>p{}</style><!-- note --><b>bold</b>';
    assert.equal(htmlToText(html), 'Fish & chips <3 éA &bogus; bold');
  });

  test('words are lower-cased runs of letters and digits, in any script', () => {
    assert.deepEqual(words('Reset the LightBulb™, Wi‑Fi 6 — Ωμέγα 中文'), ['reset', 'the', 'lightbulb', 'wi', 'fi', '6', 'ωμέγα', '中文']);
  });

  test('FTS queries quote every word and make the last one a prefix while typing', () => {
    assert.deepEqual(ftsQueries('reset bu'), { all: '"reset" "bu"*', any: '"reset" OR "bu"*' });
    assert.deepEqual(ftsQueries('reset bulb '), { all: '"reset" "bulb"', any: '"reset" OR "bulb"' });
    assert.deepEqual(ftsQueries('NEAR("a" * b)'), { all: '"near" "a" "b"*', any: '"near" OR "a" OR "b"*' });
    assert.equal(ftsQueries('*** "" ()'), undefined);
  });
});

describe('migrations', () => {
  test('the schema rolls back completely and applies again', async () => {
    const store = new SqliteStore(':memory:');
    try {
      assert.deepEqual(await store.migrate(), ['0001_initial']);
      assert.deepEqual(await store.migrate(), []);
      const migrator = new Migrator({ db: store.db, provider: migrationProvider });
      const down = await migrator.migrateDown();
      assert.equal(down.error, undefined);
      const tables = await store.db.introspection.getTables();
      assert.deepEqual(tables.map((t) => t.name).filter((n) => !n.startsWith('kysely_')), []);
      assert.deepEqual(await store.migrate(), ['0001_initial']);
    } finally {
      await store.close();
    }
  });
});
