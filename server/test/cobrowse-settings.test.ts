import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Migrator } from 'kysely';
import { Value } from '@sinclair/typebox/value';
import { ROUTES } from '../../src/protocol/routes.js';
import { CobrowseSettings } from '../../src/protocol/schemas.js';
import { changeCobrowseSettings, checkRemoteClientUrl, checkSelectors, type CobrowseSettingsError, COBROWSE_SETTINGS_LIMITS } from '../cobrowse-settings.js';
import { runCli } from '../commands.js';
import { migrationProvider } from '../store/migrations/index.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { FIXTURE_CONTENT, startTestServer, type TestServer } from '../test-server.js';
import { client, migrationsFrom } from './helpers.js';
import { requestHelp } from './live-helpers.js';

let server: TestServer;
before(async () => {
  server = await startTestServer({ demoContent: FIXTURE_CONTENT.demo });
});
after(() => server.close());

const DEFAULTS = { blockSelectors: [], maskTextSelectors: [], remoteClientUrl: null, recording: false, updatedAt: null };

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', server.dbFile, ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const settings = (token: string) => client(server.url, token).get(ROUTES.cobrowseSettings);

describe('cobrowse CLI and GET /v1/cobrowse/settings', () => {
  test('a tenant that set nothing gets the defaults', async () => {
    const res = await settings(server.tokens.other);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, DEFAULTS);
    const show = await cli('cobrowse', 'show', '--tenant', 'other');
    assert.equal(show.code, 0);
    assert.match(show.stdout, /^tenant\tother\nremote-client-url\t-\nrecording\toff\nupdated\t-$/);
  });

  test('set, show (text and JSON), the endpoint, and reset; other tenants are not touched', async () => {
    const set = await cli(
      'cobrowse', 'set', '--tenant', 'demo',
      '--block', '.account-number', '--block', '#iban',
      '--mask', '.balance',
      '--remote-client-url', 'https://downloads.example.com/nexus-remote.exe',
    );
    assert.equal(set.code, 0, set.stderr);
    assert.match(set.stdout, /block\t\.account-number\nblock\t#iban\nmask\t\.balance/);
    const json = await cli('cobrowse', 'show', '--tenant', 'demo', '--json');
    const shown = JSON.parse(json.stdout);
    assert.deepEqual(shown.blockSelectors, ['.account-number', '#iban']);
    assert.ok(Value.Check(CobrowseSettings, shown));

    const res = await settings(server.tokens.demo);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.blockSelectors, ['.account-number', '#iban']);
    assert.deepEqual(res.body.maskTextSelectors, ['.balance']);
    assert.equal(res.body.remoteClientUrl, 'https://downloads.example.com/nexus-remote.exe');
    assert.equal(typeof res.body.updatedAt, 'number');
    // Isolation: the other tenant still has the defaults.
    assert.deepEqual((await settings(server.tokens.other)).body, DEFAULTS);

    // Changing one field keeps the others; --block '' empties the list; '' removes the URL.
    assert.equal((await cli('cobrowse', 'set', '--tenant', 'demo', '--mask', '.total')).code, 0);
    let now = (await settings(server.tokens.demo)).body;
    assert.deepEqual(now.blockSelectors, ['.account-number', '#iban']);
    assert.deepEqual(now.maskTextSelectors, ['.total']);
    assert.equal((await cli('cobrowse', 'set', '--tenant', 'demo', '--block', '', '--remote-client-url', '')).code, 0);
    now = (await settings(server.tokens.demo)).body;
    assert.deepEqual(now.blockSelectors, []);
    assert.equal(now.remoteClientUrl, null);

    const reset = await cli('cobrowse', 'reset', '--tenant', 'demo');
    assert.match(reset.stdout, /reset the co-browse settings of tenant demo/);
    assert.deepEqual((await settings(server.tokens.demo)).body, DEFAULTS);
    assert.match((await cli('cobrowse', 'reset', '--tenant', 'demo')).stdout, /default co-browse settings already/);
  });

  test('refused input exits 1 with a code and writes nothing; usage errors exit 2', async () => {
    const bad = async (args: string[], code: RegExp) => {
      const r = await cli('cobrowse', 'set', '--tenant', 'other', ...args);
      assert.equal(r.code, 1, r.stdout);
      assert.match(r.stderr, code);
    };
    await bad(['--block', '.ok', '--block', ' '], /^error: invalid_selector: /);
    await bad(['--mask', 'x'.repeat(COBROWSE_SETTINGS_LIMITS.maxSelectorLength + 1)], /invalid_selector: .*longer than 500/);
    await bad(['--mask', '.a\nb'], /invalid_selector: .*control character/);
    await bad(Array.from({ length: 51 }, (_, i) => ['--block', `.s${i}`]).flat(), /too_many_selectors: .*at most 50/);
    await bad(['--remote-client-url', 'http://example.com/client.exe'], /invalid_remote_client_url: remoteClientUrl must be an https: URL/);
    await bad(['--remote-client-url', 'not a url'], /invalid_remote_client_url/);
    await bad(['--remote-client-url', 'https://user:pw@example.com/c.exe'], /invalid_remote_client_url: .*user name or password/);
    assert.deepEqual((await settings(server.tokens.other)).body, DEFAULTS);

    const local = await cli('cobrowse', 'set', '--tenant', 'other', '--remote-client-url', 'http://localhost:8080/c.exe');
    assert.equal(local.code, 0, local.stderr);
    await cli('cobrowse', 'reset', '--tenant', 'other');

    const none = await cli('cobrowse', 'set', '--tenant', 'other');
    assert.equal(none.code, 2);
    assert.match(none.stderr, /give at least one of --block, --mask, --remote-client-url/);
    const nobody = await cli('cobrowse', 'show', '--tenant', 'nobody');
    assert.equal(nobody.code, 1);
    assert.match(nobody.stderr, /there is no tenant 'nobody'/);
    assert.equal((await cli('cobrowse', 'set', '--tenant', 'nobody', '--block', '.x')).code, 1);
    assert.equal((await cli('cobrowse', 'reset', '--tenant', 'nobody')).code, 1);
  });

  test('application tokens only: agents and session tokens are refused, a missing token too', async () => {
    const agent = await settings(server.agents.alex);
    assert.equal(agent.status, 403);
    const { sessionToken } = await requestHelp(server, { skill: 'support' });
    assert.equal((await settings(sessionToken)).status, 403);
    const missing = await client(server.url).get(ROUTES.cobrowseSettings);
    assert.equal(missing.status, 401);
    assert.equal((await settings(server.tokens.revoked)).body.error.code, 'token_revoked');
  });
});

describe('co-browse settings validation', () => {
  test('selectors: shape only (the server cannot parse CSS); trimmed, duplicates dropped', () => {
    assert.deepEqual(checkSelectors('blockSelectors', [' .a ', '.a', 'div > p']), ['.a', 'div > p']);
    // Not valid CSS, but the server cannot tell: the client skips it with an error event.
    assert.deepEqual(checkSelectors('maskTextSelectors', ['[[nope']), ['[[nope']);
    assert.throws(() => checkSelectors('blockSelectors', '.a'), (e: CobrowseSettingsError) => e.code === 'invalid_selector');
    assert.throws(() => checkSelectors('blockSelectors', [3]), (e: CobrowseSettingsError) => e.path === 'blockSelectors/0');
    assert.equal(checkRemoteClientUrl('https://example.com/a b.exe'), 'https://example.com/a%20b.exe');
    assert.throws(() => checkRemoteClientUrl(`https://example.com/${'a'.repeat(2048)}`), /longer than 2048/);
  });
});

describe('migration 0007', () => {
  test('adds tenant_cobrowse_settings and takes it away again', async () => {
    const store = new SqliteStore(':memory:');
    try {
      await store.migrate();
      await store.createTenant('acme', 'Acme');
      await changeCobrowseSettings(store, 'acme', { blockSelectors: ['.x'] });
      assert.deepEqual((await store.getCobrowseSettings('acme'))?.blockSelectors, ['.x']);
      const migrator = new Migrator({ db: store.db, provider: migrationProvider });
      assert.equal((await migrator.migrateTo('0006_branding')).error, undefined);
      const tables = (await store.db.introspection.getTables()).map((t) => t.name);
      assert.ok(!tables.includes('tenant_cobrowse_settings'));
      assert.ok(tables.includes('tenant_branding'));
      assert.deepEqual(await store.migrate(), await migrationsFrom('0007_cobrowse_settings'));
      assert.deepEqual(await store.getCobrowseSettings('acme'), { tenantId: 'acme', ...DEFAULTS });
      assert.equal(await store.getCobrowseSettings('nobody'), undefined);
      await assert.rejects(store.setCobrowseSettings('nobody', (s) => s), /there is no tenant 'nobody'/);
    } finally {
      await store.close();
    }
  });
});
