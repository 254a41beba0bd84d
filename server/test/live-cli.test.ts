import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROUTES, routePath } from '../../src/protocol/routes.js';
import { buildApp } from '../app.js';
import { issueToken } from '../auth.js';
import { runCli } from '../commands.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { client, uid } from './helpers.js';

let dir: string;
let db: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nexus-live-cli-'));
  db = join(dir, 'nexus.db');
  assert.equal((await cli(['tenant', 'create', 'acme'])).code, 0);
  assert.equal((await cli(['tenant', 'create', 'globex'])).code, 0);
});
after(() => rm(dir, { recursive: true, force: true }));

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', db, ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** Runs a server on the CLI's database for the duration of `work`. */
async function withServer<T>(work: (url: string, store: SqliteStore) => Promise<T>): Promise<T> {
  const store = new SqliteStore(db);
  const app = buildApp({ store, live: { mailLog: () => undefined } });
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as { port: number };
    return await work(`http://127.0.0.1:${port}`, store);
  } finally {
    await app.close();
    await store.close();
  }
}

describe('live-help commands', () => {
  test('skills: created once per tenant, listed, checked', async () => {
    assert.deepEqual(await cli(['skill', 'create', 'acme', 'sales', '--name', 'Sales Team']), {
      code: 0,
      stdout: 'created skill sales in tenant acme',
      stderr: '',
    });
    assert.equal((await cli(['skill', 'create', 'acme', 'support'])).code, 0);
    assert.equal((await cli(['skill', 'create', 'globex', 'sales'])).code, 0, 'another tenant may use the same id');
    const twice = await cli(['skill', 'create', 'acme', 'sales']);
    assert.equal(twice.code, 1);
    assert.match(twice.stderr, /has a skill 'sales' already/);
    const badId = await cli(['skill', 'create', 'acme', 'Big Sales']);
    assert.equal(badId.code, 2);
    assert.match(badId.stderr, /skill id must be lower-case/);
    const ghost = await cli(['skill', 'create', 'ghost', 'sales']);
    assert.deepEqual([ghost.code, ghost.stderr], [1, "error: there is no tenant 'ghost'"]);
    assert.equal((await cli(['skill', 'list', '--tenant', 'acme'])).stdout, 'acme\tsales\tSales Team\nacme\tsupport\tsupport');
    assert.match((await cli(['skill', 'list'])).stdout, /^globex\tsales\tsales$/m);
  });

  test('agents: created with known skills, listed, and given tokens the server accepts', async () => {
    const created = await cli(['agent', 'create', 'acme', '--name', 'Robin', '--skills', 'sales, support', '--max', '3']);
    assert.equal(created.code, 0, created.stderr);
    const agentId = created.stdout;
    assert.match(agentId, /^agt_[\w-]+$/);
    assert.match(created.stderr, /skills sales, support, at most 3 sessions/);
    const unknown = await cli(['agent', 'create', 'acme', '--name', 'Kim', '--skills', 'sales,billing']);
    assert.deepEqual([unknown.code, unknown.stderr], [1, "error: tenant 'acme' has no skill 'billing'"]);
    assert.equal((await cli(['agent', 'create', 'acme', '--name', 'Kim', '--max', '0'])).code, 2);
    assert.equal((await cli(['agent', 'create', 'acme'])).code, 2, '--name is required');
    assert.equal((await cli(['agent', 'list', '--tenant', 'acme'])).stdout, `acme\t${agentId}\tRobin\taway\t3\tsales,support`);

    const token = await cli(['agent', 'token', agentId]);
    assert.equal(token.code, 0, token.stderr);
    assert.match(token.stdout, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.match(token.stderr, new RegExp(`for agent ${agentId} \\(Robin\\) of tenant acme`));
    assert.match((await cli(['token', 'list', '--tenant', 'acme'])).stdout, new RegExp(`\\tagent ${agentId}\\tagent\\t.*\\tactive$`, 'm'));
    const missing = await cli(['agent', 'token', 'agt_nobody']);
    assert.deepEqual([missing.code, missing.stderr], [1, "error: there is no agent 'agt_nobody'"]);

    await withServer(async (url, store) => {
      const me = await client(url, token.stdout).get(ROUTES.agentMe);
      assert.deepEqual(me.body, { id: agentId, name: 'Robin', skills: ['sales', 'support'], status: 'away' });
      // The same id in two tenants needs --tenant.
      await store.createAgent({ tenantId: 'acme', id: 'pat', name: 'Pat', skills: [] });
      await store.createAgent({ tenantId: 'globex', id: 'pat', name: 'Pat G', skills: ['sales'] });
    });
    const ambiguous = await cli(['agent', 'token', 'pat']);
    assert.equal(ambiguous.code, 2);
    assert.match(ambiguous.stderr, /add --tenant/);
    assert.match((await cli(['agent', 'token', 'pat', '--tenant', 'globex', '--ttl', '12h'])).stderr, /of tenant globex, expires 2/);
  });

  test('mail list and mail show: the outbox of the development mail sink', async () => {
    assert.equal((await cli(['mail', 'list'])).stdout, '');
    await withServer(async (url, store) => {
      const { jwt } = await issueToken(store, { tenantId: 'acme', name: 'web', version: '1' });
      const grant = await client(url, jwt).post(ROUTES.liveSessions, { consumer: uid('consumer'), kind: 'call', clientId: uid('request') });
      const sent = await client(url, grant.body.sessionToken).post(routePath(ROUTES.liveTranscript, { id: grant.body.session.id }), {
        email: 'sam@example.org',
      });
      assert.equal(sent.status, 202);
    });
    const listed = await cli(['mail', 'list']);
    const [id, tenant, to, subject, , status] = listed.stdout.split('\t');
    assert.deepEqual([tenant, to, subject, status], ['acme', 'sam@example.org', 'Your acme support transcript', 'queued']);
    assert.equal((await cli(['mail', 'list', '--tenant', 'globex'])).stdout, '');
    const shown = await cli(['mail', 'show', id]);
    assert.match(shown.stdout, /^To: sam@example\.org\nSubject: Your acme support transcript\n/);
    assert.match(shown.stdout, /Transcript of your call with acme support\n/);
    assert.equal((await cli(['mail', 'show', 'mail_none'])).code, 1);
  });
});

describe('mail smtp: a tenant’s own SMTP server', () => {
  test('set, show and clear; the password never printed; a bad URL or From is a usage error', async () => {
    assert.deepEqual((await cli(['mail', 'smtp', 'show', '--tenant', 'acme'])).stdout.split('\n'), ['tenant\tacme', "smtp\t- (the server's --smtp, else the development mail sink)"]);
    const url = 'smtp://mailer:pa55word@mail.acme.test:2525';
    const set = await cli(['mail', 'smtp', 'set', '--tenant', 'acme', url, '--from', 'Acme Help <help@acme.test>']);
    assert.equal(set.code, 0, set.stderr);
    const shown = await cli(['mail', 'smtp', 'show', '--tenant', 'acme']);
    for (const run of [set, shown]) {
      assert.match(run.stdout, /^tenant\tacme\nsmtp\tsmtp:\/\/mail\.acme\.test:2525\nfrom\tAcme Help <help@acme\.test>\nupdated\t2/);
      assert.ok(!`${run.stdout}${run.stderr}`.includes('pa55word') && !`${run.stdout}${run.stderr}`.includes('mailer'), 'no user or password');
    }
    assert.equal((await cli(['mail', 'smtp', 'show', '--tenant', 'globex'])).stdout.split('\n')[1], "smtp\t- (the server's --smtp, else the development mail sink)", 'per tenant');

    const bad = await cli(['mail', 'smtp', 'set', '--tenant', 'acme', 'http://user:secret@mail.acme.test']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^error: the SMTP URL must start with smtp:\/\/ or smtps:\/\/, not http:\/\//);
    assert.ok(!bad.stderr.includes('secret'));
    assert.match((await cli(['mail', 'smtp', 'set', '--tenant', 'acme', 'not a url'])).stderr, /^error: the SMTP URL must look like smtp:\/\/user:password@host:587/);
    const injected = await cli(['mail', 'smtp', 'set', '--tenant', 'acme', url, '--from', 'a@b.test\nBcc: all@x.test']);
    assert.deepEqual([injected.code, injected.stderr.split('\n')[0]], [2, "error: --from must be one address, like 'Acme Support <support@acme.example>'"]);
    assert.equal((await cli(['mail', 'smtp', 'set', url])).code, 2, '--tenant is required');
    assert.deepEqual(await cli(['mail', 'smtp', 'set', '--tenant', 'nope', url]), { code: 1, stdout: '', stderr: "error: there is no tenant 'nope'" });
    assert.match((await cli(['mail', 'smtp', 'show', '--tenant', 'acme'])).stdout, /from\tAcme Help/, 'refused changes changed nothing');

    assert.equal((await cli(['mail', 'smtp', 'clear', '--tenant', 'acme'])).stdout, "removed the SMTP server of tenant acme: its mail goes the server's way again");
    assert.equal((await cli(['mail', 'smtp', 'clear', '--tenant', 'acme'])).stdout, 'tenant acme has no SMTP server of its own');
    assert.match((await cli(['mail', 'smtp', 'show', '--tenant', 'acme'])).stdout, /smtp\t- /);
    assert.match((await cli(['--help'])).stdout, /mail smtp set --tenant <id> <url> \[--from <address>\]/);
  });
});

describe('config: a tenant’s live-help configuration', () => {
  test('show the defaults, set each switch, per tenant; bad values and unknown tenants refused', async () => {
    const lines = (run: { stdout: string }) => run.stdout.split('\n');
    assert.deepEqual(lines(await cli(['config', 'show', 'acme'])), [
      'tenant\tacme',
      'allow-session-transfer\ton',
      'agent-to-skill-transfer\ton',
      'updated\t-',
    ]);
    const set = await cli(['config', 'set', 'acme', '--agent-to-skill-transfer', 'off']);
    assert.equal(set.code, 0, set.stderr);
    assert.deepEqual(lines(set).slice(1, 3), ['allow-session-transfer\ton', 'agent-to-skill-transfer\toff']);
    assert.match(lines(set)[3], /^updated\t2\d{3}-/);
    const both = await cli(['config', 'set', 'acme', '--allow-session-transfer', 'off', '--agent-to-skill-transfer', 'on']);
    assert.deepEqual(lines(both).slice(1, 3), ['allow-session-transfer\toff', 'agent-to-skill-transfer\ton']);
    assert.deepEqual(lines(await cli(['config', 'show', 'acme'])).slice(1, 3), ['allow-session-transfer\toff', 'agent-to-skill-transfer\ton']);
    const audited = lines(await cli(['audit', 'list', '--tenant', 'acme', '--action', 'config.update', '--limit', '1']));
    assert.match(audited[0], /\tcli\tconfig\.update\tacme\b/, 'the change is in the audit log');
    assert.equal(lines(await cli(['config', 'show', 'globex']))[1], 'allow-session-transfer\ton', 'per tenant');

    const bad = await cli(['config', 'set', 'acme', '--allow-session-transfer', 'yes']);
    assert.deepEqual([bad.code, bad.stderr.split('\n')[0]], [2, "error: --allow-session-transfer must be on or off, not 'yes'"]);
    const none = await cli(['config', 'set', 'acme']);
    assert.deepEqual([none.code, none.stderr.split('\n')[0]], [2, 'error: give at least one of --allow-session-transfer, --agent-to-skill-transfer']);
    assert.deepEqual(await cli(['config', 'show', 'nope']), { code: 1, stdout: '', stderr: "error: there is no tenant 'nope'" });
    assert.deepEqual(await cli(['config', 'set', 'nope', '--allow-session-transfer', 'on']), { code: 1, stdout: '', stderr: "error: there is no tenant 'nope'" });
    assert.equal((await cli(['config', 'show', 'acme', '--tenant', 'acme'])).code, 2, 'the tenant is the argument');
    assert.match((await cli(['--help'])).stdout, /config set <tenant> \[--allow-session-transfer on\|off\] \[--agent-to-skill-transfer on\|off\]/);
    await cli(['config', 'set', 'acme', '--allow-session-transfer', 'on']);
  });
});
