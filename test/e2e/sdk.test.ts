/**
 * End to end: the classic-script NexusConnectSDK on demo/sdk.html, a page written the way the
 * Cloud SDK guide's "Putting it all together" example is (one script tag, the global, Promises),
 * against the reference server with the built bundle. An agent on the demo console answers.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import WebSocket from 'ws';
import type { Page } from 'playwright-core';
import { e2eSetup, eventually, watchedPage } from './setup.js';

const setup = e2eSetup();

const GUIDE_CALLS = [
  'initialize',
  'showLiveHelp',
  'isLiveHelpActive',
  'endLiveHelp',
  'setDisplayOrder',
  'setContactUsOptions',
  'showSelfHelp',
  'showSelfHelpForId',
  'showSelfHelpForHelpId',
  'showSelfHelpForTags',
  'showSelfHelpForSearch',
  'showSelfHelpForPathId',
  'onSelfserviceContainerHeightChange',
  'preserveContext',
  'setFirstName',
  'setLastName',
  'setEmail',
  'setExternalId',
  'setPhone',
  'setIdentity',
  'logAction',
  'logDevice',
  'logContent',
  'clearContext',
  'clearIdentity',
  'setCustomizationOptions',
];

async function open(path: string): Promise<{ page: Page; problems: string[] }> {
  const { page, problems } = await watchedPage(setup.browser);
  await page.goto(`${setup.fixture.url}${path}`);
  return { page, problems };
}

describe('the NexusConnectSDK script', () => {
  it('a page written as the guide shows it: live help appears, a call gets a code an agent finds, self help by help-id and tags', async () => {
    const { page, problems } = await open('/demo/sdk.html');
    // One classic script, the global with every call of the guide.
    const shape = await page.evaluate((calls) => {
      const sdk = (window as unknown as { NexusConnectSDK: Record<string, unknown> }).NexusConnectSDK;
      const chat = sdk.chat as Record<string, unknown>;
      return {
        missing: calls.filter((name) => typeof sdk[name] !== 'function'),
        chat: ['start', 'sendMessage', 'on', 'off', 'end'].filter((name) => typeof chat[name] !== 'function'),
        modules: document.querySelectorAll('script[type="module"]').length,
      };
    }, GUIDE_CALLS);
    assert.deepEqual(shape, { missing: [], chat: [], modules: 0 });

    // showLiveHelp(...).then(show the container)
    const container = page.locator('#live-help-container');
    await container.waitFor({ state: 'visible' });
    const live = container.locator('nexus-live-help');
    await live.locator('[part~="chat-button"]').waitFor();
    await live.locator('[part~="call-button"]').click();
    const code = (await live.locator('[part~="code"]').textContent())?.trim() ?? '';
    assert.match(code, /^\d{6}$/);
    assert.equal(await page.evaluate(() => (window as unknown as { NexusConnectSDK: { isLiveHelpActive(): Promise<boolean> } }).NexusConnectSDK.isLiveHelpActive()), true);
    // The page's height callback hears live help too (the call card, here).
    const reports = (selector: string) =>
      page.waitForFunction(
        (target) => {
          const el = document.querySelector(target);
          return !!el && Number(document.body.dataset.helpHeight) === Math.ceil(el.getBoundingClientRect().height);
        },
        selector,
      );
    await reports('#live-help-container nexus-live-help');

    // The agent finds the call by its code, with the identity and the logs the page set.
    const response = await fetch(`${setup.fixture.url}/v1/agent/sessions/by-code/${code}`, {
      headers: { authorization: `Bearer ${setup.fixture.agents.alex}` },
    });
    assert.equal(response.status, 200, await response.clone().text());
    const session = (await response.json()) as { id: string };
    const detail = (await (await fetch(`${setup.fixture.url}/v1/agent/sessions/${session.id}`, {
      headers: { authorization: `Bearer ${setup.fixture.agents.alex}` },
    })).json()) as { consumer: { email: string | null; context: { kind: string; name: string }[] } };
    assert.equal(detail.consumer.email, 'casey@example.com');
    assert.ok(detail.consumer.context.some((entry) => entry.kind === 'device' && entry.name === 'lightbulb'));

    // Co-browse from the classic script: the agent takes the call and asks; the recorder is not
    // in the script, it loads as the file next to it (/sdk/cobrowse-recorder.js) after consent.
    const recorder: string[] = [];
    page.on('request', (request) => request.url().includes('cobrowse-recorder') && recorder.push(request.url()));
    const accepted = await fetch(`${setup.fixture.url}/v1/agent/sessions/${session.id}/accept`, {
      method: 'POST',
      headers: { authorization: `Bearer ${setup.fixture.agents.alex}` },
    });
    assert.equal(accepted.status, 200);
    const agentFrames: { type: string; cobrowse?: { state: string } }[] = [];
    const socket = new WebSocket(`${setup.fixture.url.replace(/^http/, 'ws')}/v1/live/socket`);
    socket.on('message', (data) => agentFrames.push(JSON.parse(String(data))));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'hello', token: setup.fixture.agents.alex }));
    await eventually(() => agentFrames.some((f) => f.type === 'welcome'), 'the agent socket');
    socket.send(JSON.stringify({ type: 'cobrowse.request', sessionId: session.id }));
    const allow = live.locator('nexus-cobrowse-consent [part~="allow-button"]');
    await allow.waitFor();
    assert.deepEqual(recorder, [], 'no recorder before consent');
    await allow.click();
    await eventually(() => agentFrames.some((f) => f.type === 'cobrowse.events'), 'the page streamed to the agent');
    assert.deepEqual(recorder, [`${setup.fixture.url}/sdk/cobrowse-recorder.js`]);
    socket.close();

    await page.evaluate(() => (window as unknown as { NexusConnectSDK: { endLiveHelp(): Promise<void> } }).NexusConnectSDK.endLiveHelp());
    assert.equal(await page.evaluate(() => (window as unknown as { NexusConnectSDK: { isLiveHelpActive(): Promise<boolean> } }).NexusConnectSDK.isLiveHelpActive()), false);

    // Self help by help-id ("Quick Setup Guide"), then by tags, in the page's container.
    await page.getByRole('button', { name: 'Quick Setup Guide' }).click();
    const help = page.locator('#help-container nexus-self-help');
    await help.locator('nexus-guided-path [part~="title"]').waitFor();
    assert.match((await help.locator('nexus-guided-path [part~="title"]').textContent()) ?? '', /hub/i);
    await reports('#help-container nexus-self-help');

    await page.getByRole('button', { name: 'Light bulb topics' }).click();
    await help.locator('nexus-path-list [part~="item-title"]').first().waitFor();
    assert.ok((await help.locator('nexus-path-list [part~="item-title"]').count()) >= 3);

    // Without a container: a modal overlay; Escape closes it and focus returns to the button.
    const opener = page.getByRole('button', { name: 'Open help over the page' });
    await opener.click();
    await page.locator('nexus-overlay nexus-self-help').waitFor();
    assert.equal(await page.locator('nexus-overlay dialog').evaluate((dialog) => dialog.matches(':modal')), true);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('nexus-overlay')?.shadowRoot?.querySelector('dialog')?.open);
    assert.equal(await opener.evaluate((button) => document.activeElement === button), true);

    assert.deepEqual(problems, []);
  });
});
