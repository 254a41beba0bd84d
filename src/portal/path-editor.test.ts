import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { cleanupAfterEach, until, pressChord } from '../../test/browser/env.js';
import { expectSaid, focused, openConfirm, say, signedIn, typeInto } from '../../test/browser/people-world.js';
import { newAccount, newTenant, part, server, text } from '../../test/browser/portal-world.js';
import { AccountSession } from '../core/account-session.js';
import type { GuidedPath } from '../protocol/schemas.js';
import type { NexusRichTextEditor } from './rich-text-editor.js';
import type { NexusPortalPathEditor } from './path-editor.js';
import './path-editor.js';

// <nexus-portal-path-editor> against the real server, signed in as an author of a tenant of its
// own: details and text saved and read again, steps reordered by keyboard and by drag, the
// publish checks shown at the step, the conflict of a save made elsewhere first, and history.

const cleanup = cleanupAfterEach();

const PATH: GuidedPath = {
  id: 'garden-light',
  title: 'Garden light stays off',
  summary: 'When the garden light does not come on.',
  category: 'garden',
  tags: ['Garden'],
  helpIds: ['garden-light-help'],
  audience: 'consumer',
  steps: [
    { id: 'fuse', title: 'Check the fuse', body: '<p>Open the box and look at the fuse.</p>', choices: [{ label: 'It is fine', next: 'bulb' }, { label: 'It is blown', next: 'replace' }] },
    { id: 'bulb', title: 'Change the bulb', body: '<p>Try a new bulb.</p>' },
    { id: 'replace', title: 'Replace the fuse', body: '<p>Put in a fuse of the same rating.</p>', next: 'resolved' },
  ],
};

/** An author of a new tenant (with the category `garden` and the path PATH as a draft), signed in. */
async function author(name = 'Robin Author', tenant?: string) {
  tenant ??= await newTenant();
  const session = await signedIn(await newAccount({ tenant, role: 'author', name }), cleanup);
  await session.admin.content.createCategory({ id: 'garden', name: 'Garden', description: '' });
  await session.admin.content.createCategory({ id: 'lighting', name: 'Lighting', description: '' });
  await session.admin.content.create(PATH);
  return session;
}

/** The editor of `id` acting as `session`, once the path and its text editors are shown. */
async function editor(session: AccountSession, id = PATH.id) {
  const errors: string[] = [];
  const el = await fixture<NexusPortalPathEditor>(html`<nexus-portal-path-editor .session=${session} .param=${id} @nexus-error=${(e: CustomEvent<{ code: string }>) => errors.push(e.detail.code)}></nexus-portal-path-editor>`);
  await until(() => part(el, 'title-input'), 'the path loaded', 15_000);
  await until(() => textEditors(el).length && textEditors(el).every((t) => t.shadowRoot?.querySelector('[part~="content"]')), 'the text editors', 15_000);
  return { el, errors };
}

const steps = (el: HTMLElement) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="step"]')];
const stepIds = (el: HTMLElement) => steps(el).map((s) => s.querySelector<HTMLInputElement>('[part~="step-id-input"]')!.value);
const stepPart = <T extends HTMLElement = HTMLButtonElement>(el: HTMLElement, id: string, name: string) =>
  steps(el)
    .find((s) => s.querySelector<HTMLInputElement>('[part~="step-id-input"]')!.value === id)!
    .querySelector<T>(`[part~="${name}"]`)!;
const stepOf = (el: HTMLElement, id: string) => steps(el).find((s) => s.querySelector<HTMLInputElement>('[part~="step-id-input"]')!.value === id)!;
const textEditors = (el: HTMLElement) => [...el.shadowRoot!.querySelectorAll<NexusRichTextEditor>('nexus-rich-text-editor')];

function choose(select: HTMLSelectElement, value: string) {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('<nexus-portal-path-editor>', function () {
  this.timeout(90_000);

  it('edits the details and a step’s text, saves the draft, and the path read again has them', async () => {
    const session = await author();
    const { el } = await editor(session);
    expect(text(part(el, 'status'))).to.equal(`${say('portalPathStatusDraft')} · ${say('portalPathRevision', { revision: 1 })}`);
    expect(text(el.shadowRoot!.querySelector('#page-heading'))).to.equal(say('portalPathEditing', { title: PATH.title }));
    await expect(el).to.be.accessible();

    await typeInto(part<HTMLInputElement>(el, 'title-input')!, 'Garden light will not come on');
    await typeInto(part<HTMLInputElement>(el, 'summary-input')!, 'Fuse, bulb, or live help.');
    choose(part<HTMLSelectElement>(el, 'category-select')!, 'lighting');
    // Tags: Enter and a comma add; the button removes.
    await typeInto(part<HTMLInputElement>(el, 'tag-input')!, 'Outdoor');
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: 'Lamps,' });
    await el.updateComplete;
    const tokens = () => [...part(el, 'details')!.querySelectorAll('[part~="token"]')].map(text);
    expect(tokens()).to.deep.equal(['Garden ×', 'Outdoor ×', 'Lamps ×', 'garden-light-help ×']);
    part(el, 'tag-input')!.parentElement!.querySelector<HTMLButtonElement>(`[aria-label="${say('portalPathRemoveToken', { value: 'Garden' })}"]`)!.click();
    await expectSaid(el, 'notice', say('portalPathTokenRemoved', { value: 'Garden' }));
    expect(focused(el), 'the focus goes back to the field').to.equal(part(el, 'tag-input'));
    // A value the schema refuses is said, not added.
    await sendKeys({ type: 'no,' });
    await typeInto(part<HTMLInputElement>(el, 'help-id-input')!, 'bad id!');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(text(el.shadowRoot!.querySelector('#helpIds-hint'))).to.equal(say('portalPathHelpIdInvalid', { value: 'bad id!' }));
    expect(part(el, 'help-id-input')!.getAttribute('aria-invalid')).to.equal('true');
    await typeInto(part<HTMLInputElement>(el, 'help-id-input')!, 'garden-lamp');
    await sendKeys({ press: 'Enter' });
    part(el, 'audience')!.querySelector<HTMLInputElement>('input[value="all"]')!.click();

    // The first step's text, typed in its rich text editor.
    const body = textEditors(el)[0].shadowRoot!.querySelector<HTMLElement>('[part~="content"]')!;
    body.focus();
    await pressChord('Control+End');
    await sendKeys({ type: ' It is in the garage.' });
    await el.updateComplete;
    expect(text(part(el, 'status'))).to.contain(say('portalPathUnsaved'));
    await expect(el).to.be.accessible();

    part(el, 'save-button')!.click();
    await expectSaid(el, 'notice', say('portalPathSaved', { revision: 2 }));
    expect(text(part(el, 'status'))).to.not.contain(say('portalPathUnsaved'));
    const saved = (await session.admin.content.get(PATH.id)).draft!.path;
    expect([saved.title, saved.summary, saved.category, saved.tags, saved.helpIds, saved.audience]).to.deep.equal([
      'Garden light will not come on',
      'Fuse, bulb, or live help.',
      'lighting',
      ['Outdoor', 'Lamps', 'no'],
      ['garden-light-help', 'garden-lamp'],
      'all',
    ]);
    expect(saved.steps[0].body).to.equal('<p>Open the box and look at the fuse. It is in the garage.</p>');

    // Read again (a reload): the page shows what was saved.
    el.remove();
    const again = (await editor(session)).el;
    expect(part<HTMLInputElement>(again, 'title-input')!.value).to.equal('Garden light will not come on');
    expect(part<HTMLSelectElement>(again, 'category-select')!.value).to.equal('lighting');
    expect(textEditors(again)[0].value).to.equal('<p>Open the box and look at the fuse. It is in the garage.</p>');
    expect(text(part(again, 'status'))).to.equal(`${say('portalPathStatusDraft')} · ${say('portalPathRevision', { revision: 2 })}`);
  });

  it('a step’s Image button uploads to the server’s image hosting; the saved step shows the hosted image', async () => {
    const session = await author();
    const { el } = await editor(session);
    const text0 = textEditors(el)[0];
    text0.shadowRoot!.querySelector<HTMLButtonElement>('[data-tool="image"]')!.click();
    const form = await until(() => text0.shadowRoot!.querySelector<HTMLFormElement>('[part~="image-form"]'), 'the image form');
    const canvas = document.createElement('canvas');
    canvas.width = 2;
    canvas.height = 1;
    const png = await new Promise<Blob>((resolve) => canvas.toBlob((blob) => resolve(blob!), 'image/png'));
    const files = new DataTransfer();
    files.items.add(new File([png], 'fuse-box.png', { type: 'image/png' }));
    form!.querySelector<HTMLInputElement>('input[type="file"]')!.files = files.files;
    form!.querySelector<HTMLInputElement>('#editor-alt')!.value = 'The fuse box, lid open';
    form!.requestSubmit();
    await until(() => !text0.shadowRoot!.querySelector('[part~="image-form"]'), 'the image inserted', 15_000);
    part(el, 'save-button')!.click();
    await expectSaid(el, 'notice', say('portalPathSaved', { revision: 2 }));
    const body = new DOMParser().parseFromString((await session.admin.content.get(PATH.id)).draft!.path.steps[0].body, 'text/html');
    const image = body.querySelector('img')!;
    expect(image.getAttribute('alt')).to.equal('The fuse box, lid open');
    expect(image.getAttribute('src')).to.match(/^https?:\/\/[^/]+\/v1\/content-images\/[^/]+\/[0-9a-f]{64}\.png$/);
  });

  it('reorders steps by keyboard (Move up/down, Alt+Arrow on the handle: the focus follows, the move is said) and by drag and drop', async () => {
    const session = await author();
    const { el } = await editor(session);
    expect(stepIds(el)).to.deep.equal(['fuse', 'bulb', 'replace']);
    expect(stepPart(el, 'fuse', 'move-up-button').disabled, 'the first cannot go up').to.equal(true);

    stepPart(el, 'fuse', 'move-down-button').click();
    await expectSaid(el, 'notice', say('portalPathStepMoved', { title: 'Check the fuse', position: 2, count: 3 }));
    expect(stepIds(el)).to.deep.equal(['bulb', 'fuse', 'replace']);
    expect(focused(el), 'the focus follows the step').to.equal(stepPart(el, 'fuse', 'move-down-button'));

    // Alt+Arrow Up on the handle moves it up; at the top, Move up is disabled and the handle keeps the focus.
    stepPart(el, 'replace', 'drag-handle').focus();
    await pressChord('Alt+ArrowUp');
    await expectSaid(el, 'notice', say('portalPathStepMoved', { title: 'Replace the fuse', position: 2, count: 3 }));
    await pressChord('Alt+ArrowUp');
    await expectSaid(el, 'notice', say('portalPathStepMoved', { title: 'Replace the fuse', position: 1, count: 3 }));
    expect(stepIds(el)).to.deep.equal(['replace', 'bulb', 'fuse']);
    expect(focused(el)).to.equal(stepPart(el, 'replace', 'drag-handle'));
    expect(stepPart(el, 'replace', 'drag-handle').getAttribute('aria-label')).to.equal(say('portalPathStepHandle', { title: 'Replace the fuse', position: 1, count: 3 }));
    await pressChord('Alt+ArrowDown');
    await until(() => stepIds(el)[1] === 'replace', 'moved down');
    expect(focused(el)).to.equal(stepPart(el, 'replace', 'drag-handle'));
    await expect(el).to.be.accessible();

    // Drag the last step's handle and drop it on the upper half of the first step: it goes first.
    const dataTransfer = new DataTransfer();
    stepPart(el, 'fuse', 'drag-handle').dispatchEvent(new DragEvent('dragstart', { bubbles: true, composed: true, dataTransfer }));
    const target = stepOf(el, 'bulb');
    const box = target.getBoundingClientRect();
    const over = new DragEvent('dragover', { bubbles: true, cancelable: true, composed: true, dataTransfer, clientX: box.left + 10, clientY: box.top + 5 });
    target.dispatchEvent(over);
    expect(over.defaultPrevented, 'the step takes the drop').to.equal(true);
    await el.updateComplete;
    expect(target.getAttribute('data-drop'), 'the drop line shows above it').to.equal('before');
    expect(getComputedStyle(target, '::before').content).to.not.equal('none');
    target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, composed: true, dataTransfer, clientX: box.left + 10, clientY: box.top + 5 }));
    stepPart(el, 'fuse', 'drag-handle').dispatchEvent(new DragEvent('dragend', { bubbles: true, composed: true, dataTransfer }));
    await expectSaid(el, 'notice', say('portalPathStepMoved', { title: 'Check the fuse', position: 1, count: 3 }));
    expect(stepIds(el)).to.deep.equal(['fuse', 'bulb', 'replace']);
    expect(steps(el).some((s) => s.hasAttribute('data-drop')), 'the line is gone').to.equal(false);

    part(el, 'save-button')!.click();
    await expectSaid(el, 'notice', say('portalPathSaved', { revision: 2 }));
    expect((await session.admin.content.get(PATH.id)).draft!.path.steps.map((s) => s.id)).to.deep.equal(['fuse', 'bulb', 'replace']);
  });

  it('a choice leading nowhere blocks publishing: the problem is listed and shown at its step; fixed, the path publishes', async () => {
    const session = await author();
    const { el } = await editor(session);
    // Remove "Change the bulb": the confirm says which step leads to it.
    stepPart(el, 'bulb', 'remove-step-button').click();
    const dialog = await openConfirm(el);
    expect(text(part(dialog, 'message'))).to.equal(say('portalPathRemoveStepLeading', { steps: 'Check the fuse' }));
    part(dialog, 'confirm-button')!.click();
    await expectSaid(el, 'notice', say('portalPathStepRemoved', { title: 'Change the bulb' }));
    expect(stepIds(el)).to.deep.equal(['fuse', 'replace']);
    const target = stepOf(el, 'fuse').querySelectorAll<HTMLSelectElement>('[part~="choice-target-select"]')[0];
    expect(target.selectedOptions[0].textContent!.trim(), 'the choice leads nowhere, and says so').to.equal(say('portalPathTargetMissing', { id: 'bulb' }));

    part(el, 'publish-button')!.click();
    await until(() => part(el, 'problems'), 'the problems listed');
    const problem = say('portalCheckChoiceTargetMissing', { step: 'Check the fuse', choice: 1, label: 'It is fine' });
    expect(part(el, 'problems')!.getAttribute('role')).to.equal('alert');
    expect([...part(el, 'problems')!.querySelectorAll('li')].map(text)).to.deep.equal([problem]);
    expect(focused(el), 'the list has the focus').to.equal(el.shadowRoot!.querySelector('#problems-heading'));
    expect(text(stepOf(el, 'fuse').querySelector('[part~="choice-problems"]')), 'shown at the choice').to.equal(problem);
    expect(target.getAttribute('aria-invalid')).to.equal('true');
    expect((await session.admin.content.get(PATH.id)).status, 'not published').to.equal('draft');
    await expect(el).to.be.accessible();
    part(el, 'problem-link')!.click();
    expect(focused(el), 'the link goes to the step').to.equal(stepOf(el, 'fuse'));

    // Fixed: the choice ends the path; publishing saves first, then publishes.
    choose(target, 'resolved');
    part(el, 'publish-button')!.click();
    await expectSaid(el, 'notice', say('portalPathPublished', { version: 1 }));
    expect(part(el, 'problems')).to.equal(null);
    expect(text(part(el, 'status'))).to.contain(say('portalPathStatusPublished'));
    const published = (await session.admin.content.get(PATH.id)).published!;
    expect(published.steps.map((s) => s.id)).to.deep.equal(['fuse', 'replace']);
    expect(published.steps[0].choices![0]).to.deep.equal({ label: 'It is fine', next: 'resolved' });
    await until(() => part(el, 'versions'), 'the history');
    expect([...part(el, 'versions')!.querySelectorAll('tbody tr')].map((r) => text(r.querySelector('td')))).to.deep.equal([say('portalPathVersionNumber', { version: 1 })]);
    await expect(el).to.be.accessible();
  });

  it('another session saves first: nothing is overwritten, the conflict says who; Keep editing keeps the copy, Load their version loads theirs', async () => {
    const session = await author('Robin Author');
    const { el, errors } = await editor(session);
    await typeInto(part<HTMLInputElement>(el, 'title-input')!, 'My title');

    // The same author in another tab (a second session object on the browser's session) saves first.
    const other = (await AccountSession.resume({ server }))!;
    await other.admin.content.save(PATH.id, 1, { ...PATH, title: 'Their title' });

    part(el, 'save-button')!.click();
    await until(() => part(el, 'conflict'), 'the conflict');
    const conflict = part(el, 'conflict')!;
    expect(conflict.getAttribute('role')).to.equal('alert');
    expect(text(conflict.querySelector('p'))).to.match(new RegExp(`^Robin Author saved it on .+ \\(revision 2\\)\\. Your changes were not saved, and nothing was overwritten\\.$`));
    expect(focused(el)).to.equal(el.shadowRoot!.querySelector('#conflict-heading'));
    expect(errors).to.include('edit_conflict');
    expect((await session.admin.content.get(PATH.id)).draft!.path.title, 'theirs stays').to.equal('Their title');
    await expect(el).to.be.accessible();

    part(el, 'keep-editing-button')!.click();
    await expectSaid(el, 'notice', say('portalPathKeptEditing'));
    expect(part<HTMLInputElement>(el, 'title-input')!.value, 'my copy stays').to.equal('My title');
    // Saving again meets the conflict again: never silently over theirs.
    part(el, 'save-button')!.click();
    await until(() => part(el, 'conflict'), 'the conflict again');
    part(el, 'load-theirs-button')!.click();
    const dialog = await openConfirm(el);
    expect(text(part(dialog, 'message'))).to.equal(say('portalPathLoadTheirsLost'));
    part(dialog, 'confirm-button')!.click();
    await until(() => part<HTMLInputElement>(el, 'title-input')?.value === 'Their title', 'their version loaded', 15_000);
    expect(part(el, 'conflict')).to.equal(null);
    expect(text(part(el, 'status'))).to.equal(`${say('portalPathStatusDraft')} · ${say('portalPathRevision', { revision: 2 })}`);
  });

  it('history lists the versions with who published them; compare lists a changed title; restore makes a version the draft', async () => {
    const session = await author('Robin Author');
    const content = session.admin.content;
    await content.publish(PATH.id, 1);
    await content.save(PATH.id, 2, { ...PATH, title: 'Garden light, second words' });
    await content.publish(PATH.id, 3);
    const { el } = await editor(session);
    await until(() => part(el, 'versions'), 'the versions');
    const rows = () => [...part(el, 'versions')!.querySelectorAll('tbody tr')].map((r) => [...r.querySelectorAll('td')].slice(0, 2).map(text));
    expect(rows()).to.deep.equal([
      [say('portalPathVersionNumber', { version: 2 }), 'Robin Author'],
      [say('portalPathVersionNumber', { version: 1 }), 'Robin Author'],
    ]);

    await typeInto(part<HTMLInputElement>(el, 'title-input')!, 'Garden light, third words');
    part(el, 'versions')!.querySelector<HTMLButtonElement>('tr[data-version="1"] [part~="compare-button"]')!.click();
    await until(() => part(el, 'compare'), 'the comparison');
    const compare = part(el, 'compare')!;
    expect(text(compare.querySelector('h3'))).to.equal(say('portalPathCompareHeading', { version: 1 }));
    expect([...compare.querySelectorAll('.differences > li')].map(text)).to.deep.equal([
      `${say('portalPathTitle')} ${say('portalPathCompareBefore')} ${PATH.title} ${say('portalPathCompareAfter')} Garden light, third words`,
    ]);
    expect(focused(el)).to.equal(compare.querySelector('h3'));
    await expect(el).to.be.accessible();

    part(el, 'versions')!.querySelector<HTMLButtonElement>('tr[data-version="1"] [part~="restore-button"]')!.click();
    const dialog = await openConfirm(el);
    expect(text(part(dialog, 'message'))).to.equal(say('portalPathRestoreUnsaved'));
    part(dialog, 'confirm-button')!.click();
    await expectSaid(el, 'notice', say('portalPathRestored', { version: 1 }));
    expect(part<HTMLInputElement>(el, 'title-input')!.value).to.equal(PATH.title);
    expect(text(part(el, 'status'))).to.contain(say('portalPathStatusChanged'));
    const info = await content.get(PATH.id);
    expect([info.status, info.draft!.path.title, info.published!.title]).to.deep.equal(['changed', PATH.title, 'Garden light, second words']);
  });

  it('previews the unsaved draft in the real guided path with the tenant’s customized strings', async () => {
    // The tenant's admin customizes a string first (the browser holds one sign-in: the author's comes after).
    const tenant = await newTenant();
    const admin = await signedIn(await newAccount({ tenant, role: 'admin', name: 'Ada Admin' }), cleanup);
    await admin.admin.branding.update({ setStrings: { '*': { guideProgress: 'Part {current} of {total}' } } });
    const session = await author('Robin Author', tenant);
    const { el } = await editor(session);
    await typeInto(part<HTMLInputElement>(el, 'title-input')!, 'Garden light, as previewed');
    const preview = part(el, 'preview')!;
    const guide = () => preview.shadowRoot!.querySelector<HTMLElement>('nexus-guided-path');
    await until(() => guide()?.shadowRoot?.querySelector('[part~="progress"]'), 'the previewed path');
    await until(() => /^Part 1 of \d+$/.test(text(guide()!.shadowRoot!.querySelector('[part~="progress"]'))), 'the tenant’s words for the progress');
    expect(guide()!.shadowRoot!.textContent).to.contain('Garden light, as previewed');
  });

  it('says when there is no such path (with the way back), and asks before leaving with unsaved changes (the tab, or another page of the portal)', async () => {
    const session = await author();
    const errors: string[] = [];
    const missing = await fixture<NexusPortalPathEditor>(html`<nexus-portal-path-editor .session=${session} .param=${'no-such-path'} @nexus-error=${(e: CustomEvent<{ code: string }>) => errors.push(e.detail.code)}></nexus-portal-path-editor>`);
    await until(() => part(missing, 'not-found'), 'the refusal');
    expect(text(part(missing, 'not-found'))).to.equal(say('portalPathNotFound', { id: 'no-such-path' }));
    expect(part(missing, 'back-link')!.getAttribute('href')).to.equal('#/paths');
    expect(errors).to.deep.equal(['path_not_found']);
    await expect(missing).to.be.accessible();
    missing.remove();

    const { el } = await editor(session);
    const leave = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(leave(), 'nothing to lose').to.equal(false);
    await typeInto(part<HTMLInputElement>(el, 'title-input')!, 'Changed');
    expect(leave(), 'unsaved changes: the browser asks').to.equal(true);

    // Another page of the portal (the hash changes): the address goes back and the page asks; Cancel stays.
    const here = location.href;
    cleanup.push(() => history.replaceState(null, '', here));
    const heard: string[] = [];
    const listen = () => heard.push(location.hash);
    window.addEventListener('hashchange', listen);
    cleanup.push(() => window.removeEventListener('hashchange', listen));
    location.hash = '#/users';
    let dialog = await openConfirm(el);
    expect(location.href, 'the address went back').to.equal(here);
    expect(heard, 'the portal is not told').to.deep.equal([]);
    expect(text(part(dialog, 'message'))).to.equal(say('portalPathLeaveLost'));
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog.open, 'the dialog closed');
    expect(part<HTMLInputElement>(el, 'title-input')!.value, 'still editing').to.equal('Changed');
    location.hash = '#/users';
    dialog = await openConfirm(el);
    part(dialog, 'confirm-button')!.click();
    await until(() => heard.length === 1, 'the page left');
    expect(location.hash).to.equal('#/users');
    history.replaceState(null, '', here);
    await typeInto(part<HTMLInputElement>(el, 'title-input')!, 'Changed');
    part(el, 'save-button')!.click();
    await expectSaid(el, 'notice', say('portalPathSaved', { revision: 2 }));
    expect(leave()).to.equal(false);
  });
});
