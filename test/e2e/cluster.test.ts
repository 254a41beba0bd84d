/**
 * End to end across processes: the customer on the demo support page and the agent on the demo
 * agent console (real bundles, real Chromium) talk through a real HAProxy to two real `serve`
 * processes sharing one PostgreSQL and one Redis (server/test/cluster.ts), the customer's socket
 * on one process and the agent's on the other. Then `kill -9` of the processes, one after the
 * other, mid-conversation: every message arrives once, in order, on both sides. Co-browse frames
 * cross over too: the agent's live view shows the customer's page.
 *
 * Where each socket lands: both pages only ever know the balancer's URL (the demo pages name the
 * origin they were loaded from), so that a page whose process dies reconnects through the
 * balancer like a customer's browser would. For the first connection the test steers the
 * balancer (HAProxy's runtime API drains the other process: no new connections there), then
 * lets it balance again; each process's `nexus_live_sockets{role}` gauge (its operator metrics
 * listener) tells where the sockets are, before and after every kill.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Browser, Locator } from 'playwright-core';
import { startPostgres, startRedis } from '../../scripts/services.mjs';
import { Cluster } from '../../server/test/cluster.js';
import { openSide, say, startChat, texts, viewDump, type Side } from './live-pages.js';
import { eventually, launchBrowser, signInAvailable } from './setup.js';

let postgres: Awaited<ReturnType<typeof startPostgres>> | undefined;
let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
let cluster: Cluster | undefined;
let browser: Browser | undefined;
let agentToken = '';
const pages: Side[] = [];

before(async () => {
  postgres = await startPostgres();
  redis = await startRedis();
  // The demo pages need the application token, which the store only has once `setUp` ran: the
  // processes start after it and read this list then.
  const serveArgs = ['--sdk-dir', 'dist/cdn', '--demo-dir', 'demo', '--metrics-port', '0'];
  cluster = await Cluster.start({ redisUrl: redis.url, database: postgres.url, serveArgs }, async (cli) => {
    // The demo tenant with its content (the support page searches it) and an application token.
    const seeded = await cli('seed-demo');
    serveArgs.push('--demo-token', seeded.trim().split('\n').at(-1)!);
    await cli('skill', 'create', 'demo', 'support');
    const id = await cli('agent', 'create', 'demo', '--name', 'Alex', '--skills', 'support');
    agentToken = await cli('agent', 'token', id, '--tenant', 'demo');
  });
  browser = await launchBrowser();
});

/** Each test has its own customer and agent console: the last test's are gone. */
afterEach(() => Promise.allSettled(pages.splice(0).map((side) => side.context.close())));

after(async () => {
  await browser?.close();
  await cluster?.stop();
  await redis?.stop();
  postgres?.stop();
});

/** A page of the balancer's in its own browser context. */
async function open(path: string): Promise<Side> {
  const side = await openSide(browser!, `${cluster!.url}${path}`);
  pages.push(side);
  return side;
}

/** Open live sockets of process `i` by role, from its metrics. */
async function sockets(i: number): Promise<{ customer: number; agent: number }> {
  const text = await (await fetch(`${cluster!.nodes[i].metricsUrl}/metrics`)).text();
  const gauge = (role: string) => Number(new RegExp(`^nexus_live_sockets\\{role="${role}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  return { customer: gauge('customer'), agent: gauge('agent') };
}

/** Waits until process `i` holds exactly these sockets. */
async function holds(i: number, expected: { customer: number; agent: number }) {
  let seen = {};
  await eventually(async () => {
    seen = await sockets(i);
    return JSON.stringify(seen) === JSON.stringify(expected);
  }, `process ${i} holding ${JSON.stringify(expected)}`).catch(() => assert.deepEqual(seen, expected, `the sockets of process ${i}`));
}

/**
 * A chat in progress: the agent console signed in on process 1, the customer's chat on process 0,
 * then the balancer balancing both again.
 */
async function conversation() {
  await cluster!.steer(1);
  const agent = await open('/demo/agent.html');
  await signInAvailable(agent.page, agentToken);
  await holds(1, { customer: 0, agent: 1 });
  await cluster!.steer(0);
  const customer = await open('/demo/');
  const chat = await startChat(customer, agent).catch(async (error: Error) => {
    // What the customer saw instead, so that a failure here says why.
    const shown = await customer.page.locator('nexus-live-help').evaluate((host) => {
      const texts: string[] = [];
      for (const stack: Node[] = [host]; stack.length; ) {
        const node = stack.pop()!;
        if (node.nodeType === Node.TEXT_NODE) texts.push(node.textContent ?? '');
        else stack.push(...[...((node as Element).shadowRoot ?? node).childNodes].reverse());
      }
      return texts.join(' ');
    });
    throw new Error(`${error.message}\nthe customer's page shows: ${String(shown).replace(/\s+/g, ' ')}\nits console: ${customer.problems.join(' / ')}`, { cause: error });
  });
  await cluster!.steer();
  await holds(0, { customer: 1, agent: 0 });
  await holds(1, { customer: 0, agent: 1 });
  return { customer, agent, ...chat };
}

/** Waits until `transcript` shows `text` as a message of its own (not part of another's). */
const shows = (transcript: Locator, text: string) => transcript.locator('[part~="message-text"]').getByText(text, { exact: true }).waitFor();

describe('live help across two processes behind HAProxy, in Chromium', { timeout: 180_000 }, () => {
  it('customer on process 0, agent on process 1: messages both ways, typing, the read marker, a file and co-browse', async () => {
    const { customer, agent, customerTranscript, agentTranscript, composer, agentComposer } = await conversation();

    await say(composer, 'Hello from process 0');
    await shows(agentTranscript, 'Hello from process 0');

    // Typing crosses over both ways.
    await agentComposer.pressSequentially('On it', { delay: 20 });
    await customer.page.locator('nexus-chat [part~="typing"]').getByText('is typing').waitFor();
    await say(agentComposer, 'Hello from process 1');
    await shows(customerTranscript, 'Hello from process 1');
    await composer.pressSequentially('Thanks', { delay: 20 });
    await agent.page.locator('[part~="chat"] [part~="typing"]').getByText('The customer is typing').waitFor();
    await say(composer, 'Thanks');
    await shows(agentTranscript, 'Thanks');

    // Each side's transcript, once and in order.
    const expected = ['Hello from process 0', 'Hello from process 1', 'Thanks'];
    assert.deepEqual(await texts(customerTranscript), expected);
    assert.deepEqual(await texts(agentTranscript), expected);

    // The read marker: the agent console reports what the agent read, and the customer sees
    // "Seen" under their messages. (The other way there is nothing to see: <nexus-chat> does not
    // report what the customer read; only the headless LiveChat.markSeen() does.)
    await eventually(
      async () => (await customer.page.locator('nexus-chat [part~="message-status"]').allTextContents()).map((s) => s.trim()).includes('Seen'),
      'the customer seeing "Seen" under a message of theirs',
    );

    // A file uploaded through the balancer reaches the agent as a link that downloads it.
    await customer.page.locator('nexus-chat input[type=file]').setInputFiles({ name: 'hub-log.txt', mimeType: 'text/plain', buffer: Buffer.from('hub offline at 09:12') });
    const link = agent.page.locator('[part~="file-link"]').getByText('hub-log.txt');
    await link.waitFor();
    const download = await agent.page.request.get(new URL((await link.getAttribute('href'))!, cluster!.url).href);
    assert.deepEqual([download.status(), await download.text()], [200, 'hub offline at 09:12']);
    await customer.page.locator('nexus-chat a[part~="file"]', { hasText: 'hub-log.txt' }).waitFor();

    // Co-browse: the agent asks, the customer allows, and the agent's live view shows the
    // customer's page (the snapshot), then what changes on it (the events), across processes.
    await agent.page.locator('[part~="cobrowse-button"]').click();
    await customer.page.locator('nexus-cobrowse-consent [part~="allow-button"]').click();
    await eventually(async () => ((await viewDump(agent.page)) ?? '').includes('Hello from process 1'), "the customer's page in the agent's view");
    await say(composer, 'Can you see my screen?');
    await eventually(async () => ((await viewDump(agent.page)) ?? '').includes('Can you see my screen?'), "the customer's new line in the agent's view");
    await holds(0, { customer: 1, agent: 0 });
    await holds(1, { customer: 0, agent: 1 });

    assert.deepEqual([customer.problems, agent.problems], [[], []]);
  });

  it('kill -9 of each process mid-conversation: both sides reconnect through the balancer, every message once, in order', async () => {
    const { customer, agent, customerTranscript, agentTranscript, composer, agentComposer } = await conversation();
    const sent: string[] = [];
    /**
     * Sends `lines` from one side, one after the other, and waits until the other side shows the
     * last: the two sides never write at the same time, so the order of `sent` is the only one.
     */
    const pass = async (from: Locator, to: Locator, ...lines: string[]) => {
      for (const line of lines) {
        sent.push(line);
        await say(from, line);
      }
      await shows(to, lines.at(-1)!);
    };
    const toAgent = (...lines: string[]) => pass(composer, agentTranscript, ...lines);
    const toCustomer = (...lines: string[]) => pass(agentComposer, customerTranscript, ...lines);

    await toAgent('c1 before');
    await toCustomer('a1 before');

    // The customer's process dies. The customer writes at once, while its socket is dead or
    // reconnecting: the balancer takes it to process 1.
    await cluster!.kill(0);
    await toAgent('c2 during the first crash', 'c3 during the first crash');
    await toCustomer('a2 after the first crash');
    await holds(1, { customer: 1, agent: 1 });

    // Process 0 comes back; then process 1, now holding both sides, dies. The agent writes at
    // once; both reconnect through the balancer to process 0.
    await cluster!.respawn(0);
    await toAgent('c4 before the second crash');
    await cluster!.kill(1);
    await toCustomer('a3 during the second crash', 'a4 during the second crash');
    await toAgent('c5 after the second crash');
    await toCustomer('a5 after the second crash');
    await holds(0, { customer: 1, agent: 1 });

    assert.deepEqual(await texts(customerTranscript), sent, 'the customer sees each message once, in order');
    assert.deepEqual(await texts(agentTranscript), sent, 'the agent sees each message once, in order');

    // Nothing left saying the connection is lost, no message waiting or failed, no error.
    await eventually(async () => !/Connection lost/.test((await customer.page.locator('nexus-chat [part~="connection"]').textContent()) ?? ''), "the customer's banner clearing");
    await eventually(async () => !/lost/.test((await agent.page.locator('[part~="banner"]').textContent()) ?? ''), "the agent's banner clearing");
    const statuses = (await customer.page.locator('nexus-chat [part~="message-status"]').allTextContents()).map((s) => s.trim());
    assert.ok(statuses.every((s) => s === 'Sent' || s === 'Seen'), `every customer message stored: ${statuses.join(', ')}`);
    for (const side of [customer, agent]) {
      assert.equal(await side.page.locator('[part~="resend-button"], [part~="error"], [part~="action-error"]').count(), 0, 'no failure shown');
    }
  });
});
