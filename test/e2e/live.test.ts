/**
 * End to end: live help with a person on each side. A customer on the demo support page and an
 * agent on the demo agent console (two pages in Chromium, Playwright), against the reference
 * server with the built browser bundles. Then the faults: the customer's network drops and
 * returns, the customer reloads as a message goes out, the server restarts. Every message must
 * arrive exactly once, in order.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openSide, say, startChat, texts, type Side } from './live-pages.js';
import { e2eSetup, eventually, signInAvailable } from './setup.js';

const setup = e2eSetup();

/** A page of the fixture's in its own browser context. */
const open = (path: string) => openSide(setup.browser, `${setup.fixture.url}${path}`);

/** The agent console, signed in as alex and available. */
async function agentPage(): Promise<Side> {
  const agent = await open('/demo/agent.html');
  await signInAvailable(agent.page, setup.fixture.agents.alex);
  return agent;
}

describe('live help, customer and agent', { timeout: 120_000 }, () => {
  it('queue, accept, messages both ways, typing, a file, context and path activity, end and rating', async () => {
    const customer = await open('/demo/');
    // Before asking for help the customer opens a guided path: the agent will see it.
    await customer.page.getByRole('combobox', { name: 'Search help' }).fill('reset bulb');
    await customer.page.getByRole('option').first().click();
    await customer.page.locator('[part~="step-title"]').first().waitFor();
    const agent = await agentPage();
    const { customerTranscript, agentTranscript, composer, agentComposer } = await startChat(customer, agent);

    await say(composer, 'My bulb keeps flickering');
    await agentTranscript.getByText('My bulb keeps flickering').waitFor();

    // Typing shows on the customer's side while the agent writes.
    await agentComposer.pressSequentially('Let us', { delay: 20 });
    await customer.page.locator('nexus-chat [part~="typing"]').waitFor();
    await agentComposer.fill('Let us reset it: switch it off and on five times.');
    await agentComposer.press('Enter');
    await customerTranscript.getByText('Let us reset it').waitFor();
    assert.deepEqual(await texts(customerTranscript), ['My bulb keeps flickering', 'Let us reset it: switch it off and on five times.']);

    // A file, uploaded with progress, reaches the agent as a download link.
    await customer.page.locator('nexus-chat input[type=file]').setInputFiles({ name: 'bulb-log.txt', mimeType: 'text/plain', buffer: Buffer.from('flicker at 20:14') });
    await agent.page.locator('[part~="file-link"]').getByText('bulb-log.txt').waitFor();

    // The agent sees the guided-path activity of this customer.
    await agent.page.locator('[part~="activity-entry"]').first().waitFor();
    assert.match((await agent.page.locator('[part~="activity"]').textContent()) ?? '', /bulb/i);

    // The agent ends; the customer is told, and rates.
    await agent.page.locator('[part~="end-button"]').click();
    await agent.page.locator('[part~="confirm-button"]').click();
    await customer.page.locator('nexus-chat [part~="ended"]').getByText('The agent ended the chat.').waitFor();
    await customer.page.locator('nexus-chat [part~="star"]').nth(4).click();
    await customer.page.locator('nexus-chat [part~="rating"] button[type=submit]').click();
    await customer.page.locator('nexus-chat [part~="rating"]').getByText('Thank you').waitFor();

    const names = (await customer.events()).map((e) => e.name);
    for (const name of ['nexus-live-help-start', 'nexus-chat-agent-join', 'nexus-chat-message', 'nexus-chat-end', 'nexus-chat-rate']) {
      assert.ok(names.includes(name), `the page heard ${name}`);
    }
    assert.deepEqual(customer.problems, []);
    assert.deepEqual(agent.problems, []);
    await customer.context.close();
    await agent.context.close();
  });

  it('faults: network drop, reload mid-send, server restart — every message once, in order', async () => {
    const customer = await open('/demo/');
    const agent = await agentPage();
    const { customerTranscript, agentTranscript, composer } = await startChat(customer, agent);
    const sent: string[] = [];
    const send = async (text: string) => {
      sent.push(text);
      await say(composer, text);
    };

    await send('one');
    await agentTranscript.getByText('one', { exact: true }).waitFor();

    // The network drops: the page says so, keeps what is typed, and sends it when back.
    await customer.context.setOffline(true);
    await customer.page.locator('nexus-chat [part~="connection"]').getByText('Connection lost').waitFor();
    await send('two (typed offline)');
    await customer.context.setOffline(false);
    await customer.page.locator('nexus-chat [part~="connection"]').getByText('connected again').waitFor();
    await agentTranscript.getByText('two (typed offline)').waitFor();

    // The customer reloads right as a message goes out.
    await send('three (sent as the page reloads)');
    await customer.page.reload();
    await customerTranscript.getByText('three (sent as the page reloads)').waitFor();
    await agentTranscript.getByText('three (sent as the page reloads)').waitFor();

    // The server restarts: both sides reconnect and carry on.
    await setup.fixture.restart();
    await send('four (after the restart)');
    await agentTranscript.getByText('four (after the restart)').waitFor();

    await eventually(async () => (await texts(customerTranscript)).length === sent.length, 'the customer transcript');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(await texts(customerTranscript), sent, 'the customer sees each message once, in order');
    await eventually(async () => (await texts(agentTranscript)).length >= sent.length, 'the agent transcript');
    assert.deepEqual(await texts(agentTranscript), sent, 'the agent sees each message once, in order');
    const stillPending = await customer.page.locator('nexus-chat [part~="message-status"]').allTextContents();
    assert.ok(stillPending.every((s) => s.trim() === 'Sent' || s.trim() === 'Seen'), `every message stored: ${stillPending.join(', ')}`);
    await customer.context.close();
    await agent.context.close();
  });
});
