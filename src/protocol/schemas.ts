/**
 * Wire schemas: the single definition of every model, request and response that crosses the
 * network, written with TypeBox so that each schema is plain JSON Schema (validated by the
 * server through Fastify's Ajv and by the content importer) and also a static TypeScript type
 * (imported by the browser client with `import type`, so no schema code ships to the page).
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { LIMITS, OUTCOMES } from './api.js';

// ---------------------------------------------------------------------------------------------
// Scalars

/** Lower-case slug used for path, step and category ids. */
export const Slug = Type.String({
  pattern: '^[a-z0-9][a-z0-9-]{0,63}$',
  description: 'lower-case letters, digits and dashes; starts with a letter or digit; at most 64',
});

/** A help-id: an alias that names exactly one guided path. */
export const HelpId = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$',
  description: 'letters, digits, dot, dash and underscore; at most 128',
});

/** A tag shared by a family of related paths. Matching is case-insensitive. */
export const Tag = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$',
  description: 'letters, digits, space, dot, dash and underscore; at most 64; no commas',
});

export const Audience = Type.Union(
  [Type.Literal('consumer'), Type.Literal('agent'), Type.Literal('all')],
  { description: 'who may see the path' },
);

/** Where a step or choice leads: another step id, or an outcome that ends the path. */
export const StepTarget = Type.Union([Slug, ...OUTCOMES.map((o) => Type.Literal(o))]);

const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });

// ---------------------------------------------------------------------------------------------
// Content

export const Choice = Type.Object(
  {
    label: Text(200),
    next: StepTarget,
  },
  { additionalProperties: false },
);

export const Step = Type.Object(
  {
    id: Slug,
    title: Text(200),
    /** HTML; sanitized by the element before it is rendered. */
    body: Type.String({ maxLength: 50_000 }),
    /** Branching: one button per choice. Without choices the step leads to `next`. */
    choices: Type.Optional(Type.Array(Choice, { minItems: 1, maxItems: 8 })),
    /** Linear successor; defaults to the following step, and the last step ends the path. */
    next: Type.Optional(StepTarget),
  },
  { additionalProperties: false },
);

/** A guided path as authored in a content file and as returned in full by the API. */
export const GuidedPath = Type.Object(
  {
    id: Slug,
    title: Text(200),
    summary: Type.String({ maxLength: 1000 }),
    category: Slug,
    tags: Type.Array(Tag, { maxItems: 32 }),
    helpIds: Type.Array(HelpId, { maxItems: 32 }),
    audience: Audience,
    steps: Type.Array(Step, { minItems: 1, maxItems: 100 }),
    /** Id of the first step; defaults to the first in `steps`. */
    firstStep: Type.Optional(Slug),
  },
  { additionalProperties: false },
);

export const CategoryInput = Type.Object(
  {
    id: Slug,
    name: Text(100),
    description: Type.String({ maxLength: 500 }),
    /** Name of an icon from the element icon set (see `<nexus-categories>`). */
    icon: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,32}$' })),
    /** Display order, lowest first. */
    order: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  },
  { additionalProperties: false },
);

export const CategoryFile = Type.Array(CategoryInput, { minItems: 1, maxItems: 500 });

// ---------------------------------------------------------------------------------------------
// API responses

export const PathSummary = Type.Object({
  id: Slug,
  title: Type.String(),
  summary: Type.String(),
  category: Slug,
  tags: Type.Array(Type.String()),
  helpIds: Type.Array(Type.String()),
  stepCount: Type.Integer(),
});

export const PathList = Type.Object({
  items: Type.Array(PathSummary),
  total: Type.Integer(),
});

export const SearchHit = Type.Composite([
  PathSummary,
  Type.Object({
    /** Title with matches wrapped in MARK_START / MARK_END. */
    titleHighlight: Type.String(),
    /** Short excerpt around the matches, wrapped the same way. */
    snippet: Type.String(),
    /** bm25 relevance; higher is better. */
    score: Type.Number(),
  }),
]);

export const SearchResult = Type.Object({
  query: Type.String(),
  items: Type.Array(SearchHit),
});

export const Category = Type.Object({
  id: Slug,
  name: Type.String(),
  description: Type.String(),
  icon: Type.Union([Type.String(), Type.Null()]),
  order: Type.Integer(),
  pathCount: Type.Integer(),
});

export const CategoryList = Type.Object({ items: Type.Array(Category) });

export const RecommendationReason = Type.Union([
  Type.Literal('in-progress'),
  Type.Literal('context'),
  Type.Literal('popular'),
]);

export const Recommendation = Type.Composite([
  PathSummary,
  Type.Object({ reason: RecommendationReason }),
]);

export const RecommendationList = Type.Object({ items: Type.Array(Recommendation) });

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(
      Type.Array(Type.Object({ path: Type.String(), message: Type.String() })),
    ),
  }),
});

// ---------------------------------------------------------------------------------------------
// API requests

/** Comma-separated tag list in a query string. */
const TagList = Type.String({ minLength: 1, maxLength: 2000 });
const Limit = Type.Integer({ minimum: 1, maximum: LIMITS.maxLimit });

export const PathIdParams = Type.Object({ id: Slug });
export const HelpIdParams = Type.Object({ helpId: HelpId });

export const PathListQuery = Type.Object(
  {
    tags: Type.Optional(TagList),
    category: Type.Optional(Slug),
    limit: Type.Optional(Limit),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  },
  { additionalProperties: false },
);

export const SearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: LIMITS.maxQueryLength }),
    tags: Type.Optional(TagList),
    audience: Type.Optional(Audience),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);

/** Anonymous, client-generated key that names a consumer within a tenant. */
export const ConsumerKey = Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' });

export const RecommendedQuery = Type.Object(
  {
    consumer: Type.Optional(ConsumerKey),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);

/** Client-generated id that makes an operation idempotent (retries never duplicate it). */
export const OpId = Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' });
/** Milliseconds since the epoch, as the browser saw it. */
export const Timestamp = Type.Integer({ minimum: 0, maximum: 8_640_000_000_000_000 });

const IdentityValue = Type.Union([Type.String({ maxLength: 200 }), Type.Null()]);

export const Identity = Type.Object(
  {
    firstName: Type.Optional(IdentityValue),
    lastName: Type.Optional(IdentityValue),
    email: Type.Optional(
      Type.Union([
        Type.String({ maxLength: 254, pattern: '^$|^[^\\s@]+@[^\\s@]+$' }),
        Type.Null(),
      ]),
    ),
    externalId: Type.Optional(IdentityValue),
    phone: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const LogKind = Type.Union([
  Type.Literal('action'),
  Type.Literal('device'),
  Type.Literal('content'),
]);

export const ContextOp = Type.Union([
  Type.Object(
    {
      id: OpId,
      at: Timestamp,
      op: Type.Literal('identity'),
      /** Fields to set; `null` unsets a field. */
      set: Identity,
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      id: OpId,
      at: Timestamp,
      op: Type.Literal('log'),
      kind: LogKind,
      name: Text(200),
      /** Second string argument (the content of `logContent`). */
      detail: Type.Optional(Type.String({ maxLength: 1000 })),
      /** Any JSON value; size-checked by the server. */
      data: Type.Optional(Type.Unknown()),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      id: OpId,
      at: Timestamp,
      op: Type.Union([Type.Literal('clear-context'), Type.Literal('clear-identity')]),
      /** Only what was logged (or set) before this time is cleared; all of it when absent. */
      before: Type.Optional(Timestamp),
    },
    { additionalProperties: false },
  ),
]);

export const ContextBatch = Type.Object(
  {
    consumer: ConsumerKey,
    ops: Type.Array(ContextOp, { minItems: 1, maxItems: LIMITS.maxContextOps }),
  },
  { additionalProperties: false },
);

export const ContextBatchResult = Type.Object({
  consumerId: Type.String(),
  /** Operations applied now; ones already applied earlier (same id) are skipped. */
  applied: Type.Integer(),
});

export const ActivityKind = Type.Union([
  Type.Literal('started'),
  Type.Literal('step'),
  Type.Literal('resolved'),
  Type.Literal('escalated'),
]);

export const ActivityEvent = Type.Object(
  {
    id: OpId,
    at: Timestamp,
    pathId: Slug,
    event: ActivityKind,
    stepId: Type.Optional(Slug),
  },
  { additionalProperties: false },
);

export const ActivityBatch = Type.Object(
  {
    consumer: ConsumerKey,
    events: Type.Array(ActivityEvent, { minItems: 1, maxItems: LIMITS.maxActivityEvents }),
  },
  { additionalProperties: false },
);

export const ActivityBatchResult = Type.Object({ applied: Type.Integer() });

// ---------------------------------------------------------------------------------------------
// Portal branding

/** A BCP 47 language tag (`fr`, `es-MX`), or `*` for every locale. */
export const LocaleTag = Type.String({ pattern: '^(\\*|[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4})$', maxLength: 35 });

/**
 * A tenant's portal branding (the guide's "Self-Support Branding"), as `GET /v1/branding` returns
 * it. Theme URLs are null when not set; `strings` holds string overrides by locale tag (`*` for
 * every locale) and key of the string catalogue.
 */
export const PortalBranding = Type.Object(
  {
    /** Stylesheet applied inside every element. */
    themeUrl: Type.Union([Type.String(), Type.Null()]),
    /** Stylesheet for the HTML of guided-path steps. */
    stepContentThemeUrl: Type.Union([Type.String(), Type.Null()]),
    /** Whether the portal theme applies on mobile devices too ("Enable theme in mobile applications"). */
    applyOnMobile: Type.Boolean(),
    strings: Type.Record(LocaleTag, Type.Record(Type.String(), Type.String())),
    /** When it was last changed; null when the tenant never set any branding. */
    updatedAt: Type.Union([Timestamp, Type.Null()]),
  },
  { additionalProperties: false },
);

// ---------------------------------------------------------------------------------------------
// Co-browse settings

/**
 * A tenant's co-browse settings, as `GET /v1/cobrowse/settings` returns them: extra selectors
 * of elements never captured and of elements whose text is masked (added to the page's and the
 * built-in rules; the server checks their shape only, the client their CSS syntax), and the
 * download URL of the remote-support client for `remoteConnectionType: "remote"` (null when not set).
 */
export const CobrowseSettings = Type.Object(
  {
    blockSelectors: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: 50 }),
    maskTextSelectors: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: 50 }),
    remoteClientUrl: Type.Union([Type.String(), Type.Null()]),
    /** Co-browse is recorded (the customer's consent dialog says so). */
    recording: Type.Boolean(),
    /** When they were last changed; null when the tenant never set any. */
    updatedAt: Type.Union([Timestamp, Type.Null()]),
  },
  { additionalProperties: false },
);

// ---------------------------------------------------------------------------------------------
// Static types

export type Audience = Static<typeof Audience>;
export type Choice = Static<typeof Choice>;
export type Step = Static<typeof Step>;
export type GuidedPath = Static<typeof GuidedPath>;
export type CategoryInput = Static<typeof CategoryInput>;
export type PathSummary = Static<typeof PathSummary>;
export type PathList = Static<typeof PathList>;
export type SearchHit = Static<typeof SearchHit>;
export type SearchResult = Static<typeof SearchResult>;
export type Category = Static<typeof Category>;
export type CategoryList = Static<typeof CategoryList>;
export type Recommendation = Static<typeof Recommendation>;
export type RecommendationReason = Static<typeof RecommendationReason>;
export type RecommendationList = Static<typeof RecommendationList>;
export type ErrorBody = Static<typeof ErrorBody>;
export type PathListQuery = Static<typeof PathListQuery>;
export type SearchQuery = Static<typeof SearchQuery>;
export type RecommendedQuery = Static<typeof RecommendedQuery>;
export type Identity = Static<typeof Identity>;
export type LogKind = Static<typeof LogKind>;
export type ContextOp = Static<typeof ContextOp>;
export type ContextBatch = Static<typeof ContextBatch>;
export type ContextBatchResult = Static<typeof ContextBatchResult>;
export type ActivityKind = Static<typeof ActivityKind>;
export type ActivityEvent = Static<typeof ActivityEvent>;
export type ActivityBatch = Static<typeof ActivityBatch>;
export type ActivityBatchResult = Static<typeof ActivityBatchResult>;
export type PortalBranding = Static<typeof PortalBranding>;
export type CobrowseSettings = Static<typeof CobrowseSettings>;

export type { TSchema };
