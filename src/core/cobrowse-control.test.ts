import { expect, fixture, html } from '@open-wc/testing';
import { cobrowseChat } from '../../test/browser/cobrowse.js';
import { cleanupAfterEach, env, expectReadOnlyState, sleep, stateTrail, testClient, until } from '../../test/browser/env.js';
import { AgentClient } from '../agent/agent-client.js';
import '../components/cobrowse-code/cobrowse-code.js';
import type { NexusCobrowseCode } from '../components/cobrowse-code/cobrowse-code.js';
import '../components/cobrowse-consent/cobrowse-consent.js';
import type { NexusCobrowseConsent } from '../components/cobrowse-consent/cobrowse-consent.js';
import type { CobrowseEvents } from './cobrowse.js';

/**
 * Remote control and the laser, end to end: the real core client shares a real page, agent alex
 * (the real AgentClient) sends inputs through the real server. Tenant 'cobrowseControl' records
 * co-browse (the consent says so).
 */
const tenant = env.live.cobrowseControl;

const cleanup = cleanupAfterEach();

/** A page with things to click and fill, one area closed to remote control, a redacted field and a button in a shadow root. */
function buildPage() {
  const page = document.createElement('section');
  page.innerHTML = `
    <button id="plain" type="button">Plain</button>
    <div data-nexus-no-control><button id="closed" type="button">Closed</button></div>
    <form id="form"><input id="name" type="text"><input id="password" type="password"></form>
    <div data-nexus-redact><input id="redacted" type="text"></div>
    <div id="host"></div>`;
  page.querySelector('#host')!.attachShadow({ mode: 'open' }).innerHTML = '<button id="inner" type="button">Inner</button>';
  document.body.append(page);
  cleanup.push(() => page.remove());
  const clicks: string[] = [];
  const submits: string[] = [];
  page.addEventListener('click', (event) => clicks.push((event.composedPath()[0] as Element).id));
  page.querySelector('form')!.addEventListener('submit', (event) => {
    event.preventDefault();
    submits.push((page.querySelector('#name') as HTMLInputElement).value);
  });
  return { page, clicks, submits };
}

interface SerializedNode {
  id: number;
  attributes?: Record<string, string>;
  childNodes?: SerializedNode[];
}

/** The recorder's node ids by element id, read from the full snapshot the agent received (shadow roots included). */
function nodeIds(batches: unknown[][]): Record<string, number> {
  const ids: Record<string, number> = {};
  const walk = (node: SerializedNode) => {
    if (node.attributes?.id) ids[node.attributes.id] = node.id;
    node.childNodes?.forEach(walk);
  };
  for (const event of batches.flat() as { type: number; data: { node: SerializedNode } }[]) if (event.type === 2) walk(event.data.node);
  return ids;
}

/** Shares the page with alex and returns what both sides need. */
async function sharing() {
  const built = buildPage();
  const chat = await cobrowseChat(tenant, cleanup);
  const inputs: CobrowseEvents['input'][] = [];
  chat.client.cobrowse.on('input', (event) => inputs.push(event));
  chat.alex.requestCobrowse(chat.session.id);
  await until(() => chat.requests.length === 1, 'the request');
  expect(chat.requests[0].recording, 'this tenant records co-browse').to.equal(true);
  await chat.client.cobrowse.accept();
  await until(() => nodeIds(chat.batches).plain, 'the full snapshot');
  const errors: string[] = [];
  chat.alex.on('error', (error) => errors.push(error.code));
  return { ...chat, ...built, ids: nodeIds(chat.batches), inputs, errors };
}

describe('co-browse remote control (second consent) and laser', function () {
  this.timeout(20_000);

  it('a click lands only after the customer allows control; closed, redacted and password fields are refused; stop control stops it', async () => {
    const { alex, client, session, ids, clicks, submits, inputs, errors, states, page } = await sharing();
    const send = (input: Parameters<typeof alex.sendCobrowseInput>[1]) => alex.sendCobrowseInput(session.id, input);

    send({ kind: 'click', node: ids.plain });
    await until(() => errors.includes('cobrowse_control_not_granted'), 'the refusal before consent');
    await sleep(100);
    expect(clicks, 'no click before the second consent').to.deep.equal([]);

    const controlRequests: unknown[] = [];
    client.cobrowse.on('control-request', (info) => controlRequests.push(info));
    alex.requestCobrowseControl(session.id);
    await until(() => controlRequests.length === 1, 'the control request on the customer side');
    expect(client.cobrowse.current?.control).to.equal('pending');
    client.cobrowse.allowControl();
    await until(() => states.some((s) => s.control === 'granted'), 'granted on the agent side');
    await until(() => client.cobrowse.current?.control === 'granted', 'granted on the customer side');

    send({ kind: 'click', node: ids.plain });
    await until(() => clicks.includes('plain'), 'the click on the page');
    send({ kind: 'click', node: ids.inner });
    await until(() => clicks.includes('inner'), 'a click inside a shadow root');
    send({ kind: 'click', node: ids.closed });
    await until(() => inputs.some((i) => i.input.kind === 'click' && i.refused === 'not_allowed'), 'the refusal in the closed area');
    expect(clicks).not.to.include('closed');

    send({ kind: 'text', node: ids.name, value: 'Typed by Alex' });
    send({ kind: 'key', node: ids.name, key: 'Enter' });
    await until(() => submits.length === 1, 'the form submitted by Enter');
    expect(submits).to.deep.equal(['Typed by Alex']);
    send({ kind: 'text', node: ids.password, value: 'nope' });
    await until(() => inputs.some((i) => i.input.kind === 'text' && i.refused === 'not_a_field'), 'the password refused');
    expect((page.querySelector('#password') as HTMLInputElement).value).to.equal('');
    // A blocked (redacted) element is not even in the agent's snapshot: it has no node id to name.
    expect(ids.redacted).to.equal(undefined);

    client.cobrowse.stopControl();
    expect(client.cobrowse.current?.control).to.equal('off');
    await until(() => states.some((s) => s.control === 'off' && s.state === 'active' && states.indexOf(s) > 1), 'off on the agent side');
    const before = clicks.length;
    send({ kind: 'click', node: ids.plain });
    await until(() => errors.filter((e) => e === 'cobrowse_control_not_granted').length === 2, 'refused again');
    await sleep(100);
    expect(clicks.length).to.equal(before);
    expect(client.cobrowse.sharing, 'sharing goes on').to.equal(true);
  });

  it('the laser shows a dot on the customer page without control, a highlight outlines an element, and both go when sharing stops', async () => {
    const { alex, client, session, ids } = await sharing();
    alex.sendCobrowseInput(session.id, { kind: 'laser', x: 40, y: 30 });
    const laser = (await until(() => document.querySelector<HTMLElement>(".nexus-cobrowse-laser"), "the laser dot"))!;
    expect([laser.style.left, laser.style.top]).to.deep.equal(['40px', '30px']);
    expect(laser.hasAttribute('data-nexus-redact'), 'the dot is never sent back to the agent').to.equal(true);
    alex.sendCobrowseInput(session.id, { kind: 'highlight', node: ids.plain });
    const box = (await until(() => document.querySelector<HTMLElement>(".nexus-cobrowse-highlight"), "the highlight"))!;
    const target = document.querySelector('#plain')!.getBoundingClientRect();
    expect(Math.abs(box.getBoundingClientRect().left - (target.left - 4))).to.be.below(1);
    alex.sendCobrowseInput(session.id, { kind: 'laser', x: null, y: null });
    await until(() => !document.querySelector('.nexus-cobrowse-laser'), 'the laser hidden');
    alex.sendCobrowseInput(session.id, { kind: 'laser', x: 10, y: 10 });
    await until(() => document.querySelector('.nexus-cobrowse-laser'), 'the laser again');
    client.cobrowse.stop();
    expect(document.querySelector('.nexus-cobrowse-laser,.nexus-cobrowse-highlight')).to.equal(null);
  });

  it('<nexus-cobrowse-consent> says the session is recorded, asks for control, shows it granted, and takes it back', async () => {
    buildPage();
    const chat = await cobrowseChat(tenant, cleanup);
    const element = await fixture<NexusCobrowseConsent>(html`<nexus-cobrowse-consent .client=${chat.client}></nexus-cobrowse-consent>`);
    chat.alex.requestCobrowse(chat.session.id);
    await until(() => element.state === 'pending', 'the question');
    const part = (name: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
    expect(part('recorded')?.textContent).to.equal('This co-browse session is recorded.');
    part('allow-button')!.click();
    await until(() => element.state === 'active', 'sharing');
    expect(part('stop-control-button')).to.equal(null);

    chat.alex.requestCobrowseControl(chat.session.id);
    await until(() => element.state === 'control', 'the control question');
    expect(part('title')?.textContent).to.equal('Alex asks to control this tab');
    expect(element.shadowRoot!.activeElement === part('decline-button'), 'focus on "Don\'t allow"').to.equal(true);
    await expect(element).to.be.accessible();
    part('allow-button')!.click();
    await until(() => part('control-state'), 'the control line in the indicator');

    expect(part('control-state')!.textContent).to.equal('Alex can also click and type here.');
    await expect(element).to.be.accessible();
    part('stop-control-button')!.click();

    await until(() => chat.states.some((s) => s.state === 'active' && s.control === 'off' && chat.states.indexOf(s) > 2), 'control off for the agent');
    expect(part('control-state')).to.equal(null);

    chat.alex.requestCobrowseControl(chat.session.id);
    await until(() => element.state === 'control', 'asked again');
    element.shadowRoot!.querySelector<HTMLElement>('[role="alertdialog"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await until(() => element.state === 'active', 'Escape declines control, sharing goes on');
    await until(() => chat.states.filter((s) => s.control === 'off').length >= 3, 'declined for the agent');
  });
});

describe('co-browse by code, without a chat', function () {
  this.timeout(20_000);

  /** Agent sam of the tenant, signed in. */
  async function sam() {
    const agent = new AgentClient({ server: env.server, token: tenant.agents.sam, reconnectDelayMs: 50 });
    cleanup.push(() => agent.destroy());
    await until(() => agent.connected, 'the agent connection');
    return agent;
  }

  it('the customer gets a 6-digit code; the agent joins with it and asks; the customer shares', async () => {
    buildPage();
    const client = testClient({ token: tenant.app, reconnectDelayMs: 50, heartbeatMs: 60_000 }).client;
    cleanup.push(() => client.destroy());
    cleanup.push(() => (client.liveHelp.isActive() ? client.liveHelp.end().catch(() => undefined) : undefined));
    const { code, session } = await client.cobrowse.requestCode();
    expect(code).to.match(/^\d{6}$/);
    expect([session.kind, session.data.purpose]).to.deep.equal(['call', 'cobrowse']);
    expect(client.chat.transcript, 'no chat').to.have.length(0);

    const agent = await sam();
    const batches: unknown[][] = [];
    agent.on('cobrowse.events', ({ events }) => batches.push(events));
    const requests: unknown[] = [];
    client.cobrowse.on('request', (info) => requests.push(info));
    let error: unknown;
    await agent.joinCobrowse('12345').catch((e) => (error = e));
    expect((error as { code?: string }).code, 'a code is 6 digits').to.equal('invalid_request');
    const joined = await agent.joinCobrowse(code.replace(/(\d{3})/, '$1 '));
    expect([joined.id, joined.state, joined.agent?.id]).to.deep.equal([session.id, 'active', 'sam']);
    await until(() => requests.length === 1, 'the request on the customer side');
    // The agents' list finds it by the session's data; another agent watches it.
    const listed = await agent.cobrowseSessions({ state: 'pending', data: { purpose: 'cobrowse' } });
    expect(listed.map((c) => c.sessionId)).to.include(session.id);
    const watcher = await sam();
    const seen: string[] = [];
    const stop = watcher.watchCobrowse(session.id, (cobrowse) => seen.push(cobrowse.state));
    await until(() => seen.includes('pending'), 'the watcher told of the pending request');
    await client.cobrowse.accept();
    await until(() => nodeIds(batches).plain, 'the page on the agent side');
    await until(() => seen.includes('active'), 'the watcher told it is active');
    stop();
    client.cobrowse.stop();
    await until(async () => (await agent.cobrowseSessions({ state: 'ended', sessionId: session.id })).length === 1, 'listed as ended');
    expect(seen, 'nothing after stop()').not.to.include('ended');
  });

  it('<nexus-cobrowse-code> shows the code, then the consent question when the agent joins; Cancel ends it', async () => {
    buildPage();
    const client = testClient({ token: tenant.app, reconnectDelayMs: 50, heartbeatMs: 60_000 }).client;
    cleanup.push(() => client.destroy());
    cleanup.push(() => (client.liveHelp.isActive() ? client.liveHelp.end().catch(() => undefined) : undefined));
    const element = await fixture<NexusCobrowseCode>(html`<nexus-cobrowse-code .client=${client}></nexus-cobrowse-code>`);
    const part = (name: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
    const trail = stateTrail(element);
    await expect(element).to.be.accessible();
    const given: string[] = [];
    element.addEventListener('nexus-cobrowse-code', (event) => given.push(event.detail.code));
    part('start-button')!.click();
    await until(() => element.state === 'code', 'the code');
    const code = given[0];
    expect(part('code')!.textContent).to.equal(`${code.slice(0, 3)} ${code.slice(3)}`);
    expect(part('waiting')!.textContent).to.equal('Waiting for the agent to connect…');
    await expect(element).to.be.accessible();
    await expectReadOnlyState(element);
    expect(part('code'), 'the code stays').to.exist;

    const agent = await sam();
    await agent.joinCobrowse(code);
    const consent = (await until(() => element.shadowRoot!.querySelector('nexus-cobrowse-consent'), 'the consent element'))!;
    await until(() => consent.state === 'pending', 'the consent question');
    consent.shadowRoot!.querySelector<HTMLElement>('[part~="allow-button"]')!.click();
    await until(() => element.state === 'sharing', 'sharing');
    expect(part('code'), 'the code is gone while sharing').to.equal(null);
    client.cobrowse.stop();
    await until(() => element.state === 'code', 'the code again after sharing stops');
    expect(part('waiting')!.textContent, 'the agent has joined').to.equal('');
    part('cancel-button')!.click();
    await until(() => element.state === 'idle' && !client.liveHelp.isActive(), 'cancelled');
    expect(part('start-button')).to.exist;
    expect(trail.values, 'the reflected state').to.deep.equal(['idle', 'loading', 'code', 'sharing', 'code', 'idle']);
    trail.stop();
  });
});
