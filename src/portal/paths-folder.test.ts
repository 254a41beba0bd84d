import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { authorWithPaths, chooseFolder, keys } from '../../test/browser/content-world.js';
import { cleanupAfterEach, until } from '../../test/browser/env.js';
import { cellsOf, expectSaid, focused, mountPage, openConfirm, say, typeInto } from '../../test/browser/people-world.js';
import { part, text } from '../../test/browser/portal-world.js';
import { readZip } from '../../test/browser/zip-reader.js';
import type { AccountSession } from '../core/account-session.js';
import type { GuidedPath } from '../protocol/schemas.js';
import type { NexusPortalPaths } from './paths-page.js';

// <nexus-portal-paths> against the real server, as an author of a tenant of its own: moving a
// help-id, and the content folder: export as a .zip (read back), import of a folder with
// problems, and Replace after a confirm.

const cleanup = cleanupAfterEach();

const pathsPage = (session: AccountSession) => mountPage<NexusPortalPaths>('nexus-portal-paths', session);

describe('<nexus-portal-paths>: help-ids and the content folder', function () {
  this.timeout(90_000);

  it('moves a help-id to another published path, saying from which to which', async () => {
    const { session, content } = await authorWithPaths(cleanup);
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
    const { tenant, session, content } = await authorWithPaths(cleanup);
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
});
