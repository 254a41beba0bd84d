/**
 * End to end: the Cloud SDK guide's Admin steps, walked as a support team would in Chromium
 * against the reference server with the built bundles. Each test is one step of the guide, from
 * the portal or the console to what a customer then sees.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { openSide, say, startChat, texts, type Side } from './live-pages.js';
import { e2eSetup, signInAvailable } from './setup.js';

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
});
