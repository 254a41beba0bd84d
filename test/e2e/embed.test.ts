/**
 * End to end: the iframe embed (GET /embed, docs/embed.md) inside a parent page of another
 * origin, in Chromium (Playwright), against the reference server with the built browser bundle.
 * The parent page and a hostile sibling frame come from two small HTTP servers of this file, so
 * each is an origin of its own on loopback. (Pages made up by Playwright's request routing count
 * as public, and Chromium's local network access checks then refuse a frame from 127.0.0.1.)
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { e2eSetup, watchedPage } from './setup.js';

const setup = e2eSetup();

/** A site on a port of its own that answers every path with the HTML `page()` gives. */
async function site(page: () => string) {
  const server = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** What the parent site serves next (tests run one at a time). */
let parentHtml = '';
let parentSite: Awaited<ReturnType<typeof site>>;
let evilSite: Awaited<ReturnType<typeof site>>;
before(async () => {
  parentSite = await site(() => parentHtml);
  evilSite = await site(() => '<!doctype html><p>another site</p>');
});
after(async () => {
  await parentSite.close();
  await evilSite.close();
});
const parentOrigin = () => parentSite.origin;
const evilOrigin = () => evilSite.origin;

interface Received {
  origin: string;
  /** Index of the iframe that sent it, -1 if none of them. */
  frame: number;
  data: { source?: string; type?: string; [key: string]: unknown };
}

interface Parent {
  page: Page;
  problems: string[];
  messages: () => Promise<Received[]>;
  frame: (index: number) => FrameLocator;
}

/** The embed's address with these parameters (the demo token unless `jwt` is given). */
function embedUrl(params: Record<string, string>): string {
  return `${setup.fixture.url}/embed?${new URLSearchParams({ jwt: setup.fixture.tokens.demo, ...params })}`;
}

/**
 * Opens a parent page (at parentOrigin()) with these iframes. Like the listener in
 * docs/embed.md, it keeps every message and sizes each frame to the heights it reports.
 */
async function openParent(frames: string[], extra = ''): Promise<Parent> {
  const { page, problems } = await watchedPage(setup.browser);
  // In every frame: a blocked resource (the embed's CSP) is a problem too.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP ${event.effectiveDirective} blocked ${event.blockedURI}`));
  });
  const embedOrigin = setup.fixture.url;
  parentHtml = `<!doctype html><html><body style="margin:0">
${frames.map((src, i) => `<iframe id="frame-${i}" title="Self help ${i}" style="display:block;width:600px;height:150px;border:0" src="${src.replaceAll('&', '&amp;')}"></iframe>`).join('\n')}
${extra}
<script>
  window.received = [];
  const frames = [...document.querySelectorAll('iframe[id^="frame-"]')];
  window.addEventListener('message', (event) => {
    const frame = frames.findIndex((f) => f.contentWindow === event.source);
    window.received.push({ origin: event.origin, frame, data: event.data });
    if (event.origin === ${JSON.stringify(embedOrigin)} && frame >= 0 && event.data?.source === 'nexus-connect' && event.data.type === 'height') {
      frames[frame].style.height = event.data.height + 'px';
    }
  });
</script></body></html>`;
  await page.goto(`${parentOrigin()}/support.html`);
  return {
    page,
    problems,
    messages: () => page.evaluate(() => (window as unknown as { received: Received[] }).received),
    frame: (index) => page.frameLocator(`#frame-${index}`),
  };
}

async function eventually<T>(get: () => Promise<T>, ok: (value: T) => boolean, what: string, timeout = 10_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await get();
    if (ok(value)) return value;
    if (Date.now() - start > timeout) assert.fail(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The messages of one frame, once they have stopped coming for a moment. */
async function settled(parent: Parent, frame: number): Promise<Received[]> {
  let last = -1;
  for (const start = Date.now(); Date.now() - start < 10_000; ) {
    const mine = (await parent.messages()).filter((m) => m.frame === frame);
    if (mine.length === last) return mine;
    last = mine.length;
    await sleep(400);
  }
  assert.fail(`frame ${frame} kept sending messages for 10 s`);
}

const heights = (messages: Received[]) => messages.filter((m) => m.data.type === 'height');

/** The iframe's document fits the frame: the reported height was right. */
async function assertFits(parent: Parent, index: number) {
  const frame = (await parent.page.$(`#frame-${index}`))!;
  const content = (await frame.contentFrame()) as Frame;
  const { scrollHeight, clientHeight } = await content.evaluate(() => ({
    scrollHeight: document.documentElement.scrollHeight,
    clientHeight: document.documentElement.clientHeight,
  }));
  assert.ok(scrollHeight <= clientHeight, `the frame fits its content (${scrollHeight} > ${clientHeight})`);
}

describe('iframe embed', () => {
  it('searchtype=helpid opens the path; the parent gets heights and events from the embed origin only', async () => {
    const parent = await openParent([
      embedUrl({ searchtype: 'helpid', searchvalue: 'bulb-reset', displayorder: 'search,paths,contact_us', phone: '1-800-555-0199', skill: 'support' }),
    ]);
    const frame = parent.frame(0);
    await frame.getByRole('heading', { name: 'How to reset a Smart Bulb' }).waitFor();
    await frame.locator('[part~="progress"]', { hasText: 'Step 1 of' }).waitFor();
    const messages = await settled(parent, 0);

    const sizes = heights(messages);
    assert.ok(sizes.length >= 1, 'height messages arrived');
    for (const message of sizes) {
      assert.equal(message.origin, setup.fixture.url);
      assert.deepEqual(Object.keys(message.data).sort(), ['height', 'source', 'type']);
      assert.equal(message.data.source, 'nexus-connect');
      assert.ok(Number.isInteger(message.data.height) && (message.data.height as number) > 150, `a real height (${message.data.height})`);
    }
    const last = sizes.at(-1)!.data.height;
    assert.equal(await parent.page.$eval('#frame-0', (f) => (f as HTMLElement).offsetHeight), last);
    await assertFits(parent, 0);

    // The elements' events come along, as { type: 'event', name, detail }.
    const open = messages.find((m) => m.data.type === 'event' && m.data.name === 'nexus-path-open');
    assert.ok(open, 'nexus-path-open was passed on');
    assert.equal((open.data.detail as { pathId: string }).pathId, 'reset-smart-bulb');

    // Walking the path changes the height again, and the parent hears the step changes.
    await frame.getByRole('button', { name: 'Next' }).click();
    await frame.locator('[part~="progress"]', { hasText: 'Step 2 of' }).waitFor();
    const after = await settled(parent, 0);
    assert.ok(after.some((m) => m.data.type === 'event' && m.data.name === 'nexus-step-change'));
    await assertFits(parent, 0);
    assert.deepEqual(parent.problems, []);
    await parent.page.close();
  });

  it('searchtype=tags lists the tagged paths; searchtype=text lists search results beside the search box', async () => {
    const parent = await openParent([
      embedUrl({ searchtype: 'tags', searchvalue: 'LightBulb,Thermostat', displayorder: 'paths' }),
      embedUrl({ searchtype: 'text', searchvalue: 'reset bulb', displayorder: 'search,paths,contact_us', skill: 'support', phone: '1-800-555-0199' }),
    ]);
    const tagged = parent.frame(0).locator('nexus-path-list [part~="item-title"]');
    await tagged.first().waitFor();
    const titles = await tagged.allInnerTexts();
    assert.equal(titles.length, 10, titles.join(' | '));
    assert.ok(titles.some((t) => /Smart Bulb/.test(t)) && titles.some((t) => /thermostat/i.test(t)), titles.join(' | '));
    assert.equal(await parent.frame(0).getByRole('combobox').count(), 0, 'only the paths section');

    const searched = parent.frame(1);
    await searched.getByRole('combobox', { name: 'Search help' }).waitFor();
    const results = searched.locator('nexus-path-list [part~="item-title"]');
    await results.first().waitFor();
    assert.match(await results.first().innerText(), /How to reset a Smart Bulb/);
    await searched.getByRole('button', { name: /chat/i }).first().waitFor();

    // Picking a tagged path opens it in the frame; the parent hears the selection.
    await tagged.filter({ hasText: 'How to reset a Smart Bulb' }).click();
    await parent.frame(0).getByRole('heading', { name: 'How to reset a Smart Bulb' }).waitFor();
    const select = await eventually(
      parent.messages,
      (all) => all.some((m) => m.frame === 0 && m.data.name === 'nexus-path-select'),
      'nexus-path-select from frame 0',
    );
    assert.equal(select.find((m) => m.data.name === 'nexus-path-select')!.origin, setup.fixture.url);
    await settled(parent, 0);
    await settled(parent, 1);
    await assertFits(parent, 0);
    await assertFits(parent, 1);

    // Contact us in the frame: live help takes the place of self help there, and the chat starts.
    await searched.locator('nexus-contact-us [part~="chat-button"]').click();
    await searched.locator('nexus-live-help nexus-chat [part~="queue"]').getByText('Waiting for an agent').waitFor();
    assert.equal(await searched.locator('nexus-self-help').count(), 0);
    // Live help reports its height as self help did: the parent sizes the frame to the chat.
    const liveHeight = () => searched.locator('nexus-live-help').evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
    const lastHeight = async () => heights((await parent.messages()).filter((m) => m.frame === 1)).at(-1)?.data.height;
    await eventually(
      async () => ({ reported: await lastHeight(), live: await liveHeight() }),
      ({ reported, live }) => reported === live,
      'the height of live help',
    );
    await settled(parent, 1);
    await assertFits(parent, 1);
    // And as it changes.
    const before = await liveHeight();
    await searched.locator('nexus-live-help').evaluate((el) => ((el as HTMLElement).style.paddingBlockEnd = '90px'));
    await eventually(
      lastHeight,
      (height) => height === before + 90,
      'the grown height of live help',
    );
    await settled(parent, 1);
    await assertFits(parent, 1);
    assert.deepEqual(parent.problems, []);
    await parent.page.close();
  });

  it('bad parameters and bad tokens show their message in the frame, and the parent hears the error', async () => {
    const parent = await openParent([
      embedUrl({ searchtype: 'nope', searchvalue: 'x' }),
      embedUrl({ jwt: setup.fixture.tokens.expired }),
      embedUrl({ jwt: setup.fixture.tokens.forged }),
    ]);
    const bad = parent.frame(0);
    await bad.getByRole('heading', { name: 'Self help could not be shown' }).waitFor();
    await bad.getByText('searchtype must be helpid, tags or text (got "nope")').waitFor();
    await bad.getByText('invalid_request', { exact: true }).waitFor();
    await parent.frame(1).getByText('the token has expired', { exact: false }).waitFor();
    await parent.frame(1).getByText('token_expired', { exact: true }).waitFor();
    await parent.frame(2).getByText('token_invalid', { exact: true }).waitFor();

    const messages = await settled(parent, 0);
    const error = messages.find((m) => m.data.type === 'error');
    assert.ok(error, 'an error message');
    assert.equal(error.origin, setup.fixture.url);
    assert.equal(error.data.code, 'invalid_request');
    assert.equal(error.data.status, 400);
    assert.match(String(error.data.message), /searchtype must be helpid, tags or text/);
    assert.ok(heights(messages).length >= 1, 'the problem page reports its height too');
    await assertFits(parent, 0);
    const expired = (await settled(parent, 1)).find((m) => m.data.type === 'error');
    assert.equal(expired?.data.code, 'token_expired');
    assert.equal(expired?.data.status, 401);
    // Only the 4xx answers themselves are logged by the browser.
    assert.deepEqual(
      parent.problems.filter((p) => !/Failed to load resource: the server responded with a status of 40[01]/.test(p)),
      [],
    );
    await parent.page.close();
  });

  it('answers request-height from the parent only; sends nothing to a parentOrigin that is not the parent', async () => {
    const parent = await openParent(
      [embedUrl({ displayorder: 'categories', parentOrigin: parentOrigin() }), embedUrl({ displayorder: 'categories', parentOrigin: 'http://elsewhere.test' })],
      `<iframe id="evil" title="another site" src="${evilOrigin()}/frame.html"></iframe>`,
    );
    await parent.frame(0).locator('[part~="card"]').first().waitFor();
    await parent.frame(1).locator('[part~="card"]').first().waitFor();
    const before = await settled(parent, 0);
    assert.ok(heights(before).length >= 1);
    const height = heights(before).at(-1)!.data.height;
    assert.equal((await settled(parent, 1)).length, 0, 'nothing reaches a parent that is not parentOrigin');

    // Another site in the page asks for the height: ignored.
    const evil = parent.page.frame({ url: `${evilOrigin()}/frame.html` })!;
    await evil.evaluate(() => window.parent.frames[0].postMessage({ source: 'nexus-connect', type: 'request-height' }, '*'));
    // The parent asks with the wrong shape: ignored.
    await parent.page.evaluate((origin) => {
      (document.getElementById('frame-0') as HTMLIFrameElement).contentWindow!.postMessage({ type: 'request-height' }, origin);
    }, setup.fixture.url);
    await sleep(500);
    assert.equal((await parent.messages()).filter((m) => m.frame === 0).length, before.length, 'no answer to those');

    // The parent asks properly: the height comes again.
    await parent.page.evaluate((origin) => {
      (document.getElementById('frame-0') as HTMLIFrameElement).contentWindow!.postMessage({ source: 'nexus-connect', type: 'request-height' }, origin);
    }, setup.fixture.url);
    const answered = await eventually(
      async () => (await parent.messages()).filter((m) => m.frame === 0),
      (mine) => mine.length > before.length,
      'the answer to request-height',
    );
    assert.deepEqual(answered.at(-1)!.data, { source: 'nexus-connect', type: 'height', height });
    assert.equal(answered.at(-1)!.origin, setup.fixture.url);

    // The misdirected frame said why it stays silent.
    assert.deepEqual(parent.problems, [
      `Nexus embed: parentOrigin is http://elsewhere.test but the parent page is ${parentOrigin()}, so it gets no messages.`,
    ]);
    await parent.page.close();
  });
});
