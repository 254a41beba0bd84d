/**
 * The world of the agent console's browser tests (agent-console*.test.ts): the live-help tenant
 * and its agents, customers that ask for live help over the real server, a console signed in,
 * and lookups in its shadow root. Importing it registers the clean-up after each test.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { env, freshKey, until } from './env.js';
import type { NexusAgentConsole } from '../../src/agent/console/agent-console.js';
import type { Agent, ChatEvent, ClientFrame, LiveGrant, LiveSession, ServerFrame } from '../../src/protocol/live.js';
import type { GuidedPath } from '../../src/protocol/schemas.js';
import { ROUTES, routePath } from '../../src/protocol/routes.js';

// ---------------------------------------------------------------------------------------------
// The live-help tenant of a console test file: its application token and the tokens of its
// agents alex (skills sales and support) and sam (support). A tenant per file keeps other test
// files' sessions, offers and agent statuses out of its tests (files run side by side).

interface LiveTenant {
  app: string;
  agents: { alex: string; sam: string };
}
const fixtureEnv = env as unknown as { live?: Record<string, LiveTenant>; agents?: { alex: string; sam: string } };
export let tenant: LiveTenant;
export let alex: string;
export let sam: string;

/** Picks the file's tenant: call it at the top of a test file, before its tests. */
export function useTenant(name: 'console' | 'consoleSessions' | 'transfer'): void {
  tenant = fixtureEnv.live?.[name] ?? { app: env.tokens.demo, agents: fixtureEnv.agents! };
  ({ alex, sam } = tenant.agents);
}

/** A guided path of the tenant's content (its id, title and first step), for activity and origins. */
export async function somePath(): Promise<{ id: string; title: string; step: string }> {
  const list = await api<{ items: { id: string }[] }>('GET', `${ROUTES.paths}?limit=1`, tenant.app);
  expect(list.items, 'the tenant has guided paths').to.not.be.empty;
  const path = await api<GuidedPath>('GET', routePath(ROUTES.path, { id: list.items[0].id }), tenant.app);
  return { id: path.id, title: path.title, step: path.steps[0].id };
}

// ---------------------------------------------------------------------------------------------
// Helpers

export const $ = <T extends HTMLElement = HTMLElement>(el: NexusAgentConsole, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);
export const $$ = (el: NexusAgentConsole, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
export const part = <T extends HTMLElement = HTMLElement>(el: NexusAgentConsole, name: string) => $<T>(el, `[part~="${name}"]`);
export const parts = (el: NexusAgentConsole, name: string) => $$(el, `[part~="${name}"]`);
export const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
export const focused = (el: NexusAgentConsole) => el.shadowRoot!.activeElement as HTMLElement | null;
export const options = (el: NexusAgentConsole) => $$(el, '[role="option"]');
export const option = (el: NexusAgentConsole, sessionId: string) => $(el, `[role="option"][data-session="${sessionId}"]`);
export const chatState = (el: NexusAgentConsole) => text($(el, '[part~="chat-header"] [part~="state-badge"]'));
export const headerAccept = (el: NexusAgentConsole) => $(el, '[part~="chat-header"] [part~="accept-button"]');

/** Waits for `check` to return something, and returns it. */
export async function found<T>(check: () => T | null | undefined | false, what: string, timeout?: number): Promise<T> {
  return (await until(check, what, timeout)) as T;
}

/** Calls the reference server's REST API as a test harness would. */
export async function api<T>(method: 'GET' | 'POST', path: string, token: string, body?: unknown): Promise<T> {
  const response = await fetch(`${env.server}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => undefined);
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json as T;
}

export const setStatus = (token: string, status: 'available' | 'away') => api<Agent>('POST', ROUTES.agentStatus, token, { status });

/** A customer with a live session, connected over the WebSocket as the customer elements are. */
export class Customer {
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
export async function request(
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
export async function signedIn(token: string = alex): Promise<NexusAgentConsole> {
  const el = await fixture<NexusAgentConsole>(html`<nexus-agent-console server=${env.server} token=${token}></nexus-agent-console>`);
  await until(() => part(el, 'agent-name'), 'the console to sign in');
  await until(() => el.agentClient?.connected, 'the agent socket');
  await until(() => !$(el, '[part~="sidebar"] [part~="loading"]'), 'the session list');
  return el;
}

/** Alex, away (so nothing is offered), opens a customer's chat from the list and accepts it. */
export async function acceptedChat(skill = 'sales') {
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
export function holdAnswers(matches: (input: RequestInfo | URL, init?: RequestInit) => boolean) {
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

