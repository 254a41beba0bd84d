/**
 * One server on the Redis bus and state, with a Redis of the file's own that the test kills and
 * starts again empty (as a crash of Redis would leave it): the server reconnects, its agents are
 * online again, and an offer that Redis forgot moves on instead of staying stuck.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { startRedis } from '../../scripts/services.mjs';
import { connectRedis } from '../live/redis.js';
import { closeAll, LiveClient, requestHelp, startLiveServer } from './live-helpers.js';
import { testPrefix } from './redis-helpers.js';

const cleanup: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const step of cleanup.reverse()) await step();
});

test('Redis lost and back empty: the server reconnects, agents are online again, a forgotten offer moves on', async () => {
  const redis = await startRedis();
  cleanup.push(() => redis.stop());
  const live = await connectRedis(redis.url, { prefix: testPrefix(), presenceTtlMs: 3000 });
  cleanup.push(() => live.close());
  const server = await startLiveServer({
    live: { bus: live.bus, state: live.state, offerTimeoutMs: 60_000, sweepMs: 50, presenceRefreshMs: 1000 },
  });
  cleanup.push(() => server.close());
  const alex = await LiveClient.connect(server, server.agents.alex);
  cleanup.push(() => closeAll(alex));

  const grant = await requestHelp(server, { skill: 'sales' });
  const offer = await alex.next('offer', (f) => f.session.id === grant.session.id);
  assert.deepEqual(await live.state.onlineAgents('demo'), new Set(['alex']));

  await redis.pause();
  await redis.resume();
  // The offer comes back to Alex (the only agent) long before its 60 s deadline.
  await alex.next('offer-withdrawn', (f) => f.sessionId === grant.session.id, 8000);
  const again = await alex.next('offer', (f) => f.session.id === grant.session.id, 3000);
  assert.ok(again.expiresAt > offer.expiresAt);
  assert.deepEqual(await live.state.onlineAgents('demo'), new Set(['alex']), 'presence written again');
  // The bus works again: the customer's message reaches Alex once accepted.
  alex.send({ type: 'accept', sessionId: grant.session.id });
  await alex.next('event', (f) => f.event.type === 'state' && f.event.state === 'active');
  const customer = await LiveClient.connect(server, grant.sessionToken);
  cleanup.push(() => closeAll(customer));
  await customer.say('after the outage');
  assert.equal((await alex.next('event', (f) => f.event.type === 'message')).event.text, 'after the outage');
});
