import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Migrator, sql } from 'kysely';
import { LIMITS, MARK_END, MARK_START, splitHighlights, stripHighlights } from '../../src/protocol/api.js';
import { ROUTES } from '../../src/protocol/routes.js';
import { issueToken } from '../auth.js';
import { importFolder } from '../content/import.js';
import { migrationProvider } from '../store/migrations/index.js';
import { importContent } from '../store/sqlite/content.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { FIXTURE_CONTENT, startTestServer, type TestServer } from '../test-server.js';
import { client, contentFolder } from './helpers.js';
import { engines, serverDatabase } from './store-engines.js';

/** Paths for the search-quality cases: hyphenated words, and r-words that are not `res…`. */
const path = (id: string, title: string, summary: string, body: string, tags: string[] = []) => ({
  id,
  title,
  summary,
  category: 'help',
  tags,
  helpIds: [] as string[],
  audience: 'all',
  steps: [{ id: 'only', title: 'Do this', body: `<p>${body}</p>` }],
});
const QUALITY_CONTENT = {
  'categories.json': [{ id: 'help', name: 'Help', description: 'Help.' }],
  'wifi-router.json': path('wifi-router', 'Move to a new Wi-Fi router', 'Reconnect each device after a router change.', 'Open the app and pick the new network.', ['Wi-Fi']),
  'wifi-body.json': path('wifi-body', 'Camera is offline', 'Get the camera back online.', 'Check the Wi&#8209;Fi signal next to the camera.'),
  'wifi-solid.json': path('wifi-solid', 'WiFi requirements', 'Which bands work.', 'Use 2.4 GHz.'),
  'email.json': path('email', 'Change your e-mail address', 'Sign-in moves to the new address.', 'Confirm the link we send.'),
  'two-step.json': path('two-step', 'Turn on two-step verification', 'A code on top of the password.', 'Scan the code with an authenticator app, then restart it.'),
  'reset-router.json': path('reset-router', 'Reset the router', 'When its lights stay red.', 'Hold the button for ten seconds.'),
  'replace-filter.json': path('replace-filter', 'Replace the filter', 'Remove the old filter and fit a new one.', 'Rinse the frame first.'),
  'battery.json': path('battery', 'Battery runs out fast', 'Why a battery drains.', 'Lower the brightness, then charge it overnight.'),
  'keep-dry.json': path('keep-dry', 'Keep devices dry', 'Moisture and electronics.', 'Do not mount a sensor in the bathroom or leave the charger outside. Wipe off any residue.'),
};

// The search route on each store engine (the index tests below are SQLite's own).
for (const engine of engines) {
  describe(engine.name, () => {
    let server: TestServer;
    let demo: ReturnType<typeof client>;
    let other: ReturnType<typeof client>;
    let quality: ReturnType<typeof client>;
    before(async () => {
      server = await startTestServer({ demoContent: FIXTURE_CONTENT.demo, database: await serverDatabase(engine) });
      demo = client(server.url, server.tokens.demo);
      other = client(server.url, server.tokens.other);
      await server.store.createTenant('quality', 'Quality');
      const imported = await importFolder(server.store, 'quality', await contentFolder(QUALITY_CONTENT), { replace: true });
      assert.ok(imported.ok);
      const { jwt } = await issueToken(server.store, { tenantId: 'quality', name: 'quality', version: '1.0' });
      quality = client(server.url, jwt);
    });
    after(() => server.close());

    const search = async (q: string, query: Record<string, string | number> = {}, as = demo) => {
      const res = await as.get(ROUTES.search, { q, ...query });
      assert.equal(res.status, 200, `${q}: ${JSON.stringify(res.body)}`);
      return res.body as {
        query: string;
        items: { id: string; title: string; summary: string; titleHighlight: string; snippet: string; score: number }[];
      };
    };
    const searchQuality = (q: string) => search(q, {}, quality);
    const ids = (result: { items: { id: string }[] }) => result.items.map((i) => i.id);

    describe('GET search', () => {
      test('title matches rank above matches elsewhere, with positive scores, best first', async () => {
        const result = await search('hub');
        assert.equal(result.query, 'hub');
        assert.deepEqual(new Set(ids(result).slice(0, 2)), new Set(['connect-devices-to-hub', 'reset-hub-wifi']));
        assert.ok(ids(result).includes('connect-smart-bulb'), 'a summary match is found too');
        const scores = result.items.map((i) => i.score);
        assert.ok(scores.every((s) => s > 0));
        assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
      });

      test('the last word is a prefix while typing: "res" finds the reset paths first', async () => {
        const result = await search('res');
        assert.deepEqual(new Set(ids(result).slice(0, 2)), new Set(['reset-smart-bulb', 'reset-hub-wifi']));
        // Stop words carry no topic: "how to res" finds what "res" finds.
        assert.deepEqual(new Set(ids(await search('how to res'))), new Set(ids(result)));
      });

      test('a finished word (trailing space) is not a prefix', async () => {
        assert.deepEqual(new Set(ids(await search('reset '))), new Set(['reset-smart-bulb', 'reset-hub-wifi']));
      });

      test('highlights wrap the matched words in MARK_START / MARK_END', async () => {
        const [hit] = (await search('reset bulb')).items;
        assert.equal(hit.titleHighlight, `How to ${MARK_START}reset${MARK_END} a Smart ${MARK_START}Bulb${MARK_END}`);
        assert.deepEqual(
          splitHighlights(hit.titleHighlight).filter((s) => s.match).map((s) => s.text),
          ['reset', 'Bulb'],
        );
        assert.ok(hit.snippet.includes(`${MARK_START}bulb${MARK_END}`), hit.snippet);
      });

      test('the snippet comes from the body when the summary does not match, else is the summary', async () => {
        const [cafe] = (await search('cafe')).items;
        assert.match(stripHighlights(cafe.snippet), /Café/);
        assert.ok(cafe.snippet.includes(MARK_START));
        const wifi = (await search('wi-fi')).items.find((i) => i.id === 'reset-hub-wifi')!;
        assert.equal(wifi.titleHighlight, `Reset the hub ${MARK_START}Wi-Fi${MARK_END} password`);
        assert.equal(wifi.snippet, 'Connect the hub to a router whose password has changed.');
      });

      test('all words must match; when none has them all, any word does', async () => {
        assert.deepEqual(ids(await search('reset bulb')), ['reset-smart-bulb']);
        const fallback = ids(await search('thermostat xyzzy'));
        assert.deepEqual(new Set(fallback.slice(0, 2)), new Set(['thermostat-battery', 'heating-schedule']));
        assert.ok(fallback.includes('connect-devices-to-hub'), 'its summary names thermostats');
      });

      test('stems, diacritics, tags and help-ids are searchable', async () => {
        assert.deepEqual(ids(await search('batteries')), ['thermostat-battery']);
        assert.deepEqual(ids(await search('CAFÉ')), ['connect-smart-bulb']);
        assert.deepEqual(ids(await search('quick-setup')), ['connect-devices-to-hub']);
        assert.ok(ids(await search('lightbulb')).includes('reset-smart-bulb'));
      });

      test('tags filter any of, case-insensitively', async () => {
        assert.deepEqual(ids(await search('reset', { tags: 'HUB' })), ['reset-hub-wifi']);
        assert.deepEqual(new Set(ids(await search('reset', { tags: 'hub,lightbulb' }))), new Set(['reset-smart-bulb', 'reset-hub-wifi']));
        const bad = await demo.get(ROUTES.search, { q: 'reset', tags: 'a;b' });
        assert.equal(bad.status, 400);
        assert.equal(bad.body.error.details[0].path, 'querystring/tags');
      });

      test('audience: consumer means consumer and all, all means only all, agent is forbidden to app tokens', async () => {
        const forConsumers = ids(await search('bulb', { audience: 'consumer' }));
        assert.ok(forConsumers.includes('connect-smart-bulb') && forConsumers.includes('reset-smart-bulb'));
        assert.deepEqual(new Set(ids(await search('bulb', { audience: 'all' }))), new Set(['reset-smart-bulb', 'connect-devices-to-hub']));
        const agent = await demo.get(ROUTES.search, { q: 'bulb', audience: 'agent' });
        assert.equal(agent.status, 403);
        assert.equal(agent.body.error.code, 'forbidden');
        assert.deepEqual(ids(await search('firmware')), [], 'agent-only paths never show up for an app token');
      });

      test('limit caps the hits', async () => {
        assert.equal((await search('the', { limit: 2 })).items.length, 2);
      });

      test('hostile or odd query text never fails: FTS syntax in the input is plain text', async () => {
        const queries = [
          '"', '""', '"reset', "'", '*', '**', 'reset*', '-reset', '+reset', '(', ')', '(reset', 'NEAR(reset bulb)',
          'NEAR', 'AND', 'OR', 'NOT', 'reset OR', 'reset AND NOT bulb', 'title:reset', '{title summary}: reset', '^reset',
          'col:', ':', '\\', '%', '_', ';--', "'; DROP TABLE paths; --", '😀', '🔥 reset', 'ñandú', '中文字符', 'Ωμέγα',
          'e\u0301', '\u0301', 'a \u0301', '\u0301 reset', '\u200b', '\u0000', MARK_START, `${MARK_START}reset${MARK_END}`, ' ', '   \t ', '.', '…', 'a'.repeat(LIMITS.maxQueryLength),
          'reset '.repeat(33), '0', '-1', '1e309', 'NaN', '<script>alert(1)</script>', '%00', '%22', '\ud800',
        ];
        for (const q of queries) {
          const res = await demo.get(ROUTES.search, { q });
          assert.equal(res.status, 200, `${JSON.stringify(q)} -> ${res.status} ${JSON.stringify(res.body)}`);
          assert.ok(Array.isArray(res.body.items));
        }
        assert.deepEqual(ids(await search('"reset')), ids(await search('reset')));
        assert.equal(ids(await search('NEAR(reset bulb)'))[0], 'reset-smart-bulb');
      });

      test('a typed prefix is not stemmed: "res" finds reset, restart and restore, never replace or remove alone', async () => {
        const res = ids(await search('res'));
        assert.ok(res.includes('reset-smart-bulb') && res.includes('reset-hub-wifi'));
        assert.ok(!res.includes('thermostat-battery'), 'its r-words are only "replace" and "remove"');
        assert.deepEqual(ids(await searchQuality('rest')), ['two-step'], '"restart"');
        const short = ids(await searchQuality('re'));
        assert.ok(short.includes('reset-router') && short.includes('replace-filter'), 'porter leaves "re" alone: any re- word');
        for (const q of ['rese', 'reset', 'resetting', 'reset ']) {
          assert.deepEqual(new Set(ids(await search(q))), new Set(['reset-smart-bulb', 'reset-hub-wifi']), q);
        }
        assert.deepEqual(new Set(ids(await searchQuality('charge'))), new Set(['battery', 'keep-dry']), 'the whole word too, not only "charger"');
        assert.deepEqual(ids(await search('batteries')), ['thermostat-battery'], 'a word typed past its stem falls back to the prefix');
      });

      test('the completed terms are highlighted in titles and snippets', async () => {
        const bulb = (await search('res')).items.find((i) => i.id === 'reset-smart-bulb')!;
        assert.equal(bulb.titleHighlight, `How to ${MARK_START}reset${MARK_END} a Smart Bulb`);
        assert.ok(bulb.snippet.startsWith(`${MARK_START}Restore${MARK_END} a bulb`), bulb.snippet);
        assert.ok(bulb.snippet.includes(`stops ${MARK_START}responding${MARK_END}`), bulb.snippet);
        const [hub] = (await search('reset the hub wi')).items;
        assert.equal(hub.titleHighlight, `${MARK_START}Reset${MARK_END} the ${MARK_START}hub${MARK_END} ${MARK_START}Wi${MARK_END}-Fi password`);
      });

      test('a title match of a completed prefix ranks above rarer completions in the text', async () => {
        // bm25 gives each completion its own idf: alone, the rare `residue` and `restart` would come first.
        const hits = (await searchQuality('res')).items;
        assert.equal(hits[0].id, 'reset-router');
        assert.deepEqual(new Set(ids({ items: hits })), new Set(['reset-router', 'keep-dry', 'two-step']));
        const scores = hits.map((i) => i.score);
        assert.ok(scores.every((s) => s > 0));
        assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
        assert.deepEqual(ids(await searchQuality('bat')), ['battery', 'keep-dry'], 'a plain prefix ranks by bm25 alone');
      });

      test('hyphenated words are found written with or without the hyphen', async () => {
        const wifi = ['wifi-router', 'wifi-body', 'wifi-solid'];
        for (const q of ['wifi', 'WiFi', 'wi-fi', 'Wi-Fi ', 'wif', 'wi-f', 'wi\u2011fi']) {
          assert.deepEqual(new Set(ids(await searchQuality(q))), new Set(wifi), q);
        }
        assert.ok(ids(await search('wifi')).includes('reset-hub-wifi'));
        for (const q of ['email', 'e-mail', 'emai', 'e-mail address']) assert.deepEqual(ids(await searchQuality(q)), ['email'], q);
        for (const q of ['twostep', 'two-step', 'twost', 'two-step verification ']) assert.deepEqual(ids(await searchQuality(q)), ['two-step'], q);
        assert.deepEqual(ids(await searchQuality('signin')), ['email'], '"Sign-in" in the summary');
        assert.deepEqual(ids(await search('twofactor', {}, other)), ['reset-two-factor']);
      });

      test('the joined forms are never shown: titles and snippets are the content as written', async () => {
        for (const q of ['wifi', 'email', 'twostep']) {
          for (const hit of (await searchQuality(q)).items) {
            assert.equal(stripHighlights(hit.titleHighlight), hit.title, q);
            assert.ok(!/wifi|email|twostep/i.test(stripHighlights(hit.snippet)) || hit.id === 'wifi-solid', `${q}: ${hit.snippet}`);
          }
        }
        const [router] = (await searchQuality('wi-fi')).items.filter((i) => i.id === 'wifi-router');
        assert.equal(router.titleHighlight, `Move to a new ${MARK_START}Wi-Fi${MARK_END} router`);
        const [body] = (await searchQuality('wi-fi')).items.filter((i) => i.id === 'wifi-body');
        assert.ok(body.snippet.includes(`${MARK_START}Wi\u2011Fi${MARK_END} signal`), body.snippet);
      });

      test('completions and hyphen forms stay inside the tenant', async () => {
        // The vocabulary is shared by all tenants; another tenant's words match nothing here.
        for (const q of ['two-factor', 'twofactor', 'twofa', 'paym', 'wifi-r', 'bathr']) {
          assert.deepEqual(ids(await search(q)), [], `demo: ${q}`);
        }
        assert.deepEqual(ids(await search('paym', {}, other)), ['update-payment-card']);
        assert.deepEqual(ids(await search('res', {}, other)), ['reset-two-factor'], 'not "Replace the card"');
        assert.ok(!ids(await search('res')).includes('reset-two-factor'));
        assert.deepEqual(ids(await searchQuality('bulb')), []);
      });

      test('hostile text around hyphens and prefixes never fails', async () => {
        const queries = [
          '-', '--', '- -', 'wi--fi', '-wi-fi-', 'wi-"fi', 'wi-fi*', '"wi-fi"', 'wi-(fi', 'a-'.repeat(100), '\u2010\u2011', 'res*', 'res"',
          'aliases: wifi', '{aliases}: wifi', 'title : res', 'aliases', 'rowid', 'paths_fts', '\u0301-\u0301', 'é-é', '中文-字符', '\u{10ffff}',
          'a\u{10ffff}', 'z'.repeat(200), 'res '.repeat(40).trim(), 'r-e-s-e-t',
        ];
        for (const q of queries) {
          const res = await quality.get(ROUTES.search, { q });
          assert.equal(res.status, 200, `${JSON.stringify(q)} -> ${res.status} ${JSON.stringify(res.body)}`);
          assert.ok(Array.isArray(res.body.items));
        }
        for (const q of ['aliases: wifi', '{aliases}: wifi', 'aliases : wifi']) {
          assert.deepEqual(ids(await searchQuality(q)), ids(await searchQuality('aliases wifi')), `${q}: column names are plain words`);
        }
      });

      test('q is required and at most LIMITS.maxQueryLength characters', async () => {
        for (const query of [{}, { q: '' }, { q: 'a'.repeat(LIMITS.maxQueryLength + 1) }] as Record<string, string>[]) {
          const res = await demo.get(ROUTES.search, query);
          assert.equal(res.status, 400);
          assert.equal(res.body.error.details[0].path, 'querystring/q');
        }
      });

      test('a prefix longer than the prefix index highlights as a short one does', async () => {
        // `"batt"*` is read through the matches, `"bat"*` row by row (see `present`): the same marks.
        for (const q of ['bat', 'batt', 'batte']) {
          const [battery] = (await searchQuality(q)).items;
          assert.equal(battery.titleHighlight, `${MARK_START}Battery${MARK_END} runs out fast`, q);
          assert.equal(battery.snippet, `Why a ${MARK_START}battery${MARK_END} drains.`, q);
        }
      });
    });
  });
}

describe('search indexes', () => {
  const bundle = (paths: ReturnType<typeof path>[]) => ({
    categories: [{ id: 'help', name: 'Help', description: 'Help.' }],
    paths: paths as never[],
  });
  const router = { ...path('router', 'Reset the Wi-Fi router', 'When the lights stay red.', 'Hold the button.', ['Set-up']), helpIds: ['router-help'] };
  const filter = { ...path('filter', 'Replace the filter', 'Remove the old one.', 'Rinse the frame.'), audience: 'consumer' };
  const query = (text: string, audiences: ('consumer' | 'agent' | 'all')[] = ['consumer', 'all']) => ({ text, tags: [], audiences, limit: 8 });

  /** Rows of the topic index a MATCH finds, as path ids. */
  const topic = (store: SqliteStore, match: string) =>
    sql<{ id: string }>`SELECT p.id FROM paths_fts_topic JOIN paths p ON p.pk = paths_fts_topic.rowid
      WHERE paths_fts_topic MATCH ${match} ORDER BY p.id`.execute(store.db).then((r) => r.rows.map((row) => row.id));
  /** `path_filter` and what it mirrors, which must be the same. */
  const filterRows = async (store: SqliteStore) => [
    (await sql`SELECT pk, tenant_id, audience, id, title FROM path_filter ORDER BY pk`.execute(store.db)).rows,
    (await sql`SELECT pk, tenant_id, audience, id, title FROM paths ORDER BY pk`.execute(store.db)).rows,
  ];
  const integrity = async (store: SqliteStore) => {
    for (const table of ['paths_fts', 'paths_fts_topic']) {
      await sql.raw(`INSERT INTO ${table} (${table}) VALUES ('integrity-check')`).execute(store.db);
    }
  };

  test('the topic index and the filter table follow every write of paths', async () => {
    const store = new SqliteStore(':memory:');
    try {
      await store.migrate();
      await store.createTenant('t', 'T');
      await store.importContent('t', bundle([router, filter]), { replace: true });
      const [mirror, paths] = await filterRows(store);
      assert.equal(paths.length, 2);
      assert.deepEqual(mirror, paths);
      assert.deepEqual(await topic(store, 'title_aliases : wifi'), ['router'], 'Wi-Fi joined, in the title aliases');
      assert.deepEqual(await topic(store, 'title_aliases : setup'), ['router'], 'and the tags');
      assert.deepEqual(await topic(store, 'help_ids : "router help"'), ['router']);
      assert.deepEqual(await topic(store, 'rinse'), [], 'no step text');
      assert.deepEqual((await store.search('t', query('wifi'))).map((h) => h.id), ['router']);

      // A re-import changes a title and an audience and drops a path.
      const moved = { ...router, title: 'Replace the thermostat battery', tags: [], audience: 'agent' };
      await store.importContent('t', bundle([moved]), { replace: true });
      const [mirror2, paths2] = await filterRows(store);
      assert.equal(paths2.length, 1);
      assert.deepEqual(mirror2, paths2);
      assert.deepEqual(await topic(store, 'wifi OR reset OR setup OR filter'), []);
      assert.deepEqual(await topic(store, 'thermostat'), ['router']);
      assert.deepEqual(await store.search('t', query('thermostat')), [], 'now for agents only');
      assert.deepEqual((await store.search('t', query('thermostat', ['agent', 'all']))).map((h) => h.id), ['router']);
      assert.deepEqual(await store.search('t', query('filter', ['consumer', 'agent', 'all'])), []);
      await integrity(store);
    } finally {
      await store.close();
    }
  });

  test('0005 indexes the paths already there, and rolls back', async () => {
    const store = new SqliteStore(':memory:');
    const indexes = () =>
      sql<{ name: string }>`SELECT name FROM sqlite_master WHERE name IN ('paths_rank', 'path_filter', 'paths_fts_topic')
        OR name GLOB 'paths_search_*' ORDER BY name`.execute(store.db).then((r) => r.rows.map((row) => row.name));
    try {
      const migrator = new Migrator({ db: store.db, provider: migrationProvider });
      assert.equal((await migrator.migrateTo('0004_live')).error, undefined);
      await store.createTenant('t', 'T');
      await importContent(store.db, 't', bundle([router, filter]), { replace: true });
      assert.deepEqual(await indexes(), ['paths_rank']);

      assert.equal((await migrator.migrateTo('0005_search_tiers')).error, undefined);
      assert.deepEqual(await indexes(), ['path_filter', 'paths_fts_topic', 'paths_search_delete', 'paths_search_insert', 'paths_search_update']);
      const [mirror, paths] = await filterRows(store);
      assert.deepEqual(mirror, paths);
      assert.deepEqual(await topic(store, 'wifi'), ['router']);
      assert.deepEqual(await topic(store, 'filter'), ['filter']);
      assert.deepEqual((await store.search('t', query('re'))).map((h) => h.id).sort(), ['filter', 'router']);
      await integrity(store);

      assert.equal((await migrator.migrateDown()).error, undefined);
      assert.deepEqual(await indexes(), ['paths_rank']);
    } finally {
      await store.close();
    }
  });
});
