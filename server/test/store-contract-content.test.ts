/**
 * The Store contract on every engine: content import and reads, search (ranking, prefixes,
 * highlights, excerpts, audiences, limits), recommendations, consumer context and activity.
 * See store-contract.test.ts.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { MARK_END, MARK_START } from '../../src/protocol/api.js';
import type { Audience, GuidedPath } from '../../src/protocol/schemas.js';
import { InvalidInputError, type Store } from '../store/types.js';
import { engines } from './store-engines.js';

const path = (id: string, title: string, summary: string, body: string, extra: Partial<GuidedPath> = {}): GuidedPath => ({
  id,
  title,
  summary,
  category: 'help',
  tags: [],
  helpIds: [],
  audience: 'all',
  steps: [{ id: 'only', title: 'Do this', body: `<p>${body}</p>` }],
  ...extra,
});

const CATEGORIES = [
  { id: 'help', name: 'Help', description: 'Help.', order: 2 },
  { id: 'power', name: 'Power', description: 'Batteries.', order: 1 },
];
const PATHS = [
  path('wifi-router', 'Move to a new Wi-Fi router', 'Reconnect each device after a router change.', 'Open the app and pick the new network.', { tags: ['Wi-Fi'], helpIds: ['router-help'] }),
  path('reset-router', 'Reset the router', 'When its lights stay red.', 'Hold the button for ten seconds.', { tags: ['Router'] }),
  path('replace-filter', 'Replace the filter', 'Remove the old filter and fit a new one.', 'Rinse the frame first.', { audience: 'consumer' }),
  path('battery', 'Battery runs out fast', 'Why a battery drains.', 'Lower the brightness, then charge it overnight.', { category: 'power' }),
  path('keep-dry', 'Keep devices dry', 'Moisture and electronics.', 'Do not leave the charger outside. Wipe off any residue.', { category: 'power' }),
  path('agent-notes', 'Router firmware notes', 'Internal notes on firmware.', 'Escalate when the firmware fails.', { audience: 'agent' }),
];
const CONSUMER: Audience[] = ['consumer', 'all'];
const EVERYONE: Audience[] = ['consumer', 'agent', 'all'];

for (const engine of engines) {
  describe(engine.name, () => {
    let store: Store;
    const ids = (items: { id: string }[]) => items.map((i) => i.id);
    const search = async (text: string, audiences = CONSUMER, limit = 10, tags: string[] = [], tenant = 't') =>
      store.search(tenant, { text, tags, audiences, limit });

    beforeEach(async () => {
      store = await engine.open();
      await store.createTenant('t', 'T');
      await store.createTenant('other', 'Other');
      await store.importContent('t', { categories: CATEGORIES, paths: PATHS }, { replace: true });
      await store.importContent(
        'other',
        { categories: [CATEGORIES[0]], paths: [path('residue-guide', 'Residue guide', 'Clean residue.', 'Scrub.', { helpIds: ['router-help'] })] },
        { replace: true },
      );
    });

    test('import: upserts, moves claimed help-ids, and replace deletes what the bundle lacks, in id order', async () => {
      assert.deepEqual(await store.categoryIds('t'), ['help', 'power']);
      const moved = path('new-home', 'New home for the help', 'Moved.', 'Here.', { helpIds: ['router-help'] });
      const summary = await store.importContent('t', { categories: [CATEGORIES[0]], paths: [moved] }, { replace: false });
      assert.deepEqual(summary, {
        categories: 1,
        paths: 1,
        movedHelpIds: [{ helpId: 'router-help', from: 'wifi-router', to: 'new-home' }],
        deletedPaths: [],
        deletedCategories: [],
      });
      assert.deepEqual((await store.getPath('t', 'wifi-router', { audiences: CONSUMER }))!.helpIds, []);
      assert.equal((await store.getPathByHelpId('t', 'router-help', { audiences: CONSUMER }))!.id, 'new-home');
      assert.equal((await store.getPathByHelpId('other', 'router-help', { audiences: CONSUMER }))!.id, 'residue-guide', 'per tenant');
      const replaced = await store.importContent('t', { categories: [CATEGORIES[0]], paths: [moved, PATHS[1]] }, { replace: true });
      assert.deepEqual(replaced.deletedPaths, ['agent-notes', 'battery', 'keep-dry', 'replace-filter', 'wifi-router']);
      assert.deepEqual(replaced.deletedCategories, ['power']);
      assert.deepEqual(ids((await store.listPaths('t', { audiences: EVERYONE, tags: [], limit: 10, offset: 0 })).items), ['new-home', 'reset-router']);
      assert.deepEqual(ids(await search('battery')), [], 'deleted paths leave the index');
      assert.deepEqual(ids(await search('residue', CONSUMER, 10, [], 'other')), ['residue-guide'], 'the other tenant is untouched');
      // Either all of it or none of it: a path in a category that does not exist fails the whole import.
      await assert.rejects(store.importContent('t', { categories: [], paths: [path('x', 'X', 'X', 'X', { category: 'nope' })] }, { replace: true }));
      assert.deepEqual(await store.categoryIds('t'), ['help']);
    });

    test('listPaths, getPath, getPathByHelpId, listCategories: visible paths only, by title, tags any-of, pages with a total', async () => {
      const all = await store.listPaths('t', { audiences: CONSUMER, tags: [], limit: 10, offset: 0 });
      assert.deepEqual(ids(all.items), ['battery', 'keep-dry', 'wifi-router', 'replace-filter', 'reset-router']);
      assert.equal(all.total, 5);
      assert.deepEqual(all.items[2], {
        id: 'wifi-router', title: 'Move to a new Wi-Fi router', summary: 'Reconnect each device after a router change.',
        category: 'help', tags: ['Wi-Fi'], helpIds: ['router-help'], stepCount: 1,
      });
      const page = await store.listPaths('t', { audiences: CONSUMER, tags: [], limit: 2, offset: 1 });
      assert.deepEqual([ids(page.items), page.total], [['keep-dry', 'wifi-router'], 5]);
      assert.deepEqual(ids((await store.listPaths('t', { audiences: CONSUMER, tags: ['ROUTER', 'wi-fi'], limit: 10, offset: 0 })).items), ['wifi-router', 'reset-router']);
      assert.deepEqual(ids((await store.listPaths('t', { audiences: ['all'], tags: [], category: 'power', limit: 10, offset: 0 })).items), ['battery', 'keep-dry']);
      assert.deepEqual((await store.listPaths('other', { audiences: EVERYONE, tags: [], limit: 10, offset: 0 })).total, 1);
      assert.deepEqual(await store.getPath('t', 'battery', { audiences: CONSUMER }), PATHS[3], 'the path as imported');
      assert.equal(await store.getPath('t', 'agent-notes', { audiences: CONSUMER }), undefined, 'for agents only');
      assert.equal((await store.getPath('t', 'agent-notes', { audiences: EVERYONE }))!.id, 'agent-notes');
      assert.equal(await store.getPath('other', 'battery', { audiences: EVERYONE }), undefined, 'never another tenant’s');
      assert.equal(await store.getPathByHelpId('t', 'nope', { audiences: EVERYONE }), undefined);
      assert.deepEqual(await store.listCategories('t', { audiences: CONSUMER }), [
        { id: 'power', name: 'Power', description: 'Batteries.', icon: null, order: 1, pathCount: 2 },
        { id: 'help', name: 'Help', description: 'Help.', icon: null, order: 2, pathCount: 3 },
      ]);
      assert.equal((await store.listCategories('t', { audiences: EVERYONE }))[1].pathCount, 4);
      assert.deepEqual(await store.listCategories('t', { audiences: ['agent'] }), [{ id: 'help', name: 'Help', description: 'Help.', icon: null, order: 2, pathCount: 1 }]);
    });

    test('search: title matches first, all words then any word, scores best first', async () => {
      const router = await search('router');
      assert.deepEqual(new Set(ids(router).slice(0, 2)), new Set(['wifi-router', 'reset-router']));
      const scores = router.map((h) => h.score);
      assert.ok(scores.every((s) => s > 0));
      assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
      assert.deepEqual(ids(await search('reset router ')), ['reset-router'], 'all words');
      assert.deepEqual(new Set(ids(await search('filter xyzzy '))), new Set(['replace-filter']), 'no path has both: any word');
      assert.deepEqual(ids(await search('batteries ')), ['battery'], 'stems');
      assert.deepEqual(ids(await search('firmware')), [], 'agent-only paths stay hidden from consumers');
      assert.deepEqual(ids(await search('firmware', EVERYONE)), ['agent-notes']);
      assert.deepEqual(ids(await search('router', ['all'], 10, ['wi-fi'])), ['wifi-router'], 'tags filter any of');
      assert.equal((await search('the', CONSUMER, 2)).length, 2, 'limit caps the hits');
    });

    test('search: the last word is a prefix completed to index terms; hyphenated words both ways', async () => {
      assert.deepEqual(ids(await search('res')), ['reset-router', 'keep-dry'], '"res" is not stemmed to "re": not replace, not remove');
      assert.deepEqual(ids(await search('bat')), ['battery'], 'a plain prefix');
      assert.deepEqual(new Set(ids(await search('charge'))), new Set(['battery', 'keep-dry']), 'the whole word and its completions');
      assert.ok(ids(await search('re')).includes('replace-filter'), 'one or two letters: any word of titles, tags and help-ids');
      for (const q of ['wifi', 'WiFi', 'wi-fi', 'Wi-Fi ', 'wif', 'wi-f']) assert.deepEqual(ids(await search(q)), ['wifi-router'], q);
      assert.deepEqual(ids(await search('res', CONSUMER, 10, [], 'other')), ['residue-guide'], 'completions from the tenant’s own words');
    });

    test('search: highlights and excerpts mark the matched words; hidden aliases are never shown', async () => {
      const [router] = await search('wi-fi router');
      assert.equal(router.titleHighlight, `Move to a new ${MARK_START}Wi-Fi${MARK_END} ${MARK_START}router${MARK_END}`);
      assert.equal(router.snippet, `Reconnect each device after a ${MARK_START}router${MARK_END} change.`);
      const [dry] = await search('residue');
      assert.equal(dry.titleHighlight, 'Keep devices dry', 'no match in the title: the title as written');
      assert.equal(dry.snippet, `Do this. Do not leave the charger outside. Wipe off any ${MARK_START}residue${MARK_END}.`, 'the step text when the summary has no match');
      await store.importContent('t', { categories: CATEGORIES, paths: [path('long', 'Long', 'Nothing here.', `${'Word '.repeat(30)}then the residue is wiped. ${'More '.repeat(30)}`)] }, { replace: false });
      const long = (await search('residue')).find((h) => h.id === 'long')!;
      assert.equal(long.snippet, `…Word Word Word then the ${MARK_START}residue${MARK_END} is wiped. More More More More…`, '12 words around the match, cuts marked');
      const [wifi] = await search('wifi');
      assert.equal(wifi.titleHighlight, 'Move to a new Wi-Fi router', 'the joined form matches but is not shown');
      const [battery] = await search('batt');
      assert.equal(battery.titleHighlight, `${MARK_START}Battery${MARK_END} runs out fast`);
      assert.equal(battery.snippet, `Why a ${MARK_START}battery${MARK_END} drains.`);
    });

    test('search: user text is never syntax, and tenants never see each other’s paths', async () => {
      for (const q of ['"', '*', '(', 'NEAR(a b)', 'title:reset', "'; DROP TABLE paths; --", '😀', '\u0301', 'a \u0301', '&|!<->', ':*', "'", '\\']) {
        assert.ok(Array.isArray(await search(q)), q);
      }
      assert.deepEqual(ids(await search('title:reset')), ids(await search('title reset')));
      assert.deepEqual(ids(await search('residue', EVERYONE, 10, [], 't')), ['keep-dry']);
      assert.deepEqual(ids(await search('guide', EVERYONE)), [], 'the other tenant’s title');
      assert.deepEqual(ids(await search('charger', EVERYONE, 10, [], 'other')), [], 'this tenant’s paths are not the other’s');
    });

    test('context: operations applied once in order, identity merges by externalId; getConsumer reads it all', async () => {
      const op = (id: string, rest: Record<string, unknown>) => ({ id, at: 1000, ...rest }) as never;
      const first = await store.applyContext('t', {
        consumer: 'key-1',
        ops: [
          op('o1', { op: 'identity', set: { firstName: 'Ada', email: 'ada@x' }, at: 1000 }),
          op('o2', { op: 'log', kind: 'action', name: 'Opened battery page', data: { device: 'lightbulb' }, at: 1100 }),
          op('o3', { op: 'log', kind: 'event', name: 'Second', at: 1100 }),
        ],
      });
      assert.equal(first.applied, 3);
      assert.equal((await store.applyContext('t', { consumer: 'key-1', ops: [op('o1', { op: 'identity', set: { firstName: 'X' }, at: 1 })] })).applied, 0, 'an op id applied before is skipped');
      const second = await store.applyContext('t', {
        consumer: 'key-2',
        ops: [op('o4', { op: 'identity', set: { externalId: 'ext-1', lastName: 'Lovelace' }, at: 2000 })],
      });
      const merged = await store.applyContext('t', { consumer: 'key-1', ops: [op('o5', { op: 'identity', set: { externalId: 'ext-1' }, at: 3000 })] });
      assert.equal(merged.consumerId, second.consumerId, 'key-1 folds into the consumer that has the externalId');
      const consumer = (await store.getConsumer('t', 'key-1'))!;
      assert.deepEqual(
        [consumer.id, consumer.keys, consumer.firstName, consumer.lastName, consumer.email, consumer.externalId],
        [second.consumerId, ['key-1', 'key-2'], 'Ada', 'Lovelace', 'ada@x', 'ext-1'],
      );
      assert.deepEqual(consumer.entries.map((e) => [e.id, e.name, e.data, e.clearedAt]), [
        ['o2', 'Opened battery page', { device: 'lightbulb' }, null],
        ['o3', 'Second', undefined, null],
      ], 'entries of the same time in the order logged');
      await store.applyContext('t', { consumer: 'key-2', ops: [op('o6', { op: 'clear-context', before: 1200, at: 4000 }), op('o7', { op: 'clear-identity', at: 4000 })] });
      const cleared = (await store.getConsumer('t', 'key-2'))!;
      assert.deepEqual(cleared.entries.map((e) => e.clearedAt), [4000, 4000]);
      assert.deepEqual([cleared.firstName, cleared.email, cleared.externalId], [null, null, null]);
      assert.equal(await store.getConsumer('other', 'key-1'), undefined, 'keys are per tenant');
      assert.equal(await store.getConsumer('t', 'nobody'), undefined);
    });

    test('activity and recommendations: in progress, then context matches, then popular; unknown paths refused', async () => {
      const event = (id: string, pathId: string, name: string, at: number) => ({ id, pathId, event: name, at }) as never;
      assert.deepEqual(await store.recordActivity('t', { consumer: 'k', events: [event('a1', 'battery', 'started', 1), event('a2', 'keep-dry', 'started', 2)] }, { audiences: CONSUMER }), { applied: 2 });
      assert.deepEqual(await store.recordActivity('t', { consumer: 'k', events: [event('a1', 'battery', 'started', 1), event('a3', 'keep-dry', 'resolved', 3)] }, { audiences: CONSUMER }), { applied: 1 });
      await assert.rejects(
        store.recordActivity('t', { consumer: 'k', events: [event('a4', 'battery', 'started', 4), event('a5', 'agent-notes', 'started', 4)] }, { audiences: CONSUMER }),
        (error: unknown) => error instanceof InvalidInputError && error.path === '/events/1/pathId',
      );
      assert.equal((await store.getConsumer('t', 'k'))!.activity.length, 3, 'a refused batch writes nothing');
      await store.recordActivity('t', { consumer: 'p', events: [event('b1', 'reset-router', 'started', 5), event('b2', 'reset-router', 'started', 6)] }, { audiences: CONSUMER });
      await store.applyContext('t', { consumer: 'k', ops: [{ id: 'c1', op: 'log', kind: 'action', name: 'Router lights blinking', at: 7 } as never] });
      const recommended = await store.recommend('t', { consumerKey: 'k', audiences: CONSUMER, limit: 4 });
      assert.deepEqual(recommended.map((r) => [r.id, r.reason]), [
        ['battery', 'in-progress'],
        ['reset-router', 'context'],
        ['wifi-router', 'context'],
        ['replace-filter', 'popular'],
      ]);
      assert.ok(!recommended.some((r) => r.id === 'keep-dry'), 'resolved paths are left out');
      const anonymous = await store.recommend('t', { audiences: CONSUMER, limit: 2 });
      assert.deepEqual(anonymous.map((r) => [r.id, r.reason]), [['reset-router', 'popular'], ['battery', 'popular']], 'most started, then by title');
    });
  });
}
