/**
 * The Store contract on every engine: analytics. A scripted set of path activity, searches and
 * live sessions of two tenants, with times around the range's edges and around local midnight,
 * and the exact figures each view must answer. See store-contract.test.ts.
 */
import assert from 'node:assert/strict';
import { before, after, describe, test } from 'node:test';
import type { ActivityEvent, GuidedPath } from '../../src/protocol/schemas.js';
import { Migrator, sql, type Kysely } from 'kysely';
import { migrationProvider } from '../store/migrations/index.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { backfillRollups, ROLLUP_TABLES } from '../store/shared/rollups.js';
import { recomputeFirsts } from '../store/shared/deflection.js';
import { backfillWalks } from '../store/shared/walks.js';
import type { Store } from '../store/types.js';
import { engines, sessionRequest } from './store-engines.js';

const H = 3_600_000;
const DAY = 24 * H;
/** 2026-01-10T00:00Z: the range is three days from here. */
const D = Date.UTC(2026, 0, 10);
const RANGE = { from: D, to: D + 3 * DAY, utcOffset: 0 };

const path = (id: string, steps: string[]): GuidedPath => ({
  id,
  title: `Title of ${id}`,
  summary: 'Summary.',
  category: 'help',
  tags: [],
  helpIds: [],
  audience: 'all',
  steps: steps.map((s) => ({ id: s, title: s, body: `<p>${s}</p>` })),
});
const BUNDLE = { categories: [{ id: 'help', name: 'Help', description: 'Help.', order: 1 }], paths: [path('wifi', ['s1', 's2', 's3']), path('battery', ['b1'])] };
const VISIBLE = { audiences: ['consumer' as const, 'all' as const] };

let n = 0;
const ev = (at: number, pathId: string, event: ActivityEvent['event'], extra: Partial<ActivityEvent> = {}): ActivityEvent => ({ id: `ev-${++n}`, at, pathId, event, ...extra });

/** c1 resolves wifi; c2 stops at s2 then asks for live help; c3 stops wifi at s1 and escalates battery; c4 asked for live help before, then resolves battery. */
async function script(store: Store) {
  const activity = (tenant: string, consumer: string, events: ActivityEvent[]) => store.recordActivity(tenant, { consumer, events }, VISIBLE);
  await activity('t', 'consumer-one', [
    ev(D - 1, 'wifi', 'started'),
    ev(D + H, 'wifi', 'started', { source: 'recommended' }),
    ev(D + H + 1000, 'wifi', 'step', { stepId: 's1' }),
    ev(D + H + 2000, 'wifi', 'step', { stepId: 's2' }),
    ev(D + H + 3000, 'wifi', 'resolved', { stepId: 's2' }),
    ev(D + 3 * DAY, 'wifi', 'started'),
  ]);
  await activity('t', 'consumer-two', [
    ev(D + 2 * H, 'wifi', 'started', { source: 'search' }),
    ev(D + 2 * H + 1000, 'wifi', 'step', { stepId: 's1' }),
    ev(D + 2 * H + 2000, 'wifi', 'step', { stepId: 's2' }),
  ]);
  await activity('t', 'consumer-three', [
    ev(D + DAY + H, 'battery', 'started', { source: 'help-id' }),
    ev(D + DAY + H + 1000, 'battery', 'step', { stepId: 'b1' }),
    ev(D + DAY + H + 2000, 'battery', 'escalated', { stepId: 'b1' }),
    ev(D + DAY + H + 3000, 'wifi', 'started'),
    ev(D + DAY + H + 4000, 'wifi', 'step', { stepId: 's1' }),
  ]);
  await activity('t', 'consumer-four', [
    ev(D + 10 * H, 'battery', 'started'),
    ev(D + 10 * H + 1000, 'battery', 'step', { stepId: 'b1' }),
    ev(D + 10 * H + 2000, 'battery', 'resolved', { stepId: 'b1' }),
  ]);
  await activity('other', 'consumer-one', [ev(D + H, 'wifi', 'started', { source: 'recommended' }), ev(D + H + 1, 'wifi', 'step', { stepId: 's1' })]);

  const search = (tenantId: string, at: number, query: string, results: number, consumerKey: string | null = null) => ({ tenantId, at, query, results, consumerKey });
  await store.recordSearches([
    search('t', D + H, 'wifi', 3, 'consumer-one'),
    search('t', D + 2 * H, 'blue light', 0),
    search('t', D + DAY, 'blue light', 0, 'consumer-three'),
    search('t', D + DAY + 2 * H, '=cmd|x', 0),
    search('t', D - 1, 'zzz', 0),
    search('other', D + H, 'blue light', 0),
  ]);

  await store.createSkill('t', 'sales', 'Sales');
  await store.createSkill('t', 'billing', 'Billing');
  await store.createSkill('other', 'sales', 'Sales');
  await store.createAgent({ tenantId: 't', id: 'alex', name: 'Alex', skills: ['sales', 'billing'] });
  const session = async (clientId: string, at: number, extra: Parameters<typeof sessionRequest>[1] = {}) =>
    (await store.createLiveSession(sessionRequest(clientId, { at, ...extra }))).session.id;
  const accept = (id: string, at: number) => store.transitionLiveSession('t', id, { from: ['queued'], set: { state: 'active', agentId: 'alex', acceptedAt: at } });
  const end = (id: string, at: number, from: ('queued' | 'active')[] = ['active']) =>
    store.transitionLiveSession('t', id, { from, set: { state: 'ended', endedAt: at, endedBy: 'customer' } });

  const s1 = await session('r1', D + 3 * H, { consumerKey: 'consumer-two', skill: 'sales' });
  await accept(s1, D + 3 * H + 60_000);
  await end(s1, D + 3 * H + 600_000);
  await store.rateLiveSession('t', s1, { score: 5, comment: null, survey: { speed: 'fast', solved: 'yes' }, at: D + 3 * H + 700_000 });
  const s2 = await session('r2', D + 4 * H, { kind: 'call' });
  await accept(s2, D + 4 * H + 120_000);
  await store.transitionLiveSession('t', s2, {
    from: ['active'],
    set: { state: 'active' },
    events: [{ type: 'transfer', author: { role: 'agent', id: 'alex', name: 'Alex' }, at: D + 4 * H + 200_000 }],
  });
  await end(s2, D + 4 * H + 420_000);
  await store.rateLiveSession('t', s2, { score: 3, comment: 'ok', survey: { speed: 'slow' }, at: D + 5 * H });
  const s3 = await session('r3', D + DAY, { skill: 'sales' });
  await end(s3, D + DAY + 30_000, ['queued']);
  const s4 = await session('r4', D + DAY + H, { skill: 'billing' });
  await accept(s4, D + DAY + H + 30_000);
  await session('r5', D + 5 * 60_000, { consumerKey: 'consumer-four' });
  await session('r0', D - 10);
  await session('r9', D + H, { tenantId: 'other', skill: 'sales' });
}

/**
 * Tenant `r`, around a boundary of the 32-day roll-up buckets (shared/rollups.ts): walks in a
 * raw edge, in a 1-day bucket, in the 32-day bucket, one starting at 23:50 UTC whose steps and
 * outcome come after midnight; searches on both sides.
 */
const B = Math.ceil((D + 20 * DAY) / (32 * DAY)) * 32 * DAY;
const M = 60_000;
async function scriptEdges(store: Store) {
  const activity = (consumer: string, events: ActivityEvent[]) => store.recordActivity('r', { consumer, events }, VISIBLE);
  await activity('edge-a', [ev(B - DAY - 30 * M, 'wifi', 'started'), ev(B - DAY - 29 * M, 'wifi', 'resolved', { stepId: 's1' })]);
  await activity('edge-d', [ev(B - 12 * H, 'battery', 'started'), ev(B - 12 * H + M, 'battery', 'resolved', { stepId: 'b1' })]);
  await activity('edge-b', [ev(B + 5 * DAY + 10 * H, 'wifi', 'started', { source: 'search' }), ev(B + 5 * DAY + 10 * H + M, 'wifi', 'step', { stepId: 's1' })]);
  await activity('edge-c', [
    ev(B + 32 * DAY + 23 * H + 50 * M, 'battery', 'started', { source: 'help-id' }),
    ev(B + 33 * DAY + 5 * M, 'battery', 'step', { stepId: 'b1' }),
    ev(B + 33 * DAY + 20 * M, 'battery', 'escalated', { stepId: 'b1' }),
  ]);
  await activity('edge-a', [ev(B + 40 * DAY + 12 * H, 'wifi', 'started', { source: 'recommended' }), ev(B + 40 * DAY + 12 * H + M, 'wifi', 'step', { stepId: 's2' })]);
  const search = (at: number, query: string, results: number) => ({ tenantId: 'r', at, query, results, consumerKey: null });
  await store.recordSearches([search(B - 2 * H, 'nothing here', 0), search(B + 3 * DAY, 'nothing here', 0), search(B + 10 * DAY, 'found', 2), search(B + 40 * DAY + 13 * H, 'nothing here', 0)]);
}
/** From mid-day to mid-day: a raw edge, days, the 32-day bucket, days, a raw edge. */
const EDGES = { from: B - 2 * DAY + 13 * H, to: B + 40 * DAY + 13 * H, utcOffset: 0 };
const dayOfB = (days: number) => new Date(B + days * DAY).toISOString().slice(0, 10);
const busy = (days: { day: string; views: number; completions: number; searches: number }[]) => days.filter((d) => d.views || d.completions || d.searches);

/** The paths and drop-off of both scripts (tenant t over RANGE, tenant r over EDGES: the same on purpose). */
const SCRIPTED_PATHS = [
  { pathId: 'wifi', title: 'Title of wifi', views: 3, completions: 1, resolved: 1, escalated: 0, fromRecommended: 1 },
  { pathId: 'battery', title: 'Title of battery', views: 2, completions: 2, resolved: 1, escalated: 1, fromRecommended: 0 },
];
const SCRIPTED_DROP_OFF = [
  { pathId: 'wifi', stepId: 's1', stopped: 1 },
  { pathId: 'wifi', stepId: 's2', stopped: 1 },
];

for (const engine of engines) {
  describe(engine.name, () => {
    let store: Store;
    before(async () => {
      store = await engine.open();
      for (const tenant of ['t', 'other', 'r']) {
        await store.createTenant(tenant, tenant.toUpperCase());
        await store.importContent(tenant, BUNDLE, { replace: true });
      }
      await script(store);
      await scriptEdges(store);
    });
    after(() => store.close());

    test('self help: paths, drop-off, searches, deflection and sources, exactly', async () => {
      const view = await store.selfHelpAnalytics('t', RANGE);
      assert.deepEqual(view.range, { ...RANGE, days: 3 });
      assert.deepEqual(view.paths, SCRIPTED_PATHS);
      assert.deepEqual(view.dropOff, SCRIPTED_DROP_OFF);
      assert.deepEqual(view.days, [
        { day: '2026-01-10', views: 3, completions: 2, searches: 2 },
        { day: '2026-01-11', views: 2, completions: 1, searches: 2 },
        { day: '2026-01-12', views: 0, completions: 0, searches: 0 },
      ]);
      assert.deepEqual(view.searches, { total: 4, noResult: 3, topNoResult: [{ query: 'blue light', count: 2 }, { query: '=cmd|x', count: 1 }] });
      assert.deepEqual(view.deflection, { consumers: 4, resolved: 2, wentToLive: 1, rate: 2 / 3 });
      assert.deepEqual(view.opened, { recommended: 1, search: 1, helpId: 1, other: 2 });
    });

    test('self help: days are cut at the caller’s local midnight (UTC-2 here)', async () => {
      const view = await store.selfHelpAnalytics('t', { ...RANGE, utcOffset: -120 });
      assert.deepEqual(view.days, [
        { day: '2026-01-09', views: 1, completions: 1, searches: 1 },
        { day: '2026-01-10', views: 4, completions: 2, searches: 2 },
        { day: '2026-01-11', views: 0, completions: 0, searches: 1 },
        { day: '2026-01-12', views: 0, completions: 0, searches: 0 },
      ]);
    });

    test('live help: sessions per skill and channel, waits, handle times, abandoned, transfers, ratings, survey', async () => {
      const view = await store.liveHelpAnalytics('t', RANGE);
      assert.equal(view.sessions, 5);
      assert.deepEqual(view.bySkill, [
        { skillId: null, name: null, sessions: 2 },
        { skillId: 'sales', name: 'Sales', sessions: 2 },
        { skillId: 'billing', name: 'Billing', sessions: 1 },
      ]);
      assert.deepEqual(view.byChannel, [{ channel: 'chat', sessions: 4 }, { channel: 'call', sessions: 1 }]);
      assert.deepEqual(view.wait, { count: 3, p50: 60_000, p90: 120_000, mean: 70_000 });
      assert.deepEqual(view.handle, { count: 2, p50: 300_000, p90: 540_000, mean: 420_000 });
      assert.equal(view.abandoned, 1);
      assert.equal(view.transfers, 1);
      assert.deepEqual(view.ratings, {
        count: 2,
        average: 4,
        distribution: [{ score: 1, count: 0 }, { score: 2, count: 0 }, { score: 3, count: 1 }, { score: 4, count: 0 }, { score: 5, count: 1 }],
      });
      assert.deepEqual(view.survey, [
        { question: 'solved', answer: 'yes', count: 1 },
        { question: 'speed', answer: 'fast', count: 1 },
        { question: 'speed', answer: 'slow', count: 1 },
      ]);
      assert.deepEqual(view.days, [
        { day: '2026-01-10', sessions: 3, abandoned: 0 },
        { day: '2026-01-11', sessions: 2, abandoned: 1 },
        { day: '2026-01-12', sessions: 0, abandoned: 0 },
      ]);
    });

    test('walks: a late step changes nothing, nor does anything after the outcome; merged consumers bring theirs', async () => {
      const range = { from: D + 10 * DAY, to: D + 11 * DAY, utcOffset: 0 };
      const at = range.from + H;
      await store.recordActivity('t', { consumer: 'walker-one', events: [ev(at, 'wifi', 'started'), ev(at + 5000, 'wifi', 'step', { stepId: 's3' })] }, VISIBLE);
      await store.recordActivity('t', { consumer: 'walker-one', events: [ev(at + 2000, 'wifi', 'step', { stepId: 's1' })] }, VISIBLE);
      assert.deepEqual((await store.selfHelpAnalytics('t', range)).dropOff, [{ pathId: 'wifi', stepId: 's3', stopped: 1 }], 'the latest step shown, whatever came last');
      await store.recordActivity('t', { consumer: 'walker-one', events: [ev(at + 6000, 'wifi', 'resolved', { stepId: 's3' }), ev(at + 7000, 'wifi', 'escalated', { stepId: 's3' })] }, VISIBLE);
      let view = await store.selfHelpAnalytics('t', range);
      assert.deepEqual([view.dropOff, view.paths[0].resolved, view.paths[0].escalated], [[], 1, 0], 'the first outcome counts');

      await store.recordActivity('t', { consumer: 'walker-two', events: [ev(at, 'battery', 'started')] }, VISIBLE);
      assert.equal((await store.selfHelpAnalytics('t', range)).deflection.consumers, 2);
      const identify = (consumer: string) =>
        store.applyContext('t', { consumer, ops: [{ id: `op-${++n}`, at: at + 9000, op: 'identity', set: { externalId: 'same-person' } }] });
      await identify('walker-one');
      await identify('walker-two');
      view = await store.selfHelpAnalytics('t', range);
      assert.deepEqual([view.deflection.consumers, view.paths.map((p) => p.views)], [1, [1, 1]], 'one person, both walks');
    });

    test('another tenant sees only its own; an empty range is all zeros', async () => {
      const other = await store.selfHelpAnalytics('other', RANGE);
      assert.deepEqual(other.paths.map((p) => [p.pathId, p.views, p.fromRecommended]), [['wifi', 1, 1]]);
      assert.deepEqual(other.dropOff, [{ pathId: 'wifi', stepId: 's1', stopped: 1 }]);
      assert.deepEqual(other.searches, { total: 1, noResult: 1, topNoResult: [{ query: 'blue light', count: 1 }] });
      const live = await store.liveHelpAnalytics('other', RANGE);
      assert.deepEqual([live.sessions, live.transfers, live.ratings.count], [1, 0, 0]);

      const empty = { from: D + 5 * DAY, to: D + 6 * DAY, utcOffset: 0 };
      const none = await store.selfHelpAnalytics('t', empty);
      assert.deepEqual([none.paths, none.dropOff, none.searches.total, none.deflection], [[], [], 0, { consumers: 0, resolved: 0, wentToLive: 0, rate: null }]);
      assert.deepEqual(none.days, [{ day: '2026-01-15', views: 0, completions: 0, searches: 0 }]);
      const quiet = await store.liveHelpAnalytics('t', empty);
      assert.deepEqual([quiet.sessions, quiet.wait, quiet.ratings.average, quiet.survey], [0, { count: 0, p50: null, p90: null, mean: null }, null, []]);
    });

    test('live help: p50 and p90 are nearest ranks of 10 and of 11 waits; the same survey answer from several sessions adds up', async () => {
      await store.createTenant('ranks', 'Ranks');
      await store.createAgent({ tenantId: 'ranks', id: 'alex', name: 'Alex', skills: [] });
      const at = D + 2 * DAY;
      // Waits of 1, 2, … minutes, created a second apart, the first three rated with the same answers.
      for (let i = 1; i <= 11; i++) {
        const { id } = (await store.createLiveSession(sessionRequest(`w${i}`, { tenantId: 'ranks', at: at + i * 1000 }))).session;
        await store.transitionLiveSession('ranks', id, { from: ['queued'], set: { state: 'active', agentId: 'alex', acceptedAt: at + i * 1000 + i * 60_000 } });
        if (i <= 3) {
          await store.transitionLiveSession('ranks', id, { from: ['active'], set: { state: 'ended', endedAt: at + H, endedBy: 'customer' } });
          await store.rateLiveSession('ranks', id, { score: 4, comment: null, survey: { speed: 'fast' }, at: at + H });
        }
      }
      const ten = await store.liveHelpAnalytics('ranks', { from: at, to: at + 10_500, utcOffset: 0 });
      assert.deepEqual(ten.wait, { count: 10, p50: 5 * 60_000, p90: 9 * 60_000, mean: 5.5 * 60_000 });
      const eleven = await store.liveHelpAnalytics('ranks', { from: at, to: at + DAY, utcOffset: 0 });
      assert.deepEqual(eleven.wait, { count: 11, p50: 6 * 60_000, p90: 10 * 60_000, mean: 6 * 60_000 });
      assert.deepEqual(eleven.survey, [{ question: 'speed', answer: 'fast', count: 3 }]);
    });

    test('deflection times: after walks out of order, outcomes, sessions and merges, the triggers hold what computing them again gives', async () => {
      await store.createTenant('firsts', 'Firsts');
      await store.importContent('firsts', BUNDLE, { replace: true });
      const db = (store as unknown as { shared: Kysely<unknown> }).shared;
      const times = async () =>
        (await sql<{ consumer_id: string; path_id: string; started_at: number; prev_start: number | null; next_resolved: number | null; next_live: number | null }>`
          SELECT consumer_id, path_id, started_at, prev_start, next_resolved, next_live FROM path_walks WHERE tenant_id = 'firsts' ORDER BY consumer_id, started_at, path_id`.execute(db)).rows.map((r) =>
          Object.values(r).map((v) => (v === null ? null : String(v))),
        );
      let seed = 7;
      const pick = (n: number) => ((seed = (seed * 48271) % 2147483647) % n);
      const base = D + 20 * DAY;
      const keys = ['k0', 'k1', 'k2', 'k3', 'k4', 'k5'];
      const steps: Record<string, string[]> = { wifi: ['s1', 's2', 's3'], battery: ['b1'] };
      // The same walk under two keys that later become one person: the merge drops one of them.
      for (const key of ['k0', 'k1']) await store.recordActivity('firsts', { consumer: key, events: [ev(base + H, 'wifi', 'started')] }, VISIBLE);
      for (let i = 0; i < 160; i++) {
        const key = keys[pick(keys.length)];
        const at = base + pick(2 * 24 * 60) * 60_000;
        const roll = pick(10);
        if (roll < 6) {
          const pathId = pick(2) ? 'wifi' : 'battery';
          const kind = (['started', 'started', 'step', 'resolved', 'escalated'] as const)[pick(5)];
          await store.recordActivity('firsts', { consumer: key, events: [ev(at, pathId, kind, kind === 'started' ? {} : { stepId: steps[pathId][pick(steps[pathId].length)] })] }, VISIBLE);
        } else if (roll < 9) {
          await store.createLiveSession(sessionRequest(`f${i}`, { tenantId: 'firsts', at, consumerKey: key }));
        } else if (pick(3) === 0) {
          const other = keys[pick(keys.length)];
          for (const k of [key, other]) await store.applyContext('firsts', { consumer: k, ops: [{ id: `op-${++n}`, at, op: 'identity', set: { externalId: `person-${i}` } }] });
        }
        if (i % 40 === 39) {
          const kept = await times();
          await recomputeFirsts(db);
          assert.deepEqual(kept, await times(), `after ${i + 1} writes`);
        }
      }
      // Writes no store method makes today (a retention job, an operator's fix), kept exact all the same.
      const someone = (column: string) =>
        sql<{ consumer_id: string; started_at: number }>`SELECT o.consumer_id, o.started_at FROM path_walks o WHERE o.tenant_id = 'firsts' AND EXISTS (
          SELECT 1 FROM path_walks w WHERE w.tenant_id = o.tenant_id AND w.consumer_id = o.consumer_id AND ${sql.ref(`w.${column}`)} = o.started_at AND w.started_at <> o.started_at) ORDER BY o.started_at LIMIT 1`
          .execute(db)
          .then((r) => r.rows[0]);
      const resolvedOne = await someone('next_resolved');
      await sql`UPDATE path_walks SET outcome = 'escalated' WHERE tenant_id = 'firsts' AND consumer_id = ${resolvedOne.consumer_id} AND started_at = ${resolvedOne.started_at}`.execute(db);
      const previousOne = await someone('prev_start');
      await sql`DELETE FROM path_walks WHERE tenant_id = 'firsts' AND consumer_id = ${previousOne.consumer_id} AND started_at = ${previousOne.started_at}`.execute(db);
      await sql`DELETE FROM live_sessions WHERE tenant_id = 'firsts' AND created_at = (SELECT MIN(next_live) FROM path_walks WHERE tenant_id = 'firsts')`.execute(db);
      const walks = await times();
      await recomputeFirsts(db);
      assert.deepEqual(walks, await times(), 'after an outcome changed, a walk and a session removed');
      for (const column of [3, 4, 5]) assert.ok(walks.some((w) => w[column] === null) && walks.some((w) => w[column] !== null), `the script gave walks with and without time ${column - 2}`);
      assert.ok(walks.length >= 30, `${walks.length} walks`);
    });

    test('the migration walks the activity recorded before walks were kept: the same figures', async () => {
      const ranges = [RANGE, { from: D + 10 * DAY, to: D + 11 * DAY, utcOffset: 0 }];
      const before = await Promise.all(ranges.map((r) => store.selfHelpAnalytics('t', r)));
      // The migration's own step, on the store's database (the walks dropped first, as before the migration).
      const db = (store as unknown as { shared: Kysely<unknown> }).shared;
      await sql`DELETE FROM path_walks`.execute(db);
      assert.equal((await store.selfHelpAnalytics('t', RANGE)).paths.length, 0);
      await backfillWalks(db);
      assert.deepEqual(await Promise.all(ranges.map((r) => store.selfHelpAnalytics('t', r))), before);
    });

    test('roll-ups: a range from mid-day to mid-day across 32-day and 1-day buckets answers exactly', async () => {
      const view = await store.selfHelpAnalytics('r', EDGES);
      assert.deepEqual(view.paths, SCRIPTED_PATHS);
      assert.deepEqual(view.dropOff, SCRIPTED_DROP_OFF);
      assert.deepEqual(view.searches, { total: 3, noResult: 2, topNoResult: [{ query: 'nothing here', count: 2 }] });
      assert.deepEqual(view.opened, { recommended: 1, search: 1, helpId: 1, other: 2 });
      assert.deepEqual(view.deflection, { consumers: 4, resolved: 2, wentToLive: 0, rate: 1 });
      assert.equal(view.days.length, 43);
      assert.deepEqual(busy(view.days), [
        { day: dayOfB(-2), views: 1, completions: 1, searches: 0 },
        { day: dayOfB(-1), views: 1, completions: 1, searches: 1 },
        { day: dayOfB(3), views: 0, completions: 0, searches: 1 },
        { day: dayOfB(5), views: 1, completions: 0, searches: 0 },
        { day: dayOfB(10), views: 0, completions: 0, searches: 1 },
        { day: dayOfB(32), views: 1, completions: 1, searches: 0 },
        { day: dayOfB(40), views: 1, completions: 0, searches: 0 },
      ]);
      // One millisecond less at each end: the first walk and the last one fall out.
      const inner = await store.selfHelpAnalytics('r', { ...EDGES, from: B - DAY - 30 * M + 1, to: B + 40 * DAY + 12 * H });
      assert.deepEqual(inner.paths.map((p) => [p.pathId, p.views, p.resolved, p.fromRecommended]), [['battery', 2, 1, 0], ['wifi', 1, 0, 0]]);
      assert.deepEqual(inner.dropOff, [{ pathId: 'wifi', stepId: 's1', stopped: 1 }]);
    });

    test('roll-ups: days cut at +60, -330 and +7 minutes; a walk started at 23:50 stays on its day', async () => {
      const at = async (utcOffset: number) => busy((await store.selfHelpAnalytics('r', { ...EDGES, utcOffset })).days);
      assert.deepEqual(await at(60), [
        { day: dayOfB(-1), views: 2, completions: 2, searches: 1 },
        { day: dayOfB(3), views: 0, completions: 0, searches: 1 },
        { day: dayOfB(5), views: 1, completions: 0, searches: 0 },
        { day: dayOfB(10), views: 0, completions: 0, searches: 1 },
        { day: dayOfB(33), views: 1, completions: 1, searches: 0 },
        { day: dayOfB(40), views: 1, completions: 0, searches: 0 },
      ]);
      assert.deepEqual(await at(-330), [
        { day: dayOfB(-2), views: 1, completions: 1, searches: 0 },
        { day: dayOfB(-1), views: 1, completions: 1, searches: 1 },
        { day: dayOfB(2), views: 0, completions: 0, searches: 1 },
        { day: dayOfB(5), views: 1, completions: 0, searches: 0 },
        { day: dayOfB(9), views: 0, completions: 0, searches: 1 },
        { day: dayOfB(32), views: 1, completions: 1, searches: 0 },
        { day: dayOfB(40), views: 1, completions: 0, searches: 0 },
      ]);
      assert.deepEqual(await at(7), await at(0));
      assert.deepEqual((await store.selfHelpAnalytics('r', { ...EDGES, utcOffset: -330 })).searches.total, 3);
    });

    test('roll-ups: activity after they were built counts at once: a new walk, its later step and outcome', async () => {
      const day = { from: B + 20 * DAY, to: B + 21 * DAY, utcOffset: 0 };
      const figures = async () => {
        const [whole, one] = await Promise.all([store.selfHelpAnalytics('r', EDGES), store.selfHelpAnalytics('r', day)]);
        return { wifi: whole.paths.find((p) => p.pathId === 'wifi'), dropOff: whole.dropOff, day: busy(one.days), searches: whole.searches.total };
      };
      const before = await figures();
      await store.recordActivity('r', { consumer: 'edge-e', events: [ev(B + 20 * DAY + H, 'wifi', 'started'), ev(B + 20 * DAY + H + M, 'wifi', 'step', { stepId: 's3' })] }, VISIBLE);
      await store.recordSearches([{ tenantId: 'r', at: B + 20 * DAY + 2 * H, query: 'late', results: 0, consumerKey: null }]);
      let after = await figures();
      assert.deepEqual([after.wifi?.views, after.dropOff.find((d) => d.stepId === 's3')?.stopped, after.day, after.searches], [
        before.wifi!.views + 1,
        1,
        [{ day: dayOfB(20), views: 1, completions: 0, searches: 1 }],
        before.searches + 1,
      ]);
      await store.recordActivity('r', { consumer: 'edge-e', events: [ev(B + 20 * DAY + H + 2 * M, 'wifi', 'resolved', { stepId: 's3' })] }, VISIBLE);
      after = await figures();
      assert.deepEqual([after.wifi?.resolved, after.dropOff, after.day], [before.wifi!.resolved + 1, before.dropOff, [{ day: dayOfB(20), views: 1, completions: 1, searches: 1 }]]);
    });

    test('roll-ups: the migration fills them from the walks and searches already stored: the same figures', async () => {
      const asks: [string, typeof RANGE][] = [['r', EDGES], ['r', { ...EDGES, utcOffset: -330 }], ['t', RANGE], ['t', { ...RANGE, utcOffset: -120 }]];
      const before = await Promise.all(asks.map(([tenant, range]) => store.selfHelpAnalytics(tenant, range)));
      const db = (store as unknown as { shared: Kysely<unknown> }).shared;
      for (const table of ROLLUP_TABLES) await sql`DELETE FROM ${sql.table(table)}`.execute(db);
      const edgesOnly = await store.selfHelpAnalytics('r', EDGES);
      assert.deepEqual(edgesOnly.paths.map((p) => [p.pathId, p.views]), [['wifi', 2]], 'the whole buckets come from the roll-ups, the edges from the walks');
      await backfillRollups(db);
      assert.deepEqual(await Promise.all(asks.map(([tenant, range]) => store.selfHelpAnalytics(tenant, range))), before);
    });
  });
}

describe('SQLite migration 0019 (roll-ups and deflection times) on a store that has activity', () => {
  test('back-fills both from the rows already there: the same figures', async () => {
    const store = new SqliteStore(':memory:');
    try {
      assert.equal((await new Migrator({ db: store.db, provider: migrationProvider }).migrateTo('0017_authoring')).error, undefined);
      for (const tenant of ['t', 'other']) {
        await store.createTenant(tenant, tenant.toUpperCase());
        await store.importContent(tenant, BUNDLE, { replace: true });
      }
      await script(store);
      assert.ok((await store.migrate()).includes('0019_analytics_rollups'));
      const view = await store.selfHelpAnalytics('t', RANGE);
      assert.deepEqual([view.paths, view.dropOff, view.deflection], [SCRIPTED_PATHS, SCRIPTED_DROP_OFF, { consumers: 4, resolved: 2, wentToLive: 1, rate: 2 / 3 }]);
      assert.deepEqual(view.searches.total, 4);
      assert.deepEqual((await store.liveHelpAnalytics('t', RANGE)).wait, { count: 3, p50: 60_000, p90: 120_000, mean: 70_000 });
    } finally {
      await store.close();
    }
  });
});
