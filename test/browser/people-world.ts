import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { AccountSession } from '../../src/core/account-session.js';
import type { StaffRole } from '../../src/protocol/accounts.js';
import type { NexusConfirmDialog } from '../../src/portal/confirm-dialog.js';
import type { NexusDataTable } from '../../src/portal/data-table.js';
import { defaultStrings } from '../../src/i18n/strings-all.js';
import '../../src/portal/index.js';
import { cli, freshKey, until } from './env.js';
import { part, PASSWORD, server, tenantId, text } from './portal-world.js';

// What the browser tests of the Skills and Users pages share (src/portal/skills-page.test.ts,
// users-page.test.ts): accounts of a role, a page signed in as one, its table's rows, typing and
// the confirm dialog. The sign-in is the browser's cookie: one account signed in at a time.

/** A new account of `role` (password PASSWORD) in the fixture's portal tenant unless told; its email. */
export async function staffAccount(role: StaffRole, options: { tenant?: string; name?: string } = {}): Promise<string> {
  const email = `${freshKey()}@people.example`;
  await cli('account', 'add', options.tenant ?? tenantId, '--email', email, '--name', options.name ?? `Pat ${role}`, '--role', role, '--password', PASSWORD);
  return email;
}

/** Signs in as `email` (the browser's session from now on); `cleanup` signs out. */
export async function signedIn(email: string, cleanup: (() => unknown)[]): Promise<AccountSession> {
  const session = await AccountSession.signIn({ server, email, password: PASSWORD });
  // Signing out comes last: the clean-up before it acts as whoever is signed in.
  cleanup.unshift(() => session.signOut().catch(() => undefined));
  return session;
}

/** The page element `tag` acting as `session`, once its table has loaded (or failed). */
export async function mountPage<T extends HTMLElement & { updateComplete: Promise<boolean> }>(tag: string, session: AccountSession, events: string[] = []) {
  const name = unsafeStatic(tag);
  const el = await fixture<T>(
    staticHtml`<${name} .session=${session} @nexus-portal-session-ended=${() => events.push('session-ended')}></${name}>`,
  );
  const table = el.shadowRoot!.querySelector<NexusDataTable>('nexus-data-table')!;
  await until(() => table.state !== 'loading', 'the table loaded', 15_000);
  return { el, table };
}

/** The table's row of `key`. */
export const rowOf = (table: NexusDataTable, key: string) => table.shadowRoot!.querySelector<HTMLTableRowElement>(`tr[data-key="${key}"]`);

/** A part inside a row of the table (the row's buttons). */
export const rowPart = (table: NexusDataTable, key: string, name: string) => rowOf(table, key)?.querySelector<HTMLButtonElement>(`[part~="${name}"]`) ?? null;

/** The row's cells' text. */
export const cellsOf = (table: NexusDataTable, key: string) => [...(rowOf(table, key)?.querySelectorAll('td') ?? [])].map(text);

/** Types `value` into a field as a person does (focus, keys). */
export async function typeInto(input: HTMLInputElement, value: string) {
  input.focus();
  input.select();
  await sendKeys({ type: value });
}

/** The page's confirm dialog, once open. */
export async function openConfirm(el: HTMLElement): Promise<NexusConfirmDialog> {
  const dialog = el.shadowRoot!.querySelector<NexusConfirmDialog>('nexus-confirm-dialog')!;
  await until(() => dialog.open, 'the confirm dialog');
  return dialog;
}

/** Waits until the page's part `name` (`notice`, `action-error`) says `expected`; fails saying what it said. */
export async function expectSaid(el: HTMLElement & { updateComplete: Promise<boolean> }, name: 'notice' | 'action-error', expected: string) {
  // The action just started has cleared what the last one said: render that first.
  await el.updateComplete;
  try {
    await until(() => text(part(el, name)) === expected, `the ${name}`, 15_000);
  } catch {
    throw new Error(`the ${name} said "${text(part(el, name))}", not "${expected}" (action-error: "${text(part(el, 'action-error'))}")`);
  }
}

/** The element that has the focus inside `el`'s shadow root (and its table's). */
export function focused(el: HTMLElement): Element | null {
  let active = el.shadowRoot!.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** An English string of the catalogue with its `{placeholders}` filled. */
export function say(key: keyof typeof defaultStrings, values: Record<string, string | number> = {}): string {
  return (defaultStrings[key] as string).replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));
}

/** The page `tag` acting as `session` shows its table loading at first (checked with axe); then it is removed. */
export async function expectLoading(tag: string, session: AccountSession) {
  const name = unsafeStatic(tag);
  const el = await fixture<HTMLElement>(staticHtml`<${name} .session=${session}></${name}>`);
  expect(el.shadowRoot!.querySelector<NexusDataTable>('nexus-data-table')!.state).to.equal('loading');
  await expect(el).to.be.accessible();
  el.remove();
}

/**
 * The session ends under the page: its table shows the error (checked with axe) and the portal is
 * told (`events`); signed in again by `signInAgain`, Retry loads the table to `settled`.
 */
export async function expectEndedThenRetry(
  page: { el: HTMLElement; table: NexusDataTable; events: string[] },
  session: AccountSession,
  signInAgain: () => Promise<unknown>,
  settled: 'ready' | 'empty',
) {
  await session.signOut();
  await page.table.reload();
  expect(page.table.state).to.equal('error');
  expect(page.events, 'the portal is told the session ended').to.deep.equal(['session-ended']);
  await expect(page.el).to.be.accessible();
  await signInAgain();
  part(page.table, 'retry-button')!.click();
  await until(() => page.table.state === settled, 'loaded again', 15_000);
}
