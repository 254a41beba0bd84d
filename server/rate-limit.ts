/**
 * REST rate limits, with the token bucket of token-bucket.ts:
 *
 * - one bucket per client address, taken in `onRequest` before the token is checked (so floods of
 *   bad tokens are limited too);
 * - one bucket per token, taken in `preParsing`, after authentication and before the body is read:
 *   per application token, per agent token, and per live session for session tokens.
 *
 * Over a limit the answer is 429 `rate_limited` with `Retry-After` in whole seconds. Health and readiness checks,
 * static files (/sdk/, /themes/, the demo pages) and CORS preflights are not counted: they cost no
 * more than the 429 would. The buckets live behind `RateLimitStore`; the default keeps them in this
 * process, in a bounded map. See docs/security.md#rate-limits.
 */
import { isIP, isIPv6 } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ROUTES } from '../src/protocol/routes.js';
import type { Principal } from './auth.js';
import { ApiError } from './errors.js';
import { TokenBucket } from './token-bucket.js';

export interface RateLimit {
  /** Requests per second, sustained. */
  perSecond: number;
  /** Requests at once, before the sustained rate applies. */
  burst: number;
}

/** The limits, by what they count. */
export interface RateLimits {
  /** Every counted request from one client address (IPv6: one /64), before authentication. */
  address: RateLimit;
  /** Requests with one application token, which every visitor of a site shares. */
  application: RateLimit;
  /** Requests with one agent token (all the agent's tabs). */
  agent: RateLimit;
  /** Requests with the session token of one live session. */
  session: RateLimit;
}

export type RateLimitKind = keyof RateLimits;

/** The production defaults (docs/security.md and server/README.md give the reasons). */
export const DEFAULT_RATE_LIMITS: Readonly<Record<RateLimitKind, Readonly<RateLimit>>> = Object.freeze({
  address: Object.freeze({ perSecond: 30, burst: 300 }),
  application: Object.freeze({ perSecond: 200, burst: 2000 }),
  agent: Object.freeze({ perSecond: 10, burst: 150 }),
  session: Object.freeze({ perSecond: 5, burst: 60 }),
});

/** Buckets kept by each in-process store unless `maxKeys` says otherwise. */
export const DEFAULT_MAX_KEYS = 10_000;

/**
 * Where buckets live. The in-process `MemoryRateLimitStore` is the default; a shared store (Redis,
 * for several processes behind one balancer) implements the same call.
 */
export interface RateLimitStore {
  /**
   * Counts one request against `key` under `limit`. Answers 0 when the request may go ahead, or
   * the milliseconds until one may (the request is then not counted).
   */
  take(key: string, limit: RateLimit): number | Promise<number>;
}

/**
 * Buckets in a Map kept in least-recently-used order, so memory stays bounded:
 * - each call forgets up to two of the least recently used buckets that have refilled completely
 *   (a full bucket is the same as no bucket), so idle clients fade away as traffic goes on;
 * - past `maxKeys` the least recently used bucket is dropped even when it is not full, which gives
 *   that client a fresh budget: a flood of new addresses can reset old ones, but never grows memory.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(options: { maxKeys?: number; now?: () => number } = {}) {
    this.maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
    if (!Number.isInteger(this.maxKeys) || this.maxKeys < 1) throw new Error('maxKeys must be a positive integer');
    this.now = options.now ?? (() => performance.now());
  }

  /** How many buckets are held. */
  get size(): number {
    return this.buckets.size;
  }

  take(key: string, limit: RateLimit): number {
    const now = this.now();
    this.forgetIdle(now);
    let bucket = this.buckets.get(key);
    if (bucket) this.buckets.delete(key);
    else bucket = new TokenBucket(limit.perSecond, limit.burst, now);
    // Last in the map: the most recently used.
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    return bucket.take(now) ? 0 : bucket.waitMs(now);
  }

  private forgetIdle(now: number) {
    let looked = 0;
    for (const [key, bucket] of this.buckets) {
      if (looked++ === 2 || !bucket.isFull(now)) return;
      this.buckets.delete(key);
    }
  }
}

export interface RateLimitOptions {
  address?: Partial<RateLimit>;
  application?: Partial<RateLimit>;
  agent?: Partial<RateLimit>;
  session?: Partial<RateLimit>;
  /** Where the buckets live (default: two in-process stores, one for addresses, one for tokens). */
  store?: RateLimitStore;
  /** Most buckets of each in-process store (default DEFAULT_MAX_KEYS); ignored with `store`. */
  maxKeys?: number;
}

/** The limits in force: the defaults with `options` over them. Throws on a value that is not usable. */
export function resolveRateLimits(options: RateLimitOptions = {}): RateLimits {
  const kinds = Object.keys(DEFAULT_RATE_LIMITS) as RateLimitKind[];
  return Object.fromEntries(
    kinds.map((kind) => {
      const limit = { ...DEFAULT_RATE_LIMITS[kind], ...options[kind] };
      if (!(Number.isFinite(limit.perSecond) && limit.perSecond > 0 && Number.isFinite(limit.burst) && limit.burst >= 1)) {
        throw new Error(`the ${kind} rate limit needs perSecond > 0 and burst >= 1`);
      }
      return [kind, limit];
    }),
  ) as unknown as RateLimits;
}

/**
 * The key of a client address: IPv4 as it is (also when written as IPv6, `::ffff:a.b.c.d`), IPv6
 * by its first 64 bits, since one customer line or host usually has a whole /64 to pick from.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1];
  const address = ip.split('%')[0];
  if (!isIPv6(address)) return ip;
  const groups = (part: string) => (part === '' ? [] : part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])));
  const [head, tail] = address.split('::');
  const before = groups(head);
  const after = tail === undefined ? [] : groups(tail);
  const all = [...before, ...Array<string>(8 - before.length - after.length).fill('0'), ...after];
  return `${all.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}

/** The bucket of a caller's token, with the limit that applies to it. */
function tokenBucketOf(principal: Principal): { kind: RateLimitKind; key: string } {
  switch (principal.role) {
    case 'consumer':
      return { kind: 'application', key: principal.tokenId };
    case 'agent':
      return { kind: 'agent', key: principal.tokenId };
    case 'customer':
      return { kind: 'session', key: `${principal.tenantId}/${principal.sessionId}` };
    case 'staff':
      // A person's sign-in counts as an agent token does.
      return { kind: 'agent', key: `staff:${principal.authSessionId}` };
  }
}

/** Routes no limit counts (by their pattern): health checks, and files served as they are. */
const UNCOUNTED_ROUTES = new Set<string>([ROUTES.health, ROUTES.ready, '/', '/demo']);
const UNCOUNTED_PREFIXES = ['/sdk/', '/themes/', '/demo/'];

function isUncounted(route: string | undefined): boolean {
  return route !== undefined && (UNCOUNTED_ROUTES.has(route) || UNCOUNTED_PREFIXES.some((prefix) => route.startsWith(prefix)));
}

/** The 429: `Retry-After` on the reply, and the error for the error handler. */
function refuse(reply: FastifyReply, seconds: number, by: string): ApiError {
  reply.header('retry-after', String(seconds));
  return new ApiError(429, 'rate_limited', `too many requests ${by}; try again in ${seconds} s`);
}

/**
 * Adds the limits to `app` (or nothing with `false`). Call it after CORS is registered, so that a
 * 429 carries the CORS headers (a page could not read it otherwise) and preflights are answered
 * first, and before the routes.
 */
export function registerRateLimits(app: FastifyInstance, options: RateLimitOptions | false = {}): void {
  if (options === false) return;
  const limits = resolveRateLimits(options);
  const maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
  const addresses = options.store ?? new MemoryRateLimitStore({ maxKeys });
  const tokens = options.store ?? new MemoryRateLimitStore({ maxKeys });

  /** Counts the request: 0 when it may go ahead, else the whole seconds to wait. A failing store lets it through. */
  async function secondsToWait(request: FastifyRequest, store: RateLimitStore, kind: RateLimitKind, key: string) {
    try {
      const waitMs = await store.take(`${kind}:${key}`, limits[kind]);
      return waitMs > 0 ? Math.max(1, Math.ceil(waitMs / 1000)) : 0;
    } catch (error) {
      request.log.error({ err: error }, 'the rate limit store failed; the request was not counted');
      return 0;
    }
  }

  const plugin = async (root: FastifyInstance) => {
    root.addHook('onRequest', async (request, reply) => {
      if (isUncounted(request.routeOptions.url)) return;
      // A socket already gone has no address; such requests share one bucket.
      const wait = await secondsToWait(request, addresses, 'address', addressKey(request.ip ?? 'unknown'));
      if (wait) throw refuse(reply, wait, 'from this address');
    });
    root.addHook('preParsing', async (request, reply, payload) => {
      // Set by the authentication hook of the API routes (routes.ts); absent elsewhere.
      const principal = (request as FastifyRequest & { principal?: Principal | null }).principal;
      if (!principal) return payload;
      const { kind, key } = tokenBucketOf(principal);
      const wait = await secondsToWait(request, tokens, kind, key);
      if (wait) throw refuse(reply, wait, kind === 'session' ? 'for this live session' : 'with this token');
      return payload;
    });
  };
  // Hooks on the root instance itself (not encapsulated), so they reach every route.
  app.register(Object.assign(plugin, { [Symbol.for('skip-override')]: true }));
}

/**
 * The `serve --rate-limit` values: `off`, or `<kind>=<perSecond>/<burst>` (for example
 * `address=60/600`), once per kind to change. Undefined when none is given (the defaults).
 */
export function parseRateLimitFlags(values: readonly string[]): RateLimitOptions | false | undefined {
  if (values.length === 0) return undefined;
  if (values.includes('off')) {
    if (values.length > 1) throw new Error('--rate-limit off goes alone');
    return false;
  }
  const options: RateLimitOptions = {};
  for (const value of values) {
    const match = /^(\w+)=(\d+(?:\.\d+)?)\/(\d+)$/.exec(value);
    const kind = match?.[1] as RateLimitKind | undefined;
    if (!match || !kind || !Object.hasOwn(DEFAULT_RATE_LIMITS, kind)) {
      throw new Error(`--rate-limit takes off or <kind>=<perSecond>/<burst> with kind ${Object.keys(DEFAULT_RATE_LIMITS).join(', ')}, not '${value}'`);
    }
    options[kind] = { perSecond: Number(match[2]), burst: Number(match[3]) };
  }
  resolveRateLimits(options);
  return options;
}

/** The `serve --trust-proxy` value: `true`, or proxy addresses and CIDR ranges separated by commas. */
export function parseTrustProxy(value: string | undefined): boolean | string[] | undefined {
  if (value === undefined) return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  const entries = value.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const named = ['loopback', 'linklocal', 'uniquelocal'].includes(entry);
    if (!named && (extra !== undefined || isIP(address) === 0 || (bits !== undefined && !/^\d{1,3}$/.test(bits)))) {
      throw new Error(`--trust-proxy takes true, or addresses and CIDR ranges separated by commas, not '${entry}'`);
    }
  }
  return entries;
}
