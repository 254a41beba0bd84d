/**
 * The Store contract, run on every engine (store-engines.ts): tenants, signing keys, tokens,
 * tenant settings and co-browse recordings here; content, search and context in
 * store-contract-content.test.ts; live help in store-contract-live.test.ts. Each test gets a
 * fresh, migrated store. The first test checks that every Store method is called in a contract test.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { beforeEach, describe, test } from 'node:test';
import { PostgresStore } from '../store/postgres/store.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { ConflictError, type Store } from '../store/types.js';
import { ENGINES, STORE_METHODS, engines, methodsOf } from './store-engines.js';

describe('the contract suite', () => {
  test('covers every Store method, and both stores have exactly those', () => {
    const methods = Object.keys(STORE_METHODS).sort();
    assert.deepEqual(methodsOf(SqliteStore.prototype), methods, 'SqliteStore');
    assert.deepEqual(methodsOf(PostgresStore.prototype), methods, 'PostgresStore');
    const dir = new URL('.', import.meta.url);
    const suite = readdirSync(dir)
      .filter((f) => /^store-contract.*\.test\.ts$/.test(f))
      .map((f) => readFileSync(new URL(f, dir), 'utf8'))
      .join('\n');
    const untested = methods.filter((m) => !new RegExp(`\\bstore\\.${m}\\(`).test(suite));
    assert.deepEqual(untested, [], 'methods no contract test calls');
  });
});

const token = (id: string, tenantId: string, createdAt: number, extra: Partial<Parameters<Store['createAppToken']>[0]> = {}) => ({
  id,
  tenantId,
  name: `token ${id}`,
  version: '1.0',
  createdAt,
  expiresAt: null,
  revokedAt: null,
  agentId: null,
  kid: null,
  audience: 'client-apps-and-rest-apis' as const,
  ...extra,
});

for (const engine of engines) {
  describe(engine.name, () => {
    let store: Store;
    beforeEach(async () => {
      store = await engine.open();
    });

    test('migrate is idempotent; close releases the store', async () => {
      assert.deepEqual(await store.migrate(), [], 'a migrated store has nothing to apply');
      const fresh = await ENGINES[engine.name].database();
      const other = engine.name === 'sqlite' ? new SqliteStore(fresh.target) : new PostgresStore(fresh.target);
      const applied = await other.migrate();
      assert.ok(applied.length > 0 && applied.every((name) => /^\d{4}_/.test(name)), applied.join());
      assert.deepEqual(await other.migrate(), []);
      await other.close();
      await assert.rejects(other.listTenants());
      await fresh.drop();
      await store.close();
      await assert.rejects(store.getTenant('a'), 'a closed store is unusable');
    });

    test('tenants: created once, listed by id, unknown ones undefined', async () => {
      const created = await store.createTenant('zeta', 'Zeta Inc');
      assert.equal(created.id, 'zeta');
      assert.equal(created.name, 'Zeta Inc');
      assert.ok(Math.abs(created.createdAt - Date.now()) < 5000);
      await store.createTenant('alpha', 'Alpha');
      await assert.rejects(store.createTenant('zeta', 'Again'), ConflictError);
      assert.deepEqual(await store.getTenant('zeta'), created);
      assert.equal(await store.getTenant('nope'), undefined);
      assert.deepEqual((await store.listTenants()).map((t) => t.id), ['alpha', 'zeta']);
    });

    test('signing keys: one current key, made once, found by kid', async () => {
      const [a, b] = await Promise.all([store.currentSigningKey(), store.currentSigningKey()]);
      assert.equal(a.kid, b.kid, 'two first calls at once make one key');
      assert.equal(a.secret.length, 32);
      const found = await store.getSigningKey(a.kid);
      assert.deepEqual(Buffer.from(found!.secret), Buffer.from(a.secret));
      assert.equal(found!.createdAt, a.createdAt);
      assert.equal(await store.getSigningKey('key_nope'), undefined);
    });

    test('tokens: registered, listed newest first per tenant, revoked once, revocations listed by time', async () => {
      await store.createTenant('a', 'A');
      await store.createTenant('b', 'B');
      await store.createAppToken(token('t1', 'a', 1000));
      await store.createAppToken(token('t2', 'a', 3000, { expiresAt: 9000, kid: 'key_1', audience: 'rest-apis' }));
      await store.createAppToken(token('t3', 'b', 2000, { agentId: 'alex' }));
      await assert.rejects(store.createAppToken(token('t4', 'no-such-tenant', 1000)), 'the tenant must exist');
      assert.deepEqual(
        await store.getAppToken('t2'),
        token('t2', 'a', 3000, { expiresAt: 9000, kid: 'key_1', audience: 'rest-apis' }),
        'with the key it was signed with and its audience',
      );
      assert.equal((await store.getAppToken('t1'))!.kid, null);
      assert.equal(await store.getAppToken('nope'), undefined);
      assert.deepEqual((await store.listAppTokens('a')).map((t) => t.id), ['t2', 't1']);
      assert.deepEqual((await store.listAppTokens('b')).map((t) => [t.id, t.agentId]), [['t3', 'alex']], 'never another tenant’s');

      assert.equal(await store.revokeAppToken('t3', 5000), true);
      assert.equal(await store.revokeAppToken('t1', 4000), true);
      assert.equal(await store.revokeAppToken('t1', 7000), true);
      assert.equal((await store.getAppToken('t1'))!.revokedAt, 4000, 'revoking twice keeps the first time');
      assert.equal(await store.revokeAppToken('nope', 4000), false);
      assert.deepEqual((await store.listRevokedTokens(0)).map((t) => [t.id, t.revokedAt, t.tenantId]), [
        ['t1', 4000, 'a'],
        ['t3', 5000, 'b'],
      ]);
      assert.deepEqual((await store.listRevokedTokens(4001)).map((t) => t.id), ['t3']);
      assert.deepEqual(await store.listRevokedTokens(5001), []);

      const { audience: _, ...older } = token('t5', 'a', 500);
      await store.createAppToken(older);
      assert.equal((await store.getAppToken('t5'))!.audience, 'client-apps-and-rest-apis', 'a token registered without an audience has both');
    });

    test('branding: defaults, changes in one transaction, reset; undefined or an error without the tenant', async () => {
      await store.createTenant('a', 'A');
      await store.createTenant('b', 'B');
      assert.deepEqual(await store.getBranding('a'), {
        tenantId: 'a',
        themeUrl: null,
        stepContentThemeUrl: null,
        applyOnMobile: true,
        strings: {},
        updatedAt: null,
      });
      assert.equal(await store.getBranding('nope'), undefined);
      const strings = { '*': { zeta: 'Z', alpha: 'A' }, fr: { b: 'bé' } };
      const changed = await store.updateBranding('a', (current) => ({ ...current, themeUrl: 'https://x/t.css', applyOnMobile: false, strings }));
      assert.ok(changed.updatedAt !== null);
      const read = await store.getBranding('a');
      assert.deepEqual(read, changed);
      assert.deepEqual(Object.keys(read!.strings['*']), ['zeta', 'alpha'], 'overrides keep the order they were written in');
      assert.deepEqual((await store.getBranding('b'))!.themeUrl, null, 'other tenants keep theirs');
      await assert.rejects(
        store.updateBranding('a', () => {
          throw new Error('refused');
        }),
        /refused/,
      );
      assert.deepEqual(await store.getBranding('a'), changed, 'a change that throws writes nothing');
      // Concurrent changes each see the one before (none is lost).
      await Promise.all(
        ['x', 'y', 'z'].map((key) => store.updateBranding('a', (c) => ({ ...c, strings: { ...c.strings, '*': { ...c.strings['*'], [key]: key } } }))),
      );
      assert.deepEqual(Object.keys((await store.getBranding('a'))!.strings['*']).sort(), ['alpha', 'x', 'y', 'z', 'zeta']);
      await assert.rejects(store.updateBranding('nope', (c) => c), /no tenant/);
      assert.equal(await store.resetBranding('a'), true);
      assert.equal(await store.resetBranding('a'), false);
      assert.equal((await store.getBranding('a'))!.updatedAt, null);
    });

    test('tenant config: both switches on by default, changed in one transaction, per tenant', async () => {
      await store.createTenant('a', 'A');
      await store.createTenant('b', 'B');
      assert.deepEqual(await store.getTenantConfig('a'), {
        tenantId: 'a',
        allowSessionTransfer: true,
        agentToSkillTransfer: true,
        updatedAt: null,
      });
      assert.equal(await store.getTenantConfig('nope'), undefined);
      const changed = await store.updateTenantConfig('a', (c) => ({ ...c, agentToSkillTransfer: false }));
      assert.equal(changed.agentToSkillTransfer, false);
      assert.equal(changed.allowSessionTransfer, true);
      assert.ok(changed.updatedAt !== null);
      assert.deepEqual(await store.getTenantConfig('a'), changed);
      assert.equal((await store.getTenantConfig('b'))!.agentToSkillTransfer, true, 'other tenants keep theirs');
      await assert.rejects(
        store.updateTenantConfig('a', () => {
          throw new Error('refused');
        }),
        /refused/,
      );
      assert.deepEqual(await store.getTenantConfig('a'), changed, 'a change that throws writes nothing');
      // Two changes at once: each sees the one before.
      await Promise.all([
        store.updateTenantConfig('a', (c) => ({ ...c, allowSessionTransfer: !c.allowSessionTransfer })),
        store.updateTenantConfig('a', (c) => ({ ...c, agentToSkillTransfer: !c.agentToSkillTransfer })),
      ]);
      const both = (await store.getTenantConfig('a'))!;
      assert.deepEqual([both.allowSessionTransfer, both.agentToSkillTransfer], [false, true]);
      await assert.rejects(store.updateTenantConfig('nope', (c) => c), /no tenant/);
    });

    test('co-browse settings: defaults, replace, reset; per tenant', async () => {
      await store.createTenant('a', 'A');
      await store.createTenant('b', 'B');
      assert.deepEqual(await store.getCobrowseSettings('a'), {
        tenantId: 'a',
        blockSelectors: [],
        maskTextSelectors: [],
        remoteClientUrl: null,
        recording: false,
        updatedAt: null,
      });
      assert.equal(await store.getCobrowseSettings('nope'), undefined);
      const next = await store.setCobrowseSettings('a', (c) => ({
        ...c,
        blockSelectors: ['.z', '.a'],
        maskTextSelectors: ['#m'],
        remoteClientUrl: 'https://dl/x.exe',
        recording: true,
      }));
      assert.deepEqual(await store.getCobrowseSettings('a'), next);
      assert.deepEqual(next.blockSelectors, ['.z', '.a']);
      assert.equal((await store.getCobrowseSettings('b'))!.recording, false);
      await assert.rejects(store.setCobrowseSettings('nope', (c) => c), /no tenant/);
      assert.equal(await store.resetCobrowseSettings('a'), true);
      assert.equal(await store.resetCobrowseSettings('a'), false);
      assert.equal((await store.getCobrowseSettings('a'))!.recording, false);
    });

    test('mail settings: none at first, set (replaced), cleared; per tenant; an error without the tenant', async () => {
      await store.createTenant('a', 'A');
      await store.createTenant('b', 'B');
      assert.equal(await store.getMailSettings('a'), undefined);
      const set = await store.setMailSettings('a', { smtpUrl: 'smtp://u:p@mail.a.test:587', from: null });
      assert.deepEqual([set.tenantId, set.smtpUrl, set.from, typeof set.updatedAt], ['a', 'smtp://u:p@mail.a.test:587', null, 'number']);
      assert.deepEqual(await store.getMailSettings('a'), set);
      const changed = await store.setMailSettings('a', { smtpUrl: 'smtps://mail.a.test:465', from: 'A <help@a.test>' });
      assert.deepEqual(await store.getMailSettings('a'), changed, 'a second set replaces the first');
      assert.equal(await store.getMailSettings('b'), undefined, 'per tenant');
      await assert.rejects(store.setMailSettings('nope', { smtpUrl: 'smtp://x', from: null }), /no tenant/);
      assert.equal(await store.clearMailSettings('a'), true);
      assert.equal(await store.clearMailSettings('a'), false);
      assert.equal(await store.getMailSettings('a'), undefined);
    });

    test('co-browse recordings: parts in order up to a size cap, ended once, listed newest first per tenant', async () => {
      await store.createTenant('a', 'A');
      await store.createTenant('b', 'B');
      const { session } = await store.createLiveSession({
        tenantId: 'a', kind: 'chat', skill: null, consumerKey: 'c', clientId: 'r1', data: {}, origin: null, at: 1000,
      });
      const agent = { id: 'alex', name: 'Alex' };
      await store.startCobrowseRecording({ id: 'rec1', tenantId: 'a', sessionId: session.id, agent, startedAt: 2000 });
      await store.startCobrowseRecording({ id: 'rec1', tenantId: 'a', sessionId: session.id, agent, startedAt: 9999 });
      await store.startCobrowseRecording({ id: 'rec2', tenantId: 'a', sessionId: session.id, agent, startedAt: 3000 });
      const part = (seq: number, n: number, data: string) => ({ seq, part: n, parts: 2, data, at: 2000 + seq });
      assert.equal(await store.appendCobrowseRecordingPart('a', 'rec1', part(2, 0, 'cc'), 10), true);
      assert.equal(await store.appendCobrowseRecordingPart('a', 'rec1', part(1, 1, 'bb'), 10), true);
      assert.equal(await store.appendCobrowseRecordingPart('a', 'rec1', part(1, 0, 'aa'), 10), true);
      assert.equal(await store.appendCobrowseRecordingPart('b', 'rec1', part(3, 0, 'x'), 10), false, 'not another tenant’s');
      assert.equal(await store.appendCobrowseRecordingPart('a', 'nope', part(3, 0, 'x'), 10), false);
      assert.equal(await store.appendCobrowseRecordingPart('a', 'rec1', part(3, 0, 'x'.repeat(5)), 10), false, 'past the cap');
      assert.equal(await store.appendCobrowseRecordingPart('a', 'rec1', part(4, 0, 'y'), 10), false, 'truncated: nothing more');
      await store.endCobrowseRecording('a', 'rec1', 'ended', 5000);
      await store.endCobrowseRecording('a', 'rec1', 'again', 6000);
      await store.endCobrowseRecording('b', 'rec2', 'not yours', 6000);
      const got = await store.getCobrowseRecording('a', 'rec1');
      assert.deepEqual(got!.recording, {
        id: 'rec1', tenantId: 'a', sessionId: session.id, agent, startedAt: 2000, endedAt: 5000, endReason: 'ended', chars: 6, truncated: true,
      });
      assert.deepEqual(got!.parts.map((p) => [p.seq, p.part, p.data]), [[1, 0, 'aa'], [1, 1, 'bb'], [2, 0, 'cc']]);
      assert.equal(await store.getCobrowseRecording('b', 'rec1'), undefined);
      assert.deepEqual((await store.listCobrowseRecordings('a', { limit: 10 })).map((r) => r.id), ['rec2', 'rec1']);
      assert.deepEqual((await store.listCobrowseRecordings('a', { limit: 1 })).map((r) => r.id), ['rec2']);
      assert.deepEqual(await store.listCobrowseRecordings('a', { sessionId: 'other', limit: 10 }), []);
      assert.deepEqual(await store.listCobrowseRecordings('b', { limit: 10 }), []);
      assert.equal((await store.getCobrowseRecording('a', 'rec2'))!.recording.endedAt, null);
    });
  });
}
