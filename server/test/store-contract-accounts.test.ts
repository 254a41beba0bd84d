/**
 * The Store contract on every engine: accounts of people, sign-in sessions, failed sign-ins,
 * password resets, and revoking the tokens of a sign-in. See store-contract.test.ts.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { ConflictError, type Store } from '../store/types.js';
import { engines } from './store-engines.js';

const account = (email: string, extra: Partial<Parameters<Store['createAccount']>[0]> = {}) => ({
  tenantId: 't',
  email,
  name: 'Ann',
  role: 'admin' as const,
  passwordHash: '$argon2id$fake',
  agentId: null,
  ...extra,
});

for (const engine of engines) {
  describe(engine.name, () => {
    let store: Store;
    beforeEach(async () => {
      store = await engine.open();
      await store.createTenant('t', 'T');
      await store.createTenant('other', 'Other');
    });

    test('accounts: email unique per tenant whatever its case, found by email across tenants, changed', async () => {
      const ann = await store.createAccount(account(' Ann@Example.com '));
      assert.deepEqual(
        [ann.tenantId, ann.email, ann.role, ann.disabled, ann.agentId, ann.passwordHash],
        ['t', 'Ann@Example.com', 'admin', false, null, '$argon2id$fake'],
      );
      assert.match(ann.id, /\S/);
      await assert.rejects(store.createAccount(account('ann@example.COM')), ConflictError);
      await assert.rejects(store.createAccount(account('someone@example.com', { id: ann.id })), ConflictError);
      const elsewhere = await store.createAccount(account('ann@example.com', { tenantId: 'other', role: 'agent', agentId: 'olivia' }));
      await store.createAccount(account('bob@example.com', { name: 'Bob', role: 'supervisor', passwordHash: null }));
      assert.deepEqual(await store.getAccount('t', ann.id), ann);
      assert.equal(await store.getAccount('other', ann.id), undefined, 'never another tenant’s');
      assert.deepEqual((await store.listAccounts('t')).map((a) => a.email), ['Ann@Example.com', 'bob@example.com']);
      assert.deepEqual((await store.findAccountsByEmail('ANN@example.com')).map((a) => a.tenantId), ['other', 't']);
      assert.deepEqual((await store.findAccountsByEmail('ann@example.com', 'other')).map((a) => a.id), [elsewhere.id]);
      assert.deepEqual(await store.findAccountsByEmail('nobody@example.com'), []);

      const changed = await store.updateAccount('t', ann.id, { disabled: true, name: 'Ann B', passwordHash: '$argon2id$new', agentId: 'alex' });
      assert.deepEqual([changed!.disabled, changed!.name, changed!.passwordHash, changed!.agentId, changed!.role], [true, 'Ann B', '$argon2id$new', 'alex', 'admin']);
      assert.ok(changed!.updatedAt >= ann.updatedAt);
      assert.equal((await store.updateAccount('t', ann.id, { disabled: false }))!.disabled, false);
      assert.equal(await store.updateAccount('other', ann.id, { name: 'X' }), undefined);
    });

    test('accounts: deleted with their sign-in sessions and reset tokens, never another tenant’s', async () => {
      const ann = await store.createAccount(account('ann@example.com'));
      await store.createAuthSession({ id: 's1', tokenHash: 'hash-s1', tenantId: 't', accountId: ann.id, createdAt: 1000, lastSeenAt: 1000, expiresAt: 9000 });
      await store.createPasswordReset({ tokenHash: 'reset-1', tenantId: 't', accountId: ann.id, createdAt: 1000, expiresAt: 9000 });
      assert.equal(await store.deleteAccount('other', ann.id), false, 'never another tenant’s');
      assert.ok(await store.getAccount('t', ann.id));
      assert.equal(await store.deleteAccount('t', ann.id), true);
      assert.equal(await store.getAccount('t', ann.id), undefined);
      assert.equal(await store.getAuthSession('hash-s1'), undefined, 'its sessions end with it');
      assert.equal(await store.usePasswordReset('reset-1', 2000), undefined, 'its reset tokens too');
      assert.equal(await store.deleteAccount('t', ann.id), false, 'once');
      assert.equal((await store.createAccount(account('ann@example.com'))).email, 'ann@example.com', 'the email is free again');
    });

    test('sign-in sessions: found by hash, touched, ended one, all, or all but one', async () => {
      const ann = await store.createAccount(account('ann@example.com'));
      const session = (id: string) => ({ id, tokenHash: `hash-${id}`, tenantId: 't', accountId: ann.id, createdAt: 1000, lastSeenAt: 1000, expiresAt: 9000 });
      for (const id of ['s1', 's2', 's3', 's4']) await store.createAuthSession(session(id));
      assert.deepEqual(await store.getAuthSession('hash-s1'), session('s1'));
      assert.equal(await store.getAuthSession('hash-none'), undefined);
      await store.touchAuthSession('s1', 5000);
      await store.touchAuthSession('s1', 4000);
      assert.equal((await store.getAuthSession('hash-s1'))!.lastSeenAt, 5000, 'never back in time');
      assert.deepEqual(await store.deleteAuthSessions('other', ann.id), [], 'never another tenant’s');
      assert.deepEqual(await store.deleteAuthSessions('t', ann.id, { only: 's2' }), ['s2']);
      assert.deepEqual((await store.deleteAuthSessions('t', ann.id, { except: 's1' })).sort(), ['s3', 's4']);
      assert.deepEqual(await store.deleteAuthSessions('t', ann.id), ['s1']);
      assert.equal(await store.getAuthSession('hash-s1'), undefined);
    });

    test('failed sign-ins: locked after the most in a row, until the lock lapses; cleared', async () => {
      const policy = { maxFailures: 3, lockMs: 1000 };
      assert.equal(await store.getSignInLock('email:a', 0), null);
      assert.deepEqual(await store.recordSignInFailure('email:a', 100, policy), { failures: 1, lockedUntil: null });
      assert.deepEqual(await store.recordSignInFailure('email:a', 200, policy), { failures: 2, lockedUntil: null });
      assert.deepEqual(await store.recordSignInFailure('email:a', 300, policy), { failures: 3, lockedUntil: 1300 });
      assert.equal(await store.getSignInLock('email:a', 1299), 1300);
      assert.equal(await store.getSignInLock('email:b', 1299), null, 'one key only');
      assert.equal(await store.getSignInLock('email:a', 1300), null, 'lapsed');
      assert.deepEqual(await store.recordSignInFailure('email:a', 1400, policy), { failures: 1, lockedUntil: null }, 'counts from zero again');
      assert.deepEqual(await store.recordSignInFailure('email:a', 2400, policy), { failures: 1, lockedUntil: null }, 'the last failure is too old to count');
      await store.clearSignInFailures('email:a');
      assert.deepEqual(await store.recordSignInFailure('email:a', 2500, policy), { failures: 1, lockedUntil: null });
      // Failures at once all count (one transaction per failure, holding the key).
      const all = await Promise.all([1, 2, 3, 4, 5].map(() => store.recordSignInFailure('address:1.2.3.4', 2000, { maxFailures: 5, lockMs: 1000 })));
      assert.deepEqual(all.map((r) => r.failures).sort(), [1, 2, 3, 4, 5]);
      assert.equal(await store.getSignInLock('address:1.2.3.4', 2000), 3000);
    });

    test('password resets: used once, not after they expire', async () => {
      const ann = await store.createAccount(account('ann@example.com'));
      const reset = (tokenHash: string, expiresAt: number) => ({ tokenHash, tenantId: 't', accountId: ann.id, createdAt: 0, expiresAt });
      await store.createPasswordReset(reset('r1', 1000));
      await store.createPasswordReset(reset('r2', 1000));
      assert.equal(await store.usePasswordReset('r2', 1000), undefined, 'expired');
      assert.equal(await store.usePasswordReset('none', 0), undefined);
      const uses = await Promise.all([store.usePasswordReset('r1', 500), store.usePasswordReset('r1', 500)]);
      assert.deepEqual(uses.filter(Boolean), [{ tenantId: 't', accountId: ann.id }], 'one of two uses at once');
      assert.equal(await store.usePasswordReset('r1', 600), undefined, 'once');
    });

    test('tokens revoked by name (and version), of one tenant, the first revocation kept', async () => {
      const token = (id: string, tenantId: string, name: string, version: string) => ({
        id, tenantId, name, version, createdAt: 1, expiresAt: null, revokedAt: null, agentId: 'alex',
      });
      await store.createAppToken(token('k1', 't', 'account a1', 'session s1'));
      await store.createAppToken(token('k2', 't', 'account a1', 'session s2'));
      await store.createAppToken(token('k3', 't', 'account a2', 'session s3'));
      await store.createAppToken(token('k4', 'other', 'account a1', 'session s1'));
      assert.equal(await store.revokeAppTokensNamed('t', 'account a1', 50, 'session s1'), 1);
      assert.equal(await store.revokeAppTokensNamed('t', 'account a1', 60), 1, 'the one left');
      assert.deepEqual(
        await Promise.all(['k1', 'k2', 'k3', 'k4'].map(async (id) => (await store.getAppToken(id))!.revokedAt)),
        [50, 60, null, null],
      );
    });
  });
}
