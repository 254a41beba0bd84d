/**
 * The CLI's database option: every command on a PostgreSQL database named by --database or
 * NEXUS_DATABASE_URL (a server started on it serves what the commands wrote), and the errors of a
 * bad or unreachable database. cli.test.ts covers the commands themselves on SQLite.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { ROUTES } from '../../src/protocol/routes.js';
import { runCli } from '../commands.js';
import { FIXTURE_CONTENT } from '../test-server.js';
import { client } from './helpers.js';
import { postgresDatabase, sqliteDatabase } from './store-engines.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) }, env);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('--database', () => {
  test('every command works on PostgreSQL, by --database or NEXUS_DATABASE_URL, and a server there serves it', async () => {
    const { target } = await postgresDatabase();
    const run = async (...args: string[]) => {
      const result = await cli(['--database', target, ...args]);
      assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
      return result;
    };
    const migrated = await run('migrate');
    assert.match(migrated.stderr, /applied migrations: 0001_initial, .*\(postgres:\/\/127\.0\.0\.1:\d+\/nexus_test_/);
    assert.doesNotMatch(migrated.stderr, /nexus@/, 'no user or password in messages');
    assert.equal((await run('migrate')).stderr, '', 'nothing to apply the second time');
    await run('tenant', 'create', 'acme', '--name', 'Acme');
    assert.match((await cli(['tenant', 'list'], { NEXUS_DATABASE_URL: target })).stdout, /^acme\tAcme\t/m, 'the environment names it too');
    assert.match((await run('import', join(ROOT, FIXTURE_CONTENT.other), '--tenant', 'acme')).stdout, /imported \d+ paths/);
    const seeded = await run('seed-demo', '--content', FIXTURE_CONTENT.demo);
    const jwt = seeded.stdout.split('\n').at(-1)!;
    await run('skill', 'create', 'demo', 'sales');
    assert.match((await run('skill', 'list', '--tenant', 'demo')).stdout, /^demo\tsales\tsales$/m);
    const agentId = (await run('agent', 'create', 'demo', '--name', 'Alex', '--skills', 'sales')).stdout.trim();
    assert.match((await run('agent', 'list')).stdout, new RegExp(`^demo\\t${agentId}\\tAlex\\taway\\t5\\tsales$`, 'm'));
    assert.match((await run('agent', 'token', agentId)).stdout, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    const tokens = (await run('token', 'list', '--tenant', 'demo')).stdout.split('\n');
    assert.equal(tokens.length, 2, 'the demo token and the agent token');
    const demoToken = tokens.find((line) => line.split('\t')[1] === 'demo')!;
    assert.match((await run('branding', 'set', '--tenant', 'demo', '--mobile', 'off')).stdout, /^mobile\toff$/m);
    assert.match((await run('branding', 'show', '--tenant', 'demo')).stdout, /^mobile\toff$/m);
    assert.match((await run('cobrowse', 'set', '--tenant', 'demo', '--recording', 'on', '--block', '.secret')).stdout, /^block\t\.secret$/m);
    assert.match((await run('cobrowse', 'show', '--tenant', 'demo')).stdout, /^recording\ton$/m);
    assert.equal((await run('mail', 'list')).stdout, '');

    // `serve` on the same database, in its own process, named by the environment.
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/cli.ts'), 'serve', '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, NEXUS_DATABASE_URL: target },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      let url = '';
      for await (const line of createInterface({ input: child.stdout! })) {
        if (line.startsWith('NEXUS_READY ')) {
          url = JSON.parse(line.slice('NEXUS_READY '.length)).url;
          break;
        }
      }
      const found = await client(url, jwt).get(ROUTES.search, { q: 'bulb' });
      assert.equal(found.status, 200);
      assert.ok(found.body.items.length > 0);
      const tokenId = demoToken.split('\t')[0];
      await run('token', 'revoke', tokenId);
      assert.equal((await client(url, jwt).get(ROUTES.search, { q: 'bulb' })).status, 401, 'revoked by the CLI, refused by the server');
    } finally {
      child.kill('SIGTERM');
    }
  });

  test('--db still names the database, SQLite files too; both options at once is a usage error', async () => {
    const { target } = await sqliteDatabase();
    assert.equal((await cli(['--db', target, 'tenant', 'create', 'a'])).code, 0);
    assert.match((await cli(['--database', target, 'tenant', 'list'])).stdout, /^a\ta\t/m);
    const both = await cli(['--db', target, '--database', 'postgres://x/y', 'tenant', 'list']);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--database or --db, not both/);
  });

  test('a bad URL or an unreachable server is a clear error within seconds, naming host:port and the cause', async () => {
    const started = Date.now();
    const refused = await cli(['--database', 'postgres://nexus:secret@127.0.0.1:1/nexus', 'tenant', 'list']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /cannot connect to PostgreSQL at 127\.0\.0\.1:1\/nexus: .*ECONNREFUSED/);
    assert.doesNotMatch(refused.stderr, /secret/);
    const bad = await cli(['--database', 'postgres://nexus:secret@[bad', 'tenant', 'list']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /not a valid PostgreSQL URL/);
    assert.doesNotMatch(bad.stderr, /secret/);
    const { target } = await postgresDatabase();
    const missing = await cli(['--database', target.replace(/\/[^/]*$/, '/no_such_database'), 'tenant', 'list']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cannot connect to PostgreSQL at 127\.0\.0\.1:\d+\/no_such_database: database "no_such_database" does not exist/);
    assert.ok(Date.now() - started < 10_000);
  });
});
