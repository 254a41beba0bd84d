/**
 * The analytics queries both stores run (definitions in server/README.md, "Analytics"). Self help
 * reads the roll-ups of migration SQLite 0019 / PostgreSQL 0014 for the whole buckets of its range
 * and the walks (`path_walks`, kept by walks.ts) and searches (`search_log`) themselves for the
 * partial edges (rollups.ts); deflection counts the range's walks by their trigger-kept times
 * (deflection.ts). Live help reads the sessions created in the range through the covering index
 * `live_sessions_analytics` and the transfer events through `live_events_by_type`. Only small
 * results (rows per path, step, query, day, skill; two ranked durations) come back to be shaped
 * here. The SQL is written once, in what SQLite and PostgreSQL both read: `CASE` for conditions,
 * integer division for days. The store runs each view inside `Dialect.report` (one snapshot).
 */
import { sql, type RawBuilder } from 'kysely';
import type { LiveHelpAnalytics, SelfHelpAnalytics } from '../../../src/protocol/analytics.js';
import type { AnalyticsWindow, SearchLogEntry } from '../analytics-types.js';
import type { Db } from './engine.js';
import { deflectionOf } from './deflection.js';
import { bucketRows, DAY_MS, rawWhere, rollupCover, slotCover, slotWidthFor } from './rollups.js';

export { DAY_MS };

/** How many top queries that found nothing a view lists. */
export const TOP_NO_RESULT = 20;

/** Rows per insert of the search log (SQLite takes at most 32,766 parameters a statement). */
const SEARCH_ROWS_PER_INSERT = 1000;

export async function recordSearches(db: Db, entries: SearchLogEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += SEARCH_ROWS_PER_INSERT) {
    const rows = entries.slice(i, i + SEARCH_ROWS_PER_INSERT).map((e) => ({
      tenant_id: e.tenantId,
      at: e.at,
      query: e.query,
      results: e.results,
      consumer_key: e.consumerKey,
    }));
    await db.insertInto('search_log').values(rows).execute();
  }
}

// ---------------------------------------------------------------------------------------------
// Days

/** The local day (days since the epoch, in the offset) of a time. */
const dayOf = (at: number, offsetMs: number) => Math.floor((at + offsetMs) / DAY_MS);

/** `YYYY-MM-DD` of a local day number. */
const dayText = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The local day of a time column, in SQL (times are after 1970, so division truncates as floor does). */
const dayColumn = (column: string, offsetMs: number): RawBuilder<number> => sql<number>`CAST((${sql.ref(column)} + ${offsetMs}) / ${DAY_MS} AS BIGINT)`;

/** Every local day the range touches, in order. */
export function daysOf(window: AnalyticsWindow): number[] {
  const offsetMs = window.utcOffset * 60_000;
  const first = dayOf(window.from, offsetMs);
  const last = dayOf(Math.max(window.from, window.to - 1), offsetMs);
  return Array.from({ length: window.to > window.from ? last - first + 1 : 0 }, (_, i) => first + i);
}

/** The range as the views answer it. */
const rangeOf = (window: AnalyticsWindow) => ({ from: window.from, to: window.to, utcOffset: window.utcOffset, days: daysOf(window).length });

/** One row per day of the range, from counts by day number (summed when several rows give a day; none: zeros). */
function series<K extends string>(window: AnalyticsWindow, keys: readonly K[], rows: ({ day: number } & Partial<Record<K, number>>)[]) {
  const byDay = new Map<number, Record<K, number>>();
  for (const row of rows) {
    const sums = byDay.get(Number(row.day)) ?? (Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>);
    for (const k of keys) sums[k] += Number(row[k] ?? 0);
    byDay.set(Number(row.day), sums);
  }
  return daysOf(window).map((day) => ({ day: dayText(day), ...(byDay.get(day) ?? (Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>)) }));
}

const count = (condition: RawBuilder<unknown>) => sql<number>`SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;

// ---------------------------------------------------------------------------------------------
// Self help

export async function selfHelpAnalytics(db: Db, tenantId: string, window: AnalyticsWindow): Promise<SelfHelpAnalytics> {
  const { from, to } = window;
  const offsetMs = window.utcOffset * 60_000;
  // Whole buckets from the roll-ups (shared/rollups.ts), the partial edges from the walks and searches.
  const range = rollupCover(from, to);
  const slotWidth = slotWidthFor(window.utcOffset);
  const slots = slotCover(from, to, slotWidth);
  const rollups = (table: string) => bucketRows(table, tenantId, range.buckets);
  const walks = (raw: [number, number][]) => sql`SELECT * FROM path_walks WHERE tenant_id = ${tenantId} AND ${rawWhere('started_at', raw)}`;
  const searches = (raw: [number, number][]) => sql`SELECT * FROM search_log WHERE tenant_id = ${tenantId} AND ${rawWhere('at', raw)}`;
  const is = (condition: RawBuilder<unknown>) => sql`CASE WHEN ${condition} THEN 1 ELSE 0 END`;
  const run = <T>(query: RawBuilder<T>) => query.execute(db).then((r) => r.rows);

  const [byPath, stops, byDay, noResult, deflection] = await Promise.all([
    run(sql<{ path_id: string; views: number; resolved: number; escalated: number; recommended: number; search: number; help_id: number }>`
      SELECT path_id, SUM(views) AS views, SUM(resolved) AS resolved, SUM(escalated) AS escalated, SUM(recommended) AS recommended, SUM(search) AS search, SUM(help_id) AS help_id
      FROM (
        SELECT path_id, views, resolved, escalated, recommended, search, help_id FROM (${rollups('walk_rollups')}) r
        UNION ALL
        SELECT path_id, 1, ${is(sql`outcome = 'resolved'`)}, ${is(sql`outcome = 'escalated'`)}, ${is(sql`source = 'recommended'`)}, ${is(sql`source = 'search'`)}, ${is(sql`source = 'help-id'`)}
        FROM (${walks(range.raw)}) w
      ) x GROUP BY path_id HAVING SUM(views) > 0`),
    run(sql<{ path_id: string; step_id: string; stopped: number }>`
      SELECT path_id, step_id, SUM(stopped) AS stopped FROM (
        SELECT path_id, step_id, stopped FROM (${rollups('stop_rollups')}) r
        UNION ALL
        SELECT path_id, last_step, 1 FROM (${walks(range.raw)}) w WHERE outcome IS NULL AND last_step IS NOT NULL
      ) x GROUP BY path_id, step_id HAVING SUM(stopped) > 0`),
    run(sql<{ day: number; views: number; completions: number; searches: number; no_result: number }>`
      SELECT day, SUM(views) AS views, SUM(completions) AS completions, SUM(searches) AS searches, SUM(no_result) AS no_result FROM (
        SELECT ${sql<number>`CAST((bucket * ${(slotWidth ?? 0) * 60_000} + ${offsetMs}) / ${DAY_MS} AS BIGINT)`} AS day, views, completions, searches, no_result
        FROM (${bucketRows('analytics_slots', tenantId, slots.buckets)}) r
        UNION ALL
        SELECT ${dayColumn('started_at', offsetMs)}, 1, ${is(sql`outcome IS NOT NULL`)}, 0, 0 FROM (${walks(slots.raw)}) w
        UNION ALL
        SELECT ${dayColumn('at', offsetMs)}, 0, 0, 1, ${is(sql`results = 0`)} FROM (${searches(slots.raw)}) s
      ) x GROUP BY day`),
    run(sql<{ query: string; n: number }>`
      SELECT query, SUM(n) AS n FROM (
        SELECT query, n FROM (${rollups('no_result_rollups')}) r
        UNION ALL
        SELECT query, 1 FROM (${searches(range.raw)}) s WHERE results = 0
      ) x GROUP BY query HAVING SUM(n) > 0 ORDER BY SUM(n) DESC, query LIMIT ${TOP_NO_RESULT}`),
    deflectionOf(db, tenantId, window),
  ]);

  const paths = new Map<string, SelfHelpAnalytics['paths'][number]>();
  const opened = { recommended: 0, search: 0, helpId: 0, other: 0 };
  for (const row of byPath) {
    const [views, resolved, escalated, recommended, search, helpId] = [row.views, row.resolved, row.escalated, row.recommended, row.search, row.help_id].map(Number);
    paths.set(row.path_id, { pathId: row.path_id, title: null, views, completions: resolved + escalated, resolved, escalated, fromRecommended: recommended });
    opened.recommended += recommended;
    opened.search += search;
    opened.helpId += helpId;
    opened.other += views - recommended - search - helpId;
  }
  if (paths.size) {
    const titles = await db.selectFrom('paths').select(['id', 'title']).where('tenant_id', '=', tenantId).where('id', 'in', [...paths.keys()]).execute();
    for (const t of titles) paths.get(t.id)!.title = t.title;
  }
  return {
    range: rangeOf(window),
    paths: [...paths.values()].sort((a, b) => b.views - a.views || b.completions - a.completions || a.pathId.localeCompare(b.pathId)),
    dropOff: stops
      .map((s) => ({ pathId: s.path_id, stepId: s.step_id, stopped: Number(s.stopped) }))
      .sort((a, b) => b.stopped - a.stopped || a.pathId.localeCompare(b.pathId) || a.stepId.localeCompare(b.stepId)),
    days: series(window, ['views', 'completions', 'searches'] as const, byDay),
    searches: {
      total: byDay.reduce((s, d) => s + Number(d.searches), 0),
      noResult: byDay.reduce((s, d) => s + Number(d.no_result), 0),
      topNoResult: noResult.map((r) => ({ query: r.query, count: Number(r.n) })),
    },
    deflection,
    opened,
  };
}

// ---------------------------------------------------------------------------------------------
// Live help

/**
 * Count, nearest-rank p50 and p90, and mean of a duration over the sessions of a range that
 * `condition` selects, in one read: the count and sum as window totals beside each value's rank,
 * and only the two ranked rows come back (rank ⌈p·n⌉ in integers: `(n + 1) / 2`, `(9n + 9) / 10`),
 * so a year's thousands of values never leave the database.
 */
async function durationOf(db: Db, tenantId: string, { from, to }: AnalyticsWindow, value: RawBuilder<number>, condition: RawBuilder<unknown>) {
  const { rows } = await sql<{ n: number; total: number; rn: number; v: number }>`
    SELECT n, total, rn, v FROM (
      SELECT ${value} AS v, ROW_NUMBER() OVER (ORDER BY ${value}) AS rn, COUNT(*) OVER () AS n, SUM(${value}) OVER () AS total
      FROM live_sessions WHERE tenant_id = ${tenantId} AND created_at >= ${from} AND created_at < ${to} AND ${condition}
    ) r WHERE rn = (n + 1) / 2 OR rn = (9 * n + 9) / 10`.execute(db);
  const count = Number(rows[0]?.n ?? 0);
  if (!count) return { count, p50: null, p90: null, mean: null };
  const at = (rank: number) => Number(rows.find((r) => Number(r.rn) === rank)!.v);
  return { count, p50: at(Math.floor((count + 1) / 2)), p90: at(Math.floor((9 * count + 9) / 10)), mean: Number(rows[0].total) / count };
}

export async function liveHelpAnalytics(db: Db, tenantId: string, window: AnalyticsWindow): Promise<LiveHelpAnalytics> {
  const { from, to } = window;
  const offsetMs = window.utcOffset * 60_000;
  const sessions = db.selectFrom('live_sessions').where('tenant_id', '=', tenantId).where('created_at', '>=', from).where('created_at', '<', to);
  const abandoned = sql`ended_at IS NOT NULL AND accepted_at IS NULL`;

  // Per day, channel and skill in one grouping (its rows give the days and the groups): grouped by
  // channel and skill alone, SQLite would read them in the order of another index, every session
  // of the tenant, rather than the range's.
  const [groups, wait, handle, scores, surveys, transfers, skills] = await Promise.all([
    sessions
      .select([dayColumn('created_at', offsetMs).as('day'), 'kind', 'skill_id', sql<number>`COUNT(*)`.as('n'), count(abandoned).as('abandoned')])
      .groupBy([sql`1`, 'kind', 'skill_id'])
      .execute(),
    durationOf(db, tenantId, window, sql<number>`accepted_at - created_at`, sql`accepted_at IS NOT NULL`),
    durationOf(db, tenantId, window, sql<number>`ended_at - accepted_at`, sql`accepted_at IS NOT NULL AND ended_at IS NOT NULL`),
    sessions.select(['rating_score', sql<number>`COUNT(*)`.as('n')]).where('rating_score', 'is not', null).groupBy('rating_score').execute(),
    // The answers as stored, each with how many sessions gave it (few distinct ones, however many sessions).
    sessions.select([sql<string>`CAST(rating_survey AS TEXT)`.as('survey'), sql<number>`COUNT(*)`.as('n')]).where('rating_survey', 'is not', null).groupBy(sql`1`).execute(),
    db
      .selectFrom('live_events')
      .select(sql<number>`COUNT(*)`.as('n'))
      .where('tenant_id', '=', tenantId)
      .where('type', '=', 'transfer')
      .where('at', '>=', from)
      .where('at', '<', to)
      .executeTakeFirstOrThrow(),
    db.selectFrom('skills').select(['id', 'name']).where('tenant_id', '=', tenantId).execute(),
  ]);

  const names = new Map(skills.map((s) => [s.id, s.name]));
  const bySkill = new Map<string | null, number>();
  const byChannel = new Map<string, number>();
  let total = 0;
  let gaveUp = 0;
  for (const g of groups) {
    const n = Number(g.n);
    total += n;
    gaveUp += Number(g.abandoned);
    bySkill.set(g.skill_id, (bySkill.get(g.skill_id) ?? 0) + n);
    byChannel.set(g.kind, (byChannel.get(g.kind) ?? 0) + n);
  }
  const rated = scores.reduce((s, r) => s + Number(r.n), 0);
  const scoreSum = scores.reduce((s, r) => s + Number(r.n) * Number(r.rating_score), 0);
  const answers = new Map<string, { question: string; answer: string; count: number }>();
  for (const { survey, n } of surveys) {
    for (const [question, answer] of Object.entries(JSON.parse(survey) as Record<string, string>)) {
      const key = JSON.stringify([question, answer]);
      const entry = answers.get(key) ?? { question, answer: String(answer), count: 0 };
      entry.count += Number(n);
      answers.set(key, entry);
    }
  }
  const byCount = <T extends { sessions: number }>(a: T, b: T) => b.sessions - a.sessions;
  return {
    range: rangeOf(window),
    sessions: total,
    bySkill: [...bySkill].map(([skillId, n]) => ({ skillId, name: skillId === null ? null : (names.get(skillId) ?? null), sessions: n })).sort((a, b) => byCount(a, b) || String(a.skillId).localeCompare(String(b.skillId))),
    byChannel: [...byChannel].map(([channel, n]) => ({ channel, sessions: n })).sort((a, b) => byCount(a, b) || a.channel.localeCompare(b.channel)),
    wait,
    handle,
    abandoned: gaveUp,
    transfers: Number(transfers.n),
    ratings: {
      count: rated,
      average: rated ? scoreSum / rated : null,
      distribution: [1, 2, 3, 4, 5].map((score) => ({ score, count: Number(scores.find((r) => Number(r.rating_score) === score)?.n ?? 0) })),
    },
    survey: [...answers.values()].sort((a, b) => a.question.localeCompare(b.question) || b.count - a.count || a.answer.localeCompare(b.answer)),
    days: series(window, ['sessions', 'abandoned'] as const, groups.map((g) => ({ day: g.day, sessions: g.n, abandoned: g.abandoned }))),
  };
}
