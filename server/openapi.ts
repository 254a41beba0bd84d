/**
 * The OpenAPI 3.1 document of the REST API (`GET /v1/openapi.json`, public), generated from the
 * routes the server registers and the TypeBox schemas they declare, so that the document cannot
 * drift from the server: every route under API_PREFIX that Fastify registers is in it, with the
 * parameters, body and responses its schemas validate. TypeBox schemas are JSON Schema, which
 * OpenAPI 3.1 takes as it is. What a schema cannot say (a raw file body, a WebSocket upgrade) is
 * in EXTRAS below. Why not @fastify/swagger: docs/architecture.md, "The OpenAPI document".
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { API_PREFIX, ERROR_CODES } from '../src/protocol/api.js';
import { LIVE_HELP_TABLES, SELF_HELP_TABLES } from '../src/protocol/analytics.js';
import { ROUTES, type RouteName } from '../src/protocol/routes.js';
import { ErrorBody, type TSchema } from '../src/protocol/schemas.js';
import { SESSION_COOKIE } from './accounts/sessions.js';
import type { PrincipalRole } from './auth.js';

/**
 * Routes registered outside the authenticated API that take no credentials (the access matrix
 * says the same: server/test/access-matrix.test.ts); inside it a public route says `config.public`.
 */
const PUBLIC: ReadonlySet<string> = new Set([ROUTES.health, ROUTES.ready, ROUTES.liveFile, ROUTES.liveSocket, ROUTES.openapi]);
/** The token kinds of a route that does not say (`config.roles`; routes.ts CONTENT_ROLES). */
const DEFAULT_ROLES: readonly PrincipalRole[] = ['consumer', 'agent'];
/** In words, for each token kind. */
const TOKEN_KINDS: Record<PrincipalRole, string> = { consumer: 'application', agent: 'agent', customer: 'session', staff: 'signed-in account' };

type JsonObject = Record<string, unknown>;

/** The server's version (server/package.json), the document's `info.version`. */
const VERSION = (JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The CSV answer of an analytics view (`format=csv&table=<name>`), beside its JSON. */
function csvAnswer(tables: readonly string[]): JsonObject {
  return {
    'text/csv': {
      schema: { type: 'string', description: `with format=csv: one table of the view (table=${tables.join('|')}) as RFC 4180 CSV, header first, as an attachment` },
    },
  };
}

/** What the schemas of a route cannot say; `alsoAnswers`: other media types of its 200 answer. */
const EXTRAS: Partial<Record<string, { requestBody?: JsonObject; responses?: JsonObject; description?: string; alsoAnswers?: JsonObject }>> = {
  [`POST ${ROUTES.liveFiles}`]: {
    requestBody: {
      required: true,
      description: 'the file itself, with its media type as Content-Type',
      content: { '*/*': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } },
    },
  },
  [`GET ${ROUTES.liveFile}`]: {
    responses: { 200: { description: 'the file, with its media type', content: { '*/*': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } } },
  },
  [`PUT ${ROUTES.adminBrandingTheme}`]: {
    requestBody: { required: true, description: 'the stylesheet, plain CSS text in UTF-8, at most 256 KB', content: { 'text/css': { schema: { type: 'string' } } } },
  },
  [`GET ${ROUTES.adminBrandingTheme}`]: {
    responses: { 200: { description: 'the hosted CSS, as an attachment', content: { 'text/css': { schema: { type: 'string' } } } } },
  },
  [`GET ${ROUTES.themeFile}`]: {
    responses: { 200: { description: 'the stylesheet (text/css; nosniff; CSP sandbox; cached for a year)', content: { 'text/css': { schema: { type: 'string' } } } } },
  },
  [`POST ${ROUTES.adminContentImages}`]: {
    requestBody: {
      required: true,
      description: 'the image itself, PNG, JPEG, GIF or WebP (not SVG), at most 2 MiB, with its media type as Content-Type',
      content: Object.fromEntries(['image/png', 'image/jpeg', 'image/gif', 'image/webp'].map((type) => [type, { schema: { type: 'string', contentMediaType: type } }])),
    },
  },
  [`GET ${ROUTES.contentImage}`]: {
    responses: {
      200: {
        description: "the image, with its media type (nosniff; CSP default-src 'none'; sandbox; cached for a year; ETag)",
        content: Object.fromEntries(['image/png', 'image/jpeg', 'image/gif', 'image/webp'].map((type) => [type, { schema: { type: 'string', contentMediaType: type } }])),
      },
      304: { description: 'not modified (If-None-Match names the image)' },
    },
  },
  [`GET ${ROUTES.liveSocket}`]: {
    description: 'the WebSocket of live help: connect with Upgrade: websocket, then send `hello` with a session or agent token (src/protocol/live.ts)',
    responses: { 101: { description: 'switching to the WebSocket protocol' } },
  },
  [`GET ${ROUTES.adminAnalyticsSelfHelp}`]: { alsoAnswers: csvAnswer(SELF_HELP_TABLES) },
  [`GET ${ROUTES.adminAnalyticsLiveHelp}`]: { alsoAnswers: csvAnswer(LIVE_HELP_TABLES) },
  [`GET ${ROUTES.openapi}`]: {
    responses: { 200: { description: 'this document', content: { 'application/json': { schema: { type: 'object' } } } } },
  },
};

/** What an operation does: one text for a route of one method, else one per method. */
type Summary = string | Partial<Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', string>>;

/**
 * What each route does, as its comment in src/protocol/routes.ts and routes-app.ts says (a
 * route added there without its summary here does not compile).
 */
const SUMMARIES: Record<RouteName, Summary> = {
  health: 'Liveness',
  ready: 'Readiness for load balancers: 200 when the database and other dependencies answer, else 503',
  openapi: 'This OpenAPI document',
  paths: 'Guided path summaries (tags match any of)',
  path: 'One full guided path by id',
  helpId: 'The one full path a help-id names',
  search: 'Ranked full-text search with highlights',
  categories: 'Categories with their path counts',
  recommended: "Recommended paths from the consumer's context and activity",
  context: 'Ordered context operations (identity, log entries, clears) for one consumer',
  activity: 'Guided-path activity events for one consumer',
  branding: "The tenant's portal branding: theme URLs, the mobile switch and string overrides",
  cobrowseSettings: "The tenant's co-browse settings: extra block and mask selectors, the remote client URL",
  liveSessions: 'Request live help (chat or call); answers the session and its session token',
  liveSession: "The session's current state",
  liveEvents: "A page of the session's chat events, by sequence",
  liveFiles: 'Upload a chat file (the raw file as the body)',
  liveFile: 'Download a chat file (the signed URL in its FileInfo)',
  liveRating: 'Rate the session after it ended',
  liveTranscript: 'Email the transcript to an address (queued)',
  liveSocket: 'The real-time channel of customers and agents (WebSocket)',
  agentMe: 'The signed-in agent, with skills and status',
  agentStatus: "Set the agent's status (available | away)",
  agentSessions: "The tenant's sessions, newest first",
  agentSessionByCode: { GET: 'The open session with this 6-digit connection code', POST: 'Assign the waiting call with this connection code to an agent or a skill (the IVR lookup)' },
  agentSession: "One session with the consumer's identity, context log and guided-path activity",
  agentAccept: 'Take the session',
  agentMessages: 'Send a chat message as the agent',
  agentEnd: 'End the session',
  agentTransfer: "Transfer the agent's session to another available agent or to a skill's queue, with a note",
  agentConfig: "The tenant's live-help configuration an agent's console needs (the session transfer switches)",
  agentTransferTargets: 'Where a session can be transferred: the available agents with their load, and the skills',
  agentCobrowse: "The tenant's co-browses while pending or active",
  agentCobrowseRecordings: "The tenant's stored co-browse recordings, newest first",
  agentCobrowseRecording: 'One co-browse recording with its batches of events',
  authSignIn: 'Sign in with email and password; sets the session cookie',
  authSession: 'The signed-in account and the CSRF token of its session',
  authSignOut: 'End this session',
  authSignOutEverywhere: "End every session of the account, and the agent tokens minted for them",
  authPassword: 'Change the password (the other sessions of the account end)',
  authPasswordReset: 'Mail a password reset link when the account exists (always 202)',
  authPasswordResetConfirm: 'Set a new password with a mailed reset token (once); signs out everywhere',
  authAgentToken: "A 15-minute agent token for the signed-in account's agent",
  adminTokens: { GET: "The tenant's application and agent tokens", POST: 'Add an application token (the id is generated); answers its JWT' },
  adminTokenJwt: "An application token's JWT again (recorded in the audit log)",
  adminTokenRevoke: 'Revoke a token; its open connections close',
  adminSkills: { GET: "The tenant's skills with their agents and waiting sessions", POST: 'Add a skill' },
  adminSkill: { PATCH: 'Rename a skill', DELETE: 'Delete a skill (refused while sessions wait or are served in it)' },
  adminSkillAssign: 'Give the skill to agents',
  adminSkillUnassign: 'Take the skill from agents',
  adminUsers: { GET: "The tenant's accounts with their agents' status, load, skills and maximum sessions", POST: 'Add an account; answers its generated password once' },
  adminUser: { PATCH: "Edit an account's name and role, or its agent's skills and maximum sessions", DELETE: 'Delete an account, and its agent (refused while the agent holds sessions)' },
  adminUserDisable: 'Disable an account (signed out everywhere)',
  adminUserEnable: 'Enable an account again',
  adminUserPasswordReset: 'Mail an account a password reset link',
  adminBranding: { GET: "The tenant's self-support branding", PUT: 'Change the branding', DELETE: 'Reset the branding to the defaults' },
  adminBrandingTheme: {
    GET: 'Download the hosted theme file of a kind (theme or step-content)',
    PUT: 'Upload a theme file (the CSS as the body, text/css): hosted, and the theme URL points at it',
    DELETE: 'Reset a theme to the default: the hosted file and the theme URL are removed',
  },
  adminBrandingPreviewToken: "A 15-minute application token for the branding page's live preview",
  themeFile: 'A hosted theme file (public; text/css, cached for good, cannot run script)',
  adminCobrowseSettings: { GET: "The tenant's co-browse settings", PUT: 'Change the co-browse settings', DELETE: 'Reset the co-browse settings to the defaults' },
  adminCobrowseRecordings: "The tenant's stored co-browse recordings, newest first (for staff)",
  adminCobrowseRecording: 'One co-browse recording with its batches of events (for staff)',
  adminConfig: { GET: "The tenant's live-help switches (session transfer, to a skill's queue)", PUT: 'Change the live-help switches' },
  adminAudit: "The tenant's audit log, filtered, newest first",
  adminContentPaths: { GET: "The tenant's guided paths, published and drafts, filtered", POST: 'Create a guided path, as a draft' },
  adminContentPath: { GET: "A path's published document, draft and revision", PUT: 'Save the draft (with the revision it is based on)', DELETE: 'Delete the path, its draft, versions and help-ids' },
  adminContentPathDraft: 'Discard the draft',
  adminContentPathPublish: 'Check and publish the draft as the next version',
  adminContentPathDuplicate: 'Copy the path as a new draft',
  adminContentPathLinks: 'What links to the path (its help-ids)',
  adminContentPathVersions: "The path's published versions, newest first",
  adminContentPathVersion: 'One published version of the path',
  adminContentPathRestore: 'Make a version the draft',
  adminContentHelpId: 'Move a help-id to a published path',
  adminContentCategories: { GET: 'Every category with its number of paths', POST: 'Add a category' },
  adminContentCategory: { PATCH: 'Change a category', DELETE: 'Delete a category no path uses' },
  adminContentExport: 'The published content as the JSON folder format (file name → JSON text)',
  adminContentImport: 'Import a content folder given as files (as the CLI import)',
  adminContentImages: 'Upload a step image (the raw PNG, JPEG, GIF or WebP as the body): hosted, answers its URL',
  contentImage: 'A hosted step image (public; its image type, cached for good, cannot run script)',
  adminAnalyticsSelfHelp: 'Self-help analytics of a date range (paths, drop-off, searches, deflection), or one table as CSV',
  adminAnalyticsLiveHelp: 'Live-help analytics of a date range (sessions, waits, ratings), or one table as CSV',
};

/** The summary of one operation. */
function summaryOf(name: RouteName, method: string): string | undefined {
  const summary = SUMMARIES[name];
  return typeof summary === 'string' ? summary : summary[method as keyof typeof summary];
}

/** `adminSkills` for GET (and POST of a route of one method), else `postAdminSkills`, `deleteAdminSkill`... */
function operationIdOf(name: RouteName, method: string): string {
  if (method === 'GET' || (method === 'POST' && typeof SUMMARIES[name] === 'string')) return name;
  return `${method.toLowerCase()}${name[0].toUpperCase()}${name.slice(1)}`;
}

/** A TypeBox schema as plain JSON Schema (TypeBox's symbol keys dropped). */
const plain = (schema: unknown): JsonObject => JSON.parse(JSON.stringify(schema)) as JsonObject;

/** `/v1/paths/:id` as OpenAPI writes it: `/v1/paths/{id}`. */
export const openApiPath = (url: string) => url.replace(/:([A-Za-z]+)/g, '{$1}');

const ROUTE_NAMES = new Map<string, RouteName>(Object.entries(ROUTES).map(([name, url]) => [url, name as RouteName]));

/** The area of the API a route belongs to, by its path. */
function tagOf(url: string): string {
  if (url === ROUTES.health || url === ROUTES.ready || url === ROUTES.openapi) return 'operations';
  if (url.startsWith(`${API_PREFIX}/agent/`)) return 'agent';
  if (url.startsWith(`${API_PREFIX}/auth/`)) return 'accounts';
  if (url.startsWith(`${API_PREFIX}/admin/`)) return 'admin';
  if (url.startsWith(`${API_PREFIX}/live/`)) return 'live help';
  if (url === ROUTES.branding || url === ROUTES.cobrowseSettings || url === ROUTES.themeFile) return 'settings';
  return 'content';
}

/** The parameters of one part of a request (`path` or `query`) from its object schema. */
function parameters(where: 'path' | 'query', schema: TSchema | undefined): JsonObject[] {
  if (!schema) return [];
  const { properties = {}, required = [] } = plain(schema) as { properties?: Record<string, JsonObject>; required?: string[] };
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || required.includes(name),
      ...(description !== undefined && { description }),
      schema: rest,
    };
  });
}

/** The responses of a route: its response schemas, and the error body for every error. */
function responses(schema: Record<number | string, TSchema> | undefined): JsonObject {
  const answers: JsonObject = {};
  for (const [status, body] of Object.entries(schema ?? {})) {
    const { description = status.startsWith('2') ? 'success' : 'an error', ...rest } = plain(body);
    answers[status] = { description, content: { 'application/json': { schema: status.startsWith('2') ? rest : { $ref: '#/components/schemas/ErrorBody' } } } };
  }
  answers.default = { $ref: '#/components/responses/Error' };
  return answers;
}

function operation(route: RouteOptions, method: string): JsonObject {
  const url = route.url;
  const schema = (route.schema ?? {}) as { params?: TSchema; querystring?: TSchema; body?: TSchema; response?: Record<string, TSchema> };
  const extra = EXTRAS[`${method} ${url}`] ?? {};
  const roles = (route.config as { roles?: readonly PrincipalRole[] } | undefined)?.roles ?? DEFAULT_ROLES;
  const isPublic = PUBLIC.has(url) || (route.config as { public?: boolean } | undefined)?.public === true;
  const params = [...parameters('path', schema.params), ...parameters('query', schema.querystring)];
  const body = schema.body ? { required: true, content: { 'application/json': { schema: plain(schema.body) } } } : extra.requestBody;
  const name = ROUTE_NAMES.get(url);
  return {
    operationId: name === undefined ? `${method.toLowerCase()} ${url}` : operationIdOf(name, method),
    ...(name !== undefined && { summary: summaryOf(name, method) }),
    tags: [tagOf(url)],
    ...(extra.description !== undefined && { description: extra.description }),
    security: isPublic ? [] : securityOf(roles),
    'x-nexus-tokens': isPublic ? [] : roles.map((role) => TOKEN_KINDS[role]),
    ...(params.length && { parameters: params }),
    ...(body && { requestBody: body }),
    responses: withAlso({ ...responses(schema.response), ...extra.responses }, extra.alsoAnswers),
  };
}

/** The 200 answer with more media types beside its schema's JSON. */
function withAlso(answers: JsonObject, also: JsonObject | undefined): JsonObject {
  if (!also) return answers;
  const ok = answers[200] as { content?: JsonObject } & JsonObject;
  return { ...answers, 200: { ...ok, content: { ...ok.content, ...also } } };
}

/** How a caller with one of `roles` proves it: a bearer JWT, or the session cookie of a signed-in account. */
export const securityOf = (roles: readonly PrincipalRole[]) => [
  ...(roles.some((role) => role !== 'staff') ? [{ bearer: [] }] : []),
  ...(roles.includes('staff') ? [{ session: [] }] : []),
];

/** The OpenAPI 3.1 document of the routes given (as Fastify's onRoute hook saw them); HEAD routes are left out. */
export function buildOpenApi(routes: readonly RouteOptions[]): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const route of routes) {
    if (!route.url.startsWith(`${API_PREFIX}/`)) continue;
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      (paths[openApiPath(route.url)] ??= {})[method.toLowerCase()] = operation(route, method);
    }
  }
  const sorted = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Nexus Cloud REST API',
      version: VERSION,
      description:
        'The REST API of Nexus Cloud, the reference server of Nexus Connect. Tokens: `Authorization: Bearer <JWT>`; ' +
        '`x-nexus-tokens` lists the kinds an operation takes (application, agent, session); a signed-in account ' +
        'sends its session cookie instead, with `X-CSRF-Token` on every method but GET. Errors: ' +
        '`{ error: { code, message, details? } }` (server/README.md).',
    },
    servers: [{ url: '/' }],
    tags: ['content', 'settings', 'live help', 'agent', 'accounts', 'admin', 'operations'].map((name) => ({ name })),
    paths: sorted,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'the session of a signed-in account; every method but GET also sends its X-CSRF-Token' },
      },
      schemas: { ErrorBody: plain(ErrorBody) },
      responses: {
        Error: {
          description: 'an error, with its code (`x-error-codes`: every code there is, src/protocol/api.ts)',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
          'x-error-codes': [...ERROR_CODES],
        },
      },
    },
  };
}

/**
 * Collects the routes as they are registered (call it before any route) and serves their
 * document at ROUTES.openapi, built once on the first request (every route is registered by then).
 */
export function registerOpenApi(app: FastifyInstance) {
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  let document: string | undefined;
  app.get(ROUTES.openapi, async (_request, reply) => {
    document ??= JSON.stringify(buildOpenApi(routes));
    return reply.type('application/json; charset=utf-8').header('cache-control', 'public, max-age=300').send(document);
  });
}
