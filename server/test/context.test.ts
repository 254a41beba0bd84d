import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LIMITS } from '../../src/protocol/api.js';
import { ROUTES } from '../../src/protocol/routes.js';
import type { ContextOp } from '../../src/protocol/schemas.js';
import type { SqliteStore } from '../store/sqlite/store.js';
import { FIXTURE_CONTENT, startTestServer, type TestServer } from '../test-server.js';
import { client, uid } from './helpers.js';

let server: TestServer;
let demo: ReturnType<typeof client>;
let other: ReturnType<typeof client>;
before(async () => {
  server = await startTestServer({ demoContent: FIXTURE_CONTENT.demo });
  demo = client(server.url, server.tokens.demo);
  other = client(server.url, server.tokens.other);
});
after(() => server.close());

type Op = ContextOp extends infer T ? (T extends unknown ? Omit<T, 'id'> & { id?: string } : never) : never;
const batch = (consumer: string, ops: Op[]) => ({ consumer, ops: ops.map((op) => ({ id: uid('op'), ...op })) });
const send = async (consumer: string, ops: Op[], api = demo) => {
  const res = await api.post(ROUTES.context, batch(consumer, ops));
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as { consumerId: string; applied: number };
};
const record = async (key: string, tenant = 'demo') => (await server.store.getConsumer(tenant, key))!;

describe('POST context', () => {
  test('the first batch creates the consumer; later batches reach the same one', async () => {
    const key = uid('key');
    const first = await send(key, [{ op: 'identity', at: 1000, set: { firstName: 'Ada', lastName: 'Lovelace' } }]);
    assert.match(first.consumerId, /^con_/);
    assert.equal(first.applied, 1);
    const second = await send(key, [{ op: 'log', at: 2000, kind: 'action', name: 'Device List' }]);
    assert.equal(second.consumerId, first.consumerId);
    const consumer = await record(key);
    assert.equal(consumer.firstName, 'Ada');
    assert.equal(consumer.lastName, 'Lovelace');
    assert.deepEqual(consumer.keys, [key]);
    assert.deepEqual(consumer.entries.map((e) => e.name), ['Device List']);
  });

  test('identity is set per field; null and the empty string unset one field', async () => {
    const key = uid('key');
    await send(key, [{ op: 'identity', at: 1, set: { firstName: 'Grace', email: 'grace@example.com', phone: '555' } }]);
    await send(key, [{ op: 'identity', at: 2, set: { lastName: 'Hopper' } }]);
    await send(key, [{ op: 'identity', at: 3, set: { email: null, phone: '' } }]);
    const consumer = await record(key);
    assert.deepEqual(
      [consumer.firstName, consumer.lastName, consumer.email, consumer.phone],
      ['Grace', 'Hopper', null, null],
    );
  });

  test('log entries keep kind, name, detail and any JSON data', async () => {
    const key = uid('key');
    const data = { type: 'lightbulb', nested: { list: [1, 'two', null, true] }, n: 1.5 };
    await send(key, [
      { op: 'log', at: 10, kind: 'action', name: 'Manage Device', data },
      { op: 'log', at: 11, kind: 'device', name: 'lightbulb', data: 'on' },
      { op: 'log', at: 12, kind: 'content', name: 'Article', detail: 'AirDrop Setup' },
    ]);
    const entries = (await record(key)).entries.map(({ kind, name, detail, data }) => ({ kind, name, detail, data }));
    assert.deepEqual(entries, [
      { kind: 'action', name: 'Manage Device', detail: null, data },
      { kind: 'device', name: 'lightbulb', detail: null, data: 'on' },
      { kind: 'content', name: 'Article', detail: 'AirDrop Setup', data: undefined },
    ]);
  });

  test('re-sent operations are skipped and not counted', async () => {
    const key = uid('key');
    const body = batch(key, [
      { op: 'log', at: 1, kind: 'action', name: 'Open' },
      { op: 'identity', at: 2, set: { firstName: 'Alan' } },
    ]);
    assert.equal((await demo.post(ROUTES.context, body)).body.applied, 2);
    assert.equal((await demo.post(ROUTES.context, body)).body.applied, 0);
    const repeat = { consumer: key, ops: [body.ops[0], { ...body.ops[0] }, { id: uid('op'), at: 3, op: 'log', kind: 'action', name: 'New' }] };
    assert.equal((await demo.post(ROUTES.context, repeat)).body.applied, 1);
    assert.deepEqual((await record(key)).entries.map((e) => e.name), ['Open', 'New']);
  });

  test('clear-context clears entries logged before the time, or all of them', async () => {
    const key = uid('key');
    await send(key, [
      { op: 'log', at: 1000, kind: 'action', name: 'one' },
      { op: 'log', at: 2000, kind: 'action', name: 'two' },
      { op: 'log', at: 3000, kind: 'action', name: 'three' },
      { op: 'clear-context', at: 3500, before: 2500 },
    ]);
    const active = async () => (await record(key)).entries.filter((e) => e.clearedAt === null).map((e) => e.name);
    assert.deepEqual(await active(), ['three']);
    assert.equal((await record(key)).entries.find((e) => e.name === 'one')!.clearedAt, 3500);
    await send(key, [{ op: 'clear-context', at: 4000 }, { op: 'log', at: 4001, kind: 'device', name: 'after' }]);
    assert.deepEqual(await active(), ['after'], 'ops apply in order: the entry logged after the clear stays');
  });

  test('clear-identity unsets fields set before the time, or all of them', async () => {
    const key = uid('key');
    await send(key, [
      { op: 'identity', at: 1000, set: { firstName: 'Old', externalId: 'ext-old' } },
      { op: 'identity', at: 3000, set: { email: 'new@example.com' } },
      { op: 'clear-identity', at: 3500, before: 2000 },
    ]);
    let consumer = await record(key);
    assert.deepEqual([consumer.firstName, consumer.externalId, consumer.email], [null, null, 'new@example.com']);
    await send(key, [{ op: 'clear-identity', at: 5000 }]);
    consumer = await record(key);
    assert.deepEqual([consumer.firstName, consumer.lastName, consumer.email, consumer.externalId, consumer.phone], [null, null, null, null, null]);
  });

  test('an externalId already known makes the key point at that consumer, bringing its entries along', async () => {
    const first = uid('key');
    const second = uid('key');
    const a = await send(first, [
      { op: 'identity', at: 1000, set: { externalId: 'cust-42', firstName: 'Katherine', email: 'old@example.com' } },
      { op: 'log', at: 1001, kind: 'action', name: 'on first device' },
    ]);
    const b = await send(second, [
      { op: 'identity', at: 2000, set: { email: 'new@example.com', phone: '+1 555 0100' } },
      { op: 'log', at: 2001, kind: 'device', name: 'lightbulb' },
    ]);
    assert.notEqual(a.consumerId, b.consumerId);
    const merged = await send(second, [{ op: 'identity', at: 3000, set: { externalId: 'cust-42', lastName: 'Johnson' } }]);
    assert.equal(merged.consumerId, a.consumerId);

    const viaFirst = await record(first);
    const viaSecond = await record(second);
    assert.equal(viaSecond.id, viaFirst.id);
    assert.deepEqual(new Set(viaFirst.keys), new Set([first, second]));
    assert.deepEqual(viaFirst.entries.map((e) => e.name), ['on first device', 'lightbulb']);
    assert.equal(viaFirst.firstName, 'Katherine');
    assert.equal(viaFirst.lastName, 'Johnson');
    assert.equal(viaFirst.email, 'new@example.com', 'the value set last wins');
    assert.equal(viaFirst.phone, '+1 555 0100');
    assert.equal(viaFirst.externalId, 'cust-42');
    const rows = (server.store as SqliteStore).db.selectFrom('consumers').select('id').where('tenant_id', '=', 'demo').where('id', '=', b.consumerId);
    assert.equal((await rows.execute()).length, 0, 'the emptied consumer is gone');
  });

  test('data larger than LIMITS.maxEntryDataBytes is 400 naming the op, and nothing is applied', async () => {
    const key = uid('key');
    const ok = { op: 'log', at: 1, kind: 'action', name: 'fits', data: 'x'.repeat(LIMITS.maxEntryDataBytes - 2) } as const;
    const tooBig = { op: 'log', at: 2, kind: 'action', name: 'too big', data: { blob: 'x'.repeat(LIMITS.maxEntryDataBytes) } } as const;
    const res = await demo.post(ROUTES.context, batch(key, [ok, tooBig]));
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'invalid_request');
    assert.deepEqual(res.body.error.details.map((d: { path: string }) => d.path), ['/ops/1/data']);
    assert.equal(await server.store.getConsumer('demo', key), undefined);
    assert.equal((await send(key, [ok])).applied, 1, 'exactly the limit is accepted');
  });

  test('invalid operations are 400 with the offending field named', async () => {
    const key = uid('key');
    const cases: [unknown, string][] = [
      [{ consumer: key, ops: [{ id: uid('op'), at: 1, op: 'log', kind: 'action' }] }, '/ops/0/name'],
      [{ consumer: key, ops: [{ id: uid('op'), at: 1, op: 'log', kind: 'mood', name: 'x' }] }, '/ops/0/kind'],
      [{ consumer: key, ops: [{ id: uid('op'), at: 1, op: 'identity', set: { email: 'not an email' } }] }, '/ops/0/set/email'],
      [{ consumer: key, ops: [{ id: uid('op'), at: 1, op: 'identity', set: { nickname: 'x' } }] }, '/ops/0/set/nickname'],
      [{ consumer: key, ops: [{ id: uid('op'), at: 1, op: 'identity', set: { firstName: 7 } }] }, '/ops/0/set/firstName'],
      [{ consumer: key, ops: [{ id: uid('op'), at: 1, op: 'teleport' }] }, '/ops/0/op'],
      [{ consumer: key, ops: [{ id: 'short', at: 1, op: 'clear-context' }] }, '/ops/0/id'],
      [{ consumer: key, ops: [{ id: uid('op'), at: '1', op: 'clear-context' }] }, '/ops/0/at'],
      [{ consumer: key, ops: [{ id: uid('op'), at: -5, op: 'clear-context' }] }, '/ops/0/at'],
      [{ consumer: 'bad key!', ops: [{ id: uid('op'), at: 1, op: 'clear-context' }] }, '/consumer'],
      [{ consumer: key, ops: [] }, '/ops'],
      [{ consumer: key, ops: Array.from({ length: LIMITS.maxContextOps + 1 }, () => ({ id: uid('op'), at: 1, op: 'clear-context' })) }, '/ops'],
      [{ consumer: key }, '/ops'],
      [{ consumer: key, ops: [{ id: uid('op'), at: 1, op: 'clear-context' }], extra: true }, '/extra'],
      [[], '/'],
    ];
    for (const [body, path] of cases) {
      const res = await demo.post(ROUTES.context, body);
      assert.equal(res.status, 400, JSON.stringify(body).slice(0, 200));
      assert.equal(res.body.error.code, 'invalid_request');
      assert.deepEqual(
        res.body.error.details.map((d: { path: string }) => d.path),
        [path],
        `${JSON.stringify(body).slice(0, 120)} -> ${JSON.stringify(res.body.error.details)}`,
      );
    }
    assert.equal(await server.store.getConsumer('demo', key), undefined);
  });

  test('the same consumer key in two tenants names two separate consumers', async () => {
    const key = uid('key');
    const inDemo = await send(key, [{ op: 'identity', at: 1, set: { firstName: 'Demo' } }, { op: 'log', at: 2, kind: 'action', name: 'demo action' }]);
    const inOther = await send(key, [{ op: 'identity', at: 1, set: { firstName: 'Other' } }], other);
    assert.notEqual(inDemo.consumerId, inOther.consumerId);
    assert.equal((await record(key, 'demo')).firstName, 'Demo');
    assert.equal((await record(key, 'other')).firstName, 'Other');
    assert.deepEqual((await record(key, 'other')).entries, []);
  });

  test('op ids are per tenant: the same id applies once in each tenant', async () => {
    const key = uid('key');
    const body = batch(key, [{ op: 'log', at: 1, kind: 'action', name: 'x' }]);
    assert.equal((await demo.post(ROUTES.context, body)).body.applied, 1);
    assert.equal((await other.post(ROUTES.context, body)).body.applied, 1);
  });

  test('an externalId merge never crosses tenants', async () => {
    const a = await send(uid('key'), [{ op: 'identity', at: 1, set: { externalId: 'shared-ext' } }]);
    const b = await send(uid('key'), [{ op: 'identity', at: 1, set: { externalId: 'shared-ext' } }], other);
    assert.notEqual(a.consumerId, b.consumerId);
  });
});
