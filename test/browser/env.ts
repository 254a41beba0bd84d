/**
 * Shared setup for the browser tests: where the real reference server runs and its tokens, and
 * a guard that fails any test during which the page logged an error or warning, or threw.
 */
interface FixtureEnv {
  /** Origin of the reference server started for this test run. */
  server: string;
  /** Application tokens: demo, other (a second tenant), expired, revoked, forged. */
  tokens: { demo: string; other: string; expired: string; revoked: string; forged: string };
  /**
   * Live help: one tenant per test file that routes sessions (so offers never race across files
   * running in parallel), each with skills `sales` (alex) and `support` (alex, sam): its
   * application token and its agents' tokens.
   */
  live: Record<'core' | 'chat' | 'liveHelp' | 'console' | 'consoleSessions' | 'sdk' | 'cobrowse' | 'cobrowseUi' | 'cobrowseView' | 'cobrowseTenant' | 'cobrowseControl' | 'transfer' | 'portalCobrowse' | 'portalAudit', LiveTenant>;
  /**
   * Tenant 'branded' (server/test-server.ts): portal branding with theme URLs on the fixture
   * server, not applied on mobile devices, and string overrides for every locale (`*`) and `fr`.
   */
  branding: {
    tenantId: string;
    app: string;
    themeUrl: string;
    stepContentThemeUrl: string;
    strings: Record<string, Record<string, string>>;
  };
}

interface LiveTenant {
  tenantId: string;
  /** Tenant 'cobrowseTenant' has co-browse settings: COBROWSE_TENANT_SETTINGS in server/test-server.ts. */
  app: string;
  agents: { alex: string; sam: string };
}

export const env: FixtureEnv = await (await fetch('/__nexus/env.json')).json();

/** Messages that are expected and harmless in the test page. */
const allowed = [/Lit is in dev mode/, /multiple versions of Lit/i];

const problems: string[] = [];
for (const level of ['error', 'warn'] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    const text = args.map(String).join(' ');
    if (!allowed.some((re) => re.test(text))) problems.push(`console.${level}: ${text}`);
    original(...args);
  };
}
window.addEventListener('error', (e) => problems.push(`uncaught: ${e.message}`));
window.addEventListener('unhandledrejection', (e) => problems.push(`unhandled rejection: ${String(e.reason)}`));

/** Lets a test say that it expects the page to log something. */
export function expectConsole(pattern: RegExp): void {
  allowed.push(pattern);
  after(() => {
    const i = allowed.indexOf(pattern);
    if (i >= 0) allowed.splice(i, 1);
  });
}

beforeEach(() => {
  problems.length = 0;
});

afterEach(function () {
  if (problems.length) {
    const list = problems.splice(0).join('\n  ');
    // Runnable#error fails the test that just ran without aborting the rest of the suite.
    (this.test as Mocha.Runnable & { error(e: Error): void } | undefined)?.error(
      new Error(`the page reported problems:\n  ${list}`),
    );
  }
});

/**
 * Runs the reference server's CLI on the test server's database, in a process of its own, as an
 * operator would (`cli('token', 'revoke', id)`); returns what it printed on stdout, trimmed. Only
 * `token create|revoke`, `agent create|token` and `config set` (web-test-runner.config.mjs). The server finds
 * revoked tokens within 200 ms.
 */
export async function cli(...args: string[]): Promise<string> {
  const response = await fetch(`/__nexus/cli?args=${encodeURIComponent(JSON.stringify(args))}`);
  const result: { code: number; stdout: string; stderr: string } = await response.json();
  if (result.code !== 0) throw new Error(`cli ${args.join(' ')} exited with ${result.code}: ${result.stderr}`);
  return result.stdout.trim();
}

/** The registered id of a token (its `sub`), to revoke it. */
export function tokenId(jwt: string): string {
  return JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).sub;
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` returns a truthy value other than an empty list (polling), or fails after `timeout` ms. */
export async function until<T>(check: () => T | Promise<T>, what = 'condition', timeout = 5000): Promise<T> {
  const start = performance.now();
  for (;;) {
    const value = await check();
    // An empty list is not a condition met (a check that returns a log's entries waits for one).
    if (value && !(Array.isArray(value) && value.length === 0)) return value;
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** The error a promise rejects with (a `NexusError` from the client: `code`, `status`, `details`); fails when it resolves. */
export async function refusal<E extends Error = Error & { code: string; status: number; details: unknown[] }>(promise: Promise<unknown>): Promise<E> {
  try {
    await promise;
  } catch (error) {
    return error as E;
  }
  throw new Error('expected a refusal');
}

/** Fresh isolated storage for one client, so tests do not share outboxes. */
export function freshKey(): string {
  return `test${Math.random().toString(36).slice(2, 12)}`;
}

import { NexusClient, type NexusClientOptions } from '../../src/core/client.js';
import { memoryStorage } from '../../src/core/storage.js';

/**
 * A client isolated from every other test (its own consumer and in-memory storage) on the demo
 * tenant by default. `posts` collects the JSON bodies it POSTs, by route.
 */
export function testClient(options: Partial<NexusClientOptions> = {}) {
  const posts: { path: string; body: Record<string, unknown> }[] = [];
  const client = new NexusClient({
    server: env.server,
    token: env.tokens.demo,
    storage: memoryStorage(),
    consumerKey: freshKey(),
    flushDelayMs: 10,
    fetch: (input, init) => {
      if (init?.method === 'POST') posts.push({ path: new URL(String(input)).pathname, body: JSON.parse(String(init.body)) });
      return fetch(input, init);
    },
    ...options,
  });
  return { client, posts };
}

import { expect, waitUntil as openWcWaitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';

/**
 * `waitUntil` of @open-wc/testing, giving up after 5 s instead of 1 s: a first request on a busy
 * machine (CI) can take longer than a second.
 */
export const waitUntil: typeof openWcWaitUntil = (predicate, message, options = {}) =>
  openWcWaitUntil(predicate, message, { timeout: 5000, ...options });

/**
 * Steps that undo what a test set up, run in reverse order after each test of the file:
 * `const cleanup = cleanupAfterEach(); ... cleanup.push(() => page.remove());`
 */
export function cleanupAfterEach(): (() => unknown)[] {
  const steps: (() => unknown)[] = [];
  afterEach(async () => {
    for (const step of steps.splice(0).reverse()) await step();
  });
  return steps;
}

/** What `expectReadOnlyState` tries to set `state` to (and `stateTrail` leaves out). */
const FOREIGN_STATE = 'set-from-outside';

/**
 * The values the `state` attribute of `el` takes from now on, in order (the current one first;
 * a MutationObserver keeps each value, even one that lasted a single update), leaving out what
 * `expectReadOnlyState` sets from outside. `stop()` ends it.
 */
export function stateTrail(el: Element): { readonly values: string[]; stop(): void } {
  const before: (string | null)[] = [];
  const observer = new MutationObserver((records) => before.push(...records.map((r) => r.oldValue)));
  observer.observe(el, { attributes: true, attributeFilter: ['state'], attributeOldValue: true });
  return {
    get values() {
      before.push(...observer.takeRecords().map((r) => r.oldValue));
      const all = [...before, el.getAttribute('state')].filter((value): value is string => value !== null && value !== FOREIGN_STATE);
      return all.filter((value, i) => value !== all[i - 1]);
    },
    stop: () => observer.disconnect(),
  };
}

/**
 * `state` of `el` is read-only: assigning it throws (the test modules are strict) and changes
 * neither the property nor the reflected attribute, also after an update; an attribute set from
 * outside is put back at the next update.
 */
export async function expectReadOnlyState(
  el: HTMLElement & { state: string; updateComplete: Promise<unknown>; requestUpdate(): void },
): Promise<void> {
  const [property, attribute] = [el.state, el.getAttribute('state')];
  expect(attribute).to.equal(property);
  expect(() => {
    (el as { state: string }).state = FOREIGN_STATE;
  }).to.throw(TypeError);
  await el.updateComplete;
  expect(el.state).to.equal(property);
  expect(el.getAttribute('state')).to.equal(attribute);
  el.setAttribute('state', FOREIGN_STATE);
  el.requestUpdate();
  await el.updateComplete;
  expect([el.state, el.getAttribute('state')], 'the attribute put back').to.deep.equal([property, attribute]);
}

/**
 * Presses a chord (`Shift+Tab`, `Alt+ArrowUp`) as its modifiers held down around the key: the
 * spelling every browser driver reads (a `+` in one key name is Playwright's alone).
 */
export async function pressChord(chord: string): Promise<void> {
  const modifiers = chord.split('+');
  const key = modifiers.pop()!;
  for (const modifier of modifiers) await sendKeys({ down: modifier });
  await sendKeys({ press: key });
  for (const modifier of modifiers.reverse()) await sendKeys({ up: modifier });
}
