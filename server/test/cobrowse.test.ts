import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { COBROWSE_LIMITS } from '../../src/protocol/cobrowse.js';
import { routePath, ROUTES } from '../../src/protocol/routes.js';
import { client } from './helpers.js';
import { cobrowseBatch as batch, liveTestSetup, requestHelp, sleep, type startLiveServer, type Frame } from './live-helpers.js';

type Server = Awaited<ReturnType<typeof startLiveServer>>;
const setup = liveTestSetup();
const { connect, activeChat, sharing } = setup;
let server: Server;
beforeEach(() => {
  server = setup.server;
});


const relayed = (frames: Frame[]) => frames.filter((f) => f.type === 'cobrowse.events');

describe('co-browse: request and consent', () => {
  test('the request reaches the customer as pending; nothing is relayed before consent; accept makes it active on both sides', async () => {
    const { alex, customer, sessionId } = await activeChat();
    alex.send({ type: 'cobrowse.request', sessionId });
    const mine = await alex.next('cobrowse');
    const asked = await customer.next('cobrowse');
    assert.equal(asked.sessionId, sessionId);
    assert.equal(asked.cobrowse.state, 'pending');
    assert.deepEqual(asked.cobrowse.agent, { id: 'alex', name: 'Alex' });
    assert.equal(mine.cobrowse.id, asked.cobrowse.id);

    customer.send(batch(asked.cobrowse.id, 1));
    const early = await customer.next('error');
    assert.deepEqual([early.code, early.ref], ['cobrowse_not_active', asked.cobrowse.id]);
    await alex.none('cobrowse.events');

    customer.send({ type: 'cobrowse.consent', id: asked.cobrowse.id, accept: true });
    assert.equal((await alex.next('cobrowse')).cobrowse.state, 'active');
    assert.equal((await customer.next('cobrowse')).cobrowse.state, 'active');
    customer.send(batch(asked.cobrowse.id, 2));
    const got = await alex.next('cobrowse.events');
    assert.deepEqual([got.sessionId, got.id, got.seq, got.part, got.parts], [sessionId, asked.cobrowse.id, 2, 0, 1]);
    assert.deepEqual(JSON.parse(got.data), [{ type: 3, data: { n: 2 } }]);
    assert.equal(relayed(alex.frames).length, 1, 'the batch sent before consent was never relayed');
    assert.equal(relayed(customer.frames).length, 0, 'the customer does not get its own events back');
  });

  test('decline: both sides see rejected, events are refused, and the agent may ask again', async () => {
    const { alex, customer, sessionId } = await activeChat();
    alex.send({ type: 'cobrowse.request', sessionId });
    const asked = await customer.next('cobrowse');
    customer.send({ type: 'cobrowse.consent', id: asked.cobrowse.id, accept: false });
    await alex.next('cobrowse', (f) => f.cobrowse.state === 'rejected');
    await customer.next('cobrowse', (f) => f.cobrowse.state === 'rejected');
    customer.send(batch(asked.cobrowse.id, 1));
    assert.equal((await customer.next('error')).code, 'cobrowse_not_active');
    customer.send({ type: 'cobrowse.consent', id: asked.cobrowse.id, accept: true });
    assert.equal((await customer.next('error')).code, 'cobrowse_not_found', 'a rejected request cannot be accepted later');
    alex.send({ type: 'cobrowse.request', sessionId });
    const again = await customer.next('cobrowse', (f) => f.cobrowse.state === 'pending');
    assert.notEqual(again.cobrowse.id, asked.cobrowse.id);
  });

  test('asking twice while pending answers the same request; a reconnecting customer tab is asked again', async () => {
    const { alex, customer, sessionId, grant } = await activeChat();
    alex.send({ type: 'cobrowse.request', sessionId });
    alex.send({ type: 'cobrowse.request', sessionId });
    const [a, b] = [await alex.next('cobrowse'), await alex.next('cobrowse')];
    assert.equal(a.cobrowse.id, b.cobrowse.id);
    await customer.close();
    const back = await connect(grant.sessionToken);
    const asked = await back.next('cobrowse');
    assert.deepEqual([asked.cobrowse.id, asked.cobrowse.state], [a.cobrowse.id, 'pending']);
  });

  test('who may ask: not the customer, not an agent of another tenant, not an agent who does not follow the session, not before accept', async () => {
    const { customer, sessionId } = await activeChat();
    customer.send({ type: 'cobrowse.request', sessionId });
    assert.equal((await customer.next('error')).code, 'forbidden');

    const olivia = await connect(server.agents.other);
    olivia.send({ type: 'cobrowse.request', sessionId });
    assert.deepEqual([(await olivia.next('error')).code], ['session_not_found']);

    const sam = await connect(server.agents.sam);
    sam.send({ type: 'cobrowse.request', sessionId });
    assert.equal((await sam.next('error')).code, 'forbidden');
    sam.send({ type: 'cobrowse.consent', id: 'cb_x', accept: true });
    assert.equal((await sam.next('error')).code, 'forbidden', 'only customers consent');

    const queued = await requestHelp(server, { skill: 'support' });
    sam.send({ type: 'subscribe', sessionId: queued.session.id });
    await sam.settled();
    sam.send({ type: 'cobrowse.request', sessionId: queued.session.id });
    assert.equal((await sam.next('error')).code, 'cobrowse_not_active', 'a session no agent has accepted');
    await customer.none('cobrowse');
  });
});

describe('co-browse: relay', () => {
  test('events reach the agents following the session only: not other sessions, not other tenants, not the customer', async () => {
    const { alex, customer, sessionId, id } = await sharing();
    const sam = await connect(server.agents.sam);
    const olivia = await connect(server.agents.other);
    // Another active chat of Alex's, with its own customer.
    const other = await requestHelp(server, { skill: 'sales' });
    await alex.next('offer', (f) => f.session.id === other.session.id);
    alex.send({ type: 'accept', sessionId: other.session.id });
    const otherCustomer = await connect(other.sessionToken);

    customer.send(batch(id, 1));
    await alex.next('cobrowse.events');
    // Sam joins late: subscribing shows the co-browse state, and he asks for a full snapshot.
    sam.send({ type: 'subscribe', sessionId });
    const state = await sam.next('cobrowse');
    assert.deepEqual([state.sessionId, state.cobrowse.state], [sessionId, 'active']);
    sam.send({ type: 'cobrowse.snapshot-request', sessionId });
    const ask = await customer.next('cobrowse.snapshot-request');
    assert.deepEqual([ask.sessionId, ask.id], [sessionId, id]);
    customer.send(batch(id, 2));
    const toSam = await sam.next('cobrowse.events');
    assert.equal(toSam.seq, 2);
    await alex.next('cobrowse.events', (f) => f.seq === 2);

    await sleep(100);
    for (const [name, peer] of [['olivia', olivia], ['other customer', otherCustomer], ['customer', customer]] as const) {
      assert.equal(relayed(peer.frames).length, 0, `${name} got no events`);
      assert.equal(peer.frames.filter((f) => f.type === 'cobrowse' && f.sessionId !== otherCustomer.welcome?.session.id).length, name === 'customer' ? 2 : 0, name);
    }
    // Sam stops following: no more events for him.
    sam.send({ type: 'unsubscribe', sessionId });
    await sam.settled();
    customer.send(batch(id, 3));
    await alex.next('cobrowse.events', (f) => f.seq === 3);
    await sam.none('cobrowse.events', (f) => f.seq === 3);
  });

  test('a second tab of the same customer cannot stream; events are not stored', async () => {
    const { alex, id, grant, sessionId } = await sharing();
    const second = await connect(grant.sessionToken);
    second.send(batch(id, 1));
    assert.equal((await second.next('error')).code, 'cobrowse_not_active');
    await alex.none('cobrowse.events');
    const page = await server.store.listChatEvents('demo', sessionId, { after: 0, limit: 100 });
    assert.ok(page.items.every((e) => !JSON.stringify(e).includes('cobrowse')), 'nothing about co-browse is stored');
  });
});

describe('co-browse: limits and bad frames', () => {
  test('an oversized part gets cobrowse_too_large and the connection stays open', async () => {
    const { alex, customer, id } = await sharing();
    customer.send(batch(id, 1, 'x'.repeat(COBROWSE_LIMITS.maxChunkChars + 1)));
    const error = await customer.next('error');
    assert.deepEqual([error.code, error.ref], ['cobrowse_too_large', id]);
    customer.send(batch(id, 2));
    assert.equal((await alex.next('cobrowse.events')).seq, 2);
    assert.equal(customer.closeCode, undefined);
  });

  test('over the per-session rate, parts are dropped with cobrowse_rate_limited; later ones go through', async () => {
    const { alex, customer, id } = await sharing();
    const total = COBROWSE_LIMITS.frameBurst + 60;
    for (let seq = 1; seq <= total; seq++) customer.send(batch(id, seq, '[]'));
    const answered = () => relayed(alex.frames).length + customer.frames.filter((f) => f.code === 'cobrowse_rate_limited').length;
    await customer.until(() => answered() >= total, 5000);
    const limited = customer.frames.filter((f) => f.code === 'cobrowse_rate_limited').length;
    assert.ok(limited >= 20, `${limited} limited`);
    assert.ok(customer.frames.every((f) => f.code !== 'rate_limited'), 'co-browse parts do not use up the chat frame budget');
    await sleep(300);
    customer.send(batch(id, total + 1, '[]'));
    await alex.next('cobrowse.events', (f) => f.seq === total + 1);
    assert.ok((await customer.say('still here')).seq > 0, 'chat goes on');
  });

  test('bad frames: wrong schema, part beyond parts, unknown id, agent without sessionId', async () => {
    const { alex, customer, id } = await sharing();
    customer.send({ type: 'cobrowse.events', id, seq: 0, part: 0, parts: 1, data: '[]' });
    assert.equal((await customer.next('error')).code, 'frame_invalid');
    customer.send({ type: 'cobrowse.events', id, seq: 1, part: 0, parts: 1, data: [] });
    assert.equal((await customer.next('error')).code, 'frame_invalid');
    customer.send({ ...batch(id, 1), part: 1 });
    assert.equal((await customer.next('error')).code, 'frame_invalid');
    customer.send(batch('cb_not-this-one', 1));
    assert.equal((await customer.next('error')).code, 'cobrowse_not_active');
    customer.send({ type: 'cobrowse.consent', id, accept: true });
    assert.equal((await customer.next('error')).code, 'cobrowse_not_active', 'consent to an active request');
    alex.send({ type: 'cobrowse.request' });
    assert.equal((await alex.next('error')).code, 'frame_invalid');
    alex.send({ type: 'cobrowse.end' });
    assert.equal((await alex.next('error')).code, 'frame_invalid');
    await alex.none('cobrowse.events');
    assert.equal(customer.closeCode, undefined);
  });
});

describe('co-browse: end', () => {
  test('the customer ends: both sides see ended (customer), later events are refused', async () => {
    const { alex, customer, id } = await sharing();
    customer.send({ type: 'cobrowse.end' });
    const ended = await alex.next('cobrowse', (f) => f.cobrowse.state === 'ended');
    assert.equal(ended.cobrowse.reason, 'customer');
    await customer.next('cobrowse', (f) => f.cobrowse.state === 'ended');
    customer.send(batch(id, 1));
    assert.equal((await customer.next('error')).code, 'cobrowse_not_active');
    await alex.none('cobrowse.events');
  });

  test('the agent ends (reason agent); ending again changes nothing', async () => {
    const { alex, customer, sessionId } = await sharing();
    alex.send({ type: 'cobrowse.end', sessionId });
    assert.equal((await customer.next('cobrowse', (f) => f.cobrowse.state === 'ended')).cobrowse.reason, 'agent');
    alex.send({ type: 'cobrowse.end', sessionId });
    await alex.settled();
    await customer.none('cobrowse', (f) => f.cobrowse.state === 'ended');
  });

  test('ending the chat (socket or REST) ends co-browse', async () => {
    const first = await sharing();
    first.customer.send({ type: 'end' });
    assert.equal((await first.alex.next('cobrowse', (f) => f.cobrowse.state === 'ended')).cobrowse.reason, 'chat_ended');

    const second = await sharing();
    const res = await client(server.url, server.agents.alex).post(routePath(ROUTES.agentEnd, { id: second.sessionId }), {});
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal((await second.customer.next('cobrowse', (f) => f.cobrowse.state === 'ended')).cobrowse.reason, 'chat_ended');
  });

  test('the sharing tab disconnecting ends co-browse (reason disconnected)', async () => {
    const { alex, customer } = await sharing();
    await customer.close();
    assert.equal((await alex.next('cobrowse', (f) => f.cobrowse.state === 'ended')).cobrowse.reason, 'disconnected');
  });
});
