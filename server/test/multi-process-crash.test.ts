/**
 * Processes that die (`kill -9`) in a cluster of two behind HAProxy: the offers they made move
 * on, their agents go offline after the presence TTL, and conversations carry on through the
 * other process with every message exactly once and in order.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LiveGrant } from '../../src/protocol/live.js';
import { ROUTES, routePath } from '../../src/protocol/routes.js';
import type { TestServer } from '../test-server.js';
import { CHECK_PATH, Cluster } from './cluster.js';
import { client, uid } from './helpers.js';
import { LiveClient, sleep } from './live-helpers.js';
import { useTestRedis } from './redis-helpers.js';
import { ResilientClient } from './resilient-client.js';

const OFFER_MS = 6000;
const PRESENCE_TTL_MS = 900;

const redis = useTestRedis();
let cluster: Cluster;
const tokens: Record<string, string> = {};
const open: { close(): unknown }[] = [];

before(async () => {
  cluster = await Cluster.start(
    { redisUrl: await redis.url(), env: { NEXUS_OFFER_TIMEOUT_MS: String(OFFER_MS), NEXUS_PRESENCE_TTL_MS: String(PRESENCE_TTL_MS) } },
    async (cli) => {
      await cli('tenant', 'create', 'acme');
      tokens.app = await cli('token', 'create', '--tenant', 'acme', '--name', 'web');
      for (const skill of ['first', 'second', 'chat']) await cli('skill', 'create', 'acme', skill);
      const agents = [['ann', 'first'], ['bob', 'first'], ['cat', 'second'], ['dan', 'second'], ['eve', 'chat']];
      for (const [name, skill] of agents) {
        const id = await cli('agent', 'create', 'acme', '--name', name, '--skills', skill);
        await cli('agent', 'token', id, '--tenant', 'acme').then((token) => (tokens[name] = token));
      }
    },
  );
});
after(async () => {
  await Promise.all(open.map((c) => c.close()));
  await cluster?.stop();
});

const node = (i: number) => ({ url: cluster.nodes[i].url }) as TestServer;

async function agent(i: number, token: string) {
  const live = await LiveClient.connect(node(i), token);
  open.push(live);
  live.send({ type: 'status', status: 'available' });
  await live.next('status');
  return live;
}

async function requestHelp(url: string, skill: string) {
  const body = { consumer: uid('consumer'), kind: 'chat', skill, clientId: uid('request') };
  const res = await client(url, tokens.app).post<LiveGrant>(ROUTES.liveSessions, body);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

/** Starts process `i` again and waits until the balancer sends it traffic. */
async function revive(i: number) {
  await cluster.respawn(i);
  assert.equal((await fetch(cluster.nodes[i].url + CHECK_PATH)).status, 200);
  await sleep(800);
}

describe('a process dies', () => {
  test('the process that made an offer: another process moves the offer on at its deadline', async () => {
    const ann = await agent(1, tokens.ann);
    const bob = await agent(1, tokens.bob);
    const grant = await requestHelp(cluster.nodes[0].url, 'first');
    const mine = (f: Record<string, any>) => f.session?.id === grant.session.id || f.sessionId === grant.session.id;
    await Promise.race([ann.until((fs) => fs.some((f) => f.type === 'offer' && mine(f))), bob.until((fs) => fs.some((f) => f.type === 'offer' && mine(f)))]);
    await cluster.kill(0);
    const [first, second] = ann.frames.some((f) => f.type === 'offer' && mine(f)) ? [ann, bob] : [bob, ann];
    const offered = first.frames.find((f) => f.type === 'offer' && mine(f))!;
    // The deadline passes with its process gone: process 1 withdraws it and offers the session to the other agent.
    await first.next('offer-withdrawn', mine, OFFER_MS + 3000);
    const again = await second.next('offer', mine, 3000);
    assert.ok(Date.now() >= offered.expiresAt, 'not before the deadline');
    assert.ok(again.expiresAt > offered.expiresAt);
    second.send({ type: 'accept', sessionId: grant.session.id });
    await second.next('event', (f) => f.event.type === 'state' && f.event.state === 'active');
    await revive(0);
  });

  test('the process of an agent: the agent goes offline after the presence TTL and its offer moves on', async () => {
    const cat = await agent(0, tokens.cat);
    const grant = await requestHelp(cluster.nodes[1].url, 'second');
    const offered = await cat.next('offer', (f) => f.session.id === grant.session.id);
    const dan = await agent(1, tokens.dan);
    await dan.none('offer', () => true, 300);
    const killedAt = Date.now();
    await cluster.kill(0);
    const moved = await dan.next('offer', (f) => f.session.id === grant.session.id, 5000);
    const took = Date.now() - killedAt;
    assert.ok(Date.now() < offered.expiresAt, `moved on by presence (${took} ms), before the offer's own deadline`);
    assert.ok(took >= PRESENCE_TTL_MS - 300, `not before the TTL: ${took} ms`);
    assert.ok(moved.expiresAt > offered.expiresAt);
    const seen = await client(cluster.nodes[1].url, grant.sessionToken).get(routePath(ROUTES.liveSession, { id: grant.session.id }));
    assert.equal(seen.body.agent.id, moved.session.agent.id);
    await revive(0);
  });

  test('mid-conversation: both sides reconnect through the balancer; every message arrives exactly once, in order', async () => {
    const eve = await agent(0, tokens.eve);
    const grant = await requestHelp(cluster.url, 'chat');
    const sessionId = grant.session.id;
    await eve.next('offer', (f) => f.session.id === sessionId);
    eve.send({ type: 'accept', sessionId });
    await eve.next('event', (f) => f.event.type === 'state' && f.event.state === 'active');
    await eve.close();
    const customer = new ResilientClient(cluster.url, grant.sessionToken, 'customer', sessionId);
    const agentSide = new ResilientClient(cluster.url, tokens.eve, 'agent', sessionId);
    open.push({ close: () => customer.stop() }, { close: () => agentSide.stop() });
    await customer.start();
    await agentSide.start();

    const PER_SIDE = 30;
    for (let i = 0; i < PER_SIDE; i++) {
      customer.say(`customer ${i}`);
      agentSide.say(`agent ${i}`);
      if (i === 10) await cluster.kill(0);
      if (i === 15) await revive(0);
      if (i === 20) await cluster.kill(1);
      await sleep(40);
    }
    await revive(1);
    const everything = (c: ResilientClient) => c.pending === 0 && c.messages().length === 2 * PER_SIDE;
    for (const side of [customer, agentSide]) {
      const deadline = Date.now() + 20_000;
      while (!everything(side) && Date.now() < deadline) await sleep(50);
    }
    assert.ok(customer.drops + agentSide.drops >= 2, `connections dropped and came back (${customer.drops}, ${agentSide.drops})`);

    const stored = await client(cluster.url, grant.sessionToken).get(routePath(ROUTES.liveEvents, { id: sessionId }), { limit: 100 });
    assert.equal(stored.status, 200, JSON.stringify(stored.body));
    const messages = stored.body.items.filter((e: { type: string }) => e.type === 'message');
    const texts = messages.map((e: { text: string }) => e.text);
    assert.equal(texts.length, 2 * PER_SIDE, 'each message stored once');
    assert.equal(new Set(texts).size, texts.length);
    for (const who of ['customer', 'agent']) {
      const mineInOrder = texts.filter((t: string) => t.startsWith(who));
      assert.deepEqual(mineInOrder, Array.from({ length: PER_SIDE }, (_, i) => `${who} ${i}`), `${who}'s messages in the order sent`);
    }
    for (const side of [customer, agentSide]) {
      const seqs = side.transcript.map((r) => r.seq);
      assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => seqs[0] + i), 'no gap, no repeat');
      assert.deepEqual(side.messages().map((r) => r.text), texts, 'each side has the whole conversation, in the stored order');
    }
  });
});
