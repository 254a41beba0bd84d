import { fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { NexusEvent } from '../../src/components/shared/events.js';
import '../../src/portal/index.js';
import type { NexusPortal } from '../../src/portal/portal.js';
import { AccountSession } from '../../src/core/account-session.js';
import type { StaffRole } from '../../src/protocol/accounts.js';
import { cli, env, freshKey, until } from './env.js';

// What the portal's browser tests share (src/portal/portal-*.test.ts). The sign-in is a cookie
// the server takes from its own origin only, so the portal reaches the real server through the
// test page's origin (/__nexus/api/, web-test-runner.config.mjs). Every test makes accounts of its own.

export const tenantId = env.live.console.tenantId;
export const otherTenantId = env.live.consoleSessions.tenantId;
export const server = `${location.origin}/__nexus/api`;
export const PASSWORD = 'a long enough password';

export const part = <T extends HTMLElement = HTMLElement>(el: HTMLElement, name: string) => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
export const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** A new account, an admin unless `role` says otherwise; its email. */
export async function newAccount(options: { tenant?: string; email?: string; name?: string; role?: StaffRole } = {}): Promise<string> {
  const email = options.email ?? `${freshKey()}@portal.example`;
  await cli('account', 'add', options.tenant ?? tenantId, '--email', email, '--name', options.name ?? 'Pat Portal', '--role', options.role ?? 'admin', '--password', PASSWORD);
  return email;
}

/** A new tenant of its own (nothing in it: no tokens, the default configuration); its id. */
export async function newTenant(): Promise<string> {
  const id = `portal-${freshKey()}`;
  await cli('tenant', 'create', id, '--name', 'Portal test');
  return id;
}

/** A signed-in account session on the test server, signed out after the test. */
export async function signedIn(cleanup: (() => unknown)[], email: string, options: { fetch?: typeof fetch } = {}): Promise<AccountSession> {
  const session = await AccountSession.signIn({ server, email, password: PASSWORD, ...options });
  cleanup.push(() => session.signOut().catch(() => undefined));
  return session;
}

/** A portal on the test server, once it knows whether the browser has a session; `cleanup` signs it out. */
export async function portal(cleanup: (() => unknown)[]) {
  const events: string[] = [];
  const errors: string[] = [];
  const el = await fixture<NexusPortal>(html`<nexus-portal
    server=${server}
    @nexus-portal-sign-in=${(e: NexusEvent<'nexus-portal-sign-in'>) => events.push(`sign-in ${e.detail.role}`)}
    @nexus-portal-sign-out=${(e: NexusEvent<'nexus-portal-sign-out'>) => events.push(`sign-out ${e.detail.reason}`)}
    @nexus-error=${(e: NexusEvent<'nexus-error'>) => errors.push(e.detail.code)}
  ></nexus-portal>`);
  cleanup.push(() => el.signOut());
  await until(() => el.state !== 'loading', 'the session check');
  return { el, events, errors };
}

/** Types into fields (by part, without `-input`) and presses Enter in the last one. */
export async function fill(el: HTMLElement, values: Record<string, string>) {
  let last: HTMLInputElement | undefined;
  for (const [name, value] of Object.entries(values)) {
    last = part<HTMLInputElement>(el, `${name}-input`)!;
    last.value = value;
  }
  last!.focus();
  await sendKeys({ press: 'Enter' });
}

/** The form's refusal, once shown. */
export const formError = async (el: HTMLElement) => (await until(() => part(el, 'form-error'), 'the refusal'))!;

/** Signs in through the form; resolves when the portal is signed in. */
export async function signInWith(el: NexusPortal, email: string) {
  await fill(el, { 'sign-email': email, 'sign-password': PASSWORD });
  await until(() => el.state === 'ready', 'the portal to sign in');
}

/** A portal signed in with a new account (an admin unless `role` says otherwise) of `tenant`. */
export async function portalAs(cleanup: (() => unknown)[], options: { tenant: string; role?: StaffRole }) {
  const { el } = await portal(cleanup);
  await signInWith(el, await newAccount(options));
  return el;
}

/** The portal's navigation links. */
export const navLinks = (el: NexusPortal) => [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('[part~="nav-link"]')];
