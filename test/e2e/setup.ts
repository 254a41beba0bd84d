/**
 * What every end-to-end file needs: the reference server (test fixture) serving the built
 * browser bundles and the demo pages, and Chromium driven by Playwright. Call `e2eSetup()` at the
 * top of a file; its getters are valid inside tests.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumArgs, findChromium } from '../../scripts/chromium.mjs';
import { startDemoFixture } from '../../scripts/fixture.mjs';

export type Fixture = Awaited<ReturnType<typeof startDemoFixture>>;

/** Chromium for Playwright (the system's, see scripts/chromium.mjs). */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  assert.ok(executablePath, 'Chromium is needed (npm test installs or names it)');
  return chromium.launch({ executablePath, args: chromiumArgs });
}

export function e2eSetup(): { readonly fixture: Fixture; readonly browser: Browser } {
  let fixture: Fixture | undefined;
  let browser: Browser | undefined;
  before(async () => {
    fixture = await startDemoFixture();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await fixture?.stop();
  });
  return {
    get fixture() {
      return fixture!;
    },
    get browser() {
      return browser!;
    },
  };
}

/**
 * A page in a browser context of its own (its own storage, like another person's browser) that
 * records the console errors and warnings and the uncaught errors of the page in `problems`.
 */
export async function watchedPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return { context, page, problems };
}

/** Polls `check` every 50 ms until it holds; fails the test naming `what` after `timeout` ms. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, timeout = 15_000): Promise<void> {
  for (const start = Date.now(); !(await check()); await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (Date.now() - start > timeout) assert.fail(`timed out waiting for ${what}`);
  }
}

/** Signs the demo agent console on `page` in with `token` (its "Use an agent token" form) and makes the agent available. */
export async function signInAvailable(page: Page, token: string): Promise<void> {
  await page.locator('[part~="sign-in-mode-button"]').click();
  await page.locator('[part~="token-input"]').fill(token);
  await page.locator('[part~="sign-in-button"]').click();
  const toggle = page.locator('[part~="status-switch"]');
  await toggle.waitFor();
  if ((await toggle.getAttribute('aria-checked')) !== 'true') await toggle.click();
  await eventually(async () => (await toggle.getAttribute('aria-checked')) === 'true', 'the agent is available');
}
