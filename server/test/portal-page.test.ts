/**
 * The portal's page at /portal/ (server/portal-page.ts): served with its strict CSP when the SDK
 * folder holds the portal bundle, a 404 page (with the same policy) when it does not.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PORTAL_CSP } from '../portal-page.js';
import { startTestServer, type TestServer } from '../test-server.js';
import { contentFolder } from './helpers.js';

let withBundle: TestServer;
let withoutBundle: TestServer;
before(async () => {
  withBundle = await startTestServer({ sdkDir: await contentFolder({ 'portal.js': 'export {};\n', 'self-help.js': 'export {};\n' }) });
  withoutBundle = await startTestServer({ sdkDir: await contentFolder({ 'self-help.js': 'export {};\n' }) });
});
after(async () => {
  await withBundle.close();
  await withoutBundle.close();
});

const get = (server: TestServer, path: string) => fetch(server.url + path, { redirect: 'manual' });

/** The directives of a Content-Security-Policy, by name. */
function directives(csp: string | null): Map<string, string[]> {
  return new Map((csp ?? '').split(/;\s*/).filter(Boolean).map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
}

test('/portal/ is the page that loads the portal bundle, under a policy that runs only this server\'s scripts and cannot be framed', async () => {
  const res = await get(withBundle, '/portal/');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
  const body = await res.text();
  assert.match(body, /<script type="module" src="\/sdk\/portal\.js"><\/script>/);
  assert.match(body, /<nexus-portal><\/nexus-portal>/);
  const scripts = [...body.matchAll(/<script\b([^>]*)>/gi)];
  assert.ok(scripts.every(([, attributes]) => /\bsrc=/.test(attributes)), 'no inline script');
  assert.ok(!/\son[a-z]+=/i.test(body), 'no inline event handler');

  assert.equal(res.headers.get('content-security-policy'), PORTAL_CSP);
  const csp = directives(res.headers.get('content-security-policy'));
  assert.deepEqual(csp.get('script-src'), ["'self'"], 'no inline or foreign script');
  assert.deepEqual(csp.get('default-src'), ["'self'"]);
  assert.deepEqual(csp.get('connect-src'), ["'self'"], 'requests to this server only');
  assert.deepEqual(csp.get('frame-ancestors'), ["'none'"]);
  assert.deepEqual(csp.get('object-src'), ["'none'"]);
  assert.deepEqual(csp.get('base-uri'), ["'none'"]);
  assert.equal(res.headers.get('x-frame-options'), 'DENY');
  assert.equal(res.headers.get('cross-origin-resource-policy'), 'same-origin');
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(res.headers.get('referrer-policy'), 'no-referrer');

  const bundle = await get(withBundle, '/sdk/portal.js');
  assert.equal(bundle.status, 200, 'the bundle the page loads is served');
});

test('/portal redirects to /portal/', async () => {
  const res = await get(withBundle, '/portal');
  assert.equal(res.status, 302);
  assert.equal(res.headers.get('location'), '/portal/');
});

test('without the portal bundle in --sdk-dir, /portal/ is a 404 page that says how to serve it', async () => {
  const res = await get(withoutBundle, '/portal/');
  assert.equal(res.status, 404);
  assert.equal(res.headers.get('content-security-policy'), PORTAL_CSP);
  const body = await res.text();
  assert.match(body, /--sdk-dir/);
  assert.ok(!body.includes('<script'), 'no script on the problem page');
});
