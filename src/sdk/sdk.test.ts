import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { env, until } from '../../test/browser/env.js';
import { AgentClient } from '../agent/agent-client.js';
import { memoryStorage } from '../core/storage.js';
import type { NexusError } from '../core/errors.js';
import type { NexusSelfHelp } from '../components/self-help/self-help.js';
import type { NexusLiveHelp } from '../components/live-help/live-help.js';
import { createSdk, type NexusConnectSDK } from './sdk.js';

const tenant = env.live.sdk;
const text = (node: Node | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const part = (root: Element, name: string) => root.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const isolated = () => ({ storage: memoryStorage(), consumerKey: `sdk${Math.random().toString(36).slice(2, 14)}`, reconnectDelayMs: 50 });

const sdks: NexusConnectSDK[] = [];
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
  for (const sdk of sdks.splice(0)) await sdk.destroy();
});

/** An SDK whose server is the fixture (as the script's own origin would be). */
function newSdk(): NexusConnectSDK {
  const sdk = createSdk(env.server);
  sdks.push(sdk);
  return sdk;
}

async function ready(token = env.tokens.demo): Promise<NexusConnectSDK> {
  const sdk = newSdk();
  await sdk.initialize(token, isolated());
  return sdk;
}

async function rejection(promise: Promise<unknown>): Promise<NexusError> {
  try {
    await promise;
  } catch (error) {
    return error as NexusError;
  }
  throw new Error('expected the call to reject');
}

describe('NexusConnectSDK', function () {
  this.timeout(20_000);

  describe('initialize', () => {
    it('must come first: every other call rejects with not_initialized, naming the call', async () => {
      const sdk = newSdk();
      const container = await fixture<HTMLDivElement>(html`<div></div>`);
      const calls: [string, () => Promise<unknown>][] = [
        ['showLiveHelp', () => sdk.showLiveHelp(container, {})],
        ['isLiveHelpActive', () => sdk.isLiveHelpActive()],
        ['endLiveHelp', () => sdk.endLiveHelp()],
        ['setDisplayOrder', () => sdk.setDisplayOrder(['search'])],
        ['setContactUsOptions', () => sdk.setContactUsOptions({ phone: '1' })],
        ['showSelfHelp', () => sdk.showSelfHelp(container)],
        ['showSelfHelpForId', () => sdk.showSelfHelpForId('x', container)],
        ['showSelfHelpForTags', () => sdk.showSelfHelpForTags(['x'], container)],
        ['showSelfHelpForSearch', () => sdk.showSelfHelpForSearch('x', container)],
        ['showSelfHelpForPathId', () => sdk.showSelfHelpForPathId('x', container)],
        ['onSelfserviceContainerHeightChange', () => sdk.onSelfserviceContainerHeightChange(() => {})],
        ['preserveContext', () => sdk.preserveContext(true)],
        ['chat.start', () => sdk.chat.start('sales')],
        ['chat.sendMessage', () => sdk.chat.sendMessage('hi')],
        ['chat.end', () => sdk.chat.end()],
        ['setFirstName', () => sdk.setFirstName('Pat')],
        ['setLastName', () => sdk.setLastName('Lee')],
        ['setEmail', () => sdk.setEmail('pat@example.com')],
        ['setExternalId', () => sdk.setExternalId('u1')],
        ['setPhone', () => sdk.setPhone('555')],
        ['setIdentity', () => sdk.setIdentity('pat@example.com', 'Pat', 'Lee')],
        ['logAction', () => sdk.logAction('Device List')],
        ['logDevice', () => sdk.logDevice('lightbulb')],
        ['logContent', () => sdk.logContent('AirDrop Setup')],
        ['clearContext', () => sdk.clearContext()],
        ['clearIdentity', () => sdk.clearIdentity()],
        ['setCustomizationOptions', () => sdk.setCustomizationOptions({ themeUrl: '/t.css' })],
      ];
      for (const [name, run] of calls) {
        const error = await rejection(run());
        expect(error.code, name).to.equal('not_initialized');
        expect(error.message, name).to.include(`NexusConnectSDK.${name}()`).and.include('initialize(jwt)');
      }
      expect(container.childElementCount, 'nothing was shown').to.equal(0);
    });

    it('rejects a missing or malformed token, and a second call with the same token changes nothing', async () => {
      const sdk = newSdk();
      expect((await rejection(sdk.initialize(''))).code).to.equal('invalid_request');
      expect((await rejection(sdk.initialize('not-a-jwt'))).code).to.equal('token_invalid');
      expect(sdk.client).to.equal(undefined);
      await sdk.initialize(env.tokens.demo, isolated());
      const first = sdk.client;
      await sdk.initialize(env.tokens.demo);
      expect(sdk.client).to.equal(first);
      await sdk.initialize(env.tokens.other, isolated());
      expect(sdk.client).to.not.equal(first);
    });

    it('a token the server refuses shows as an error in what is shown, and the call rejects', async () => {
      const sdk = await ready(env.tokens.forged);
      const container = await fixture<HTMLDivElement>(html`<div></div>`);
      const error = await rejection(sdk.showSelfHelpForId('bulb-reset', container));
      expect(error.status).to.equal(401);
      const el = container.querySelector('nexus-self-help')!;
      await until(() => el.shadowRoot!.querySelector('nexus-guided-path')?.shadowRoot?.querySelector('[part~="error"]'), 'the error state');
    });
  });

  describe('self help', () => {
    it('showSelfHelp fills the container with every component in the default order', async () => {
      const sdk = await ready();
      const container = await fixture<HTMLDivElement>(html`<div><p>old content</p></div>`);
      await sdk.showSelfHelp(container);
      const el = container.querySelector<NexusSelfHelp>('nexus-self-help')!;
      expect(container.children.length).to.equal(1);
      expect(el.sections).to.deep.equal(['search', 'categories', 'paths', 'contact-us']);
      expect(el.client).to.equal(sdk.client);
      await until(() => el.shadowRoot!.querySelector('nexus-categories')?.shadowRoot?.querySelector('[part~="card"]'), 'the category cards');
    });

    it('setDisplayOrder (the guide spells contact_us) and setContactUsOptions configure the next self help', async () => {
      const sdk = await ready();
      await sdk.setDisplayOrder(['contact_us', 'search']);
      await sdk.setContactUsOptions({ phone: '1-800-GETHELP', skill: 'sales', remoteConnectionType: 'remote' });
      const container = await fixture<HTMLDivElement>(html`<div></div>`);
      await sdk.showSelfHelp(container);
      const el = container.querySelector<NexusSelfHelp>('nexus-self-help')!;
      expect(el.sections).to.deep.equal(['contact-us', 'search']);
      expect([el.phone, el.skill, el.remoteConnectionType]).to.deep.equal(['1-800-GETHELP', 'sales', 'remote']);

      expect((await rejection(sdk.setDisplayOrder(['search', 'faq']))).message).to.include('"faq"');
      expect((await rejection(sdk.setDisplayOrder([]))).code).to.equal('invalid_request');
      expect((await rejection(sdk.setContactUsOptions({ remoteConnectionType: 'vnc' as 'remote' }))).message).to.include('remoteConnectionType');
    });

    it('showSelfHelpForId opens the path the help-id names; an unknown help-id rejects with 404 and shows the error', async () => {
      const sdk = await ready();
      const container = await fixture<HTMLDivElement>(html`<div></div>`);
      await sdk.showSelfHelpForId('bulb-reset', container);
      const guide = container.querySelector('nexus-self-help')!.shadowRoot!.querySelector('nexus-guided-path')!;
      expect(text(part(guide, 'title'))).to.match(/reset/i);

      await sdk.showSelfHelpForHelpId('bulb-reset', container);
      expect(container.querySelectorAll('nexus-self-help').length, 'the container is replaced, not added to').to.equal(1);

      const error = await rejection(sdk.showSelfHelpForId('no-such-help-id', container));
      expect([error.code, error.status]).to.deep.equal(['help_id_not_found', 404]);
      expect((await rejection(sdk.showSelfHelpForId('  ', container))).code).to.equal('invalid_request');
    });

    it('showSelfHelpForPathId opens that path; an unknown id rejects', async () => {
      const sdk = await ready();
      const container = await fixture<HTMLDivElement>(html`<div></div>`);
      await sdk.showSelfHelpForPathId('replace-thermostat-battery', container);
      const guide = container.querySelector('nexus-self-help')!.shadowRoot!.querySelector('nexus-guided-path')!;
      expect(text(part(guide, 'title'))).to.match(/thermostat/i);
      expect((await rejection(sdk.showSelfHelpForPathId('no-such-path', container))).status).to.equal(404);
    });

    it('showSelfHelpForTags (array or comma-separated) and showSelfHelpForSearch list matching paths', async () => {
      const sdk = await ready();
      const container = await fixture<HTMLDivElement>(html`<div></div>`);
      await sdk.showSelfHelpForTags(['Thermostat'], container);
      let el = container.querySelector<NexusSelfHelp>('nexus-self-help')!;
      expect([el.searchType, el.searchValue]).to.deep.equal(['tags', 'Thermostat']);
      const items = () => el.shadowRoot!.querySelector('nexus-path-list')?.shadowRoot?.querySelectorAll('[part~="item-title"]') ?? [];
      await until(() => items().length, 'the tagged paths');

      await sdk.showSelfHelpForTags('Thermostat, Hub', container);
      el = container.querySelector<NexusSelfHelp>('nexus-self-help')!;
      expect(el.searchValue).to.equal('Thermostat,Hub');
      expect((await rejection(sdk.showSelfHelpForTags([], container))).code).to.equal('invalid_request');

      await sdk.showSelfHelpForSearch('reset bulb', container);
      el = container.querySelector<NexusSelfHelp>('nexus-self-help')!;
      expect([el.searchType, el.searchValue]).to.deep.equal(['text', 'reset bulb']);
      await until(() => [...items()].some((item) => /reset/i.test(text(item))), 'the search results');
    });

    it('rejects a container that is not an element', async () => {
      const sdk = await ready();
      const error = await rejection(sdk.showSelfHelp('#help' as unknown as Element));
      expect(error.message).to.include('container must be a DOM element');
    });

    it('onSelfserviceContainerHeightChange hears the height of what the SDK shows, until turned off', async () => {
      const sdk = await ready();
      const heights: number[] = [];
      const stop = await sdk.onSelfserviceContainerHeightChange((height) => heights.push(height));
      const container = await fixture<HTMLDivElement>(html`<div></div>`);
      await sdk.showSelfHelp(container);
      const el = container.querySelector('nexus-self-help')!;
      await until(() => heights.length && heights.at(-1) === Math.ceil(el.getBoundingClientRect().height), 'the height of self help');
      stop();
      const count = heights.length;
      el.style.display = 'block';
      el.style.paddingBlockEnd = '300px';
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(heights.length).to.equal(count);
      expect((await rejection(sdk.onSelfserviceContainerHeightChange('no' as unknown as () => void))).code).to.equal('invalid_request');
    });

    it('without a container, self help opens in a modal overlay: focus inside, Escape closes, focus returns', async () => {
      const sdk = await ready();
      const opener = await fixture<HTMLButtonElement>(html`<button>Help</button>`);
      opener.focus();
      await sdk.showSelfHelp();
      const overlay = document.querySelector('nexus-overlay')!;
      expect(overlay.open).to.equal(true);
      const dialog = overlay.shadowRoot!.querySelector('dialog')!;
      expect(dialog.matches(':modal')).to.equal(true);
      expect(overlay.querySelector('nexus-self-help')).to.not.equal(null);
      expect(document.activeElement, 'focus left the page behind').to.not.equal(opener);
      await expect(overlay).to.be.accessible();

      await sendKeys({ press: 'Escape' });
      await until(() => !overlay.open, 'the overlay to close');
      expect(document.activeElement).to.equal(opener);

      // Opening again reuses the one overlay.
      await sdk.showSelfHelpForId('bulb-reset');
      expect(document.querySelectorAll('nexus-overlay').length).to.equal(1);
      expect(overlay.open).to.equal(true);
      part(overlay, 'close-button')!.click();
      await until(() => !overlay.open, 'the close button to close it');
    });
  });

  describe('context', () => {
    it('identity setters, the helper, logs and clearing reach the server as the consumer record', async () => {
      const sdk = await ready(tenant.app);
      await sdk.setIdentity('pat@example.com', 'Pat', 'Lee');
      await sdk.setExternalId('u-17');
      await sdk.setPhone('+1 555 0100');
      await sdk.setFirstName('Patricia');
      await sdk.logAction('Manage Device', { type: 'lightbulb' });
      await sdk.logDevice('lightbulb', { state: 'on' });
      await sdk.logContent('AirDrop Setup');
      await sdk.preserveContext(true);
      expect(sdk.client!.context.preserving).to.equal(true);
      expect(sdk.client!.context.identity).to.deep.include({ email: 'pat@example.com', firstName: 'Patricia', lastName: 'Lee', externalId: 'u-17', phone: '+1 555 0100' });
      await sdk.client!.flush();

      // What the agent sees of this person once they ask for help.
      await sdk.chat.start('support');
      const agent = new AgentClient({ server: env.server, token: tenant.agents.sam });
      cleanup.push(() => agent.destroy());
      const detail = await agent.session(sdk.client!.chat.session!.id);
      expect(detail.consumer).to.deep.include({ email: 'pat@example.com', firstName: 'Patricia', lastName: 'Lee', externalId: 'u-17', phone: '+1 555 0100' });
      expect(detail.consumer.context.map((entry) => `${entry.kind}:${entry.name}`)).to.include.members([
        'action:Manage Device',
        'device:lightbulb',
        'content:AirDrop Setup',
      ]);
      await sdk.clearIdentity();
      expect(sdk.client!.context.identity).to.deep.equal({});
      await sdk.clearContext();
      await sdk.chat.end();
    });
  });

  describe('live help and chat', () => {
    it('showLiveHelp shows the chosen mode with the options; bad options reject', async () => {
      const sdk = await ready(tenant.app);
      const container = await fixture<HTMLDivElement>(html`<div></div>`);
      await sdk.showLiveHelp(container, { mode: '', phone: '1-800-GETHELP', skill: 'sales', connectMethod: 'IVR', remoteConnectionType: 'remote' });
      const el = container.querySelector<NexusLiveHelp>('nexus-live-help')!;
      expect([el.mode, el.phone, el.skill, el.connectMethod, el.remoteConnectionType]).to.deep.equal(['', '1-800-GETHELP', 'sales', 'IVR', 'remote']);
      await until(() => part(el, 'chat-button') && part(el, 'call-button'), 'the choice of chat and call');

      expect((await rejection(sdk.showLiveHelp(container, { mode: 'video' as 'chat' }))).message).to.include('mode');
      expect((await rejection(sdk.showLiveHelp(container, { connectMethod: 'DTMF' as 'IVR' }))).message).to.include('connectMethod');
    });

    it('a call shows the connection code with the IVR wording; isLiveHelpActive and endLiveHelp follow it', async () => {
      const sdk = await ready(tenant.app);
      const container = await fixture<HTMLDivElement>(html`<div></div>`);
      expect(await sdk.isLiveHelpActive()).to.equal(false);
      await sdk.showLiveHelp(container, { mode: 'call', phone: '1-800-GETHELP', connectMethod: 'IVR' });
      const el = container.querySelector<NexusLiveHelp>('nexus-live-help')!;
      const code = await until(() => text(part(el, 'code')), 'the connection code');
      expect(code).to.match(/^\d{6}$/);
      expect(text(el.shadowRoot!)).to.include('When prompted, enter this connection code:');
      expect(await sdk.isLiveHelpActive()).to.equal(true);
      await sdk.endLiveHelp();
      expect(await sdk.isLiveHelpActive()).to.equal(false);
    });

    it('the chat object: listeners set before initialize hear the guide’s events; start, sendMessage, end', async () => {
      const sdk = newSdk();
      const heard: string[] = [];
      sdk.chat.on('queue', () => heard.push('queue'));
      sdk.chat.on('presence.agent', (event) => heard.push(`presence:${(event as { type: string }).type}`));
      sdk.chat.on('message.agent', (event) => heard.push(`agent:${(event as { text: string }).text}`));
      sdk.chat.on('message.user', (event) => heard.push(`user:${(event as { text: string }).text}`));
      sdk.chat.on('session.close', () => heard.push('close'));
      await sdk.initialize(tenant.app, isolated());

      const agent = new AgentClient({ server: env.server, token: tenant.agents.alex, reconnectDelayMs: 50 });
      cleanup.push(() => agent.destroy());
      await until(() => agent.connected, 'the agent');
      await sdk.chat.start('sales');
      await until(() => heard.includes('queue'), 'the queue event');
      const sessionId = sdk.client!.chat.session!.id;
      await agent.accept(sessionId);
      await until(() => heard.includes('presence:joined'), 'the agent joining');
      await sdk.chat.sendMessage('Hello, I need help with my thermostat');
      await agent.sendMessage(sessionId, 'Happy to help!');
      await until(() => heard.includes('agent:Happy to help!'), 'the agent’s message');
      expect(heard).to.include('user:Hello, I need help with my thermostat');

      await sdk.chat.end();
      await until(() => heard.includes('close'), 'session.close');
      expect(await sdk.isLiveHelpActive()).to.equal(false);
      expect((await rejection(sdk.chat.sendMessage(''))).code).to.be.a('string');
    });

    it('contact us inside SDK self help escalates into live help in the same container, with the path attached', async () => {
      const sdk = await ready(tenant.app);
      await sdk.setDisplayOrder(['contact_us']);
      await sdk.setContactUsOptions({ skill: 'support' });
      const container = await fixture<HTMLDivElement>(html`<div></div>`);
      await sdk.showSelfHelp(container);
      const self = container.querySelector('nexus-self-help')!;
      const chatButton = await until(() => self.shadowRoot!.querySelector('nexus-contact-us')?.shadowRoot?.querySelector<HTMLElement>('[part~="chat-button"]'), 'the chat button');
      chatButton!.click();
      const live = await until(() => container.querySelector<NexusLiveHelp>('nexus-live-help'), 'live help in the container');
      expect(container.querySelector('nexus-self-help')).to.equal(null);
      await until(() => sdk.client!.chat.session, 'the chat session');
      expect(sdk.client!.chat.session!.skill).to.equal('support');
      expect(live!.isActive()).to.equal(true);
      await sdk.endLiveHelp();
    });
  });

  describe('height', () => {
    it('the height callback hears live help: shown directly, and in self help’s place after contact us, as it grows', async () => {
      const sdk = await ready(tenant.app);
      const heights: number[] = [];
      await sdk.onSelfserviceContainerHeightChange((height) => heights.push(height));
      const follows = (el: Element | null) => !!el && heights.at(-1) === Math.ceil(el.getBoundingClientRect().height);

      const direct = await fixture<HTMLDivElement>(html`<div></div>`);
      await sdk.showLiveHelp(direct, { skill: 'sales' });
      const shown = direct.querySelector<NexusLiveHelp>('nexus-live-help')!;
      await until(() => part(shown, 'chat-button') && follows(shown), 'the height of live help shown by showLiveHelp');
      direct.remove();

      await sdk.setDisplayOrder(['contact_us']);
      await sdk.setContactUsOptions({ skill: 'support' });
      const container = await fixture<HTMLDivElement>(html`<div></div>`);
      await sdk.showSelfHelp(container);
      const self = container.querySelector('nexus-self-help')!;
      await until(() => follows(self), 'the height of self help');
      const selfHeight = heights.at(-1)!;
      const chatButton = await until(() => self.shadowRoot!.querySelector('nexus-contact-us')?.shadowRoot?.querySelector<HTMLElement>('[part~="chat-button"]'), 'the chat button');
      chatButton!.click();
      const live = (await until(() => container.querySelector<NexusLiveHelp>('nexus-live-help'), 'live help in the container'))!;
      await until(() => text(part(live, 'chat')?.shadowRoot?.querySelector('[part~="queue"]')).includes('Waiting'), 'the queued chat');
      await until(() => follows(live) && heights.at(-1) !== selfHeight, 'the height of live help in self help’s place');
      const queued = heights.at(-1)!;
      live.style.paddingBlockEnd = '80px';
      await until(() => follows(live) && heights.at(-1) === queued + 80, 'the height as live help grows');
      expect(heights, 'a replaced element reports no zero height').to.not.include(0);
      await sdk.endLiveHelp();
    });
  });

  describe('branding', () => {
    it('setCustomizationOptions applies theme URLs (made absolute) to what is shown', async () => {
      const sdk = await ready();
      const container = await fixture<HTMLDivElement>(html`<div></div>`);
      await sdk.showSelfHelp(container);
      await sdk.setCustomizationOptions({ themeUrl: '/demo/demo.css', stepContentThemeUrl: 'https://cdn.example.com/steps.css' });
      expect(sdk.client!.branding).to.deep.equal({
        themeUrl: new URL('/demo/demo.css', document.baseURI).href,
        stepContentThemeUrl: 'https://cdn.example.com/steps.css',
      });
      const el = container.querySelector('nexus-self-help')!;
      await until(() => el.shadowRoot!.querySelector(`link[rel="stylesheet"][href="${sdk.client!.branding.themeUrl}"]`), 'the theme link');
      expect((await rejection(sdk.setCustomizationOptions({ themeUrl: 42 as unknown as string }))).code).to.equal('invalid_request');
    });
  });
});
