/**
 * The live state in Redis, shared by every process of a deployment (see state.ts for what it
 * holds). Keys start with the deployment's prefix:
 *
 *   lock:<name>                 a lock: a random token, with a lease (SET NX PX), extended while held
 *   offer:<session>             the session's offer (JSON)
 *   offers:due                  sorted set of offered sessions by deadline (every process sweeps it)
 *   offers:<tenant>:<agent>     the sessions offered to an agent
 *   passed:<session>            agents who let the offer pass (expires after a day)
 *   handover:<session>          the session's transfer on its way to the next agent (JSON, expires after a day)
 *   idle:<tenant>               hash agent -> idle since
 *   queue:<tenant>              hash session -> the queue status last told
 *   presence:<tenant>           sorted set "<agent>\n<process>" by when it expires
 *   presence                    sorted set "<tenant>\n<agent>\n<process>" by when it expires
 *   share:<tenant>:<session>    the session's pending or active co-browse (JSON)
 *   shares:<tenant>             the sessions with one
 *   shared:<tenant>             list of the last ended or rejected co-browses (JSON), oldest first
 *
 * Changes that must not interleave (take an offer, drop a presence, compare-and-delete a lock)
 * are Lua scripts, which Redis runs atomically. Deadlines and presence expiries are wall-clock
 * milliseconds of the processes, so their clocks must agree (NTP) to well within the offer
 * timeout and the presence TTL.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { KeyedLock } from './lock.js';
import type { CobrowseListing } from '../../src/protocol/cobrowse.js';
import type { TransferInfo } from '../../src/protocol/live.js';
import type { AgentRef, SharedState, OfferRecord, ShareRecord } from './state.js';

const TAKE_OFFER = `
local raw = redis.call('GET', KEYS[1])
if not raw then return false end
local o = cjson.decode(raw)
if ARGV[3] ~= '' and o.agentId ~= ARGV[3] then return false end
if ARGV[4] ~= '' and o.expiresAt ~= tonumber(ARGV[4]) then return false end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[2])
redis.call('SREM', ARGV[1] .. 'offers:' .. o.tenantId .. ':' .. o.agentId, ARGV[2])
return raw`;

const PUT_OFFER = `
local old = redis.call('GET', KEYS[1])
if old then
  local o = cjson.decode(old)
  redis.call('SREM', ARGV[1] .. 'offers:' .. o.tenantId .. ':' .. o.agentId, ARGV[2])
end
redis.call('SET', KEYS[1], ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[2])
redis.call('SADD', KEYS[3], ARGV[2])`;

const QUEUE_CHANGED = `
local changed = {}
for i = 1, #ARGV, 2 do
  if redis.call('HGET', KEYS[1], ARGV[i]) ~= ARGV[i + 1] then
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
    table.insert(changed, ARGV[i])
  end
end
return changed`;

/** Whether agent ARGV-named `agent` still has an unexpired presence in tenant zset `tkey`. */
const STILL_HERE = `
local function stillHere(tkey, agent, now)
  for _, other in ipairs(redis.call('ZRANGEBYSCORE', tkey, '(' .. now, '+inf')) do
    if string.sub(other, 1, #agent + 1) == agent .. '\\n' then return true end
  end
  return false
end`;

const AGENT_GONE = `${STILL_HERE}
redis.call('ZREM', KEYS[1], ARGV[1] .. '\\n' .. ARGV[2] .. '\\n' .. ARGV[3])
redis.call('ZREM', KEYS[2], ARGV[2] .. '\\n' .. ARGV[3])
if stillHere(KEYS[2], ARGV[2], ARGV[4]) then return 0 end
return 1`;

const CLAIM_LOST = `${STILL_HERE}
local out = {}
for _, m in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[2], 'LIMIT', 0, 100)) do
  redis.call('ZREM', KEYS[1], m)
  local t, a, p = string.match(m, '^(.-)\\n(.-)\\n(.*)$')
  local tkey = ARGV[1] .. 'presence:' .. t
  redis.call('ZREM', tkey, a .. '\\n' .. p)
  if not stillHere(tkey, a, ARGV[2]) then
    table.insert(out, t)
    table.insert(out, a)
  end
end
return out`;

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

const SCRIPTS = {
  nexusTakeOffer: { numberOfKeys: 2, lua: TAKE_OFFER },
  nexusPutOffer: { numberOfKeys: 3, lua: PUT_OFFER },
  nexusQueueChanged: { numberOfKeys: 1, lua: QUEUE_CHANGED },
  nexusAgentGone: { numberOfKeys: 2, lua: AGENT_GONE },
  nexusClaimLost: { numberOfKeys: 1, lua: CLAIM_LOST },
  nexusRelease: { numberOfKeys: 1, lua: RELEASE },
  nexusExtend: { numberOfKeys: 1, lua: EXTEND },
};

type Scripted = Redis & Record<keyof typeof SCRIPTS, (...args: (string | number)[]) => Promise<unknown>>;

/** Defines the scripts on a connection once (EVALSHA, loaded again after a Redis restart). */
export function withScripts(redis: Redis, scripts: Record<string, { numberOfKeys: number; lua: string }>) {
  for (const [name, definition] of Object.entries(scripts)) {
    if (!(name in redis)) redis.defineCommand(name, definition);
  }
  return redis;
}

export interface RedisSharedStateOptions {
  /** Key prefix of the deployment (default 'nexus:'). */
  prefix?: string;
  /** How long a presence lasts unless refreshed (default 15 s; the hub refreshes at a third of it). */
  presenceTtlMs?: number;
  /** How long a lock is held at most unless its holder extends it (default 10 s). */
  lockLeaseMs?: number;
  /** How long to wait for a lock before failing (default 30 s). */
  lockWaitMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class RedisSharedState implements SharedState {
  readonly shared = true;
  /** This process, in presence entries. */
  readonly processId = randomBytes(6).toString('base64url');
  readonly presenceTtlMs: number;
  private readonly prefix: string;
  private readonly redis: Scripted;
  private readonly local = new KeyedLock();
  private readonly leaseMs: number;
  private readonly waitMs: number;

  constructor(redis: Redis, options: RedisSharedStateOptions = {}) {
    this.redis = withScripts(redis, SCRIPTS) as Scripted;
    this.prefix = options.prefix ?? 'nexus:';
    this.presenceTtlMs = options.presenceTtlMs ?? 15_000;
    this.leaseMs = options.lockLeaseMs ?? 10_000;
    this.waitMs = options.lockWaitMs ?? 30_000;
  }

  /** The connection was ready when this was built: every later `ready` is a reconnection. */
  onReconnect(listener: () => void) {
    this.redis.on('ready', listener);
  }

  private key(...parts: string[]) {
    return this.prefix + parts.join(':');
  }

  // Locks ------------------------------------------------------------------------------------

  /**
   * Calls of one process queue locally first (call order), and only the head contends for the
   * Redis lock, polling. The lease is extended while the work runs, so a long piece of work
   * keeps it and a dead holder's lock frees itself after the lease.
   */
  locked<T>(name: string, work: () => Promise<T>): Promise<T> {
    return this.local.run(name, async () => {
      const key = this.key('lock', name);
      const token = randomBytes(12).toString('base64url');
      const deadline = Date.now() + this.waitMs;
      for (let delay = 1; ; delay = Math.min(delay * 2, 20)) {
        if ((await this.redis.set(key, token, 'PX', this.leaseMs, 'NX')) === 'OK') break;
        if (Date.now() > deadline) throw new Error(`the live lock '${name}' was not free within ${this.waitMs} ms`);
        await sleep(delay);
      }
      const extend = setInterval(() => {
        this.redis.nexusExtend(key, token, this.leaseMs).catch(() => undefined);
      }, this.leaseMs / 3);
      extend.unref();
      try {
        return await work();
      } finally {
        clearInterval(extend);
        await this.redis.nexusRelease(key, token).catch(() => undefined);
      }
    });
  }

  inOrder<T>(name: string, work: () => Promise<T>): Promise<T> {
    return this.local.run(name, work);
  }

  // Offers -----------------------------------------------------------------------------------

  async putOffer(offer: OfferRecord) {
    const { tenantId, sessionId, agentId, expiresAt } = offer;
    const json = JSON.stringify({ tenantId, sessionId, agentId, expiresAt });
    await this.redis.nexusPutOffer(
      this.key('offer', sessionId),
      this.key('offers', 'due'),
      this.key('offers', tenantId, agentId),
      this.prefix,
      sessionId,
      json,
      expiresAt,
    );
  }

  async takeOffer(sessionId: string, match: { agentId?: string; expiresAt?: number } = {}) {
    const raw = await this.redis.nexusTakeOffer(
      this.key('offer', sessionId),
      this.key('offers', 'due'),
      this.prefix,
      sessionId,
      match.agentId ?? '',
      match.expiresAt === undefined ? '' : String(match.expiresAt),
    );
    return typeof raw === 'string' ? (JSON.parse(raw) as OfferRecord) : undefined;
  }

  async getOffer(sessionId: string) {
    const raw = await this.redis.get(this.key('offer', sessionId));
    return raw === null ? undefined : (JSON.parse(raw) as OfferRecord);
  }

  private async offersNamed(sessionIds: string[]) {
    if (!sessionIds.length) return [];
    const raws = await this.redis.mget(sessionIds.map((id) => this.key('offer', id)));
    return raws.filter((r): r is string => r !== null).map((r) => JSON.parse(r) as OfferRecord);
  }

  async offersOf(tenantId: string, agentId: string) {
    const ids = await this.redis.smembers(this.key('offers', tenantId, agentId));
    return (await this.offersNamed(ids)).filter((o) => o.tenantId === tenantId && o.agentId === agentId);
  }

  async dueOffers(now: number, limit: number) {
    const ids = await this.redis.zrangebyscore(this.key('offers', 'due'), '-inf', now, 'LIMIT', 0, limit);
    return (await this.offersNamed(ids)).filter((o) => o.expiresAt <= now);
  }

  // Passed, idle, queue ----------------------------------------------------------------------

  async passed(sessionId: string) {
    return new Set(await this.redis.smembers(this.key('passed', sessionId)));
  }

  async addPassed(sessionId: string, agentId: string) {
    const key = this.key('passed', sessionId);
    await this.redis.multi().sadd(key, agentId).expire(key, 86_400).exec();
  }

  async clearPassed(sessionId: string) {
    await this.redis.del(this.key('passed', sessionId));
  }

  async handover(sessionId: string) {
    const raw = await this.redis.get(this.key('handover', sessionId));
    return raw === null ? undefined : (JSON.parse(raw) as TransferInfo);
  }

  async putHandover(sessionId: string, transfer: TransferInfo) {
    await this.redis.set(this.key('handover', sessionId), JSON.stringify(transfer), 'EX', 86_400);
  }

  async clearHandover(sessionId: string) {
    await this.redis.del(this.key('handover', sessionId));
  }

  async idleSince(tenantId: string) {
    const all = await this.redis.hgetall(this.key('idle', tenantId));
    return new Map(Object.entries(all).map(([agentId, at]) => [agentId, Number(at)]));
  }

  async setIdleSince(tenantId: string, agentId: string, at: number) {
    await this.redis.hset(this.key('idle', tenantId), agentId, String(at));
  }

  async queueChanged(tenantId: string, statuses: ReadonlyMap<string, string>) {
    if (!statuses.size) return [];
    const args = [...statuses].flat();
    return (await this.redis.nexusQueueChanged(this.key('queue', tenantId), ...args)) as string[];
  }

  async forgetQueue(tenantId: string, sessionIds: readonly string[]) {
    if (sessionIds.length) await this.redis.hdel(this.key('queue', tenantId), ...sessionIds);
  }

  // Presence ---------------------------------------------------------------------------------

  async agentsHere(agents: readonly AgentRef[]) {
    if (!agents.length) return;
    const until = Date.now() + this.presenceTtlMs;
    const multi = this.redis.multi();
    for (const { tenantId, agentId } of agents) {
      multi.zadd(this.key('presence', tenantId), until, `${agentId}\n${this.processId}`);
      multi.zadd(this.key('presence'), until, `${tenantId}\n${agentId}\n${this.processId}`);
    }
    await multi.exec();
  }

  async agentGone({ tenantId, agentId }: AgentRef) {
    const gone = await this.redis.nexusAgentGone(
      this.key('presence'),
      this.key('presence', tenantId),
      tenantId,
      agentId,
      this.processId,
      Date.now(),
    );
    return gone === 1;
  }

  async onlineAgents(tenantId: string) {
    const members = await this.redis.zrangebyscore(this.key('presence', tenantId), `(${Date.now()}`, '+inf');
    return new Set(members.map((m) => m.slice(0, m.indexOf('\n'))));
  }

  async claimLostAgents(now: number) {
    const flat = (await this.redis.nexusClaimLost(this.key('presence'), this.prefix, now)) as string[];
    const lost: AgentRef[] = [];
    for (let i = 0; i < flat.length; i += 2) lost.push({ tenantId: flat[i], agentId: flat[i + 1] });
    return lost;
  }

  // Co-browse --------------------------------------------------------------------------------

  async getShare(tenantId: string, sessionId: string) {
    const raw = await this.redis.get(this.key('share', tenantId, sessionId));
    return raw === null ? undefined : (JSON.parse(raw) as ShareRecord);
  }

  async putShare(share: ShareRecord) {
    await this.redis
      .multi()
      .set(this.key('share', share.tenantId, share.sessionId), JSON.stringify(share))
      .sadd(this.key('shares', share.tenantId), share.sessionId)
      .exec();
  }

  async retireShare(share: ShareRecord, keep: number) {
    const history = this.key('shared', share.tenantId);
    await this.redis
      .multi()
      .del(this.key('share', share.tenantId, share.sessionId))
      .srem(this.key('shares', share.tenantId), share.sessionId)
      .rpush(history, JSON.stringify({ ...share.info, sessionId: share.sessionId }))
      .ltrim(history, -keep, -1)
      .exec();
  }

  async listShares(tenantId: string) {
    const ids = await this.redis.smembers(this.key('shares', tenantId));
    if (!ids.length) return [];
    const raws = await this.redis.mget(ids.map((id) => this.key('share', tenantId, id)));
    return raws.filter((r): r is string => r !== null).map((r) => JSON.parse(r) as ShareRecord);
  }

  async shareHistory(tenantId: string) {
    return (await this.redis.lrange(this.key('shared', tenantId), 0, -1)).map((r) => JSON.parse(r) as CobrowseListing);
  }

  async close() {
    // The connection belongs to whoever opened it (redis.ts).
  }
}
