import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { cleanupAfterEach, until } from '../../test/browser/env.js';
import { cellsOf, expectEndedThenRetry, expectLoading, expectSaid, focused, mountPage, openConfirm, rowOf, rowPart, say, signedIn, staffAccount, typeInto } from '../../test/browser/people-world.js';
import { navLinks, newTenant, part, portalAs, text } from '../../test/browser/portal-world.js';
import { authorWithPaths, keys } from '../../test/browser/content-world.js';
import type { AccountSession } from '../core/account-session.js';
import type { NexusPortalPaths } from './paths-page.js';

// <nexus-portal-paths> against the real server, as an author of a tenant of its own: the list,
// its search and filters and states; New path, Duplicate, Delete; and who is offered the Content
// pages. The content folder and help-id moves: paths-folder.test.ts.

const cleanup = cleanupAfterEach();

const pathsPage = (session: AccountSession, events?: string[]) => mountPage<NexusPortalPaths>('nexus-portal-paths', session, events);

/** Sets a filter select and lets it apply. */
async function choose(el: NexusPortalPaths, name: string, value: string) {
  const select = part<HTMLSelectElement>(el, name)!;
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('<nexus-portal-paths>', function () {
  this.timeout(90_000);

  it('lists paths with their status, and searches (debounced) and filters by category, tag, audience and status', async () => {
    const { session } = await authorWithPaths(cleanup);
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
    const { session, content } = await authorWithPaths(cleanup);
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
    const { session, content } = await authorWithPaths(cleanup);
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
