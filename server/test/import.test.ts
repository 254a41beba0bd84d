import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MARK_END, MARK_START } from '../../src/protocol/api.js';
import { ROUTES, routePath } from '../../src/protocol/routes.js';
import { issueToken } from '../auth.js';
import { importFolder } from '../content/import.js';
import type { ContentError } from '../content/load.js';
import { loadContent } from '../content/load.js';
import { DEFAULT_DEMO_CONTENT, FIXTURE_CONTENT, startTestServer, type TestServer } from '../test-server.js';
import { client, contentFolder, GENERAL_CATEGORY, makePath, snapshot, uid } from './helpers.js';

let server: TestServer;
before(async () => {
  server = await startTestServer({ demoContent: FIXTURE_CONTENT.demo });
});
after(() => server.close());

async function tenant() {
  const id = uid('t').toLowerCase();
  await server.store.createTenant(id, id);
  const { jwt } = await issueToken(server.store, { tenantId: id, name: 'test', version: '1' });
  return { id, api: client(server.url, jwt) };
}

async function importOk(tenantId: string, files: Record<string, unknown>, replace = false) {
  const result = await importFolder(server.store, tenantId, await contentFolder(files), { replace });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
  return result.summary;
}

async function importErrors(tenantId: string, files: Record<string, unknown>, replace = false): Promise<ContentError[]> {
  const result = await importFolder(server.store, tenantId, await contentFolder(files), { replace });
  assert.ok(!result.ok, 'the import should fail');
  return result.errors;
}

const twoSteps = (overrides: Record<string, unknown> = {}) => ({
  steps: [
    { id: 'first', title: 'First', body: '<p>1</p>', choices: [{ label: 'Go on', next: 'second' }, { label: 'Give up', next: 'escalate' }] },
    { id: 'second', title: 'Second', body: '<p>2</p>', next: 'resolved' },
  ],
  ...overrides,
});

describe('content import', () => {
  test('a valid folder is imported: categories.json plus one path per file, in any subfolder', async () => {
    const { id, api } = await tenant();
    const summary = await importOk(id, {
      'categories.json': GENERAL_CATEGORY,
      'a/deep/folder/router.json': makePath('router-setup', { title: 'Router setup', tags: ['Router'], helpIds: ['router'] }),
      'modem.json': makePath('modem-lights', { title: 'Modem lights', ...twoSteps() }),
      '.drafts/unfinished.json': '{ not json, and ignored',
      'notes.txt': 'not content',
    });
    assert.deepEqual(summary, { categories: 1, paths: 2, movedHelpIds: [], deletedPaths: [], deletedCategories: [] });
    assert.deepEqual((await api.get(ROUTES.paths)).body.items.map((p: { id: string }) => p.id), ['modem-lights', 'router-setup']);
    assert.equal((await api.get(routePath(ROUTES.helpId, { helpId: 'router' }))).body.id, 'router-setup');
    assert.equal((await api.get(ROUTES.search, { q: 'modem' })).body.items[0].id, 'modem-lights');
  });

  test('every kind of problem is reported with file, field and reason', async () => {
    const { id } = await tenant();
    const errors = await importErrors(id, {
      'categories.json': [...GENERAL_CATEGORY, { id: 'general', name: 'Twice', description: '', icon: 'Big Icon' }],
      'broken.json': '{\n  "id": "broken",\n  "title": }\n',
      'schema.json': {
        ...makePath('Bad_Id'),
        title: '',
        audience: 'everyone',
        steps: [{ id: 'one', title: 'One', body: '', color: 'red', choices: [{ label: 'x', next: 'Not A Step' }] }],
      },
      'missing.json': { id: 'missing-fields' },
      'targets.json': makePath('bad-targets', {
        firstStep: 'nowhere',
        category: 'no-such-category',
        tags: ['Reset', 'reset'],
        helpIds: ['h1', 'h1'],
        steps: [
          { id: 'a', title: 'A', body: '', choices: [{ label: 'x', next: 'b' }, { label: 'y', next: 'ghost' }] },
          { id: 'a', title: 'A again', body: '', next: 'phantom' },
        ],
      }),
      'one.json': makePath('same-id', { helpIds: ['shared-help'] }),
      'two.json': makePath('same-id', { helpIds: ['shared-help'] }),
    });
    const has = (file: string, field: string, reason: RegExp) =>
      assert.ok(
        errors.some((e) => e.file === file && e.field === field && reason.test(e.reason)),
        `${file} ${field} ${reason} not in\n${errors.map((e) => `${e.file}: ${e.field}: ${e.reason}`).join('\n')}`,
      );
    has('categories.json', '/1/icon', /Expected string to match/);
    has('broken.json', '', /invalid JSON at line 3, column 12/);
    has('schema.json', '/id', /lower-case letters/);
    has('schema.json', '/title', /length/);
    has('schema.json', '/audience', /'consumer' or 'agent' or 'all'/);
    has('schema.json', '/steps/0/color', /Unexpected property/);
    has('schema.json', '/steps/0/choices/0/next', /'resolved' or 'escalate'/);
    has('missing.json', '/title', /required/);
    has('missing.json', '/steps', /required/);
    has('targets.json', '/firstStep', /no step 'nowhere'/);
    has('targets.json', '/category', /no category 'no-such-category'/);
    has('targets.json', '/tags/1', /tag 'reset' is listed twice/);
    has('targets.json', '/helpIds/1', /help-id 'h1' is listed twice/);
    has('targets.json', '/steps/1/id', /step id 'a' is listed twice/);
    has('targets.json', '/steps/0/choices/1/next', /no step 'ghost'/);
    has('targets.json', '/steps/1/next', /no step 'phantom'/);
    has('two.json', '/id', /path id 'same-id' is also used by one.json/);
    has('two.json', '/helpIds/0', /help-id 'shared-help' is also used by one.json/);
  });

  test('a category id listed twice is an error', async () => {
    const { id } = await tenant();
    const errors = await importErrors(id, {
      'categories.json': [...GENERAL_CATEGORY, { id: 'general', name: 'Twice', description: '' }],
    });
    assert.deepEqual(errors, [
      { file: 'categories.json', field: '/1/id', reason: "category id 'general' is listed twice (first at /0/id)" },
    ]);
  });

  test('an empty folder or a missing one is an error, not an empty import', async () => {
    const { id } = await tenant();
    assert.match((await importErrors(id, { 'readme.md': '# nothing' }))[0].reason, /no .json content files/);
    const missing = await importFolder(server.store, id, '/no/such/folder', { replace: true });
    assert.ok(!missing.ok && /not a folder/.test(missing.errors[0].reason));
  });

  test('a folder with any error leaves the database exactly as it was', async () => {
    const { id } = await tenant();
    await importOk(id, { 'categories.json': GENERAL_CATEGORY, 'keep.json': makePath('keep-me', { helpIds: ['keep'] }) });
    const before = snapshot(server.dbFile);
    await importErrors(
      id,
      {
        'categories.json': [{ id: 'fresh', name: 'Fresh', description: '' }],
        'good-1.json': makePath('good-one', { category: 'fresh', helpIds: ['keep'] }),
        'good-2.json': makePath('good-two', { category: 'fresh' }),
        'bad.json': makePath('bad-one', { category: 'fresh', steps: [{ id: 's', title: 'S', body: '', next: 'missing' }] }),
      },
      true,
    );
    assert.deepEqual(snapshot(server.dbFile), before);
  });

  test('a failure while writing rolls the whole import back', async () => {
    const { id } = await tenant();
    await importOk(id, { 'categories.json': GENERAL_CATEGORY, 'keep.json': makePath('keep-me') });
    const before = snapshot(server.dbFile);
    // Bypasses validation: the second path's category does not exist, so the database refuses it
    // after the category and the first path were written.
    await assert.rejects(
      server.store.importContent(
        id,
        {
          categories: [{ id: 'another', name: 'Another', description: '' }],
          paths: [makePath('written-first', { category: 'another' }), makePath('refused', { category: 'ghost' })] as never,
        },
        { replace: true },
      ),
      /FOREIGN KEY/,
    );
    assert.deepEqual(snapshot(server.dbFile), before);
  });

  test('re-importing upserts by id and keeps what the folder does not mention', async () => {
    const { id, api } = await tenant();
    await importOk(id, { 'categories.json': GENERAL_CATEGORY, 'a.json': makePath('alpha'), 'b.json': makePath('beta') });
    await importOk(id, { 'a.json': makePath('alpha', { title: 'Alpha renamed', tags: ['New'] }) });
    const res = await api.get(ROUTES.paths);
    assert.deepEqual(res.body.items.map((p: { id: string; title: string }) => [p.id, p.title]), [
      ['alpha', 'Alpha renamed'],
      ['beta', 'Path beta'],
    ]);
    assert.equal((await api.get(ROUTES.paths, { tags: 'new' })).body.total, 1);
    assert.equal((await api.get(ROUTES.search, { q: 'renamed' })).body.items[0].id, 'alpha');
  });

  test('replace deletes the paths and categories the folder lacks, search index included', async () => {
    const { id, api } = await tenant();
    await importOk(id, {
      'categories.json': [...GENERAL_CATEGORY, { id: 'old', name: 'Old', description: '' }],
      'a.json': makePath('alpha'),
      'z.json': makePath('zebra-crossing', { category: 'old', title: 'Zebra crossing', tags: ['Zebra'], helpIds: ['zebra'] }),
    });
    const summary = await importOk(id, { 'categories.json': GENERAL_CATEGORY, 'a.json': makePath('alpha') }, true);
    assert.deepEqual(summary.deletedPaths, ['zebra-crossing']);
    assert.deepEqual(summary.deletedCategories, ['old']);
    assert.deepEqual((await api.get(ROUTES.paths)).body.items.map((p: { id: string }) => p.id), ['alpha']);
    assert.deepEqual((await api.get(ROUTES.search, { q: 'zebra' })).body.items, []);
    assert.equal((await api.get(routePath(ROUTES.helpId, { helpId: 'zebra' }))).status, 404);
    assert.deepEqual((await api.get(ROUTES.categories)).body.items.map((c: { id: string }) => c.id), ['general']);
  });

  test('paths may use categories already in the database, unless the import replaces them', async () => {
    const { id } = await tenant();
    await importOk(id, { 'categories.json': GENERAL_CATEGORY, 'a.json': makePath('alpha') });
    await importOk(id, { 'b.json': makePath('beta') });
    const errors = await importErrors(id, { 'b.json': makePath('beta') }, true);
    assert.deepEqual(errors, [{ file: 'b.json', field: '/category', reason: "there is no category 'general'" }]);
  });

  test('a help-id claimed by the folder moves from the path that held it', async () => {
    const { id, api } = await tenant();
    await importOk(id, {
      'categories.json': GENERAL_CATEGORY,
      'old.json': makePath('old-home', { helpIds: ['wanderer', 'stays'] }),
    });
    const summary = await importOk(id, { 'new.json': makePath('new-home', { helpIds: ['wanderer'] }) });
    assert.deepEqual(summary.movedHelpIds, [{ helpId: 'wanderer', from: 'old-home', to: 'new-home' }]);
    assert.equal((await api.get(routePath(ROUTES.helpId, { helpId: 'wanderer' }))).body.id, 'new-home');
    assert.deepEqual((await api.get(routePath(ROUTES.path, { id: 'old-home' }))).body.helpIds, ['stays']);
    const list = (await api.get(ROUTES.paths)).body.items;
    assert.deepEqual(list.find((p: { id: string }) => p.id === 'old-home').helpIds, ['stays']);
    assert.deepEqual((await api.get(ROUTES.search, { q: 'wanderer' })).body.items.map((p: { id: string }) => p.id), ['new-home']);
  });

  test('a help-id can also move between two paths of the same folder', async () => {
    const { id, api } = await tenant();
    await importOk(id, { 'categories.json': GENERAL_CATEGORY, 'a.json': makePath('alpha', { helpIds: ['hop'] }), 'b.json': makePath('beta') });
    await importOk(id, { 'a.json': makePath('alpha'), 'b.json': makePath('beta', { helpIds: ['hop'] }) });
    assert.equal((await api.get(routePath(ROUTES.helpId, { helpId: 'hop' }))).body.id, 'beta');
  });

  test('highlight control characters are stripped from content', async () => {
    const { id, api } = await tenant();
    await importOk(id, {
      'categories.json': [{ id: 'general', name: `Gen${MARK_START}eral`, description: `x${MARK_END}` }],
      'a.json': makePath('alpha', {
        title: `Fake ${MARK_START}highlight${MARK_END}`,
        steps: [{ id: 's', title: `S${MARK_END}`, body: `<p>${MARK_START}b</p>` }],
      }),
    });
    const path = (await api.get(routePath(ROUTES.path, { id: 'alpha' }))).body;
    assert.equal(path.title, 'Fake highlight');
    assert.deepEqual(path.steps[0], { id: 's', title: 'S', body: '<p>b</p>' });
    assert.equal((await api.get(ROUTES.categories)).body.items[0].name, 'General');
  });

  test('the demo content and the fixtures are valid content folders', async () => {
    for (const dir of new Set([DEFAULT_DEMO_CONTENT, FIXTURE_CONTENT.demo, FIXTURE_CONTENT.other])) {
      const result = await loadContent(new URL(`../../${dir}`, import.meta.url).pathname);
      assert.ok(result.ok, `${dir}: ${JSON.stringify(!result.ok && result.errors)}`);
    }
  });

  test('a byte-order mark is accepted; an unknown tenant is refused', async () => {
    const { id } = await tenant();
    await importOk(id, { 'categories.json': `\uFEFF${JSON.stringify(GENERAL_CATEGORY)}` });
    await assert.rejects(importFolder(server.store, 'no-such-tenant', '.', { replace: false }), /no tenant/);
  });
});
