/**
 * One contract for both implementations of the shared live state (live/state.ts): in memory and
 * in Redis. For Redis, `a` and `b` are two processes (two connections, one key prefix); in
 * memory they are the same object, since that state belongs to one process.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Redis } from 'ioredis';
import { MemorySharedState, type OfferRecord, type SharedState, type ShareRecord } from '../live/state.js';
import { freePort } from '../../scripts/services.mjs';
import { runCli } from '../commands.js';
import { RedisSharedState } from '../live/redis-state.js';
import { MemoryRateLimitStore, type RateLimitStore } from '../rate-limit.js';
import { RedisRateLimitStore } from '../redis-rate-limit.js';
import { testPrefix, useTestRedis } from './redis-helpers.js';

const redis = useTestRedis();

const TTL = 200;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Pair {
  a: SharedState;
  b: SharedState;
  /** Whether `a` and `b` are distinct processes (presence is counted per process). */
  processes: boolean;
}

const implementations: { name: string; open(): Promise<Pair> }[] = [
  {
    name: 'memory',
    async open() {
      const state = new MemorySharedState();
      return { a: state, b: state, processes: false };
    },
  },
  {
    name: 'redis',
    async open() {
      const prefix = testPrefix();
      const [r1, r2]: Redis[] = [await redis.connect(), await redis.connect()];
      return {
        a: new RedisSharedState(r1, { prefix, presenceTtlMs: TTL }),
        b: new RedisSharedState(r2, { prefix, presenceTtlMs: TTL }),
        processes: true,
      };
    },
  },
];

const offer = (sessionId: string, agentId: string, expiresAt: number): OfferRecord => ({ tenantId: 'acme', sessionId, agentId, expiresAt });

for (const impl of implementations) {
  describe(`shared live state: ${impl.name}`, () => {
    test('an offer is taken back once: by whoever asks first, and only when it matches', async () => {
      const { a, b } = await impl.open();
      const now = Date.now();
      await a.putOffer(offer('s1', 'alex', now + 1000));
      assert.deepEqual(await b.getOffer('s1'), offer('s1', 'alex', now + 1000));
      assert.deepEqual([...(await b.offersOf('acme', 'alex'))], [offer('s1', 'alex', now + 1000)]);
      assert.equal(await b.takeOffer('s1', { agentId: 'sam' }), undefined, 'another agent');
      assert.equal(await b.takeOffer('s1', { agentId: 'alex', expiresAt: now + 999 }), undefined, 'an older offer of the same agent');
      const takes = await Promise.all([a.takeOffer('s1', { agentId: 'alex' }), b.takeOffer('s1'), a.takeOffer('s1'), b.takeOffer('s1')]);
      assert.equal(takes.filter(Boolean).length, 1, 'exactly one caller takes it');
      assert.equal(await a.getOffer('s1'), undefined);
      assert.deepEqual(await a.offersOf('acme', 'alex'), []);
    });

    test('a new offer of a session replaces the old one, also in the agents’ lists', async () => {
      const { a, b } = await impl.open();
      await a.putOffer(offer('s1', 'alex', 1000));
      await b.putOffer(offer('s1', 'sam', 2000));
      assert.deepEqual(await a.offersOf('acme', 'alex'), []);
      assert.deepEqual(await a.offersOf('acme', 'sam'), [offer('s1', 'sam', 2000)]);
      assert.equal(await a.takeOffer('s1', { agentId: 'alex' }), undefined);
    });

    test('due offers: those whose deadline passed, oldest first, whoever made them', async () => {
      const { a, b } = await impl.open();
      const now = Date.now();
      await a.putOffer(offer('late', 'alex', now - 10));
      await a.putOffer(offer('later', 'sam', now - 5));
      await a.putOffer(offer('future', 'kim', now + 60_000));
      assert.deepEqual((await b.dueOffers(now, 10)).map((o) => o.sessionId), ['late', 'later']);
      assert.deepEqual((await b.dueOffers(now, 1)).map((o) => o.sessionId), ['late']);
      await b.takeOffer('late');
      assert.deepEqual((await a.dueOffers(now, 10)).map((o) => o.sessionId), ['later']);
    });

    test('a lock is held by one caller at a time, in either process; other names do not wait', async () => {
      const { a, b } = await impl.open();
      let inside = 0;
      let most = 0;
      const order: number[] = [];
      const work = (state: SharedState, i: number) =>
        state.locked('tenant:acme', async () => {
          most = Math.max(most, ++inside);
          await sleep(5);
          order.push(i);
          inside--;
          return i;
        });
      const other = a.locked('tenant:globex', async () => 'free');
      const results = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => work(i % 2 ? b : a, i)));
      assert.equal(await other, 'free');
      assert.deepEqual(results, [0, 1, 2, 3, 4, 5]);
      assert.equal(most, 1, 'never two holders at once');
      const mine = order.filter((i) => i % 2 === 0);
      assert.deepEqual(mine, [0, 2, 4], 'calls of one process run in call order');
      await assert.rejects(a.locked('tenant:acme', async () => Promise.reject(new Error('boom'))), /boom/);
      assert.equal(await b.locked('tenant:acme', async () => 'after a failure'), 'after a failure', 'a failed holder releases');
    });

    test('passed agents, idle times and queue statuses are the same for both', async () => {
      const { a, b } = await impl.open();
      await a.addPassed('s1', 'alex');
      await b.addPassed('s1', 'sam');
      assert.deepEqual([...(await a.passed('s1'))].sort(), ['alex', 'sam']);
      await b.clearPassed('s1');
      assert.deepEqual([...(await a.passed('s1'))], []);

      await a.setIdleSince('acme', 'alex', 100);
      await b.setIdleSince('acme', 'alex', 200);
      await b.setIdleSince('globex', 'alex', 5);
      assert.deepEqual(await a.idleSince('acme'), new Map([['alex', 200]]));

      const told = new Map([
        ['s1', '{"position":1}'],
        ['s2', '{"position":2}'],
      ]);
      assert.deepEqual((await a.queueChanged('acme', told)).sort(), ['s1', 's2']);
      assert.deepEqual(await b.queueChanged('acme', told), [], 'told already, by the other process');
      assert.deepEqual(await b.queueChanged('acme', new Map([['s2', '{"position":1}']])), ['s2']);
      await a.forgetQueue('acme', ['s1']);
      assert.deepEqual(await b.queueChanged('acme', told), ['s1', 's2']);
    });

    test('a transfer on its way is read by either process, replaced, and cleared', async () => {
      const { a, b } = await impl.open();
      assert.equal(await a.handover('s1'), undefined);
      const first = { from: { id: 'alex', name: 'Alex' }, note: 'VIP, wants a refund', at: 100 };
      await a.putHandover('s1', first);
      assert.deepEqual(await b.handover('s1'), first);
      const second = { from: null, note: null, at: 200 };
      await b.putHandover('s1', second);
      assert.deepEqual(await a.handover('s1'), second, 'a later transfer replaces the first');
      assert.equal(await a.handover('s2'), undefined, 'per session');
      await a.clearHandover('s1');
      assert.equal(await b.handover('s1'), undefined);
    });

    test('co-browse shares: what one process records the other reads; retired ones go to a bounded history', async () => {
      const { a, b } = await impl.open();
      const share = (sessionId: string, at: number): ShareRecord => ({
        info: { id: `cb_${sessionId}`, state: 'pending', agent: { id: 'alex', name: 'Alex' }, control: 'off', recording: false, at },
        tenantId: 'acme',
        sessionId,
        ownerId: 'alex',
        sharer: null,
      });
      await a.putShare(share('s1', 1));
      await a.putShare({ ...share('s2', 2), sharer: 'conn-1' });
      assert.deepEqual(await b.getShare('acme', 's2'), { ...share('s2', 2), sharer: 'conn-1' });
      assert.equal(await b.getShare('globex', 's2'), undefined);
      // A reader changes its copy, never the record: as with Redis, so in memory.
      const read = (await b.getShare('acme', 's2'))!;
      read.sharer = 'other';
      read.info.state = 'ended';
      read.info.agent.name = 'Changed';
      (await b.listShares('acme'))[0]!.info.agent.id = 'changed';
      assert.deepEqual(await a.getShare('acme', 's2'), { ...share('s2', 2), sharer: 'conn-1' }, 'the record is as written');
      assert.deepEqual((await a.getShare('acme', 's1'))!.info.agent, { id: 'alex', name: 'Alex' });
      assert.deepEqual((await b.listShares('acme')).map((x) => x.sessionId).sort(), ['s1', 's2']);
      for (const [i, id] of ['s1', 's2', 's3'].entries()) {
        await (i % 2 ? a : b).retireShare({ ...share(id, 10 + i), info: { ...share(id, 10 + i).info, state: 'ended', reason: 'agent' } }, 2);
      }
      assert.deepEqual(await a.listShares('acme'), []);
      const history = await b.shareHistory('acme');
      assert.deepEqual(history.map((h) => [h.sessionId, h.state]), [['s2', 'ended'], ['s3', 'ended']], 'the last two, oldest first');
    });

    test('presence: an agent is online while a process holds it', async () => {
      const { a, b, processes } = await impl.open();
      await a.agentsHere([{ tenantId: 'acme', agentId: 'alex' }]);
      await b.agentsHere([{ tenantId: 'acme', agentId: 'alex' }, { tenantId: 'acme', agentId: 'sam' }]);
      assert.deepEqual([...(await a.onlineAgents('acme'))].sort(), ['alex', 'sam']);
      assert.deepEqual([...(await a.onlineAgents('globex'))], []);
      if (processes) {
        assert.equal(await a.agentGone({ tenantId: 'acme', agentId: 'alex' }), false, 'b still holds alex');
        assert.deepEqual([...(await a.onlineAgents('acme'))].sort(), ['alex', 'sam']);
      }
      assert.equal(await b.agentGone({ tenantId: 'acme', agentId: 'alex' }), true);
      assert.deepEqual([...(await a.onlineAgents('acme'))], ['sam']);
    });

    if (impl.name === 'redis') {
      test('presence: a process that stops refreshing loses its agents after the TTL, claimed once', async () => {
        const { a, b } = await impl.open();
        await a.agentsHere([{ tenantId: 'acme', agentId: 'alex' }, { tenantId: 'acme', agentId: 'kim' }]);
        await b.agentsHere([{ tenantId: 'acme', agentId: 'kim' }]);
        const refresh = setInterval(() => void b.agentsHere([{ tenantId: 'acme', agentId: 'kim' }]), TTL / 4);
        try {
          assert.deepEqual(await b.claimLostAgents(Date.now()), []);
          await sleep(TTL + 50);
          assert.deepEqual([...(await b.onlineAgents('acme'))], ['kim'], 'a died: alex went away, kim stays with b');
          const claims = await Promise.all([a.claimLostAgents(Date.now()), b.claimLostAgents(Date.now())]);
          assert.deepEqual(claims.flat(), [{ tenantId: 'acme', agentId: 'alex' }], 'alex once, kim never');
          assert.deepEqual(await b.claimLostAgents(Date.now()), []);
        } finally {
          clearInterval(refresh);
        }
      });
    }
  });
}

const rateStores: { name: string; open(): Promise<[RateLimitStore, RateLimitStore]> }[] = [
  {
    name: 'memory',
    async open() {
      const store = new MemoryRateLimitStore();
      return [store, store];
    },
  },
  {
    name: 'redis',
    async open() {
      const prefix = testPrefix();
      return [new RedisRateLimitStore(await redis.connect(), prefix), new RedisRateLimitStore(await redis.connect(), prefix)];
    },
  },
];

for (const impl of rateStores) {
  test(`rate-limit buckets (${impl.name}): one budget for every process, refilled at the rate`, async () => {
    const [a, b] = await impl.open();
    const limit = { perSecond: 1, burst: 4 };
    const waits = [];
    for (let i = 0; i < 6; i++) waits.push(await (i % 2 ? b : a).take('address:1.2.3.4', limit));
    assert.deepEqual(waits.slice(0, 4), [0, 0, 0, 0], 'the burst');
    assert.ok(waits[4] > 0 && waits[4] <= 1000, `then a wait of at most 1/rate: ${waits[4]}`);
    assert.ok(waits[5] > 0, 'refused requests are not counted but still refused');
    assert.equal(await a.take('address:5.6.7.8', limit), 0, 'another key has its own bucket');
    await sleep(Math.max(...waits.slice(4)) + 50);
    assert.equal(await b.take('address:1.2.3.4', limit), 0, 'a token came back');
  });
}

describe('serve --redis', () => {
  const serve = async (...args: string[]) => {
    const dir = await mkdtemp(join(tmpdir(), 'nexus-redis-cli-'));
    const err: string[] = [];
    const started = Date.now();
    try {
      const code = await runCli(['--db', join(dir, 'nexus.db'), 'serve', '--port', '0', ...args], { out: () => undefined, err: (l) => err.push(l) });
      return { code, stderr: err.join('\n'), ms: Date.now() - started };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };

  test('a URL that is not a Redis URL is refused at start', async () => {
    const result = await serve('--redis', 'http://127.0.0.1:6379');
    assert.equal(result.code, 1);
    assert.match(result.stderr, /the Redis URL must look like redis:\/\/host:6379 .*not 'http:\/\/127\.0\.0\.1:6379'/);
    assert.match((await serve('--redis-prefix', 'x:')).stderr, /--redis-prefix goes with --redis/);
  });

  test('a Redis that does not answer is an error within a few seconds, not a wait', async () => {
    const port = await freePort();
    const result = await serve('--redis', `redis://127.0.0.1:${port}`);
    assert.equal(result.code, 1);
    assert.match(result.stderr, new RegExp(`cannot reach Redis at 127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`));
    assert.ok(result.ms < 5000, `${result.ms} ms`);
  });
});
