/**
 * REST rate-limit buckets in Redis (rate-limit.ts's `RateLimitStore`), shared by every process of
 * a deployment: a client that reaches several processes through the balancer has one budget.
 *
 * Each bucket is a hash (tokens, last) under `<prefix>rate:<key>`, changed by one Lua script so
 * that two processes never spend the same token; the time is Redis's own (TIME), so the processes'
 * clocks do not matter. A bucket expires once it would have refilled completely.
 */
import type { Redis } from 'ioredis';
import type { RateLimit, RateLimitStore } from './rate-limit.js';
import { withScripts } from './live/redis-state.js';

const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'last')
local tokens = tonumber(b[1]) or burst
local last = tonumber(b[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - last) / 1000 * rate)
last = math.max(last, now)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / rate * 1000) end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.6f', tokens), 'last', string.format('%.3f', last))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return wait`;

export class RedisRateLimitStore implements RateLimitStore {
  private readonly redis: Redis & { nexusRateTake(key: string, perSecond: number, burst: number): Promise<number> };

  constructor(
    redis: Redis,
    private readonly prefix = 'nexus:',
  ) {
    this.redis = withScripts(redis, { nexusRateTake: { numberOfKeys: 1, lua: TAKE } }) as typeof this.redis;
  }

  take(key: string, limit: RateLimit): Promise<number> {
    return this.redis.nexusRateTake(`${this.prefix}rate:${key}`, limit.perSecond, limit.burst);
  }
}
