/**
 * Two real `serve` processes sharing one store and one Redis behind HAProxy: customers and
 * agents on different processes talk and co-browse as if there were one; a session is offered to one agent at
 * a time and accepted once; queue positions and rate limits are the same on both.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ChatEvent, LiveGrant } from '../../src/protocol/live.js';
import { ROUTES, routePath } from '../../src/protocol/routes.js';
import type { TestServer } from '../test-server.js';
import { Cluster } from './cluster.js';
import { client, uid } from './helpers.js';
import { cobrowseBatch, LiveClient, sleep } from './live-helpers.js';
import { useTestRedis } from './redis-helpers.js';

const redis = useTestRedis();
let cluster: Cluster;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const open: LiveClient[] = [];

before(async () => {
  cluster = await Cluster.start(
    {
      redisUrl: await redis.url(),
      // Offers stay put while a test looks at them; a live session's REST calls have a small budget.
      env: { NEXUS_OFFER_TIMEOUT_MS: '60000', NEXUS_PRESENCE_TTL_MS: '3000' },
      serveArgs: ['--rate-limit', 'session=1/10'],
    },
    async (cli) => {
      await cli('tenant', 'create', 'acme');
      tokens.app = await cli('token', 'create', '--tenant', 'acme', '--name', 'web');
      for (const skill of ['sales', 'race', 'queue']) await cli('skill', 'create', 'acme', skill);
      for (const [name, skills] of [['alex', 'sales'], ['ann', 'race'], ['bob', 'race']] as const) {
        const id = await cli('agent', 'create', 'acme', '--name', name, ...(skills ? ['--skills', skills] : []));
        ids[name] = id;
        tokens[name] = await cli('agent', 'token', id, '--tenant', 'acme');
      }
    },
  );
});
after(async () => {
  await Promise.all(open.map((c) => c.close()));
  await cluster?.stop();
});

/** Process `i` as the test helpers see a server. */
const node = (i: number) => ({ url: cluster.nodes[i].url }) as TestServer;

async function connect(i: number, token: string, since?: number) {
  const live = await LiveClient.connect(node(i), token, since);
  open.push(live);
  return live;
}

/** An agent connected to process `i`, available. */
async function agent(i: number, token: string) {
  const live = await connect(i, token);
  live.send({ type: 'status', status: 'available' });
  await live.next('status');
  return live;
}

async function requestHelp(i: number, skill: string) {
  const res = await client(cluster.nodes[i].url, tokens.app).post<LiveGrant>(ROUTES.liveSessions, {
    consumer: uid('consumer'),
    kind: 'chat',
    skill,
    clientId: uid('request'),
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

describe('two processes', () => {
  test('customer on one process, agent on the other: chat, typing, read markers and files flow both ways', async () => {
    const alex = await agent(1, tokens.alex);
    const grant = await requestHelp(0, 'sales');
    const offer = await alex.next('offer', (f) => f.session.id === grant.session.id);
    assert.ok(offer.expiresAt > Date.now());
    alex.send({ type: 'accept', sessionId: grant.session.id });
    await alex.next('event', (f) => f.event.type === 'state' && f.event.state === 'active');
    const customer = await connect(0, grant.sessionToken);
    const sessionId = grant.session.id;

    const hello = await customer.say('hello from process 0');
    const heard = await alex.next('event', (f) => f.event.type === 'message');
    assert.deepEqual([heard.event.text, heard.event.seq], ['hello from process 0', hello.seq]);
    await alex.say('hello from process 1', sessionId);
    const answer = await customer.next('event', (f) => f.event.type === 'message' && f.event.author.role === 'agent');
    assert.equal(answer.event.text, 'hello from process 1');

    customer.send({ type: 'typing', active: true });
    assert.deepEqual([(await alex.next('typing')).role, alex.frames.at(-1)!.active], ['customer', true]);
    alex.send({ type: 'typing', sessionId, active: true });
    assert.equal((await customer.next('typing')).role, 'agent');
    alex.send({ type: 'seen', sessionId, seq: hello.seq });
    assert.deepEqual([(await customer.next('seen')).seq], [hello.seq]);
    customer.send({ type: 'seen', seq: hello.seq + 1 });
    assert.equal((await alex.next('seen')).role, 'customer');

    const upload = await client(cluster.nodes[0].url, grant.sessionToken).raw(
      'POST',
      `${routePath(ROUTES.liveFiles, { id: sessionId })}?name=notes.txt`,
      { body: 'the file body', headers: { 'content-type': 'text/plain' } },
    );
    assert.equal(upload.status, 201, JSON.stringify(upload.body));
    customer.send({ type: 'file', clientId: uid('file'), fileId: upload.body.id });
    const file = await alex.next('event', (f) => f.event.type === 'file');
    // The signed link works on the other process too.
    const download = await fetch(new URL(file.event.file.url, cluster.nodes[1].url));
    assert.deepEqual([download.status, await download.text()], [200, 'the file body']);
    // And the other way: the agent uploads on process 1, the customer on process 0 gets it.
    const reply = await client(cluster.nodes[1].url, tokens.alex).raw('POST', `${routePath(ROUTES.liveFiles, { id: sessionId })}?name=answer.txt`, {
      body: 'the answer',
      headers: { 'content-type': 'text/plain' },
    });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    alex.send({ type: 'file', sessionId, clientId: uid('file'), fileId: reply.body.id });
    const got = await customer.next('event', (f) => f.event.type === 'file' && f.event.author.role === 'agent');
    assert.equal(await (await fetch(new URL(got.event.file.url, cluster.nodes[0].url))).text(), 'the answer');
  });

  test('both sides write one session at once from both processes: each message stored once, every connection gets every event once, in seq order', async () => {
    const alex = await agent(1, tokens.alex);
    const grant = await requestHelp(0, 'sales');
    await alex.next('offer', (f) => f.session.id === grant.session.id);
    alex.send({ type: 'accept', sessionId: grant.session.id });
    await alex.next('event', (f) => f.event.type === 'state' && f.event.state === 'active');
    const sessionId = grant.session.id;
    // The customer on both processes (two tabs) and the agent on process 1: no lock is shared
    // between processes for a message, so their seqs interleave as their commits do.
    const writers = [await connect(0, grant.sessionToken), await connect(1, grant.sessionToken), alex];
    const each = 15;
    for (let i = 0; i < each; i++) {
      writers.forEach((w, n) => w.send({ type: 'message', ...(w === alex && { sessionId }), clientId: `writer-${n}-${i}`, text: `writer ${n}, message ${i}` }));
    }
    const acks = (w: LiveClient) => w.frames.filter((f) => f.type === 'ack' || f.type === 'error');
    for (const w of writers) await w.until(() => acks(w).length >= each, 10_000);
    for (const w of writers) assert.deepEqual(acks(w).map((f) => (f.type === 'ack' ? 'ack' : f.code)), Array(each).fill('ack'));
    const seqs = writers.flatMap((w) => acks(w).map((f) => f.seq as number));
    assert.equal(new Set(seqs).size, seqs.length, 'every message has a seq of its own');
    const last = Math.max(...seqs);
    for (const w of writers) {
      await w.until(() => w.events(sessionId).some((e) => e.seq === last), 10_000);
      const got = w.events(sessionId).map((e) => e.seq as number);
      const start = got[0];
      assert.deepEqual(got, got.map((_, i) => start + i), 'consecutive seqs, each once');
      const messages = w.events(sessionId).filter((e) => e.type === 'message');
      for (let n = 0; n < writers.length; n++) {
        const mine = messages.filter((e) => e.clientId.startsWith(`writer-${n}-`)).map((e) => e.clientId);
        assert.deepEqual(mine, Array.from({ length: each }, (_, i) => `writer-${n}-${i}`), 'each writer\'s messages in the order sent');
      }
    }
    const res = await client(cluster.nodes[1].url, tokens.alex).get<{ items: { seq: number; clientId?: string }[] }>(
      `${routePath(ROUTES.liveEvents, { id: sessionId })}?after=0&limit=100`,
    );
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const stored = res.body.items.filter((e) => e.clientId?.startsWith('writer-'));
    assert.equal(stored.length, writers.length * each, 'each message stored once');
  });

  test('co-browse across processes: consent, events, snapshots, remote control and the list', async () => {
    const alex = await agent(1, tokens.alex);
    const grant = await requestHelp(0, 'sales');
    const sessionId = grant.session.id;
    await alex.next('offer', (f) => f.session.id === sessionId);
    alex.send({ type: 'accept', sessionId });
    await alex.next('event', (f) => f.event.type === 'state' && f.event.state === 'active');
    const customer = await connect(0, grant.sessionToken);

    alex.send({ type: 'cobrowse.request', sessionId });
    const pending = await customer.next('cobrowse', (f) => f.cobrowse.state === 'pending');
    customer.send({ type: 'cobrowse.consent', id: pending.cobrowse.id, accept: true });
    await alex.next('cobrowse', (f) => f.cobrowse.state === 'active');
    const id: string = pending.cobrowse.id;

    customer.send(cobrowseBatch(id, 1));
    assert.equal((await alex.next('cobrowse.events')).seq, 1);
    alex.send({ type: 'cobrowse.snapshot-request', sessionId });
    assert.equal((await customer.next('cobrowse.snapshot-request')).id, id);
    alex.send({ type: 'cobrowse.input', sessionId, input: { kind: 'laser', x: 10, y: 20 } });
    assert.deepEqual((await customer.next('cobrowse.input')).input, { kind: 'laser', x: 10, y: 20 });
    alex.send({ type: 'cobrowse.control-request', sessionId });
    await customer.next('cobrowse', (f) => f.cobrowse.control === 'pending');
    customer.send({ type: 'cobrowse.control-consent', id, accept: true });
    await alex.next('cobrowse', (f) => f.cobrowse.control === 'granted');
    alex.send({ type: 'cobrowse.input', sessionId, input: { kind: 'click', node: 7 } });
    assert.deepEqual((await customer.next('cobrowse.input', (f) => f.input.kind === 'click')).input, { kind: 'click', node: 7 });

    const listed = async (i: number) =>
      (await client(cluster.nodes[i].url, tokens.alex).get(ROUTES.agentCobrowse, { sessionId })).body.items.map((c: { state: string }) => c.state);
    assert.deepEqual([await listed(0), await listed(1)], [['active'], ['active']]);
    // The customer's tab goes: the co-browse it streamed ends, and both processes list it as ended.
    await customer.close();
    assert.equal((await alex.next('cobrowse', (f) => f.cobrowse.state === 'ended')).cobrowse.reason, 'disconnected');
    assert.deepEqual([await listed(0), await listed(1)], [['ended'], ['ended']]);
  });

  test('a session is offered to one agent at a time, and of two agents accepting at once on different processes one gets it', async () => {
    const ann = await agent(0, tokens.ann);
    const bob = await agent(1, tokens.bob);
    for (let round = 0; round < 5; round++) {
      const grant = await requestHelp(round % 2, 'race');
      const sessionId = grant.session.id;
      const mine = (f: Record<string, any>) => f.session?.id === sessionId;
      // Whoever got the offer, the other one did not.
      await Promise.race([ann.until((fs) => fs.some((f) => f.type === 'offer' && mine(f))), bob.until((fs) => fs.some((f) => f.type === 'offer' && mine(f)))]);
      await sleep(100);
      const offered = [ann, bob].filter((c) => c.frames.some((f) => f.type === 'offer' && mine(f)));
      assert.equal(offered.length, 1, `round ${round}: offered to exactly one agent`);
      // Both accept at the same moment (a queued session can be taken by anyone; an offered one by its agent).
      const results = await Promise.all(
        [[0, tokens.ann], [1, tokens.bob]].map(([i, token]) =>
          client(cluster.nodes[i as number].url, token as string).post(routePath(ROUTES.agentAccept, { id: sessionId }), {}),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      assert.deepEqual(statuses, [200, 409], `round ${round}: one accept wins: ${JSON.stringify(results.map((r) => r.body))}`);
      const events = await client(cluster.nodes[0].url, tokens.ann).get(routePath(ROUTES.liveEvents, { id: sessionId }));
      const joined = events.body.items.filter((e: { type: string; presence?: string }) => e.type === 'presence' && e.presence === 'joined');
      assert.equal(joined.length, 1, 'one agent joined');
      const winner = results.find((r) => r.status === 200)!;
      await client(cluster.nodes[round % 2].url, winner === results[0] ? tokens.ann : tokens.bob).post(routePath(ROUTES.agentEnd, { id: sessionId }), {});
    }
  });

  test('queue positions and agents available agree on both processes', async () => {
    const grants: LiveGrant[] = [];
    for (let i = 0; i < 4; i++) grants.push(await requestHelp(i % 2, 'queue'));
    const customers = await Promise.all(grants.map((g, i) => connect(i % 2, g.sessionToken)));
    for (const [i, customer] of customers.entries()) {
      assert.deepEqual(customer.welcome!.session.queue, { position: i + 1, waitSeconds: null, agentsAvailable: 0 });
    }
    // The first customer leaves: everyone behind moves up, told by whichever process.
    customers[0].send({ type: 'end' });
    for (const [i, customer] of customers.slice(1).entries()) {
      const moved = await customer.next('queue', (f) => f.queue.position === i + 1);
      assert.equal(moved.queue.agentsAvailable, 0);
    }
    for (const [i, g] of grants.slice(1).entries()) {
      for (const n of [0, 1]) {
        const seen = await client(cluster.nodes[n].url, g.sessionToken).get(routePath(ROUTES.liveSession, { id: g.session.id }));
        assert.equal(seen.body.queue.position, i + 1, `process ${n}`);
      }
    }
  });

  test('rate limits: a live session that reaches both processes has one budget', async () => {
    const grant = await requestHelp(0, 'sales');
    const path = routePath(ROUTES.liveSession, { id: grant.session.id });
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) statuses.push((await client(cluster.nodes[i % 2].url, grant.sessionToken).get(path)).status);
    const ok = statuses.filter((s) => s === 200).length;
    // Burst 10 and 1 a second: 10 or 11 pass, not 14 (one bucket per process would let all through).
    assert.ok(ok >= 10 && ok <= 11, `passed: ${ok} (${statuses.join(' ')})`);
    assert.ok(statuses.slice(-3).every((s) => s === 429), statuses.join(' '));
    // Through the balancer as well. The bucket gains one request a second, and a loaded machine
    // may have taken that long since: of three at once, at most one can pass.
    const through = await Promise.all([0, 1, 2].map(() => client(cluster.url, grant.sessionToken).get(path)));
    const refused = through.filter((res) => res.status === 429);
    assert.ok(refused.length >= 2, `through the balancer: ${through.map((res) => res.status).join(' ')}`);
    assert.ok(refused.every((res) => Number(res.headers.get('retry-after')) >= 1));
  });
});

describe('session transfer across two processes', () => {
  /** A sales chat asked on process 0, taken by Alex on process 1 (accepted outright: Alex may hold many by now). */
  async function chatWithAlex() {
    const alex = await agent(1, tokens.alex);
    const grant = await requestHelp(0, 'sales');
    alex.send({ type: 'accept', sessionId: grant.session.id });
    await alex.next('event', (f) => f.sessionId === grant.session.id && f.event.type === 'state' && f.event.state === 'active');
    return { alex, customer: await connect(0, grant.sessionToken), sessionId: grant.session.id };
  }

  test('to an agent on the other process: one offer with the note, accepted once, the customer’s messages once and in order', async () => {
    const { alex, customer, sessionId } = await chatWithAlex();
    const [ann, bob] = [await agent(0, tokens.ann), await agent(1, tokens.bob)];
    await customer.say('one');

    alex.send({ type: 'transfer', sessionId, to: { agentId: ids.ann }, note: 'over to you' });
    const offer = await ann.next('offer', (f) => f.session.id === sessionId);
    assert.deepEqual([offer.transfer.note, offer.transfer.from.name], ['over to you', 'alex']);
    await customer.next('event', (f) => f.event.type === 'transfer');
    const during = [await customer.say('two'), await customer.say('three')];
    assert.ok(during[0].seq < during[1].seq);

    // Ann (process 0, socket) and Bob (process 1, REST) accept at once: the offer is Ann's.
    ann.send({ type: 'accept', sessionId });
    const byBob = await client(cluster.nodes[1].url, tokens.bob).post(routePath(ROUTES.agentAccept, { id: sessionId }), {});
    assert.deepEqual([byBob.status, byBob.body.error?.code], [409, 'session_taken']);
    await ann.next('event', (f) => f.sessionId === sessionId && f.event.type === 'state' && f.event.state === 'active' && f.event.author.name === 'ann');
    await customer.say('four');
    await ann.next('event', (f) => f.event.text === 'four');
    await bob.none('offer', (f) => f.session.id === sessionId);

    for (const side of [ann, customer]) {
      const events = side.events(sessionId) as ChatEvent[];
      const seqs = events.map((e) => e.seq);
      assert.deepEqual(seqs, [...new Set(seqs)].sort((a, b) => a - b), 'each event once, in seq order');
      assert.deepEqual(events.filter((e) => e.type === 'message').map((e) => e.text), ['one', 'two', 'three', 'four']);
    }
    await client(cluster.nodes[0].url, tokens.ann).post(routePath(ROUTES.agentEnd, { id: sessionId }), {});
  });

  test('to a skill, asked on the other process: offered to exactly one of its agents, with the note', async () => {
    const { alex, sessionId } = await chatWithAlex();
    const [ann, bob] = [await agent(0, tokens.ann), await agent(1, tokens.bob)];
    const res = await client(cluster.nodes[0].url, tokens.alex).post(routePath(ROUTES.agentTransfer, { id: sessionId }), { to: { skill: 'race' }, note: 'billing' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const offered = (c: LiveClient) => c.frames.find((f) => f.type === 'offer' && f.session.id === sessionId);
    await ann.until(() => Boolean(offered(ann) || offered(bob)), 5000);
    await sleep(300);
    assert.equal([ann, bob].filter(offered).length, 1, 'never offered to two agents at once');
    // Alex got the chat's first offer; the transferred session is not offered back to him.
    await alex.none('offer', (f) => f.session.id === sessionId && f.transfer);
    assert.equal((offered(ann) ?? offered(bob))!.transfer.note, 'billing');
  });
});
