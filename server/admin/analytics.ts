/**
 * Analytics of the portal (ROUTES.adminAnalytics*): the self-help and live-help views of a date
 * range, read by an account of the tenant (admin or supervisor), and each view's tables as CSV.
 * Definitions of every figure: server/README.md, "Analytics". Reading changes nothing, so
 * nothing is audited.
 */
import {
  AnalyticsQuery,
  MAX_ANALYTICS_RANGE_MS,
  type LiveHelpAnalytics,
  type LiveHelpTable,
  type SelfHelpAnalytics,
  type SelfHelpTable,
} from '../../src/protocol/analytics.js';
import { LIMITS } from '../../src/protocol/api.js';
import { ApiError, invalidRequest } from '../errors.js';
import type { AnalyticsWindow, Store } from '../store/types.js';
import { check, tenantFor, type AdminActor } from './kit.js';

/** The range of a query, checked: `to` after `from`, at most LIMITS.maxAnalyticsDays days. */
export function analyticsWindow(query: AnalyticsQuery): AnalyticsWindow {
  if (query.to <= query.from) throw invalidRequest('/to: the range ends before it starts (to must be after from)');
  if (query.to - query.from > MAX_ANALYTICS_RANGE_MS) {
    throw new ApiError(400, 'range_too_long', `a range is at most ${LIMITS.maxAnalyticsDays} days`);
  }
  return { from: query.from, to: query.to, utcOffset: query.utcOffset ?? 0 };
}

/** What a view's service gets: the tenant and the query (from the route's querystring). */
export interface AnalyticsInput {
  tenantId: string;
  query: unknown;
}

export async function selfHelpAnalytics(store: Store, actor: AdminActor, input: AnalyticsInput): Promise<SelfHelpAnalytics> {
  const window = analyticsWindow(check(AnalyticsQuery, input.query));
  return store.selfHelpAnalytics(await tenantFor(store, actor, input.tenantId), window);
}

export async function liveHelpAnalytics(store: Store, actor: AdminActor, input: AnalyticsInput): Promise<LiveHelpAnalytics> {
  const window = analyticsWindow(check(AnalyticsQuery, input.query));
  return store.liveHelpAnalytics(await tenantFor(store, actor, input.tenantId), window);
}

// ---------------------------------------------------------------------------------------------
// CSV

type Cell = string | number | null;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled.
 * Text starting with `=`, `+`, `-`, `@` (or a tab or carriage return) gets a leading `'`, so a
 * spreadsheet never reads it as a formula.
 */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
  return /[",\r\n]/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows as CSV text, the header first, lines ended by CRLF. */
export function toCsv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}

/** One table of the self-help view, as CSV. */
export function selfHelpCsv(view: SelfHelpAnalytics, table: SelfHelpTable): string {
  switch (table) {
    case 'paths':
      return toCsv(
        ['path_id', 'title', 'views', 'completions', 'resolved', 'escalated', 'from_recommended'],
        view.paths.map((p) => [p.pathId, p.title, p.views, p.completions, p.resolved, p.escalated, p.fromRecommended]),
      );
    case 'drop-off':
      return toCsv(['path_id', 'step_id', 'stopped'], view.dropOff.map((d) => [d.pathId, d.stepId, d.stopped]));
    case 'days':
      return toCsv(['day', 'views', 'completions', 'searches'], view.days.map((d) => [d.day, d.views, d.completions, d.searches]));
    case 'no-result-queries':
      return toCsv(['query', 'searches'], view.searches.topNoResult.map((q) => [q.query, q.count]));
  }
}

/** One table of the live-help view, as CSV. */
export function liveHelpCsv(view: LiveHelpAnalytics, table: LiveHelpTable): string {
  switch (table) {
    case 'skills':
      return toCsv(['skill_id', 'name', 'sessions'], view.bySkill.map((s) => [s.skillId, s.name, s.sessions]));
    case 'channels':
      return toCsv(['channel', 'sessions'], view.byChannel.map((c) => [c.channel, c.sessions]));
    case 'days':
      return toCsv(['day', 'sessions', 'abandoned'], view.days.map((d) => [d.day, d.sessions, d.abandoned]));
    case 'ratings':
      return toCsv(['score', 'ratings'], view.ratings.distribution.map((r) => [r.score, r.count]));
    case 'survey':
      return toCsv(['question', 'answer', 'count'], view.survey.map((s) => [s.question, s.answer, s.count]));
  }
}

/** The table a CSV query names, one of `tables`; `invalid_request` otherwise. */
export function csvTable<T extends string>(tables: readonly T[], table: string | undefined): T {
  if (!tables.includes(table as T)) throw invalidRequest(`/table: format=csv takes table=${tables.join('|')}`);
  return table as T;
}

/** The file name of a CSV download: the view, the table and the range's first and last day (UTC offset applied). */
export function csvFileName(view: 'self-help' | 'live-help', table: string, days: { day: string }[]): string {
  const span = days.length ? `-${days[0].day}-to-${days[days.length - 1].day}` : '';
  return `nexus-${view}-${table}${span}.csv`;
}
