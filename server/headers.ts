/**
 * Security headers on every response, in one `onSend` hook: API answers and errors, the 404
 * handler, static files (/sdk/, /themes/), the demo pages and /embed. A header a route set itself
 * is kept: the embed page has its own Content-Security-Policy (embed.ts) and the file download its
 * own CSP and Cross-Origin-Resource-Policy (live/routes.ts). See docs/security.md#security-headers.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EMBED_PATH, PAGE_SOURCES } from './embed.js';
import { invalidRequest } from './errors.js';

/** Routes (by pattern) that other sites may frame: the iframe embed. */
const FRAMEABLE_ROUTES = new Set([EMBED_PATH, `${EMBED_PATH}/`]);

/** For anything that is not a script or stylesheet and has no policy of its own (JSON, errors, files). */
export const DEFAULT_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
/** The same at a frameable route (a JSON error at /embed), without the framing rule. */
const FRAMEABLE_DEFAULT_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'";

/** One year; no includeSubDomains, since other services may share the domain over plain HTTP. */
export const HSTS = 'max-age=31536000';

/** Scripts and stylesheets get no CSP: a policy means nothing to them, and would to a worker. */
const SCRIPT_OR_STYLE = /^(?:text|application)\/(?:javascript|ecmascript)|^text\/css/i;

/** The content of every inline `<script>` (one without `src`), as the HTML parser would read it. */
function inlineScripts(html: string): string[] {
  const scripts: string[] = [];
  for (const [, attributes, content] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (!/\bsrc\s*=/i.test(attributes)) scripts.push(content.replace(/\r\n?/g, '\n'));
  }
  return scripts;
}

/**
 * The CSP of a demo page: its own inline scripts by hash and scripts from this server (the /sdk/
 * bundles it loads with `%NEXUS_SERVER%`, which is this origin), no inline event handlers. Styles,
 * images and fonts as on the embed page: inline styles (the pages' `<style>` blocks and `style`
 * attributes, Lit's style bindings) and any http(s) origin (theme stylesheets, step images, and
 * the customer page a co-browse view rebuilds). Not frameable.
 */
export function demoPageCsp(html: string): string {
  const hashes = inlineScripts(html).map((script) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`);
  return ["default-src 'self'", ["script-src 'self'", ...new Set(hashes)].join(' '), ...PAGE_SOURCES, "frame-ancestors 'none'"].join('; ');
}

const isDemoRoute = (route: string | undefined) => route === '/' || route === '/demo' || route?.startsWith('/demo/') === true;

function setIfMissing(reply: FastifyReply, name: string, value: string) {
  if (!reply.hasHeader(name)) reply.header(name, value);
}

function addSecurityHeaders(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  const route = request.routeOptions.url;
  const frameable = route !== undefined && FRAMEABLE_ROUTES.has(route);
  const demo = isDemoRoute(route);
  const type = String(reply.getHeader('content-type') ?? '');
  setIfMissing(reply, 'x-content-type-options', 'nosniff');
  setIfMissing(reply, 'referrer-policy', 'no-referrer');
  // The elements, the SDK, themes, the API and the embed are all used from customers' origins.
  setIfMissing(reply, 'cross-origin-resource-policy', demo ? 'same-origin' : 'cross-origin');
  if (!frameable) setIfMissing(reply, 'x-frame-options', 'DENY');
  if (!reply.hasHeader('content-security-policy')) {
    if (demo && type.startsWith('text/html') && typeof payload === 'string') {
      reply.header('content-security-policy', demoPageCsp(payload));
    } else if (!SCRIPT_OR_STYLE.test(type)) {
      reply.header('content-security-policy', frameable ? FRAMEABLE_DEFAULT_CSP : DEFAULT_CSP);
    }
  }
  if (request.protocol === 'https') setIfMissing(reply, 'strict-transport-security', HSTS);
}

/**
 * Fastify answers router errors (bad URL encoding, over-long parameters) without running any hook:
 * wrapped in this, its `frameworkErrors` handler adds the headers itself.
 */
export function withSecurityHeaders<E, Q extends FastifyRequest, R extends FastifyReply, T>(
  handler: (error: E, request: Q, reply: R) => T,
): (error: E, request: Q, reply: R) => T {
  return (error, request, reply) => {
    addSecurityHeaders(request, reply, undefined);
    return handler(error, request, reply);
  };
}

/** Adds the hook to every route of `app` (call it before the routes are registered). */
export function registerSecurityHeaders(app: FastifyInstance): void {
  const plugin = async (root: FastifyInstance) => {
    root.addHook('onSend', async (request, reply, payload) => {
      addSecurityHeaders(request, reply, payload);
      return payload;
    });
  };
  app.register(Object.assign(plugin, { [Symbol.for('skip-override')]: true }));
}

/** Hosts that may go into a page or a mail as they are: names, IPv4 and bracketed IPv6, with a port. */
const SAFE_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** This server's origin as the request reached it; 400 when the Host header is not a plain host. */
export function requestOrigin(request: FastifyRequest): string {
  if (!SAFE_HOST.test(request.host)) throw invalidRequest('the Host header is not valid');
  return `${request.protocol}://${request.host}`;
}
