/**
 * Faults in a cluster of two behind HAProxy, with a conversation going on: a rolling restart
 * (each process stopped gracefully and started again in turn), and PostgreSQL unreachable for a
 * while. Every message arrives exactly once, in order; nothing acknowledged is lost.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { startPostgres } from '../../scripts/services.mjs';
import type { LiveGrant } from '../../src/protocol/live.js';
import { ROUTES, routePath } from '../../src/protocol/routes.js';
import type { TestServer } from '../test-server.js';
import { CHECK_PATH, Cluster } from './cluster.js';
import { client, uid } from './helpers.js';
import { LiveClient, sleep } from './live-helpers.js';
import { useTestRedis } from './redis-helpers.js';
import { ResilientClient } from './resilient-client.js';

const redis = useTestRedis();
const cleanups: (() => unknown)[] = [];
after(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A cluster with a tenant, an app token and one agent (`tokens.agent`) of the skill `chat`. */
async function cluster(database?: string) {
  const tokens: Record<string, string> = {};
  const started = await Cluster.start({ redisUrl: await redis.url(), database }, async (cli) => {
    await cli('tenant', 'create', 'acme');
    tokens.app = await cli('token', 'create', '--tenant', 'acme', '--name', 'web');
    await cli('skill', 'create', 'acme', 'chat');
    const id = await cli('agent', 'create', 'acme', '--name', 'eve', '--skills', 'chat');
    tokens.agent = await cli('agent', 'token', id, '--tenant', 'acme');
  });
  cleanups.push(() => started.stop());
  return { cluster: started, tokens };
}

/** An active conversation: the agent accepted; both sides are resilient clients through the balancer. */
async function conversation(c: Cluster, tokens: Record<string, string>) {
  const eve = await LiveClient.connect({ url: c.nodes[0].url } as TestServer, tokens.agent);
  eve.send({ type: 'status', status: 'available' });
  await eve.next('status');
  const body = { consumer: uid('consumer'), kind: 'chat', skill: 'chat', clientId: uid('request') };
  const res = await client(c.url, tokens.app).post<LiveGrant>(ROUTES.liveSessions, body);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const sessionId = res.body.session.id;
  await eve.next('offer', (f) => f.session.id === sessionId);
  eve.send({ type: 'accept', sessionId });
  await eve.next('event', (f) => f.event.type === 'state' && f.event.state === 'active');
  await eve.close();
  const customer = new ResilientClient(c.url, res.body.sessionToken, 'customer', sessionId);
  const agent = new ResilientClient(c.url, tokens.agent, 'agent', sessionId);
  cleanups.push(() => customer.stop(), () => agent.stop());
  await customer.start();
  await agent.start();
  const events: { seq: number; type: string; presence?: string }[] = [];
  return { sessionId, sessionToken: res.body.sessionToken, customer, agent, events };
}

type Conversation = Awaited<ReturnType<typeof conversation>>;

/** Both sides say a numbered message every `everyMs` until stopped; `stop` returns how many each said. */
function chatter(talk: Conversation, everyMs = 200) {
  let said = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      talk.customer.say(`customer ${said}`);
      talk.agent.say(`agent ${said}`);
      said++;
      await sleep(everyMs);
    }
  })();
  return {
    get said() {
      return said;
    },
    async stop() {
      running = false;
      await loop;
      return said;
    },
  };
}

/** Every stored event of the session, through the balancer, page by page. */
async function storedMessages(c: Cluster, talk: Conversation): Promise<string[]> {
  const texts: string[] = [];
  const api = client(c.url, talk.sessionToken);
  for (let afterSeq = 0, more = true; more; ) {
    const page = await api.get(routePath(ROUTES.liveEvents, { id: talk.sessionId }), { after: afterSeq, limit: 100 });
    assert.equal(page.status, 200, JSON.stringify(page.body));
    for (const event of page.body.items) if (event.type === 'message') texts.push(event.text);
    talk.events.push(...page.body.items.map((e: { seq: number; type: string; presence?: string }) => ({ seq: e.seq, type: e.type, presence: e.presence })));
    afterSeq = page.body.items.at(-1)?.seq ?? afterSeq;
    more = page.body.more;
  }
  return texts;
}

/**
 * Waits until both sides have every message (`said` each) and nothing pending, then checks the
 * store and both transcripts: each message once, each side's in the order it said them, the
 * whole conversation on both sides in the stored order with no gap in seq.
 */
async function assertDelivered(c: Cluster, talk: Conversation, said: number) {
  const everything = (side: ResilientClient) => side.pending === 0 && side.messages().length >= 2 * said;
  const deadline = Date.now() + 20_000;
  while (!(everything(talk.customer) && everything(talk.agent)) && Date.now() < deadline) await sleep(50);
  for (const side of [talk.customer, talk.agent]) {
    assert.equal(side.pending, 0, `nothing left unacknowledged; errors: ${side.errors.join('; ')}`);
  }

  const texts = await storedMessages(c, talk);
  assert.equal(texts.length, 2 * said, 'each message stored once');
  assert.equal(new Set(texts).size, texts.length, 'no message stored twice');
  for (const who of ['customer', 'agent']) {
    const mine = texts.filter((t) => t.startsWith(`${who} `));
    assert.deepEqual(mine, Array.from({ length: said }, (_, i) => `${who} ${i}`), `${who}'s messages in the order sent`);
  }
  for (const [name, side] of [['customer', talk.customer], ['agent', talk.agent]] as const) {
    const seqs = side.transcript.map((r) => r.seq);
    const missing = Array.from({ length: seqs.at(-1)! - seqs[0] + 1 }, (_, i) => seqs[0] + i).filter((seq) => !seqs.includes(seq));
    const around = missing.map((seq) => side.arrivals.slice(Math.max(0, side.arrivals.indexOf(seq + 1) - 4), side.arrivals.indexOf(seq + 1) + 4));
    assert.deepEqual(missing, [], `the ${name} missed no event (drops ${side.drops}; arrivals ${JSON.stringify(around)}; ${JSON.stringify(talk.events.filter((e) => missing.includes(e.seq)))})`);
    assert.equal(new Set(seqs).size, seqs.length, `the ${name} got no event twice`);
    assert.deepEqual(side.messages().map((r) => r.text), texts, 'each side has the whole conversation, in the stored order');
    for (const text of side.acked) assert.ok(texts.includes(text), `acknowledged and stored: ${text}`);
  }
}

/** The conversation is still live: the session is active and a message goes each way. */
async function assertLive(c: Cluster, talk: Conversation) {
  const session = await client(c.url, talk.sessionToken).get(routePath(ROUTES.liveSession, { id: talk.sessionId }));
  assert.equal(session.status, 200, JSON.stringify(session.body));
  assert.equal(session.body.state, 'active');
  const before = talk.agent.messages().length;
  talk.customer.say('still there?');
  talk.agent.say('yes');
  const deadline = Date.now() + 10_000;
  const arrived = (side: ResilientClient, text: string) => side.messages().some((m) => m.text === text);
  while (!(arrived(talk.agent, 'still there?') && arrived(talk.customer, 'yes')) && Date.now() < deadline) await sleep(50);
  assert.ok(arrived(talk.agent, 'still there?'), 'the agent hears the customer');
  assert.ok(arrived(talk.customer, 'yes'), 'the customer hears the agent');
  assert.equal(talk.agent.messages().length, before + 2);
}

/** Waits until `/v1/ready` of process `i` answers `status`; the last answer. */
async function readiness(c: Cluster, i: number, status: number, withinMs: number) {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const res = await fetch(c.nodes[i].url + CHECK_PATH).catch(() => undefined);
    const body = res && (await res.json());
    if (res?.status === status || Date.now() > deadline) return { status: res?.status, body };
    await sleep(100);
  }
}

describe('faults in a cluster of two, during a conversation', () => {
  test('a rolling restart: each process drained and started again in turn; nothing lost, nothing twice', async () => {
    const { cluster: c, tokens } = await cluster();
    const talk = await conversation(c, tokens);
    const traffic = chatter(talk);
    await sleep(500);
    for (const i of [0, 1]) {
      const before = traffic.said;
      const exit = await c.restart(i);
      assert.deepEqual(exit, { code: 0, signal: null }, `process ${i} stopped gracefully`);
      assert.equal((await readiness(c, i, 200, 5000)).status, 200, `process ${i} is back`);
      await sleep(800); // the balancer's check (every 300 ms) sees it up
      assert.ok(traffic.said > before, 'messages went on being said meanwhile');
    }
    await sleep(500);
    const said = await traffic.stop();
    assert.ok(talk.customer.drops >= 1 && talk.agent.drops >= 1, `both sides were moved (${talk.customer.drops}, ${talk.agent.drops})`);
    await assertDelivered(c, talk, said);
    await assertLive(c, talk);
  });

  test('PostgreSQL unreachable for a while: not ready, nothing acknowledged that is not stored, then all delivered', async () => {
    const postgres = await startPostgres();
    cleanups.push(() => postgres.stop());
    const { cluster: c, tokens } = await cluster(postgres.url);
    const talk = await conversation(c, tokens);
    const traffic = chatter(talk);
    await sleep(500);

    postgres.pause();
    for (const i of [0, 1]) {
      const { status, body } = await readiness(c, i, 503, 5000);
      const { exitCode, signalCode } = c.nodes[i].child;
      assert.equal(status, 503, `process ${i} not ready: ${JSON.stringify(body)} (exit ${exitCode ?? signalCode}) ${c.nodes[i].stderr()}`);
      assert.equal(body.error.code, 'not_ready');
      assert.match(body.error.message, /\bstore\b/);
      assert.doesNotMatch(body.error.message, /\bbus\b/, 'Redis is fine');
      assert.equal((await fetch(c.nodes[i].url + '/v1/health')).status, 200, `process ${i} alive`);
    }
    // Said while the store is down: none of these is acknowledged.
    const acked = [talk.customer.acked.length, talk.agent.acked.length];
    const saidBefore = traffic.said;
    await sleep(1500);
    assert.ok(traffic.said > saidBefore + 3, 'the sides went on talking');
    assert.deepEqual([talk.customer.acked.length, talk.agent.acked.length], acked, 'nothing acknowledged while the store is down');
    assert.ok(talk.customer.pending >= traffic.said - saidBefore, 'the customer keeps them');
    assert.ok(talk.agent.pending >= traffic.said - saidBefore, 'the agent keeps them');

    postgres.resume();
    for (const i of [0, 1]) {
      const { status, body } = await readiness(c, i, 200, 10_000);
      assert.equal(status, 200, `process ${i} ready again: ${JSON.stringify(body)}`);
    }
    await sleep(1000);
    const said = await traffic.stop();
    await assertDelivered(c, talk, said);
    await assertLive(c, talk);
  });
});
