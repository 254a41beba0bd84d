/**
 * End to end: the portal the server serves at /portal/ (the built bundle /sdk/portal.js under the
 * page's strict CSP): the demo-like admin signs in with email and password, sees their account,
 * and signs out, which ends the session on the server. The page must log no problem (a CSP
 * violation would be one).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TEST_ACCOUNTS, TEST_PASSWORD } from '../../server/test-server.js';
import { e2eSetup, eventually, watchedPage } from './setup.js';

const setup = e2eSetup();

describe('the portal', { timeout: 60_000 }, () => {
  it('signs the admin in at /portal/, shows the account and the navigation, signs out on the server too', async () => {
    const { context, page, problems } = await watchedPage(setup.browser);
    try {
      const response = await page.goto(`${setup.fixture.url}/portal/`);
      assert.equal(response?.status(), 200);
      assert.match(response?.headers()['content-security-policy'] ?? '', /script-src 'self';/);
      await page.locator('[part~="sign-email-input"]').fill(TEST_ACCOUNTS.demo.admin);
      await page.locator('[part~="sign-password-input"]').fill(TEST_PASSWORD);
      await page.locator('[part~="sign-password-input"]').press('Enter');
      await page.locator('[part~="account"]').getByText(TEST_ACCOUNTS.demo.admin).waitFor();
      await page.locator('[part~="nav-link"][aria-current="page"]').getByText('Account').waitFor();
      const session = await page.evaluate(async () => (await fetch('/v1/auth/session')).json());
      assert.deepEqual([session.account.email, session.account.role], [TEST_ACCOUNTS.demo.admin, 'admin']);

      await page.locator('[part~="header"] [part~="sign-out-button"]').click();
      await page.locator('[part~="sign-email-input"]').waitFor();
      await eventually(async () => (await page.evaluate(async () => (await fetch('/v1/auth/session')).status)) === 401, 'the session ended');
      // The signed-out session check (GET /v1/auth/session) is a 401 by design, and the browser logs it.
      assert.deepEqual(
        problems.filter((problem) => !problem.includes('status of 401')),
        [],
      );
    } finally {
      await context.close();
    }
  });
});
