/**
 * Accounts of people over HTTP, on both engines: signing in (cookie, CSRF, tenants), failed
 * sign-ins and the lockout, signing out (everywhere, with the agent tokens minted for the
 * sessions), password change and reset by mail, disabled accounts, and the staff principal.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ROUTES } from '../../src/protocol/routes.js';
import { setDisabled } from '../accounts/service.js';
import { requireStaff, type Principal } from '../auth.js';
import { startTestServer, TEST_ACCOUNTS, TEST_PASSWORD, type TestServer } from '../test-server.js';
import { Browser, code } from './browser-session.js';
import { client } from './helpers.js';
import { LiveClient } from './live-helpers.js';
import { engines, serverDatabase } from './store-engines.js';

/**
 * The lockout window of these tests: long enough that the ten failed sign-ins before the lock
 * (argon2 each, slow on a loaded machine) all fall inside it, short enough to wait out once.
 */
const LOCK_MS = 3000;

for (const engine of engines) {
  describe(`accounts (${engine.name})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ database: await serverDatabase(engine), accounts: { lockMs: LOCK_MS } });
    });
    after(() => server.close());

    test('signing in sets an HttpOnly, SameSite=Lax session cookie (not Secure on 127.0.0.1); the session says who and its CSRF token', async () => {
      const browser = new Browser(server);
      const res = await browser.signIn('Admin@Demo.EXAMPLE');
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.match(res.setCookie!, /^nexus_session=[\w-]{40,}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=604800$/);
      assert.deepEqual(
        [res.body.account.email, res.body.account.tenantId, res.body.account.role, res.body.account.agentId],
        [TEST_ACCOUNTS.demo.admin, 'demo', 'admin', null],
      );
      assert.ok(!JSON.stringify(res.body).includes('argon2'), 'no password hash leaves the server');
      const session = await browser.send('GET', ROUTES.authSession);
      assert.equal(session.status, 200);
      assert.deepEqual([session.body.account.id, session.body.csrfToken], [res.body.account.id, res.body.csrfToken]);
      const [stored] = await server.store.findAccountsByEmail(TEST_ACCOUNTS.demo.admin);
      assert.match(stored.passwordHash!, /^\$argon2id\$/);
      // Behind a TLS-terminating proxy (or any other host), the cookie is Secure.
      const proxied = await server.app.inject({
        method: 'POST',
        url: ROUTES.authSignIn,
        headers: { host: 'support.example.com' },
        payload: { email: TEST_ACCOUNTS.demo.admin, password: TEST_PASSWORD },
      });
      assert.match(String(proxied.headers['set-cookie']), /; Secure$/);
    });

    test('an email in several tenants needs the tenant; with it, that tenant', async () => {
      const browser = new Browser(server);
      const res = await browser.signIn(TEST_ACCOUNTS.shared);
      assert.deepEqual([res.status, code(res)], [400, 'tenant_required']);
      const other = await browser.signIn(TEST_ACCOUNTS.shared, TEST_PASSWORD, 'other');
      assert.deepEqual([other.status, other.body.account.tenantId, other.body.account.agentId], [200, 'other', 'olivia']);
    });

    test('a wrong password and an unknown email get the same answer; 5 in a row lock the email (unknown too) until the window passes', async () => {
      const browser = new Browser(server);
      const wrong = await browser.signIn(TEST_ACCOUNTS.demo.supervisor, 'not the password');
      const unknown = await browser.signIn('nobody@demo.example', 'not the password');
      assert.deepEqual([wrong.status, wrong.body], [401, { error: { code: 'sign_in_failed', message: 'the email or the password is not right' } }]);
      assert.deepEqual([unknown.status, unknown.body], [wrong.status, wrong.body]);
      for (let i = 0; i < 4; i++) {
        assert.equal((await browser.signIn(TEST_ACCOUNTS.demo.supervisor, 'still wrong')).status, 401);
        assert.equal((await browser.signIn('nobody@demo.example', 'still wrong')).status, 401);
      }
      for (const email of [TEST_ACCOUNTS.demo.supervisor, 'nobody@demo.example']) {
        const locked = await browser.signIn(email);
        assert.deepEqual([locked.status, code(locked)], [429, 'sign_in_locked'], email);
        assert.ok(Number(locked.headers.get('retry-after')) >= 1);
      }
      // Another account from the same address is not locked (the address allows more).
      assert.equal((await new Browser(server).signIn(TEST_ACCOUNTS.demo.agent)).status, 200);
      await new Promise((resolve) => setTimeout(resolve, LOCK_MS + 50));
      assert.equal((await browser.signIn(TEST_ACCOUNTS.demo.supervisor)).status, 200, 'unlocked after the window');
    });

    test('POST with the cookie needs the CSRF token; signing out ends the session', async () => {
      const browser = new Browser(server);
      await browser.signIn(TEST_ACCOUNTS.demo.admin);
      const csrf = browser.csrf;
      browser.csrf = '';
      const none = await browser.send('POST', ROUTES.authSignOut);
      const other = await browser.send('POST', ROUTES.authSignOut, undefined, { 'x-csrf-token': csrf.replace(/^./, csrf[0] === 'a' ? 'b' : 'a') });
      assert.deepEqual([none.status, code(none), other.status, code(other)], [403, 'csrf_failed', 403, 'csrf_failed']);
      assert.equal((await browser.send('GET', ROUTES.authSession)).status, 200, 'still signed in');
      browser.csrf = csrf;
      const out = await browser.send('POST', ROUTES.authSignOut);
      assert.equal(out.status, 200);
      assert.match(out.setCookie!, /^nexus_session=; .*Max-Age=0/);
      const stale = await fetch(server.url + ROUTES.authSession, { headers: { cookie: browser.cookie } });
      assert.equal(stale.status, 401);
      browser.cookie = `nexus_session=${'x'.repeat(43)}`;
      const gone = await browser.send('GET', ROUTES.authSession);
      assert.deepEqual([gone.status, code(gone)], [401, 'not_signed_in']);
    });

    test('the agent token of a signed-in agent works on agent routes and the socket; signing out everywhere stops it and every session', async () => {
      const [first, second] = [new Browser(server), new Browser(server)];
      await first.signIn(TEST_ACCOUNTS.demo.agent);
      await second.signIn(TEST_ACCOUNTS.demo.agent);
      const grant = await first.send('POST', ROUTES.authAgentToken);
      assert.equal(grant.status, 200, JSON.stringify(grant.body));
      assert.equal(grant.body.agentId, 'alex');
      assert.ok(grant.body.expiresAt > Date.now() + 14 * 60_000 && grant.body.expiresAt <= Date.now() + 15 * 60_000);
      const me = await client(server.url, grant.body.token).get(ROUTES.agentMe);
      assert.deepEqual([me.status, me.body.id], [200, 'alex']);
      const live = await LiveClient.connect(server, grant.body.token);
      // The cookie alone does not open agent routes: the console uses the token.
      assert.equal((await first.send('GET', ROUTES.agentMe)).status, 403);

      assert.equal((await second.send('POST', ROUTES.authSignOutEverywhere)).status, 200);
      for (const browser of [first, second]) assert.equal((await browser.send('GET', ROUTES.authSession)).status, 401);
      const after = await client(server.url, grant.body.token).get(ROUTES.agentMe);
      assert.deepEqual([after.status, code(after)], [401, 'token_revoked']);
      assert.equal(await live.closed, 4401, 'the live connection of the token is closed');
      // The integration token of the same agent keeps working.
      assert.equal((await client(server.url, server.agents.alex).get(ROUTES.agentMe)).status, 200);
    });

    test('an account without an agent gets no agent token; a cookie is no token for content routes', async () => {
      const browser = new Browser(server);
      await browser.signIn(TEST_ACCOUNTS.demo.admin);
      const grant = await browser.send('POST', ROUTES.authAgentToken);
      assert.deepEqual([grant.status, code(grant)], [403, 'forbidden']);
      assert.equal((await browser.send('GET', ROUTES.paths)).status, 403);
    });

    test('a password reset is mailed (and nothing is said about unknown emails); its link sets the password once and signs out everywhere', async () => {
      const email = TEST_ACCOUNTS.other.supervisor;
      const signedIn = new Browser(server);
      await signedIn.signIn(email);
      const mailsBefore = (await server.store.listMail('other')).length;
      for (const address of ['nobody@other.example', email.toUpperCase()]) {
        const res = await new Browser(server).send('POST', ROUTES.authPasswordReset, { email: address });
        assert.deepEqual([res.status, res.body], [202, { ok: true }], address);
      }
      const mails = (await server.store.listMail('other')).slice(mailsBefore);
      assert.equal(mails.length, 1, 'one mail, to the account');
      assert.equal(mails[0].to, email);
      const token = /\/portal\/#reset=([\w-]+)/.exec(mails[0].body)?.[1];
      assert.ok(token && mails[0].body.includes(`${server.url}/portal/#reset=`), mails[0].body);

      const short = await new Browser(server).send('POST', ROUTES.authPasswordResetConfirm, { token, password: 'short' });
      assert.deepEqual([short.status, code(short)], [400, 'password_rejected']);
      assert.match(short.body.error.message, /at least 10 and at most 200 characters/);
      const next = 'a brand new password';
      assert.equal((await new Browser(server).send('POST', ROUTES.authPasswordResetConfirm, { token, password: next })).status, 200);
      const again = await new Browser(server).send('POST', ROUTES.authPasswordResetConfirm, { token, password: next });
      assert.deepEqual([again.status, code(again)], [400, 'reset_token_invalid']);
      assert.equal((await signedIn.send('GET', ROUTES.authSession)).status, 401, 'signed out everywhere');
      assert.equal((await new Browser(server).signIn(email)).status, 401, 'the old password is gone');
      assert.equal((await new Browser(server).signIn(email, next)).status, 200);
    });

    test('changing the password needs the current one; this session stays, the others end', async () => {
      const email = TEST_ACCOUNTS.other.admin;
      const [here, there] = [new Browser(server), new Browser(server)];
      await here.signIn(email);
      await there.signIn(email);
      const wrong = await here.send('POST', ROUTES.authPassword, { current: 'not the password', next: 'another good password' });
      assert.deepEqual([wrong.status, code(wrong)], [400, 'password_wrong']);
      const long = await here.send('POST', ROUTES.authPassword, { current: TEST_PASSWORD, next: 'x'.repeat(201) });
      assert.deepEqual([long.status, code(long)], [400, 'password_rejected']);
      assert.equal((await here.send('POST', ROUTES.authPassword, { current: TEST_PASSWORD, next: 'another good password' })).status, 200);
      assert.equal((await here.send('GET', ROUTES.authSession)).status, 200);
      assert.equal((await there.send('GET', ROUTES.authSession)).status, 401);
      assert.equal((await new Browser(server).signIn(email, 'another good password')).status, 200);
    });

    test('a disabled account cannot sign in and its sessions and agent tokens stop; enabled again, it can', async () => {
      const email = TEST_ACCOUNTS.other.agent;
      const browser = new Browser(server);
      await browser.signIn(email);
      const grant = await browser.send('POST', ROUTES.authAgentToken);
      const [account] = await server.store.findAccountsByEmail(email, 'other');
      await setDisabled(server.store, 'other', account.id, true);
      assert.equal((await browser.send('GET', ROUTES.authSession)).status, 401);
      assert.equal((await client(server.url, grant.body.token).get(ROUTES.agentMe)).status, 401);
      const refused = await new Browser(server).signIn(email);
      assert.deepEqual([refused.status, code(refused)], [403, 'account_disabled']);
      const wrong = await new Browser(server).signIn(email, 'not the password');
      assert.deepEqual([wrong.status, code(wrong)], [401, 'sign_in_failed'], 'without the password, nothing is said');
      await setDisabled(server.store, 'other', account.id, false);
      assert.equal((await new Browser(server).signIn(email)).status, 200);
    });
  });
}

test('requireStaff: the account roles given, nothing else', () => {
  const staff = (staffRole: 'admin' | 'supervisor' | 'agent'): Principal => ({
    role: 'staff', tenantId: 't', accountId: 'a', staffRole, agentId: null, authSessionId: 's', expiresAt: null,
  });
  assert.equal(requireStaff(staff('admin'), ['admin', 'supervisor']).accountId, 'a');
  assert.throws(() => requireStaff(staff('agent'), ['admin', 'supervisor']), { statusCode: 403, code: 'forbidden' });
  assert.throws(() => requireStaff({ role: 'consumer', tenantId: 't', tokenId: 'k', audience: 'client-apps-and-rest-apis', expiresAt: null }, ['admin']), { statusCode: 403, code: 'forbidden' });
});

test('reset links point to the request Host by default, to publicUrl when it is set (serve --public-url)', async () => {
  const server = await startTestServer({ accounts: { publicUrl: 'https://support.example.com' } });
  try {
    const ask = (host?: string) =>
      server.app.inject({ method: 'POST', url: ROUTES.authPasswordReset, headers: host ? { host } : {}, payload: { email: TEST_ACCOUNTS.demo.admin } });
    assert.equal((await ask('evil.example')).statusCode, 202);
    const [mail] = (await server.store.listMail('demo')).filter((m) => m.to === TEST_ACCOUNTS.demo.admin);
    assert.match(mail.body, /^https:\/\/support\.example\.com\/portal\/#reset=[\w-]{40,}$/m);
    assert.ok(!mail.body.includes('evil.example'), 'a Host of the caller\'s choosing is not used');
  } finally {
    await server.close();
  }
});
