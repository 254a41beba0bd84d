import { LIMITS } from '../protocol/api.js';
import type { StringKey } from '../i18n/strings.js';

// The date range of <nexus-portal-analytics>: days as the date inputs hold them (`yyyy-mm-dd`,
// in the browser's time zone, the last day included), the presets, the checks a range passes
// before it is sent, and the `[from, to)` in ms the admin API takes.

/** A range of days: the first and the last (included), `yyyy-mm-dd` in the browser's time zone. */
export interface DayRange {
  from: string;
  to: string;
}

/** The quick ranges: today, the last 7, 30 or 90 days (today included), this year up to today. */
export const RANGE_PRESETS = ['today', '7', '30', '90', 'year'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export const PRESET_LABELS: Record<RangePreset, StringKey> = {
  today: 'portalAnalyticsToday',
  '7': 'portalAnalyticsLast7',
  '30': 'portalAnalyticsLast30',
  '90': 'portalAnalyticsLast90',
  year: 'portalAnalyticsThisYear',
};

/** Why a range is not sent, and the field that says it. */
export type RangeProblem = 'from-missing' | 'to-missing' | 'to-before-from' | 'too-long';

export const PROBLEM_TEXT: Record<RangeProblem, StringKey> = {
  'from-missing': 'portalAnalyticsFromMissing',
  'to-missing': 'portalAnalyticsToMissing',
  'to-before-from': 'portalAnalyticsToBeforeFrom',
  'too-long': 'portalAnalyticsTooLong',
};

// protocol/analytics.ts has it too, but that module is schema code the page must not load.
const MAX_RANGE_MS = LIMITS.maxAnalyticsDays * 86_400_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The local day of a date, `yyyy-mm-dd`. */
export function dayOf(date: Date): string {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A day's parts, or undefined when it is not a day. */
function partsOf(day: string): [number, number, number] | undefined {
  const match = DAY.exec(day);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(Date.UTC(y, m - 1, d));
  return utc.getUTCFullYear() === y && utc.getUTCMonth() === m - 1 && utc.getUTCDate() === d ? [y, m, d] : undefined;
}

/** The range of a preset, as of `now`. */
export function presetRange(preset: RangePreset, now = new Date()): DayRange {
  const to = dayOf(now);
  if (preset === 'today') return { from: to, to };
  if (preset === 'year') return { from: `${pad(now.getFullYear(), 4)}-01-01`, to };
  const first = new Date(now.getFullYear(), now.getMonth(), now.getDate() - (Number(preset) - 1));
  return { from: dayOf(first), to };
}

/** The preset a range is, as of `now`; undefined for another range. */
export function presetOf(range: DayRange, now = new Date()): RangePreset | undefined {
  return RANGE_PRESETS.find((preset) => {
    const candidate = presetRange(preset, now);
    return candidate.from === range.from && candidate.to === range.to;
  });
}

/** How many days a range holds, both ends included (by the calendar: daylight saving does not count). */
export function dayCount(range: DayRange): number {
  const [from, to] = [partsOf(range.from), partsOf(range.to)];
  if (!from || !to) return 0;
  return Math.round((Date.UTC(to[0], to[1] - 1, to[2]) - Date.UTC(from[0], from[1] - 1, from[2])) / 86_400_000) + 1;
}

/**
 * The API's range: from the first day's local midnight (included) to the midnight after the last
 * day (excluded), in ms.
 */
export function rangeMs(range: DayRange): { from: number; to: number } {
  const [from, to] = [partsOf(range.from), partsOf(range.to)];
  if (!from || !to) throw new RangeError(`not a range of days: ${range.from} to ${range.to}`);
  return { from: new Date(from[0], from[1] - 1, from[2]).getTime(), to: new Date(to[0], to[1] - 1, to[2] + 1).getTime() };
}

/** What is wrong with a range before it is sent (the server refuses the same), or undefined. */
export function rangeProblem(range: DayRange): RangeProblem | undefined {
  if (!partsOf(range.from)) return 'from-missing';
  if (!partsOf(range.to)) return 'to-missing';
  const days = dayCount(range);
  if (days < 1) return 'to-before-from';
  const { from, to } = rangeMs(range);
  // A year with two autumn changes and one spring change is an hour longer than its days.
  if (days > LIMITS.maxAnalyticsDays || to - from > MAX_RANGE_MS) return 'too-long';
  return undefined;
}

/** A range as the address keeps it: `2026-12-01..2026-12-07`. */
export const rangeParam = (range: DayRange) => `${range.from}..${range.to}`;

/** The range an address names (`<first day>..<last day>`), when it is one the page would show. */
export function rangeOfParam(param: string): DayRange | undefined {
  const [from, to, ...rest] = param.split('..');
  if (rest.length || to === undefined) return undefined;
  const range = { from, to };
  return rangeProblem(range) ? undefined : range;
}
