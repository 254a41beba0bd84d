import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import { sql } from 'kysely';
import { routePath, ROUTES } from '../../src/protocol/routes.js';
import { issueAgentToken } from '../auth.js';
import type { SqliteStore } from '../store/sqlite/store.js';
import { client } from './helpers.js';
import { closeAll, eventually, LiveClient, OFFER_MS, requestHelp, startLiveServer } from './live-helpers.js';

const LONG_OFFER = 60_000;
type Server = Awaited<ReturnType<typeof startLiveServer>>;
let server: Server;
const clients: LiveClient[] = [];

beforeEach(async () => {
  // Offers outlive every test here, except the one about their expiry.
  server = await startLiveServer({ live: { offerTimeoutMs: LONG_OFFER } });
});
afterEach(async () => {
  await closeAll(...clients.splice(0));
  await server.close();
});

const connect = async (token: string, since?: number) => {
  const live = await LiveClient.connect(server, token, since);
  clients.push(live);
  return live;
};
const agentApi = (token = server.agents.alex) => client(server.url, token);
/** POSTs a body-less agent action (accept, end) on a session. */
const act = (token: string, route: 'agentAccept' | 'agentEnd', id: string) => agentApi(token).raw('POST', routePath(ROUTES[route], { id }));
/** Starts the server again with another offer timeout. */
const useOfferTimeout = async (offerTimeoutMs: number) => {
  await server.close();
  server = await startLiveServer({ live: { offerTimeoutMs } });
};
const customerApi = (sessionToken: string) => client(server.url, sessionToken);

describe('offers', () => {
  test('a chat is offered to one connected, available agent of its skill, with an expiry', async () => {
    const [alex, sam] = [await connect(server.agents.alex), await connect(server.agents.sam)];
    const before = Date.now();
    const grant = await requestHelp(server, { skill: 'sales' });
    assert.equal(grant.status, 201);
    assert.equal(grant.session.state, 'assigned');
    assert.deepEqual(grant.session.agent, { id: 'alex', name: 'Alex' });
    const offer = await alex.next('offer');
    assert.equal(offer.session.id, grant.session.id);
    assert.ok(offer.expiresAt >= before + LONG_OFFER && offer.expiresAt <= Date.now() + LONG_OFFER);
    await sam.none('offer');
    // Sam still hears about the session: agents get every change of their tenant.
    await sam.next('session', (f) => f.session.id === grant.session.id);
    // Alex's second tab is told of the pending offer when it connects.
    const tab = await connect(server.agents.alex);
    const pending = await tab.next('offer');
    assert.deepEqual([pending.session.id, pending.expiresAt], [grant.session.id, offer.expiresAt]);
    assert.ok(tab.welcome!.sessions.some((s: { id: string }) => s.id === grant.session.id));
  });

  test('the socket route answers plain HTTP with 426', async () => {
    const res = await client(server.url).get(ROUTES.liveSocket);
    assert.deepEqual([res.status, res.body.error.code], [426, 'invalid_request']);
  });

  test('an offer that is not accepted in time goes to the next agent, and around again', async () => {
    await useOfferTimeout(OFFER_MS);
    const [alex, sam] = [await connect(server.agents.alex), await connect(server.agents.sam)];
    const { session } = await requestHelp(server, { skill: 'support' });
    const first = await alex.next('offer');
    assert.equal(first.session.id, session.id);
    await alex.next('offer-withdrawn', (f) => f.sessionId === session.id);
    await sam.next('offer', (f) => f.session.id === session.id);
    await sam.next('offer-withdrawn', (f) => f.sessionId === session.id);
    await alex.next('offer', (f) => f.session.id === session.id);
    // Offers do not show the chat: no events went to either agent.
    assert.deepEqual([alex.events(session.id), sam.events(session.id)], [[], []]);
  });

  test('away agents get no offers; going away or disconnecting withdraws theirs', async () => {
    const alex = await connect(server.agents.alex);
    alex.send({ type: 'status', status: 'away' });
    assert.equal((await alex.next('status')).status, 'away');
    const grant = await requestHelp(server, { skill: 'sales' });
    assert.equal(grant.session.state, 'queued');
    assert.deepEqual(grant.session.queue, { position: 1, waitSeconds: null, agentsAvailable: 0 });
    await alex.none('offer');

    const status = await agentApi().post(ROUTES.agentStatus, { status: 'available' });
    assert.deepEqual(status.body, { id: 'alex', name: 'Alex', skills: ['sales', 'support'], status: 'available' });
    await alex.next('status', (f) => f.status === 'available');
    await alex.next('offer', (f) => f.session.id === grant.session.id);
    const mine = customerApi(grant.sessionToken);
    assert.equal((await mine.get(routePath(ROUTES.liveSession, { id: grant.session.id }))).body.state, 'assigned');

    alex.send({ type: 'status', status: 'away' });
    await alex.next('offer-withdrawn', (f) => f.sessionId === grant.session.id);
    assert.equal((await mine.get(routePath(ROUTES.liveSession, { id: grant.session.id }))).body.state, 'queued');

    await agentApi().post(ROUTES.agentStatus, { status: 'available' });
    await alex.next('offer', (f) => f.session.id === grant.session.id);
    await alex.close();
    const after = await eventually(
      async () => (await mine.get(routePath(ROUTES.liveSession, { id: grant.session.id }))).body,
      (session) => session.state !== 'assigned',
    );
    assert.equal(after.state, 'queued');
    assert.equal(after.agent, null);
  });

  test('the general queue goes to any agent; a full agent is skipped; the least busy agent goes first', async () => {
    await server.store.createAgent({ tenantId: 'demo', id: 'solo', name: 'Solo', skills: [], maxSessions: 1, status: 'available' });
    const solo = await connect((await issueAgentToken(server.store, { tenantId: 'demo', agentId: 'solo' })).jwt);
    const first = await requestHelp(server);
    assert.equal((await solo.next('offer')).session.id, first.session.id);
    solo.send({ type: 'accept', sessionId: first.session.id });
    await solo.next('session', (f) => f.session.id === first.session.id && f.session.state === 'active');
    const second = await requestHelp(server);
    assert.equal(second.session.state, 'queued', 'solo is at its maximum of one');
    await solo.none('offer', (f) => f.session.id === second.session.id);

    const sam = await connect(server.agents.sam);
    assert.equal((await sam.next('offer')).session.id, second.session.id, 'sam has no general skill but serves the general queue');
    sam.send({ type: 'accept', sessionId: second.session.id });
    await sam.next('session', (f) => f.session.id === second.session.id && f.session.state === 'active');

    const alex = await connect(server.agents.alex);
    const third = await requestHelp(server, { skill: 'support' });
    assert.equal((await alex.next('offer')).session.id, third.session.id, 'alex holds no session, sam holds one');
    await sam.none('offer', (f) => f.session.id === third.session.id);
  });

  test('calls are never offered: an agent finds them by connection code and accepts them', async () => {
    const alex = await connect(server.agents.alex);
    const call = await requestHelp(server, { kind: 'call', skill: 'sales' });
    assert.match(call.session.code, /^\d{6}$/);
    assert.equal(call.session.state, 'queued');
    assert.equal(call.session.queue, null, 'calls have no queue position');
    await alex.none('offer');

    const found = await agentApi().get(routePath(ROUTES.agentSessionByCode, { code: call.session.code }));
    assert.equal(found.status, 200);
    assert.equal(found.body.id, call.session.id);
    const other = await agentApi(server.agents.other).get(routePath(ROUTES.agentSessionByCode, { code: call.session.code }));
    assert.deepEqual([other.status, other.body.error.code], [404, 'session_not_found']);

    const customer = await connect(call.sessionToken);
    const accepted = await act(server.agents.alex, 'agentAccept', call.session.id);
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    assert.equal(accepted.body.state, 'active');
    const joined = await customer.next('event', (f) => f.event.type === 'presence');
    assert.deepEqual(joined.event.author, { role: 'agent', id: 'alex', name: 'Alex' });
    assert.equal((await customer.next('session', (f) => f.session.state === 'active')).session.agent.name, 'Alex');

    await act(server.agents.alex, 'agentEnd', call.session.id);
    const gone = await agentApi().get(routePath(ROUTES.agentSessionByCode, { code: call.session.code }));
    assert.deepEqual([gone.status, gone.body.error.code], [404, 'session_not_found'], 'an ended session has no code');
  });
});

describe('accept and end', () => {
  test('accepting makes the session active, stores presence and state, and shows the agent what was said while waiting', async () => {
    const grant = await requestHelp(server, { skill: 'sales' });
    const customer = await connect(grant.sessionToken);
    await customer.say('Is anyone there?');
    const alex = await connect(server.agents.alex);
    await alex.next('offer');
    alex.send({ type: 'accept', sessionId: grant.session.id });
    const replay = await alex.next('event', (f) => f.event.type === 'state');
    assert.equal(replay.event.state, 'active');
    assert.deepEqual(
      alex.events(grant.session.id).map((e) => [e.seq, e.type, e.text ?? e.presence ?? e.state]),
      [
        [1, 'message', 'Is anyone there?'],
        [2, 'presence', 'joined'],
        [3, 'state', 'active'],
      ],
    );
    const active = await customer.next('session', (f) => f.session.state === 'active');
    assert.ok(active.session.acceptedAt >= grant.session.createdAt);
    assert.equal(active.session.queue, null);
    const stored = await server.store.listChatEvents('demo', grant.session.id, { after: 0, limit: 10 });
    assert.deepEqual(stored.items.map((e) => e.type), ['message', 'presence', 'state']);
  });

  test('a session another agent holds is session_taken; an ended one session_ended; accepting twice is fine', async () => {
    const alex = await connect(server.agents.alex);
    const grant = await requestHelp(server, { skill: 'support' });
    await alex.next('offer');
    const accept = (token: string) => act(token, 'agentAccept', grant.session.id);
    const taken = await accept(server.agents.sam);
    assert.deepEqual([taken.status, taken.body.error.code], [409, 'session_taken']);
    assert.equal((await accept(server.agents.alex)).body.state, 'active');
    assert.equal((await accept(server.agents.alex)).status, 200);
    assert.equal((await accept(server.agents.sam)).body.error.code, 'session_taken');
    const sam = await connect(server.agents.sam);
    sam.send({ type: 'accept', sessionId: grant.session.id });
    const error = await sam.next('error');
    assert.deepEqual([error.code, error.ref], ['session_taken', grant.session.id]);
    await act(server.agents.alex, 'agentEnd', grant.session.id);
    const ended = await accept(server.agents.alex);
    assert.deepEqual([ended.status, ended.body.error.code], [409, 'session_ended']);
    const missing = await act(server.agents.alex, 'agentAccept', 'ses_nope');
    assert.deepEqual([missing.status, missing.body.error.code], [404, 'session_not_found']);
  });

  test('the customer ends over WebSocket: presence left and state ended, which the agent receives', async () => {
    const alex = await connect(server.agents.alex);
    const grant = await requestHelp(server, { skill: 'sales' });
    await alex.next('offer');
    alex.send({ type: 'accept', sessionId: grant.session.id });
    const customer = await connect(grant.sessionToken);
    await customer.next('event', (f) => f.event.state === 'active');
    customer.send({ type: 'end' });
    const ended = await alex.next('event', (f) => f.event.state === 'ended');
    assert.deepEqual(ended.event.author, { role: 'customer' });
    const left = alex.events(grant.session.id).find((e) => e.presence === 'left');
    assert.deepEqual(left?.author, { role: 'agent', id: 'alex', name: 'Alex' });
    const session = (await customer.next('session', (f) => f.session.state === 'ended')).session;
    assert.equal(session.endedBy, 'customer');
    assert.ok(session.endedAt >= session.acceptedAt);
    // Ending again changes nothing.
    const again = await customerApi(grant.sessionToken).get(routePath(ROUTES.liveSession, { id: grant.session.id }));
    assert.equal(again.body.lastSeq, session.lastSeq);
    customer.send({ type: 'end' });
    await customer.none('error');
  });

  test('an agent ends over REST; an offered session ended by its customer is withdrawn from the agent', async () => {
    const alex = await connect(server.agents.alex);
    const first = await requestHelp(server, { skill: 'sales' });
    await alex.next('offer');
    const customer = await connect(first.sessionToken);
    customer.send({ type: 'end' });
    await alex.next('offer-withdrawn', (f) => f.sessionId === first.session.id);
    const events = await server.store.listChatEvents('demo', first.session.id, { after: 0, limit: 10 });
    assert.deepEqual(events.items.map((e) => [e.type, e.state]), [['state', 'ended']], 'no agent had joined: no presence left');

    const second = await requestHelp(server, { skill: 'sales' });
    await alex.next('offer', (f) => f.session.id === second.session.id);
    const bySam = await act(server.agents.sam, 'agentEnd', second.session.id);
    assert.deepEqual([bySam.status, bySam.body.error.code], [403, 'forbidden']);
    await act(server.agents.alex, 'agentAccept', second.session.id);
    const ended = await act(server.agents.alex, 'agentEnd', second.session.id);
    assert.deepEqual([ended.status, ended.body.state, ended.body.endedBy], [200, 'ended', 'agent']);
    const last = await server.store.listChatEvents('demo', second.session.id, { limit: 2 });
    assert.deepEqual(last.items.map((e) => e.presence ?? e.state), ['left', 'ended']);
    assert.deepEqual(last.items[1].author, { role: 'agent', id: 'alex', name: 'Alex' });
  });
});

describe('queue', () => {
  test('waiting customers get their position and wait estimate, and a new one whenever it changes', async () => {
    // History: three accepted support chats that waited 30, 60 and 90 seconds.
    for (const wait of [30_000, 60_000, 90_000]) {
      const { session } = await requestHelp(server, { skill: 'support' });
      await server.store.transitionLiveSession('demo', session.id, {
        from: ['queued'],
        set: { state: 'active', agentId: 'sam', acceptedAt: session.createdAt + wait },
      });
      await server.store.transitionLiveSession('demo', session.id, { from: ['active'], set: { state: 'ended', endedAt: Date.now() } });
    }
    const grants: Awaited<ReturnType<typeof requestHelp>>[] = [];
    for (let i = 0; i < 3; i++) grants.push(await requestHelp(server, { skill: 'support' }));
    const sales = await requestHelp(server, { skill: 'sales' });
    assert.deepEqual(sales.session.queue, { position: 1, waitSeconds: null, agentsAvailable: 0 }, 'sales has no history');
    const customers = await Promise.all(grants.map((g) => connect(g.sessionToken)));
    assert.deepEqual(
      customers.map((c) => c.welcome!.session.queue),
      [1, 2, 3].map((position) => ({ position, waitSeconds: 60 * position, agentsAvailable: 0 })),
    );

    customers[0].send({ type: 'end' });
    assert.deepEqual((await customers[1].next('queue')).queue, { position: 1, waitSeconds: 60, agentsAvailable: 0 });
    assert.deepEqual((await customers[2].next('queue')).queue, { position: 2, waitSeconds: 120, agentsAvailable: 0 });

    // Sam comes online: the first waiting chat is offered to him (it keeps position 1) and both
    // customers hear that an agent is available.
    const sam = await connect(server.agents.sam);
    await sam.next('offer', (f) => f.session.id === grants[1].session.id);
    assert.deepEqual((await customers[2].next('queue')).queue, { position: 2, waitSeconds: 120, agentsAvailable: 1 });
    assert.equal((await customers[1].next('queue')).queue.agentsAvailable, 1);
    sam.send({ type: 'accept', sessionId: grants[1].session.id });
    assert.equal((await customers[2].next('queue')).queue.position, 1);
  });
});

describe('connection codes', () => {
  test('six digits, unique among open sessions; an ended session frees its code', async () => {
    const grants = await Promise.all(Array.from({ length: 40 }, () => requestHelp(server, { kind: 'call' })));
    const codes = grants.map((g) => g.session.code);
    assert.ok(codes.every((c) => /^\d{6}$/.test(c)));
    assert.equal(new Set(codes).size, codes.length);

    const [a, b] = grants.map((g) => g.session);
    const reuse = sql`UPDATE live_sessions SET code = ${a.code} WHERE id = ${b.id}`;
    await assert.rejects(reuse.execute((server.store as SqliteStore).db), /UNIQUE/);
    await act(server.agents.alex, 'agentEnd', a.id);
    await reuse.execute((server.store as SqliteStore).db);
    const found = await agentApi().get(routePath(ROUTES.agentSessionByCode, { code: a.code }));
    assert.equal(found.body.id, b.id, 'the code now names the open session');
  });

  test('a drawn code that an open session holds is drawn again', async () => {
    const first = await requestHelp(server, { kind: 'call' });
    const taken = Number(first.session.code);
    const draws = [taken, taken, 123456];
    const randomInt = mock.method(crypto, 'randomInt', () => draws.shift() ?? 654321);
    syncBuiltinESMExports();
    try {
      const second = await requestHelp(server, { kind: 'call' });
      assert.equal(second.session.code, '123456');
      assert.equal(randomInt.mock.callCount(), 3);
    } finally {
      randomInt.mock.restore();
      syncBuiltinESMExports();
    }
  });
});

describe('restart', () => {
  test('sessions offered when the server stopped are queued again; their events are kept', async () => {
    const alex = await connect(server.agents.alex);
    const grant = await requestHelp(server, { skill: 'sales' });
    const customer = await connect(grant.sessionToken);
    await customer.say('Before the restart');
    await alex.next('offer');
    await server.restart();
    assert.equal(await customer.closed, 1012, 'connections are closed as a service restart (clients reconnect at once)');

    const api = customerApi(grant.sessionToken);
    const session = (await api.get(routePath(ROUTES.liveSession, { id: grant.session.id }))).body;
    assert.deepEqual([session.state, session.agent, session.lastSeq], ['queued', null, 1]);
    const again = await connect(grant.sessionToken, 0);
    const replayed = await again.next('event');
    assert.equal(replayed.event.text, 'Before the restart');
    const back = await connect(server.agents.alex);
    assert.equal((await back.next('offer')).session.id, grant.session.id, 'routing goes on after the restart');
  });
});
