import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { ROUTES } from '../../src/protocol/routes.js';
import { runCli } from '../commands.js';
import { FIXTURE_CONTENT } from '../test-server.js';
import { client, contentFolder, GENERAL_CATEGORY, makePath, snapshot } from './helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = import.meta.resolve('tsx');
const CLI = join(ROOT, 'server/cli.ts');
const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/;

let dir: string;
let db: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nexus-cli-'));
  db = join(dir, 'data', 'nexus.db');
});
after(() => rm(dir, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command in this process, like the CLI would. */
async function cli(args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', db, ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  const text = (lines: string[]) => lines.map((l) => `${l}\n`).join('');
  return { code, stdout: text(out), stderr: text(err) };
}

/** Runs the real CLI script in a child process (compiled with the repository's tsconfig wherever it runs). */
function spawnCli(args: string[], cwd = ROOT): Promise<Run> {
  const env = { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json') };
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', TSX, CLI, ...args], { cwd, env }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** Starts a long-running script and waits for its NEXUS_READY line. */
async function startReady(args: string[]): Promise<{ child: ChildProcess; ready: any; lines: string[] }> {
  const child = spawn(process.execPath, ['--import', TSX, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  for await (const line of createInterface({ input: child.stdout! })) {
    lines.push(line);
    if (line.startsWith('NEXUS_READY ')) return { child, ready: JSON.parse(line.slice('NEXUS_READY '.length)), lines };
  }
  throw new Error(`no ready line; output was:\n${lines.join('\n')}`);
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe('CLI', () => {
  test('bad usage exits 2 with the reason and the usage text', async () => {
    const cases: [string[], RegExp][] = [
      [[], /no command given/],
      [['frobnicate'], /unknown command 'frobnicate'/],
      [['tenant'], /unknown command 'tenant'/],
      [['tenant', 'list', '--bogus'], /Unknown option '--bogus'/],
      [['tenant', 'list', '--replace'], /takes no --replace/],
      [['tenant', 'create'], /expected <id>/],
      [['tenant', 'create', 'Bad Id'], /tenant id must be/],
      [['token', 'create', '--tenant', 'x'], /--name is required/],
      [['token', 'create', '--tenant', 'x', '--name', 'n', '--ttl', '3 weeks'], /--ttl must look like/],
      [['serve', '--port', 'http'], /--port must be/],
      [['serve', '--demo-dir', 'x'], /go together/],
    ];
    for (const [args, message] of cases) {
      const run = await cli(args);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, message, args.join(' '));
      assert.match(run.stderr, /usage: npm run cloud/);
      assert.equal(run.stdout, '');
    }
    const help = await cli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /token create --tenant <id>/);
  });

  test('migrate creates the database, in .nexus-data/ by default', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'nexus-cwd-'));
    try {
      const run = await spawnCli(['migrate'], cwd);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, 'database schema is up to date\n');
      assert.match(run.stderr, /0001_initial/);
      assert.ok(existsSync(join(cwd, '.nexus-data/nexus.db')));
      const again = await runCli(['--db', join(cwd, '.nexus-data/nexus.db'), 'migrate'], { out: () => {}, err: (l) => assert.fail(l) });
      assert.equal(again, 0, 'nothing to apply the second time');
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });

  test('tenants are created once and listed', async () => {
    assert.equal((await cli(['tenant', 'create', 'acme', '--name', 'Acme Inc'])).code, 0);
    const again = await cli(['tenant', 'create', 'acme']);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /exists already/);
    assert.match((await cli(['tenant', 'list'])).stdout, /^acme\tAcme Inc\t\d{4}-/m);
  });

  test('token create prints only the JWT, which a server on the same database accepts until it is revoked', async () => {
    await cli(['tenant', 'create', 'tokens-co']);
    const created = await spawnCli(['--db', db, 'token', 'create', '--tenant', 'tokens-co', '--name', 'web shop', '--version', '2.1', '--ttl', '12h']);
    assert.equal(created.code, 0, created.stderr);
    const jwt = created.stdout.trim();
    assert.match(jwt, JWT);
    assert.equal(created.stdout, `${jwt}\n`);
    const tokenId = /token (tok_\S+)/.exec(created.stderr)![1];
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());
    assert.equal(claims.sub, tokenId);
    assert.ok(Math.abs(claims.exp - claims.iat - 12 * 3600) <= 1);

    const listed = await cli(['token', 'list', '--tenant', 'tokens-co']);
    assert.match(listed.stdout, new RegExp(`^${tokenId}\tweb shop\t2.1\tclient-apps-and-rest-apis\t.*\tactive$`, 'm'), 'both audiences by default');

    const server = await startReady([CLI, '--db', db, 'serve', '--port', '0']);
    try {
      const api = client(server.ready.url, jwt);
      assert.equal((await api.get(ROUTES.categories)).status, 200);
      assert.equal((await cli(['token', 'revoke', tokenId])).code, 0);
      assert.equal((await api.get(ROUTES.categories)).body.error.code, 'token_revoked');
    } finally {
      server.child.kill('SIGTERM');
      assert.equal(await exited(server.child), 0);
    }
    assert.match((await cli(['token', 'list', '--tenant', 'tokens-co'])).stdout, /\trevoked$/m);
    const unknown = await cli(['token', 'revoke', 'tok_nope']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no token 'tok_nope'/);
    const noTenant = await cli(['token', 'create', '--tenant', 'ghost', '--name', 'x']);
    assert.equal(noTenant.code, 1);
    assert.match(noTenant.stderr, /no tenant 'ghost'/);

    const rest = await cli(['token', 'create', '--tenant', 'tokens-co', '--name', 'crm', '--audience', 'rest-apis']);
    assert.equal(rest.code, 0, rest.stderr);
    assert.match(rest.stderr, /audience rest-apis/);
    assert.match((await cli(['token', 'list', '--tenant', 'tokens-co'])).stdout, /\tcrm\t1\.0\trest-apis\t.*\tactive$/m);
    const badAudience = await cli(['token', 'create', '--tenant', 'tokens-co', '--name', 'x', '--audience', 'everyone']);
    assert.equal(badAudience.code, 2);
    assert.match(badAudience.stderr, /--audience must be client-apps, rest-apis, client-apps-and-rest-apis/);
  });

  test('import writes a valid folder; an invalid one prints file: field: reason, exits 1 and changes nothing', async () => {
    await cli(['tenant', 'create', 'importer']);
    const good = await contentFolder({ 'categories.json': GENERAL_CATEGORY, 'a.json': makePath('alpha'), 'b.json': makePath('beta') });
    const ok = await cli(['import', good, '--tenant', 'importer']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /imported 2 paths and 1 category into tenant importer/);

    const before = snapshot(db);
    const bad = await contentFolder({
      'a.json': makePath('alpha', { title: 'Changed' }),
      'b.json': makePath('beta', { steps: [{ id: 's', title: 'S', body: '', next: 'nowhere' }] }),
      'c.json': '{ "id": ',
    });
    const failed = await spawnCli(['--db', db, 'import', bad, '--tenant', 'importer', '--replace']);
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /^b\.json: \/steps\/0\/next: there is no step 'nowhere' in this path$/m);
    assert.match(failed.stderr, /^c\.json: \(file\): invalid JSON at line 1, column 9$/m);
    assert.match(failed.stderr, /nothing was imported/);
    assert.deepEqual(snapshot(db), before);

    const replaced = await cli(['import', await contentFolder({ 'categories.json': GENERAL_CATEGORY, 'a.json': makePath('alpha') }), '--tenant', 'importer', '--replace']);
    assert.match(replaced.stdout, /deleted paths: beta/);
  });

  test('seed-demo creates tenant demo with content and prints a working token, again and again', async () => {
    for (let i = 0; i < 2; i++) {
      const run = await cli(['seed-demo', '--content', FIXTURE_CONTENT.demo]);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout.trim().split('\n').at(-1)!, JWT);
    }
    const jwt = (await cli(['token', 'create', '--tenant', 'demo', '--name', 'check'])).stdout.trim();
    const server = await startReady([CLI, '--db', db, 'serve', '--port', '0', '--host', '127.0.0.1']);
    try {
      assert.equal(server.lines.filter((l) => l.startsWith('NEXUS_READY ')).length, 1);
      assert.match(server.lines[0], /^Nexus Cloud listening on http:\/\/127\.0\.0\.1:\d+/);
      assert.deepEqual(Object.keys(server.ready), ['url']);
      const res = await client(server.ready.url, jwt).get(ROUTES.paths);
      assert.equal(res.body.total, 6);
    } finally {
      server.child.kill('SIGINT');
      assert.equal(await exited(server.child), 0);
    }
  });
});

describe('test fixture script', () => {
  test('prints the URL and every token, serves both tenants, and stops when stdin closes', async () => {
    const { child, ready } = await startReady([join(ROOT, 'server/test-fixture.ts'), '--content', FIXTURE_CONTENT.demo]);
    try {
      assert.deepEqual(Object.keys(ready.tokens).sort(), ['demo', 'expired', 'forged', 'other', 'revoked']);
      assert.equal((await client(ready.url, ready.tokens.demo).get(ROUTES.paths)).body.total, 6);
      assert.equal((await client(ready.url, ready.tokens.other).get('/v1/help-ids/xss-test')).body.id, 'sanitize-check');
      assert.equal((await client(ready.url, ready.tokens.expired).get(ROUTES.paths)).body.error.code, 'token_expired');
      assert.equal((await client(ready.url, ready.tokens.revoked).get(ROUTES.paths)).body.error.code, 'token_revoked');
      assert.equal((await client(ready.url, ready.tokens.forged).get(ROUTES.paths)).body.error.code, 'token_invalid');
    } finally {
      child.stdin!.end();
      assert.equal(await exited(child), 0);
    }
  });
});
