/**
 * Content authoring over HTTP (ROUTES.adminContent*), on both engines: authors create, save,
 * publish and find a path through the customers' API; a second author with an old revision gets
 * the conflict; publishing is refused with each check's detail; versions are listed, read and
 * restored; duplicates, deletion with its links, help-id moves seen through GET /v1/help-ids/:id;
 * categories; the author role's reach (no other admin page), and the audit records. Who may call
 * each route, for every caller, is the access matrix's (access-matrix.test.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { routePath, ROUTES } from '../../src/protocol/routes.js';
import type { GuidedPath } from '../../src/protocol/schemas.js';
import { hashPassword } from '../accounts/passwords.js';
import { startTestServer, TEST_ACCOUNTS, TEST_PASSWORD, type TestServer } from '../test-server.js';
import { Browser, code } from './browser-session.js';
import { client, uid } from './helpers.js';
import { engines, serverDatabase } from './store-engines.js';

const slug = (prefix: string) => uid(prefix).toLowerCase().replace(/_/g, '-');

/** A branching path: ask, then two ways to the end. */
const branching = (id: string, title: string, extra: Partial<GuidedPath> = {}): GuidedPath => ({
  id,
  title,
  summary: 'Find out why the porch lamp blinks.',
  category: 'lighting',
  tags: ['Porch'],
  helpIds: [],
  audience: 'consumer',
  steps: [
    { id: 'ask', title: 'Does it blink fast?', body: '<p>Watch the lamp for ten seconds.</p>', choices: [{ label: 'Fast', next: 'swap' }, { label: 'Slow', next: 'resolved' }] },
    { id: 'swap', title: 'Swap the driver', body: '<p>Replace the driver <img src="https://cdn.example/driver.png" alt="driver"></p>', next: 'escalate' },
  ],
  ...extra,
});

for (const engine of engines) {
  describe(`content authoring (${engine.name})`, () => {
    let server: TestServer;
    let author: Browser;
    let second: Browser;
    let admin: Browser;
    let supervisor: Browser;
    let authorId: string;
    const customer = () => client(server.url, server.tokens.demo);
    const paths = ROUTES.adminContentPaths;
    const one = (id: string) => routePath(ROUTES.adminContentPath, { id });
    const at = (route: string, id: string, extra: Record<string, string> = {}) => routePath(route, { id, ...extra });

    before(async () => {
      server = await startTestServer({ database: await serverDatabase(engine) });
      await server.store.createAccount({ tenantId: 'demo', email: 'second-author@demo.example', name: 'Second Author', role: 'author', passwordHash: await hashPassword(TEST_PASSWORD), agentId: null });
      [author, second, admin, supervisor] = [new Browser(server), new Browser(server), new Browser(server), new Browser(server)];
      authorId = (await author.signIn(TEST_ACCOUNTS.demo.author)).body.account.id;
      await second.signIn('second-author@demo.example');
      await admin.signIn(TEST_ACCOUNTS.demo.admin);
      await supervisor.signIn(TEST_ACCOUNTS.demo.supervisor);
    });
    after(() => server.close());

    const lastAudit = async (action: string) => (await admin.send('GET', `${ROUTES.adminAudit}?action=${action}&limit=1`)).body.items[0];

    test('an author creates a draft: listed for authors, unseen by customers until published, then searched, read and walked', async () => {
      const id = slug('porch');
      const created = await author.send('POST', paths, branching(id, 'Porch lamp blinks', { summary: 'Quoxifrent lamps blink.' }));
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.deepEqual([created.body.status, created.body.published, created.body.revision, created.body.draft.savedBy], ['draft', null, 1, { id: authorId, name: 'author' }]);
      assert.equal(code(await author.send('POST', paths, branching(id, 'Again'))), 'path_exists');

      const listed = await author.send('GET', `${paths}?status=draft&q=porch%20BLINKS`);
      assert.deepEqual(listed.body.items.map((p: { id: string }) => p.id), [id]);
      assert.equal((await customer().get(routePath(ROUTES.path, { id }))).status, 404, 'a draft is no path for customers');
      assert.deepEqual((await customer().get(ROUTES.search, { q: 'quoxifrent' })).body.items, []);

      const published = await author.send('POST', at(ROUTES.adminContentPathPublish, id), { revision: 1 });
      assert.equal(published.status, 200, JSON.stringify(published.body));
      assert.deepEqual([published.body.path.status, published.body.path.version, published.body.path.revision], ['published', 1, 2]);
      const found = await customer().get(ROUTES.search, { q: 'quoxifrent' });
      assert.deepEqual(found.body.items.map((h: { id: string }) => h.id), [id], 'the search index follows publishing');
      const read = await customer().get(routePath(ROUTES.path, { id }));
      assert.deepEqual(read.body.steps.map((s: { id: string }) => s.id), ['ask', 'swap'], 'readable with an application token');
      const audited = await lastAudit('path.publish');
      assert.deepEqual([audited.actor, audited.target, audited.after.version], [{ kind: 'account', id: authorId }, id, 1]);
    });

    test('two authors on one path: the second, with the old revision, gets edit_conflict naming who saved and when', async () => {
      const id = slug('conflict');
      await author.send('POST', paths, branching(id, 'Conflicted'));
      const [mine, theirs] = [await author.send('GET', one(id)), await second.send('GET', one(id))];
      assert.equal(mine.body.revision, theirs.body.revision);
      const saved = await author.send('PUT', one(id), { revision: mine.body.revision, path: branching(id, 'Conflicted, by the first') });
      assert.deepEqual([saved.status, saved.body.revision, saved.body.draft.path.title], [200, 2, 'Conflicted, by the first']);
      const late = await second.send('PUT', one(id), { revision: theirs.body.revision, path: branching(id, 'Overwritten?') });
      assert.deepEqual([late.status, code(late)], [409, 'edit_conflict']);
      const [detail] = late.body.error.details;
      assert.deepEqual([detail.revision, detail.savedBy], [2, { id: authorId, name: 'author' }]);
      assert.equal(typeof detail.savedAt, 'number');
      assert.match(late.body.error.message, /^author changed path/);
      assert.equal((await second.send('GET', one(id))).body.draft.path.title, 'Conflicted, by the first', 'nothing overwritten');
      const stalePublish = await second.send('POST', at(ROUTES.adminContentPathPublish, id), { revision: 1 });
      assert.equal(code(stalePublish), 'edit_conflict', 'publishing checks the revision too');
      const wrongId = await author.send('PUT', one(id), { revision: 2, path: branching('another-id', 'X') });
      assert.deepEqual([wrongId.status, code(wrongId)], [400, 'invalid_request']);
    });

    test('publishing is refused with each check in details: unreachable, nowhere, loop, empty, category, help-id taken', async () => {
      const id = slug('broken');
      const broken: GuidedPath = branching(id, 'Broken path', {
        category: 'no-such-category',
        helpIds: ['bulb-reset'],
        steps: [
          { id: 'start', title: 'Start', body: '<p>Begin.</p>', choices: [{ label: 'On', next: 'spin' }, { label: 'Off', next: 'nowhere' }] },
          { id: 'spin', title: 'Spin', body: '<p>Again.</p>', next: 'spin-2' },
          { id: 'spin-2', title: 'Spin more', body: '<p>And again.</p>', next: 'spin' },
          { id: 'orphan', title: 'Orphan', body: '<p> </p>', next: 'resolved' },
        ],
      });
      await author.send('POST', paths, broken);
      const refused = await author.send('POST', at(ROUTES.adminContentPathPublish, id), { revision: 1 });
      assert.deepEqual([refused.status, code(refused)], [400, 'publish_checks_failed']);
      const details = refused.body.error.details.map((d: { code: string; step?: string; choice?: number }) => [d.code, d.step ?? null, d.choice ?? null]);
      assert.deepEqual(details, [
        ['target_missing', 'start', 1],
        ['loop_without_exit', 'spin', null],
        ['loop_without_exit', 'spin-2', null],
        ['step_unreachable', 'orphan', null],
        ['step_empty', 'orphan', null],
        ['category_missing', null, null],
        ['help_id_taken', null, null],
      ]);
      assert.match(refused.body.error.details.at(-1).message, /'bulb-reset' names the path 'reset-smart-bulb'/);
      assert.equal((await customer().get(routePath(ROUTES.path, { id }))).status, 404, 'nothing published');
    });

    test('a help-id held by another path: moved on publish when asked, and moved alone with PUT help-ids/:helpId', async () => {
      const id = slug('taker');
      await author.send('POST', paths, branching(id, 'Takes a help-id', { helpIds: ['bulb-reset'] }));
      const moved = await author.send('POST', at(ROUTES.adminContentPathPublish, id), { revision: 1, moveHelpIds: true });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.deepEqual(moved.body.movedHelpIds, [{ helpId: 'bulb-reset', from: 'reset-smart-bulb' }]);
      assert.equal((await customer().get(routePath(ROUTES.helpId, { helpId: 'bulb-reset' }))).body.id, id);

      const back = await admin.send('PUT', routePath(ROUTES.adminContentHelpId, { helpId: 'bulb-reset' }), { pathId: 'reset-smart-bulb' });
      assert.deepEqual(back.body, { helpId: 'bulb-reset', from: id, to: 'reset-smart-bulb' });
      assert.equal((await customer().get(routePath(ROUTES.helpId, { helpId: 'bulb-reset' }))).body.id, 'reset-smart-bulb');
      assert.deepEqual((await author.send('GET', one(id))).body.published.helpIds, [], 'taken from the path that held it');
      assert.deepEqual((await lastAudit('help-id.move')).after, { pathId: 'reset-smart-bulb' });
      const draftOnly = slug('draft-only');
      await author.send('POST', paths, branching(draftOnly, 'Draft only'));
      assert.equal(code(await author.send('PUT', routePath(ROUTES.adminContentHelpId, { helpId: 'x-help' }), { pathId: draftOnly })), 'path_not_published');
      assert.equal(code(await author.send('PUT', routePath(ROUTES.adminContentHelpId, { helpId: 'x-help' }), { pathId: 'no-such-path' })), 'path_not_found');
    });

    test('versions: every publish is one, with who and when; a version is read and restored as the draft', async () => {
      const id = slug('versioned');
      await author.send('POST', paths, branching(id, 'Version one'));
      await author.send('POST', at(ROUTES.adminContentPathPublish, id), { revision: 1 });
      const helpId = slug('versioned-help');
      await author.send('PUT', one(id), { revision: 2, path: branching(id, 'Version two', { helpIds: [helpId] }) });
      await second.send('POST', at(ROUTES.adminContentPathPublish, id), { revision: 3 });
      const versions = await author.send('GET', at(ROUTES.adminContentPathVersions, id));
      assert.deepEqual(versions.body.items.map((v: { version: number; publishedBy: { name: string } }) => [v.version, v.publishedBy.name]), [[2, 'Second Author'], [1, 'author']]);
      const first = await author.send('GET', at(ROUTES.adminContentPathVersion, id, { version: '1' }));
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.equal(first.body.path.title, 'Version one');
      assert.equal(code(await author.send('GET', at(ROUTES.adminContentPathVersion, id, { version: '9' }))), 'version_not_found');

      const restored = await author.send('POST', at(ROUTES.adminContentPathRestore, id, { version: '1' }), { revision: 4 });
      assert.deepEqual([restored.status, restored.body.status, restored.body.draft.path.title, restored.body.published.title], [200, 'changed', 'Version one', 'Version two']);
      assert.deepEqual(restored.body.draft.path.helpIds, [helpId], 'the help-ids the path has now stay: customers\' links point at them');
      assert.equal((await customer().get(routePath(ROUTES.path, { id }))).body.title, 'Version two', 'customers read the published one until it is published');
      await author.send('POST', at(ROUTES.adminContentPathPublish, id), { revision: 5 });
      assert.equal((await customer().get(routePath(ROUTES.path, { id }))).body.title, 'Version one');
      assert.equal((await author.send('GET', at(ROUTES.adminContentPathVersions, id))).body.items.length, 3);
      assert.equal((await lastAudit('path.restore')).after.version, 1);
    });

    test('discard, duplicate, links and delete', async () => {
      const id = slug('lifecycle');
      await author.send('POST', paths, branching(id, 'Lifecycle', { helpIds: [slug('life-help')] }));
      await author.send('POST', at(ROUTES.adminContentPathPublish, id), { revision: 1 });
      await author.send('PUT', one(id), { revision: 2, path: branching(id, 'Lifecycle, edited') });
      const discarded = await author.send('DELETE', `${at(ROUTES.adminContentPathDraft, id)}?revision=3`);
      assert.deepEqual([discarded.status, discarded.body.path.status, discarded.body.path.published.title], [200, 'published', 'Lifecycle']);
      assert.equal(code(await author.send('DELETE', `${at(ROUTES.adminContentPathDraft, id)}?revision=4`)), 'draft_not_found');

      const copyId = slug('copy');
      const copy = await author.send('POST', at(ROUTES.adminContentPathDuplicate, id), { id: copyId });
      assert.deepEqual([copy.status, copy.body.status, copy.body.draft.path.title, copy.body.draft.path.helpIds], [201, 'draft', 'Lifecycle (copy)', []]);
      const gone = await author.send('DELETE', `${at(ROUTES.adminContentPathDraft, copyId)}?revision=1`);
      assert.deepEqual([gone.status, gone.body.path], [200, null], 'a path never published is gone with its draft');

      const links = await author.send('GET', at(ROUTES.adminContentPathLinks, id));
      const helpIds = links.body.helpIds;
      assert.equal(helpIds.length, 1);
      const deleted = await author.send('DELETE', one(id));
      assert.deepEqual(deleted.body, { id, helpIds });
      assert.equal((await customer().get(routePath(ROUTES.path, { id }))).status, 404);
      assert.equal((await customer().get(routePath(ROUTES.helpId, { helpId: helpIds[0] }))).status, 404);
      assert.equal(code(await author.send('GET', one(id))), 'path_not_found');
      assert.deepEqual((await lastAudit('path.delete')).before.helpIds, helpIds);
    });

    test('categories: listed with their paths, added, changed, deleted only when empty (with the count)', async () => {
      const listed = await author.send('GET', ROUTES.adminContentCategories);
      const lighting = listed.body.items.find((c: { id: string }) => c.id === 'lighting');
      assert.ok(lighting.pathCount >= 2, JSON.stringify(lighting));
      const id = slug('cat');
      const created = await author.send('POST', ROUTES.adminContentCategories, { id, name: 'Porch', description: 'Outside lights.', order: 5 });
      assert.deepEqual([created.status, created.body.pathCount], [201, 0]);
      assert.equal(code(await author.send('POST', ROUTES.adminContentCategories, { id, name: 'Again', description: '' })), 'category_exists');
      const renamed = await author.send('PATCH', routePath(ROUTES.adminContentCategory, { id }), { name: 'Porch and garden' });
      assert.deepEqual([renamed.body.name, renamed.body.description], ['Porch and garden', 'Outside lights.']);
      const inUse = await author.send('DELETE', routePath(ROUTES.adminContentCategory, { id: 'lighting' }));
      assert.deepEqual([inUse.status, code(inUse)], [409, 'category_in_use']);
      assert.match(inUse.body.error.message, /^\d+ paths use category 'lighting'/);
      const deleted = await author.send('DELETE', routePath(ROUTES.adminContentCategory, { id }));
      assert.deepEqual([deleted.status, deleted.body.id], [200, id]);
      assert.equal(code(await author.send('DELETE', routePath(ROUTES.adminContentCategory, { id }))), 'category_not_found');
      assert.equal((await lastAudit('category.delete')).target, id);
    });

    test('export gives the published content as the folder format; import takes it back (validated first), drafts stay', async () => {
      const draftId = slug('kept-draft');
      await author.send('POST', paths, branching(draftId, 'A draft the import leaves alone'));
      const exported = await author.send('GET', ROUTES.adminContentExport);
      assert.equal(exported.status, 200);
      const files: Record<string, string> = exported.body.files;
      assert.ok(JSON.parse(files['categories.json']).some((c: { id: string }) => c.id === 'lighting'));
      const reset = JSON.parse(files['lighting/reset-smart-bulb.json']);
      assert.equal(reset.id, 'reset-smart-bulb');
      assert.ok(!Object.keys(files).some((f) => f.includes(draftId)), 'drafts are not exported');

      const edited = { ...reset, title: 'How to reset a Smart Bulb, from git' };
      const imported = await author.send('POST', ROUTES.adminContentImport, { files: { 'lighting/reset-smart-bulb.json': JSON.stringify(edited) } });
      assert.equal(imported.status, 200, JSON.stringify(imported.body));
      assert.deepEqual([imported.body.paths, imported.body.deletedPaths], [1, []]);
      assert.equal((await customer().get(routePath(ROUTES.path, { id: 'reset-smart-bulb' }))).body.title, 'How to reset a Smart Bulb, from git');
      assert.equal((await lastAudit('content.import')).actor.id, authorId);

      const bad = await author.send('POST', ROUTES.adminContentImport, { files: { 'lighting/broken.json': '{ "id": "broken" ', 'lighting/other.json': JSON.stringify({ ...edited, title: 'Never written', category: 'nope' }) } });
      assert.deepEqual([bad.status, code(bad)], [400, 'content_invalid']);
      assert.deepEqual(bad.body.error.details.map((d: { path: string }) => d.path), ['lighting/broken.json#', 'lighting/other.json#/category']);
      assert.equal((await customer().get(routePath(ROUTES.path, { id: 'reset-smart-bulb' }))).body.title, 'How to reset a Smart Bulb, from git', 'nothing written');
      assert.equal((await author.send('GET', one(draftId))).body.status, 'draft');
    });

    test('roles: a supervisor may not author; an author sees no other admin page, and reads the branding (for the preview) without changing it', async () => {
      assert.equal(code(await supervisor.send('GET', paths)), 'forbidden');
      assert.equal(code(await supervisor.send('POST', paths, branching(slug('sup'), 'Supervisor path'))), 'forbidden');
      for (const route of [ROUTES.adminTokens, ROUTES.adminUsers, ROUTES.adminSkills, ROUTES.adminAudit]) {
        assert.equal(code(await author.send('GET', route)), 'forbidden', route);
      }
      assert.equal((await author.send('GET', ROUTES.adminBranding)).status, 200);
      assert.equal(code(await author.send('PUT', ROUTES.adminBranding, { applyOnMobile: false })), 'forbidden');
      assert.equal((await author.send('GET', ROUTES.authSession)).body.account.role, 'author');
    });
  });
}
