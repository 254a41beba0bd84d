/**
 * The `account` CLI commands on both engines, against the database of a running server: what
 * they create signs in over HTTP, a generated password is printed once, a disabled account is
 * refused and signed out, and set-password ends the old sessions. They call the admin services
 * (admin/users.ts) the REST routes call, so each change is in the audit log with the CLI as actor.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ROUTES } from '../../src/protocol/routes.js';
import { runCli } from '../commands.js';
import { startTestServer, TEST_ACCOUNTS, type TestServer } from '../test-server.js';
import { engines, serverDatabase } from './store-engines.js';

interface Run {
  code: number;
  out: string[];
  err: string[];
}

for (const engine of engines) {
  describe(`account commands (${engine.name})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ database: await serverDatabase(engine) });
    });
    after(() => server.close());

    async function cli(...args: string[]): Promise<Run> {
      const run: Run = { code: 0, out: [], err: [] };
      run.code = await runCli(['--database', server.dbFile, ...args], { out: (l) => run.out.push(l), err: (l) => run.err.push(l) });
      return run;
    }

    const signIn = async (email: string, password: string, tenant?: string) => {
      const res = await fetch(server.url + ROUTES.authSignIn, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password, ...(tenant && { tenant }) }),
      });
      const body = (await res.json()) as { csrfToken?: string; account?: { agentId: string | null }; error?: { code: string } };
      return { status: res.status, body, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? '' };
    };
    /** The actions the audit log has on an account, oldest first, and that the CLI made them all. */
    const audited = async (tenantId: string, target: string) => {
      const records = await server.store.listAudit({ tenantId, target, limit: 50 });
      assert.ok(records.every((r) => r.actor.kind === 'cli' && r.actor.id === null), 'made by the CLI');
      return records.map((r) => r.action).reverse();
    };
    const session = (cookie: string) => fetch(server.url + ROUTES.authSession, { headers: { cookie } }).then((r) => r.status);

    test('account add prints the id and a generated password that signs in; an agent account gets an agent of its own', async () => {
      const added = await cli('account', 'add', 'demo', '--email', 'Casey@Demo.example', '--name', 'Casey', '--role', 'agent', '--skills', 'support');
      assert.equal(added.code, 0, added.err.join('\n'));
      const [id, password] = added.out;
      assert.equal(added.out.length, 2);
      assert.match(password, /^[\w-]{20}$/);
      const res = await signIn('casey@demo.example', password);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const agent = await server.store.getAgent('demo', res.body.account!.agentId!);
      assert.deepEqual([agent?.name, agent?.skills], ['Casey', ['support']]);
      const listed = (await cli('account', 'list', '--tenant', 'demo')).out.find((line) => line.split('\t')[1] === id)!;
      assert.deepEqual(listed.split('\t').slice(0, 8), ['demo', id, 'Casey@Demo.example', 'Casey', 'agent', 'enabled', agent!.id, 'password']);
      assert.ok(!listed.includes('argon2'), 'no hash in the listing');
      assert.deepEqual(await audited('demo', id), ['account.create']);
    });

    test('account add --role author: an author with no agent, who signs in and writes content only', async () => {
      const added = await cli('account', 'add', 'demo', '--email', 'writer@demo.example', '--name', 'Writer', '--role', 'author', '--password', 'a long enough one');
      assert.equal(added.code, 0, added.err.join('\n'));
      const [id] = added.out;
      const listed = (await cli('account', 'list', '--tenant', 'demo')).out.find((line) => line.split('\t')[1] === id)!;
      assert.deepEqual(listed.split('\t').slice(3, 7), ['Writer', 'author', 'enabled', '-']);
      const res = await signIn('writer@demo.example', 'a long enough one');
      assert.deepEqual([res.status, res.body.account!.agentId], [200, null]);
      const get = (route: string) => fetch(server.url + route, { headers: { cookie: res.cookie } }).then((r) => r.status);
      assert.deepEqual([await get(ROUTES.adminContentPaths), await get(ROUTES.adminUsers)], [200, 403]);
      const skills = await cli('account', 'add', 'demo', '--email', 'writer2@demo.example', '--name', 'W', '--role', 'author', '--skills', 'support');
      assert.equal(skills.code, 1, 'an author takes no chats: no skills');
    });

    test('account add with --password and --agent links an existing agent; no password is printed', async () => {
      const added = await cli('account', 'add', 'demo', '--email', 'lead@demo.example', '--name', 'Lead', '--role', 'supervisor', '--password', 'a long enough one', '--agent', 'sam');
      assert.equal(added.code, 0, added.err.join('\n'));
      assert.equal(added.out.length, 1);
      assert.equal((await signIn('lead@demo.example', 'a long enough one')).body.account?.agentId, 'sam');
    });

    test('refused: a taken email (any case), a short password, an unknown role, tenant or agent', async () => {
      const taken = await cli('account', 'add', 'demo', '--email', TEST_ACCOUNTS.demo.admin.toUpperCase(), '--name', 'Again', '--role', 'admin');
      assert.equal(taken.code, 1);
      assert.match(taken.err.join('\n'), /has an account/);
      const short = await cli('account', 'add', 'demo', '--email', 'short@demo.example', '--name', 'S', '--role', 'admin', '--password', 'too short');
      assert.equal(short.code, 1);
      assert.match(short.err.join('\n'), /at least 10 and at most 200 characters/);
      assert.equal((await cli('account', 'add', 'demo', '--email', 'r@demo.example', '--name', 'R', '--role', 'owner')).code, 2);
      assert.equal((await cli('account', 'add', 'nowhere', '--email', 'r@demo.example', '--name', 'R', '--role', 'admin')).code, 1);
      assert.equal((await cli('account', 'add', 'demo', '--email', 'r@demo.example', '--name', 'R', '--role', 'agent', '--agent', 'ghost')).code, 1);
      assert.equal((await server.store.findAccountsByEmail('short@demo.example')).length, 0, 'nothing was created');
    });

    test('account disable signs the account out and refuses its sign-in; enable lets it in again', async () => {
      await cli('account', 'add', 'other', '--email', 'pat@other.example', '--name', 'Pat', '--role', 'admin', '--password', 'pat password 1');
      const before = await signIn('pat@other.example', 'pat password 1');
      assert.equal(await session(before.cookie), 200);
      assert.equal((await cli('account', 'disable', 'other', 'pat@other.example')).code, 0);
      assert.equal(await session(before.cookie), 401, 'signed out');
      const refused = await signIn('pat@other.example', 'pat password 1');
      assert.deepEqual([refused.status, refused.body.error?.code], [403, 'account_disabled']);
      assert.match((await cli('account', 'list', '--tenant', 'other')).out.find((l) => l.includes('pat@other.example'))!, /\tdisabled\t/);
      assert.equal((await cli('account', 'enable', 'other', 'pat@other.example')).code, 0);
      assert.equal((await signIn('pat@other.example', 'pat password 1')).status, 200);
      assert.equal((await cli('account', 'disable', 'other', 'nobody@other.example')).code, 1);
      const [pat] = await server.store.findAccountsByEmail('pat@other.example');
      assert.deepEqual(await audited('other', pat.id), ['account.create', 'account.disable', 'account.enable']);
    });

    test('account set-password: the new one (given or printed) signs in, the old one no more, old sessions end', async () => {
      await cli('account', 'add', 'other', '--email', 'kim@other.example', '--name', 'Kim', '--role', 'supervisor', '--password', 'kim password 1');
      const old = await signIn('kim@other.example', 'kim password 1');
      const made = await cli('account', 'set-password', 'other', 'kim@other.example');
      assert.equal(made.code, 0, made.err.join('\n'));
      assert.equal(await session(old.cookie), 401);
      assert.equal((await signIn('kim@other.example', 'kim password 1')).status, 401);
      assert.equal((await signIn('kim@other.example', made.out[0])).status, 200);
      const given = await cli('account', 'set-password', 'other', 'kim@other.example', '--password', 'kim password 2');
      assert.deepEqual([given.code, given.out], [0, []]);
      assert.equal((await signIn('kim@other.example', 'kim password 2')).status, 200);
      const [kim] = await server.store.findAccountsByEmail('kim@other.example');
      assert.deepEqual(await audited('other', kim.id), ['account.create', 'account.password', 'account.password']);
    });
  });
}
