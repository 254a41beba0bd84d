import type { ErrorBody } from '../protocol/schemas.js';
import { NexusError, invalidArgument } from './errors.js';

/** The methods the REST API uses (the admin API edits with PATCH and PUT, and deletes). */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** A body sent as it is (text, or a file's bytes), with its media type, instead of `body` as JSON. */
  raw?: { data: string | Blob; type: string };
  /** Resolve with the answer's text as it is (a downloaded file) instead of parsing JSON. */
  asText?: boolean;
  signal?: AbortSignal;
  /** Let the request outlive the page (used when flushing on page hide). */
  keepalive?: boolean;
}

export interface TransportOptions {
  /** Origin (and optional base path) of the Nexus Cloud server. */
  server: string;
  /**
   * Application token (JWT), sent as `Authorization: Bearer`; or `null` for requests made with the
   * browser's sign-in cookie instead (same origin only: the server allows no credentials across
   * origins), as the agent layer's `AccountSession` does.
   */
  token: string | null;
  /** Headers added to every request (the CSRF token of a cookie session). */
  headers?: () => Record<string, string>;
  /** Injected `fetch` (defaults to the global one). */
  fetch?: typeof fetch;
  /** Give up on a request after this many milliseconds (`timeout` error). Default 15 s. */
  timeoutMs?: number;
}

/** Normalizes and checks a server URL: absolute http(s), no trailing slash. */
export function normalizeServer(server: string): string {
  let url: URL;
  try {
    url = new URL(server, globalThis.location?.href);
  } catch {
    invalidArgument(`server must be a URL, got "${server}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    invalidArgument(`server must be an http(s) URL, got "${server}"`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function checkToken(token: unknown) {
  if (!token || typeof token !== 'string') invalidArgument('an application token is required');
}

/** JSON over fetch with the application token (or the sign-in cookie), timeouts and errors mapped to `NexusError`. */
export class Transport {
  readonly server: string;
  private token: string | null;
  private readonly headers?: () => Record<string, string>;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;

  constructor(options: TransportOptions) {
    if (options.token !== null) checkToken(options.token);
    this.server = normalizeServer(options.server);
    this.token = options.token;
    this.headers = options.headers;
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  /** Sends `token` from the next request on (a renewed token of the same caller). */
  setToken(token: string): void {
    checkToken(token);
    this.token = token;
  }

  url(path: string, query: RequestOptions['query'] = {}): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const qs = params.toString();
    return `${this.server}${path}${qs ? `?${qs}` : ''}`;
  }

  async request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const headers: Record<string, string> = { ...this.headers?.(), ...(this.token !== null && { authorization: `Bearer ${this.token}` }) };
    let body: string | Blob | undefined;
    if (options.raw) {
      headers['content-type'] = options.raw.type;
      body = options.raw.data;
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    /** Why the request or the reading of its answer stopped: the caller's abort, the timeout, or the network. */
    const failure = (error: unknown) => {
      if (options.signal?.aborted) return options.signal.reason ?? error;
      if (timeout.aborted) return new NexusError('timeout', `The support server did not answer within ${this.timeoutMs / 1000} s.`);
      return new NexusError('network_error', 'The support server could not be reached.');
    };
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(this.url(path, options.query), {
        method,
        headers,
        body,
        signal,
        keepalive: options.keepalive,
        credentials: this.token === null ? 'same-origin' : 'omit',
      });
      // An abort while the body arrives rejects here too: that must not pass for an empty answer.
      text = await response.text();
    } catch (error) {
      throw failure(error);
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const error = (json as ErrorBody | undefined)?.error;
      const failed = new NexusError(
        error?.code ?? (response.status >= 500 ? 'internal_error' : 'invalid_request'),
        error?.message ?? `The support server answered ${response.status}.`,
        response.status,
        error?.details ?? [],
      );
      // Seconds to wait, sent with 429 and 503 (at most an hour is taken into account).
      const wait = Number(response.headers.get('retry-after'));
      if (wait > 0) failed.retryAfterMs = Math.min(wait, 3600) * 1000;
      throw failed;
    }
    return (options.asText ? text : json) as T;
  }
}
