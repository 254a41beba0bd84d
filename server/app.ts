/** The Nexus Cloud HTTP application: REST API, live WebSocket, CORS, and optional SDK and demo files. */
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import cors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { LIMITS, LIVE_LIMITS } from '../src/protocol/api.js';
import { ROUTES } from '../src/protocol/routes.js';
import type { AccountOptions } from './accounts/routes.js';
import { registerEmbed } from './embed.js';
import { jsonDepthWithin } from '../src/protocol/json-bounds.js';
import { ApiError, clientErrorHandler, errorHandler, jsonTooDeep, notFoundHandler } from './errors.js';
import { registerSecurityHeaders, requestOrigin, withSecurityHeaders } from './headers.js';
import { MemoryBus, type Bus } from './live/bus.js';
import { LiveHub } from './live/hub.js';
import type { SharedState } from './live/state.js';
import { registerLiveSocket } from './live/socket.js';
import { Mailer, type MailPolicy, type SmtpOptions } from './live/mailer.js';
import { DevMailSink } from './live/transcript.js';
import { registerHealth, Readiness, type ReadinessCheck } from './ops/health.js';
import { loggerOptions, registerRequestLog, type LogLevel } from './ops/logging.js';
import { AppMetrics, instrumentStore, registerHttpMetrics } from './ops/metrics.js';
import { registerRateLimits, type RateLimitOptions } from './rate-limit.js';
import { registerOpenApi } from './openapi.js';
import { registerPortalPage } from './portal-page.js';
import { registerRoutes, type LiveServices } from './routes.js';
import type { Store } from './store/types.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The live hub of this application (tests reach into it). */
    liveHub: LiveHub;
    /** What /v1/ready answers; a graceful shutdown starts by `startDraining()` (ops/shutdown.ts). */
    readiness: Readiness;
    /** This application's Prometheus metrics, served apart by `startMetricsServer` (ops/metrics.ts). */
    metrics: AppMetrics;
  }
}

/** Live-help settings; the defaults are the production values. */
export interface LiveOptions {
  /** How long an offered chat waits for the agent (default LIVE_LIMITS.offerTimeoutMs). */
  offerTimeoutMs?: number;
  /** How long a new WebSocket has to send hello (default 10 s). */
  helloTimeoutMs?: number;
  /** WebSocket ping interval; a socket that misses one ping is terminated (default 30 s). */
  keepaliveMs?: number;
  /** How often the store is asked for revoked tokens, whose connections are then closed (default 1 s). */
  revocationPollMs?: number;
  /** The bus between the hub and the connections (default: in-process). */
  bus?: Bus;
  /** The live state shared with other processes (default: in this process; see live/state.ts). */
  state?: SharedState;
  /** How often due offers and lost agents are swept (default 1 s). */
  sweepMs?: number;
  /** How often the presence of this process's agents is refreshed (default 5 s). */
  presenceRefreshMs?: number;
  /** Where the development mail sink writes its lines (default stderr). */
  mailLog?: (line: string) => void;
  /** The server's SMTP server for transcript mail (live/mailer.ts); tenants may have their own. */
  smtp?: SmtpOptions;
  /** The retry policy of transcript mail (default DEFAULT_MAIL_POLICY, live/mailer.ts). */
  mailPolicy?: Partial<MailPolicy>;
}

export interface AppOptions {
  /** Where tenants, tokens, content and consumers live. */
  store: Store;
  /**
   * Log every request (pino JSON lines on stderr; level info). Default false: then only warnings
   * and errors are logged (level warn), still on stderr, so stdout stays free for the CLI's own
   * lines. See ops/logging.ts.
   */
  logger?: boolean;
  /** The log level, over `logger` (ops/logging.ts: fatal, error, warn, info, debug, trace, silent). */
  logLevel?: LogLevel;
  /** Where log lines go (default stderr); tests read them here. */
  logStream?: NodeJS.WritableStream;
  /**
   * How long a client has to send a whole request, headers and body, before it gets 408
   * `request_timeout` (default 120 s: a 10 MB chat file over a slow mobile link).
   */
  requestTimeoutMs?: number;
  /** A folder served as static files at `/sdk/`: the browser bundle (for example dist/cdn). With the portal bundle in it, the portal page is at `/portal/` (portal-page.ts). */
  sdkDir?: string;
  /**
   * Demo pages served at `/demo/` (and `/` redirects there). In `.html` files, `%NEXUS_SERVER%`
   * becomes this server's origin as the browser reached it and `%NEXUS_TOKEN%` becomes `token`.
   */
  demo?: { dir: string; token: string };
  live?: LiveOptions;
  /** Sign-in lockout and password reset settings (accounts/routes.ts). */
  accounts?: AccountOptions;
  /**
   * REST rate limits per client address and per token (docs/security.md#rate-limits): the
   * defaults (DEFAULT_RATE_LIMITS) with these over them; `false` turns them off.
   */
  rateLimits?: RateLimitOptions | false;
  /**
   * Fastify's `trustProxy`: behind a load balancer, take the client address and protocol from
   * X-Forwarded-For and X-Forwarded-Proto. Addresses or CIDR ranges (a list, or one string with
   * commas) trust only those proxies; `true` trusts any sender, so only for a server that nothing
   * but the proxy can reach. Default false: the socket's own address and protocol.
   */
  trustProxy?: boolean | string | string[];
  /** Dependencies `/v1/ready` asks besides the store (a shared bus...); see ops/health.ts. */
  readiness?: ReadinessCheck[];
  /** How long `/v1/ready` waits for each dependency (default 2000 ms). */
  readyTimeoutMs?: number;
  /**
   * Called for every route as it is registered, before any of them (Fastify's `onRoute` hook),
   * so that a caller sees them all: the access matrix test (server/test/access-matrix.test.ts)
   * checks that each one has its row.
   */
  onRoute?: (route: RouteOptions) => void;
}

/** The shipped theme stylesheets (themes/default.css, themes/step-content.css), served at /themes/. */
const THEMES_DIR = resolve(import.meta.dirname, '../themes');

function registerDemo(app: FastifyInstance, demo: { dir: string; token: string }) {
  const root = resolve(demo.dir);
  app.register(async (pages) => {
    // Only for `reply.sendFile` (with its own traversal checks); routes are ours.
    await pages.register(fastifyStatic, { root, serve: false });
    pages.get('/', (_, reply) => reply.redirect('/demo/'));
    pages.get('/demo', (_, reply) => reply.redirect('/demo/'));
    pages.get<{ Params: { '*': string } }>('/demo/*', async (request, reply) => {
      let file = request.params['*'];
      if (file === '' || file.endsWith('/')) file += 'index.html';
      if (!file.endsWith('.html')) return reply.sendFile(file);
      const full = resolve(root, file);
      const html = full.startsWith(root + sep) ? await readFile(full, 'utf8').catch(() => undefined) : undefined;
      if (html === undefined) return reply.callNotFound();
      const page = html
        .replaceAll('%NEXUS_SERVER%', requestOrigin(request))
        .replaceAll('%NEXUS_TOKEN%', demo.token);
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page);
    });
  });
}

/**
 * Live help: the hub (requeueing stale offers when the app is ready, stopping before the sockets
 * close), the WebSocket plugin and route, and the mail sink. Returns what the REST routes need.
 */
function setUpLive(app: FastifyInstance, store: Store, live: LiveOptions): LiveServices {
  const onError = (error: unknown) => app.log.error({ err: error }, 'live help failed');
  const hub = new LiveHub(store, live.bus ?? new MemoryBus(), {
    offerTimeoutMs: live.offerTimeoutMs ?? LIVE_LIMITS.offerTimeoutMs,
    revocationPollMs: live.revocationPollMs,
    state: live.state,
    sweepMs: live.sweepMs,
    presenceRefreshMs: live.presenceRefreshMs,
    onError,
  });
  app.decorate('liveHub', hub);
  app.addHook('onReady', async () => {
    await hub.start();
  });
  // Before @fastify/websocket's own preClose closes the sockets.
  app.addHook('preClose', async () => hub.stop());
  app.register(websocket, {
    options: { maxPayload: LIVE_LIMITS.maxFrameBytes },
    // A frame over the limit or a client vanishing mid-frame: the socket is gone, nothing to report.
    errorHandler: (_error, socket) => socket.terminate(),
    preClose: async () => {
      const server = app.websocketServer;
      // 1012 "service restart": clients reconnect at once (through the balancer, to another process).
      for (const socket of server.clients) socket.close(1012, 'the server is restarting; reconnect');
      // Sockets that do not finish the closing handshake promptly are cut.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          for (const socket of server.clients) socket.terminate();
        }, 1000);
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  });
  // Through the hub: what a stopping process's closing connections hit is not an error (hub.report).
  const socketOptions = { helloTimeoutMs: live.helloTimeoutMs ?? 10_000, keepaliveMs: live.keepaliveMs ?? 30_000, onError: (error: unknown) => hub.report(error) };
  app.register(async (scope) => registerLiveSocket(scope, hub, socketOptions));
  app.metrics.watchLive(store, hub.connections, () => app.websocketServer?.clients.size ?? 0, app.log);
  const mail = new Mailer(store, { smtp: live.smtp, policy: live.mailPolicy }, app.log, new DevMailSink(store, live.mailLog), (result) =>
    app.metrics.mail.inc({ result }),
  );
  app.addHook('onReady', async () => {
    app.log.info(
      live.smtp
        ? 'transcript mail is delivered over SMTP (the tenant\'s own server, else the server\'s)'
        : 'transcript mail of tenants with their own SMTP server is delivered; the others go to the development mail sink: queued in the outbox, not delivered',
    );
    // Mails left queued (by a stopped process, or while SMTP was down) go out now, and then every sweep.
    mail.start();
  });
  // Deliveries under way finish (briefly) before the store closes.
  app.addHook('onClose', async () => mail.close());
  return { hub, mail };
}

/**
 * JSON bodies: their nesting is checked on the text (LIMITS.maxJsonDepth) before Fastify's own
 * parser (which refuses `__proto__` and `constructor.prototype` keys) builds the value, so no
 * handler, schema check or serializer ever meets a value nested deeper.
 */
function registerJsonParser(app: FastifyInstance) {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (!jsonDepthWithin(body as string, LIMITS.maxJsonDepth)) return done(jsonTooDeep(LIMITS.maxJsonDepth), undefined);
    parse(request, body as string, done);
  });
}

/**
 * A WebSocket upgrade request that is answered instead of upgraded (refused while the server
 * closes, rate limited, not found): @fastify/websocket hands Fastify the raw socket with a response
 * of its own, and nothing ends that socket after the answer: neither the server's `close()` nor the
 * drain timeout's `closeAllConnections()` cut it, so the app never finished closing (what hung
 * restarts when clients reconnected at once after 1012).
 */
function endAnsweredUpgrades(app: FastifyInstance) {
  app.addHook('onRequest', async (request, reply) => {
    if (request.headers.upgrade === undefined) return;
    // An upgraded socket never finishes this response; an answered one does.
    reply.raw.once('finish', () => request.raw.socket.destroySoon());
  });
}

/**
 * From the moment the server starts closing, requests get 503 `unavailable` (and the connection
 * closes); health and readiness still answer (ready with 503 `not_ready`).
 */
function refuseWhileClosing(app: FastifyInstance) {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (request, reply) => {
    if (!closing || request.routeOptions.url === ROUTES.health || request.routeOptions.url === ROUTES.ready) return;
    reply.header('connection', 'close');
    throw new ApiError(503, 'unavailable', 'the server is shutting down; try again shortly');
  });
  // Requests under way when it started: their connection closes after the answer.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
}

/** Builds the application (not yet listening). The caller owns the store and closes it. */
export function buildApp(options: AppOptions): FastifyInstance {
  const requestTimeout = options.requestTimeoutMs ?? 120_000;
  const app = Fastify({
    ...loggerOptions(options.logLevel ?? (options.logger ? 'info' : 'warn'), options.logStream ?? process.stderr),
    requestTimeout,
    // Node checks the request and header deadlines this often; headers come within a minute.
    http: { connectionsCheckingInterval: Math.min(30_000, Math.max(50, requestTimeout / 4)), headersTimeout: Math.min(60_000, requestTimeout) },
    bodyLimit: LIMITS.maxBodyBytes,
    // Room for the longest help-id (128); longer parameters are refused by the router.
    routerOptions: { maxParamLength: 256 },
    // Errors the router raises before any route (bad URL encoding, over-long parameters).
    frameworkErrors: withSecurityHeaders(errorHandler),
    // Errors before any request exists (oversized headers, not HTTP, too slow): our body too.
    clientErrorHandler,
    // A request that comes while the server closes is answered by refuseWhileClosing instead,
    // in the documented shape.
    return503OnClosing: false,
    ajv: {
      // No coercion (bodies must be exact JSON; query integers are converted in routes.ts), no
      // silent removal of unknown properties, and every error with its schema and data, so that
      // errors in unions can be narrowed down (errors.ts).
      customOptions: { coerceTypes: false, removeAdditional: false, allErrors: true, verbose: true },
    },
    trustProxy: options.trustProxy ?? false,
  });
  const { onRoute } = options;
  if (onRoute) app.addHook('onRoute', (route) => onRoute(route));
  // Before every route, so that it sees them all.
  registerOpenApi(app);
  const metrics = new AppMetrics();
  app.decorate('metrics', metrics);
  // Searches, messages and accepts are counted on their way to the store.
  const store = instrumentStore(options.store, metrics);
  app.decorate('readiness', new Readiness([{ name: 'store', check: () => store.ping() }, ...(options.readiness ?? [])], options.readyTimeoutMs));
  // First, so that every answer (a refusal too) carries its request id and is logged and timed.
  registerRequestLog(app);
  registerHttpMetrics(app, metrics);
  // Bodies are JSON only: anything else is 415.
  app.removeContentTypeParser('text/plain');
  registerJsonParser(app);
  endAnsweredUpgrades(app);
  refuseWhileClosing(app);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  // Elements run on other origins and send Authorization; no cookies are involved.
  app.register(cors, {
    origin: true,
    methods: ['GET', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    // So that a page's client can read how long a 429 asks it to wait.
    exposedHeaders: ['Retry-After'],
    maxAge: 600,
    credentials: false,
  });
  // After CORS (a 429 must carry its headers) and before every route.
  registerRateLimits(app, options.rateLimits);
  registerSecurityHeaders(app);
  registerHealth(app, app.readiness);
  registerRoutes(app, store, setUpLive(app, store, options.live ?? {}), options.accounts);
  if (options.sdkDir) {
    app.register(fastifyStatic, { root: resolve(options.sdkDir), prefix: '/sdk/', decorateReply: false });
  }
  // The theme stylesheets a theme author starts from (docs/theming.md), public like the SDK.
  app.register(fastifyStatic, { root: THEMES_DIR, prefix: '/themes/', decorateReply: false });
  if (options.demo) registerDemo(app, options.demo);
  registerEmbed(app, store, options.sdkDir);
  registerPortalPage(app, options.sdkDir);
  return app;
}
