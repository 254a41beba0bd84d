/**
 * The analytics part of the `Store` (shared/analytics.ts): the search log it records, and the
 * two views of a date range the admin API answers (src/protocol/analytics.ts; definitions in
 * server/README.md, "Analytics").
 */
import type { LiveHelpAnalytics, SelfHelpAnalytics } from '../../src/protocol/analytics.js';

/** One customer search, as the search log keeps it. */
export interface SearchLogEntry {
  tenantId: string;
  at: number;
  /** The query normalised (server/search-log.ts): trimmed, spaces collapsed, lower case, at most 200 characters. */
  query: string;
  /** How many results it answered. */
  results: number;
  /** The consumer key the request named; null when none. */
  consumerKey: string | null;
}

/** A range `[from, to)` in ms, and the offset from UTC in minutes by which days are cut. */
export interface AnalyticsWindow {
  from: number;
  to: number;
  utcOffset: number;
}

export interface AnalyticsStore {
  /** Appends searches to the search log (one statement). */
  recordSearches(entries: SearchLogEntry[]): Promise<void>;
  /** What self help did in the range: paths, drop-off, days, searches, deflection, sources. */
  selfHelpAnalytics(tenantId: string, window: AnalyticsWindow): Promise<SelfHelpAnalytics>;
  /** What live help did with the sessions requested in the range. */
  liveHelpAnalytics(tenantId: string, window: AnalyticsWindow): Promise<LiveHelpAnalytics>;
}
