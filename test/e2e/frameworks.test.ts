/**
 * End to end: the plain CMS page of docs/frameworks.md, exactly as documented except for the
 * placeholders (the test server's URL and demo token), served from the server's origin and
 * loading the built browser bundle /sdk/self-help.js (dist/cdn).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { e2eSetup, watchedPage } from './setup.js';

const setup = e2eSetup();

/** The CMS page of docs/frameworks.md (the html block after the "Tested as it stands" comment). */
function documentedPage(server: string, token: string): string {
  const doc = readFileSync(new URL('../../docs/frameworks.md', import.meta.url), 'utf8');
  const page = doc.match(/<!-- Tested as it stands by test\/e2e\/frameworks\.test\.ts[^>]*-->\s*```html\n([\s\S]*?)```/)?.[1];
  assert.ok(page, 'docs/frameworks.md has the CMS page');
  assert.ok(page.includes('https://support.example.com/sdk/self-help.js') && page.includes('YOUR_APPLICATION_TOKEN'), 'the documented placeholders');
  return page.replaceAll('https://support.example.com', server).replaceAll('YOUR_APPLICATION_TOKEN', token);
}

describe('plain CMS page (docs/frameworks.md)', () => {
  it('shows self help from the script tag and markup alone, and the page hears its events', async () => {
    const { url, tokens } = setup.fixture;
    const { page, problems } = await watchedPage(setup.browser);
    // The page is served from the server's origin, as a CMS page on the same site would be.
    await page.route(`${url}/help/`, (route) => route.fulfill({ contentType: 'text/html', body: documentedPage(url, tokens.demo) }));
    await page.goto(`${url}/help/`);

    // Categories and recommendations come from the server, in the documented display order.
    await page.locator('nexus-categories [part~="card-name"]', { hasText: 'Lighting' }).waitFor();
    await page.locator('nexus-path-list [part~="item-title"]').first().waitFor();
    const sections = await page.locator('nexus-self-help [part~="section"]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-section')));
    assert.deepEqual(sections, ['search', 'categories', 'paths', 'contact-us']);
    await page.locator('nexus-contact-us [part~="call-button"]').waitFor();
    // The page's design token reached the elements.
    const primary = await page.locator('nexus-self-help').evaluate((el) => getComputedStyle(el).getPropertyValue('--nexus-color-primary').trim());
    assert.equal(primary, '#0a7d4f');

    // A visitor searches and opens a path; the page's analytics listener records it.
    await page.getByRole('combobox', { name: 'Search help' }).fill('reset bulb');
    await page.getByRole('option').first().click();
    await page.locator('nexus-guided-path').getByRole('heading', { name: 'How to reset a Smart Bulb' }).waitFor();
    const layer = await page.evaluate(() => (window as unknown as { dataLayer: { event: string; pathId?: string; title?: string }[] }).dataLayer);
    assert.deepEqual(
      layer.map(({ event, pathId, title }) => ({ event, pathId, title })),
      [{ event: 'nexus-path-open', pathId: 'reset-smart-bulb', title: 'How to reset a Smart Bulb' }],
    );
    assert.deepEqual(problems, []);
    await page.close();
  });
});
