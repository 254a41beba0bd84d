import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { ROUTES, routePath } from '../../src/protocol/routes.js';
import { buildApp } from '../app.js';
import { FIXTURE_CONTENT, startTestServer, type TestServer } from '../test-server.js';
import { contentFolder, uid } from './helpers.js';

const DEMO_DIR = fileURLToPath(new URL('../../demo', import.meta.url));

let server: TestServer;
before(async () => {
  const sdkDir = await contentFolder({ 'self-help.js': 'export {};\n', 'nexus-connect.js': 'export {};\n' });
  const demoDir = await contentFolder({
    'index.html': `<!doctype html><title>Demo</title>
<script type="module" src="%NEXUS_SERVER%/sdk/nexus-connect.js"></script>
<nexus-provider server="%NEXUS_SERVER%" token="%NEXUS_TOKEN%"></nexus-provider>
<script type="module">
  console.info('%NEXUS_SERVER%');
</script>
<SCRIPT>init("%NEXUS_TOKEN%")</SCRIPT>`,
    'demo.css': 'body { margin: 0; }',
    'support.js': 'console.info("classic");',
  });
  server = await startTestServer({ demoContent: FIXTURE_CONTENT.demo, sdkDir, demoDir });
});
after(() => server.close());

interface Answer {
  status: number;
  headers: Headers;
  body: string;
}

async function get(path: string, headers: Record<string, string> = {}, url = server.url): Promise<Answer> {
  const res = await fetch(url + path, { headers, redirect: 'manual' });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

/** The directives of a Content-Security-Policy, by name. */
function directives(res: Answer): Map<string, string[]> {
  const csp = res.headers.get('content-security-policy') ?? '';
  return new Map(csp.split(/;\s*/).filter(Boolean).map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** What every response carries, and that it may not be framed. */
function assertBaseline(res: Answer, what: string, corp = 'cross-origin') {
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff', what);
  assert.equal(res.headers.get('referrer-policy'), 'no-referrer', what);
  assert.equal(res.headers.get('cross-origin-resource-policy'), corp, what);
  assert.equal(res.headers.get('strict-transport-security'), null, `${what}: plain HTTP has no HSTS`);
}

function assertNotFrameable(res: Answer, what: string) {
  assert.equal(res.headers.get('x-frame-options'), 'DENY', what);
  const ancestors = directives(res).get('frame-ancestors');
  if (ancestors) assert.deepEqual(ancestors, ["'none'"], what);
}

/** JSON and other non-script answers without a policy of their own: nothing may load, nothing may frame. */
function assertLockedDown(res: Answer, what: string) {
  assertBaseline(res, what);
  assertNotFrameable(res, what);
  assert.equal(res.headers.get('content-security-policy'), "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'", what);
}

describe('security headers', () => {
  test('API answers and errors of every kind', async () => {
    const demo = { authorization: `Bearer ${server.tokens.demo}` };
    const cases: [string, Answer, number][] = [
      ['a JSON answer', await get(ROUTES.categories, demo), 200],
      ['health', await get(ROUTES.health), 200],
      ['an error', await get(ROUTES.categories), 401],
      ['the 404 handler', await get('/no/such/thing'), 404],
      ['a route error', await get(routePath(ROUTES.path, { id: 'missing' }), demo), 404],
      ['a URL the router refuses', await get('/v1/paths/%E0%A4%A'), 400],
      ['a plain GET of the WebSocket', await get(ROUTES.liveSocket), 426],
    ];
    for (const [what, res, status] of cases) {
      assert.equal(res.status, status, what);
      assertLockedDown(res, what);
    }
  });

  test('a 429 too', async () => {
    const app = buildApp({ store: server.store, rateLimits: { address: { perSecond: 1, burst: 1 } } });
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      await get('/nope', {}, url);
      const limited = await get('/nope', {}, url);
      assert.equal(limited.status, 429);
      assertLockedDown(limited, 'a 429');
    } finally {
      await app.close();
    }
  });

  test('CORS preflights', async () => {
    const res = await fetch(server.url + ROUTES.context, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example.com', 'access-control-request-method': 'POST' },
    });
    assert.equal(res.status, 204);
    assertLockedDown({ status: res.status, headers: res.headers, body: '' }, 'a preflight');
  });

  test('SDK and theme files: loadable from any origin, no policy (scripts and stylesheets are not documents)', async () => {
    for (const path of ['/sdk/nexus-connect.js', '/themes/default.css', '/themes/step-content.css']) {
      const res = await get(path);
      assert.equal(res.status, 200, path);
      assertBaseline(res, path);
      assertNotFrameable(res, path);
      assert.equal(res.headers.get('content-security-policy'), null, path);
    }
    assertLockedDown(await get('/sdk/missing.js'), 'a missing SDK file');
  });

  test('a chat file keeps the download’s own policy and gains the rest', async () => {
    const body = { consumer: uid('consumer'), kind: 'chat', skill: 'support', clientId: uid('request') };
    const grant = await fetch(server.url + ROUTES.liveSessions, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.tokens.demo}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((res) => res.json());
    const uploaded = await fetch(`${server.url}${routePath(ROUTES.liveFiles, { id: grant.session.id })}?name=a.txt`, {
      method: 'POST',
      headers: { authorization: `Bearer ${grant.sessionToken}`, 'content-type': 'text/plain' },
      body: 'hello',
    }).then((res) => res.json());
    const file = await get(uploaded.url);
    assert.equal(file.status, 200);
    assertBaseline(file, 'a chat file');
    assertNotFrameable(file, 'a chat file');
    assert.equal(file.headers.get('content-security-policy'), "default-src 'none'; img-src 'self'; sandbox");
  });

  test('/embed may be framed by any site and keeps its own policy', async () => {
    for (const query of [`?jwt=${server.tokens.demo}`, '?searchtype=x', `?jwt=${server.tokens.forged}`]) {
      const res = await get(`/embed${query}`);
      assertBaseline(res, query);
      assert.equal(res.headers.get('x-frame-options'), null, query);
      const csp = directives(res);
      assert.equal(csp.has('frame-ancestors'), false, query);
      assert.deepEqual(csp.get('default-src'), ["'self'"], `${query}: the embed page's own policy`);
    }
  });

  test('demo pages: a policy that allows their own inline scripts by hash and nothing inline else', async () => {
    const page = await get('/demo/');
    assert.equal(page.status, 200);
    assertBaseline(page, 'a demo page', 'same-origin');
    assertNotFrameable(page, 'a demo page');
    const csp = directives(page);
    // The hashes are of the page as served, after %NEXUS_SERVER% and %NEXUS_TOKEN% were filled in.
    const module = `\n  console.info('${server.url}');\n`;
    const classic = `init("${server.tokens.demo}")`;
    assert.deepEqual(csp.get('script-src'), ["'self'", sha256(module), sha256(classic)]);
    assert.deepEqual(csp.get('default-src'), ["'self'"]);
    assert.deepEqual(csp.get('connect-src'), ["'self'"]);
    assert.deepEqual(csp.get('object-src'), ["'none'"]);
    assert.deepEqual(csp.get('base-uri'), ["'none'"]);
    for (const [path, type] of [['/demo/demo.css', /css/], ['/demo/support.js', /javascript/]] as const) {
      const res = await get(path);
      assert.match(res.headers.get('content-type') ?? '', type);
      assertBaseline(res, path, 'same-origin');
      assert.equal(res.headers.get('content-security-policy'), null, path);
    }
    const redirect = await get('/');
    assert.equal(redirect.status, 302);
    assertNotFrameable(redirect, 'the redirect to /demo/');
  });

  test('the shipped demo pages run under it: every inline script is hashed, and no inline event handlers', async () => {
    const app = buildApp({ store: server.store, demo: { dir: DEMO_DIR, token: server.tokens.demo } });
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const pages = (await readdir(DEMO_DIR)).filter((name) => name.endsWith('.html'));
      assert.ok(pages.length >= 5);
      for (const name of pages) {
        const res = await get(`/demo/${name}`, {}, url);
        const inline = [...res.body.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => sha256(m[1]));
        const allowed = directives(res).get('script-src') ?? [];
        for (const hash of inline) assert.ok(allowed.includes(hash), `${name}: an inline script is allowed by hash`);
        assert.doesNotMatch(res.body, /\son[a-z]+\s*=\s*["']|javascript:/i, `${name}: no inline event handlers or javascript: URLs`);
      }
    } finally {
      await app.close();
    }
  });

  test('HSTS when the request came over HTTPS, as a trusted proxy says', async () => {
    for (const trustProxy of [true, false]) {
      const app = buildApp({ store: server.store, trustProxy, sdkDir: undefined });
      await app.listen({ host: '127.0.0.1', port: 0 });
      try {
        const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
        for (const path of [ROUTES.health, '/nope', '/themes/default.css', `/embed?jwt=${server.tokens.demo}`]) {
          const https = await get(path, { 'x-forwarded-proto': 'https' }, url);
          assert.equal(https.headers.get('strict-transport-security'), trustProxy ? 'max-age=31536000' : null, `${path}, trustProxy ${trustProxy}`);
          assert.equal((await get(path, { 'x-forwarded-proto': 'http' }, url)).headers.get('strict-transport-security'), null, path);
        }
      } finally {
        await app.close();
      }
    }
  });
});
