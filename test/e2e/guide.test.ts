/**
 * End to end: the Cloud SDK guide's Admin steps, walked as a support team would in Chromium
 * against the reference server with the built bundles. Each test is one step of the guide, from
 * the portal or the console to what a customer then sees.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { TEST_ACCOUNTS, TEST_PASSWORD } from '../../server/test-server.js';
import { openSide, say, startChat, texts, type Side } from './live-pages.js';
import { e2eSetup, eventually, signInAvailable } from './setup.js';

const setup = e2eSetup();

/** A page of the fixture's in its own browser context. */
const open = (path: string) => openSide(setup.browser, `${setup.fixture.url}${path}`);

/** The demo agent console signed in with `token` and available. */
async function consoleOf(token: string): Promise<Side> {
  const agent = await open('/demo/agent.html');
  await signInAvailable(agent.page, token);
  return agent;
}

/** Opens the Transfer dialog of the open session, picks `target` (its label), writes `note` and confirms. */
async function transfer(page: Page, target: string, note: string) {
  await page.locator('[part~="transfer-button"]').click();
  const dialog = page.locator('[part~="transfer-dialog"]');
  await dialog.getByLabel(target, { exact: false }).check();
  await dialog.locator('[part~="transfer-note"]').fill(note);
  await dialog.locator('[part~="transfer-confirm-button"]').click();
}

/** The portal at /portal/, signed in as `email`, on the page named `page` in its navigation. */
async function portalAs(email: string, page: string): Promise<Side> {
  const side = await open('/portal/');
  await side.page.locator('[part~="sign-email-input"]').fill(email);
  await side.page.locator('[part~="sign-password-input"]').fill(TEST_PASSWORD);
  await side.page.locator('[part~="sign-password-input"]').press('Enter');
  await side.page.locator('[part~="nav-link"]').getByText(page, { exact: true }).click();
  return side;
}

/** The customer's search box in the demo page's self help, and the value of its primary colour. */
const selfHelpLooks = (customer: Side) =>
  customer.page.evaluate(() => {
    const selfHelp = document.querySelector('nexus-self-help')!;
    const input = selfHelp.shadowRoot?.querySelector('nexus-search')?.shadowRoot?.querySelector('input');
    return { placeholder: input?.placeholder ?? null, primary: getComputedStyle(selfHelp).getPropertyValue('--nexus-color-primary').trim() };
  });

describe('the guide, step by step', { timeout: 120_000 }, () => {
  it('Session Transfer: an agent hands a chat to another agent with a note, who hands it back to a skill’s queue; the customer loses nothing', async () => {
    const customer = await open('/demo/');
    const alex = await consoleOf(setup.fixture.agents.alex);
    const { customerTranscript, agentTranscript, composer } = await startChat(customer, alex);
    await say(composer, 'My invoice shows the wrong address');
    await agentTranscript.getByText('My invoice shows the wrong address').waitFor();

    // Alex transfers to Sam with a note; the customer is told they are being transferred.
    const sam = await consoleOf(setup.fixture.agents.sam);
    await transfer(alex.page, 'Sam', 'Billing question, address on invoice');
    await alex.page.locator('[part~="transfer-status"]').getByText('Transferred to Sam.').waitFor();
    await customer.page.locator('nexus-chat [part~="system"]').getByText('is transferring you to another agent').waitFor();

    // Sam's offer says who transferred it and shows the note; accepted, Sam has the whole transcript.
    const offer = sam.page.locator('[part~="offer"]');
    await offer.locator('[part~="offer-transfer"]').getByText('Transferred by Alex.').waitFor();
    assert.match((await offer.locator('[part~="offer-note"]').textContent()) ?? '', /Billing question, address on invoice/);
    await offer.locator('[part~="accept-button"]').click();
    const samTranscript = sam.page.locator('[part~="chat"] [part~="transcript"]');
    await samTranscript.getByText('My invoice shows the wrong address').waitFor();
    await say(sam.page.locator('[part~="composer-input"]'), 'Hello, Sam here: I can fix the address.');
    await customerTranscript.getByText('Sam here').waitFor();
    await say(composer, 'Thank you');
    await samTranscript.getByText('Thank you').waitFor();

    // Sam sends it back to the Support queue: an available agent with the skill is offered it, marked as a transfer.
    await transfer(sam.page, 'Support', 'Needs the address change confirmed');
    await sam.page.locator('[part~="transfer-status"]').getByText('Transferred to Support.').waitFor();
    const offered = alex.page.locator('[part~="offer"]');
    await offered.locator('[part~="offer-transfer"]').getByText('Transferred by Sam.').waitFor();
    await offered.locator('[part~="accept-button"]').click();
    await alex.page.locator('[part~="chat"] [part~="transcript"]').getByText('Thank you').waitFor();

    // The customer's transcript holds every message, once, in order.
    assert.deepEqual(await texts(customerTranscript), ['My invoice shows the wrong address', 'Hello, Sam here: I can fix the address.', 'Thank you']);
    for (const side of [customer, alex, sam]) assert.deepEqual(side.problems, []);
    for (const side of [customer, alex, sam]) await side.context.close();
  });
  it('Skills and Users: the admin adds a skill and an agent who has it; the agent signs in to the console with the generated password and takes a chat asked for in that skill', async () => {
    const admin = await portalAs(TEST_ACCOUNTS.demo.admin, 'Skills');
    await admin.page.locator('[part~="skill-name-input"]').fill('Billing');
    assert.equal(await admin.page.locator('[part~="skill-id-input"]').inputValue(), 'billing', 'the id suggested from the name');
    await admin.page.locator('[part~="add-button"]').click();
    await admin.page.locator('[part~="skills-table"] [part~="row"]').getByText('Billing').first().waitFor();

    await admin.page.locator('[part~="nav-link"]').getByText('Users', { exact: true }).click();
    const form = admin.page.locator('[part~="add-form"]');
    await form.locator('[part~="email-input"]').fill('bea@demo.example');
    await form.locator('[part~="name-input"]').fill('Bea Billing');
    await form.locator('[part~="role-select"]').selectOption('agent');
    await form.locator('[part~="skills-choice"][value="billing"]').check();
    await form.locator('[part~="save-button"]').click();
    const password = await admin.page.locator('[part~="password-output"]').inputValue();
    assert.ok(password.length >= 10, 'a generated password, shown once');
    await admin.page.locator('[part~="users-table"] [part~="row"]').getByText('bea@demo.example').waitFor();

    // Bea signs in to the console with her email and that password and goes available.
    const bea = await open('/demo/agent.html');
    await bea.page.locator('[part~="email-input"]').fill('bea@demo.example');
    await bea.page.locator('[part~="password-input"]').fill(password);
    await bea.page.locator('[part~="password-input"]').press('Enter');
    await bea.page.locator('[part~="agent-name"]').getByText('Bea Billing').waitFor();
    const toggle = bea.page.locator('[part~="status-switch"]');
    if ((await toggle.getAttribute('aria-checked')) !== 'true') await toggle.click();
    await eventually(async () => (await toggle.getAttribute('aria-checked')) === 'true', 'Bea is available');

    // A customer asks for a chat in Billing: it is offered to Bea, who takes it.
    const customer = await open('/demo/');
    await customer.page.evaluate(() => document.querySelector('nexus-live-help')!.setAttribute('skill', 'billing'));
    const { composer, agentTranscript } = await startChat(customer, bea);
    await say(composer, 'A question about my bill');
    await agentTranscript.getByText('A question about my bill').waitFor();
    for (const side of [admin, bea, customer]) assert.deepEqual(side.problems, []);
    for (const side of [admin, bea, customer]) await side.context.close();
  });

  it('Self-Support Branding: an uploaded theme file and a customized string show in the customer’s self help; Reset to default takes both back', async () => {
    const admin = await portalAs(TEST_ACCOUNTS.demo.admin, 'Self-Support Branding');
    const before = await open('/demo/');
    await before.page.locator('nexus-self-help nexus-search').waitFor();
    const defaults = await selfHelpLooks(before);
    await before.context.close();

    // Upload Theme file: hosted by the server, its URL in the Theme URL field.
    await admin.page.locator('[part~="upload-theme-input"]').setInputFiles({ name: 'acme.css', mimeType: 'text/css', buffer: Buffer.from(':host { --nexus-color-primary: rgb(1, 2, 3); }\n') });
    await eventually(async () => /\/v1\/themes\/demo\//.test(await admin.page.locator('[part~="theme-url-input"]').inputValue()), 'the hosted theme URL');

    // Strings Customization: the search box's placeholder, for every locale, then Update.
    await admin.page.locator('[part~="filter-input"]').fill('searchPlaceholder');
    const row = admin.page.locator('[part~="string-row"][data-key="searchPlaceholder"]');
    await row.locator('[part~="string-input"]').fill('Ask Acme anything');
    await admin.page.locator('[part~="update-button"]').click();
    await row.locator('[part~="customized"]').waitFor();

    const customer = await open('/demo/');
    await eventually(async () => {
      const looks = await selfHelpLooks(customer);
      return looks.primary === 'rgb(1, 2, 3)' && looks.placeholder === 'Ask Acme anything';
    }, 'the theme and the string in the customer’s self help');

    // Reset to default: the string (at once), and the theme file (after a confirm).
    await row.locator('[part~="string-reset-button"]').click();
    await row.locator('[part~="customized"]').waitFor({ state: 'detached' });
    await admin.page.locator('[part~="reset-theme-button"]').click();
    await admin.page.locator('[part~="confirm-button"]').click();
    await eventually(async () => (await admin.page.locator('[part~="theme-url-input"]').inputValue()) === '', 'the theme URL cleared');
    const after = await open('/demo/');
    await eventually(async () => JSON.stringify(await selfHelpLooks(after)) === JSON.stringify(defaults), 'the defaults again');
    for (const side of [admin, customer, after]) assert.deepEqual(side.problems, []);
    for (const side of [admin, customer, after]) await side.context.close();
  });
  it('Application Tokens: the admin adds a token, a page embeds self help with its JWT and loads the categories; once revoked, the same page is refused', async () => {
    const admin = await portalAs(TEST_ACCOUNTS.demo.admin, 'Application Tokens');
    await admin.page.locator('[part~="add-button"]').click();
    await admin.page.locator('[part~="name-input"]').fill('Acme shop');
    await admin.page.locator('[part~="save-button"]').click();
    const jwt = await admin.page.locator('[part~="jwt-field"]').inputValue();
    assert.match(jwt, /^[\w-]+\.[\w-]+\.[\w-]+$/, 'the JWT, shown at once');
    const row = admin.page.locator('nexus-portal-tokens [part~="row"]').filter({ hasText: 'Acme shop' });
    await row.waitFor();

    /** A page of the site that places self help with the JWT; the categories' state once settled. */
    const embed = async () => {
      const site = await open('/demo/');
      const state = await site.page.evaluate(
        async ({ server, token }) => {
          const selfHelp = document.createElement('nexus-self-help');
          selfHelp.setAttribute('server', server);
          selfHelp.setAttribute('token', token);
          selfHelp.setAttribute('display-order', 'categories');
          document.body.append(selfHelp);
          for (let i = 0; i < 300; i++) {
            const categories = selfHelp.shadowRoot?.querySelector('nexus-categories');
            const now = categories?.getAttribute('state') ?? selfHelp.getAttribute('state');
            if (now === 'ready' || now === 'error') return now;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          return 'timed out';
        },
        { server: setup.fixture.url, token: jwt },
      );
      await site.context.close();
      return { state, problems: site.problems };
    };
    assert.equal((await embed()).state, 'ready', 'the categories load with the new token');

    await row.locator('[part~="revoke-button"]').click();
    await admin.page.locator('[part~="confirm-button"]').click();
    await row.getByText('Revoked').waitFor();
    const refused = await embed();
    assert.equal(refused.state, 'error', 'a revoked token is refused');
    assert.deepEqual(admin.problems, []);
    await admin.context.close();
  });

  it('Configurations: with Allow Session Transfer turned off in the portal, a console offers no Transfer; turned on again, it does', async () => {
    const admin = await portalAs(TEST_ACCOUNTS.demo.admin, 'Configurations');
    const allow = admin.page.locator('[part~="allow-transfer-switch"]');
    await eventually(async () => (await allow.isChecked()) === true, 'transfer allowed, as by default');
    await allow.click();
    await eventually(async () => (await allow.isChecked()) === false && !(await allow.getAttribute('aria-busy'))?.includes('true'), 'the switch saved off');

    const customer = await open('/demo/');
    const alex = await consoleOf(setup.fixture.agents.alex);
    await startChat(customer, alex);
    await alex.page.locator('[part~="composer-input"]').waitFor();
    assert.equal(await alex.page.locator('[part~="transfer-button"]').count(), 0, 'no Transfer action');

    await allow.click();
    await eventually(async () => (await allow.isChecked()) === true, 'the switch saved on');
    // A console signed in from now on reads the switch on: Alex's chat has its Transfer action again.
    const again = await consoleOf(setup.fixture.agents.alex);
    await again.page.locator('[part~="session"]').first().click();
    await again.page.locator('[part~="transfer-button"]').waitFor();
    await again.context.close();
    for (const side of [admin, customer, alex]) await side.context.close();
  });
});
