/**
 * End to end: an agent signs in to the demo agent console with the email and password of their
 * account (the page is on the server's own origin, so the session cookie works), goes available,
 * and signs out, which ends the account's session on the server.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TEST_ACCOUNTS, TEST_PASSWORD } from '../../server/test-server.js';
import { openSide } from './live-pages.js';
import { e2eSetup, eventually } from './setup.js';

const setup = e2eSetup();

describe('the agent console with an account', { timeout: 60_000 }, () => {
  it('signs in with email and password, goes available on its agent token, signs out on the server too', async () => {
    const { page } = await openSide(setup.browser, `${setup.fixture.url}/demo/agent.html`);
    await page.locator('[part~="email-input"]').fill(TEST_ACCOUNTS.demo.agent);
    await page.locator('[part~="password-input"]').fill(TEST_PASSWORD);
    await page.locator('[part~="password-input"]').press('Enter');
    await page.locator('[part~="agent-name"]').getByText('Alex').waitFor();
    const session = await page.evaluate(async () => (await fetch('/v1/auth/session')).json());
    assert.equal(session.account.email, 'alex@demo.example');

    const toggle = page.locator('[part~="status-switch"]');
    if ((await toggle.getAttribute('aria-checked')) !== 'true') await toggle.click();
    await eventually(async () => (await toggle.getAttribute('aria-checked')) === 'true', 'the agent is available');
    await toggle.click();
    await eventually(async () => (await toggle.getAttribute('aria-checked')) === 'false', 'the agent is away again');

    await page.locator('[part~="sign-out-button"]').click();
    await page.locator('[part~="email-input"]').waitFor();
    await eventually(async () => (await page.evaluate(async () => (await fetch('/v1/auth/session')).status)) === 401, 'the session ended');
  });
});
