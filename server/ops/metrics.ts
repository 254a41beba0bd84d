/**
 * Prometheus metrics (prom-client), for the operator only: they are served on a listener of their
 * own (`serve --metrics-port`, `startMetricsServer`), never on the public port, and carry no
 * tenant id, token, URL with ids or message text. The series (docs/deploy.md#metrics):
 *
 * - `nexus_http_request_duration_seconds{route,method,status_class}`: every HTTP request, by
 *   route pattern (`/v1/paths/:id`, `unmatched` for 404s), method and `2xx`..`5xx`.
 * - `nexus_live_sockets{role}`: open WebSockets of this process (`customer`, `agent`, and
 *   `unauthenticated` before hello).
 * - `nexus_live_sessions{state,kind}`, `nexus_live_queue_length{kind}` (queued or offered) and
 *   `nexus_live_queue_oldest_wait_seconds{kind}`: every tenant's open sessions, read from the store
 *   at each scrape (the same in every process of a deployment).
 * - `nexus_live_queue_wait_seconds{kind}`: request to accept, observed at each accept.
 * - `nexus_live_messages_total{role}`: chat messages stored (rate() gives messages per second).
 * - `nexus_search_duration_seconds`: full-text searches in the store.
 * - `nexus_mail_deliveries_total{result}`: SMTP attempts: `sent`, `retry` (failed, tried again),
 *   `failed` (the last try of a round; the mail stays queued for the sweep, live/mailer.ts).
 * - `nexus_bus_lag_seconds`: publish to delivery on the live bus, fed by the bus through
 *   `observeBusLag(ms)`.
 * - Node's default process metrics (`process_*`, `nodejs_*`).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { LiveKind } from '../../src/protocol/live.js';
import type { LocalConnections } from '../live/connections.js';
import type { OpenSessionCount, Store } from '../store/types.js';

/** Latency buckets (seconds) of requests and searches. */
const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Queue waits (seconds): from moments to an hour. */
const WAIT_BUCKETS = [1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];
const KINDS: readonly LiveKind[] = ['chat', 'call'];
const OPEN_STATES = ['queued', 'assigned', 'active'] as const;
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * What belongs to the process rather than to one app (tests build several apps in one process):
 * Node's default metrics and the bus lag, which the bus feeds without knowing the app.
 */
const processRegistry = new Registry();
let defaultMetricsOn = false;
const busLag = new Histogram({
  name: 'nexus_bus_lag_seconds',
  help: 'Time from publishing a message on the live bus to its delivery in this process.',
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [processRegistry],
});

/** Records one bus delivery that took `ms` milliseconds from publish (called by the bus). */
export function observeBusLag(ms: number): void {
  if (Number.isFinite(ms) && ms >= 0) busLag.observe(ms / 1000);
}

/** The metrics of one app; `render()` is the text a Prometheus scrape gets. */
export class AppMetrics {
  readonly registry = new Registry();
  private readonly register = { registers: [this.registry] };
  readonly httpDuration = new Histogram({
    name: 'nexus_http_request_duration_seconds',
    help: 'HTTP requests by route pattern, method and status class.',
    labelNames: ['route', 'method', 'status_class'] as const,
    buckets: LATENCY_BUCKETS,
    ...this.register,
  });
  readonly search = new Histogram({
    name: 'nexus_search_duration_seconds',
    help: 'Full-text searches in the store.',
    buckets: LATENCY_BUCKETS,
    ...this.register,
  });
  readonly messages = new Counter({
    name: 'nexus_live_messages_total',
    help: 'Chat messages stored, by the role of their author.',
    labelNames: ['role'] as const,
    ...this.register,
  });
  readonly queueWait = new Histogram({
    name: 'nexus_live_queue_wait_seconds',
    help: 'Time from a live-help request to its accept by an agent.',
    labelNames: ['kind'] as const,
    buckets: WAIT_BUCKETS,
    ...this.register,
  });
  readonly mail = new Counter({
    name: 'nexus_mail_deliveries_total',
    help: 'SMTP delivery attempts of transcript mail: sent, retry (failed, tried again), failed (a round gave up; the mail stays queued).',
    labelNames: ['result'] as const,
    ...this.register,
  });

  constructor() {
    if (!defaultMetricsOn) {
      collectDefaultMetrics({ register: processRegistry });
      defaultMetricsOn = true;
    }
  }

  /**
   * The live gauges, read at each scrape: sockets from this process's connections (`sockets()`
   * is every open WebSocket, authenticated or not), sessions from the store.
   */
  watchLive(store: Store, connections: LocalConnections, sockets: () => number, log: FastifyBaseLogger): void {
    new Gauge({
      name: 'nexus_live_sockets',
      help: 'Open live WebSockets of this process, by role (unauthenticated: before hello).',
      labelNames: ['role'] as const,
      ...this.register,
      collect() {
        const { customer, agent } = connections.counts();
        this.set({ role: 'customer' }, customer);
        this.set({ role: 'agent' }, agent);
        this.set({ role: 'unauthenticated' }, Math.max(0, sockets() - customer - agent));
      },
    });
    // One store query per scrape serves the three session gauges.
    let pending: Promise<OpenSessionCount[]> | undefined;
    const counts = () =>
      (pending ??= store
        .countOpenLiveSessions()
        .catch((error: unknown) => {
          log.warn({ err: error }, 'metrics: the store did not count the live sessions');
          return [];
        })
        .finally(() => setTimeout(() => (pending = undefined), 0)));
    new Gauge({
      name: 'nexus_live_sessions',
      help: 'Open live sessions of every tenant, by state and kind.',
      labelNames: ['state', 'kind'] as const,
      ...this.register,
      async collect() {
        const groups = await counts();
        for (const state of OPEN_STATES) {
          for (const kind of KINDS) this.set({ state, kind }, groups.find((g) => g.state === state && g.kind === kind)?.count ?? 0);
        }
      },
    });
    new Gauge({
      name: 'nexus_live_queue_length',
      help: 'Live sessions waiting for an agent (queued or offered), by kind.',
      labelNames: ['kind'] as const,
      ...this.register,
      async collect() {
        const groups = await counts();
        for (const kind of KINDS) {
          this.set({ kind }, groups.filter((g) => g.kind === kind && g.state !== 'active').reduce((n, g) => n + g.count, 0));
        }
      },
    });
    new Gauge({
      name: 'nexus_live_queue_oldest_wait_seconds',
      help: 'How long the longest-waiting session (queued or offered) has waited, by kind; 0 when none waits.',
      labelNames: ['kind'] as const,
      ...this.register,
      async collect() {
        const groups = await counts();
        const now = Date.now();
        for (const kind of KINDS) {
          const waiting = groups.filter((g) => g.kind === kind && g.state !== 'active');
          const oldest = Math.min(...waiting.map((g) => g.oldestCreatedAt));
          this.set({ kind }, waiting.length ? Math.max(0, (now - oldest) / 1000) : 0);
        }
      },
    });
  }

  /** The exposition text of this app's metrics and the process's. */
  async render(): Promise<string> {
    return (await this.registry.metrics()) + (await processRegistry.metrics());
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/** Times every request by its route pattern (never the raw URL, which holds ids and query text). */
export function registerHttpMetrics(app: FastifyInstance, metrics: AppMetrics): void {
  app.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      {
        route: request.routeOptions.url ?? 'unmatched',
        method: METHODS.has(request.method) ? request.method : 'other',
        status_class: `${Math.floor(reply.statusCode / 100)}xx`,
      },
      reply.elapsedTime / 1000,
    );
  });
}

/**
 * The store with the calls the metrics time or count wrapped: searches, stored chat messages and
 * accepts. Everything else goes to `store` as it is.
 */
export function instrumentStore(store: Store, metrics: AppMetrics): Store {
  const overrides: Partial<Store> = {
    async search(tenantId, options) {
      const end = metrics.search.startTimer();
      try {
        return await store.search(tenantId, options);
      } finally {
        end();
      }
    },
    async appendChatEvent(tenantId, sessionId, event, options) {
      const result = await store.appendChatEvent(tenantId, sessionId, event, options);
      if (!result.duplicate && result.event.type === 'message') metrics.messages.inc({ role: result.event.author.role });
      return result;
    },
    async transitionLiveSession(tenantId, id, transition) {
      const result = await store.transitionLiveSession(tenantId, id, transition);
      const { acceptedAt } = transition.set;
      if (result && transition.set.state === 'active' && acceptedAt !== undefined) {
        metrics.queueWait.observe({ kind: result.session.kind }, Math.max(0, acceptedAt - result.session.createdAt) / 1000);
      }
      return result;
    },
  };
  // Methods are bound to the store itself once (a store may keep private fields).
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, key) {
      if (Object.hasOwn(overrides, key)) return overrides[key as keyof Store];
      const value = Reflect.get(target, key, target) as unknown;
      if (typeof value !== 'function') return value;
      if (!bound.has(key)) bound.set(key, value.bind(target));
      return bound.get(key);
    },
  });
}

export interface MetricsServer {
  /** `http://host:port`; the metrics are at `/metrics`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves `GET /metrics` on a listener of its own (not the public port): bind it to a private
 * address that only Prometheus reaches. Anything else there is 404.
 */
export async function startMetricsServer(metrics: AppMetrics, options: { host: string; port: number }): Promise<MetricsServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify({ error: { code: 'not_found', message: 'this listener serves GET /metrics only' } }));
      return;
    }
    metrics.render().then(
      (text) => {
        response.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
        response.end(request.method === 'HEAD' ? undefined : text);
      },
      () => {
        response.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        response.end(JSON.stringify({ error: { code: 'internal_error', message: 'the metrics could not be collected' } }));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { address, port, family } = server.address() as AddressInfo;
  const host = family === 'IPv6' ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
