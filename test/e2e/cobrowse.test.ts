/**
 * End to end: co-browse with two pages. A customer on the demo support page (the self-help ES
 * bundle) chats with an agent on the demo agent console; the agent presses Connect, the customer
 * allows, and the agent's live view shows the customer's page — text inside our elements' shadow
 * roots, a password typed before sharing masked, a value typed while sharing masked — until the
 * customer stops sharing. Every frame the customer page sends is captured: none carries a secret.
 * Remote control: the agent's click lands on the customer's page only after the second consent.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { MASK } from '../../src/core/cobrowse-privacy.js';
import { viewDump } from './live-pages.js';
import { e2eSetup, eventually, signInAvailable, watchedPage } from './setup.js';

const setup = e2eSetup();

const SECRET = 'e2eSECRETpassword77';
const TYPED = 'e2eTypedWhileShared';
const REDACTED = 'e2eRedactedBALANCE4410';
const CARD = '4111111111111111';

/** A real mouse click in the agent's view, over the customer's element `selector`. */
async function clickInView(agent: Page, selector: string) {
  const point = (await agent.evaluate(`(() => {
    const host = document.querySelector('nexus-agent-console');
    const frame = host.shadowRoot.querySelector('[part~="cobrowse-view"] iframe');
    const box = frame.contentDocument.querySelector(${JSON.stringify(selector)}).getBoundingClientRect();
    const rect = frame.getBoundingClientRect();
    const scale = rect.width / frame.clientWidth;
    return { x: rect.left + (box.left + box.width / 2) * scale, y: rect.top + (box.top + box.height / 2) * scale };
  })()`)) as { x: number; y: number };
  await agent.mouse.click(point.x, point.y);
}

describe('co-browse, customer and agent', { timeout: 120_000 }, () => {
  it('Connect, consent, the agent sees the page (shadow DOM, masked values), remote control after a second consent, stop sharing ends it', async () => {
    const customer = await watchedPage(setup.browser);
    const sent: string[] = [];
    customer.page.on('websocket', (ws) => ws.on('framesent', (frame) => sent.push(String(frame.payload))));
    // The recorder is a chunk of its own, loaded after consent.
    const recorderRequests: string[] = [];
    customer.page.on('request', (request) => request.url().includes('cobrowse-recorder') && recorderRequests.push(request.url()));
    await customer.page.goto(`${setup.fixture.url}/demo/`);
    // A password the person typed before anything was shared.
    await customer.page.evaluate(() => {
      const field = Object.assign(document.createElement('input'), { type: 'password', id: 'e2e-password' });
      const box = Object.assign(document.createElement('input'), { type: 'text', id: 'e2e-text' });
      // A button for the agent's remote-control click, where the agent's view surely shows it.
      const target = Object.assign(document.createElement('button'), { type: 'button', id: 'e2e-target', textContent: 'Target' });
      target.style.cssText = 'position:fixed;top:12px;left:12px;z-index:99999;width:140px;height:40px';
      (window as unknown as { e2eClicks: number }).e2eClicks = 0;
      target.addEventListener('click', () => (window as unknown as { e2eClicks: number }).e2eClicks++);
      // A block the page marks private, and a card-number field.
      const redacted = Object.assign(document.createElement('div'), { textContent: 'e2eRedactedBALANCE4410' });
      redacted.setAttribute('data-nexus-redact', '');
      const card = Object.assign(document.createElement('input'), { id: 'e2e-card', autocomplete: 'cc-number' });
      document.body.append(field, box, target, redacted, card);
    });
    await customer.page.locator('#e2e-password').fill(SECRET);
    await customer.page.locator('#e2e-card').fill(CARD);

    const agent = await watchedPage(setup.browser);
    await agent.page.goto(`${setup.fixture.url}/demo/agent.html`);
    await signInAvailable(agent.page, setup.fixture.agents.alex);

    // The chat.
    await customer.page.locator('nexus-live-help [part~="chat-button"]').click();
    const offer = agent.page.locator('[part~="offer"]');
    await offer.waitFor();
    await offer.locator('[part~="accept-button"]').click();
    await customer.page.locator('[part~="system"]').getByText('joined the chat').waitFor();
    const composer = customer.page.locator('nexus-chat [part~="input"]');
    await composer.fill('Where is my order 4417?');
    await composer.press('Enter');
    await agent.page.locator('[part~="chat"] [part~="transcript"]').getByText('Where is my order 4417?').waitFor();

    // Connect: the customer is asked; nothing is shared before they allow.
    await agent.page.locator('[part~="cobrowse-button"]').click();
    await agent.page.locator('[part~="cobrowse-state"]').getByText('Waiting for the customer').waitFor();
    const allow = customer.page.locator('nexus-cobrowse-consent [part~="allow-button"]');
    await allow.waitFor();
    assert.equal(sent.filter((text) => text.includes('"cobrowse.events"')).length, 0, 'nothing sent before consent');
    assert.deepEqual(recorderRequests, [], 'no recorder loaded before consent');
    await allow.click();

    // The agent's view shows the customer's message, which lives inside <nexus-chat>'s shadow root.
    await eventually(async () => ((await viewDump(agent.page)) ?? '').includes('Where is my order 4417?'), 'the page in the view');
    await agent.page.locator('[part~="cobrowse-state"]').getByText("You are viewing the customer's tab").waitFor();
    assert.equal(recorderRequests.length, 1);
    assert.match(recorderRequests[0], /\/sdk\/chunks\/cobrowse-recorder-[\w-]+\.js$/);

    // Typed while sharing: masked in the view.
    await customer.page.locator('#e2e-text').fill(TYPED);
    await eventually(async () => ((await viewDump(agent.page)) ?? '').includes(MASK), 'the masked value');
    const dump = (await viewDump(agent.page)) ?? '';
    assert.ok(!dump.includes('*'.repeat(TYPED.length)), 'the mask does not tell the length');
    for (const secret of [SECRET, TYPED, REDACTED, CARD]) {
      assert.ok(!dump.includes(secret), `${secret} is not in the view`);
      assert.ok(!sent.some((text) => text.includes(secret)), `${secret} never left the page`);
    }

    // Remote control: the agent's click lands only after the customer's second consent.
    const clicks = () => customer.page.evaluate(() => (window as unknown as { e2eClicks: number }).e2eClicks);
    await agent.page.locator('[part~="cobrowse-laser-button"]').click();
    await agent.page.locator('[part~="cobrowse-control-button"]').click();
    const allowControl = customer.page.locator('nexus-cobrowse-consent [part~="allow-button"]');
    await customer.page.locator('nexus-cobrowse-consent [part~="title"]').getByText('asks to control this tab').waitFor();
    await clickInView(agent.page, '#e2e-target');
    await customer.page.locator('.nexus-cobrowse-highlight').waitFor({ state: 'attached' });
    assert.equal(await clicks(), 0, 'before the second consent a click only highlights');
    await allowControl.click();
    await agent.page.locator('[part~="cobrowse-control-state"]').getByText('You can click, scroll and type').waitFor();
    await clickInView(agent.page, '#e2e-target');
    await eventually(async () => (await clicks()) === 1, 'the click on the customer page');

    // The customer stops sharing: the agent is told, the view goes, and nothing more is sent.
    await customer.page.locator('nexus-cobrowse-consent [part~="stop-button"]').click();
    await agent.page.locator('[part~="cobrowse-state"]').getByText('The customer stopped sharing').waitFor();
    const streamed = sent.filter((text) => text.includes('"cobrowse.events"')).length;
    await customer.page.locator('#e2e-text').fill('typed after stop');
    await customer.page.waitForTimeout(300);
    assert.equal(sent.filter((text) => text.includes('"cobrowse.events"')).length, streamed, 'nothing sent after stop');
    assert.equal(await agent.page.locator('[part~="cobrowse-view"]').count(), 0);
    await agent.page.locator('[part~="cobrowse-button"]').waitFor();

    assert.deepEqual(customer.problems, []);
    assert.deepEqual(agent.problems, []);
    await customer.context.close();
    await agent.context.close();
  });
});
