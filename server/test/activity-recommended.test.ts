import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ROUTES } from '../../src/protocol/routes.js';
import type { ActivityKind } from '../../src/protocol/schemas.js';
import { issueToken } from '../auth.js';
import { importFolder } from '../content/import.js';
import { FIXTURE_CONTENT, startTestServer, type TestServer } from '../test-server.js';
import { client, uid } from './helpers.js';

let server: TestServer;
before(async () => {
  server = await startTestServer({ demoContent: FIXTURE_CONTENT.demo });
});
after(() => server.close());

/** A tenant of its own with the demo fixture, so popularity counts start at zero. */
async function freshTenant() {
  const id = uid('t').toLowerCase();
  await server.store.createTenant(id, id);
  const result = await importFolder(server.store, id, FIXTURE_CONTENT.demo, { replace: true });
  assert.ok(result.ok);
  return client(server.url, (await issueToken(server.store, { tenantId: id, name: 'test', version: '1' })).jwt);
}

type Api = ReturnType<typeof client>;
const event = (pathId: string, kind: ActivityKind, at = Date.now()) => ({ id: uid('ev'), at, pathId, event: kind });

async function activity(api: Api, consumer: string, events: ReturnType<typeof event>[]) {
  const res = await api.post(ROUTES.activity, { consumer, events });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.applied as number;
}

async function log(api: Api, consumer: string, name: string, data?: unknown, kind = 'action') {
  const res = await api.post(ROUTES.context, { consumer, ops: [{ id: uid('op'), at: Date.now(), op: 'log', kind, name, data }] });
  assert.equal(res.status, 200);
}

async function recommended(api: Api, query: Record<string, string | number> = {}) {
  const res = await api.get(ROUTES.recommended, query);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return (res.body.items as { id: string; reason: string }[]).map((i) => `${i.reason}:${i.id}`);
}

describe('POST activity', () => {
  test('records events once: re-sent and duplicated ids are not counted again', async () => {
    const api = client(server.url, server.tokens.demo);
    const key = uid('key');
    const events = [event('reset-smart-bulb', 'started'), { ...event('reset-smart-bulb', 'step'), stepId: 'power-cycle' }];
    assert.equal(await activity(api, key, events), 2);
    assert.equal(await activity(api, key, events), 0);
    assert.equal(await activity(api, key, [events[0], event('reset-smart-bulb', 'resolved'), events[1]]), 1);
    const consumer = (await server.store.getConsumer('demo', key))!;
    assert.deepEqual(consumer.activity.map((a) => [a.event, a.stepId]), [['started', null], ['step', 'power-cycle'], ['resolved', null]]);
  });

  test('an unknown, agent-only or other tenant’s path is 400 naming the event, and nothing is written', async () => {
    const api = client(server.url, server.tokens.demo);
    for (const pathId of ['no-such-path', 'bulb-firmware-diagnostics', 'sanitize-check']) {
      const key = uid('key');
      const good = event('reset-smart-bulb', 'started');
      const res = await api.post(ROUTES.activity, { consumer: key, events: [good, event(pathId, 'started')] });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, 'invalid_request');
      assert.deepEqual(res.body.error.details.map((d: { path: string }) => d.path), ['/events/1/pathId']);
      assert.equal(await server.store.getConsumer('demo', key), undefined);
      assert.equal(await activity(api, key, [good]), 1);
    }
  });

  test('malformed events are 400 with the field named', async () => {
    const api = client(server.url, server.tokens.demo);
    const res = await api.post(ROUTES.activity, { consumer: uid('key'), events: [{ ...event('reset-smart-bulb', 'started'), event: 'teleported' }] });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body.error.details, [
      { path: '/events/0/event', message: "must be one of 'started', 'step', 'resolved', 'escalated'" },
    ]);
  });
});

describe('GET recommended', () => {
  test('without a consumer: popular paths, by title while nothing was started', async () => {
    const api = await freshTenant();
    assert.deepEqual(await recommended(api), [
      'popular:connect-smart-bulb',
      'popular:connect-devices-to-hub',
      'popular:reset-smart-bulb',
      'popular:thermostat-battery',
      'popular:reset-hub-wifi',
    ]);
    assert.equal((await recommended(api, { limit: 50 })).length, 6, 'agent-only paths are never recommended');
    assert.deepEqual(await recommended(api, { limit: 1 }), ['popular:connect-smart-bulb']);
  });

  test('popular means most started in the tenant', async () => {
    const api = await freshTenant();
    for (const path of ['heating-schedule', 'heating-schedule', 'heating-schedule', 'reset-hub-wifi', 'reset-hub-wifi']) {
      await activity(api, uid('key'), [event(path, 'started'), event(path, 'step')]);
    }
    assert.deepEqual((await recommended(api, { limit: 3 })), [
      'popular:heating-schedule',
      'popular:reset-hub-wifi',
      'popular:connect-smart-bulb',
    ]);
  });

  test('paths the consumer started and did not resolve come first; resolved ones are left out', async () => {
    const api = await freshTenant();
    const key = uid('key');
    await activity(api, key, [
      event('thermostat-battery', 'started', 1000),
      event('heating-schedule', 'started', 2000),
      event('heating-schedule', 'resolved', 2500),
      event('reset-hub-wifi', 'started', 3000),
    ]);
    const items = await recommended(api, { consumer: key, limit: 50 });
    assert.deepEqual(items.slice(0, 2), ['in-progress:reset-hub-wifi', 'in-progress:thermostat-battery']);
    assert.ok(!items.some((i) => i.endsWith(':heating-schedule')));
    assert.equal(new Set(items.map((i) => i.split(':')[1])).size, items.length, 'no path twice');
  });

  test('a logged device action surfaces the matching paths', async () => {
    const api = await freshTenant();
    const key = uid('key');
    await log(api, key, 'Manage Device', {
      type: 'lightbulb',
      deviceId: '17b8369a-ca7f-4683-a0f6-347aa9e7e06f',
      lastKnownState: 'on',
    });
    const items = await recommended(api, { consumer: key });
    // 'lightbulb' is the rarest word of the entry, so the bulb paths rank first ('device' matches too).
    assert.deepEqual(new Set(items.slice(0, 2)), new Set(['context:reset-smart-bulb', 'context:connect-smart-bulb']));
    assert.equal(items.length, 5, 'popular paths fill up to the limit');
    assert.ok(items.some((i) => i.startsWith('popular:')));
  });

  test('device names and content details count as context too', async () => {
    const api = await freshTenant();
    const key = uid('key');
    await log(api, key, 'thermostat', { state: 'low' }, 'device');
    const items = await recommended(api, { consumer: key, limit: 2 });
    assert.deepEqual(new Set(items), new Set(['context:thermostat-battery', 'context:heating-schedule']));
  });

  test('resolved paths are not recommended from context, and cleared context is ignored', async () => {
    const api = await freshTenant();
    const key = uid('key');
    await activity(api, key, [event('reset-smart-bulb', 'started'), event('reset-smart-bulb', 'resolved')]);
    await log(api, key, 'lightbulb', undefined, 'device');
    let items = await recommended(api, { consumer: key, limit: 50 });
    assert.equal(items[0], 'context:connect-smart-bulb');
    assert.ok(!items.some((i) => i.endsWith(':reset-smart-bulb')));

    const clear = await api.post(ROUTES.context, { consumer: key, ops: [{ id: uid('op'), at: Date.now() + 1, op: 'clear-context' }] });
    assert.equal(clear.status, 200);
    items = await recommended(api, { consumer: key, limit: 50 });
    assert.ok(items.every((i) => i.startsWith('popular:')));
  });

  test('an unknown consumer gets popular paths; another tenant never sees this one’s activity', async () => {
    const api = await freshTenant();
    const key = uid('key');
    await activity(api, key, [event('reset-hub-wifi', 'started')]);
    assert.ok((await recommended(api, { consumer: uid('nobody') })).every((i) => i.startsWith('popular:')));
    const elsewhere = await recommended(client(server.url, server.tokens.other), { consumer: key, limit: 50 });
    assert.ok(elsewhere.every((i) => i.startsWith('popular:')));
    assert.ok(!elsewhere.some((i) => i.endsWith(':reset-hub-wifi')));
  });

  test('a bad consumer key or limit is 400', async () => {
    const api = client(server.url, server.tokens.demo);
    for (const query of [{ consumer: 'x' }, { limit: 0 }, { limit: 51 }] as Record<string, string | number>[]) {
      const res = await api.get(ROUTES.recommended, query);
      assert.equal(res.status, 400, JSON.stringify(query));
    }
  });
});
