/**
 * Structured logs: Fastify's pino logger, JSON lines on stderr.
 *
 * - Every request gets an id: the client's `X-Request-Id` when it is well formed (a balancer's or
 *   a caller's, 1-128 characters of letters, digits and `._:-`), else a new UUID. It is echoed in
 *   the response's `X-Request-Id` and is the `reqId` of every line logged for the request.
 * - One line per request when it is answered (level info): `reqId`, `method`, `route` (the
 *   pattern, `/v1/paths/:id`, never the raw URL: URLs carry ids, search text and, for /embed and
 *   file downloads, tokens and signatures), `status`, `ms`, `ip`.
 * - Nothing the client sent is logged as such: no header (Authorization included), no query, no
 *   body. Redaction covers the field names that would carry a secret or a person's words if a log
 *   call ever passed them (`authorization`, `token`, `jwt`, `password`, `text`, `body`, `email`...).
 *
 * Levels (`serve --log-level`): fatal, error, warn, info, debug, trace, silent. `--log` is
 * `--log-level info`; without either the level is `warn`: failures and retries, no request lines.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A request id we take from a client as it is. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
export const REQUEST_ID_HEADER = 'x-request-id';

/** The keys pino replaces with `[redacted]`, at the top of a log object and one level down. */
const SECRET_KEYS = ['authorization', 'cookie', 'token', 'sessionToken', 'jwt', 'password', 'secret', 'sig', 'text', 'body', 'email', 'to'];
const REDACT_PATHS = [...SECRET_KEYS, ...SECRET_KEYS.map((key) => `*.${key}`), 'req.headers.authorization', 'headers.authorization'];

/** The id of a request: the client's when it is well formed, else a new one. */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** The options of `Fastify()` that make its logger ours. */
export function loggerOptions(level: LogLevel, stream: NodeJS.WritableStream): Pick<FastifyServerOptions, 'logger' | 'genReqId' | 'logController'> {
  return {
    logger: {
      level,
      stream,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      // No request or response objects are logged; the request line below says what is needed.
      serializers: { req: () => ({}), res: () => ({}) },
    },
    genReqId: requestIdOf,
    // Fastify's own request lines quote the raw URL: ours (registerRequestLog) replace them.
    logController: new LogController({ disableRequestLogging: true }),
  };
}

/**
 * Echoes the request id, and logs one line per answered request. Call it before any other hook is
 * added: its hooks are on the root instance itself, so they run first, for every route.
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        ip: request.ip,
      },
      'request',
    );
  });
}
