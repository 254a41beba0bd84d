import type { ErrorCode } from '../protocol/api.js';

/** One field-level problem reported by the server for an `invalid_request`. */
export interface ErrorDetail {
  path: string;
  message: string;
}

/**
 * Every failure the client reports is a `NexusError`: the server's error code and message when
 * there was a response, or `network_error` / `timeout` (status 0) when there was none.
 */
export class NexusError extends Error {
  override readonly name = 'NexusError';
  constructor(
    readonly code: ErrorCode | (string & {}),
    message: string,
    /** HTTP status, or 0 when no response arrived. */
    readonly status = 0,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }

  /** How long the server asked the client to wait before trying again (its `Retry-After`), in ms. */
  retryAfterMs?: number;

  /** True when trying again later may succeed (no response, 5xx, 408, 429). */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 408 || this.status === 429;
  }

  /** True when the application token was refused (missing, invalid, expired or revoked). */
  get unauthorized(): boolean {
    return this.status === 401;
  }
}

/** Whether an error is the rejection of an aborted request (superseded search, unmount). */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Throws a client-side `invalid_request` error for a bad argument. */
export function invalidArgument(message: string): never {
  throw new NexusError('invalid_request', message, 0);
}

/** `value` trimmed, or an `invalid_request` error if it is not a non-empty string (of at most `max` characters). */
export function requireText(what: string, value: unknown, max = Infinity): string {
  if (typeof value !== 'string' || !value.trim()) invalidArgument(`${what} must be a non-empty string`);
  const trimmed = value.trim();
  if (trimmed.length > max) invalidArgument(`${what} is longer than ${max} characters`);
  return trimmed;
}
