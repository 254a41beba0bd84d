import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { cleanupAfterEach, until } from '../../test/browser/env.js';
import { cellsOf, expectEndedThenRetry, expectLoading, expectSaid, focused, mountPage, openConfirm, rowOf, rowPart, say, signedIn, staffAccount, typeInto } from '../../test/browser/people-world.js';
import { newTenant, part, text } from '../../test/browser/portal-world.js';
import type { AccountSession } from '../core/account-session.js';
import type { NexusPortalCategories } from './categories-page.js';

// <nexus-portal-categories> against the real server, as an author of a tenant of its own: add
// (the id suggested from the name), refusals at the field, edit, delete (refused while a path is
// in it, saying how many), and the page's states.

const cleanup = cleanupAfterEach();

const categoriesPage = (session: AccountSession, events?: string[]) => mountPage<NexusPortalCategories>('nexus-portal-categories', session, events);

async function author() {
  const tenant = await newTenant();
  return { tenant, session: await signedIn(await staffAccount('author', { tenant }), cleanup) };
}

/** A field (or button) of the add form. */
const field = (el: HTMLElement, name: string) => el.shadowRoot!.querySelector<HTMLInputElement>(`[part~="add-form"] [part~="${name}"]`)!;

describe('<nexus-portal-categories>', function () {
  this.timeout(60_000);

  it('an author adds a category (id suggested from the name), sees refusals at the field, edits it', async () => {
    const { session } = await author();
    const { el, table } = await categoriesPage(session);
    expect(table.state).to.equal('empty');
    expect(text(part(table, 'empty'))).to.equal(say('portalCategoriesEmpty'));
    await expect(el).to.be.accessible();

    await typeInto(field(el, 'name-input'), 'Garden & Patio');
    expect(field(el, 'id-input').value, 'suggested from the name').to.equal('garden-patio');
    await typeInto(field(el, 'description-input') as unknown as HTMLInputElement, 'Lights and pumps outside.');
    await typeInto(field(el, 'order-input'), '20');
    field(el, 'name-input').focus();
    await sendKeys({ press: 'Enter' });
    await expectSaid(el, 'notice', say('portalCategoryAdded', { name: 'Garden & Patio', id: 'garden-patio' }));
    expect(cellsOf(table, 'garden-patio').slice(0, 6)).to.deep.equal(['Garden & Patio', 'garden-patio', 'Lights and pumps outside.', say('portalPeopleNone'), '20', '0']);
    expect(focused(el), 'the new row has the focus').to.equal(rowOf(table, 'garden-patio'));
    expect((await session.admin.content.categories()).map((c) => [c.id, c.order])).to.deep.equal([['garden-patio', 20]]);

    // The same id again: refused at the id field, which takes the focus.
    await typeInto(field(el, 'name-input'), 'Garden patio');
    field(el, 'save-button').click();
    const idInput = field(el, 'id-input');
    await until(() => idInput.getAttribute('aria-invalid') === 'true', 'the id refused');
    expect(text(el.shadowRoot!.querySelector('#add-id-error'))).to.equal(say('portalCategoryExists'));
    expect(idInput.getAttribute('aria-describedby')).to.contain('add-id-error');
    expect(focused(el)).to.equal(idInput);
    expect(part(el, 'action-error'), 'said at the field only').to.equal(null);
    await expect(el).to.be.accessible();
    // A wrong icon is said before it is sent.
    await typeInto(idInput, 'patio');
    await typeInto(field(el, 'icon-input'), 'Not An Icon');
    field(el, 'save-button').click();
    await until(() => text(el.shadowRoot!.querySelector('#add-icon-error')) === say('portalCategoryIconInvalid'), 'the icon refused');
    expect(focused(el)).to.equal(field(el, 'icon-input'));

    // Edit: Enter on the row opens the editor; name and icon change.
    rowOf(table, 'garden-patio')!.focus();
    await sendKeys({ press: 'Enter' });
    const editor = (await until(() => part(el, 'editor'), 'the editor'))!;
    expect(focused(el)).to.equal(el.shadowRoot!.querySelector('#editor-heading'));
    await typeInto(editor.querySelector('[part~="name-input"]')!, 'Garden');
    await typeInto(editor.querySelector('[part~="icon-input"]')!, 'leaf');
    await sendKeys({ press: 'Enter' });
    await expectSaid(el, 'notice', say('portalCategorySaved', { name: 'Garden' }));
    await until(() => cellsOf(table, 'garden-patio')[0] === 'Garden', 'the new name in the table');
    expect(cellsOf(table, 'garden-patio')[3]).to.equal('leaf');
    const [saved] = await session.admin.content.categories();
    expect([saved.name, saved.icon, saved.description, saved.order]).to.deep.equal(['Garden', 'leaf', 'Lights and pumps outside.', 20]);
    await expect(el).to.be.accessible();
  });

  it('deletes only an empty category: refused while a path is in it, saying how many; confirmed, it goes', async () => {
    const { session } = await author();
    const content = session.admin.content;
    await content.createCategory({ id: 'kitchen', name: 'Kitchen', description: '' });
    await content.create({ id: 'kettle', title: 'Kettle', summary: '', category: 'kitchen', tags: [], helpIds: [], audience: 'all', steps: [{ id: 'one', title: 'One', body: '' }] });
    const { el, table } = await categoriesPage(session);
    expect(cellsOf(table, 'kitchen')[5]).to.equal('1');

    rowPart(table, 'kitchen', 'delete-button')!.click();
    let dialog = await openConfirm(el);
    expect(text(part(dialog, 'target'))).to.equal('Kitchen (kitchen)');
    expect(text(part(dialog, 'message'))).to.equal('A path is in it: the server refuses to delete the category until that path is moved to another category or deleted.');
    await expect(el).to.be.accessible();
    part(dialog, 'confirm-button')!.click();
    await expectSaid(el, 'action-error', 'The category still has a path: move it to another category or delete it first.');
    expect(rowOf(table, 'kitchen'), 'kept').to.not.equal(null);

    await content.remove('kettle');
    await table.reload();
    rowPart(table, 'kitchen', 'delete-button')!.click();
    dialog = await openConfirm(el);
    expect(text(part(dialog, 'message'))).to.equal(say('portalCategoryDeleteWhat'));
    part(dialog, 'confirm-button')!.click();
    await expectSaid(el, 'notice', say('portalCategoryDeleted', { name: 'Kitchen' }));
    expect(rowOf(table, 'kitchen')).to.equal(null);
    expect(await content.categories()).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('states: loading, and the error of an ended session (the portal is told), then retry', async () => {
    const { tenant, session } = await author();
    await expectLoading('nexus-portal-categories', session);
    const events: string[] = [];
    const { el, table } = await categoriesPage(session, events);
    await expectEndedThenRetry({ el, table, events }, session, async () => signedIn(await staffAccount('author', { tenant }), cleanup), 'empty');
  });
});
