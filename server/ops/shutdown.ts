/**
 * Graceful shutdown, what `serve` does on SIGTERM or SIGINT:
 *
 * 1. `/v1/ready` answers 503 `not_ready` (a balancer still asking takes the process out);
 * 2. the listener closes: no new connections; a new request on a kept-alive connection gets 503
 *    `unavailable` with `Connection: close`, and so do the answers to requests under way;
 * 3. the live hub stops (no more frames handled; the work already under way on one finishes)
 *    and every WebSocket is closed with 1012 "service restart": clients reconnect at once,
 *    through the balancer to another process (src/core/socket.ts);
 * 4. requests under way finish, for at most `drainTimeoutMs`; then their connections are cut;
 * 5. transcript mails being delivered finish (briefly), and the app's close hooks run. The caller
 *    closes the store after this resolves.
 */
import type { FastifyInstance } from 'fastify';

/** How long requests under way may take to finish by default. */
export const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;

/** Runs the steps above; resolves when the app is closed. */
export async function closeGracefully(app: FastifyInstance, drainTimeoutMs = DEFAULT_DRAIN_TIMEOUT_MS): Promise<void> {
  app.readiness.startDraining();
  app.log.info({ sockets: app.websocketServer?.clients.size ?? 0, drainTimeoutMs }, 'shutting down: draining');
  const timer = setTimeout(() => {
    app.log.warn({ drainTimeoutMs }, 'shutting down: requests still under way after the drain timeout are cut');
    app.server.closeAllConnections();
  }, drainTimeoutMs);
  try {
    await app.close();
  } finally {
    clearTimeout(timer);
  }
  app.log.info('shut down');
}
