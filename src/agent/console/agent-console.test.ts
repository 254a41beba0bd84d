import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { env, expectReadOnlyState, freshKey, sleep, stateTrail, until } from '../../../test/browser/env.js';
import type { NexusEvent } from '../../components/shared/events.js';
import { defaultStrings } from '../../i18n/strings-all.js';
import type { Agent, ChatEvent, ClientFrame, FileInfo, LiveGrant, LiveSession, ServerFrame } from '../../protocol/live.js';
import type { GuidedPath } from '../../protocol/schemas.js';
import { ROUTES, routePath } from '../../protocol/routes.js';
import './agent-console.js';
import type { NexusAgentConsole } from './agent-console.js';

// ---------------------------------------------------------------------------------------------
// The live-help tenant of this file: its application token and the tokens of its agents alex
// (skills sales and support) and sam (support). A tenant of its own keeps other test files'
// sessions, offers and agent statuses out of these tests.

interface LiveTenant {
  app: string;
  agents: { alex: string; sam: string };
}
const fixtureEnv = env as unknown as { live?: Record<string, LiveTenant>; agents?: { alex: string; sam: string } };
const tenant: LiveTenant = fixtureEnv.live?.console ?? { app: env.tokens.demo, agents: fixtureEnv.agents! };
const { alex, sam } = tenant.agents;

/** A guided path of the tenant's content (its id, title and first step), for activity and origins. */
async function somePath(): Promise<{ id: string; title: string; step: string }> {
  const list = await api<{ items: { id: string }[] }>('GET', `${ROUTES.paths}?limit=1`, tenant.app);
  expect(list.items, 'the tenant has guided paths').to.not.be.empty;
  const path = await api<GuidedPath>('GET', routePath(ROUTES.path, { id: list.items[0].id }), tenant.app);
  return { id: path.id, title: path.title, step: path.steps[0].id };
}

// ---------------------------------------------------------------------------------------------
// Helpers

const $ = <T extends HTMLElement = HTMLElement>(el: NexusAgentConsole, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);
const $$ = (el: NexusAgentConsole, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const part = <T extends HTMLElement = HTMLElement>(el: NexusAgentConsole, name: string) => $<T>(el, `[part~="${name}"]`);
const parts = (el: NexusAgentConsole, name: string) => $$(el, `[part~="${name}"]`);
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const focused = (el: NexusAgentConsole) => el.shadowRoot!.activeElement as HTMLElement | null;
const options = (el: NexusAgentConsole) => $$(el, '[role="option"]');
const option = (el: NexusAgentConsole, sessionId: string) => $(el, `[role="option"][data-session="${sessionId}"]`);
const chatState = (el: NexusAgentConsole) => text($(el, '[part~="chat-header"] [part~="state-badge"]'));
const headerAccept = (el: NexusAgentConsole) => $(el, '[part~="chat-header"] [part~="accept-button"]');

/** Waits for `check` to return something, and returns it. */
async function found<T>(check: () => T | null | undefined | false, what: string, timeout?: number): Promise<T> {
  return (await until(check, what, timeout)) as T;
}

/** Calls the reference server's REST API as a test harness would. */
async function api<T>(method: 'GET' | 'POST', path: string, token: string, body?: unknown): Promise<T> {
  const response = await fetch(`${env.server}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => undefined);
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json as T;
}

const setStatus = (token: string, status: 'available' | 'away') => api<Agent>('POST', ROUTES.agentStatus, token, { status });

/** A customer with a live session, connected over the WebSocket as the customer elements are. */
class Customer {
  readonly frames: ServerFrame[] = [];
  private ws?: WebSocket;

  constructor(readonly grant: LiveGrant) {}

  get session(): LiveSession {
    return this.grant.session;
  }

  get id(): string {
    return this.grant.session.id;
  }

  async connect(): Promise<void> {
    const ws = new WebSocket(`${env.server.replace(/^http/, 'ws')}${ROUTES.liveSocket}`);
    this.ws = ws;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'hello', token: this.grant.sessionToken }));
    ws.onmessage = (message) => this.frames.push(JSON.parse(String(message.data)) as ServerFrame);
    await until(() => this.frames.some((f) => f.type === 'welcome'), 'the customer to be welcomed');
  }

  send(frame: ClientFrame): void {
    this.ws!.send(JSON.stringify(frame));
  }

  /** Sends a chat message; returns its client id. */
  say(text: string, clientId = freshKey()): string {
    this.send({ type: 'message', clientId, text });
    return clientId;
  }

  events(): ChatEvent[] {
    return this.frames.flatMap((frame) => (frame.type === 'event' ? [frame.event] : []));
  }

  close(): void {
    this.ws?.close();
  }
}

const customers: Customer[] = [];

/** Asks for live help as a customer page does, and connects the customer. */
async function request(
  options: { kind?: 'chat' | 'call'; skill?: string; consumer?: string; data?: Record<string, string>; origin?: object } = {},
): Promise<Customer> {
  const grant = await api<LiveGrant>('POST', ROUTES.liveSessions, tenant.app, {
    consumer: options.consumer ?? freshKey(),
    kind: options.kind ?? 'chat',
    skill: options.skill ?? 'sales',
    clientId: freshKey(),
    ...(options.data && { data: options.data }),
    ...(options.origin && { origin: options.origin }),
  });
  const customer = new Customer(grant);
  customers.push(customer);
  await customer.connect();
  return customer;
}

/** Ends every session a test created, so that nothing is offered to the next test. */
afterEach(async () => {
  for (const customer of customers.splice(0)) {
    customer.close();
    for (const token of [alex, sam]) {
      const ended = await api('POST', routePath(ROUTES.agentEnd, { id: customer.id }), token).then(
        () => true,
        () => false,
      );
      if (ended) break;
    }
  }
});

/** A console signed in (as alex by default), connected, with its session list loaded. */
async function signedIn(token = alex): Promise<NexusAgentConsole> {
  const el = await fixture<NexusAgentConsole>(html`<nexus-agent-console server=${env.server} token=${token}></nexus-agent-console>`);
  await until(() => part(el, 'agent-name'), 'the console to sign in');
  await until(() => el.agentClient?.connected, 'the agent socket');
  await until(() => !$(el, '[part~="sidebar"] [part~="loading"]'), 'the session list');
  return el;
}

/** Alex, away (so nothing is offered), opens a customer's chat from the list and accepts it. */
async function acceptedChat(skill = 'sales') {
  await setStatus(alex, 'away');
  const el = await signedIn();
  const customer = await request({ skill });
  (await found(() => option(el, customer.id), 'the session in the list')).click();
  (await found(() => headerAccept(el), 'the accept button')).click();
  await until(() => part(el, 'composer-input'), 'the composer', 10_000);
  await until(() => focused(el) === part(el, 'composer-input'), 'focus in the reply box');
  return { el, customer };
}

// ---------------------------------------------------------------------------------------------

/**
 * Makes `window.fetch` hold the answers to the requests `matches` picks until `release()`: the
 * server has answered (`answered`), the page gets the answer only later (`delivered`). Clients
 * created until `restore()` keep this fetch.
 */
function holdAnswers(matches: (input: RequestInfo | URL, init?: RequestInit) => boolean) {
  const realFetch = window.fetch;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const hold = { answered: false, delivered: false, release, restore: () => void (window.fetch = realFetch) };
  window.fetch = async (input, init) => {
    const response = await realFetch(input, init);
    if (matches(input, init)) {
      hold.answered = true;
      await held;
      hold.delivered = true;
    }
    return response;
  };
  return hold;
}

describe('<nexus-agent-console>', function () {
  // Several of these tests run two customers and a console against the server: on a busy
  // machine they take longer than mocha's default 10 s, though each wait has its own limit.
  this.timeout(30_000);

  describe('signing in', () => {
    it('without a token shows a labelled sign-in form, and signs in with the token pasted there', async () => {
      const el = await fixture<NexusAgentConsole>(html`<nexus-agent-console server=${env.server}></nexus-agent-console>`);
      const trail = stateTrail(el);
      const input = part<HTMLInputElement>(el, 'token-input')!;
      expect(input.labels?.[0]?.textContent).to.equal(defaultStrings.agentTokenLabel);
      expect(input.type, 'the token is not shown on screen').to.equal('password');
      expect(part(el, 'header')).to.equal(null);
      await expect(el).to.be.accessible();

      const signedInEvent = oneEvent(el, 'nexus-agent-sign-in');
      input.focus();
      input.value = alex;
      await sendKeys({ press: 'Enter' });
      const { detail } = await signedInEvent;
      expect(detail).to.include({ agentId: 'alex', name: 'Alex' });
      await until(() => part(el, 'agent-name'), 'the header');
      expect(text(part(el, 'agent-name'))).to.contain('Alex');
      expect(part(el, 'sign-in')).to.equal(null);
      expect(el.signedInAgent?.skills).to.have.members(['sales', 'support']);
      await until(() => el.agentClient?.connected, 'the agent socket');
      await expect(el).to.be.accessible();
      await expectReadOnlyState(el);
      expect(part(el, 'agent-name'), 'the console stays').to.exist;

      const signedOut = oneEvent(el, 'nexus-agent-sign-out');
      part(el, 'sign-out-button')!.click();
      expect((await signedOut).detail).to.deep.equal({ agentId: 'alex' });
      await el.updateComplete;
      expect(part(el, 'token-input')).to.exist;
      expect(el.agentClient).to.equal(undefined);
      expect(trail.values, 'the reflected state').to.deep.equal(['signed-out', 'signing-in', 'ready', 'signed-out']);
      trail.stop();
    });

    it('shows a refused token (401) on the form and fires nexus-error once', async () => {
      const errors: NexusEvent<'nexus-error'>['detail'][] = [];
      const el = await fixture<NexusAgentConsole>(html`<nexus-agent-console
        server=${env.server}
        token="not-a-real-token"
        @nexus-error=${(e: NexusEvent<'nexus-error'>) => errors.push(e.detail)}
      ></nexus-agent-console>`);
      const error = await found(() => part(el, 'sign-in-error'), 'the refusal');
      expect(text(error)).to.equal(defaultStrings.agentTokenRefused);
      expect(text(error)).to.contain('401');
      expect(error.getAttribute('role')).to.equal('alert');
      const input = part<HTMLInputElement>(el, 'token-input')!;
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.getAttribute('aria-describedby')).to.contain('sign-in-error');
      await sleep(300);
      expect(errors).to.have.length(1);
      expect(errors[0]).to.include({ status: 401, source: 'nexus-agent-console' });
      expect(part(el, 'header')).to.equal(null);
      expect(el.state, 'back to the form').to.equal('signed-out');
      await expect(el).to.be.accessible();
    });

    it('refuses an application token used as an agent token', async () => {
      const el = await fixture<NexusAgentConsole>(html`<nexus-agent-console server=${env.server} token=${tenant.app}></nexus-agent-console>`);
      const error = await found(() => part(el, 'sign-in-error'), 'the refusal');
      expect(part(el, 'token-input')).to.exist;
      expect([defaultStrings.agentTokenNotAgent, defaultStrings.agentTokenRefused]).to.include(text(error));
    });

    it('shows an unreachable server as an error with a retry, and fires nexus-error', async () => {
      const errors: NexusEvent<'nexus-error'>['detail'][] = [];
      const el = await fixture<NexusAgentConsole>(html`<nexus-agent-console
        server="http://127.0.0.1:9"
        token=${alex}
        @nexus-error=${(e: NexusEvent<'nexus-error'>) => errors.push(e.detail)}
      ></nexus-agent-console>`);
      const error = await found(() => part(el, 'error'), 'the error state');
      expect(text(error)).to.contain(defaultStrings.agentErrorNetwork);
      expect(error.getAttribute('role')).to.equal('alert');
      expect(errors[0]).to.include({ code: 'network_error', status: 0 });
      expect(el.agentClient, 'no client keeps retrying behind the error').to.equal(undefined);
      expect(el.getAttribute('state')).to.equal('failed');
      await expect(el).to.be.accessible();

      // Retry against the right server signs in.
      el.server = env.server;
      await until(() => part(el, 'agent-name'), 'the console to sign in');
      expect(part(el, 'error')).to.equal(null);
    });

    it('says so when it has no server', async () => {
      const el = await fixture<NexusAgentConsole>(html`<nexus-agent-console token=${alex}></nexus-agent-console>`);
      expect(text(part(el, 'error'))).to.equal(defaultStrings.agentNoServer);
      expect(el.getAttribute('state')).to.equal('failed');
    });
  });

  describe('availability', () => {
    it('the switch sets the status on the server, and follows a change made elsewhere', async () => {
      await setStatus(alex, 'away');
      const el = await signedIn();
      const toggle = part(el, 'status-switch')!;
      expect(toggle.getAttribute('role')).to.equal('switch');
      expect(toggle.getAttribute('aria-checked')).to.equal('false');

      const changed = oneEvent(el, 'nexus-agent-status');
      toggle.focus();
      await sendKeys({ press: 'Space' });
      expect((await changed).detail).to.deep.equal({ status: 'available' });
      await el.updateComplete;
      expect(toggle.getAttribute('aria-checked')).to.equal('true');
      expect((await api<Agent>('GET', ROUTES.agentMe, alex)).status).to.equal('available');

      // Another tab (or the API) sets the agent away.
      await setStatus(alex, 'away');
      await until(() => toggle.getAttribute('aria-checked') === 'false', 'the switch to follow the server');
      await expect(el).to.be.accessible();
    });
  });

  describe('offers', () => {
    it('a chat request arrives as an alert with a countdown and in the list; Accept opens the chat', async () => {
      await setStatus(alex, 'available');
      const el = await signedIn();
      const offered = oneEvent(el, 'nexus-agent-offer');
      const customer = await request({ skill: 'sales' });
      const { detail } = await offered;
      expect(detail).to.include({ sessionId: customer.id, kind: 'chat', skill: 'sales' });

      const offer = await found(() => $(el, `[part~="offer"][data-session="${customer.id}"]`), 'the offer');
      const alert = offer.querySelector('[role="alert"]')!;
      expect(text(alert)).to.contain('sales');
      expect(text(alert)).to.contain(customer.session.code);
      const countdown = offer.querySelector('[part~="offer-countdown"]')!;
      expect(countdown.getAttribute('role')).to.equal('timer');
      const seconds = () => Number(/\d+/.exec(text(countdown))?.[0]);
      const first = seconds();
      expect(first).to.be.within(1, Math.ceil((detail.expiresAt - Date.now()) / 1000) + 1);
      await until(() => seconds() < first, 'the countdown to tick', 2500);

      const listed = await found(() => option(el, customer.id), 'the session in the list');
      expect(text(listed)).to.contain(customer.session.code);
      await expect(el).to.be.accessible();

      const accepted = oneEvent(el, 'nexus-agent-accept');
      offer.querySelector<HTMLElement>('[part~="accept-button"]')!.click();
      expect((await accepted).detail).to.deep.equal({ sessionId: customer.id, kind: 'chat', code: customer.session.code });
      await until(() => part(el, 'composer-input'), 'the composer', 10_000);
      expect(focused(el), 'focus moves to the reply box').to.equal(part(el, 'composer-input'));
      expect(parts(el, 'offer')).to.have.length(0);
      expect(chatState(el)).to.equal(defaultStrings.agentStateActive);
      expect(option(el, customer.id)!.getAttribute('aria-selected')).to.equal('true');
      await until(
        () => customer.events().some((e) => e.type === 'presence' && e.presence === 'joined' && e.author.name === 'Alex'),
        'the customer to hear that Alex joined',
      );
      await expect(el).to.be.accessible();
    });

    it('shows no notification when the page cancels nexus-agent-offer; the request is still listed', async () => {
      await setStatus(alex, 'available');
      const el = await signedIn();
      el.addEventListener('nexus-agent-offer', (event) => event.preventDefault());
      const offered = oneEvent(el, 'nexus-agent-offer');
      const customer = await request({ skill: 'sales' });
      expect((await offered).detail.sessionId).to.equal(customer.id);
      await until(() => option(el, customer.id), 'the session in the list');
      expect(parts(el, 'offer')).to.have.length(0);
    });

    it('withdraws the offer when the agent goes away; the request stays in the list', async () => {
      await setStatus(alex, 'available');
      const el = await signedIn();
      const offered = oneEvent(el, 'nexus-agent-offer');
      const customer = await request({ skill: 'sales' });
      await offered;
      await until(() => parts(el, 'offer').length === 1, 'the offer');
      part(el, 'status-switch')!.click();
      await until(() => parts(el, 'offer').length === 0, 'the offer to be withdrawn');
      expect(part(el, 'status-switch')!.getAttribute('aria-checked')).to.equal('false');
      const listed = await found(() => option(el, customer.id), 'the request in the list');
      await until(() => text(listed).includes(defaultStrings.agentStateQueued), 'the request to be waiting again');
    });
  });

  describe('chat', () => {
    it('shows customer messages once and as text, and the typing indicator', async () => {
      const { el, customer } = await acceptedChat();
      const shown: NexusEvent<'nexus-agent-message'>['detail'][] = [];
      el.addEventListener('nexus-agent-message', (e) => shown.push(e.detail));

      customer.send({ type: 'typing', active: true });
      await until(() => text(part(el, 'typing')) === defaultStrings.agentCustomerTyping, 'the typing indicator');

      const hostile = '<img src=x onerror="window.__nexusPwned = true">Hello & welcome';
      const clientId = customer.say(hostile);
      customer.say(hostile, clientId); // a retry with the same client id
      const bubble = await found(
        () => parts(el, 'message-customer').find((m) => text(m).includes('Hello & welcome')),
        'the message',
      );
      expect(text(bubble.querySelector('[part~="message-text"]'))).to.equal(hostile);
      expect(bubble.querySelector('img')).to.equal(null);
      expect((window as unknown as { __nexusPwned?: boolean }).__nexusPwned).to.equal(undefined);
      expect(bubble.querySelector('time')!.getAttribute('datetime')).to.match(/^\d{4}-\d\d-\d\dT/);
      expect(text(part(el, 'typing')), 'a message ends the typing indicator').to.equal('');

      customer.say('second message');
      await until(() => parts(el, 'message-customer').length === 2, 'the second message');
      await sleep(300);
      expect(parts(el, 'message-customer').map((m) => text(m.querySelector('[part~="message-text"]')))).to.deep.equal([
        hostile,
        'second message',
      ]);
      expect(shown.map((m) => [m.direction, m.text])).to.deep.equal([
        ['in', hostile],
        ['in', 'second message'],
      ]);
      expect(part(el, 'transcript')!.getAttribute('role')).to.equal('log');
    });

    it('Enter sends, Shift+Enter adds a line; the reply reaches the customer once, with typing and the read marker', async () => {
      const { el, customer } = await acceptedChat();
      const shown: NexusEvent<'nexus-agent-message'>['detail'][] = [];
      el.addEventListener('nexus-agent-message', (e) => shown.push(e.detail));
      const input = part<HTMLTextAreaElement>(el, 'composer-input')!;
      expect(focused(el)).to.equal(input);

      await sendKeys({ type: 'First line' });
      await until(
        () => customer.frames.some((f) => f.type === 'typing' && f.role === 'agent' && f.active),
        'the customer to see the agent typing',
      );
      await sendKeys({ press: 'Shift+Enter' });
      await sendKeys({ type: 'second line' });
      expect(input.value).to.equal('First line\nsecond line');
      await sendKeys({ press: 'Enter' });

      const reply = await found(
        () => customer.events().find((e) => e.type === 'message' && e.author.role === 'agent'),
        'the reply at the customer',
      );
      expect(reply.text).to.equal('First line\nsecond line');
      expect(reply.author.name).to.equal('Alex');
      expect(input.value).to.equal('');
      await until(
        () => customer.frames.some((f) => f.type === 'typing' && f.role === 'agent' && !f.active),
        'typing to stop',
      );
      await until(() => parts(el, 'message-own').length === 1 && !part(el, 'message-status'), 'the stored reply');
      await sleep(300);
      expect(parts(el, 'message-own')).to.have.length(1);
      expect(part(el, "message-own")!.querySelector("[part~=\"message-text\"]")!.textContent).to.equal("First line\nsecond line");
      expect(shown).to.deep.equal([{ sessionId: customer.id, direction: 'out', seq: reply.seq, text: reply.text }]);

      // Enter on an empty box sends nothing.
      await sendKeys({ press: 'Enter' });
      await sleep(200);
      expect(customer.events().filter((e) => e.type === 'message')).to.have.length(1);

      expect(part(el, 'read-marker')).to.equal(null);
      customer.send({ type: 'seen', seq: reply.seq });
      await until(() => part(el, 'read-marker'), 'the read marker');
      expect(part(el, 'message-own')!.contains(part(el, 'read-marker'))).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('tells the customer what the agent has read', async () => {
      const { customer } = await acceptedChat();
      const clientId = customer.say('is anyone there?');
      const stored = await found(() => customer.frames.find((f) => f.type === 'ack' && f.clientId === clientId), 'the ack');
      const seq = stored.type === 'ack' ? stored.seq : 0;
      await until(
        () => customer.frames.some((f) => f.type === 'seen' && f.role === 'agent' && f.seq >= seq),
        'the agent to mark the message seen',
      );
    });

    it('links a shared file only to its signed download, with the name as text', async () => {
      const { el, customer } = await acceptedChat();
      const name = '<img src=x onerror="window.__nexusPwned = true">notes.txt';
      const upload = await fetch(`${env.server}${routePath(ROUTES.liveFiles, { id: customer.id })}?name=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${customer.grant.sessionToken}`, 'content-type': 'text/plain' },
        body: 'the router is in the hallway',
      });
      expect(upload.ok, `upload answered ${upload.status}`).to.equal(true);
      const file = (await upload.json()) as FileInfo;
      customer.send({ type: 'file', clientId: freshKey(), fileId: file.id });

      const link = await found(() => part<HTMLAnchorElement>(el, 'file-link'), 'the file link');
      expect(link.href).to.equal(new URL(file.url, env.server).href);
      expect(link.href.startsWith(`${env.server}/v1/live/files/`)).to.equal(true);
      expect(link.rel).to.contain('noopener');
      expect(file.name).to.contain('<img');
      expect(link.getAttribute('download')).to.equal(file.name);
      expect(text(link)).to.contain(file.name);
      expect(link.querySelector('img')).to.equal(null);
      expect(await (await fetch(link.href)).text()).to.equal('the router is in the hallway');
    });

    it('counts and announces new messages in the other sessions the agent handles', async () => {
      const { el, customer: first } = await acceptedChat();
      const second = await request({ skill: 'sales' });
      (await found(() => option(el, second.id), 'the second request')).click();
      (await found(() => headerAccept(el), 'its accept button')).click();
      await until(() => part(el, 'composer-input') && text(part(el, 'chat-header')).includes(second.session.code), 'the second chat');

      const unread = () => text(option(el, first.id)?.querySelector('[part~="unread"]'));
      expect(unread()).to.equal('');
      first.say('any news?');
      await until(() => unread() === defaultStrings.agentUnread.replace('{count}', '1'), 'one unread message');
      await until(
        () => text(part(el, 'announcer')).startsWith(defaultStrings.agentNewMessage.split('{')[0]),
        'the announcement',
      );
      first.say('hello?');
      await until(() => unread() === defaultStrings.agentUnread.replace('{count}', '2'), 'two unread messages');
      expect(parts(el, 'message-customer'), 'the open chat is not the one that got them').to.have.length(0);

      option(el, first.id)!.click();
      await until(() => parts(el, 'message-customer').length === 2, 'the first chat');
      expect(unread()).to.equal('');
    });

    it("shows another agent's session read-only, following it live", async () => {
      await setStatus(alex, 'away');
      const el = await signedIn();
      const customer = await request({ skill: 'support' });
      await api('POST', routePath(ROUTES.agentAccept, { id: customer.id }), sam);
      customer.say('hello Sam');
      await until(() => customer.events().some((e) => e.text === 'hello Sam'), 'the message to be stored');

      el.openSession(customer.id);
      await until(() => text(part(el, 'chat-header')).includes('Sam'), 'the chat header');
      await until(() => parts(el, 'message-customer').length === 1, 'the history');
      expect(part(el, 'composer')).to.equal(null);
      expect(headerAccept(el)).to.equal(null);
      expect(part(el, 'end-button')).to.equal(null);

      customer.say('are you still there?');
      await until(() => parts(el, 'message-customer').length === 2, 'the live message');
      expect(text(parts(el, 'message-customer')[1])).to.contain('are you still there?');
    });
  });

  describe('finding a call by its code', () => {
    it('finds the call, opens it with Accept focused, and Accept makes it active', async () => {
      await setStatus(alex, 'away');
      const el = await signedIn();
      const caller = await request({ kind: 'call', skill: 'support' });
      const code = caller.session.code;
      const input = part<HTMLInputElement>(el, 'code-input')!;
      expect(input.labels?.[0]?.textContent).to.equal(defaultStrings.agentCodeLabel);

      input.focus();
      await sendKeys({ type: '12' });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(text(part(el, 'code-status'))).to.equal(defaultStrings.agentCodeInvalid);
      expect(input.getAttribute('aria-invalid')).to.equal('true');

      input.value = '';
      await sendKeys({ type: `${code.slice(0, 3)} ${code.slice(3)}` });
      await sendKeys({ press: 'Enter' });
      await until(() => focused(el) === headerAccept(el) && headerAccept(el), 'the accept button to get focus');
      expect(text(part(el, 'chat-header'))).to.contain(code);
      expect(text($(el, '#chat-title'))).to.contain(defaultStrings.agentKindCall);
      expect(chatState(el)).to.equal(defaultStrings.agentStateQueued);
      expect(text(part(el, 'code-status'))).to.contain(code);
      await expect(el).to.be.accessible();

      await sendKeys({ press: 'Enter' });
      await until(() => chatState(el) === defaultStrings.agentStateActive, 'the call to be active');
      expect(part(el, 'composer-input')).to.exist;
      await until(
        () => caller.frames.some((f) => f.type === 'session' && f.session.state === 'active' && f.session.agent?.id === 'alex'),
        'the caller to be told',
      );
    });

    it('says when no open session has the code, and fires nexus-error', async () => {
      const el = await signedIn();
      const open = await api<{ items: LiveSession[] }>('GET', `${ROUTES.agentSessions}?state=queued,assigned,active`, alex);
      let code = '000000';
      while (open.items.some((s) => s.code === code)) code = String(Math.floor(Math.random() * 1e6)).padStart(6, '0');
      const input = part<HTMLInputElement>(el, 'code-input')!;
      input.value = code;
      const failed = oneEvent(el, 'nexus-error');
      part(el, 'code-button')!.click();
      expect((await failed).detail).to.include({ status: 404, source: 'nexus-agent-console' });
      await el.updateComplete;
      expect(text(part(el, 'code-status'))).to.equal(defaultStrings.agentCodeNotFound.replace('{code}', code));
    });
  });

  describe('customer panel', () => {
    it('shows identity, context log, guided-path activity, session data and origin', async () => {
      const PATH = await somePath();
      const consumer = freshKey();
      const now = Date.now();
      await api('POST', ROUTES.context, tenant.app, {
        consumer,
        ops: [
          {
            id: freshKey(),
            at: now - 5000,
            op: 'identity',
            set: { firstName: '<b>Dana</b>', lastName: 'Lee', email: 'dana@example.com', phone: '+1 555 0100', externalId: 'cust-42' },
          },
          { id: freshKey(), at: now - 4000, op: 'log', kind: 'device', name: 'Smart Bulb A19', detail: 'firmware 2.1', data: { serial: 'SB-1' } },
          { id: freshKey(), at: now - 3000, op: 'log', kind: 'action', name: 'Pressed reset' },
        ],
      });
      await api('POST', ROUTES.activity, tenant.app, {
        consumer,
        events: [
          { id: freshKey(), at: now - 2000, pathId: PATH.id, event: 'started' },
          { id: freshKey(), at: now - 1500, pathId: PATH.id, event: 'step', stepId: PATH.step },
          { id: freshKey(), at: now - 1000, pathId: PATH.id, event: 'escalated', stepId: PATH.step },
        ],
      });
      await setStatus(alex, 'away');
      const el = await signedIn();
      const customer = await request({
        consumer,
        skill: 'support',
        data: { orderId: 'A-1001' },
        origin: { pathId: PATH.id, stepId: PATH.step },
      });
      (await found(() => option(el, customer.id), 'the session in the list')).click();
      const identity = await found(() => part(el, 'identity'), 'the customer panel');

      expect(text(identity)).to.contain('<b>Dana</b> Lee');
      expect(identity.querySelector('b'), 'names are text').to.equal(null);
      for (const value of ['dana@example.com', '+1 555 0100', 'cust-42', consumer]) expect(text(identity)).to.contain(value);
      expect(text($(el, '#chat-title'))).to.equal('<b>Dana</b> Lee');

      const context = parts(el, 'context-entry').map(text);
      expect(context).to.have.length(2);
      expect(context[0], 'newest first').to.contain('Pressed reset').and.contain(defaultStrings.agentContextAction);
      expect(context[1]).to.contain('Smart Bulb A19').and.contain('firmware 2.1').and.contain('SB-1');

      const activity = parts(el, 'activity-entry').map(text);
      expect(activity).to.have.length(3);
      expect(activity[0]).to.contain(PATH.title).and.contain(defaultStrings.agentActivityEscalated).and.contain(PATH.step);
      expect(activity[2]).to.contain(defaultStrings.agentActivityStarted);

      expect(text(part(el, 'origin'))).to.contain(PATH.title).and.contain(PATH.step);
      expect(text(part(el, 'session-data'))).to.contain('orderId').and.contain('A-1001');
      await expect(el).to.be.accessible();

      // Context logged later shows after a refresh.
      await api('POST', ROUTES.context, tenant.app, {
        consumer,
        ops: [{ id: freshKey(), at: Date.now(), op: 'log', kind: 'content', name: 'Read the warranty page' }],
      });
      part(el, 'refresh-button')!.click();
      await until(() => parts(el, 'context-entry').some((e) => text(e).includes('Read the warranty page')), 'the new entry');
    });

    it('says when the customer has no context and came straight to live help', async () => {
      const { el } = await acceptedChat();
      await until(() => part(el, 'identity'), 'the customer panel');
      expect(text(part(el, 'identity'))).to.contain(defaultStrings.agentAnonymous);
      expect(text(part(el, 'context-log'))).to.contain(defaultStrings.agentContextEmpty);
      expect(text(part(el, 'activity'))).to.contain(defaultStrings.agentActivityEmpty);
      expect(text(part(el, 'origin'))).to.contain(defaultStrings.agentOriginNone);
    });
  });

  describe('ending', () => {
    it('asks first, then ends the session for both sides', async () => {
      const { el, customer } = await acceptedChat();
      const end = part(el, 'end-button')!;
      const dialog = part<HTMLDialogElement>(el, 'end-dialog')!;
      end.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => dialog.open, 'the confirmation');
      expect(focused(el), 'the safe choice has focus').to.equal(part(el, 'cancel-button'));
      await expect(el).to.be.accessible();

      await sendKeys({ press: 'Escape' });
      await until(() => !dialog.open, 'the dialog to close');
      await sleep(200);
      expect(chatState(el)).to.equal(defaultStrings.agentStateActive);

      const ended = oneEvent(el, 'nexus-agent-session-end');
      end.click();
      await until(() => dialog.open, 'the confirmation');
      part(el, 'confirm-button')!.click();
      expect((await ended).detail).to.deep.equal({ sessionId: customer.id, endedBy: 'agent' });
      await until(() => chatState(el) === defaultStrings.agentStateEnded, 'the ended state');
      expect(part(el, 'composer')).to.equal(null);
      expect(part(el, 'end-button')).to.equal(null);
      await until(() => customer.events().some((e) => e.type === 'state' && e.state === 'ended'), 'the customer to be told');
    });

    it('tells the agent when the customer ends the chat', async () => {
      const { el, customer } = await acceptedChat();
      const ended = oneEvent(el, 'nexus-agent-session-end');
      customer.send({ type: 'end' });
      expect((await ended).detail).to.deep.equal({ sessionId: customer.id, endedBy: 'customer' });
      await until(() => text(part(el, 'announcer')) === defaultStrings.agentEndedByCustomer, 'the announcement');
      expect(part(el, 'composer')).to.equal(null);
      expect(text(part(el, 'chat'))).to.contain(defaultStrings.agentEndedByCustomer);
    });
  });

  describe('session list', () => {
    it('keeps a session the socket reported while the list was loading (the list answer is older)', async () => {
      await setStatus(alex, 'away');
      // Hold every answer to the session-list request until released: the server answers at
      // once (before the new session exists), the console receives it later.
      const hold = holdAnswers((input) => String(input).includes(`${ROUTES.agentSessions}?`));
      let el: NexusAgentConsole;
      try {
        el = await fixture<NexusAgentConsole>(html`<nexus-agent-console server=${env.server} token=${alex}></nexus-agent-console>`);
      } finally {
        hold.restore();
      }
      await until(() => el.agentClient?.connected && hold.answered, 'the agent socket and the (held) list answer');
      const customer = await request({ skill: 'sales' });
      await found(() => option(el, customer.id), 'the new session, from the socket');
      hold.release();
      await until(() => hold.delivered, 'the list answer handed over');
      // Its body is read and applied in the next few tasks: give them time, then look.
      await sleep(300);
      await el.updateComplete;
      expect(option(el, customer.id), 'still listed after the older list answer').to.exist;
    });

    it('keeps an accepted session active when details asked for before the accept arrive after it', async () => {
      await setStatus(alex, 'away');
      // Hold the answer to the session's detail request: the server answers while the session is
      // still queued, the console receives it only after the accept and its socket update.
      let heldId: string | undefined;
      const hold = holdAnswers(
        (input, init) =>
          heldId !== undefined && (init?.method ?? 'GET') === 'GET' && new URL(String(input)).pathname === routePath(ROUTES.agentSession, { id: heldId }),
      );
      let el: NexusAgentConsole;
      try {
        // The console's client takes the fetch it finds when it signs in.
        el = await signedIn();
      } finally {
        hold.restore();
      }
      try {
        const customer = await request({ skill: 'sales' });
        heldId = customer.id;
        (await found(() => option(el, customer.id), 'the session in the list')).click();
        await until(() => hold.answered, 'the (held) detail answer, taken while the session was queued');
        (await found(() => headerAccept(el), 'the accept button')).click();
        await until(() => chatState(el) === defaultStrings.agentStateActive, 'the accepted session');
        hold.release();
        await until(() => hold.delivered, 'the detail answer handed over');
        // Its body is read and applied in the next few tasks: give them time, then look.
        await sleep(300);
        await el.updateComplete;
        expect(chatState(el), 'not rolled back by the older answer').to.equal(defaultStrings.agentStateActive);
        expect(part(el, 'composer-input')).to.exist;
      } finally {
        hold.release();
      }
    });

    it('is a listbox with one tab stop: arrows, Home and End move, Enter and Space open', async () => {
      await setStatus(alex, 'away');
      const el = await signedIn();
      const calls: Customer[] = [];
      for (let i = 0; i < 3; i++) calls.push(await request({ kind: 'call', skill: 'support' }));
      const mine = new Set(calls.map((c) => c.id));
      await until(() => options(el).filter((o) => mine.has(o.dataset.session!)).length === 3, 'the three calls');
      // Only this test's sessions are open in this tenant; newest first.
      const list = options(el);
      expect(list.map((o) => o.dataset.session)).to.deep.equal(calls.map((c) => c.id).reverse());
      expect(part(el, 'session-list')!.getAttribute('role')).to.equal('listbox');
      expect(list.filter((o) => o.tabIndex === 0)).to.have.length(1);

      $(el, 'select[name="kind"]')!.focus();
      await sendKeys({ press: 'Tab' });
      expect(focused(el)).to.equal(list[0]);
      await sendKeys({ press: 'ArrowDown' });
      expect(focused(el)).to.equal(list[1]);
      await sendKeys({ press: 'End' });
      expect(focused(el)).to.equal(list[2]);
      await sendKeys({ press: 'ArrowDown' });
      expect(focused(el), 'stops at the end').to.equal(list[2]);
      await sendKeys({ press: 'Home' });
      expect(focused(el)).to.equal(list[0]);
      await sendKeys({ press: 'ArrowUp' });
      expect(focused(el), 'stops at the start').to.equal(list[0]);
      expect(list.every((o) => o.getAttribute('aria-selected') === 'false')).to.equal(true);

      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Enter' });
      await until(() => list[1].getAttribute('aria-selected') === 'true', 'the second call to open');
      await until(() => text(part(el, 'chat-header')).includes(calls[1].session.code), 'its conversation');
      expect(list.filter((o) => o.tabIndex === 0)).to.deep.equal([list[1]]);

      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: ' ' });
      await until(() => list[2].getAttribute('aria-selected') === 'true', 'Space to open the third');
      expect(list[1].getAttribute('aria-selected')).to.equal('false');
      expect(text(part(el, 'chat-header'))).to.contain(calls[0].session.code);
      await expect(el).to.be.accessible();
    });

    it('filters by kind, skill and state, and follows session changes live', async () => {
      await setStatus(alex, 'away');
      const el = await signedIn();
      const chat = await request({ kind: 'chat', skill: 'support' });
      const call = await request({ kind: 'call', skill: 'sales' });
      const listed = () => options(el).map((o) => o.dataset.session);
      const choose = async (name: string, value: string) => {
        const select = $<HTMLSelectElement>(el, `select[name="${name}"]`)!;
        select.value = value;
        select.dispatchEvent(new Event('change'));
      };
      await until(() => listed().includes(chat.id) && listed().includes(call.id), 'both sessions');

      await choose('kind', 'call');
      await until(() => !listed().includes(chat.id), 'the chat to be filtered out');
      expect(listed()).to.include(call.id);

      await choose('kind', '');
      await choose('skill', 'support');
      await until(() => !listed().includes(call.id) && listed().includes(chat.id), 'only support');

      await choose('skill', '');
      await choose('state', 'ended');
      await until(() => !listed().includes(chat.id) && !listed().includes(call.id), 'no open sessions among the ended');

      // A session that ends now joins the ended list without a reload.
      await api('POST', routePath(ROUTES.agentEnd, { id: call.id }), alex);
      await until(() => listed().includes(call.id), 'the ended call to appear');

      await choose('state', 'open');
      await until(() => listed().includes(chat.id) && !listed().includes(call.id), 'the open sessions');
      // And one that ends leaves the open list.
      await api('POST', routePath(ROUTES.agentEnd, { id: chat.id }), alex);
      await until(() => !listed().includes(chat.id), 'the ended chat to leave');
    });
  });

  describe('connection', () => {
    it('shows when the connection is lost and back, and catches up without showing anything twice', async () => {
      const { el, customer } = await acceptedChat();
      customer.say('before the outage');
      await until(() => parts(el, 'message-customer').length === 1, 'the first message');
      const banner = part(el, 'banner')!;
      expect(banner.getAttribute('role')).to.equal('status');
      expect(text(banner)).to.equal('');

      window.dispatchEvent(new Event('offline'));
      await until(() => text(banner) === defaultStrings.agentConnectionLost, 'the lost banner');
      await until(() => !el.agentClient?.connected, 'the socket to close');
      customer.say('while you were away');
      customer.say('still there?');
      await sleep(200);

      window.dispatchEvent(new Event('online'));
      await until(() => text(banner) === defaultStrings.agentConnectionFound, 'the found banner', 8000);
      await until(() => parts(el, 'message-customer').length >= 3, 'the missed messages');
      await sleep(500);
      expect(parts(el, 'message-customer').map((m) => m.querySelector('[part~="message-text"]')!.textContent)).to.deep.equal([
        'before the outage',
        'while you were away',
        'still there?',
      ]);
      const seqs = $$(el, '[part~="transcript"] [data-seq]').map((n) => Number(n.dataset.seq));
      expect(new Set(seqs).size, 'every event once').to.equal(seqs.length);
    });
  });
});
