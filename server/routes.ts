/** The REST API: exactly the routes of ROUTES, validated by the protocol schemas (live help in live/routes.ts). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Value } from '@sinclair/typebox/value';
import { LIMITS, splitList } from '../src/protocol/api.js';
import { jsonDepthWithin } from '../src/protocol/json-bounds.js';
import { ROUTES } from '../src/protocol/routes.js';
import {
  ActivityBatch,
  ActivityBatchResult,
  CategoryList,
  ContextBatch,
  ContextBatchResult,
  GuidedPath,
  HelpIdParams,
  PathIdParams,
  PathList,
  PathListQuery,
  RecommendationList,
  RecommendedQuery,
  SearchQuery,
  SearchResult,
  PortalBranding,
  CobrowseSettings,
  Tag,
  type Audience,
  type TSchema,
} from '../src/protocol/schemas.js';
import type * as Wire from '../src/protocol/schemas.js';
import { registerAccountRoutes, type AccountOptions } from './accounts/routes.js';
import { registerAdminRoutes } from './admin/routes.js';
import { registerContentRoutes } from './admin/content-routes.js';
import { registerAnalyticsRoutes } from './admin/analytics-routes.js';
import { audiencesFor, authenticate, requireRole, type Principal, type PrincipalRole } from './auth.js';
import { toPortalBranding } from './branding.js';
import { toCobrowseSettings } from './cobrowse-settings.js';
import { ApiError, invalidRequest, jsonTooDeep, unsupportedMediaType } from './errors.js';
import type { LiveHub } from './live/hub.js';
import { registerFileDownload, registerLiveRoutes } from './live/routes.js';
import type { MailSender } from './live/transcript.js';
import { SearchLog } from './search-log.js';
import type { Store } from './store/types.js';
import { registerThemeFileRoute } from './theme-files.js';
import { registerContentImageRoute } from './content-images.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook on every API route except health. */
    principal: Principal;
  }
  interface FastifyContextConfig {
    /** The token kinds a route takes (default: application and agent tokens). */
    roles?: readonly PrincipalRole[];
    /** A route that takes no credentials (signing in, password reset): no principal is set. */
    public?: boolean;
  }
}

/** Content routes serve consumers (application tokens) and agents. */
const CONTENT_ROLES: PrincipalRole[] = ['consumer', 'agent'];
/** Context and activity are written for consumers, by the page. */
const CONSUMER_ONLY = { roles: ['consumer'] as PrincipalRole[] };

/** Page sizes when the client does not ask for one. */
const DEFAULT_LIMIT = { paths: 20, search: 10, recommended: 5 } as const;

/** The `tags` query parameter: a comma list of at most LIMITS.maxTags valid tags. */
function parseTags(value: string | undefined): string[] {
  const tags = splitList(value);
  const fail = (message: string) => invalidRequest(message, [{ path: 'querystring/tags', message }]);
  if (tags.length > LIMITS.maxTags) throw fail(`at most ${LIMITS.maxTags} tags`);
  const bad = tags.find((tag): boolean => !Value.Check(Tag, tag));
  if (bad !== undefined) throw fail(`'${bad.slice(0, 80)}' is not a valid tag`);
  return tags;
}

/**
 * Audiences a search covers: the caller's own by default. Asking for 'consumer' or 'agent'
 * means that audience's paths plus those for all; 'all' means only paths marked for all.
 */
function searchAudiences(principal: Principal, requested: Audience | undefined): Audience[] {
  const visible = audiencesFor(principal);
  if (requested === undefined) return visible;
  if (!visible.includes(requested)) {
    throw new ApiError(403, 'forbidden', `this token may not read ${requested} content`);
  }
  return requested === 'all' ? ['all'] : [requested, 'all'];
}

/** Ajv does not coerce here (it would turn a JSON null into "" in bodies): query integers are done by hand. */
function coerceQueryIntegers(request: FastifyRequest) {
  const properties = (request.routeOptions.schema?.querystring as TSchema | undefined)?.properties ?? {};
  const query = request.query as Record<string, unknown>;
  for (const [name, schema] of Object.entries(properties as Record<string, TSchema>)) {
    const value = query[name];
    if (schema.type === 'integer' && typeof value === 'string' && /^-?\d{1,16}$/.test(value)) query[name] = Number(value);
  }
}

/** Each logged `data` value: at most LIMITS.maxEntryDataDepth levels deep and maxEntryDataBytes long. */
function checkEntrySizes(batch: Wire.ContextBatch) {
  batch.ops.forEach((op, i) => {
    if (op.op !== 'log' || op.data === undefined) return;
    const path = `/ops/${i}/data`;
    // The body as a whole is at most LIMITS.maxJsonDepth deep, so this stringify cannot overflow.
    const json = JSON.stringify(op.data);
    if (!jsonDepthWithin(json, LIMITS.maxEntryDataDepth)) {
      const error = jsonTooDeep(LIMITS.maxEntryDataDepth, 'data');
      throw new ApiError(400, 'json_too_deep', `op ${i}: ${error.message}`, [{ path, message: error.message }]);
    }
    if (Buffer.byteLength(json) > LIMITS.maxEntryDataBytes) {
      const message = `data is larger than ${LIMITS.maxEntryDataBytes} bytes`;
      throw invalidRequest(`op ${i}: ${message}`, [{ path, message }]);
    }
  });
}

export interface LiveServices {
  hub: LiveHub;
  mail: MailSender;
}

export function registerRoutes(app: FastifyInstance, store: Store, live: LiveServices, accounts?: AccountOptions) {
  registerFileDownload(app, live.hub);
  const searchLog = new SearchLog(store, app.log);
  // What waits is written before the store closes.
  app.addHook('onClose', () => searchLog.flush());

  app.register(async (api) => {
    api.decorateRequest('principal', null as never);
    api.addHook('onRequest', async (request) => {
      if (request.routeOptions.config.public) return;
      request.principal = await authenticate(store, request);
      requireRole(request.principal, request.routeOptions.config.roles ?? CONTENT_ROLES);
    });
    api.addHook('preValidation', async (request) => {
      // Fastify parses only what says application/json; a POST that says nothing has no body,
      // which is fine only for the routes that take none (accept, end).
      if (request.method === 'POST' && request.body === undefined && request.routeOptions.schema?.body) {
        throw unsupportedMediaType();
      }
      coerceQueryIntegers(request);
    });
    const visible = (request: FastifyRequest) => ({ audiences: audiencesFor(request.principal) });

    api.get<{ Querystring: Wire.PathListQuery }>(
      ROUTES.paths,
      { schema: { querystring: PathListQuery, response: { 200: PathList } } },
      async (request) =>
        store.listPaths(request.principal.tenantId, {
          ...visible(request),
          tags: parseTags(request.query.tags),
          category: request.query.category,
          limit: request.query.limit ?? DEFAULT_LIMIT.paths,
          offset: request.query.offset ?? 0,
        }),
    );

    api.get<{ Params: { id: string } }>(
      ROUTES.path,
      { schema: { params: PathIdParams, response: { 200: GuidedPath } } },
      async (request) => {
        const path = await store.getPath(request.principal.tenantId, request.params.id, visible(request));
        if (!path) throw new ApiError(404, 'path_not_found', `there is no path '${request.params.id}'`);
        return path;
      },
    );

    api.get<{ Params: { helpId: string } }>(
      ROUTES.helpId,
      { schema: { params: HelpIdParams, response: { 200: GuidedPath } } },
      async (request) => {
        const { helpId } = request.params;
        const path = await store.getPathByHelpId(request.principal.tenantId, helpId, visible(request));
        if (!path) throw new ApiError(404, 'help_id_not_found', `no path has the help-id '${helpId}'`);
        return path;
      },
    );

    api.get<{ Querystring: Wire.SearchQuery }>(
      ROUTES.search,
      { schema: { querystring: SearchQuery, response: { 200: SearchResult } } },
      async ({ principal, query }) => {
        const items = await store.search(principal.tenantId, {
          text: query.q,
          tags: parseTags(query.tags),
          audiences: searchAudiences(principal, query.audience),
          limit: query.limit ?? DEFAULT_LIMIT.search,
        });
        // Customers' searches only (not agents'), queued: written in batches after the answer.
        if (principal.role === 'consumer' || principal.role === 'customer') searchLog.record(principal.tenantId, query.q, items.length, query.consumer);
        return { query: query.q, items };
      },
    );

    api.get(ROUTES.categories, { schema: { response: { 200: CategoryList } } }, async (request) => ({
      items: await store.listCategories(request.principal.tenantId, visible(request)),
    }));

    api.get<{ Querystring: Wire.RecommendedQuery }>(
      ROUTES.recommended,
      { schema: { querystring: RecommendedQuery, response: { 200: RecommendationList } } },
      async (request) => ({
        items: await store.recommend(request.principal.tenantId, {
          ...visible(request),
          consumerKey: request.query.consumer,
          limit: request.query.limit ?? DEFAULT_LIMIT.recommended,
        }),
      }),
    );

    api.post<{ Body: Wire.ContextBatch }>(
      ROUTES.context,
      { config: CONSUMER_ONLY, schema: { body: ContextBatch, response: { 200: ContextBatchResult } } },
      async (request) => {
        checkEntrySizes(request.body);
        return store.applyContext(request.principal.tenantId, request.body);
      },
    );

    api.post<{ Body: Wire.ActivityBatch }>(
      ROUTES.activity,
      { config: CONSUMER_ONLY, schema: { body: ActivityBatch, response: { 200: ActivityBatchResult } } },
      async (request) => store.recordActivity(request.principal.tenantId, request.body, visible(request)),
    );

    // Read by every client of the tenant (application tokens) and agents; set with the CLI.
    api.get(ROUTES.branding, { schema: { response: { 200: PortalBranding } } }, async (request) => {
      const branding = await store.getBranding(request.principal.tenantId);
      if (!branding) throw new ApiError(404, 'not_found', 'the tenant of this token does not exist');
      return toPortalBranding(branding);
    });

    // Read by the customer's client when co-browse starts (application tokens only); set with the CLI.
    api.get(ROUTES.cobrowseSettings, { config: CONSUMER_ONLY, schema: { response: { 200: CobrowseSettings } } }, async (request) => {
      const settings = await store.getCobrowseSettings(request.principal.tenantId);
      if (!settings) throw new ApiError(404, 'not_found', 'the tenant of this token does not exist');
      return toCobrowseSettings(settings);
    });

    // Hosted theme files: public, loaded by customers' pages (theme-files.ts).
    registerThemeFileRoute(api, store);
    // Hosted step images: public, loaded by customers' pages (content-images.ts).
    registerContentImageRoute(api, store);

    registerLiveRoutes(api, live.hub, live.mail);
    registerAccountRoutes(api, store, live.mail, accounts);
    registerAdminRoutes(api, store, live.mail, accounts);
    registerContentRoutes(api, store, accounts);
    registerAnalyticsRoutes(api, store, searchLog);
  });
}
