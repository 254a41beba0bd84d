/**
 * End to end: guided paths authored in the portal, as issue 13 names it. An author of the demo
 * tenant writes a branching path with an image in the portal at /portal/ and publishes it; a
 * customer finds it from the demo page's search and walks one branch, image shown. The author
 * moves a help-id to it, publishes a second version and restores the first; an admin and the
 * author edit the same path and the one who saves second gets the conflict, nothing overwritten.
 * Everything goes through the real bundles, server and SQLite store.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { TEST_ACCOUNTS, TEST_PASSWORD } from '../../server/test-server.js';
import { e2eSetup, eventually, watchedPage } from './setup.js';

const setup = e2eSetup();

/** A 1×1 PNG: what an author uploads from their computer. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const TITLE = 'Porch light flickers at night';
const ID = 'porch-light-flickers-at-night';

async function signIn(page: Page, email: string) {
  await page.goto(`${setup.fixture.url}/portal/`);
  await page.locator('[part~="sign-email-input"]').fill(email);
  await page.locator('[part~="sign-password-input"]').fill(TEST_PASSWORD);
  await page.locator('[part~="sign-password-input"]').press('Enter');
  await page.locator('[part~="account"]').getByText(email).waitFor();
}

/** The editor's step `step-<n>` (the editor's steps carry `data-key`; the preview's do not). */
const step = (page: Page, id: string) => page.locator('nexus-portal-path-editor [part~="step"][data-key]').nth(Number(id.slice('step-'.length)) - 1);

/** Types `words` at the end of a step's rich text. */
async function typeBody(page: Page, index: number, words: string) {
  const body = page.locator('nexus-portal-path-editor nexus-rich-text-editor').nth(index).locator('[part~="content"]');
  await body.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(words);
}

const notice = (page: Page) => page.locator('nexus-portal-path-editor [part~="notice"]');

describe('authoring guided paths in the portal', { timeout: 180_000 }, () => {
  it('an author writes a branching path with an image and publishes it; a customer finds it by search and walks it', async () => {
    const { context, page, problems } = await watchedPage(setup.browser);
    try {
      await signIn(page, TEST_ACCOUNTS.demo.author);
      await page.locator('[part~="nav-link"]').getByText('Guided paths').click();
      await page.locator('nexus-portal-paths [part~="new-button"]').click();
      const form = page.locator('nexus-portal-paths [part~="new-form"]');
      await form.locator('[part~="title-input"]').fill(TITLE);
      assert.equal(await form.locator('[part~="id-input"]').inputValue(), ID, 'the id is suggested from the title');
      await form.locator('[part~="category-input"]').selectOption('lighting');
      await form.locator('[part~="create-button"]').click();
      await eventually(async () => (await page.evaluate(() => location.hash)) === `#/path/${ID}`, 'the editor of the new path');

      // Three steps; the first asks which it is and branches.
      const editor = page.locator('nexus-portal-path-editor');
      await step(page, 'step-1').locator('[part~="step-title-input"]').fill('Check the bulb');
      await typeBody(page, 0, 'Turn the light off and feel whether the bulb is loose.');
      // An image, uploaded to the server from the editor's toolbar.
      const firstText = editor.locator('nexus-rich-text-editor').first();
      await firstText.locator('[data-tool="image"]').click();
      const imageForm = firstText.locator('[part~="image-form"]');
      await imageForm.locator('input[type="file"]').setInputFiles({ name: 'porch-light.png', mimeType: 'image/png', buffer: PNG });
      await imageForm.locator('#editor-alt').fill('The porch light, bulb in its socket');
      await imageForm.locator('button[type="submit"]').click();
      await imageForm.waitFor({ state: 'detached' });
      await editor.locator('[part~="add-step-button"]').click();
      await step(page, 'step-2').locator('[part~="step-title-input"]').fill('Tighten the bulb');
      await typeBody(page, 1, 'Screw the bulb in until it is snug.');
      await step(page, 'step-2').locator('[part~="next-select"]').selectOption('resolved');
      await editor.locator('[part~="add-step-button"]').click();
      await step(page, 'step-3').locator('[part~="step-title-input"]').fill('Replace the motion sensor');
      await typeBody(page, 2, 'A bulb that is tight and still flickers means the sensor is worn.');
      const first = step(page, 'step-1');
      await first.locator('[part~="leads-select"]').selectOption('choices');
      await first.locator('[part~="choice-label-input"]').first().fill('It is loose');
      await first.locator('[part~="add-choice-button"]').click();
      await first.locator('[part~="choice-label-input"]').nth(1).fill('It is tight');
      await first.locator('[part~="choice-target-select"]').nth(1).selectOption('step-3');

      await editor.locator('[part~="publish-button"]').click();
      await notice(page).getByText('Published as version 1.').waitFor();
      const published = await page.evaluate(async (id) => (await fetch(`/v1/admin/content/paths/${id}`)).json(), ID);
      assert.equal(published.status, 'published');
      assert.deepEqual(
        published.published.steps[0].choices.map((c: { label: string; next: string }) => [c.label, c.next]),
        [['It is loose', 'step-2'], ['It is tight', 'step-3']],
      );
      assert.match(published.published.steps[0].body, /<img [^>]*src="https?:\/\/[^"]+\/v1\/content-images\/demo\/[0-9a-f]{64}\.png"/);

      // A customer on the demo page finds it by searching, and walks the "tight" branch.
      const customer = await watchedPage(setup.browser);
      try {
        await customer.page.goto(`${setup.fixture.url}/demo/`);
        await customer.page.getByRole('combobox', { name: 'Search help' }).fill('porch light flickers');
        const option = customer.page.getByRole('option').first();
        await option.waitFor();
        assert.match(await option.innerText(), new RegExp(TITLE));
        await option.click();
        const guide = customer.page.locator('nexus-guided-path');
        await guide.getByRole('heading', { name: 'Check the bulb' }).waitFor();
        const image = guide.getByRole('img', { name: 'The porch light, bulb in its socket' });
        await eventually(() => image.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth === 1), 'the hosted image shown');
        await guide.getByRole('button', { name: 'It is tight' }).click();
        await guide.getByRole('heading', { name: 'Replace the motion sensor' }).waitFor();
        assert.deepEqual(customer.problems, []);
      } finally {
        await customer.context.close();
      }
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('the author moves a help-id to the path, publishes a second version and restores the first', async () => {
    const { context, page, problems } = await watchedPage(setup.browser);
    try {
      await signIn(page, TEST_ACCOUNTS.demo.author);
      await page.locator('[part~="nav-link"]').getByText('Guided paths').click();
      const helpIdForm = page.locator('nexus-portal-paths [part~="help-id-form"]');
      await helpIdForm.locator('[part~="help-id-input"]').fill('bulb-reset');
      await helpIdForm.locator('[part~="help-id-target"]').selectOption(ID);
      await helpIdForm.locator('[part~="move-button"]').click();
      await page.locator('nexus-portal-paths [part~="notice"]').getByText(/bulb-reset/).waitFor();
      const links = await page.evaluate(async (id) => (await fetch(`/v1/admin/content/paths/${id}/links`)).json(), ID);
      assert.deepEqual(links.helpIds, ['bulb-reset']);

      await page.evaluate((id) => (location.hash = `#/path/${id}`), ID);
      const editor = page.locator('nexus-portal-path-editor');
      const title = editor.locator('[part~="title-input"]');
      await eventually(async () => (await title.inputValue()) === TITLE, 'the path in the editor');
      await title.fill(`${TITLE}, second words`);
      await editor.locator('[part~="publish-button"]').click();
      await eventually(async () => (await editor.locator('[part~="versions"] tr[data-version="2"]').count()) === 1, 'version 2 in the history');
      const second = await page.evaluate(async (id) => (await fetch(`/v1/admin/content/paths/${id}`)).json(), ID);
      assert.deepEqual(second.published.helpIds, ['bulb-reset'], 'the moved help-id is in the next version');

      await editor.locator('[part~="versions"] tr[data-version="1"] [part~="restore-button"]').click();
      await editor.locator('nexus-confirm-dialog [part~="confirm-button"]').click();
      await eventually(async () => (await title.inputValue()) === TITLE, 'version 1 restored as the draft');
      await editor.locator('[part~="publish-button"]').click();
      await eventually(async () => (await editor.locator('[part~="versions"] tr[data-version="3"]').count()) === 1, 'version 3 published');
      const info = await page.evaluate(async (id) => (await fetch(`/v1/admin/content/paths/${id}`)).json(), ID);
      assert.equal(info.published.title, TITLE, 'what customers read is the first version again');
      assert.deepEqual(info.published.helpIds, ['bulb-reset'], 'the help-id stays with the path');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('two people edit the same path: the one who saves second gets the conflict, and nothing is overwritten', async () => {
    const author = await watchedPage(setup.browser);
    const admin = await watchedPage(setup.browser);
    try {
      await signIn(author.page, TEST_ACCOUNTS.demo.author);
      await signIn(admin.page, TEST_ACCOUNTS.demo.admin);
      for (const { page } of [author, admin]) {
        await page.evaluate((id) => (location.hash = `#/path/${id}`), ID);
        await page.locator('nexus-portal-path-editor [part~="title-input"]').waitFor();
      }
      await admin.page.locator('nexus-portal-path-editor [part~="summary-input"]').fill('Saved by the admin first.');
      await admin.page.locator('nexus-portal-path-editor [part~="save-button"]').click();
      await notice(admin.page).getByText(/^Draft saved/).waitFor();

      await author.page.locator('nexus-portal-path-editor [part~="summary-input"]').fill('The author’s words, saved second.');
      await author.page.locator('nexus-portal-path-editor [part~="save-button"]').click();
      const conflict = author.page.locator('nexus-portal-path-editor [part~="conflict"]');
      await conflict.waitFor();
      assert.match(await conflict.innerText(), /Someone else saved this path first/);
      assert.match(await conflict.innerText(), /admin/);
      const info = await author.page.evaluate(async (id) => (await fetch(`/v1/admin/content/paths/${id}`)).json(), ID);
      assert.equal(info.draft.path.summary, 'Saved by the admin first.', 'the first save stands');
      assert.equal(await author.page.locator('nexus-portal-path-editor [part~="summary-input"]').inputValue(), 'The author’s words, saved second.', 'the author keeps their copy');
      // The server's 409 is a console message in the browser, by design.
      assert.deepEqual(author.problems.filter((problem) => !problem.includes('status of 409')), []);
      assert.deepEqual(admin.problems, []);
    } finally {
      await author.context.close();
      await admin.context.close();
    }
  });
});
