/**
 * End to end: the Web Reference Application (demo/support.html and demo/ivr.html), the Cloud SDK
 * guide's "Support +" menu built on the NexusConnectSDK script, in Chromium against the reference
 * server with the built bundle.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { e2eSetup, watchedPage } from './setup.js';

const setup = e2eSetup();

async function open(path: string): Promise<{ page: Page; problems: string[] }> {
  const { page, problems } = await watchedPage(setup.browser);
  await page.goto(`${setup.fixture.url}${path}`);
  return { page, problems };
}

const pathTitle = (page: Page) => page.locator('#help-container nexus-self-help nexus-guided-path [part~="title"]');
const listTitles = (page: Page) => page.locator('#help-container nexus-self-help nexus-path-list [part~="item-title"]');

describe('the Web Reference Application', () => {
  it('Support 1: the search box searches by text and the icons by tag', async () => {
    const { page, problems } = await open('/demo/support.html?example=support-1');
    await page.locator('#help-container nexus-self-help').waitFor();
    await page.getByRole('searchbox', { name: 'Search help' }).fill('thermostat battery');
    await page.locator('#controls').getByRole('button', { name: 'Search', exact: true }).click();
    await listTitles(page).first().waitFor();
    assert.match((await listTitles(page).first().textContent()) ?? '', /thermostat/i);

    await page.locator('button[data-tag="Camera"]').click();
    await page.waitForFunction(() => document.querySelector('#help-container nexus-self-help')?.getAttribute('search-value') === 'Camera' || (document.querySelector('#help-container nexus-self-help') as unknown as { searchValue: string })?.searchValue === 'Camera');
    await listTitles(page).first().waitFor();
    const titles = await listTitles(page).allTextContents();
    assert.ok(titles.some((title) => /camera/i.test(title)), titles.join(' | '));
    assert.deepEqual(problems, []);
  });

  it('Support 2 and 3: buttons and the Quick Setup Guide link open paths by help-id', async () => {
    const { page, problems } = await open('/demo/support.html?example=support-2');
    await page.getByRole('button', { name: 'Reset a bulb' }).click();
    await pathTitle(page).waitFor();
    assert.match((await pathTitle(page).textContent()) ?? '', /reset/i);

    await page.goto(`${setup.fixture.url}/demo/support.html?example=support-3`);
    await page.getByRole('link', { name: 'Quick Setup Guide' }).click();
    await pathTitle(page).waitFor();
    assert.match((await pathTitle(page).textContent()) ?? '', /hub/i);
    assert.deepEqual(problems, []);
  });

  it('Support 4: Support 3 with the custom theme from setCustomizationOptions', async () => {
    const { page, problems } = await open('/demo/support.html?example=support-4');
    await page.getByRole('link', { name: 'Quick Setup Guide' }).click();
    await pathTitle(page).waitFor();
    const themed = await page.evaluate(() => {
      const self = document.querySelector('#help-container nexus-self-help')!;
      const guide = self.shadowRoot!.querySelector('nexus-guided-path')!;
      const links = [...guide.shadowRoot!.querySelectorAll('link[rel="stylesheet"]')].map((link) => (link as HTMLLinkElement).href);
      return { links, primary: getComputedStyle(guide).getPropertyValue('--nexus-color-primary').trim(), font: getComputedStyle(guide).fontFamily };
    });
    assert.ok(themed.links.some((href) => href.endsWith('/demo/themes/ocean.css')), themed.links.join(' '));
    assert.ok(themed.links.some((href) => href.endsWith('/demo/themes/ocean-steps.css')), themed.links.join(' '));
    assert.equal(themed.primary, '#006d77');
    assert.match(themed.font, /Georgia/);
    assert.deepEqual(problems, []);
  });

  it('Calling Cards 1 and 2: IVR and default wording; the IVR example finds the call by code and connects it', async () => {
    const { page: card2, problems: problems2 } = await open('/demo/support.html?example=calling-card-2');
    await card2.locator('nexus-live-help [part~="call-button"]').click();
    await card2.locator('nexus-live-help [part~="code"]').waitFor();
    assert.ok((await card2.locator('nexus-live-help [part~="call-card"]').innerText()).includes('Provide the agent with this connection code:'));
    await card2.evaluate(() => (window as unknown as { NexusConnectSDK: { endLiveHelp(): Promise<void> } }).NexusConnectSDK.endLiveHelp());

    const { page: card1, problems: problems1 } = await open('/demo/support.html?example=calling-card-1');
    await card1.locator('nexus-live-help [part~="call-button"]').click();
    const codeLocator = card1.locator('nexus-live-help [part~="code"]');
    await codeLocator.waitFor();
    assert.ok((await card1.locator('nexus-live-help [part~="call-card"]').innerText()).includes('When prompted, enter this connection code:'));
    const code = ((await codeLocator.textContent()) ?? '').trim();
    assert.match(code, /^\d{6}$/);

    const { page: ivr, problems: problemsIvr } = await open('/demo/ivr.html');
    await ivr.locator('#agent-token').fill(setup.fixture.agents.alex);
    await ivr.locator('#code').fill('12345');
    await ivr.getByRole('button', { name: 'Find the call' }).click();
    await ivr.getByText('A connection code is 6 digits.').waitFor();
    await ivr.locator('#code').fill(code);
    await ivr.getByRole('button', { name: 'Find the call' }).click();
    await ivr.getByText(/Found: a call session, queued/).waitFor();
    await ivr.getByRole('button', { name: 'Connect the caller to this agent' }).click();
    await ivr.getByText(/Connected: the session is active/).waitFor();

    // The caller's call card turns into the chat with the agent.
    await card1.locator('nexus-live-help nexus-chat').waitFor();
    assert.deepEqual([...problems1, ...problems2, ...problemsIvr], []);
    await card1.evaluate(() => (window as unknown as { NexusConnectSDK: { endLiveHelp(): Promise<void> } }).NexusConnectSDK.endLiveHelp());
  });
});
