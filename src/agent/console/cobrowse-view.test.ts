import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { css, html as litHtml, LitElement } from 'lit';
import { hostilePage } from '../../../test/browser/cobrowse-frames.js';
import { cleanupAfterEach, env, sleep, testClient, until } from '../../../test/browser/env.js';
import { defaultStrings } from '../../i18n/strings-all.js';
import { MASK } from '../../core/cobrowse-privacy.js';
import type { Agent } from '../../protocol/live.js';
import { ROUTES } from '../../protocol/routes.js';
import './agent-console.js';
import type { NexusAgentConsole } from './agent-console.js';

/** A tenant of its own, so routing here never races with other test files. */
const tenant = env.live.cobrowseView;
const SHADOW_TEXT = 'Shadow text in the view 5519';
const SECRETS = { password: 'pw9SECRETview', typed: 'typedVALUE3381', redacted: 'RedactedBLOCK4471' };

/** A Lit element (open shadow root, constructed stylesheet) on the page being shared. */
class ViewProbe extends LitElement {
  static override styles = css`
    p {
      color: rgb(1, 2, 3);
    }
  `;
  override render() {
    return litHtml`<p>${SHADOW_TEXT}</p>`;
  }
}
customElements.define('cobrowse-view-probe', ViewProbe);

// Room for every module the test page loads (the default keeps 250 entries, then records nothing).
performance.setResourceTimingBufferSize(10_000);
// The replayer is a lazily loaded chunk: before any view opened, it is not loaded.
const replayerLoaded = () =>
  performance.getEntriesByType('resource').some((e) => e.name.includes('cobrowse-replayer') || e.name.includes('@rrweb/replay'));
const loadedAtStart = replayerLoaded();

const cleanup = cleanupAfterEach();

const part = <T extends HTMLElement = HTMLElement>(el: NexusAgentConsole, name: string) =>
  el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const focused = (el: NexusAgentConsole) => el.shadowRoot!.activeElement as HTMLElement | null;

/** Waits for `check` to return something, and returns it. */
async function found<T>(check: () => T | null | undefined | false, what: string, timeout?: number): Promise<T> {
  return (await until(check, what, timeout)) as T;
}

async function setStatus(token: string, status: 'available' | 'away') {
  const response = await fetch(`${env.server}${ROUTES.agentStatus}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ status }),
  });
  return (await response.json()) as Agent;
}

/** The customer's page: our element in a shadow root, a password, a typed field, a redacted block. */
function buildPage() {
  const page = document.createElement('section');
  page.innerHTML = `
    <h2>Order 77</h2>
    <div id="shadow-host"></div>
    <label>Name <input id="name" type="text"></label>
    <label>Password <input id="password" type="password"></label>
    <div data-nexus-redact><p>${SECRETS.redacted}</p></div>`;
  page.querySelector('#shadow-host')!.attachShadow({ mode: 'open' }).innerHTML = '<cobrowse-view-probe></cobrowse-view-probe>';
  document.body.append(page);
  cleanup.push(() => page.remove());
  return page;
}

async function type(input: HTMLInputElement, value: string) {
  input.focus();
  await sendKeys({ type: value });
}

/**
 * A console signed in as alex (inside a redacted block, so the customer's recorder, running in
 * this same page, never captures the console and its own view).
 */
async function openConsole(): Promise<NexusAgentConsole> {
  const wrapper = await fixture<HTMLDivElement>(html`<div data-nexus-redact>
    <nexus-agent-console server=${env.server} token=${tenant.agents.alex}></nexus-agent-console>
  </div>`);
  const el = wrapper.querySelector('nexus-agent-console')!;
  await until(() => part(el, 'agent-name'), 'the console to sign in');
  await until(() => el.agentClient?.connected, 'the agent socket');
  return el;
}

/** A customer (the real core client) in a chat that alex accepted in the console. */
async function acceptedChat() {
  await setStatus(tenant.agents.alex, 'away');
  const el = await openConsole();
  const client = testClient({
    token: tenant.app,
    reconnectDelayMs: 50,
    heartbeatMs: 60_000,
  }).client;
  cleanup.push(() => client.destroy());
  const session = await client.chat.start('sales');
  cleanup.push(() => (client.liveHelp.isActive() ? client.chat.end().catch(() => undefined) : undefined));
  const option = await found(() => el.shadowRoot!.querySelector<HTMLElement>(`[role="option"][data-session="${session.id}"]`), 'the session');
  option.click();
  (await found(() => el.shadowRoot!.querySelector<HTMLElement>('[part~="chat-header"] [part~="accept-button"]'), 'accept')).click();
  await until(() => part(el, 'composer-input'), 'the composer', 10_000);
  await until(() => client.chat.session?.state === 'active', 'the chat to be active');
  return { el, client, session };
}

/** The replayer iframe's document. */
const viewDocument = (el: NexusAgentConsole) => part(el, 'cobrowse-view')?.querySelector('iframe')?.contentDocument ?? null;

/** Text of a document, shadow roots included. */
function deepText(root: Node | null): string {
  if (!root) return '';
  let out = '';
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) out += node.textContent ?? '';
    const shadow = (node as Element).shadowRoot;
    if (shadow) walk(shadow);
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
  return out;
}

/** Everything of a document an agent could see: text, attributes and field values, shadow roots included. */
function deepDump(root: Node | null): string {
  if (!root) return '';
  const out: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) out.push(node.textContent ?? '');
    if (node.nodeType === Node.ELEMENT_NODE) {
      const element = node as Element;
      for (const attribute of element.attributes) out.push(attribute.value);
      if ('value' in element) out.push(String((element as HTMLInputElement).value));
      if (element.shadowRoot) walk(element.shadowRoot);
    }
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
  return out.join('\n');
}

describe('<nexus-agent-console> co-browse view', function () {
  this.timeout(30_000);

  it('Connect, the customer accepts: the live view shows the page (shadow DOM, never a secret), follows changes; End returns to idle', async () => {
    expect(loadedAtStart, 'the replayer is not in the console bundle').to.equal(false);
    const page = buildPage();
    await type(page.querySelector<HTMLInputElement>('#password')!, SECRETS.password);
    await type(page.querySelector<HTMLInputElement>('#name')!, SECRETS.typed);
    const { el, client } = await acceptedChat();
    const requests: unknown[] = [];
    client.cobrowse.on('request', (info) => requests.push(info));
    expect(text(part(el, 'cobrowse-state')), 'nothing to say before Connect').to.equal('');
    expect(part(el, 'cobrowse-view')).to.equal(null);
    await expect(el).to.be.accessible();

    // Keyboard: Connect with Enter; focus moves to End co-browse.
    const connect = part(el, 'cobrowse-button')!;
    expect(text(connect)).to.equal(defaultStrings.agentCobrowseConnect);
    connect.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => text(part(el, 'cobrowse-state')) === defaultStrings.agentCobrowsePending, 'waiting for the customer');
    expect(part(el, 'cobrowse-state')!.getAttribute('role')).to.equal('status');
    await until(() => focused(el) === part(el, 'cobrowse-end-button'), 'focus on End co-browse');
    expect(part(el, 'cobrowse-button')).to.equal(null);
    await until(() => requests.length === 1, 'the request on the customer side');
    await expect(el).to.be.accessible();
    expect(replayerLoaded(), 'nothing loaded while waiting').to.equal(false);

    await client.cobrowse.accept();
    const doc = await found(() => deepText(viewDocument(el)).includes(SHADOW_TEXT) && viewDocument(el), 'the shadow-DOM text in the view', 10_000);
    expect(replayerLoaded(), 'the replayer chunk loaded when the view opened').to.equal(true);
    await until(() => text(part(el, 'cobrowse-state')) === defaultStrings.agentCobrowseActive, 'viewing');

    // The iframe: sandboxed without scripts, not focusable, not interactive.
    const frame = part(el, 'cobrowse-view')!.querySelector('iframe')!;
    expect([...frame.sandbox]).to.deep.equal(['allow-same-origin']);
    expect(frame.getAttribute('tabindex')).to.equal('-1');
    expect(getComputedStyle(frame).pointerEvents).to.equal('none');
    expect(part(el, 'cobrowse-view')!.getAttribute('aria-label')).to.equal(defaultStrings.agentCobrowseViewLabel);

    // No secret reaches the view; the typed value arrives masked.
    const dump = deepDump(doc);
    for (const [name, secret] of Object.entries(SECRETS)) expect(dump.includes(secret), `${name} is not in the view`).to.equal(false);
    // The recorder's fixed mask: the view learns neither the value nor its length.
    expect(dump).to.include(MASK);
    expect(dump).not.to.include('*'.repeat(SECRETS.typed.length));
    expect(doc.querySelector('input[type="password"]'), 'the password field is shown (masked)').to.exist;

    // Scaled to fit the pane: never wider than the view.
    const stage = part(el, 'cobrowse-view')!;
    const screen = stage.querySelector<HTMLElement>('.cobrowse-screen')!;
    await until(() => screen.style.transform.startsWith('scale('), 'the scale');
    expect(screen.getBoundingClientRect().width).to.be.at.most(stage.getBoundingClientRect().width + 1);

    // A change on the customer's page shows up in the view.
    page.append(Object.assign(document.createElement('p'), { textContent: 'Changed on the page 8830' }));
    await until(() => deepText(viewDocument(el)).includes('Changed on the page 8830'), 'the change in the view');
    await expect(el).to.be.accessible();

    // End: back to idle (Connect again, no view), and the customer stops sharing.
    part(el, 'cobrowse-end-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => text(part(el, 'cobrowse-state')) === defaultStrings.agentCobrowseEndedAgent, 'ended');
    await until(() => !client.cobrowse.sharing, 'the customer to stop sharing');
    expect(part(el, 'cobrowse-view')).to.equal(null);
    expect(part(el, 'cobrowse-end-button')).to.equal(null);
    await until(() => focused(el) === part(el, 'cobrowse-button'), 'focus back on Connect');
    await expect(el).to.be.accessible();
  });

  it('decline: the agent sees that the customer declined, and can ask again', async () => {
    const { el, client } = await acceptedChat();
    const requests: unknown[] = [];
    client.cobrowse.on('request', (info) => requests.push(info));
    part(el, 'cobrowse-button')!.click();
    await until(() => requests.length === 1, 'the request');
    client.cobrowse.decline();
    await until(() => text(part(el, 'cobrowse-state')) === defaultStrings.agentCobrowseRejected, 'declined');
    expect(text(part(el, 'cobrowse-state'))).to.contain('declined');
    expect(part(el, 'cobrowse-view')).to.equal(null);
    expect(part(el, 'cobrowse-button'), 'Connect is offered again').to.exist;
    await expect(el).to.be.accessible();
  });

  it('a console opened while the customer shares asks for a snapshot and shows the page', async () => {
    buildPage();
    const { el, client, session } = await acceptedChat();
    client.cobrowse.on('request', () => void client.cobrowse.accept());
    part(el, 'cobrowse-button')!.click();
    await until(() => deepText(viewDocument(el)).includes(SHADOW_TEXT), 'the first view');

    // The agent reloads: a second console (same agent) opens the session while sharing goes on.
    const later = await openConsole();
    await until(() => later.agentClient?.cobrowse(session.id)?.state === 'active', 'the co-browse state on connect');
    later.openSession(session.id);
    await until(() => deepText(viewDocument(later)).includes(SHADOW_TEXT), 'the late view from a fresh snapshot', 10_000);
    expect(text(part(later, 'cobrowse-state'))).to.equal(defaultStrings.agentCobrowseActive);
  });

  it('the replayer never runs scripts or follows refresh tags of the events it is given', async () => {
    const { startCobrowseViewer } = await import('../../components/cobrowse-player/cobrowse-replayer.js');
    const root = document.createElement('div');
    document.body.append(root);
    cleanup.push(() => root.remove());
    const win = window as unknown as { __nexusPwned?: number };
    delete win.__nexusPwned;
    const viewer = startCobrowseViewer({ root });
    cleanup.push(() => viewer.destroy());
    const t = Date.now();
    viewer.add([
      { type: 3, timestamp: t - 10, data: { source: 0, adds: [], removes: [], texts: [], attributes: [] } },
      'not an event',
      ...hostilePage(t, 'Rebuilt safely 6610'),
    ]);
    await until(() => viewer.frame?.contentDocument?.body?.textContent?.includes('Rebuilt safely 6610'), 'the rebuilt page');
    const frame = viewer.frame!;
    expect([...frame.sandbox]).to.deep.equal(['allow-same-origin']);
    expect(frame.contentDocument!.querySelector('meta')?.hasAttribute('http-equiv') ?? false).to.equal(false);
    await sleep(300);
    expect(win.__nexusPwned, 'no script or handler ran').to.equal(undefined);
    expect(frame.contentWindow!.location.hash).to.not.equal('#moved');
  });

  it('laser and remote control from the view: the customer sees the dot; after they allow control, clicks and typing land, never in a closed area', async () => {
    const page = document.createElement('section');
    page.innerHTML = `
      <button id="target" type="button" style="width:120px;height:40px">Target</button>
      <div data-nexus-no-control><button id="closed" type="button" style="width:120px;height:40px">Closed</button></div>
      <form id="form"><input id="field" type="text" style="width:200px"></form>`;
    document.body.prepend(page);
    cleanup.push(() => page.remove());
    const clicks: string[] = [];
    const submits: string[] = [];
    page.addEventListener('click', (event) => clicks.push((event.target as Element).id));
    page.querySelector('form')!.addEventListener('submit', (event) => {
      event.preventDefault();
      submits.push(page.querySelector<HTMLInputElement>('#field')!.value);
    });
    const { el, client } = await acceptedChat();
    const controlRequests: unknown[] = [];
    client.cobrowse.on('control-request', (info) => controlRequests.push(info));
    client.cobrowse.on('request', () => void client.cobrowse.accept());
    part(el, 'cobrowse-button')!.click();
    const doc = await found(() => viewDocument(el)?.querySelector('#target') && viewDocument(el), 'the page in the view', 10_000);
    expect(part(el, 'cobrowse-input'), 'the view takes no input until a tool is on').to.equal(null);

    /** Fires `type` on the input layer over the element `selector` of the replayed page. */
    const at = (type: string, selector: string) => {
      const frame = part(el, 'cobrowse-view')!.querySelector('iframe')!;
      const box = doc.querySelector(selector)!.getBoundingClientRect();
      const rect = frame.getBoundingClientRect();
      const scale = rect.width / frame.clientWidth;
      const init = { clientX: rect.left + (box.left + 5) * scale, clientY: rect.top + (box.top + 5) * scale, bubbles: true };
      part(el, 'cobrowse-input')!.dispatchEvent(type === 'click' ? new MouseEvent(type, init) : new PointerEvent(type, init));
    };

    const laser = part(el, 'cobrowse-laser-button')!;
    expect(laser.getAttribute('aria-pressed')).to.equal('false');
    laser.click();
    await until(() => laser.getAttribute('aria-pressed') === 'true' && part(el, 'cobrowse-input'), 'the laser on');
    at('pointermove', '#target');
    const dot = await found(() => document.querySelector<HTMLElement>('.nexus-cobrowse-laser'), 'the laser on the customer page');
    const target = page.querySelector('#target')!.getBoundingClientRect();
    expect(Math.abs(parseFloat(dot.style.left) - (target.left + 5))).to.be.below(3);
    at('click', '#target');
    await found(() => document.querySelector('.nexus-cobrowse-highlight'), 'a click with the laser highlights');
    expect(clicks, 'the laser never clicks').to.deep.equal([]);
    await expect(el).to.be.accessible();

    part(el, 'cobrowse-control-button')!.click();
    await until(() => text(part(el, 'cobrowse-control-state')) === defaultStrings.agentCobrowseControlPending, 'waiting for control');
    await until(() => controlRequests.length === 1, 'the second consent asked');
    client.cobrowse.allowControl();
    await until(() => text(part(el, 'cobrowse-control-state')) === defaultStrings.agentCobrowseControlGranted, 'control granted');
    await expect(el).to.be.accessible();

    at('click', '#target');
    await until(() => clicks.includes('target'), 'the click on the customer page');
    at('click', '#closed');
    await until(() => text(part(el, 'cobrowse-notice')) === defaultStrings.agentCobrowseRefused, 'the notice of the closed area');
    at('click', '#field');
    const typing = await found(() => part<HTMLInputElement>(el, 'cobrowse-type-input'), 'the typing box for the field');
    typing.value = 'Typed by the agent';
    part(el, 'cobrowse-type-button')!.click();
    await until(() => page.querySelector<HTMLInputElement>('#field')!.value === 'Typed by the agent', 'the text in the field');
    part(el, 'cobrowse-enter-button')!.click();
    await until(() => submits.length === 1, 'Enter submitted the form');
    expect(clicks.filter((id) => id === 'closed'), 'nothing clicked in the closed area').to.deep.equal([]);

    part(el, 'cobrowse-release-button')!.click();
    await until(() => client.cobrowse.current?.control === 'off', 'control given back');
    await until(() => part(el, 'cobrowse-control-button'), 'Request control offered again');
    const count = clicks.length;
    at('click', '#target');
    await sleep(300);
    expect(clicks.length, 'no click after control was released').to.equal(count);
  });

  it('a co-browse code: the agent types it in, accepts, and the console asks to co-browse at once', async () => {
    buildPage();
    await setStatus(tenant.agents.alex, 'away');
    const el = await openConsole();
    const client = testClient({ token: tenant.app, reconnectDelayMs: 50, heartbeatMs: 60_000 }).client;
    cleanup.push(() => client.destroy());
    cleanup.push(() => (client.liveHelp.isActive() ? client.liveHelp.end().catch(() => undefined) : undefined));
    const requests: unknown[] = [];
    client.cobrowse.on('request', (info) => requests.push(info));
    const { code } = await client.cobrowse.requestCode();
    const input = part<HTMLInputElement>(el, 'code-input')!;
    input.focus();
    await sendKeys({ type: code });
    await sendKeys({ press: 'Enter' });
    (await found(() => focused(el) === el.shadowRoot!.querySelector('[part~="chat-header"] [part~="accept-button"]') && focused(el), 'the accept button')).click();
    await until(() => requests.length === 1, 'the co-browse request, without pressing Connect', 10_000);
    await until(() => text(part(el, 'cobrowse-state')) === defaultStrings.agentCobrowsePending, 'waiting for the customer');
    await client.cobrowse.accept();
    await found(() => viewDocument(el)?.querySelector('section'), 'the page in the view', 10_000);
  });
});
