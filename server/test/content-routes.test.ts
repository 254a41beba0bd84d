import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { ROUTES, routePath } from '../../src/protocol/routes.js';
import { FIXTURE_CONTENT, startTestServer, type TestServer } from '../test-server.js';
import { client } from './helpers.js';
import { engines, serverDatabase } from './store-engines.js';

const fixture = async (file: string) =>
  JSON.parse(await readFile(new URL(`../../${FIXTURE_CONTENT.demo}/${file}`, import.meta.url), 'utf8'));

const ids = (items: { id: string }[]) => items.map((i) => i.id);

// Every route of this file on each store engine.
for (const engine of engines) {
  describe(engine.name, () => {
    let server: TestServer;
    let demo: ReturnType<typeof client>;
    let other: ReturnType<typeof client>;
    before(async () => {
      server = await startTestServer({ demoContent: FIXTURE_CONTENT.demo, database: await serverDatabase(engine) });
      demo = client(server.url, server.tokens.demo);
      other = client(server.url, server.tokens.other);
    });
    after(() => server.close());

    describe('GET paths', () => {
      test('lists the visible paths by title, without agent-only ones', async () => {
        const res = await demo.get(ROUTES.paths);
        assert.equal(res.status, 200);
        assert.deepEqual(ids(res.body.items), [
          'connect-smart-bulb',
          'connect-devices-to-hub',
          'reset-smart-bulb',
          'thermostat-battery',
          'reset-hub-wifi',
          'heating-schedule',
        ]);
        assert.equal(res.body.total, 6);
        assert.deepEqual(res.body.items[2], {
          id: 'reset-smart-bulb',
          title: 'How to reset a Smart Bulb',
          summary: 'Restore a bulb to factory settings when it stops responding to the app.',
          category: 'lighting',
          tags: ['LightBulb', 'Reset'],
          helpIds: ['bulb-reset'],
          stepCount: 3,
        });
      });

      test('tags match any of the list, case-insensitively', async () => {
        assert.deepEqual(ids((await demo.get(ROUTES.paths, { tags: 'lightbulb' })).body.items), [
          'connect-smart-bulb',
          'reset-smart-bulb',
        ]);
        const res = await demo.get(ROUTES.paths, { tags: 'THERMOSTAT, hub' });
        assert.deepEqual(ids(res.body.items), ['connect-devices-to-hub', 'thermostat-battery', 'reset-hub-wifi', 'heating-schedule']);
        assert.equal(res.body.total, 4);
        assert.deepEqual((await demo.get(ROUTES.paths, { tags: 'no-such-tag' })).body, { items: [], total: 0 });
      });

      test('filters by category, and pages with limit and offset while total counts all', async () => {
        assert.deepEqual(ids((await demo.get(ROUTES.paths, { category: 'climate' })).body.items), [
          'thermostat-battery',
          'heating-schedule',
        ]);
        const page = await demo.get(ROUTES.paths, { limit: 2, offset: 2 });
        assert.deepEqual(ids(page.body.items), ['reset-smart-bulb', 'thermostat-battery']);
        assert.equal(page.body.total, 6);
      });

      test('rejects bad filters with the parameter named', async () => {
        const cases: [Record<string, string | number>, string][] = [
          [{ limit: 51 }, 'querystring/limit'],
          [{ limit: 0 }, 'querystring/limit'],
          [{ limit: 'ten' }, 'querystring/limit'],
          [{ offset: -1 }, 'querystring/offset'],
          [{ category: 'Not A Slug' }, 'querystring/category'],
          [{ tags: 'ok,bad!tag' }, 'querystring/tags'],
          [{ tags: Array.from({ length: 21 }, (_, i) => `t${i}`).join(',') }, 'querystring/tags'],
          [{ unknown: 'x' }, 'querystring/unknown'],
        ];
        for (const [query, path] of cases) {
          const res = await demo.get(ROUTES.paths, query);
          assert.equal(res.status, 400, JSON.stringify(query));
          assert.equal(res.body.error.code, 'invalid_request');
          assert.ok(
            res.body.error.details.some((d: { path: string }) => d.path === path),
            `${JSON.stringify(query)} -> ${JSON.stringify(res.body.error.details)}`,
          );
        }
      });
    });

    describe('GET path by id', () => {
      test('returns the full path as authored', async () => {
        const res = await demo.get(routePath(ROUTES.path, { id: 'reset-smart-bulb' }));
        assert.equal(res.status, 200);
        assert.deepEqual(res.body, await fixture('lighting/reset-smart-bulb.json'));
      });

      test('is 404 path_not_found for unknown and for agent-only paths', async () => {
        for (const id of ['no-such-path', 'bulb-firmware-diagnostics']) {
          const res = await demo.get(routePath(ROUTES.path, { id }));
          assert.equal(res.status, 404);
          assert.equal(res.body.error.code, 'path_not_found');
        }
      });

      test('an id that cannot be a path id is 400', async () => {
        const res = await demo.get(routePath(ROUTES.path, { id: 'Bad Id' }));
        assert.equal(res.status, 400);
        assert.equal(res.body.error.details[0].path, 'params/id');
      });
    });

    describe('GET help-id', () => {
      test('returns the one path a help-id names', async () => {
        const res = await demo.get(routePath(ROUTES.helpId, { helpId: 'onboarding-bulb' }));
        assert.equal(res.status, 200);
        assert.deepEqual(res.body, await fixture('lighting/connect-smart-bulb.json'));
      });

      test('is 404 help_id_not_found for unknown and agent-only help-ids', async () => {
        for (const helpId of ['nothing-here', 'agent-bulb-diagnostics']) {
          const res = await demo.get(routePath(ROUTES.helpId, { helpId }));
          assert.equal(res.status, 404);
          assert.equal(res.body.error.code, 'help_id_not_found');
        }
      });
    });

    describe('GET categories', () => {
      test('orders by order then name and counts only visible paths; empty categories are left out', async () => {
        const res = await demo.get(ROUTES.categories);
        assert.equal(res.status, 200);
        assert.deepEqual(res.body.items, [
          { id: 'lighting', name: 'Smart Lighting', description: 'Bulbs, switches and scenes.', icon: 'lightbulb', order: 1, pathCount: 2 },
          { id: 'climate', name: 'Heating & Climate', description: 'Thermostats and schedules.', icon: 'thermostat', order: 2, pathCount: 2 },
          { id: 'hub', name: 'Hub & Connectivity', description: 'Getting devices onto your home hub.', icon: 'hub', order: 3, pathCount: 2 },
        ]);
      });
    });

    describe('tenant isolation of reads', () => {
      test('a tenant sees only its own paths, help-ids, categories and search hits', async () => {
        assert.deepEqual(ids((await other.get(ROUTES.paths)).body.items), [
          'reset-two-factor',
          'sanitize-check',
          'update-payment-card',
        ]);
        assert.equal((await demo.get(routePath(ROUTES.path, { id: 'sanitize-check' }))).status, 404);
        assert.equal((await other.get(routePath(ROUTES.path, { id: 'reset-smart-bulb' }))).status, 404);
        assert.equal((await demo.get(routePath(ROUTES.helpId, { helpId: 'xss-test' }))).status, 404);
        assert.equal((await other.get(routePath(ROUTES.helpId, { helpId: 'xss-test' }))).body.id, 'sanitize-check');
        assert.deepEqual(ids((await other.get(ROUTES.categories)).body.items), ['billing', 'security']);
        assert.deepEqual(ids((await demo.get(ROUTES.search, { q: 'payment card' })).body.items), []);
        assert.deepEqual(ids((await other.get(ROUTES.search, { q: 'reset' })).body.items), ['reset-two-factor']);
        assert.ok(!ids((await other.get(ROUTES.recommended, { limit: 50 })).body.items).includes('reset-smart-bulb'));
      });

      test('the hostile fixture path is served byte for byte; sanitizing is the client’s job', async () => {
        const res = await other.get(routePath(ROUTES.helpId, { helpId: 'xss-test' }));
        assert.match(res.body.steps[0].body, /<script>window.__xss = 'script'<\/script>/);
        assert.match(res.body.steps[0].body, /onerror=/);
        assert.match(res.body.steps[0].body, /javascript:/);
        assert.match(res.body.steps[0].body, /<iframe/);
      });
    });
  });
}
