/**
 * The Store contract on every engine: administration (renaming and deleting skills, changing and
 * deleting agents), the audit log, hosted theme files and hosted step images. See store-contract.test.ts.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { InvalidInputError, type NewAuditRecord, type Store } from '../store/types.js';
import { engines, sessionRequest } from './store-engines.js';

const request = sessionRequest;

const audit = (at: number, extra: Partial<NewAuditRecord> = {}): NewAuditRecord => ({
  tenantId: 't',
  at,
  actor: { kind: 'cli', id: null },
  action: 'skill.create',
  target: 'sales',
  before: null,
  after: { id: 'sales', name: 'Sales' },
  ...extra,
});

for (const engine of engines) {
  describe(engine.name, () => {
    let store: Store;
    beforeEach(async () => {
      store = await engine.open();
      await store.createTenant('t', 'T');
      await store.createTenant('other', 'Other');
      await store.createSkill('t', 'sales', 'Sales');
      await store.createSkill('t', 'billing', 'Billing');
      await store.createSkill('other', 'sales', 'Sales elsewhere');
    });

    test('skills: renamed per tenant; deleted only without open sessions, taken off agents, made again', async () => {
      const renamed = await store.renameSkill('t', 'sales', 'Sales and offers');
      assert.equal(renamed!.name, 'Sales and offers');
      assert.equal((await store.getSkill('other', 'sales'))!.name, 'Sales elsewhere', 'another tenant keeps its own');
      assert.equal(await store.renameSkill('t', 'nope', 'X'), undefined);

      await store.createAgent({ tenantId: 't', id: 'alex', name: 'Alex', skills: ['sales', 'billing'] });
      await store.createAgent({ tenantId: 't', id: 'bea', name: 'Bea', skills: ['sales'] });
      const { session } = await store.createLiveSession(request('r1', { skill: 'sales' }));
      assert.deepEqual(await store.deleteSkill('t', 'sales', 5000), { deleted: false, openSessions: 1 }, 'a customer waits in it');
      assert.ok(await store.getSkill('t', 'sales'), 'refused: nothing changed');

      await store.transitionLiveSession('t', session.id, { from: ['queued'], set: { state: 'ended', endedAt: 2000, endedBy: 'customer' } });
      const outcome = await store.deleteSkill('t', 'sales', 5000);
      assert.deepEqual(outcome, { deleted: true, record: renamed, affected: ['alex', 'bea'] });
      assert.equal(await store.getSkill('t', 'sales'), undefined);
      assert.deepEqual((await store.listSkills('t')).map((s) => s.id), ['billing']);
      assert.deepEqual((await store.getAgent('t', 'alex'))!.skills, ['billing']);
      assert.equal((await store.getLiveSession('t', session.id))!.skill, 'sales', 'an ended session keeps its history');
      assert.ok(await store.getSkill('other', 'sales'));
      assert.equal(await store.deleteSkill('t', 'sales', 6000), undefined, 'deleted already');
      await assert.rejects(store.createAgent({ tenantId: 't', name: 'Cy', skills: ['sales'] }), InvalidInputError);

      const again = await store.createSkill('t', 'sales', 'Sales again');
      assert.deepEqual([again.id, again.name], ['sales', 'Sales again']);
      assert.deepEqual(await store.getSkill('t', 'sales'), again);
    });

    test('agents: changed in one transaction, skills checked; deleted only when free, with their tokens revoked', async () => {
      await store.createAgent({ tenantId: 't', id: 'alex', name: 'Alex', skills: ['sales'] });
      await store.createAgent({ tenantId: 'other', id: 'alex', name: 'Other Alex', skills: [] });
      const changed = await store.updateAgent('t', 'alex', (current) => ({ name: `${current.name} B.`, maxSessions: 3, skills: ['billing', 'sales', 'billing'] }));
      assert.deepEqual([changed!.before.name, changed!.before.maxSessions, changed!.before.skills], ['Alex', 5, ['sales']]);
      assert.deepEqual([changed!.after.name, changed!.after.maxSessions, changed!.after.skills], ['Alex B.', 3, ['billing', 'sales']]);
      assert.deepEqual(await store.getAgent('t', 'alex'), changed!.after);
      assert.equal((await store.getAgent('other', 'alex'))!.name, 'Other Alex');
      const renamedOnly = await store.updateAgent('t', 'alex', () => ({ name: 'Alex' }));
      assert.deepEqual(renamedOnly!.after.skills, ['billing', 'sales'], 'skills absent: kept');
      await assert.rejects(
        store.updateAgent('t', 'alex', () => ({ name: 'Nope', skills: ['sales', 'support'] })),
        (error: unknown) => error instanceof InvalidInputError && error.path === '/skills/1',
      );
      assert.equal((await store.getAgent('t', 'alex'))!.name, 'Alex', 'a refused change writes nothing');
      assert.equal(await store.updateAgent('t', 'nope', () => ({ name: 'X' })), undefined);
      // Concurrent changes each see the one before.
      await Promise.all(['x', 'y'].map((n) => store.updateAgent('t', 'alex', (c) => ({ name: c.name + n }))));
      assert.equal((await store.getAgent('t', 'alex'))!.name.length, 'Alex'.length + 2);

      const token = { tenantId: 't', name: 'agent alex', version: 'agent', createdAt: 1000, expiresAt: null, revokedAt: null, agentId: 'alex' };
      await store.createAppToken({ ...token, id: 'tok_a1' });
      await store.createAppToken({ ...token, id: 'tok_a2', revokedAt: 900 });
      await store.createAppToken({ ...token, id: 'tok_app', agentId: null });
      const { session } = await store.createLiveSession(request('r1'));
      await store.transitionLiveSession('t', session.id, { from: ['queued'], set: { state: 'active', agentId: 'alex', acceptedAt: 1500 } });
      assert.deepEqual(await store.deleteAgent('t', 'alex', 5000), { deleted: false, openSessions: 1 });
      assert.ok(await store.getAgent('t', 'alex'));
      assert.equal((await store.getAppToken('tok_a1'))!.revokedAt, null, 'refused: tokens kept');

      await store.transitionLiveSession('t', session.id, { from: ['active'], set: { state: 'ended', endedAt: 2000, endedBy: 'agent' } });
      const outcome = await store.deleteAgent('t', 'alex', 5000);
      assert.ok(outcome?.deleted);
      assert.deepEqual([outcome.record.id, outcome.affected], ['alex', ['tok_a1']]);
      assert.equal(await store.getAgent('t', 'alex'), undefined);
      assert.deepEqual((await store.listAgents('t')).map((a) => a.id), []);
      assert.ok(await store.getAgent('other', 'alex'), 'another tenant’s agent of the same id stays');
      assert.equal((await store.getAppToken('tok_a1'))!.revokedAt, 5000);
      assert.equal((await store.getAppToken('tok_a2'))!.revokedAt, 900, 'an earlier revocation keeps its time');
      assert.equal((await store.getAppToken('tok_app'))!.revokedAt, null, 'application tokens are not the agent’s');
      assert.deepEqual((await store.listRevokedTokens(4000)).map((t) => t.id), ['tok_a1'], 'live connections hear of it');
      const ended = await store.getLiveSession('t', session.id);
      assert.equal(ended!.agent!.id, 'alex', 'the session keeps who served it');
      assert.match(ended!.agent!.name, /^Alex(xy|yx)$/);
      assert.equal(await store.deleteAgent('t', 'alex', 6000), undefined);
    });

    test('audit log: appended with increasing seq, listed newest first by every filter, paged', async () => {
      const first = await store.appendAudit(audit(1000));
      assert.ok(first.seq > 0);
      assert.deepEqual({ ...first, seq: 0 }, { ...audit(1000), seq: 0 });
      await store.appendAudit(audit(2000, { action: 'skill.rename', before: { name: 'Sales' }, after: { name: 'Offers' } }));
      await store.appendAudit(audit(3000, { actor: { kind: 'account', id: 'acc_1' }, action: 'agent.update', target: 'alex' }));
      await store.appendAudit(audit(4000, { tenantId: 'other', before: { nested: { list: [1, 'two', null] } }, after: null }));
      await store.appendAudit(audit(5000, { tenantId: null, action: 'tenant.create', target: 'new' }));

      const all = await store.listAudit({ limit: 10 });
      assert.deepEqual(all.map((r) => r.at), [5000, 4000, 3000, 2000, 1000]);
      assert.ok(all.every((r, i) => i === 0 || r.seq < all[i - 1].seq));
      assert.deepEqual(all[1].before, { nested: { list: [1, 'two', null] } }, 'JSON kept as written');
      assert.equal(all[1].after, null);
      assert.equal(all[0].tenantId, null);
      const ats = async (query: Partial<Parameters<Store['listAudit']>[0]>) => (await store.listAudit({ limit: 10, ...query })).map((r) => r.at);
      assert.deepEqual(await ats({ tenantId: 't' }), [3000, 2000, 1000]);
      assert.deepEqual(await ats({ tenantId: 'other' }), [4000]);
      assert.deepEqual(await ats({ actorKind: 'account' }), [3000]);
      assert.deepEqual(await ats({ actorId: 'acc_1' }), [3000]);
      assert.deepEqual(await ats({ action: 'skill.create', tenantId: 't' }), [1000]);
      assert.deepEqual(await ats({ target: 'alex' }), [3000]);
      assert.deepEqual(await ats({ since: 2000, until: 4000 }), [3000, 2000]);
      const page1 = await store.listAudit({ limit: 2 });
      const page2 = await store.listAudit({ limit: 2, beforeSeq: page1[1].seq });
      assert.deepEqual([...page1, ...page2].map((r) => r.at), [5000, 4000, 3000, 2000]);
      assert.deepEqual(await ats({ beforeSeq: first.seq }), []);
    });
    test('theme files: one per tenant and kind, replaced by the next, deleted; never another tenant’s', async () => {
      const file = (tenantId: string, kind: 'theme' | 'step-content', css: string, uploadedAt: number) =>
        ({ tenantId, kind, css, hash: css.length.toString(16).padStart(64, '0'), size: Buffer.byteLength(css), uploadedAt });
      assert.equal(await store.getThemeFile('t', 'theme'), undefined);
      const first = file('t', 'theme', ':host { color: rebeccapurple; } /* é */', 1000);
      assert.deepEqual(await store.putThemeFile(first), first);
      assert.deepEqual(await store.getThemeFile('t', 'theme'), first, 'read back as written, UTF-8 text intact');
      assert.equal(await store.getThemeFile('t', 'step-content'), undefined, 'kinds are apart');
      assert.equal(await store.getThemeFile('other', 'theme'), undefined, 'tenants are apart');
      const step = file('t', 'step-content', 'p { margin: 0; }', 1500);
      await store.putThemeFile(step);
      const second = file('t', 'theme', 'a { color: red; }', 2000);
      await store.putThemeFile(second);
      assert.deepEqual(await store.getThemeFile('t', 'theme'), second, 'an upload replaces the file of its kind');
      assert.deepEqual(await store.getThemeFile('t', 'step-content'), step);
      await store.putThemeFile(file('other', 'theme', 'b {}', 2500));
      assert.equal(await store.deleteThemeFile('t', 'theme'), true);
      assert.equal(await store.deleteThemeFile('t', 'theme'), false);
      assert.equal(await store.getThemeFile('t', 'theme'), undefined);
      assert.deepEqual(await store.getThemeFile('t', 'step-content'), step, 'the other kind stays');
      assert.equal((await store.getThemeFile('other', 'theme'))!.css, 'b {}', 'the other tenant keeps its own');
      await assert.rejects(store.putThemeFile(file('nope', 'theme', 'c {}', 3000)), /no tenant/);
    });

    test('step images: stored once per tenant and bytes, read back intact, within the tenant’s total; never another tenant’s', async () => {
      const image = (tenantId: string, seed: number, size: number, uploadedBy: string | null = 'acc_1') => ({
        tenantId,
        hash: seed.toString(16).padStart(64, '0'),
        type: 'image/png' as const,
        size,
        uploadedBy,
        uploadedAt: 1000 + seed,
        bytes: Uint8Array.from({ length: size }, (_, i) => (i * 7 + seed) % 256),
      });
      const meta = ({ bytes: _bytes, ...rest }: ReturnType<typeof image>) => rest;
      assert.equal(await store.contentImageBytes('t'), 0);
      assert.equal(await store.getContentImage('t', image('t', 1, 10).hash), undefined);
      const first = image('t', 1, 300);
      assert.deepEqual(await store.putContentImage(first, 1000), { outcome: 'created', image: meta(first), removed: [] });
      const read = await store.getContentImage('t', first.hash);
      assert.deepEqual({ ...read!, bytes: undefined }, { ...meta(first), bytes: undefined });
      assert.deepEqual(Uint8Array.from(read!.bytes), first.bytes, 'every byte back, 0x00 to 0xff');
      assert.equal(await store.getContentImage('other', first.hash), undefined, 'tenants are apart');

      const again = { ...image('t', 1, 300, 'acc_2'), uploadedAt: 9999 };
      assert.deepEqual(await store.putContentImage(again, 1000), { outcome: 'exists', image: meta(first) }, 'the same bytes: the stored image, who uploaded it first');
      assert.equal(await store.contentImageBytes('t'), 300);
      const second = image('t', 2, 700, null);
      assert.equal((await store.putContentImage(second, 1000)).outcome, 'created', 'exactly at the total fits');
      assert.deepEqual(await store.putContentImage(image('t', 3, 1), 1000), { outcome: 'full', storedBytes: 1000, removed: [] }, 'all uploaded within a day of it: none removed');
      assert.equal(await store.getContentImage('t', image('t', 3, 1).hash), undefined, 'nothing stored past the total');
      assert.equal((await store.putContentImage(again, 1000)).outcome, 'exists', 'a stored image still answers when the total is reached');
      assert.equal((await store.getContentImage('t', second.hash))!.uploadedBy, null);

      await store.putContentImage(image('other', 1, 50), 1000);
      assert.deepEqual([await store.contentImageBytes('t'), await store.contentImageBytes('other')], [1000, 50], 'each tenant its own total');
      const racing = await Promise.all([4, 5, 6].map((seed) => store.putContentImage(image('other', seed, 400), 1000)));
      assert.deepEqual(racing.map((r) => r.outcome).sort(), ['created', 'created', 'full'], 'uploads side by side never both pass the total');
      assert.equal(await store.contentImageBytes('other'), 850);
      await assert.rejects(store.putContentImage(image('nope', 1, 10), 1000), /no tenant/);

      // When an image would pass the total: the images named by no path, draft or version, and
      // uploaded a day or more before it, are removed first.
      const DAY = 24 * 60 * 60_000;
      const old = (seed: number) => ({ ...image('u', seed, 100), uploadedAt: 0 });
      const url = (seed: number) => `https://support.example.com/v1/content-images/u/${old(seed).hash}.png`;
      const doc = (id: string, seeds: number[]) => ({
        id, title: id, summary: 'S.', category: 'c', tags: [], helpIds: [], audience: 'all' as const,
        steps: [{ id: 's1', title: 'One', body: `<p>Look:</p>${seeds.map((seed) => `<img src="${url(seed)}" alt="">`).join('')}` }],
      });
      await store.createTenant('u', 'U');
      await store.importContent('u', { categories: [{ id: 'c', name: 'C', description: 'C.' }], paths: [doc('published', [11])] }, { replace: true });
      for (const seed of [10, 11, 12, 13, 14]) await store.putContentImage(old(seed), 1000);
      await store.createPathDraft('u', doc('drafted', [12]), null, 1);
      const versioned = await store.createPathDraft('u', doc('versioned', [13]), null, 1);
      await store.publishPathDraft('u', 'versioned', { revision: versioned.revision, by: null, at: 2, moveHelpIds: false });
      const saved = (await store.savePathDraft('u', 'versioned', doc('versioned', []), { revision: versioned.revision + 1, by: null, at: 3 })) as { ok: { revision: number } };
      await store.publishPathDraft('u', 'versioned', { revision: saved.ok.revision, by: null, at: 4, moveHelpIds: false });
      const recent = { ...image('u', 15, 100), uploadedAt: DAY + 5 };
      await store.putContentImage(recent, 1000);
      const newcomer = { ...image('u', 16, 600), uploadedAt: 2 * DAY };
      const made = await store.putContentImage(newcomer, 1000);
      assert.deepEqual(made, { outcome: 'created', image: meta(newcomer), removed: [10, 14].map((seed) => meta(old(seed))) }, 'the two no path names; the published, drafted and versioned ones and the recent one stay');
      assert.equal(await store.getContentImage('u', old(10).hash), undefined);
      assert.deepEqual(await store.contentImageBytes('u'), 1000);
      const refused = await store.putContentImage({ ...image('u', 17, 100), uploadedAt: 2 * DAY }, 1000);
      assert.deepEqual(refused, { outcome: 'full', storedBytes: 1000, removed: [] }, 'nothing more is unused');
      await store.deleteAuthoredPath('u', 'versioned');
      const after = await store.putContentImage({ ...image('u', 17, 100), uploadedAt: 2 * DAY }, 1000);
      assert.deepEqual([after.outcome, after.outcome === 'created' && after.removed.map((r) => r.hash)], ['created', [old(13).hash]], 'a deleted path’s images go with its history');
    });
  });
}
