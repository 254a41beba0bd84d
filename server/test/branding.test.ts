import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Migrator } from 'kysely';
import { ROUTES } from '../../src/protocol/routes.js';
import { BRANDING_LIMITS, BrandingError, changeBranding, checkLocale, checkThemeUrl } from '../branding.js';
import { runCli } from '../commands.js';
import { migrationProvider } from '../store/migrations/index.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { BRANDED_STRINGS, FIXTURE_CONTENT, startTestServer, type TestServer } from '../test-server.js';
import { client, migrationsFrom } from './helpers.js';
import { requestHelp } from './live-helpers.js';

let server: TestServer;
before(async () => {
  server = await startTestServer({ demoContent: FIXTURE_CONTENT.demo });
});
after(() => server.close());

const DEFAULTS = { themeUrl: null, stepContentThemeUrl: null, applyOnMobile: true, strings: {}, updatedAt: null };

/** Runs a CLI command against the test server's database (the CLI may write while it runs). */
async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', server.dbFile, ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const branding = (token: string) => client(server.url, token).get(ROUTES.branding);

describe('GET /v1/branding', () => {
  test('a tenant that set nothing gets the defaults', async () => {
    const res = await branding(server.tokens.other);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, DEFAULTS);
  });

  test('a branded tenant gets its theme URLs, mobile switch and string overrides', async () => {
    const res = await branding(server.branding.app);
    assert.equal(res.status, 200);
    assert.equal(res.body.themeUrl, server.branding.themeUrl);
    assert.equal(res.body.stepContentThemeUrl, server.branding.stepContentThemeUrl);
    assert.equal(res.body.applyOnMobile, false);
    assert.deepEqual(res.body.strings, BRANDED_STRINGS);
    assert.equal(typeof res.body.updatedAt, 'number');
  });

  test('agents of the tenant may read it; a session token may not; a missing or revoked token is refused', async () => {
    assert.equal((await branding(server.agents.alex)).status, 200);
    const { sessionToken } = await requestHelp(server, { skill: 'support' });
    const asSession = await branding(sessionToken);
    assert.equal(asSession.status, 403);
    assert.equal(asSession.body.error.code, 'forbidden');
    assert.match(asSession.body.error.message, /application token or an agent token/);
    const missing = await client(server.url).get(ROUTES.branding);
    assert.equal(missing.status, 401);
    assert.equal(missing.body.error.code, 'token_missing');
    assert.equal((await branding(server.tokens.revoked)).body.error.code, 'token_revoked');
    assert.equal((await branding(server.tokens.expired)).body.error.code, 'token_expired');
  });

  test('there is no write route: branding is set with the CLI', async () => {
    const res = await client(server.url, server.tokens.demo).post(ROUTES.branding, { themeUrl: 'https://evil.example/x.css' });
    assert.equal(res.status, 404);
    assert.deepEqual((await branding(server.tokens.other)).body, DEFAULTS);
  });
});

describe('branding CLI', () => {
  test('set, show, strings set and unset, reset; each tenant sees only its own', async () => {
    const set = await cli('branding', 'set', '--tenant', 'demo', '--theme-url', 'https://cdn.example.com/acme.css', '--mobile', 'off');
    assert.equal(set.code, 0, set.stderr);
    assert.match(set.stdout, /^theme-url\thttps:\/\/cdn\.example\.com\/acme\.css$/m);
    assert.match(set.stdout, /^mobile\toff$/m);

    const strings = await cli('branding', 'strings', 'set', '--tenant', 'demo', 'searchPlaceholder=What broke?', 'pathSteps={count} tasks');
    assert.equal(strings.code, 0, strings.stderr);
    const french = await cli('branding', 'strings', 'set', '--tenant', 'demo', '--locale', 'fr-ca', 'pathStepsOne={count} tâche');
    assert.equal(french.code, 0, french.stderr);

    const read = await branding(server.tokens.demo);
    assert.equal(read.body.themeUrl, 'https://cdn.example.com/acme.css');
    assert.equal(read.body.stepContentThemeUrl, null);
    assert.equal(read.body.applyOnMobile, false);
    assert.deepEqual(read.body.strings, {
      '*': { searchPlaceholder: 'What broke?', pathSteps: '{count} tasks' },
      'fr-CA': { pathStepsOne: '{count} tâche' },
    });
    // The other tenants are untouched, and the change shows at once (nothing is cached).
    assert.deepEqual((await branding(server.tokens.other)).body, DEFAULTS);
    assert.deepEqual((await branding(server.branding.app)).body.strings, BRANDED_STRINGS);

    const show = await cli('branding', 'show', '--tenant', 'demo');
    assert.match(show.stdout, /^string\tfr-CA\tpathStepsOne\t\{count\} tâche$/m);
    const json = await cli('branding', 'show', '--tenant', 'demo', '--json');
    assert.deepEqual(JSON.parse(json.stdout), read.body);

    const unset = await cli('branding', 'strings', 'unset', '--tenant', 'demo', '--locale', 'fr-CA', 'pathStepsOne');
    assert.equal(unset.code, 0, unset.stderr);
    assert.deepEqual((await branding(server.tokens.demo)).body.strings, { '*': { searchPlaceholder: 'What broke?', pathSteps: '{count} tasks' } });

    const cleared = await cli('branding', 'set', '--tenant', 'demo', '--theme-url', '', '--mobile', 'on');
    assert.equal(cleared.code, 0, cleared.stderr);
    assert.equal((await branding(server.tokens.demo)).body.themeUrl, null);

    const reset = await cli('branding', 'reset', '--tenant', 'demo');
    assert.match(reset.stdout, /reset the branding of tenant demo/);
    assert.deepEqual((await branding(server.tokens.demo)).body, DEFAULTS);
    assert.match((await cli('branding', 'reset', '--tenant', 'demo')).stdout, /has the default branding already/);
  });

  test('refused input exits 1 with the code and the culprit, and writes nothing', async () => {
    const before = (await branding(server.branding.app)).body;
    const tenant = ['--tenant', 'branded'];
    const cases: [string[], RegExp][] = [
      [['branding', 'strings', 'set', ...tenant, 'searchPlacehold=x'], /unknown_string_key: 'searchPlacehold' is not a key/],
      [['branding', 'strings', 'set', ...tenant, 'retry=ok', 'nope=x'], /unknown_string_key: 'nope'/],
      [['branding', 'strings', 'unset', ...tenant, 'nope'], /unknown_string_key: 'nope'/],
      [['branding', 'strings', 'set', ...tenant, `retry=${'x'.repeat(BRANDING_LIMITS.maxStringLength + 1)}`], /string_too_long: retry is longer than 500/],
      [['branding', 'strings', 'set', ...tenant, 'retry=  '], /invalid_string_value: retry must be a non-empty string/],
      [['branding', 'strings', 'set', ...tenant, 'searchNoResults=Nothing for {q}'], /unknown_placeholder: searchNoResults has no \{q\} placeholder \(it has: \{query\}\)/],
      [['branding', 'strings', 'set', ...tenant, '--locale', 'not a tag', 'retry=x'], /invalid_locale: 'not a tag' is not a language tag/],
      [['branding', 'set', ...tenant, '--theme-url', 'http://cdn.example.com/t.css'], /invalid_theme_url: themeUrl must be an https: URL \(http: only on localhost\)/],
      [['branding', 'set', ...tenant, '--step-content-theme-url', 'javascript:alert(1)'], /invalid_theme_url: stepContentThemeUrl must be an https: URL/],
      [['branding', 'set', ...tenant, '--theme-url', '/relative.css'], /invalid_theme_url: themeUrl must be an absolute URL/],
      [['branding', 'set', ...tenant, '--theme-url', 'https://user:pw@cdn.example.com/t.css'], /invalid_theme_url: themeUrl must not hold a user name or password/],
      [['branding', 'set', '--tenant', 'nobody', '--mobile', 'on'], /there is no tenant 'nobody'/],
      [['branding', 'show', '--tenant', 'nobody'], /there is no tenant 'nobody'/],
    ];
    for (const [args, message] of cases) {
      const run = await cli(...args);
      assert.equal(run.code, 1, args.join(' '));
      assert.match(run.stderr, message, args.join(' '));
      assert.equal(run.stdout, '', args.join(' '));
    }
    assert.deepEqual((await branding(server.branding.app)).body, before, 'nothing was written');
  });

  test('bad usage exits 2 with the usage text', async () => {
    const cases: [string[], RegExp][] = [
      [['branding', 'set', '--tenant', 'demo'], /give at least one of --theme-url/],
      [['branding', 'set', '--tenant', 'demo', '--mobile', 'maybe'], /--mobile must be on or off/],
      [['branding', 'strings', 'set', '--tenant', 'demo'], /expected <key=text>/],
      [['branding', 'strings', 'set', '--tenant', 'demo', 'no-equals-sign'], /expected key=text, not 'no-equals-sign'/],
      [['branding', 'show'], /--tenant is required/],
      [['branding', 'reset', '--tenant', 'demo', '--locale', 'fr'], /takes no --locale/],
    ];
    for (const [args, message] of cases) {
      const run = await cli(...args);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, message, args.join(' '));
      assert.match(run.stderr, /branding strings set --tenant <id>/);
    }
  });

  test('an override that leaves out a placeholder is kept, with a warning', async () => {
    const run = await cli('branding', 'strings', 'set', '--tenant', 'other', 'searchNoResults=Nothing found.');
    assert.equal(run.code, 0);
    assert.match(run.stderr, /warning: searchNoResults \(\*\) leaves out the \{query\} placeholder/);
    assert.deepEqual((await branding(server.tokens.other)).body.strings, { '*': { searchNoResults: 'Nothing found.' } });
    await cli('branding', 'reset', '--tenant', 'other');
  });
});

describe('branding validation', () => {
  test('theme URLs: https anywhere, http only on localhost; normalized', () => {
    assert.equal(checkThemeUrl('https://CDN.example.com/a b.css', 'themeUrl'), 'https://cdn.example.com/a%20b.css');
    for (const local of ['http://localhost:8000/t.css', 'http://127.0.0.1/t.css', 'http://[::1]:3000/t.css', 'http://theme.localhost/t.css']) {
      assert.equal(checkThemeUrl(local, 'themeUrl'), local);
    }
    for (const bad of ['ftp://x/t.css', 'data:text/css,a{}', 'http://example.com/t.css', `https://x.com/${'a'.repeat(BRANDING_LIMITS.maxUrlLength)}`]) {
      assert.throws(() => checkThemeUrl(bad, 'themeUrl'), (e: unknown) => e instanceof BrandingError && e.code === 'invalid_theme_url' && e.path === 'themeUrl', bad);
    }
  });

  test('locale tags are canonical; * means every locale', () => {
    assert.equal(checkLocale('*'), '*');
    assert.equal(checkLocale('ES-mx'), 'es-MX');
    assert.equal(checkLocale('zh-hant-tw'), 'zh-Hant-TW');
    for (const bad of ['', 'e', 'english', 'fr_FR', '**', 'a-b-c-d-e-f-g']) assert.throws(() => checkLocale(bad), BrandingError, bad);
  });

  test('a change with one bad part writes none of it; locales are capped', async () => {
    const store = server.store;
    await assert.rejects(
      changeBranding(store, 'other', { themeUrl: 'https://ok.example/t.css', setStrings: { '*': { retry: 'Again', bogus: 'x' } } }),
      (e: unknown) => e instanceof BrandingError && e.code === 'unknown_string_key' && e.path === 'strings/*/bogus',
    );
    const many = Object.fromEntries(Array.from({ length: BRANDING_LIMITS.maxLocales + 1 }, (_, i) => [`x${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`, { retry: 'R' }]));
    await assert.rejects(changeBranding(store, 'other', { setStrings: many }), (e: unknown) => e instanceof BrandingError && e.code === 'too_many_locales');
    assert.deepEqual((await branding(server.tokens.other)).body, DEFAULTS);
  });
});

describe('theme stylesheets', () => {
  test('are served at /themes/ as CSS, and nothing else is', async () => {
    const web = client(server.url);
    for (const file of ['default.css', 'step-content.css']) {
      const res = await web.get(`/themes/${file}`);
      assert.equal(res.status, 200, file);
      assert.match(res.headers.get('content-type') ?? '', /^text\/css/);
      assert.match(res.body, /Nexus Connect/);
    }
    assert.equal((await web.get('/themes/missing.css')).status, 404);
    assert.equal((await web.get('/themes/%2e%2e/package.json')).status, 404);
  });
});

describe('migration 0006', () => {
  test('adds tenant_branding and takes it away again', async () => {
    const store = new SqliteStore(':memory:');
    try {
      await store.migrate();
      await store.createTenant('acme', 'Acme');
      await changeBranding(store, 'acme', { themeUrl: 'https://cdn.example.com/t.css', setStrings: { fr: { retry: 'Réessayer encore' } } });
      assert.equal((await store.getBranding('acme'))?.strings.fr.retry, 'Réessayer encore');
      const migrator = new Migrator({ db: store.db, provider: migrationProvider });
      assert.equal((await migrator.migrateTo('0005_search_tiers')).error, undefined);
      const tables = (await store.db.introspection.getTables()).map((t) => t.name);
      assert.ok(!tables.includes('tenant_branding'));
      assert.deepEqual(await store.migrate(), await migrationsFrom('0006_branding'));
      assert.deepEqual(await store.getBranding('acme'), { tenantId: 'acme', ...DEFAULTS });
      assert.equal(await store.getBranding('nobody'), undefined);
      await assert.rejects(store.updateBranding('nobody', (b) => b), /there is no tenant 'nobody'/);
    } finally {
      await store.close();
    }
  });
});
