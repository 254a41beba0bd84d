import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Migrator } from 'kysely';
import { COBROWSE_LIMITS } from '../../src/protocol/cobrowse.js';
import { routePath, ROUTES } from '../../src/protocol/routes.js';
import { changeCobrowseSettings } from '../cobrowse-settings.js';
import { migrationProvider } from '../store/migrations/index.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { client, migrationsFrom } from './helpers.js';
import { cobrowseBatch as batch, eventually, LiveClient, liveTestSetup, requestHelp } from './live-helpers.js';

const setup = liveTestSetup();
const { connect, activeChat, sharing } = setup;

const click = (sessionId: string, node = 7) => ({ type: 'cobrowse.input', sessionId, input: { kind: 'click', node } });

describe('co-browse: remote control, a second consent', () => {
  test('clicks, scrolls, text and keys are refused until the customer allows control; then they reach the sharing tab only', async () => {
    const { alex, customer, sessionId, id, grant } = await sharing();
    for (const input of [
      { kind: 'click', node: 7 },
      { kind: 'scroll', node: 1, x: 0, y: 400 },
      { kind: 'text', node: 9, value: 'hello' },
      { kind: 'key', node: 9, key: 'Enter' },
    ]) {
      alex.send({ type: 'cobrowse.input', sessionId, input });
      const refused = await alex.next('error');
      assert.deepEqual([refused.code, refused.ref], ['cobrowse_control_not_granted', sessionId], input.kind);
    }
    await customer.none('cobrowse.input');

    alex.send({ type: 'cobrowse.control-request', sessionId });
    const asked = await customer.next('cobrowse', (f) => f.cobrowse.control === 'pending');
    assert.deepEqual([asked.cobrowse.id, asked.cobrowse.state], [id, 'active']);
    await alex.next('cobrowse', (f) => f.cobrowse.control === 'pending');
    alex.send(click(sessionId));
    assert.equal((await alex.next('error')).code, 'cobrowse_control_not_granted', 'pending is not granted');

    customer.send({ type: 'cobrowse.control-consent', id, accept: true });
    await alex.next('cobrowse', (f) => f.cobrowse.control === 'granted');
    await customer.next('cobrowse', (f) => f.cobrowse.control === 'granted');
    alex.send(click(sessionId));
    const got = await customer.next('cobrowse.input');
    assert.deepEqual(got, { type: 'cobrowse.input', sessionId, id, agent: { id: 'alex', name: 'Alex' }, input: { kind: 'click', node: 7 } });

    // A second tab of the customer (not the sharing one) never gets inputs.
    const second = await connect(grant.sessionToken);
    alex.send({ type: 'cobrowse.input', sessionId, input: { kind: 'text', node: 9, value: 'typed by Alex' } });
    await customer.next('cobrowse.input', (f) => f.input.kind === 'text');
    await second.none('cobrowse.input');
  });

  test('the laser and highlights need no second consent; they never reach other sessions or agents', async () => {
    const { alex, customer, sessionId } = await sharing();
    alex.send({ type: 'cobrowse.input', sessionId, input: { kind: 'laser', x: 120, y: 80 } });
    alex.send({ type: 'cobrowse.input', sessionId, input: { kind: 'highlight', node: 12 } });
    alex.send({ type: 'cobrowse.input', sessionId, input: { kind: 'laser', x: null, y: null } });
    assert.deepEqual((await customer.next('cobrowse.input')).input, { kind: 'laser', x: 120, y: 80 });
    assert.deepEqual((await customer.next('cobrowse.input')).input, { kind: 'highlight', node: 12 });
    assert.deepEqual((await customer.next('cobrowse.input')).input, { kind: 'laser', x: null, y: null });
    assert.ok(alex.frames.every((f) => f.type !== 'cobrowse.input'), 'inputs are not echoed to agents');
  });

  test('declining control, or either side stopping it, turns it off and later clicks are refused; co-browse goes on', async () => {
    const { alex, customer, sessionId, id } = await sharing();
    alex.send({ type: 'cobrowse.control-request', sessionId });
    await customer.next('cobrowse', (f) => f.cobrowse.control === 'pending');
    customer.send({ type: 'cobrowse.control-consent', id, accept: false });
    const off = await alex.next('cobrowse', (f) => f.cobrowse.state === 'active' && f.cobrowse.control === 'off');
    customer.send({ type: 'cobrowse.control-consent', id, accept: true });
    assert.equal((await customer.next('error')).code, 'cobrowse_control_not_granted', 'nothing is pending any more');

    alex.send({ type: 'cobrowse.control-request', sessionId });
    await customer.next('cobrowse', (f) => f.cobrowse.control === 'pending');
    customer.send({ type: 'cobrowse.control-consent', id, accept: true });
    await alex.next('cobrowse', (f) => f.cobrowse.control === 'granted');
    customer.send({ type: 'cobrowse.control-end', id });
    await alex.next('cobrowse', (f) => f.cobrowse.control === 'off' && f.cobrowse.at > off.cobrowse.at);
    alex.send(click(sessionId));
    assert.equal((await alex.next('error')).code, 'cobrowse_control_not_granted');

    alex.send({ type: 'cobrowse.control-request', sessionId });
    await customer.next('cobrowse', (f) => f.cobrowse.control === 'pending');
    customer.send({ type: 'cobrowse.control-consent', id, accept: true });
    await customer.next('cobrowse', (f) => f.cobrowse.control === 'granted');
    alex.send({ type: 'cobrowse.control-end', sessionId });
    await customer.next('cobrowse', (f) => f.cobrowse.control === 'off');
    customer.send(batch(id, 1));
    await alex.next('cobrowse.events', (f) => f.seq === 1);
  });

  test('who may do what: control and input need an active co-browse; customers cannot send input; the consent comes from the sharing tab', async () => {
    const { alex, customer, sessionId, grant } = await activeChat();
    alex.send({ type: 'cobrowse.control-request', sessionId });
    assert.equal((await alex.next('error')).code, 'cobrowse_not_active');
    alex.send({ type: 'cobrowse.input', sessionId, input: { kind: 'laser', x: 1, y: 1 } });
    assert.equal((await alex.next('error')).code, 'cobrowse_not_active');
    customer.send({ type: 'cobrowse.input', sessionId, input: { kind: 'laser', x: 1, y: 1 } });
    assert.equal((await customer.next('error')).code, 'forbidden');
    alex.send({ type: 'cobrowse.control-consent', id: 'cb_x', accept: true });
    assert.equal((await alex.next('error')).code, 'forbidden');

    alex.send({ type: 'cobrowse.request', sessionId });
    const pending = await customer.next('cobrowse', (f) => f.cobrowse.state === 'pending');
    customer.send({ type: 'cobrowse.consent', id: pending.cobrowse.id, accept: true });
    await alex.next('cobrowse', (f) => f.cobrowse.state === 'active');
    alex.send({ type: 'cobrowse.control-request', sessionId });
    await alex.next('cobrowse', (f) => f.cobrowse.control === 'pending');
    const other = await connect(grant.sessionToken);
    other.send({ type: 'cobrowse.control-consent', id: pending.cobrowse.id, accept: true });
    assert.equal((await other.next('error')).code, 'cobrowse_not_active', 'only the sharing tab answers');

    // Bad input frames: an unknown kind, a key not on the list, text too long, no node.
    for (const input of [
      { kind: 'drag', node: 1 },
      { kind: 'key', node: 1, key: 'F5' },
      { kind: 'text', node: 1, value: 'x'.repeat(COBROWSE_LIMITS.maxInputText + 1) },
      { kind: 'click' },
    ]) {
      alex.send({ type: 'cobrowse.input', sessionId, input });
      assert.equal((await alex.next('error')).code, 'frame_invalid', JSON.stringify(input).slice(0, 40));
    }
  });

  test('inputs over the per-session rate are dropped with cobrowse_rate_limited', async () => {
    const { alex, customer, sessionId } = await sharing();
    const total = COBROWSE_LIMITS.inputBurst + 20;
    for (let i = 0; i < total; i++) alex.send({ type: 'cobrowse.input', sessionId, input: { kind: 'laser', x: i, y: i } });
    const limited = await alex.next('error');
    assert.equal(limited.code, 'cobrowse_rate_limited');
    await customer.next('cobrowse.input', (f) => f.input.x === COBROWSE_LIMITS.inputBurst - 1);
    assert.ok(customer.frames.filter((f) => f.type === 'cobrowse.input').length < total);
  });

  test('ending co-browse turns control off; remote mode ends with reason remote_client', async () => {
    const { alex, customer, sessionId, id } = await sharing();
    alex.send({ type: 'cobrowse.control-request', sessionId });
    await customer.next('cobrowse', (f) => f.cobrowse.control === 'pending');
    customer.send({ type: 'cobrowse.end', id, reason: 'remote_client' });
    const ended = await alex.next('cobrowse', (f) => f.cobrowse.state === 'ended');
    assert.deepEqual([ended.cobrowse.reason, ended.cobrowse.control], ['remote_client', 'off']);
    customer.send({ type: 'cobrowse.end', reason: 'agent' });
    assert.equal((await customer.next('error')).code, 'frame_invalid', 'a customer gives no reason but remote_client');
  });
});

describe('co-browse: the agents\' list', () => {
  test('GET /v1/agent/cobrowse lists the tenant\'s co-browses, newest first, filtered by state, session, agent and the session\'s data', async () => {
    const { alex, customer, sessionId, id } = await sharing();
    const agent = client(setup.server.url, setup.server.agents.alex);
    let res = await agent.get(ROUTES.agentCobrowse);
    assert.equal(res.status, 200);
    assert.equal(res.body.items.length, 1);
    assert.deepEqual(
      { ...res.body.items[0], at: 0 },
      { id, sessionId, state: 'active', agent: { id: 'alex', name: 'Alex' }, control: 'off', recording: false, at: 0 },
    );
    assert.equal((await agent.get(`${ROUTES.agentCobrowse}?state=pending`)).body.items.length, 0);
    assert.equal((await agent.get(`${ROUTES.agentCobrowse}?state=pending,active&agentId=alex&sessionId=${sessionId}`)).body.items.length, 1);
    assert.equal((await agent.get(`${ROUTES.agentCobrowse}?agentId=sam`)).body.items.length, 0);
    res = await agent.get(`${ROUTES.agentCobrowse}?state=finished`);
    assert.deepEqual([res.status, res.body.error.code], [400, 'invalid_request']);
    // Another tenant's agent sees nothing; customers and application tokens may not list.
    assert.deepEqual((await client(setup.server.url, setup.server.agents.other).get(ROUTES.agentCobrowse)).body.items, []);
    assert.equal((await client(setup.server.url, setup.server.tokens.demo).get(ROUTES.agentCobrowse)).status, 403);

    // Ended ones stay listed (the server's recent history) with their reason.
    customer.send({ type: 'cobrowse.end', id });
    await alex.next('cobrowse', (f) => f.cobrowse.state === 'ended');
    assert.deepEqual((await agent.get(`${ROUTES.agentCobrowse}?state=pending,active`)).body.items, []);
    const ended = (await agent.get(`${ROUTES.agentCobrowse}?state=ended`)).body.items;
    assert.deepEqual(ended.map((c: { id: string; reason: string }) => [c.id, c.reason]), [[id, 'customer']]);

    // A second co-browse of a session with custom data: the data filter, newest first, limit.
    const chat = await activeChatWithData({ plan: 'gold' });
    chat.alex.send({ type: 'cobrowse.request', sessionId: chat.sessionId });
    await chat.alex.next('cobrowse', (f) => f.cobrowse.state === 'pending');
    const gold = (await agent.get(`${ROUTES.agentCobrowse}?data=plan:gold`)).body.items;
    assert.deepEqual(gold.map((c: { sessionId: string; state: string }) => [c.sessionId, c.state]), [[chat.sessionId, 'pending']]);
    assert.deepEqual((await agent.get(`${ROUTES.agentCobrowse}?data=plan:silver`)).body.items, []);
    const all = (await agent.get(ROUTES.agentCobrowse)).body.items;
    assert.deepEqual(all.map((c: { sessionId: string }) => c.sessionId), [chat.sessionId, sessionId], 'newest first');
    assert.equal((await agent.get(`${ROUTES.agentCobrowse}?limit=1`)).body.items.length, 1);
    assert.equal((await agent.get(`${ROUTES.agentCobrowse}?data=nocolon`)).status, 400);
  });
});

describe('co-browse: recording, when the tenant switches it on', () => {
  test('off (the default): nothing is stored and the request says so', async () => {
    const { alex, customer, id, sessionId } = await sharing();
    const asked = customer.frames.find((f) => f.type === 'cobrowse');
    assert.equal(asked?.cobrowse.recording, false);
    customer.send(batch(id, 1));
    await alex.next('cobrowse.events');
    const list = await client(setup.server.url, setup.server.agents.alex).get(`${ROUTES.agentCobrowseRecordings}?sessionId=${sessionId}`);
    assert.deepEqual(list.body.items, []);
  });

  test('on: the customer is told before consenting; every relayed batch is stored in order and reads back as events', async () => {
    await changeCobrowseSettings(setup.server.store, 'demo', { recording: true });
    const { alex, customer, sessionId } = await activeChat();
    alex.send({ type: 'cobrowse.request', sessionId });
    const asked = await customer.next('cobrowse', (f) => f.cobrowse.state === 'pending');
    assert.equal(asked.cobrowse.recording, true);
    const id = asked.cobrowse.id as string;
    customer.send(batch(id, 1));
    assert.equal((await customer.next('error')).code, 'cobrowse_not_active', 'nothing before consent, stored or not');
    customer.send({ type: 'cobrowse.consent', id, accept: true });
    await alex.next('cobrowse', (f) => f.cobrowse.state === 'active');
    // A batch in two parts, then a one-part batch.
    const two = JSON.stringify([{ type: 2, data: { node: 'full' } }, { type: 3, data: { n: 2 } }]);
    customer.send({ type: 'cobrowse.events', id, seq: 2, part: 0, parts: 2, data: two.slice(0, 10) });
    customer.send({ type: 'cobrowse.events', id, seq: 2, part: 1, parts: 2, data: two.slice(10) });
    customer.send(batch(id, 3));
    await alex.next('cobrowse.events', (f) => f.seq === 3);
    customer.send({ type: 'cobrowse.end', id });
    await alex.next('cobrowse', (f) => f.cobrowse.state === 'ended');

    // Stored in the background, in order: the end is the last write.
    const agent = client(setup.server.url, setup.server.agents.alex);
    const list = await eventually(
      () => agent.get(`${ROUTES.agentCobrowseRecordings}?sessionId=${sessionId}`),
      (r) => r.body.items?.[0]?.endReason != null,
    );
    assert.equal(list.status, 200);
    assert.equal(list.body.items.length, 1);
    const summary = list.body.items[0];
    assert.deepEqual([summary.id, summary.sessionId, summary.agent.id, summary.endReason, summary.truncated], [id, sessionId, 'alex', 'customer', false]);
    assert.equal(summary.chars, two.length + batch(id, 3).data.length);
    const one = await agent.get(routePath(ROUTES.agentCobrowseRecording, { id }));
    assert.equal(one.status, 200);
    assert.deepEqual(
      one.body.batches.map((b: { seq: number; events: unknown[] }) => [b.seq, b.events]),
      [
        [2, JSON.parse(two)],
        [3, [{ type: 3, data: { n: 3 } }]],
      ],
    );
    // Another tenant's agent cannot read it; an unknown id is 404.
    assert.equal((await client(setup.server.url, setup.server.agents.other).get(routePath(ROUTES.agentCobrowseRecording, { id }))).status, 404);
    const missing = await agent.get(routePath(ROUTES.agentCobrowseRecording, { id: 'cb_nothing' }));
    assert.deepEqual([missing.status, missing.body.error.code], [404, 'cobrowse_not_found']);
  });

  test('a recording stops keeping parts at its size cap and says it was truncated; a batch missing a part is left out', async () => {
    const store = setup.server.store;
    await store.startCobrowseRecording({ id: 'cb_cap', tenantId: 'demo', sessionId: (await activeChat()).sessionId, agent: { id: 'alex', name: 'Alex' }, startedAt: 1 });
    const json = JSON.stringify([{ type: 3, data: { x: 'y' } }]);
    assert.equal(await store.appendCobrowseRecordingPart('demo', 'cb_cap', { seq: 1, part: 0, parts: 1, data: json, at: 2 }, 100), true);
    assert.equal(await store.appendCobrowseRecordingPart('demo', 'cb_cap', { seq: 2, part: 0, parts: 2, data: '[', at: 3 }, 100), true);
    assert.equal(await store.appendCobrowseRecordingPart('demo', 'cb_cap', { seq: 3, part: 0, parts: 1, data: 'x'.repeat(100), at: 4 }, 100), false);
    assert.equal(await store.appendCobrowseRecordingPart('demo', 'cb_cap', { seq: 4, part: 0, parts: 1, data: json, at: 5 }, 100), false, 'nothing after the cap');
    assert.equal(await store.appendCobrowseRecordingPart('other', 'cb_cap', { seq: 5, part: 0, parts: 1, data: json, at: 5 }, 100), false, 'not of that tenant');
    const res = await client(setup.server.url, setup.server.agents.alex).get(routePath(ROUTES.agentCobrowseRecording, { id: 'cb_cap' }));
    assert.equal(res.body.recording.truncated, true);
    assert.deepEqual(res.body.batches.map((b: { seq: number }) => b.seq), [1]);
  });
});

describe('migration 0008', () => {
  test('adds the recording switch and tables, and takes them away again', async () => {
    const store = new SqliteStore(':memory:');
    try {
      await store.migrate();
      await store.createTenant('acme', 'Acme');
      await changeCobrowseSettings(store, 'acme', { recording: true, blockSelectors: ['.x'] });
      assert.equal((await store.getCobrowseSettings('acme'))?.recording, true);
      const migrator = new Migrator({ db: store.db, provider: migrationProvider });
      assert.equal((await migrator.migrateTo('0007_cobrowse_settings')).error, undefined);
      const tables = (await store.db.introspection.getTables()).map((t) => t.name);
      assert.ok(!tables.includes('cobrowse_recordings') && !tables.includes('cobrowse_recording_parts'));
      assert.deepEqual(await store.migrate(), await migrationsFrom('0008_cobrowse_recording'));
      const back = await store.getCobrowseSettings('acme');
      assert.deepEqual([back?.recording, back?.blockSelectors], [false, ['.x']], 'the other settings survive; recording starts off');
    } finally {
      await store.close();
    }
  });
});

/** An active chat (Alex accepted) of a session with custom data, both sides connected. */
async function activeChatWithData(data: Record<string, string>) {
  const alex = setup.track(await LiveClient.connect(setup.server, setup.server.agents.alex));
  const grant = await requestHelp(setup.server, { skill: 'sales', data });
  await alex.next('offer', (f) => f.session.id === grant.session.id);
  alex.send({ type: 'accept', sessionId: grant.session.id });
  await alex.next('event', (f) => f.sessionId === grant.session.id && f.event.state === 'active');
  return { alex, sessionId: grant.session.id };
}
