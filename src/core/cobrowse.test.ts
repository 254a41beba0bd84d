import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { css, html, LitElement } from 'lit';
import { eventsOf, probeView, type RrwebEvent } from '../../test/browser/cobrowse-frames.js';
import { cobrowseChat } from '../../test/browser/cobrowse.js';
import { cleanupAfterEach, env, sleep, until } from '../../test/browser/env.js';
import { AgentClient } from '../agent/agent-client.js';
import type { CobrowseInfo } from '../protocol/cobrowse.js';
import { NexusClient } from './client.js';
// The privacy rules only (not the recorder: this file checks that it loads after consent).
import { MASK } from './cobrowse-privacy.js';
import { memoryStorage } from './storage.js';

/** This file has a tenant of its own, so routing here never races with other test files. */
const tenant = env.live.cobrowse;

const SECRETS = {
  password: 'hunter2SECRETpw',
  card: '4111222233334444',
  typed: 'plainTypedValue55',
  redacted: 'BalanceREDACTED9911',
  hidden: 'csrfTOKENhidden42',
  meta: 'metaTOKENhead77',
  cardUpper: '5105105105105100',
  cardBilling: '4000056655665556',
  cardMonth: 'ExpMonthOPTION08',
  cardCsc: 'CscAREA737',
  plan: 'PlanChoiceGOLDplus',
};
const SHADOW_TEXT = 'Shadow DOM hello 7731';

/** A Lit element (constructed stylesheets, open shadow root) for the page being shared. */
class CobrowseProbe extends LitElement {
  static override styles = css`
    :host {
      --probe-marker-7731: 1;
      display: block;
    }
  `;
  override render() {
    return html`<p part="text">${SHADOW_TEXT}</p>`;
  }
}
customElements.define('cobrowse-probe', CobrowseProbe);


const cleanup = cleanupAfterEach();

/**
 * The page to share: our element inside a shadow root, a password, a redacted block, card fields
 * (their autocomplete written in several ways, on input, select and textarea), a select.
 */
function buildPage() {
  const page = document.createElement('section');
  page.innerHTML = `
    <h2>Checkout</h2>
    <div id="shadow-host"></div>
    <label>Name <input id="name" type="text"></label>
    <label>Password <input id="password" type="password"></label>
    <label>Card <input id="card" autocomplete="cc-number" inputmode="numeric"></label>
    <input type="hidden" name="csrf" value="${SECRETS.hidden}">
    <input autocomplete="CC-NUMBER" value="${SECRETS.cardUpper}">
    <input autocomplete="billing cc-number" value="${SECRETS.cardBilling}">
    <select autocomplete="section-x shipping cc-exp-month"><option>01</option><option selected value="${SECRETS.cardMonth}">08</option></select>
    <textarea autocomplete="cc-csc">${SECRETS.cardCsc}</textarea>
    <select id="plan"><option>Basic</option><option selected>${SECRETS.plan}</option></select>
    <div data-nexus-redact><p>${SECRETS.redacted}</p></div>`;
  const meta = Object.assign(document.createElement('meta'), { name: 'csrf-token', content: SECRETS.meta });
  document.head.append(meta);
  cleanup.push(() => meta.remove());
  const host = page.querySelector('#shadow-host')!;
  host.attachShadow({ mode: 'open' }).innerHTML = '<cobrowse-probe></cobrowse-probe>';
  document.body.append(page);
  cleanup.push(() => page.remove());
  return page;
}

async function type(input: HTMLInputElement, text: string) {
  input.focus();
  await sendKeys({ type: text });
}

/** A customer in an active chat with alex, its sent frames captured, and alex's co-browse inbox. */
const activeChat = () => cobrowseChat(tenant, cleanup);

const eventFrames = (sent: string[]) => sent.filter((text) => text.includes('"type":"cobrowse.events"'));
const recorderLoaded = () => performance.getEntriesByType('resource').some((e) => e.name.includes('cobrowse-recorder'));

describe('co-browse in the core client', function () {
  this.timeout(20_000);

  it('captures nothing before consent; after accept the agent gets the page with shadow DOM, never a secret; stop ends the stream', async () => {
    const page = buildPage();
    const { alex, client, session, capture, states, batches, requests } = await activeChat();
    await type(page.querySelector<HTMLInputElement>('#password')!, SECRETS.password);
    (page.querySelector<HTMLInputElement>('#card')!).value = SECRETS.card;

    alex.requestCobrowse(session.id);
    await until(() => requests.length === 1, 'the request on the customer side');
    expect(requests[0].agent.name).to.equal('Alex');
    expect(client.cobrowse.current?.state).to.equal('pending');
    await sleep(200);
    expect(eventFrames(capture.sent), 'nothing is sent before consent').to.have.length(0);
    expect(recorderLoaded(), 'the recorder is not even loaded before consent').to.equal(false);

    await client.cobrowse.accept();
    expect(client.cobrowse.sharing).to.equal(true);
    expect(recorderLoaded()).to.equal(true);
    await until(() => states.some((s) => s.state === 'active'), 'active on the agent side');
    await until(() => batches.flat().some((e) => (e as { type: number }).type === 2), 'the full snapshot');
    const snapshot = JSON.stringify(batches.flat());
    expect(snapshot).to.include(SHADOW_TEXT);
    expect(snapshot, 'the constructed stylesheet of the Lit element').to.include('--probe-marker-7731');

    // The person types while sharing: the agent sees masked values only. (Counted before the
    // typing: its batches may all arrive while the keys are still being pressed.)
    const count = batches.length;
    await type(page.querySelector<HTMLInputElement>('#name')!, SECRETS.typed);
    await type(page.querySelector<HTMLInputElement>('#card')!, '5555');
    await until(() => JSON.stringify(batches.slice(count)).includes(MASK), 'the masked input events');
    await sleep(300);
    const all = [...capture.sent, JSON.stringify(batches)].join('\n');
    for (const [name, secret] of Object.entries(SECRETS)) expect(all.includes(secret), `${name} never leaves the page`).to.equal(false);
    // Blocked, not only masked: a blocked element keeps nothing but its size.
    expect(JSON.stringify(batches), 'every card field is blocked').not.to.match(/"autocomplete":"[^"]*cc-/i);
    expect(JSON.stringify(batches), 'a fixed mask, not one per character').not.to.include('*'.repeat(SECRETS.typed.length));

    client.cobrowse.stop();
    expect(client.cobrowse.sharing).to.equal(false);
    await until(() => states.some((s) => s.state === 'ended' && s.reason === 'customer'), 'ended on the agent side');
    const frames = eventFrames(capture.sent).length;
    page.append(Object.assign(document.createElement('p'), { textContent: 'after stop' }));
    await type(page.querySelector<HTMLInputElement>('#name')!, 'more');
    await sleep(300);
    expect(eventFrames(capture.sent).length, 'nothing is sent after stop').to.equal(frames);
  });

  it("the agent cannot tell what was typed or chosen: a fresh snapshot after the changes is the same, and the changes carry only the mask", async () => {
    const form = document.createElement('form');
    form.dataset.probe = 'form';
    form.innerHTML = `
      <select id="plan"><option value="b">Basic</option><option value="family-unlimited-premium">Family unlimited premium</option></select>
      <input id="name" type="text"><textarea id="notes"></textarea><button type="button">Next</button>`;
    document.body.append(form);
    cleanup.push(() => form.remove());
    const field = <T extends Element>(selector: string) => form.querySelector<T>(selector)!;
    // Filled before and after (whether a text field is empty is what the agent may see).
    field<HTMLInputElement>('#name').value = 'Al';
    field<HTMLTextAreaElement>('#notes').value = 'Hi';
    const { alex, client, session, capture, requests } = await activeChat();
    alex.requestCobrowse(session.id);
    await until(() => requests.length === 1, 'the request');
    await client.cobrowse.accept();
    const sent = () => eventsOf(capture.sent);
    const snapshots = () => sent().filter((event) => event.type === 2).length;
    await until(() => snapshots() === 1, 'the first full snapshot');
    const before = probeView(sent(), 'form');

    // Another choice, a longer name, notes: each field sends the mask once at most.
    const plan = field<HTMLSelectElement>('#plan');
    plan.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(plan.value).to.equal('family-unlimited-premium');
    await type(field<HTMLInputElement>('#name'), 'exander Hamilton-Smythe');
    await type(field<HTMLInputElement>('#notes'), 'Call me after six');
    field<HTMLButtonElement>('button').focus();
    await sleep(200);
    alex.requestSnapshot(session.id);
    await until(() => snapshots() === 2, 'the second full snapshot');
    await sleep(100);

    const events = sent();
    const second = events.findLastIndex((event) => event.type === 2);
    expect(probeView(events, 'form').snapshot, 'the same form, whatever was typed and chosen').to.deep.equal(before.snapshot);
    const changes = probeView(events.slice(0, second), 'form').changes as { input?: { text: string } }[];
    // One input event for each of the three fields, each the mask; nothing else about the form.
    expect(changes.map((change) => change.input?.text)).to.deep.equal([MASK, MASK, MASK]);
    const all = JSON.stringify(events as RrwebEvent[]);
    for (const secret of ['family-unlimited', 'Family unlimited', 'Basic', 'Hamilton', 'Alexander', 'Call me']) expect(all.includes(secret), secret).to.equal(false);
  });

  it('decline: the agent sees rejected and nothing is captured', async () => {
    const { alex, client, session, capture, states, requests } = await activeChat();
    alex.requestCobrowse(session.id);
    await until(() => requests.length === 1, 'the request');
    client.cobrowse.decline();
    await until(() => states.some((s) => s.state === 'rejected'), 'rejected on the agent side');
    expect(client.cobrowse.current).to.equal(null);
    await sleep(150);
    expect(eventFrames(capture.sent)).to.have.length(0);
    let error: unknown;
    await client.cobrowse.accept().catch((e) => (error = e));
    expect((error as { code?: string }).code).to.equal('cobrowse_not_found');
  });

  it('a late agent asks for a snapshot and gets a full one; ending the chat ends co-browse', async () => {
    buildPage();
    const { alex, client, session, states, requests } = await activeChat();
    const sam = new AgentClient({ server: env.server, token: tenant.agents.sam, reconnectDelayMs: 50 });
    cleanup.push(() => sam.destroy());
    await until(() => sam.connected, 'sam connected');
    alex.requestCobrowse(session.id);
    await until(() => requests.length === 1, 'the request');
    await client.cobrowse.accept();
    await until(() => states.some((s) => s.state === 'active'), 'active');

    const samStates: CobrowseInfo[] = [];
    const samBatches: unknown[][] = [];
    sam.on('cobrowse.state', ({ cobrowse }) => samStates.push(cobrowse));
    sam.on('cobrowse.events', ({ events }) => samBatches.push(events));
    sam.subscribe(session.id);
    await until(() => sam.cobrowse(session.id)?.state === 'active', 'sam hears of the co-browse');
    sam.requestSnapshot(session.id);
    await until(() => samBatches.flat().some((e) => (e as { type: number }).type === 2), 'a full snapshot for sam');
    expect(JSON.stringify(samBatches)).to.include(SHADOW_TEXT);

    await client.chat.end();
    await until(() => samStates.some((s) => s.state === 'ended'), 'ended for sam');
    expect(client.cobrowse.sharing).to.equal(false);
    expect(client.cobrowse.current).to.equal(null);
  });

  it('a dropped connection ends sharing on both sides; the reconnected tab sends nothing more', async () => {
    buildPage();
    const { alex, client, session, capture, states, requests } = await activeChat();
    alex.requestCobrowse(session.id);
    await until(() => requests.length === 1, 'the request');
    await client.cobrowse.accept();
    await until(() => states.some((s) => s.state === 'active'), 'active');
    capture.sockets.at(-1)!.close();
    await until(() => states.some((s) => s.state === 'ended' && s.reason === 'disconnected'), 'ended for alex');
    expect(client.cobrowse.sharing).to.equal(false);
    await until(() => client.chat.connected, 'reconnected');
    const frames = eventFrames(capture.sent).length;
    document.body.append(Object.assign(document.createElement('p'), { textContent: 'after the drop' }));
    await sleep(300);
    expect(eventFrames(capture.sent).length).to.equal(frames);
    document.body.lastElementChild!.remove();
  });

  it('refuses bad options with a clear error', () => {
    const make = (cobrowse: object) => () => new NexusClient({ server: env.server, token: tenant.app, storage: memoryStorage(), cobrowse });
    expect(make({ blockSelectors: ['##bad'] })).to.throw(/not a valid CSS selector/);
    expect(make({ maskTextSelectors: 'p' })).to.throw(/array of CSS selectors/);
    expect(make({ batchMs: 0 })).to.throw(/batchMs/);
  });
});
