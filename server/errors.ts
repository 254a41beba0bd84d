/**
 * Every error leaves the server as `{ error: { code, message, details? } }` (ErrorBody), through
 * the one handler below.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
import type { TSchema } from '@sinclair/typebox';
import { LIMITS, type ErrorCode } from '../src/protocol/api.js';
import type { ErrorBody } from '../src/protocol/schemas.js';
import { InvalidInputError } from './store/types.js';

export interface ErrorDetail {
  /** JSON pointer into the body (`/ops/3/name`), or `querystring/q`, `params/id`. */
  path: string;
  message: string;
  /** A publish check's code, and the step and choice at fault (`publish_checks_failed`). */
  code?: string;
  step?: string;
  choice?: number;
  /** The current revision, who saved it and when (`edit_conflict`). */
  revision?: number;
  savedBy?: { id: string; name: string } | null;
  savedAt?: number;
}

/** An error meant for the client: its code and message are sent as they are. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const invalidRequest = (message: string, details?: ErrorDetail[]) =>
  new ApiError(400, 'invalid_request', message, details);

export const unsupportedMediaType = () =>
  new ApiError(415, 'unsupported_media_type', 'send the body as application/json');

const MAX_DETAILS = 20;
/** What is wrong, for each part of a request that Fastify validates. */
const INVALID_PART: Record<string, string> = {
  body: 'the request body is not valid',
  querystring: 'the query string is not valid',
  params: 'the path parameters are not valid',
  headers: 'the headers are not valid',
};

/** Ajv errors carry their schema and data too: Fastify's Ajv runs with `verbose`. */
type AjvError = FastifySchemaValidationError & { schemaPath: string; parentSchema?: TSchema; data?: unknown };

const isWithin = (inner: AjvError, outer: AjvError) =>
  inner !== outer &&
  inner.schemaPath.startsWith(`${outer.schemaPath}/`) &&
  (inner.instancePath === outer.instancePath || inner.instancePath.startsWith(`${outer.instancePath}/`));

/** The values a schema allows when it is a constant or a union of constants. */
function literals(schema: TSchema | undefined): unknown[] | undefined {
  if (schema?.const !== undefined) return [schema.const];
  const members = schema?.anyOf as TSchema[] | undefined;
  return members?.every((m) => m.const !== undefined) ? members.map((m) => m.const) : undefined;
}

const oneOf = (values: unknown[]) => `must be one of ${values.map((v) => `'${String(v)}'`).join(', ')}`;

/**
 * Ajv (with allErrors) reports a failed `anyOf` with the errors of every branch, most of them
 * beside the point. When the branches are told apart by a property holding constants (a context
 * op's `op`), only the errors of the branch the data chose are kept, or that property is reported
 * when it chose none. Other unions report what their branches wanted, in one message.
 */
function focusUnions(errors: AjvError[]): AjvError[] {
  let list = errors;
  const unions = errors.filter((e) => e.keyword === 'anyOf').sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const union of unions) {
    if (!list.includes(union)) continue;
    const inside = list.filter((e) => isWithin(e, union));
    const branchOf = (e: AjvError) => Number(e.schemaPath.slice(union.schemaPath.length + 1).split('/')[0]);
    const branches = (union.parentSchema?.anyOf ?? []) as TSchema[];
    const data = union.data && typeof union.data === 'object' ? (union.data as Record<string, unknown>) : undefined;
    const discriminant = Object.keys(branches[0]?.properties ?? {}).find((p) =>
      branches.every((b) => literals(b.properties?.[p]) !== undefined),
    );
    let keep: AjvError[];
    if (data && discriminant) {
      const allowed = branches.map((b) => literals(b.properties[discriminant])!);
      const chosen = allowed.findIndex((values) => values.includes(data[discriminant]));
      keep =
        chosen >= 0
          ? inside.filter((e) => branchOf(e) === chosen)
          : [{ ...union, instancePath: `${union.instancePath}/${discriminant}`, message: oneOf(allowed.flat()) }];
    } else {
      const values = literals(union.parentSchema);
      const wanted = values ? oneOf(values) : [...new Set(inside.map((e) => e.message))].join(' or ');
      keep = [{ ...union, message: wanted }];
    }
    list = [...list.filter((e) => e !== union && !inside.includes(e)), ...keep];
  }
  return list;
}

/** Ajv errors as details: the offending field's path and what is wrong with it. */
function validationDetails(errors: FastifySchemaValidationError[], context: string): ErrorDetail[] {
  const seen = new Set<string>();
  const details: ErrorDetail[] = [];
  for (const e of focusUnions(errors as AjvError[])) {
    const field = (e.params.missingProperty ?? e.params.additionalProperty) as string | undefined;
    const pointer = field === undefined ? e.instancePath : `${e.instancePath}/${field}`;
    const path = context === 'body' ? pointer || '/' : `${context}${pointer}`;
    const detail = { path, message: e.message ?? 'is not valid' };
    const key = `${detail.path} ${detail.message}`;
    if (!seen.has(key) && details.length < MAX_DETAILS) details.push(detail);
    seen.add(key);
  }
  return details;
}

/** Longest message of an error the server did not word itself (it may quote the request). */
const MAX_FOREIGN_MESSAGE = 200;

/** The code of a 4xx status that Fastify or a plugin answered with an error of its own. */
const CLIENT_ERROR_CODES: Partial<Record<number, ErrorCode>> = {
  403: 'forbidden',
  404: 'not_found',
  408: 'request_timeout',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  431: 'headers_too_large',
};

/** The status and body for any error; unexpected ones become a bare 500. */
function toErrorResponse(error: FastifyError | Error): { status: number; body: ErrorBody } {
  const reply = (status: number, code: ErrorCode, message: string, details?: ErrorDetail[]) => ({
    status,
    body: { error: details ? { code, message, details } : { code, message } },
  });
  if (error instanceof ApiError) return reply(error.statusCode, error.code, error.message, error.details);
  if (error instanceof InvalidInputError) {
    return reply(400, 'invalid_request', error.message, [{ path: error.path, message: error.message }]);
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const context = fastifyError.validationContext ?? 'body';
    const details = validationDetails(fastifyError.validation, context);
    return reply(400, 'invalid_request', INVALID_PART[context] ?? 'the request is not valid', details);
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return reply(413, 'payload_too_large', `the body is larger than ${LIMITS.maxBodyBytes} bytes`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return toErrorResponse(unsupportedMediaType());
    // Their own messages quote the URL or the body.
    case 'FST_ERR_BAD_URL':
      return reply(400, 'invalid_request', 'a part of the URL is not validly percent-encoded');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return reply(414, 'invalid_request', 'a part of the URL is longer than the server takes');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return reply(400, 'invalid_request', 'the body is not valid JSON');
  }
  if (error instanceof SyntaxError) return reply(400, 'invalid_request', 'the body is not valid JSON');
  // Fastify's and its plugins' own 4xx errors (an empty JSON body, a content length that does
  // not match, a path the static file server refuses) carry short messages of their own.
  const status = fastifyError.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const message = error.message.length > MAX_FOREIGN_MESSAGE ? 'the request is not valid' : error.message;
    return reply(status, CLIENT_ERROR_CODES[status] ?? 'invalid_request', message);
  }
  if (status === 503) return reply(503, 'unavailable', 'the server is not taking requests now; try again shortly');
  return reply(500, 'internal_error', 'something went wrong on the server');
}

/** A JSON body nested deeper than LIMITS.maxJsonDepth. */
export const jsonTooDeep = (max: number, what = 'the body') =>
  new ApiError(400, 'json_too_deep', `${what} nests arrays and objects more than ${max} levels deep`);

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const { status, body } = toErrorResponse(error);
  // 503s (not ready, shutting down) are expected answers, not failures.
  if (status >= 500 && status !== 503) request.log.error({ err: error }, 'request failed');
  if (status === 401) reply.header('www-authenticate', 'Bearer');
  return reply.status(status).send(body);
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  const path = request.url.split('?')[0].slice(0, 200);
  return reply.status(404).send({
    error: { code: 'not_found', message: `there is nothing at ${request.method} ${path}` },
  } satisfies ErrorBody);
}

/**
 * Errors Node's HTTP parser meets before any request exists (a request line or headers over
 * the size limit, bytes that are not HTTP, a client too slow to send its request): the answer is
 * written straight to the socket, in the same body shape as every other error, and the
 * connection is closed.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Duplex) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message]: [number, ErrorCode, string] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'headers_too_large', 'the request line and headers are larger than the server takes']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request_timeout', 'the request did not arrive in time']
        : [400, 'invalid_request', 'the request is not valid HTTP'];
  const body = JSON.stringify({ error: { code, message } } satisfies ErrorBody);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        'X-Content-Type-Options: nosniff\r\n' +
        'Connection: close\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
