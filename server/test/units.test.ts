import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { migrationsFrom } from './helpers.js';
import { Migrator, NO_MIGRATIONS, sql } from 'kysely';
import { invalidJsonOffset, positionOf } from '../content/json-position.js';
import { migrationProvider } from '../store/migrations/index.js';
import { ftsQueries, prefixRange } from '../store/sqlite/fts.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { compounds, htmlToText, hyphenAliases, words } from '../text.js';

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

  test('compounds keep the parts of hyphenated words together; aliases are those words without hyphens', () => {
    const text = 'Reset the Wi-Fi (e\u2011mail, out-of-warranty) - a -b c- USB-C--port';
    assert.deepEqual(compounds(text), [
      ['reset'], ['the'], ['wi', 'fi'], ['e', 'mail'], ['out', 'of', 'warranty'], ['a'], ['b'], ['c'], ['usb', 'c'], ['port'],
    ]);
    assert.deepEqual(compounds(text).flat(), words(text));
    assert.equal(hyphenAliases(text), 'WiFi email outofwarranty USBC');
    assert.equal(hyphenAliases('Two-', 'step'), '', 'a compound never spans two texts');
    assert.equal(hyphenAliases('no hyphens here'), '');
  });

  test('FTS queries quote every word and make the last one a prefix while typing', async () => {
    const completed = false;
    const short = '{title tags help_ids} : ';
    assert.deepEqual(await ftsQueries('reset bu'), { all: `"reset" AND ${short}"bu"*`, any: `"reset" OR ${short}"bu"*`, completed });
    assert.deepEqual(await ftsQueries('reset bul'), { all: '"reset" AND "bul"*', any: '"reset" OR "bul"*', completed });
    assert.deepEqual(await ftsQueries('reset bulb '), { all: '"reset" AND "bulb"', any: '"reset" OR "bulb"', completed });
    assert.deepEqual(await ftsQueries('NEAR("a" * b)'), { all: `"near" AND ${short}"b"*`, any: `"near" OR ${short}"b"*`, completed });
    assert.equal(await ftsQueries('*** "" ()'), undefined);
    const many = await ftsQueries('w-'.repeat(40));
    assert.equal(many?.all, `("${Array(16).fill('w').join(' ')}"* OR "${'w'.repeat(16)}"*)`, 'at most 16 words, parts included');
  });

  test('a typed prefix that porter would change becomes the index terms that begin with it', async () => {
    const asked: string[] = [];
    const vocabulary = ['reset', 'resettabl', 'restart', 'respons', 'batteri', 'charger', 'wifi'];
    const complete = async (prefix: string) => {
      asked.push(prefix);
      return vocabulary.filter((t) => t.startsWith(prefix));
    };
    const all = async (text: string) => (await ftsQueries(text, complete))?.all;
    // Terms porter leaves alone are searched exactly; `respons` (porter makes it `respon`) stays a
    // prefix. `res` stems to `re`, too short to search as a word.
    assert.equal(await all('how to res'), '("reset" OR "resettabl" OR "restart" OR "respons"*)', 'whole stop words are left out');
    assert.equal(await all('batte'), '("batte" OR "batteri")', '"batte" stems to "batt"');
    assert.equal(await all('charge'), '("charge" OR "charger")', 'a word typed to its end also matches as a whole word');
    assert.equal(await all('resetting'), '"resetting"*', 'no term begins with it: the plain prefix');
    assert.deepEqual(asked, ['res', 'batte', 'charge', 'resetting']);
    asked.length = 0;
    for (const text of ['rese', 'reset', 'wif', 'caf', 'café']) {
      assert.equal(await all(text), `"${text}"*`, `porter leaves "${text}" alone: the plain prefix`);
    }
    assert.equal(await all('wi-f'), '("wi f"* OR "wif"*)', 'a hyphenated word: its parts as a phrase, or joined');
    assert.equal(await all('wi-fi '), '("wi fi" OR "wifi")');
    assert.equal(await all('res wifi'), '"res" AND "wifi"*', 'only the last word is completed');
    assert.equal(await all('re'), '{title tags help_ids} : "re"*', 'one or two letters: titles, tags and help-ids only');
    assert.deepEqual(asked, []);
    assert.equal((await ftsQueries('res', complete))?.completed, true);
    assert.equal((await ftsQueries('reset', complete))?.completed, false);
    assert.equal((await ftsQueries('resetting', complete))?.completed, false);
  });

  test('stop words: left out when whole, completed to other words while being typed', async () => {
    const vocabulary = ['the', 'thei', 'theme', 'them', 'thermostat', 'there'];
    const complete = async (prefix: string) => vocabulary.filter((t) => t.startsWith(prefix));
    const all = async (text: string) => (await ftsQueries(text, complete))?.all;
    // `the` as a prefix would match every path; the words it starts are what is being typed.
    assert.equal(await all('the'), '("theme" OR "thermostat")');
    assert.equal(await all('replace the '), '"replace"');
    assert.equal(await all('how to '), '"how" AND "to"', 'nothing but stop words: searched as they are');
    assert.equal(await all('hub the'), '"hub" AND ("theme" OR "thermostat")');
    const none = async () => [] as string[];
    assert.equal((await ftsQueries('the', none))?.all, '{title tags help_ids} : "the"*', 'nothing to complete it to: titles only');
  });

  test('prefix ranges: the prefix, folded as the tokenizer folds, up to its last character plus one', () => {
    assert.deepEqual(prefixRange('res'), { from: 'res', to: 'ret' });
    assert.deepEqual(prefixRange('café'), { from: 'cafe', to: 'caff' });
    assert.deepEqual(prefixRange('ωμέ'), { from: 'ωμέ', to: 'ωμή' }, 'only Latin letters are folded');
    assert.deepEqual(prefixRange('a\ud7ff'), { from: 'a\ud7ff', to: 'a\ue000' });
    assert.deepEqual(prefixRange('a\u{10ffff}'), { from: 'a\u{10ffff}' });
  });
});

describe('migrations', () => {
  test('the schema rolls back completely and applies again', async () => {
    const store = new SqliteStore(':memory:');
    try {
      const all = await migrationsFrom('0001_initial');
      assert.deepEqual(all.slice(0, 4), ['0001_initial', '0002_search_aliases', '0003_search_prefix_index', '0004_live']);
      assert.deepEqual(await store.migrate(), all);
      assert.deepEqual(await store.migrate(), []);
      const migrator = new Migrator({ db: store.db, provider: migrationProvider });
      const down = await migrator.migrateTo(NO_MIGRATIONS);
      assert.equal(down.error, undefined);
      const tables = await store.db.introspection.getTables();
      assert.deepEqual(tables.map((t) => t.name).filter((n) => !n.startsWith('kysely_')), []);
      assert.deepEqual(await store.migrate(), all);
    } finally {
      await store.close();
    }
  });

  test('0002 re-indexes existing search rows with their hyphen aliases, and back', async () => {
    const store = new SqliteStore(':memory:');
    const db = store.db;
    const fts = () => sql<Record<string, unknown>>`SELECT rowid, * FROM paths_fts ORDER BY rowid`.execute(db).then((r) => r.rows);
    const text = { title: 'Reset the hub Wi-Fi', summary: 'After a router change.', tags: 'Hub Wi-Fi', help_ids: 'hub-wifi', body: 'Hold the button. Join NexusHub-Setup.' };
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      assert.equal((await migrator.migrateTo('0001_initial')).error, undefined);
      // More rows than one batch of the copy, with gaps in the rowids.
      const rowids = Array.from({ length: 1201 }, (_, i) => 7 + i * 3);
      for (const rowid of rowids) {
        await sql`INSERT INTO paths_fts (rowid, title, summary, tags, help_ids, body)
          VALUES (${rowid}, ${text.title}, ${text.summary}, ${text.tags}, ${text.help_ids}, ${text.body})`.execute(db);
      }
      assert.equal((await migrator.migrateTo('0002_search_aliases')).error, undefined);
      const aliases = 'WiFi WiFi NexusHubSetup';
      assert.deepEqual(await fts(), rowids.map((rowid) => ({ rowid, ...text, aliases })));
      const found = await sql<{ rowid: number }>`SELECT rowid FROM paths_fts WHERE paths_fts MATCH 'nexushubsetup'`.execute(db);
      assert.deepEqual(found.rows.map((r) => r.rowid), rowids);
      const terms = await sql<{ term: string; doc: number }>`SELECT term, doc FROM paths_fts_vocab WHERE term >= 'wi' AND term < 'wj'`.execute(db);
      assert.deepEqual(terms.rows, [{ term: 'wi', doc: 1201 }, { term: 'wifi', doc: 1201 }]);

      assert.equal((await migrator.migrateDown()).error, undefined);
      assert.deepEqual(await fts(), rowids.map((rowid) => ({ rowid, ...text })));
    } finally {
      await store.close();
    }
  });

  test('0003 rebuilds the search index with prefix indexes and title aliases, keeping every row, and back', async () => {
    const store = new SqliteStore(':memory:');
    const db = store.db;
    const definition = () =>
      sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE name = 'paths_fts'`.execute(db).then((r) => r.rows[0].sql);
    const rows = () => sql<Record<string, unknown>>`SELECT rowid, * FROM paths_fts ORDER BY rowid`.execute(db).then((r) => r.rows);
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      assert.equal((await migrator.migrateTo('0002_search_aliases')).error, undefined);
      for (const rowid of [3, 8, 21]) {
        await sql`INSERT INTO paths_fts (rowid, title, summary, tags, help_ids, body, aliases)
          VALUES (${rowid}, ${`Reset hub ${rowid} Wi-Fi`}, 'Summary', 'Hub Set-up', ${`hub-${rowid}`}, 'Hold the two-step button.', 'WiFi SetUp TwoStep')`.execute(db);
      }
      const before = await rows();
      assert.doesNotMatch(await definition(), /prefix/);
      const applied = await migrator.migrateTo('0003_search_prefix_index');
      assert.deepEqual(applied.results?.map((r) => r.migrationName), ['0003_search_prefix_index']);
      assert.match(await definition(), /prefix = '1 2 3'/);
      // The title and tag compounds, without the step text's (`TwoStep`).
      assert.deepEqual(await rows(), before.map((row) => ({ ...row, title_aliases: 'WiFi Setup' })));
      const found = await sql<{ rowid: number }>`SELECT rowid FROM paths_fts WHERE paths_fts MATCH '"hu"*' ORDER BY rowid`.execute(db);
      assert.deepEqual(found.rows.map((r) => r.rowid), [3, 8, 21]);
      const terms = await sql<{ term: string }>`SELECT term FROM paths_fts_vocab WHERE term >= 'hub' AND term < 'huc'`.execute(db);
      assert.deepEqual(terms.rows.map((r) => r.term), ['hub']);

      assert.equal((await migrator.migrateDown()).error, undefined);
      assert.doesNotMatch(await definition(), /prefix/);
      assert.deepEqual(await rows(), before);
    } finally {
      await store.close();
    }
  });
});
