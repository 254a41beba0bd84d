/**
 * Connecting a server process to the deployment's Redis (`serve --redis`, NEXUS_REDIS_URL): one
 * command connection (the live state, the rate limits and publishing) and one subscriber
 * connection (the bus). A bad URL or a Redis that does not answer is an error within
 * `connectTimeoutMs`, not a wait; once connected, a lost connection is retried in the background.
 */
import { Redis } from 'ioredis';
import { RedisRateLimitStore } from '../redis-rate-limit.js';
import { RedisBus } from './redis-bus.js';
import { RedisSharedState, type RedisSharedStateOptions } from './redis-state.js';

export interface RedisLive {
  bus: RedisBus;
  state: RedisSharedState;
  rateLimits: RedisRateLimitStore;
  /** Resolves when both connections answer (the readiness check); rejects otherwise. */
  ping(): Promise<void>;
  /** Closes both connections. */
  close(): Promise<void>;
}

export interface RedisLiveOptions extends RedisSharedStateOptions {
  /** How long the first connection may take (default 3 s). */
  connectTimeoutMs?: number;
  onError?: (error: unknown) => void;
}

/** Checks a Redis URL: redis:// or rediss://, with a host. Throws an Error that says what is wrong. */
export function checkRedisUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`the Redis URL must look like redis://host:6379, not '${url}'`);
  }
  if ((parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') || !parsed.hostname) {
    throw new Error(`the Redis URL must look like redis://host:6379 (or rediss:// for TLS), not '${url}'`);
  }
  return parsed;
}

async function open(url: string, timeoutMs: number, onError: (error: unknown) => void): Promise<Redis> {
  let ready = false;
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    // Before the first connection: fail at once (the caller reports it). After: keep trying.
    retryStrategy: (times) => (ready ? Math.min(times * 200, 2000) : null),
    maxRetriesPerRequest: 3,
  });
  let lastError: unknown;
  redis.on('error', (error) => {
    lastError = error;
    if (ready) onError(error);
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    await redis.ping();
    ready = true;
    return redis;
  } catch (error) {
    redis.disconnect();
    const reason = (lastError as Error | undefined)?.message ?? (error as Error).message;
    throw new Error(`cannot reach Redis at ${new URL(url).host}: ${reason}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

export async function connectRedis(url: string, options: RedisLiveOptions = {}): Promise<RedisLive> {
  checkRedisUrl(url);
  const timeoutMs = options.connectTimeoutMs ?? 3000;
  const onError = options.onError ?? (() => undefined);
  const commands = await open(url, timeoutMs, onError);
  let subscriber: Redis;
  try {
    subscriber = await open(url, timeoutMs, onError);
  } catch (error) {
    commands.disconnect();
    throw error;
  }
  const prefix = options.prefix ?? 'nexus:';
  const bus = await RedisBus.open(commands, subscriber, { prefix, onError });
  return {
    bus,
    state: new RedisSharedState(commands, { ...options, prefix }),
    rateLimits: new RedisRateLimitStore(commands, prefix),
    async ping() {
      if (subscriber.status !== 'ready') throw new Error(`the bus subscription is ${subscriber.status}`);
      await commands.ping();
    },
    async close() {
      await Promise.allSettled([commands.quit(), subscriber.quit()]);
    },
  };
}

/**
 * `serve`'s Redis, from --redis or NEXUS_REDIS_URL (undefined without one: live help stays in
 * this process), with the timing it implies. NEXUS_OFFER_TIMEOUT_MS and NEXUS_PRESENCE_TTL_MS
 * tune the offer deadline and how soon the agents of a process that died go offline (defaults
 * 30 s and 15 s); presence is refreshed at a third of the TTL.
 */
export async function redisForServe(url: string | undefined, prefix: string | undefined, env: NodeJS.ProcessEnv) {
  if (!url) {
    if (prefix !== undefined) throw new Error('--redis-prefix goes with --redis');
    return undefined;
  }
  checkRedisUrl(url);
  const ms = (name: string) => {
    const value = env[name];
    if (value === undefined || value === '') return undefined;
    if (!/^\d+$/.test(value) || Number(value) < 10) throw new Error(`${name} must be a whole number of milliseconds, at least 10`);
    return Number(value);
  };
  const offerTimeoutMs = ms('NEXUS_OFFER_TIMEOUT_MS');
  const presenceTtlMs = ms('NEXUS_PRESENCE_TTL_MS') ?? 15_000;
  const redis = await connectRedis(url, { prefix, presenceTtlMs });
  const presenceRefreshMs = Math.max(5, Math.floor(presenceTtlMs / 3));
  return { ...redis, timing: { offerTimeoutMs, presenceRefreshMs, sweepMs: Math.min(1000, presenceRefreshMs) } };
}
