/**
 * Redis for the tests: the suite's (NEXUS_TEST_REDIS_URL, from scripts/test.mjs) or, when a file
 * runs alone, a throwaway one of its own (scripts/services.mjs). Call `useTestRedis()` at the top
 * level of a test file: after the file's tests it closes the connections it handed out and stops
 * its own Redis, if it started one. Each caller of `testPrefix()` gets its
 * own key prefix, so tests sharing one Redis never see each other's keys.
 */
import { after } from 'node:test';
import { Redis } from 'ioredis';
import { startRedis } from '../../scripts/services.mjs';
import { uid } from './helpers.js';

export interface TestRedis {
  /** The URL, starting a Redis of the file's own on first call when the suite gave none. */
  url(): Promise<string>;
  /** A command connection, closed after the file. */
  connect(): Promise<Redis>;
}

export function useTestRedis(): TestRedis {
  let own: Promise<{ url: string; stop(): Promise<void> }> | undefined;
  const connections: Redis[] = [];
  after(async () => {
    await Promise.allSettled(connections.map((c) => c.quit()));
    await (await own)?.stop();
  });
  const url = async () => {
    if (process.env.NEXUS_TEST_REDIS_URL) return process.env.NEXUS_TEST_REDIS_URL;
    own ??= startRedis();
    return (await own).url;
  };
  return {
    url,
    async connect() {
      const redis = new Redis(await url(), { maxRetriesPerRequest: 1 });
      connections.push(redis);
      return redis;
    },
  };
}

/** A fresh key prefix. */
export const testPrefix = () => `${uid('t')}:`;
