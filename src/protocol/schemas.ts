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
      Type.Array(
        Type.Object({
          path: Type.String(),
          message: Type.String(),
          /** `publish_checks_failed`: which check (PUBLISH_CHECKS in authoring.ts), the step and choice at fault. */
          code: Type.Optional(Type.String()),
          step: Type.Optional(Type.String()),
          choice: Type.Optional(Type.Integer()),
          /** `edit_conflict`: the path's current revision, who saved it (null: the command line) and when. */
          revision: Type.Optional(Type.Integer()),
          savedBy: Type.Optional(Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()])),
          savedAt: Type.Optional(Type.Integer()),
        }),
      ),
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

/** Anonymous, client-generated key that names a consumer within a tenant. */
export const ConsumerKey = Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' });

export const SearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: LIMITS.maxQueryLength }),
    tags: Type.Optional(TagList),
    audience: Type.Optional(Audience),
    limit: Type.Optional(Limit),
    /** The consumer searching (their key), recorded with the search for analytics; optional. */
    consumer: Type.Optional(ConsumerKey),
  },
  { additionalProperties: false },
);

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

/**
 * Where a guided path was opened from: the recommendations list, search results, or a help-id
 * (the page asked for it). Optional: events without it are counted as from elsewhere.
 */
export const ActivitySource = Type.Union([Type.Literal('recommended'), Type.Literal('search'), Type.Literal('help-id')]);

export const ActivityEvent = Type.Object(
  {
    id: OpId,
    at: Timestamp,
    pathId: Slug,
    event: ActivityKind,
    stepId: Type.Optional(Slug),
    /** Where the path was opened from, on a `started` event (analytics: recommended paths opened). */
    source: Type.Optional(ActivitySource),
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
// Administration (the service layer of server/admin/, the CLI and the admin REST API)

const Name = (what: string) => Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', description: what });

/** An agent's id: generated (`agt_…`), or chosen when created by a test or an import. */
export const AgentId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$', description: 'the agent id' });

/**
 * Where an application token may be used (Add New > Audience), checked on every request it
 * makes (server/auth.ts, docs/security.md#token-audiences):
 * - `client-apps`: pages and the apps that embed them (the SDK, the elements, the embed page).
 *   A request that does not come from a browser is refused.
 * - `rest-apis`: programs calling the REST routes from a server (an IVR, a CRM). A request a
 *   browser sends is refused, so the token cannot work from a page it was pasted into.
 * - `client-apps-and-rest-apis`: both (the guide's choice, and the default).
 */
export const TokenAudience = Type.Union(
  [
    Type.Literal('client-apps', { description: 'pages and apps only: refused on a request that does not come from a browser' }),
    Type.Literal('rest-apis', { description: 'programs only: refused on a request a browser sends (with Origin or Sec-Fetch-* headers)' }),
    Type.Literal('client-apps-and-rest-apis', { description: 'both pages and programs (the default)' }),
  ],
  { description: 'where the token may be used' },
);

/** A new tenant (the CLI only). */
export const TenantCreate = Type.Object({ id: Slug, name: Name('the name of the tenant') }, { additionalProperties: false });

/** Admin > Integration > Application Tokens > Add New. */
export const AppTokenCreate = Type.Object(
  {
    name: Name('any name for the application'),
    version: Type.Optional(Type.String({ minLength: 1, maxLength: 32, pattern: '^\\S+$', default: '1.0', description: 'any version for the application' })),
    audience: Type.Optional(TokenAudience),
    expiresAt: Type.Optional(Type.Union([Timestamp, Type.Null()], { description: 'when it stops working (ms since the epoch); null or absent: never' })),
  },
  { additionalProperties: false },
);

/** One application token as the list shows it (never its JWT). */
export const AppTokenInfo = Type.Object(
  {
    id: Type.String({ description: 'the unique token id, generated (the JWT `sub`)' }),
    name: Type.String(),
    version: Type.String(),
    audience: TokenAudience,
    agentId: Type.Union([AgentId, Type.Null()], { description: 'the agent an agent token signs in; null for an application token' }),
    createdAt: Timestamp,
    expiresAt: Type.Union([Timestamp, Type.Null()]),
    revokedAt: Type.Union([Timestamp, Type.Null()]),
    status: Type.Union([Type.Literal('active'), Type.Literal('expired'), Type.Literal('revoked')]),
  },
  { additionalProperties: false },
);

export const AppTokenList = Type.Object({ items: Type.Array(AppTokenInfo) }, { additionalProperties: false });

/** A token with its JWT: what Add New and View JWT answer. */
export const AppTokenWithJwt = Type.Object(
  { token: AppTokenInfo, jwt: Type.String({ description: 'the application JWT, the same text every time it is shown' }) },
  { additionalProperties: false },
);

export const SkillCreate = Type.Object({ id: Slug, name: Name('the name agents and reports show') }, { additionalProperties: false });
export const SkillRename = Type.Object({ name: Name('the new name') }, { additionalProperties: false });

export const SkillInfo = Type.Object(
  {
    id: Slug,
    name: Type.String(),
    createdAt: Timestamp,
    agents: Type.Array(AgentId, { description: 'the agents that have the skill' }),
    waiting: Type.Integer({ minimum: 0, description: 'sessions waiting in its queue now' }),
  },
  { additionalProperties: false },
);

export const SkillList = Type.Object({ items: Type.Array(SkillInfo) }, { additionalProperties: false });

/** Assign or unassign agents to a skill. */
export const SkillAgents = Type.Object({ agentIds: Type.Array(AgentId, { minItems: 1, maxItems: 100 }) }, { additionalProperties: false });

/**
 * What deleting a skill did. It is refused (409 `skill_in_use`) while sessions wait in it or are
 * served in it; deleted, it is taken off its agents and ended sessions keep naming it.
 */
export const SkillDeleted = Type.Object(
  { skill: SkillInfo, unassignedAgents: Type.Array(AgentId, { description: 'the agents that had the skill' }) },
  { additionalProperties: false },
);

export const MaxSessions = Type.Integer({ minimum: 1, maximum: 100, description: 'most sessions (offered or active) at once' });
export const SkillIds = Type.Array(Slug, { maxItems: 50, uniqueItems: true, description: 'skills of the tenant; none: the general queue only' });

export const AgentCreate = Type.Object(
  { name: Name('the name customers and colleagues see'), skills: Type.Optional(SkillIds), maxSessions: Type.Optional(MaxSessions) },
  { additionalProperties: false },
);

/** Edit an agent: any of name, skills (the whole new list) and maximum sessions. */
export const AgentUpdate = Type.Object(
  { name: Type.Optional(Name('the new name')), skills: Type.Optional(SkillIds), maxSessions: Type.Optional(MaxSessions) },
  { additionalProperties: false, minProperties: 1 },
);

/** An agent (the live-help person) with their status and current load. */
export const AgentInfo = Type.Object(
  {
    id: AgentId,
    name: Type.String(),
    status: Type.Union([Type.Literal('available'), Type.Literal('away')]),
    skills: Type.Array(Slug),
    maxSessions: Type.Integer(),
    load: Type.Integer({ minimum: 0, description: 'sessions offered to or held by the agent now' }),
    createdAt: Timestamp,
  },
  { additionalProperties: false },
);

export const AgentList = Type.Object({ items: Type.Array(AgentInfo) }, { additionalProperties: false });

/** What deleting an agent did: refused (409 `agent_busy`) while it holds sessions; its tokens are revoked. */
export const AgentDeleted = Type.Object(
  { agent: AgentInfo, revokedTokens: Type.Array(Type.String(), { description: 'the agent tokens revoked, so their connections close' }) },
  { additionalProperties: false },
);

/** Issue an agent token. */
export const AgentTokenCreate = Type.Object(
  { expiresAt: Type.Optional(Type.Union([Timestamp, Type.Null()], { description: 'when it stops working (ms); null or absent: never' })) },
  { additionalProperties: false },
);

// The finer checks (URL form and length, selector count and length, locale tags, catalogue keys)
// are the settings modules' own, with their own codes in the message of `invalid_settings`.
const SettingUrl = Type.Union([Type.String(), Type.Null()], { description: "https (http on localhost), at most 2048 characters; null or '' removes it" });
const Selectors = Type.Array(Type.String(), { description: 'CSS selectors, at most 50 of 500 characters each; replaces the list' });

/** Settings > Self-Support Branding: what to change (absent: as it is); checked further by server/branding.ts. */
export const BrandingUpdate = Type.Object(
  {
    themeUrl: Type.Optional(SettingUrl),
    stepContentThemeUrl: Type.Optional(SettingUrl),
    applyOnMobile: Type.Optional(Type.Boolean({ description: 'Enable theme in mobile applications' })),
    setStrings: Type.Optional(Type.Record(Type.String(), Type.Record(Type.String(), Type.String()), { description: 'overrides to set, by locale tag (* for all) and catalogue key' })),
    unsetStrings: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String()), { description: 'overrides to remove (Reset to default), by locale tag' })),
  },
  { additionalProperties: false },
);

/** Co-browse settings: what to change (absent: as it is); checked further by server/cobrowse-settings.ts. */
export const CobrowseSettingsUpdate = Type.Object(
  {
    blockSelectors: Type.Optional(Selectors),
    maskTextSelectors: Type.Optional(Selectors),
    remoteClientUrl: Type.Optional(SettingUrl),
    recording: Type.Optional(Type.Boolean({ description: 'store the customer side of every co-browse from now on' })),
  },
  { additionalProperties: false },
);

/** Settings > Configurations: the switches to change (absent: as it is); `PUT /v1/admin/config`. */
export const TenantConfigUpdate = Type.Object(
  {
    allowSessionTransfer: Type.Optional(Type.Boolean({ description: 'Allow Session Transfer: agents may hand a session to another agent' })),
    agentToSkillTransfer: Type.Optional(
      Type.Boolean({ description: "Enable Agent to Skill Transfer: agents may hand a session to a skill's queue too (only while transfer is allowed)" }),
    ),
  },
  { additionalProperties: false },
);

/** Settings > Configurations as the admin API answers it: the live-help switches and when they last changed. */
export const TenantConfigInfo = Type.Object(
  {
    allowSessionTransfer: Type.Boolean({ description: 'Allow Session Transfer' }),
    agentToSkillTransfer: Type.Boolean({ description: 'Enable Agent to Skill Transfer (only matters while transfer is allowed)' }),
    updatedAt: Type.Union([Timestamp, Type.Null()], { description: 'the last change; null for the defaults' }),
  },
  { additionalProperties: false },
);

/** The tenant's own SMTP server for transcript mail; the URL holds a password and is never shown whole. */
export const MailSettingsUpdate = Type.Object(
  {
    smtpUrl: Type.String({ minLength: 1, maxLength: 2048, description: 'smtp://user:password@host:587 or smtps://…:465' }),
    from: Type.Union([Type.String({ maxLength: 320 }), Type.Null()], { description: "the From address; null: the server's" }),
  },
  { additionalProperties: false },
);

// ---------------------------------------------------------------------------------------------
// Static types

export type Audience = Static<typeof Audience>;
export type TokenAudience = Static<typeof TokenAudience>;
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
export type ActivitySource = Static<typeof ActivitySource>;
export type ActivityEvent = Static<typeof ActivityEvent>;
export type ActivityBatch = Static<typeof ActivityBatch>;
export type ActivityBatchResult = Static<typeof ActivityBatchResult>;
export type PortalBranding = Static<typeof PortalBranding>;
export type CobrowseSettings = Static<typeof CobrowseSettings>;
export type AppTokenCreate = Static<typeof AppTokenCreate>;
export type AppTokenInfo = Static<typeof AppTokenInfo>;
export type AppTokenList = Static<typeof AppTokenList>;
export type AppTokenWithJwt = Static<typeof AppTokenWithJwt>;
export type SkillCreate = Static<typeof SkillCreate>;
export type SkillInfo = Static<typeof SkillInfo>;
export type SkillDeleted = Static<typeof SkillDeleted>;
export type SkillList = Static<typeof SkillList>;
export type BrandingUpdate = Static<typeof BrandingUpdate>;
export type CobrowseSettingsUpdate = Static<typeof CobrowseSettingsUpdate>;
export type TenantConfigUpdate = Static<typeof TenantConfigUpdate>;
export type TenantConfigInfo = Static<typeof TenantConfigInfo>;
export type AgentCreate = Static<typeof AgentCreate>;
export type AgentUpdate = Static<typeof AgentUpdate>;
export type AgentInfo = Static<typeof AgentInfo>;
export type AgentDeleted = Static<typeof AgentDeleted>;

export type { TSchema };
