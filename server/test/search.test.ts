import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LIMITS, MARK_END, MARK_START, splitHighlights, stripHighlights } from '../../src/protocol/api.js';
import { ROUTES } from '../../src/protocol/routes.js';
import { FIXTURE_CONTENT, startTestServer, type TestServer } from '../test-server.js';
import { client } from './helpers.js';

let server: TestServer;
let demo: ReturnType<typeof client>;
before(async () => {
  server = await startTestServer({ demoContent: FIXTURE_CONTENT.demo });
  demo = client(server.url, server.tokens.demo);
});
after(() => server.close());

const search = async (q: string, query: Record<string, string | number> = {}) => {
  const res = await demo.get(ROUTES.search, { q, ...query });
  assert.equal(res.status, 200, `${q}: ${JSON.stringify(res.body)}`);
  return res.body as { query: string; items: { id: string; titleHighlight: string; snippet: string; score: number }[] };
};
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
    assert.deepEqual(ids(await search('how to res')), ['reset-smart-bulb']);
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

  test('q is required and at most LIMITS.maxQueryLength characters', async () => {
    for (const query of [{}, { q: '' }, { q: 'a'.repeat(LIMITS.maxQueryLength + 1) }] as Record<string, string>[]) {
      const res = await demo.get(ROUTES.search, query);
      assert.equal(res.status, 400);
      assert.equal(res.body.error.details[0].path, 'querystring/q');
    }
  });
});
