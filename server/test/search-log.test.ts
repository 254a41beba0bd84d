/**
 * The search log's writer (server/search-log.ts) on a real store: queries normalised, written in
 * batches (by size, by time, on flush), and a failing store never fails the caller.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyBaseLogger } from 'fastify';
import { normaliseQuery, SearchLog } from '../search-log.js';
import { ENGINES } from './store-engines.js';
import { eventually } from './live-helpers.js';

const DAY = 86_400_000;

/** A logger that keeps its warnings. */
function logger() {
  const warnings: unknown[] = [];
  return { warnings, log: { warn: (...args: unknown[]) => warnings.push(args) } as unknown as FastifyBaseLogger };
}

test('queries are trimmed, spaced once, lower-cased and bounded', () => {
  assert.equal(normaliseQuery('  Blue\t\n LIGHT  '), 'blue light');
  assert.equal(normaliseQuery('x'.repeat(300)).length, 200);
});

test('searches are written in batches: at maxBatch, after flushMs, and on flush; a failing store is logged, not thrown', async () => {
  const store = await ENGINES.sqlite.open();
  await store.createTenant('t', 'T');
  const { warnings, log } = logger();
  const searchLog = new SearchLog(store, log, { maxBatch: 3, flushMs: 50 });
  const total = async () => (await store.selfHelpAnalytics('t', { from: Date.now() - DAY, to: Date.now() + DAY, utcOffset: 0 })).searches;

  searchLog.record('t', 'Fan', 0, 'consumer-1');
  searchLog.record('t', 'fan ', 0, undefined);
  assert.equal((await total()).total, 0, 'queued, not yet written');
  searchLog.record('t', 'bulb', 4, undefined);
  await eventually(total, (s) => s.total === 3, 2000);
  assert.deepEqual((await total()).topNoResult, [{ query: 'fan', count: 2 }]);

  searchLog.record('t', 'late', 0, undefined);
  await eventually(total, (s) => s.total === 4, 2000);
  searchLog.record('t', 'flushed', 0, undefined);
  await searchLog.flush();
  assert.equal((await total()).total, 5);

  await store.close();
  searchLog.record('t', 'after close', 0, undefined);
  await searchLog.flush();
  assert.equal(warnings.length, 1, 'the failed write is logged');
});
