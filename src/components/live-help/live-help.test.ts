import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { env, expectReadOnlyState, stateTrail, until, testClient } from '../../../test/browser/env.js';
import { AgentClient } from '../../agent/agent-client.js';
import { NexusClient } from '../../core/client.js';
import { memoryStorage } from '../../core/storage.js';
import '../contact-us/contact-us.js';
import type { NexusContactUs } from '../contact-us/contact-us.js';
import type { NexusChat } from '../chat/chat.js';
import type { NexusEvent } from '../shared/events.js';
import type { NexusLiveHelp } from './live-help.js';
import './live-help.js';

const tenant = env.live.liveHelp;
const part = (root: Element, name: string) => root.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function customer() {
  const client = testClient({
    token: tenant.app,
    reconnectDelayMs: 50,
  }).client;
  cleanup.push(() => (client.liveHelp.isActive() ? client.liveHelp.end().catch(() => undefined) : undefined));
  cleanup.push(() => client.destroy());
  return client;
}

async function sam() {
  const agent = new AgentClient({ server: env.server, token: tenant.agents.sam, reconnectDelayMs: 50 });
  cleanup.push(() => agent.destroy());
  await until(() => agent.connected, 'the agent connection');
  return agent;
}

describe('<nexus-live-help>', function () {
  this.timeout(20_000);

  it('lets the person choose chat or a call (call only with a phone number)', async () => {
    const client = customer();
    const el = await fixture<NexusLiveHelp>(html`<nexus-live-help .client=${client} skill="sales" phone="1-800-GETHELP"></nexus-live-help>`);
    await until(() => part(el, 'choices'), 'the choices');
    expect(el.getAttribute('state')).to.equal('choose');
    await expectReadOnlyState(el);
    expect(part(el, 'choices'), 'the choices stay').to.exist;
    expect(text(part(el, 'chat-button'))).to.equal('Chat with an agent');
    expect(text(part(el, 'call-button'))).to.equal('Call us');
    await expect(el).to.be.accessible();
    const chatOnly = await fixture<NexusLiveHelp>(html`<nexus-live-help .client=${customer()} skill="sales"></nexus-live-help>`);
    await until(() => part(chatOnly, 'choices'), 'the choices');
    expect(part(chatOnly, 'call-button')).to.equal(null);
  });

  it('mode="call" shows the number and the connection code; an agent who finds it turns it into a chat', async () => {
    const client = customer();
    const el = await fixture<NexusLiveHelp>(html`<nexus-live-help .client=${client} mode="call" skill="support" phone="1-800-GETHELP"></nexus-live-help>`);
    const trail = stateTrail(el);
    const code = await until(() => text(part(el, 'code')), 'the connection code');
    expect(el.state).to.equal('call');
    expect(code).to.match(/^\d{6}$/);
    expect(text(part(el, 'call-card'))).to.contain('Provide the agent with this connection code:');
    expect(part(el, 'phone')!.getAttribute('href')).to.equal('tel:1800GETHELP');
    await expect(el).to.be.accessible();

    const agent = await sam();
    const found = await agent.findByCode(code);
    expect(found.kind).to.equal('call');
    await agent.accept(found.id);
    const chat = (await until(() => part(el, 'chat'), 'the chat window')) as NexusChat;
    await until(() => text(part(chat, 'system')).includes('joined'), 'the agent joining');
    await agent.sendMessage(found.id, 'Hello, I have your call');
    await until(() => text(part(chat, 'transcript')).includes('Hello, I have your call'), 'the agent’s message');
    expect(trail.values.slice(-3), 'the reflected state').to.deep.equal(['connecting', 'call', 'chat']);
    expect(chat.getAttribute('state'), 'the chat inside has its own').to.equal('active');
    trail.stop();
  });

  it('uses the IVR wording with connect-method="IVR", and cancel ends the waiting call', async () => {
    const client = customer();
    const el = await fixture<NexusLiveHelp>(
      html`<nexus-live-help .client=${client} mode="call" phone="555-0100" connect-method="IVR"></nexus-live-help>`,
    );
    await until(() => text(part(el, 'code')), 'the connection code');
    expect(text(part(el, 'call-card'))).to.contain('When prompted, enter this connection code:');
    expect(client.liveHelp.isActive()).to.equal(true);
    part(el, 'cancel-button')!.click();
    await until(() => !client.liveHelp.isActive(), 'the call ended');
    await until(() => part(el, 'choices'), 'the choices again');
  });

  it('mode="chat" goes straight to the chat and reports the start', async () => {
    const client = customer();
    const started = new Promise<NexusEvent<'nexus-live-help-start'>>((resolve) =>
      document.addEventListener('nexus-live-help-start', (e) => resolve(e), { once: true }),
    );
    const el = await fixture<NexusLiveHelp>(html`<nexus-live-help .client=${client} mode="chat" skill="sales"></nexus-live-help>`);
    const { detail } = await started;
    expect(detail.mode).to.equal('chat');
    expect(client.liveHelp.session?.id).to.equal(detail.sessionId);
    const chat = (await until(() => part(el, 'chat'), 'the chat')) as NexusChat;
    await until(() => text(part(chat, 'queue')).includes('Waiting'), 'the waiting banner');
  });

  it('answers a request from contact us, with the guided path attached for the agent', async () => {
    const client = customer();
    const host = await fixture<HTMLDivElement>(html`<div>
      <nexus-contact-us skill="support" path-id="reset-smart-bulb"></nexus-contact-us>
      <nexus-live-help .client=${client}></nexus-live-help>
    </div>`);
    const contact = host.querySelector('nexus-contact-us') as NexusContactUs;
    const live = host.querySelector('nexus-live-help') as NexusLiveHelp;
    await until(() => part(live, 'choices'), 'live help ready');
    const started = oneEvent(live, 'nexus-live-help-start');
    expect(contact.request('chat')).to.equal(false);
    await contact.updateComplete;
    expect(part(contact, 'notice')).to.equal(null);
    const { detail } = (await started) as NexusEvent<'nexus-live-help-start'>;
    const agent = await sam();
    const view = await agent.session(detail.sessionId);
    expect(view.session.origin?.pathId).to.equal('reset-smart-bulb');
    expect(view.session.skill).to.equal('support');
    expect(view.session.data.remoteConnectionType).to.equal('cobrowse');
  });

  it('reports its height in every view (the choice, the chat as it queues, a grown box) for hosts that size a frame to it', async () => {
    const client = customer();
    const heights: number[] = [];
    const el = document.createElement('nexus-live-help');
    el.client = client;
    el.skill = 'sales';
    el.addEventListener('nexus-height-change', (event) => heights.push(event.detail.height));
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    host.append(el);
    const follows = () => heights.length > 0 && heights.at(-1) === Math.ceil(el.getBoundingClientRect().height);
    await until(() => part(el, 'choices') && follows(), 'the height of the choice');
    const choice = heights.at(-1)!;
    part(el, 'chat-button')!.click();
    const chat = (await until(() => part(el, 'chat'), 'the chat')) as NexusChat;
    await until(() => text(part(chat, 'queue')).includes('Waiting') && follows() && heights.at(-1)! > choice, 'the height of the queued chat');
    const queued = heights.at(-1)!;
    el.style.paddingBlockEnd = '120px';
    await until(() => follows() && heights.at(-1) === queued + 120, 'the grown height');
  });

  it('picks a session up again after a reload', async () => {
    const storage = memoryStorage();
    const consumerKey = `c${Math.random().toString(36).slice(2, 14)}`;
    const first = new NexusClient({ server: env.server, token: tenant.app, storage, consumerKey });
    const session = await first.liveHelp.request({ mode: 'call', skill: 'support' });
    await first.destroy();
    const again = new NexusClient({ server: env.server, token: tenant.app, storage, consumerKey });
    cleanup.push(() => again.liveHelp.end().catch(() => undefined));
    cleanup.push(() => again.destroy());
    const el = await fixture<NexusLiveHelp>(html`<nexus-live-help .client=${again} phone="555-0100"></nexus-live-help>`);
    await until(() => text(part(el, 'code')) === session.code, 'the same code');
    expect(el.isActive()).to.equal(true);
  });
});
