/**
 * The portal's page, `GET /portal/` (and `/portal`, redirected there): one static HTML page that
 * loads the portal bundle `/sdk/portal.js` and shows `<nexus-portal>` on this server's origin,
 * where the sign-in cookie works (docs/security.md#accounts). It is there whenever the server
 * serves the browser bundles (`--sdk-dir`) and they hold the portal; otherwise the route answers
 * a 404 page that says so. A password reset mail links to `/portal/#reset=<token>`: the token is
 * in the fragment, which the browser never sends, and the page removes it from the address.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { hasBundle, PAGE_SOURCES } from './embed.js';

export const PORTAL_PATH = '/portal/';
const BUNDLE = 'portal.js';

/**
 * The page's Content-Security-Policy: scripts from this server only (the bundle and its chunks;
 * the page has no inline script and no event handler attributes), requests to this server only,
 * styles and images as on the other pages (PAGE_SOURCES: themes and images from anywhere, inline
 * styles for Lit's style bindings), and no framing: a sign-in page in another site's frame could
 * be clickjacked.
 */
export const PORTAL_CSP = ["default-src 'self'", "script-src 'self'", ...PAGE_SOURCES, "frame-ancestors 'none'"].join('; ');

const STYLE = `<style>
  html { color-scheme: light dark; height: 100%; }
  body { margin: 0; min-height: 100%; display: flex; flex-direction: column; font: 16px/1.5 system-ui, sans-serif; }
  nexus-portal { flex: 1; }
</style>`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Nexus Cloud portal</title>
<link rel="icon" href="data:,">
${STYLE}
<script type="module" src="/sdk/${BUNDLE}"></script>
</head>
<body>
<nexus-portal></nexus-portal>
<noscript><p>The portal needs JavaScript, which is turned off in this browser.</p></noscript>
</body>
</html>
`;

const MISSING = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>The portal is not available</title>
${STYLE}
</head>
<body>
<main>
<h1>The portal is not available on this server</h1>
<p>This server does not serve the portal bundle (/sdk/${BUNDLE}). Start it with --sdk-dir pointing at the built browser bundles (dist/cdn, built by <code>npm run build</code>).</p>
</main>
</body>
</html>
`;

function sendPage(reply: FastifyReply, status: number, body: string) {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', PORTAL_CSP)
    .header('cross-origin-resource-policy', 'same-origin')
    .header('cache-control', 'no-cache')
    .send(body);
}

/** Adds `GET /portal/` (the page, or a 404 page without the bundle) and `GET /portal` (a redirect to it). */
export function registerPortalPage(app: FastifyInstance, sdkDir: string | undefined): void {
  app.get('/portal', (_request, reply) => reply.redirect(PORTAL_PATH));
  app.get(PORTAL_PATH, async (_request, reply) => ((await hasBundle(sdkDir, BUNDLE)) ? sendPage(reply, 200, PAGE) : sendPage(reply, 404, MISSING)));
}
