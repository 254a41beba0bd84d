/**
 * The Store contract on every engine: content authoring (drafts and their revisions, publishing
 * through the import's writer so search follows, versions, help-id moves, deleting paths,
 * categories) and the `author` role of accounts. See store-contract.test.ts.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import type { Audience, GuidedPath } from '../../src/protocol/schemas.js';
import { Migrator } from 'kysely';
import { migrationProvider } from '../store/migrations/index.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { ConflictError, type Store } from '../store/types.js';
import { engines } from './store-engines.js';

const doc = (id: string, title: string, extra: Partial<GuidedPath> = {}): GuidedPath => ({
  id,
  title,
  summary: `${title}, in short.`,
  category: 'help',
  tags: ['Lights'],
  helpIds: [],
  audience: 'all',
  steps: [{ id: 'only', title: 'Do this', body: '<p>Hold the switch for ten seconds.</p>' }],
  ...extra,
});
const ALL: Audience[] = ['consumer', 'agent', 'all'];
const at = 1_000_000;

for (const engine of engines) {
  describe(engine.name, () => {
    let store: Store;
    const search = async (text: string) => (await store.search('t', { text, tags: [], audiences: ALL, limit: 10 })).map((h) => h.id);
    const edit = (revision: number, by: string | null = 'acc-1', when = at) => ({ revision, by, at: when });

    beforeEach(async () => {
      store = await engine.open();
      await store.createTenant('t', 'T');
      await store.createTenant('other', 'Other');
      await store.importContent('t', { categories: [{ id: 'help', name: 'Help', description: 'Help.' }], paths: [doc('imported', 'Imported bulb guide', { helpIds: ['bulb-help'] })] }, { replace: false });
    });

    test('a new path is a draft only: not listed, searched or read until published', async () => {
      const created = await store.createPathDraft('t', doc('flicker', 'Flickering lamp'), 'acc-1', at);
      assert.deepEqual([created.published, created.draft!.doc.title, created.draft!.savedBy, created.revision, created.version], [null, 'Flickering lamp', 'acc-1', 1, 0]);
      await assert.rejects(store.createPathDraft('t', doc('flicker', 'Again'), 'acc-2', at), ConflictError);
      await assert.rejects(store.createPathDraft('t', doc('imported', 'Taken'), 'acc-2', at), ConflictError, 'a published id is taken too');
      assert.equal(await store.getPath('t', 'flicker', { audiences: ALL }), undefined);
      assert.deepEqual(await search('flickering'), []);
      assert.equal(await store.getAuthoredPath('other', 'flicker'), undefined, 'of its tenant only');
      assert.deepEqual((await store.listAuthoredPaths('t')).map((p) => [p.id, p.published !== null, p.draft !== null]), [['flicker', false, true], ['imported', true, false]]);
    });

    test('saving checks the revision: a stale one is a conflict naming who saved and when', async () => {
      await store.createPathDraft('t', doc('flicker', 'Flickering lamp'), 'acc-1', at);
      const saved = await store.savePathDraft('t', 'flicker', doc('flicker', 'Flickering lamp, v2'), edit(1, 'acc-2', at + 5));
      assert.ok(saved && 'ok' in saved);
      assert.deepEqual([saved.ok!.revision, saved.ok!.draft!.doc.title, saved.ok!.draft!.savedBy], [2, 'Flickering lamp, v2', 'acc-2']);
      const stale = await store.savePathDraft('t', 'flicker', doc('flicker', 'Overwrite'), edit(1, 'acc-1', at + 9));
      assert.deepEqual(stale, { conflict: { revision: 2, savedBy: 'acc-2', savedAt: at + 5 } });
      assert.equal((await store.getAuthoredPath('t', 'flicker'))!.draft!.doc.title, 'Flickering lamp, v2', 'nothing written');
      assert.equal(await store.savePathDraft('t', 'nope', doc('nope', 'X'), edit(0)), undefined);
      // Over a published path without a draft: revision 0, then a draft beside the published one.
      const over = await store.savePathDraft('t', 'imported', doc('imported', 'Imported bulb guide, edited', { helpIds: ['bulb-help'] }), edit(0));
      assert.ok(over && 'ok' in over);
      assert.deepEqual([over.ok!.published!.title, over.ok!.draft!.doc.title, over.ok!.revision], ['Imported bulb guide', 'Imported bulb guide, edited', 1]);
      assert.equal((await store.getPath('t', 'imported', { audiences: ALL }))!.title, 'Imported bulb guide', 'customers still read the published one');
    });

    test('publishing writes the path as the import does (search, help-ids), records versions and drops the draft', async () => {
      await store.savePathDraft('t', 'imported', doc('imported', 'Imported bulb guide, dimmer edition', { helpIds: ['bulb-help'], tags: ['Dimmer'] }), edit(0));
      assert.deepEqual(await store.publishPathDraft('t', 'imported', { ...edit(0), moveHelpIds: false }), { conflict: { revision: 1, savedBy: 'acc-1', savedAt: at } });
      const published = await store.publishPathDraft('t', 'imported', { ...edit(1, 'acc-3', at + 10), moveHelpIds: false });
      assert.ok(published && 'ok' in published);
      assert.deepEqual([published.ok!.published!.title, published.ok!.draft, published.ok!.revision, published.ok!.version], ['Imported bulb guide, dimmer edition', null, 2, 2]);
      assert.deepEqual(await search('dimmer'), ['imported']);
      assert.equal((await store.getPathByHelpId('t', 'bulb-help', { audiences: ALL }))!.title, 'Imported bulb guide, dimmer edition');
      // Version 1 is the imported document (by nobody), version 2 this publish.
      const versions = await store.listPathVersions('t', 'imported');
      assert.deepEqual(versions.map((v) => [v.version, v.publishedBy]), [[2, 'acc-3'], [1, null]]);
      assert.equal(versions[0].publishedAt, at + 10);
      assert.equal((await store.getPathVersion('t', 'imported', 1))!.doc.title, 'Imported bulb guide');
      assert.equal(await store.getPathVersion('t', 'imported', 3), undefined);
      assert.deepEqual(await store.publishPathDraft('t', 'imported', { ...edit(2), moveHelpIds: false }), { refused: 'no_draft' });

      // A new path's first publish is version 1.
      await store.createPathDraft('t', doc('flicker', 'Flickering lamp'), 'acc-1', at);
      const first = await store.publishPathDraft('t', 'flicker', { ...edit(1), moveHelpIds: false });
      assert.ok(first && 'ok' in first);
      assert.equal(first.ok!.version, 1);
      assert.deepEqual(await search('flickering'), ['flicker']);
      assert.equal((await store.listAuthoredPaths('t')).find((p) => p.id === 'flicker')!.published!.title, 'Flickering lamp');
    });

    test('a help-id another path holds: publishing refuses, or moves it (and out of that path’s draft)', async () => {
      await store.savePathDraft('t', 'imported', doc('imported', 'Imported bulb guide', { helpIds: ['bulb-help', 'old-help'] }), edit(0));
      await store.createPathDraft('t', doc('thief', 'Another guide', { helpIds: ['bulb-help'] }), 'acc-1', at);
      assert.deepEqual(await store.helpIdHolders('t', ['bulb-help', 'none']), [{ helpId: 'bulb-help', pathId: 'imported' }]);
      assert.deepEqual(await store.publishPathDraft('t', 'thief', { ...edit(1), moveHelpIds: false }), { refused: 'help_ids_taken', holders: [{ helpId: 'bulb-help', pathId: 'imported' }] });
      assert.equal(await store.getPath('t', 'thief', { audiences: ALL }), undefined, 'nothing written');
      const moved = await store.publishPathDraft('t', 'thief', { ...edit(1), moveHelpIds: true });
      assert.ok(moved && 'ok' in moved);
      assert.deepEqual(moved.moved, [{ helpId: 'bulb-help', from: 'imported', to: 'thief' }]);
      assert.equal((await store.getPathByHelpId('t', 'bulb-help', { audiences: ALL }))!.id, 'thief');
      const loser = (await store.getAuthoredPath('t', 'imported'))!;
      assert.deepEqual([loser.published!.helpIds, loser.draft!.doc.helpIds, loser.revision], [[], ['old-help'], 2]);
    });

    test('moving a help-id: to a published path only, both paths change, revisions count up', async () => {
      await store.createPathDraft('t', doc('target', 'Target guide'), 'acc-1', at);
      assert.equal(await store.moveHelpId('t', 'bulb-help', 'target', at), undefined, 'a draft only holds no help-id');
      await store.publishPathDraft('t', 'target', { ...edit(1), moveHelpIds: false });
      await store.savePathDraft('t', 'target', doc('target', 'Target guide, editing'), edit(2));
      assert.deepEqual(await store.moveHelpId('t', 'bulb-help', 'target', at + 1), { from: 'imported' });
      assert.equal((await store.getPathByHelpId('t', 'bulb-help', { audiences: ALL }))!.id, 'target');
      const [from, to] = [(await store.getAuthoredPath('t', 'imported'))!, (await store.getAuthoredPath('t', 'target'))!];
      assert.deepEqual([from.published!.helpIds, from.revision], [[], 1]);
      assert.deepEqual([to.published!.helpIds, to.draft!.doc.helpIds, to.revision], [['bulb-help'], ['bulb-help'], 4]);
      assert.deepEqual(await store.moveHelpId('t', 'new-help', 'target', at), { from: null }, 'a help-id nobody held');
      assert.deepEqual(await store.moveHelpId('t', 'new-help', 'target', at), { from: 'target' }, 'held already: nothing changes');
    });

    test('discarding the draft: the published path stays; a path never published is gone', async () => {
      await store.savePathDraft('t', 'imported', doc('imported', 'Edited'), edit(0));
      const discarded = await store.discardPathDraft('t', 'imported', edit(1));
      assert.ok(discarded && 'ok' in discarded);
      assert.deepEqual([discarded.ok!.draft, discarded.ok!.published!.title, discarded.ok!.revision], [null, 'Imported bulb guide', 2]);
      assert.deepEqual(await store.discardPathDraft('t', 'imported', edit(2)), { refused: 'no_draft' });
      await store.createPathDraft('t', doc('flicker', 'Flickering lamp'), 'acc-1', at);
      assert.ok('ok' in (await store.discardPathDraft('t', 'flicker', edit(1)))!);
      assert.equal(await store.getAuthoredPath('t', 'flicker'), undefined);
      const again = await store.createPathDraft('t', doc('flicker', 'Flickering lamp again'), 'acc-1', at);
      assert.equal(again.revision, 3, 'the revision goes on counting: an old copy cannot overwrite the new draft');
    });

    test('deleting a path removes the published one, its search data and help-ids, the draft and the versions', async () => {
      await store.savePathDraft('t', 'imported', doc('imported', 'Imported bulb guide', { helpIds: ['bulb-help'] }), edit(0));
      await store.publishPathDraft('t', 'imported', { ...edit(1), moveHelpIds: false });
      await store.savePathDraft('t', 'imported', doc('imported', 'Being edited'), edit(2));
      assert.equal(await store.deleteAuthoredPath('t', 'imported'), true);
      assert.equal(await store.getAuthoredPath('t', 'imported'), undefined);
      assert.equal(await store.getPathByHelpId('t', 'bulb-help', { audiences: ALL }), undefined);
      assert.deepEqual(await search('bulb'), []);
      assert.deepEqual(await store.listPathVersions('t', 'imported'), []);
      assert.equal(await store.deleteAuthoredPath('t', 'imported'), false);
    });

    test('categories: all listed, created once, changed, deleted only when no path (published or draft) uses them', async () => {
      await store.createCategory('t', { id: 'power', name: 'Power', description: 'Batteries.', order: 1 });
      await assert.rejects(store.createCategory('t', { id: 'power', name: 'Again', description: '' }), ConflictError);
      await store.createCategory('other', { id: 'power', name: 'Power elsewhere', description: '' });
      assert.deepEqual((await store.listAllCategories('t')).map((c) => [c.id, c.name, c.order]), [['help', 'Help', 0], ['power', 'Power', 1]]);
      assert.equal(await store.updateCategory('t', { id: 'power', name: 'Power and batteries', description: 'All of it.', icon: 'battery', order: 3 }), true);
      assert.deepEqual((await store.listAllCategories('t'))[1], { id: 'power', name: 'Power and batteries', description: 'All of it.', icon: 'battery', order: 3 });
      assert.equal(await store.updateCategory('t', { id: 'nope', name: 'X', description: '' }), false);

      assert.deepEqual(await store.deleteCategory('t', 'help'), { inUse: 1 }, 'the imported path');
      await store.createPathDraft('t', doc('drafty', 'Draft in power', { category: 'power' }), 'acc-1', at);
      assert.deepEqual(await store.deleteCategory('t', 'power'), { inUse: 1 }, 'a draft uses it');
      await store.deleteAuthoredPath('t', 'drafty');
      assert.deepEqual(await store.deleteCategory('t', 'power'), { deleted: true });
      assert.equal(await store.deleteCategory('t', 'power'), undefined);
      assert.deepEqual((await store.listAllCategories('other')).map((c) => c.id), ['power'], 'another tenant keeps its own');
    });

    test('accounts may have the author role', async () => {
      const account = await store.createAccount({ tenantId: 't', email: 'writer@t.example', name: 'Writer', role: 'author', passwordHash: null, agentId: null });
      assert.equal((await store.getAccount('t', account.id))!.role, 'author');
    });
  });
}

describe('SQLite migration 0017 (the accounts table rebuilt for the author role)', () => {
  test('keeps the accounts and the sessions and resets that point at them, and their cascade', async () => {
    const store = new SqliteStore(':memory:');
    try {
      assert.equal((await new Migrator({ db: store.db, provider: migrationProvider }).migrateTo('0016_analytics')).error, undefined);
      await store.createTenant('t', 'T');
      const account = await store.createAccount({ tenantId: 't', email: 'Admin@t.example', name: 'Admin', role: 'admin', passwordHash: 'hash', agentId: null });
      const session = { id: 'ses-1', tokenHash: 'h1', tenantId: 't', accountId: account.id, createdAt: 1, lastSeenAt: 1, expiresAt: 9e12 };
      await store.createAuthSession(session);
      assert.equal((await store.migrate())[0], '0017_authoring', 'the rebuild (later migrations may follow)');
      assert.deepEqual(await store.getAuthSession('h1'), session, 'the session outlives the rebuild');
      assert.deepEqual(await store.getAccount('t', account.id), account);
      assert.deepEqual((await store.findAccountsByEmail('admin@t.example')).map((a) => a.id), [account.id], 'the email index is back');
      await assert.rejects(store.createAccount({ tenantId: 't', email: 'ADMIN@t.example', name: 'Again', role: 'author', passwordHash: null, agentId: null }), ConflictError);
      await store.createAccount({ tenantId: 't', email: 'writer@t.example', name: 'Writer', role: 'author', passwordHash: null, agentId: null });
      await store.deleteAccount('t', account.id);
      assert.equal(await store.getAuthSession('h1'), undefined, 'the sessions still follow their account (foreign keys on)');
    } finally {
      await store.close();
    }
  });
});
