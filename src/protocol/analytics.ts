/**
 * The analytics of the admin REST API (ROUTES.adminAnalyticsSelfHelp, adminAnalyticsLiveHelp;
 * server/admin/analytics.ts): what self help and live help did in a date range. TypeBox schemas
 * (validated by the server) and their static types. The definitions of each figure are in
 * server/README.md ("Analytics").
 */
import { Type, type Static } from '@sinclair/typebox';
import { LIMITS } from './api.js';

const Ms = Type.Integer({ minimum: 0, maximum: 8_640_000_000_000_000 });
const Count = Type.Integer({ minimum: 0 });
/** A duration in ms, null when nothing was measured. */
const MaybeMs = Type.Union([Type.Number(), Type.Null()]);

/** The tables of each view, as CSV (`?format=csv&table=`). */
export const SELF_HELP_TABLES = ['paths', 'drop-off', 'days', 'no-result-queries'] as const;
export const LIVE_HELP_TABLES = ['skills', 'channels', 'days', 'ratings', 'survey'] as const;
export type SelfHelpTable = (typeof SELF_HELP_TABLES)[number];
export type LiveHelpTable = (typeof LIVE_HELP_TABLES)[number];

/**
 * The query of both views: the range `[from, to)` in ms since the epoch (at most
 * LIMITS.maxAnalyticsDays days: 400 `range_too_long` beyond), and the caller's offset from UTC in
 * minutes (east positive: UTC+2 is 120; the browser's `-new Date().getTimezoneOffset()`), by which
 * days are cut. One offset for the whole range: across a daylight-saving change, days on the
 * other side are an hour off. `format=csv` with `table` answers one table as CSV.
 */
export const AnalyticsQuery = Type.Object(
  {
    from: Ms,
    to: Ms,
    utcOffset: Type.Optional(Type.Integer({ minimum: -840, maximum: 840, description: 'minutes east of UTC; 0 when absent' })),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
    table: Type.Optional(Type.String({ maxLength: 32, description: `with format=csv: self help ${SELF_HELP_TABLES.join(', ')}; live help ${LIVE_HELP_TABLES.join(', ')}` })),
  },
  { additionalProperties: false },
);

/** The range a view covers, as asked: `days` is how many local days it touches. */
export const AnalyticsRange = Type.Object(
  { from: Ms, to: Ms, utcOffset: Type.Integer(), days: Count },
  { additionalProperties: false },
);

/** A day of the range in the caller's offset, `YYYY-MM-DD`. */
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

/** One path: opened (`views`), finished with an outcome (`completions` = `resolved` + `escalated`). */
export const PathFigures = Type.Object(
  {
    pathId: Type.String(),
    /** Its title now; null when the path no longer exists. */
    title: Type.Union([Type.String(), Type.Null()]),
    views: Count,
    completions: Count,
    resolved: Count,
    escalated: Count,
    /** Views opened from the recommendations list. */
    fromRecommended: Count,
  },
  { additionalProperties: false },
);

/** Walks of a path whose last event in the range was this step (they stopped there). */
export const StepDropOff = Type.Object({ pathId: Type.String(), stepId: Type.String(), stopped: Count }, { additionalProperties: false });

export const SelfHelpDay = Type.Object({ day: Day, views: Count, completions: Count, searches: Count }, { additionalProperties: false });

export const SelfHelpAnalytics = Type.Object(
  {
    range: AnalyticsRange,
    /** Paths with activity in the range, most viewed first. */
    paths: Type.Array(PathFigures),
    /** Per path and step, most stopped first. */
    dropOff: Type.Array(StepDropOff),
    /** Every day of the range, in order. */
    days: Type.Array(SelfHelpDay),
    searches: Type.Object(
      {
        total: Count,
        noResult: Count,
        /** The most frequent searches that found nothing (at most 20), most frequent first. */
        topNoResult: Type.Array(Type.Object({ query: Type.String(), count: Count }, { additionalProperties: false })),
      },
      { additionalProperties: false },
    ),
    /**
     * Consumers with path activity in the range (`consumers`); of them, `wentToLive` requested
     * live help in the range at or after their first path activity in it, `resolved` said a path
     * resolved their problem and did not; `rate` = resolved / (resolved + wentToLive), null when
     * both are 0.
     */
    deflection: Type.Object(
      { consumers: Count, resolved: Count, wentToLive: Count, rate: Type.Union([Type.Number(), Type.Null()]) },
      { additionalProperties: false },
    ),
    /** Paths opened (started) by where they were opened from. */
    opened: Type.Object({ recommended: Count, search: Count, helpId: Count, other: Count }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

/** Percentiles (nearest rank) of a duration in ms over `count` sessions. */
export const Durations = Type.Object(
  { count: Count, p50: MaybeMs, p90: MaybeMs, mean: MaybeMs },
  { additionalProperties: false },
);

export const LiveHelpDay = Type.Object({ day: Day, sessions: Count, abandoned: Count }, { additionalProperties: false });

export const LiveHelpAnalytics = Type.Object(
  {
    range: AnalyticsRange,
    /** Sessions requested (created) in the range. */
    sessions: Count,
    /** Per skill the session was in last (a transfer to a skill's queue moves it; null: the general queue), most sessions first; `name` null when the skill is unknown. */
    bySkill: Type.Array(
      Type.Object({ skillId: Type.Union([Type.String(), Type.Null()]), name: Type.Union([Type.String(), Type.Null()]), sessions: Count }, { additionalProperties: false }),
    ),
    /** Per channel (`chat`, `call`), most sessions first. */
    byChannel: Type.Array(Type.Object({ channel: Type.String(), sessions: Count }, { additionalProperties: false })),
    /** Requested to accepted, over the sessions of the range that were accepted. */
    wait: Durations,
    /** Accepted to ended, over the sessions of the range that were accepted and have ended. */
    handle: Durations,
    /** Sessions of the range that ended before an agent accepted them. */
    abandoned: Count,
    /** Transfers made in the range (to an agent or a skill's queue). */
    transfers: Count,
    ratings: Type.Object(
      {
        count: Count,
        average: Type.Union([Type.Number(), Type.Null()]),
        /** Scores 1 to 5, each with its count. */
        distribution: Type.Array(Type.Object({ score: Type.Integer(), count: Count }, { additionalProperties: false })),
      },
      { additionalProperties: false },
    ),
    /** Survey answers of the rated sessions: per question and answer, by question then most answered. */
    survey: Type.Array(Type.Object({ question: Type.String(), answer: Type.String(), count: Count }, { additionalProperties: false })),
    /** Every day of the range, in order. */
    days: Type.Array(LiveHelpDay),
  },
  { additionalProperties: false },
);

export type AnalyticsQuery = Static<typeof AnalyticsQuery>;
export type AnalyticsRange = Static<typeof AnalyticsRange>;
export type PathFigures = Static<typeof PathFigures>;
export type SelfHelpAnalytics = Static<typeof SelfHelpAnalytics>;
export type LiveHelpAnalytics = Static<typeof LiveHelpAnalytics>;
export type Durations = Static<typeof Durations>;

/** Longest range in ms. */
export const MAX_ANALYTICS_RANGE_MS = LIMITS.maxAnalyticsDays * 86_400_000;
