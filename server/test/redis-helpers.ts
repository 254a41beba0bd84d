/**
 * Redis for the tests: the suite's (NEXUS_TEST_REDIS_URL, from scripts/test.mjs) or, when a file
 * runs alone, a throwaway one of its own (scripts/services.mjs). Call `useTestRedis()` at the top
 * level of a test file: it starts what is needed before the file's tests and, after them, closes
 * the connections it handed out and stops its own Redis. Each caller of `testPrefix()` gets its
 * own key prefix, so tests sharing one Redis never see each other's keys.
 */
import { after, before } from 'node:test';
import { Redis } from 'ioredis';
import { startRedis } from '../../scripts/services.mjs';
import { uid } from './helpers.js';

export interface TestRedis {
  /** The URL (once the file's `before` ran). */
  readonly url: string;
  /** A command connection, closed after the file. */
  connect(): Redis;
}

export function useTestRedis(): TestRedis {
  let url = process.env.NEXUS_TEST_REDIS_URL ?? '';
  let own: { stop(): Promise<void> } | undefined;
  const connections: Redis[] = [];
  before(async () => {
    if (url) return;
    const started = await startRedis();
    own = started;
    url = started.url;
  });
  after(async () => {
    await Promise.allSettled(connections.map((c) => c.quit()));
    await own?.stop();
  });
  return {
    get url() {
      return url;
    },
    connect() {
      const redis = new Redis(url, { maxRetriesPerRequest: 1 });
      connections.push(redis);
      return redis;
    },
  };
}

/** A fresh key prefix. */
export const testPrefix = () => `${uid('t')}:`;
