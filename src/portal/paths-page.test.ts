import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { cleanupAfterEach, until } from '../../test/browser/env.js';
import { cellsOf, expectEndedThenRetry, expectLoading, expectSaid, focused, mountPage, openConfirm, rowOf, rowPart, say, signedIn, staffAccount, typeInto } from '../../test/browser/people-world.js';
import { navLinks, newTenant, part, portalAs, text } from '../../test/browser/portal-world.js';
import { readZip } from '../../test/browser/zip-reader.js';
import type { AccountSession } from '../core/account-session.js';
import type { GuidedPath } from '../protocol/schemas.js';
import type { NexusDataTable } from './data-table.js';
import type { NexusPortalPaths } from './paths-page.js';

// <nexus-portal-paths> against the real server, as an author of a tenant of its own: the list,
// its search and filters and states; New path, Duplicate, Delete; export and import of the
// content folder; moving a help-id; and who is offered the Content pages.

const cleanup = cleanupAfterEach();

const pathsPage = (session: AccountSession, events?: string[]) => mountPage<NexusPortalPaths>('nexus-portal-paths', session, events);

const doc = (id: string, title: string, extra: Partial<GuidedPath> = {}): GuidedPath => ({
  id,
  title,
  summary: '',
  category: 'garden',
  tags: [],
  helpIds: [],
  audience: 'consumer',
  steps: [{ id: 'one', title: 'Look', body: '<p>Look at it.</p>' }],
  ...extra,
});

/** An author of a new tenant with categories garden and kitchen and three paths: published, published and changed, draft. */
async function authorWithPaths() {
  const tenant = await newTenant();
  const session = await signedIn(await staffAccount('author', { tenant }), cleanup);
  const content = session.admin.content;
  await content.createCategory({ id: 'garden', name: 'Garden', description: '' });
  await content.createCategory({ id: 'kitchen', name: 'Kitchen', description: '' });
  await content.create(doc('lamp', 'Garden lamp stays off', { tags: ['Lights'], helpIds: ['lamp-help'] }));
  await content.publish('lamp', 1);
  await content.create(doc('pump', 'Pond pump hums', { tags: ['Water'], helpIds: ['pump-help'], audience: 'all' }));
  await content.publish('pump', 1);
  await content.save('pump', 2, doc('pump', 'Pond pump hums loudly', { tags: ['Water', 'Lights'], helpIds: ['pump-help'], audience: 'all' }));
  await content.create(doc('kettle', 'Kettle will not boil', { category: 'kitchen', audience: 'agent' }));
  return { tenant, session, content };
}

const keys = (table: NexusDataTable) => table.rows.map((row) => row.id);

/** Sets a filter select and lets it apply. */
async function choose(el: NexusPortalPaths, name: string, value: string) {
  const select = part<HTMLSelectElement>(el, name)!;
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Chooses `files` (name in the folder → text) in the import's folder input, as a folder choice gives them. */
async function chooseFolder(el: NexusPortalPaths, files: Record<string, string>) {
  const transfer = new DataTransfer();
  for (const [name, text] of Object.entries(files)) transfer.items.add(new File([text], name.split('/').pop()!, { type: 'application/json' }));
  const input = part<HTMLInputElement>(el, 'folder-input')!;
  input.files = transfer.files;
  const names = Object.keys(files);
  [...input.files].forEach((file, i) => Object.defineProperty(file, 'webkitRelativePath', { value: `content/${names[i]}` }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await until(() => part(el, 'chosen'), 'the files read');
}

describe('<nexus-portal-paths>', function () {
  this.timeout(90_000);

  it('lists paths with their status, and searches (debounced) and filters by category, tag, audience and status', async () => {
    const { session } = await authorWithPaths();
    const { el, table } = await pathsPage(session);
    expect(keys(table), 'by title').to.deep.equal(['lamp', 'kettle', 'pump']);
    const lamp = cellsOf(table, 'lamp');
    expect(lamp.slice(0, 6)).to.deep.equal(['Garden lamp stays off', 'lamp', 'Garden', say('portalPathStatusPublished'), say('portalAudienceConsumer'), 'Lights']);
    expect(cellsOf(table, 'pump').slice(0, 6)).to.deep.equal(['Pond pump hums loudly', 'pump', 'Garden', say('portalPathStatusChanged'), say('portalAudienceAll'), 'Water, Lights']);
    expect(cellsOf(table, 'kettle').slice(2, 6)).to.deep.equal(['Kitchen', say('portalPathStatusDraft'), say('portalAudienceAgent'), say('portalPeopleNone')]);
    expect(rowOf(table, 'lamp')!.querySelector('time')!.getAttribute('datetime')).to.match(/^\d{4}-\d\d-\d\dT/);
    expect(rowOf(table, 'lamp')!.querySelector('a')!.getAttribute('href'), 'the title opens the editor').to.equal('#/path/lamp');
    await expect(el).to.be.accessible();

    // Search: typed words, once the typing pauses.
    const search = part<HTMLInputElement>(el, 'search-input')!;
    await typeInto(search, 'POND');
    await until(() => keys(table).join() === 'pump', 'the search applied');
    await typeInto(search, 'help lamp');
    await until(() => keys(table).join() === 'lamp', 'words of the help-ids too');
    search.select();
    await sendKeys({ press: 'Backspace' });
    await until(() => keys(table).length === 3, 'everything again');

    await choose(el, 'category-filter', 'kitchen');
    await until(() => keys(table).join() === 'kettle', 'the category filter');
    await choose(el, 'category-filter', '');
    await choose(el, 'status-filter', 'changed');
    await until(() => keys(table).join() === 'pump', 'the status filter');
    await choose(el, 'status-filter', '');
    await choose(el, 'audience-filter', 'consumer');
    await until(() => keys(table).join() === 'lamp', 'the audience filter');
    await choose(el, 'audience-filter', '');
    const tag = part<HTMLInputElement>(el, 'tag-filter')!;
    expect([...el.shadowRoot!.querySelectorAll('#filter-tags option')].map((o) => o.getAttribute('value')), 'the tags seen offered').to.deep.equal(['Lights', 'Water']);
    await typeInto(tag, 'lights');
    await sendKeys({ press: 'Enter' });
    await until(() => keys(table).join() === 'lamp,pump', 'the tag filter, any case');

    // Nothing matches: said, with Clear filters, which shows everything again.
    await choose(el, 'status-filter', 'draft');
    await until(() => table.state === 'empty', 'no match');
    expect(text(part(table, 'empty'))).to.equal(say('portalPathsNoMatch'));
    await expect(el).to.be.accessible();
    part(el, 'clear-button')!.click();
    await until(() => keys(table).length === 3, 'the filters cleared');
    expect(tag.value).to.equal('');
    expect(focused(el)).to.equal(search);
  });

  it('New path: a draft with the title, the id suggested from it and the category, then its editor opens; refusals at the field', async () => {
    const { session, content } = await authorWithPaths();
    const { el, table } = await pathsPage(session);
    cleanup.push(() => history.replaceState(null, '', location.pathname + location.search));
    part(el, 'new-button')!.click();
    await until(() => part(el, 'new-form'), 'the form');
    expect(focused(el)).to.equal(el.shadowRoot!.querySelector('#path-form-heading'));
    await expect(el).to.be.accessible();

    // The id of an existing path: refused at the id field.
    await typeInto(part<HTMLInputElement>(el, 'title-input')!, 'Lamp');
    expect(part<HTMLInputElement>(el, 'id-input')!.value).to.equal('lamp');
    part(el, 'create-button')!.click();
    await until(() => text(el.shadowRoot!.querySelector('#path-category-error')) === say('portalPathsCategoryRequired'), 'the category asked for');
    expect(focused(el)).to.equal(part(el, 'category-input'));
    part<HTMLSelectElement>(el, 'category-input')!.value = 'garden';
    part(el, 'create-button')!.click();
    await until(() => text(el.shadowRoot!.querySelector('#path-id-error')) === say('portalPathsExists'), 'the id refused');
    expect(part(el, 'id-input')!.getAttribute('aria-invalid')).to.equal('true');
    expect(focused(el)).to.equal(part(el, 'id-input'));
    expect(part(el, 'action-error'), 'said at the field only').to.equal(null);
    await expect(el).to.be.accessible();

    await typeInto(part<HTMLInputElement>(el, 'id-input')!, 'sprinkler');
    await typeInto(part<HTMLInputElement>(el, 'title-input')!, 'Sprinkler will not start');
    expect(part<HTMLInputElement>(el, 'id-input')!.value, 'an id typed stays').to.equal('sprinkler');
    await sendKeys({ press: 'Enter' });
    await until(() => location.hash === '#/path/sprinkler', 'the editor opened');
    await expectSaid(el, 'notice', say('portalPathsCreated', { title: 'Sprinkler will not start', id: 'sprinkler' }));
    const made = await content.get('sprinkler');
    expect([made.status, made.draft!.path.title, made.draft!.path.category, made.draft!.path.steps.length]).to.deep.equal(['draft', 'Sprinkler will not start', 'garden', 1]);
    expect(table).to.exist;
  });

  it('duplicates a path as a draft, and deletes one after a confirm naming the help-ids it takes away', async () => {
    const { session, content } = await authorWithPaths();
    const { el, table } = await pathsPage(session);
    rowPart(table, 'lamp', 'duplicate-button')!.click();
    await until(() => part(el, 'duplicate-form'), 'the Duplicate form');
    expect(text(el.shadowRoot!.querySelector('#path-form-heading'))).to.equal(say('portalPathsDuplicateHeading', { title: 'Garden lamp stays off' }));
    expect(part<HTMLInputElement>(el, 'id-input')!.value).to.equal('lamp-copy');
    expect(part<HTMLInputElement>(el, 'title-input')!.value).to.equal('Garden lamp stays off (copy)');
    await expect(el).to.be.accessible();
    await typeInto(part<HTMLInputElement>(el, 'title-input')!, 'Porch lamp stays off');
    expect(part<HTMLInputElement>(el, 'id-input')!.value, 'the suggested id stays').to.equal('lamp-copy');
    await sendKeys({ press: 'Enter' });
    await expectSaid(el, 'notice', say('portalPathsDuplicated', { from: 'Garden lamp stays off', title: 'Porch lamp stays off', id: 'lamp-copy' }));
    expect(cellsOf(table, 'lamp-copy').slice(0, 4)).to.deep.equal(['Porch lamp stays off', 'lamp-copy', 'Garden', say('portalPathStatusDraft')]);
    expect(focused(el), 'the copy has the focus').to.equal(rowOf(table, 'lamp-copy'));
    expect(part(el, 'duplicate-form')).to.equal(null);
    expect((await content.get('lamp-copy')).draft!.path.helpIds).to.deep.equal([]);

    // Delete: the confirm names the help-ids; Cancel keeps the path.
    rowPart(table, 'lamp', 'delete-button')!.click();
    let dialog = await openConfirm(el);
    expect(text(part(dialog, 'target'))).to.equal('Garden lamp stays off (lamp)');
    expect(text(part(dialog, 'message'))).to.equal(`${say('portalPathsDeleteHelpIds', { helpIds: 'lamp-help' })} ${say('portalPathsDeleteWhat')}`);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog.open, 'the dialog closed');
    expect(rowOf(table, 'lamp'), 'kept').to.not.equal(null);
    rowPart(table, 'lamp', 'delete-button')!.click();
    dialog = await openConfirm(el);
    part(dialog, 'confirm-button')!.click();
    await expectSaid(el, 'notice', say('portalPathsDeletedHelpIds', { title: 'Garden lamp stays off', helpIds: 'lamp-help' }));
    await until(() => rowOf(table, 'lamp') === null, 'the row gone');
    expect((await content.links('pump')).helpIds).to.deep.equal(['pump-help']);
    expect((await content.list()).items.map((p) => p.id)).to.not.include('lamp');

    // A path without help-ids says so.
    rowPart(table, 'lamp-copy', 'delete-button')!.click();
    dialog = await openConfirm(el);
    expect(text(part(dialog, 'message'))).to.equal(`${say('portalPathsDeleteNoHelpIds')} ${say('portalPathsDeleteWhat')}`);
    part(dialog, 'confirm-button')!.click();
    await expectSaid(el, 'notice', say('portalPathsDeleted', { title: 'Porch lamp stays off' }));
  });

  it('moves a help-id to another published path, saying from which to which', async () => {
    const { session, content } = await authorWithPaths();
    const { el } = await pathsPage(session);
    const target = await until(() => {
      const select = part<HTMLSelectElement>(el, 'help-id-target');
      return select && select.options.length > 1 ? select : undefined;
    }, 'the published paths');
    expect([...target!.options].map((o) => o.value), 'published paths only').to.deep.equal(['', 'lamp', 'pump']);
    part(el, 'move-button')!.click();
    await until(() => text(el.shadowRoot!.querySelector('#help-id-error')) === say('portalHelpIdRequired'), 'the help-id asked for');
    expect(focused(el)).to.equal(part(el, 'help-id-input'));
    await typeInto(part<HTMLInputElement>(el, 'help-id-input')!, 'lamp-help');
    target!.value = 'pump';
    part(el, 'move-button')!.click();
    await expectSaid(el, 'notice', say('portalHelpIdMoved', { helpId: 'lamp-help', from: 'Garden lamp stays off', to: 'Pond pump hums loudly' }));
    expect((await content.links('pump')).helpIds.sort()).to.deep.equal(['lamp-help', 'pump-help']);
    expect((await content.links('lamp')).helpIds).to.deep.equal([]);
    expect(part(el, 'help-id-error' as string)).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('exports the published content as a .zip of the folder, and imports a folder (Replace after a confirm), listing a refused folder’s problems', async () => {
    const { tenant, session, content } = await authorWithPaths();
    const { el, table } = await pathsPage(session);

    // Export: the download is caught where the page clicks its link.
    const clicked: { href: string; download: string }[] = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    };
    cleanup.push(() => (HTMLAnchorElement.prototype.click = click));
    part(el, 'export-button')!.click();
    await until(() => clicked.length === 1, 'the download');
    HTMLAnchorElement.prototype.click = click;
    const day = new Date();
    const name = `content-${tenant}-${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}.zip`;
    expect(clicked[0].download).to.equal(name);
    const entries = readZip(new Uint8Array(await (await fetch(clicked[0].href)).arrayBuffer()));
    expect(entries.map((e) => e.name).sort(), 'published paths only, in their category folders').to.deep.equal(['categories.json', 'garden/lamp.json', 'garden/pump.json']);
    expect((JSON.parse(entries.find((e) => e.name === 'garden/pump.json')!.text) as GuidedPath).title, 'as published').to.equal('Pond pump hums');
    await expectSaid(el, 'notice', `Exported 3 files as ${name}.`);

    // A folder with a broken file: nothing imported, each problem listed.
    const files = Object.fromEntries(entries.map((e) => [e.name, e.text]));
    const lamp = JSON.parse(files['garden/lamp.json']) as GuidedPath;
    await chooseFolder(el, { ...files, 'garden/lamp.json': JSON.stringify({ ...lamp, title: '' }), 'notes/readme.md': 'not read' });
    expect(text(part(el, 'chosen'))).to.equal('3 files chosen: categories.json, garden/lamp.json, garden/pump.json');
    part(el, 'import-button')!.click();
    await expectSaid(el, 'action-error', 'Nothing was imported: the files have a problem, listed below.');
    const problems = [...part(el, 'import-problems')!.querySelectorAll('li')].map(text);
    expect(problems).to.have.length(1);
    expect(problems[0]).to.match(/^garden\/lamp\.json#\/title: /);
    await expect(el).to.be.accessible();

    // Replace with a folder of the lamp only: asked first; Cancel imports nothing.
    await chooseFolder(el, { 'categories.json': files['categories.json'], 'garden/lamp.json': JSON.stringify({ ...lamp, title: 'Lamp, from git' }) });
    expect(part(el, 'import-problems'), 'the old problems cleared').to.equal(null);
    part<HTMLInputElement>(el, 'replace-input')!.click();
    part(el, 'import-button')!.click();
    let dialog = await openConfirm(el);
    expect(text(part(dialog, 'heading'))).to.equal(say('portalPathsImportConfirm'));
    expect(text(part(dialog, 'message'))).to.equal(say('portalPathsImportConfirmWhat'));
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog.open, 'the dialog closed');
    expect((await content.get('lamp')).published!.title).to.equal('Garden lamp stays off');
    part(el, 'import-button')!.click();
    dialog = await openConfirm(el);
    part(dialog, 'confirm-button')!.click();
    await expectSaid(el, 'notice', 'Imported 1 path and 2 categories. Deleted paths: pump.');
    expect((await content.get('lamp')).published!.title).to.equal('Lamp, from git');
    await until(() => cellsOf(table, 'lamp')[0] === 'Lamp, from git', 'the list follows');
    expect(cellsOf(table, 'pump')[3], 'the published path the folder lacked is gone; its draft stays').to.equal(say('portalPathStatusDraft'));
    expect((await content.get('pump')).published).to.equal(null);
    expect(keys(table)).to.include('kettle');
    expect(part(el, 'chosen'), 'the choice cleared').to.equal(null);
  });

  it('states: empty in a new tenant, loading, the error of an ended session, retry; an author is offered the Content pages, agents and supervisors are not', async () => {
    const tenant = await newTenant();
    const session = await signedIn(await staffAccount('author', { tenant }), cleanup);
    await expectLoading('nexus-portal-paths', session);
    const events: string[] = [];
    const { el, table } = await pathsPage(session, events);
    expect(table.state).to.equal('empty');
    expect(text(part(table, 'empty'))).to.equal(say('portalPathsEmpty'));
    expect(text(el.shadowRoot!.querySelector('#help-id-target-hint'))).to.equal(say('portalHelpIdNoPublished'));
    await expect(el).to.be.accessible();
    let again: AccountSession | undefined;
    await expectEndedThenRetry({ el, table, events }, session, async () => (again = await signedIn(await staffAccount('author', { tenant }), cleanup)), 'empty');
    await again!.signOut();

    const author = await portalAs(cleanup, { tenant, role: 'author' });
    expect(navLinks(author).map((a) => [a.getAttribute('href'), text(a)])).to.deep.equal([
      ['#/account', say('portalPageAccount')],
      ['#/paths', say('portalPagePaths')],
      ['#/categories', say('portalPageCategories')],
    ]);
    expect(text(author.shadowRoot!.querySelector('#nav-content'))).to.equal(say('portalNavContent'));
    navLinks(author)[1].click();
    const opened = (await until(() => author.shadowRoot!.querySelector<NexusPortalPaths>('nexus-portal-paths'), 'the Guided paths page'))!;
    await until(() => focused(opened)?.id === 'page-heading', 'its heading focused');
    await author.signOut();
    author.remove();
    history.replaceState(null, '', location.pathname + location.search);

    for (const role of ['agent', 'supervisor'] as const) {
      const other = await portalAs(cleanup, { tenant, role });
      const links = navLinks(other).map((a) => a.getAttribute('href'));
      expect(links, role).to.not.include.members(['#/paths']);
      expect(links, role).to.not.include('#/categories');
      await other.signOut();
      other.remove();
    }
  });
});
