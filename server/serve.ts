/**
 * `serve`: the HTTP server on a store, with what its options add (Redis for several processes,
 * the operator's metrics, SMTP, rate limits), until SIGTERM or SIGINT drains and stops it.
 */
import type { AddressInfo } from 'node:net';
import { buildApp } from './app.js';
import type { Io, Values } from './commands.js';
import { redisForServe } from './live/redis.js';
import { parseOpsOptions, portOption, startOps, stopOnSignal } from './ops/serve-options.js';
import { parseRateLimitFlags, parseTrustProxy } from './rate-limit.js';
import type { Store } from './store/types.js';
import { UsageError } from './usage-error.js';

export async function serve(values: Values, store: Store, { out, err }: Io): Promise<void> {
  const port = portOption('port', values.port ?? '4300');
  const ops = parseOpsOptions(values);
  if (Boolean(values['demo-dir']) !== Boolean(values['demo-token'])) {
    throw new UsageError('--demo-dir and --demo-token go together');
  }
  let limits;
  try {
    limits = { rateLimits: parseRateLimitFlags(values['rate-limit'] ?? []), trustProxy: parseTrustProxy(values['trust-proxy']) };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const redis = await redisForServe(values.redis ?? process.env.NEXUS_REDIS_URL, values['redis-prefix'], process.env);
  const app = buildApp({
    store,
    logger: values.log ?? false,
    logLevel: ops.logLevel,
    sdkDir: values['sdk-dir'],
    demo: values['demo-dir'] ? { dir: values['demo-dir'], token: values['demo-token']! } : undefined,
    live: { smtp: ops.smtp, ...(redis && { bus: redis.bus, state: redis.state, ...redis.timing }) },
    accounts: { publicUrl: ops.publicUrl },
    ...limits,
    ...(redis && {
      rateLimits: limits.rateLimits === false ? false : { ...limits.rateLimits, store: redis.rateLimits },
      readiness: [{ name: 'bus', check: () => redis.ping() }],
    }),
  });
  if (redis) app.addHook('onClose', () => redis.close());
  const metrics = await startOps(app, ops, err);
  await app.listen({ host: values.host ?? '127.0.0.1', port }).catch(async (error: unknown) => {
    await metrics?.close();
    throw error;
  });
  const address = app.server.address() as AddressInfo;
  const host = ['0.0.0.0', '::'].includes(address.address)
    ? '127.0.0.1'
    : address.family === 'IPv6'
      ? `[${address.address}]`
      : address.address;
  const url = `http://${host}:${address.port}`;
  out(`Nexus Cloud listening on ${url}${values['demo-dir'] ? ` (demo pages at ${url}/demo/)` : ''}`);
  if (metrics) out(`Metrics for Prometheus at ${metrics.url}/metrics`);
  out(`NEXUS_READY ${JSON.stringify({ url, ...(metrics && { metricsUrl: metrics.url }) })}`);
  await stopOnSignal(app, ops, metrics, err);
}
