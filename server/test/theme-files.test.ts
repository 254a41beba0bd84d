/**
 * Hosted theme files over HTTP (ROUTES.adminBrandingTheme, ROUTES.themeFile), on both engines: an
 * admin uploads CSS and the branding's theme URL points at the hosted file, which any origin
 * loads as `text/css` that cannot run script; download gives the same bytes; Reset to default
 * removes file and URL; refusals (size, type, not CSS text, roles), tenant isolation, the audit
 * log, and the CLI's `branding theme` commands. Who may call what, for every caller, is the access
 * matrix's.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { routePath, ROUTES } from '../../src/protocol/routes.js';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../commands.js';
import { startTestServer, TEST_ACCOUNTS, type TestServer } from '../test-server.js';
import { checkThemeCss, THEME_FILE_LIMITS } from '../theme-files.js';
import { Browser, code } from './browser-session.js';
import { client } from './helpers.js';
import { engines, serverDatabase } from './store-engines.js';

const CSS = ':host { --nexus-color-primary: rgb(1, 2, 3); } /* ünïcode */\n';

/** PUT a theme file as a signed-in browser does: the raw CSS with its Content-Type. */
async function upload(server: TestServer, who: Browser, kind: string, body: string | Buffer, type = 'text/css') {
  const res = await fetch(server.url + routePath(ROUTES.adminBrandingTheme, { kind }), {
    method: 'PUT',
    headers: { 'content-type': type, cookie: who.cookie, 'x-csrf-token': who.csrf },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe('checkThemeCss', () => {
  test('plain CSS passes (a BOM dropped); binary, NUL, control characters, HTML and legacy script hooks are refused', () => {
    assert.equal(checkThemeCss(Buffer.from(CSS)), CSS);
    assert.equal(checkThemeCss(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a{}')])), 'a{}');
    assert.equal(checkThemeCss(Buffer.from('a::after { content: "a > b"; }')), 'a::after { content: "a > b"; }', '> and a lone < are CSS');
    for (const [bad, why] of [
      [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff]), /not UTF-8/],
      [Buffer.from('a { color: red; }\u0000'), /control character \(U\+0000\)/],
      [Buffer.from('a{}\u001b[31m'), /control character/],
      [Buffer.from(''), /empty/],
      [Buffer.from('<!doctype html><script>alert(1)</script>'), /HTML markup/],
      [Buffer.from('a{}</style><script>alert(1)</script>'), /HTML markup/],
      [Buffer.from('a { width: expression(alert(1)); }'), /expression/],
      [Buffer.from('a { -moz-binding: url(x.xml#x); }'), /moz-binding/],
      [Buffer.from('a { behavior: url(x.htc); }'), /behavior/],
      [Buffer.from('a { background: url("javascript:alert(1)"); }'), /javascript/],
    ] as const) {
      assert.throws(() => checkThemeCss(bad), (error: Error & { code?: string }) => error.code === 'theme_file_invalid' && why.test(error.message));
    }
  });
});

for (const engine of engines) {
  describe(`hosted theme files (${engine.name})`, () => {
    let server: TestServer;
    let admin: Browser;
    let supervisor: Browser;
    let otherAdmin: Browser;
    before(async () => {
      server = await startTestServer({ database: await serverDatabase(engine) });
      [admin, supervisor, otherAdmin] = [new Browser(server), new Browser(server), new Browser(server)];
      await admin.signIn(TEST_ACCOUNTS.demo.admin);
      await supervisor.signIn(TEST_ACCOUNTS.demo.supervisor);
      await otherAdmin.signIn(TEST_ACCOUNTS.other.admin);
    });
    after(() => server.close());

    test('upload: hosted at a content-addressed URL the branding now holds; served as CSS that cannot run script, to any origin', async () => {
      const up = await upload(server, admin, 'theme', CSS);
      assert.equal(up.status, 200, JSON.stringify(up.body));
      const { file, branding } = up.body;
      assert.match(file.url, new RegExp(`^${server.url}/v1/themes/demo/theme-[0-9a-f]{64}\\.css$`));
      assert.equal(file.size, Buffer.byteLength(CSS));
      assert.equal(branding.themeUrl, file.url);
      const page = await client(server.url, server.tokens.demo).get<{ themeUrl: string }>(ROUTES.branding);
      assert.equal(page.body.themeUrl, file.url, "the tenant's pages get it from GET /v1/branding");

      const served = await fetch(file.url, { headers: { origin: 'https://shop.example.com' } });
      assert.equal(served.status, 200);
      assert.equal(await served.text(), CSS);
      assert.equal(served.headers.get('content-type'), 'text/css; charset=utf-8');
      assert.equal(served.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(served.headers.get('content-security-policy'), "default-src 'none'; sandbox");
      assert.equal(served.headers.get('content-disposition'), 'inline; filename="theme.css"');
      assert.equal(served.headers.get('access-control-allow-origin'), 'https://shop.example.com');
      assert.equal(served.headers.get('cross-origin-resource-policy'), 'cross-origin');
      assert.match(served.headers.get('cache-control') ?? '', /max-age=31536000, immutable/);

      const step = await upload(server, admin, 'step-content', 'p { margin: 0; }', 'text/css; charset=utf-8');
      assert.equal(step.status, 200);
      assert.equal(step.body.branding.stepContentThemeUrl, step.body.file.url);
      assert.equal(step.body.branding.themeUrl, file.url, 'the other theme stays');

      const again = await upload(server, admin, 'theme', `${CSS}a { color: red; }`);
      assert.notEqual(again.body.file.url, file.url, 'a new upload is a new URL');
      assert.equal((await fetch(file.url)).status, 404, 'the replaced file is gone');
      const audited = (await admin.send('GET', `${ROUTES.adminAudit}?action=branding.theme.upload&limit=1`)).body.items[0];
      assert.equal(audited.target, 'demo/theme');
      assert.deepEqual([audited.before.hash, audited.after.hash, audited.after.url], [file.hash, again.body.file.hash, again.body.file.url]);
      assert.ok(!JSON.stringify(audited).includes('color: red'), 'the audit log keeps no CSS');
    });

    test('download: the same bytes, as an attachment; a supervisor may, and nobody reads another tenant’s', async () => {
      const css = 'b { font-weight: 700; } /* ✓ */';
      await upload(server, admin, 'theme', css);
      for (const who of [admin, supervisor]) {
        const res = await fetch(server.url + routePath(ROUTES.adminBrandingTheme, { kind: 'theme' }), { headers: { cookie: who.cookie } });
        assert.equal(res.status, 200);
        assert.deepEqual(Buffer.from(await res.arrayBuffer()), Buffer.from(css));
        assert.equal(res.headers.get('content-disposition'), 'attachment; filename="theme.css"');
        assert.equal(res.headers.get('content-type'), 'text/css; charset=utf-8');
      }
      const foreign = await otherAdmin.send('GET', routePath(ROUTES.adminBrandingTheme, { kind: 'theme' }));
      assert.deepEqual([foreign.status, code(foreign)], [404, 'theme_file_not_found'], "the other tenant has none: it never sees demo's");
    });

    test('refusals: too big (413), not text/css (415), not CSS text (400), a supervisor (403), a bad kind (400); nothing changes', async () => {
      const before = (await admin.send('GET', ROUTES.adminBranding)).body;
      const big = await upload(server, admin, 'theme', `a{}${' '.repeat(THEME_FILE_LIMITS.maxBytes)}`);
      assert.deepEqual([big.status, code(big)], [413, 'payload_too_large']);
      assert.match(big.body.error.message, /at most 262144 bytes/);
      const html = await upload(server, admin, 'theme', '<html><script>alert(1)</script></html>', 'text/html');
      assert.deepEqual([html.status, code(html)], [415, 'unsupported_media_type']);
      const json = await upload(server, admin, 'theme', '{"css":"a{}"}', 'application/json');
      assert.deepEqual([json.status, code(json)], [415, 'unsupported_media_type']);
      const markup = await upload(server, admin, 'theme', '</style><script>alert(1)</script>');
      assert.deepEqual([markup.status, code(markup)], [400, 'theme_file_invalid']);
      const binary = await upload(server, admin, 'theme', Buffer.from([0, 1, 2, 0xff]));
      assert.deepEqual([binary.status, code(binary)], [400, 'theme_file_invalid']);
      const bySupervisor = await upload(server, supervisor, 'theme', CSS);
      assert.deepEqual([bySupervisor.status, code(bySupervisor)], [403, 'forbidden']);
      const kind = await upload(server, admin, 'script', CSS);
      assert.deepEqual([kind.status, code(kind)], [400, 'invalid_request']);
      assert.deepEqual((await admin.send('GET', ROUTES.adminBranding)).body, before, 'the branding is as it was');
    });

    test('preview token: an admin gets a 15-minute application token that reads the tenant, the same one again; a supervisor may not', async () => {
      const first = await admin.send('POST', ROUTES.adminBrandingPreviewToken);
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.match(first.body.token.name, /^Branding preview \(/);
      assert.ok(first.body.token.expiresAt - Date.now() <= 15 * 60_000 && first.body.token.expiresAt - Date.now() > 14 * 60_000);
      const read = await client(server.url, first.body.jwt).get(ROUTES.branding);
      assert.equal(read.status, 200, 'it reads the branding as a page of the tenant does');
      const again = await admin.send('POST', ROUTES.adminBrandingPreviewToken);
      assert.deepEqual([again.body.token.id, again.body.jwt], [first.body.token.id, first.body.jwt], 'reused while it has time left');
      const denied = await supervisor.send('POST', ROUTES.adminBrandingPreviewToken);
      assert.deepEqual([denied.status, code(denied)], [403, 'forbidden']);
    });

    test('Reset to default: the file and the URL go (audited); a supervisor may not; the other tenant keeps its own', async () => {
      const mine = await upload(server, admin, 'theme', CSS);
      const theirs = await upload(server, otherAdmin, 'theme', CSS);
      assert.match(theirs.body.file.url, /\/v1\/themes\/other\/theme-/);
      assert.equal((await fetch(mine.body.file.url.replace('/demo/', '/other/'))).status, 200, 'the same CSS is hosted apart per tenant');
      const denied = await supervisor.send('DELETE', routePath(ROUTES.adminBrandingTheme, { kind: 'theme' }));
      assert.equal(denied.status, 403);
      const reset = await admin.send('DELETE', routePath(ROUTES.adminBrandingTheme, { kind: 'theme' }));
      assert.equal(reset.status, 200);
      assert.equal(reset.body.themeUrl, null);
      assert.equal((await fetch(mine.body.file.url)).status, 404);
      const gone = await admin.send('GET', routePath(ROUTES.adminBrandingTheme, { kind: 'theme' }));
      assert.deepEqual([gone.status, code(gone)], [404, 'theme_file_not_found']);
      const audited = (await admin.send('GET', `${ROUTES.adminAudit}?action=branding.theme.reset&limit=1`)).body.items[0];
      assert.deepEqual([audited.target, audited.before.url, audited.after], ['demo/theme', mine.body.file.url, null]);
      assert.equal((await fetch(theirs.body.file.url)).status, 200, "the other tenant's file stays");
      // Resetting the whole branding removes the hosted files too.
      const step = await upload(server, admin, 'step-content', 'p{}');
      await admin.send('DELETE', ROUTES.adminBranding);
      assert.equal((await fetch(step.body.file.url)).status, 404);
    });
  });
}

describe('branding theme CLI', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());
  async function cli(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const exit = await runCli(['--db', server.dbFile, ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { exit, stdout: out.join('\n'), stderr: err.join('\n') };
  }

  test('upload (needs --public-url), download the same CSS, reset; refusals are errors; each change audited with the actor cli', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nexus-theme-'));
    await writeFile(join(dir, 'step.css'), CSS);
    await writeFile(join(dir, 'page.html'), '<html><script>alert(1)</script></html>');
    const noOrigin = await cli('branding', 'theme', 'upload', '--tenant', 'demo', join(dir, 'step.css'));
    assert.notEqual(noOrigin.exit, 0);
    assert.match(noOrigin.stderr, /--public-url is required/);
    const up = await cli('branding', 'theme', 'upload', '--tenant', 'demo', '--step-content', '--public-url', server.url, join(dir, 'step.css'));
    assert.equal(up.exit, 0, up.stderr);
    const url = /^step-content-theme-url\t(\S+)$/m.exec(up.stdout)?.[1];
    assert.match(url ?? '', /\/v1\/themes\/demo\/step-content-[0-9a-f]{64}\.css$/);
    assert.equal(await (await fetch(url!)).text(), CSS, 'the running server serves it');
    const down = await cli('branding', 'theme', 'download', '--tenant', 'demo', '--step-content');
    assert.equal(`${down.stdout}\n`, CSS);
    const html = await cli('branding', 'theme', 'upload', '--tenant', 'demo', '--public-url', server.url, join(dir, 'page.html'));
    assert.notEqual(html.exit, 0);
    assert.match(html.stderr, /HTML markup/);
    const reset = await cli('branding', 'theme', 'reset', '--tenant', 'demo', '--step-content');
    assert.match(reset.stdout, /hosted file and URL removed/);
    assert.equal((await fetch(url!)).status, 404);
    assert.match((await cli('branding', 'theme', 'reset', '--tenant', 'demo', '--step-content')).stdout, /has the default step-content already/);
    const audit = await cli('audit', 'list', '--tenant', 'demo', '--action', 'branding.theme.reset');
    assert.match(audit.stdout, /\tcli\tbranding\.theme\.reset\tdemo\/step-content\t/);
  });
});
