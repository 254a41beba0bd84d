/**
 * End to end: the demo support page as a visitor uses it, in Chromium (Playwright), against the
 * reference server with the demo content and the built browser bundle (dist/cdn).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { e2eSetup, watchedPage } from './setup.js';

const setup = e2eSetup();

/** Opens the demo page, recording console problems and the nexus-* events the page hears. */
async function openDemo(): Promise<{ page: Page; problems: string[]; events: () => Promise<{ name: string; detail: Record<string, unknown> }[]> }> {
  const { page, problems } = await watchedPage(setup.browser);
  await page.addInitScript(() => {
    const seen: { name: string; detail: unknown }[] = ((window as unknown as { __events: unknown[] }).__events = []) as never;
    for (const name of ['nexus-path-select', 'nexus-path-open', 'nexus-step-change', 'nexus-resolved', 'nexus-escalate', 'nexus-error']) {
      document.addEventListener(name, (event) => seen.push({ name, detail: (event as CustomEvent).detail }));
    }
  });
  await page.goto(`${setup.fixture.url}/demo/`);
  return { page, problems, events: () => page.evaluate(() => (window as unknown as { __events: never[] }).__events) };
}

describe('demo support page', () => {
  it('search "reset bulb", open the path, walk it to resolved', async () => {
    const { page, problems, events } = await openDemo();
    const search = page.getByRole('combobox', { name: 'Search help' });
    await search.fill('reset bulb');
    const first = page.getByRole('option').first();
    await first.waitFor();
    assert.match(await first.innerText(), /How to reset a Smart Bulb/);
    await first.click();

    const guide = page.locator('nexus-guided-path');
    await guide.getByRole('heading', { name: 'How to reset a Smart Bulb' }).waitFor();
    const progress = guide.locator('[part~="progress"]');
    const total = Number((await progress.innerText()).match(/of (\d+)/)?.[1]);
    assert.ok(total >= 3, `a multi-step path (got ${total})`);
    for (let step = 1; step <= total; step++) {
      assert.equal(await progress.innerText(), `Step ${step} of ${total}`);
      await guide.getByRole('button', { name: 'Next' }).click();
    }
    await guide.getByText('Did this solve your problem?').waitFor();
    await guide.getByRole('button', { name: /Yes/ }).click();
    await guide.getByText('Great, you’re all set!').waitFor();

    const heard = await events();
    const names = heard.map((e) => e.name);
    assert.deepEqual(names.filter((n) => n !== 'nexus-step-change'), ['nexus-path-select', 'nexus-path-open', 'nexus-resolved']);
    assert.equal(names.filter((n) => n === 'nexus-step-change').length, total);
    assert.equal(heard.at(-1)!.detail.pathId, 'reset-smart-bulb');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('works from the keyboard alone, and an unfinished path comes back first after a reload', async () => {
    const { page, problems } = await openDemo();
    await page.getByRole('combobox', { name: 'Search help' }).focus();
    await page.keyboard.type('thermostat battery');
    await page.getByRole('option').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const guide = page.locator('nexus-guided-path');
    await guide.getByRole('heading', { name: /battery in a thermostat/ }).waitFor();
    // Leave the path unfinished and reload: the activity, flushed as the page goes away, makes it
    // the visitor's first recommendation ("in progress").
    await page.getByRole('button', { name: 'Back to help' }).click();
    await page.reload();
    await page.locator('nexus-path-list [part~="item-title"]').first().waitFor();
    assert.match(await page.locator('nexus-path-list [part~="item-title"]').first().innerText(), /battery in a thermostat/i);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('the elements page: each element on its own, and a co-browse code to read to a phone agent', async () => {
    const { page, problems } = await watchedPage(setup.browser);
    await page.goto(`${setup.fixture.url}/demo/elements.html`);
    const code = page.locator('nexus-cobrowse-code');
    await code.locator('[part~="start-button"]').click();
    const shown = code.locator('[part~="code"]');
    await shown.waitFor();
    assert.match(await shown.innerText(), /^\d{3} \d{3}$/);
    await code.locator('[part~="cancel-button"]').click();
    await code.locator('[part~="start-button"]').waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });
});
