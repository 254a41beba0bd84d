import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { cleanupAfterEach, cli, env, freshKey, stateTrail, until } from '../../test/browser/env.js';
import { part, PASSWORD, server, text } from '../../test/browser/portal-world.js';
import { AccountSession } from '../core/account-session.js';
import { defaultStrings } from '../i18n/strings-all.js';
import './audit-page.js';
import type { NexusPortalAudit } from './audit-page.js';
import type { NexusDataTable } from './data-table.js';

// <nexus-portal-audit> against the real server, in a tenant of its own ('portalAudit'): changes
// made through the admin API and the CLI appear with who made them and what changed; the filters
// go to the API; "Load more" pages; the empty states.

const tenant = env.live.portalAudit;
const cleanup = cleanupAfterEach();

const table = (el: HTMLElement) => el.shadowRoot!.querySelector<NexusDataTable>('nexus-data-table')!;
const rows = (el: HTMLElement) => [...table(el).shadowRoot!.querySelectorAll<HTMLTableRowElement>('tbody tr')];
const cells = (row: HTMLTableRowElement) => [...row.cells].map((cell) => text(cell));

/** Sets the filters' fields (by part, without `-input`) and applies them; resolves when the table shows the answer. */
async function filter(el: NexusPortalAudit, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) {
    const field = part<HTMLInputElement | HTMLSelectElement>(el, `${name}-input`)!;
    field.value = value;
  }
  const trail = stateTrail(table(el));
  part(el, 'apply-button')!.click();
  await until(() => trail.values.includes('loading') && table(el).state !== 'loading', 'the filtered log');
  trail.stop();
}

describe('<nexus-portal-audit>', function () {
  this.timeout(60_000);

  it('shows who changed what with its before and after; filters by action, who, target and days; clears the filters', async () => {
    const email = `${freshKey()}@portal.example`;
    // Added with the CLI: the record's actor is the command line.
    await cli('account', 'add', tenant.tenantId, '--email', email, '--name', 'Audrey Admin', '--role', 'admin', '--password', PASSWORD);
    const session = await AccountSession.signIn({ server, email, password: PASSWORD });
    cleanup.push(() => session.signOut().catch(() => undefined));
    const selector = `.audit-${freshKey()}`;
    await session.admin.cobrowse.update({ blockSelectors: [selector] });
    cleanup.push(() => session.admin.cobrowse.reset());

    const el = await fixture<NexusPortalAudit>(html`<nexus-portal-audit .session=${session}></nexus-portal-audit>`);
    await until(() => table(el).state === 'ready', 'the log');
    const [newest] = rows(el);
    const [, who, what, target] = cells(newest);
    expect([who, what, target]).to.deep.equal([`Audrey Admin (${email})`, defaultStrings.portalAuditCobrowseUpdate, tenant.tenantId]);
    const details = newest.querySelector('details')!;
    expect(details.open).to.equal(false);
    details.querySelector('summary')!.click();
    expect(text(details)).to.contain(defaultStrings.portalAuditChanged);
    expect(text(details)).to.contain(`blockSelectors[] → ["${selector}"]`);
    await expect(el).to.be.accessible();

    // The action filter asks the server for that action only.
    await filter(el, { action: 'account.create' });
    const created = rows(el).map(cells);
    expect(created.length).to.be.greaterThan(0);
    expect(created.every(([, , action]) => action === defaultStrings.portalAuditAccountCreate)).to.equal(true);
    expect(created.some(([, actor]) => actor === defaultStrings.portalAuditCli), 'the CLI as the actor').to.equal(true);

    // Who: the account; with the action as well, nothing matches.
    await filter(el, { action: '', actor: session.account.id });
    expect(rows(el).map((row) => cells(row)[1])).to.deep.equal([`Audrey Admin (${email})`]);
    await filter(el, { action: 'account.create' });
    expect(table(el).state).to.equal('empty');
    expect(text(part(table(el), 'empty'))).to.equal(defaultStrings.portalAuditNoMatch);
    await expect(el).to.be.accessible();

    // Days: up to yesterday there is nothing; today there is.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toLocaleDateString('sv');
    await filter(el, { actor: '', action: '', target: tenant.tenantId, since: day(-30), until: day(-1) });
    expect(table(el).state).to.equal('empty');
    await filter(el, { until: day(0) });
    expect(rows(el).map((row) => cells(row)[3])).to.include(tenant.tenantId);
    expect(rows(el).every((row) => cells(row)[3] === tenant.tenantId)).to.equal(true);

    // Clear filters (the empty state's button): everything again, the focus on the first filter.
    await filter(el, { target: 'no-such-target' });
    const trail = stateTrail(table(el));
    part(el, 'empty-clear-button')!.click();
    await until(() => trail.values.includes('loading') && table(el).state === 'ready', 'every record again');
    expect(part<HTMLSelectElement>(el, 'action-input')!.value).to.equal('');
    expect(part<HTMLInputElement>(el, 'target-input')!.value).to.equal('');
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'actor-input'));
    expect(cells(rows(el)[0])[2]).to.equal(defaultStrings.portalAuditCobrowseUpdate);
  });

  it('loads more, older records after the last one shown, and moves the focus to the first of them', async () => {
    const email = `${freshKey()}@portal.example`;
    await cli('account', 'add', tenant.tenantId, '--email', email, '--name', 'Paige', '--role', 'supervisor', '--password', PASSWORD);
    const session = await AccountSession.signIn({ server, email, password: PASSWORD });
    cleanup.push(() => session.signOut().catch(() => undefined));

    const el = await fixture<NexusPortalAudit>(html`<nexus-portal-audit page-size="2" .session=${session}></nexus-portal-audit>`);
    await until(() => table(el).state === 'ready', 'the log');
    const first = rows(el).map((row) => row.dataset.key);
    expect(first.length).to.equal(2);
    const more = part(el, 'load-more-button')!;
    more.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => rows(el).length === 4, 'two more');
    const keys = rows(el).map((row) => Number(row.dataset.key));
    expect(keys.slice(0, 2).map(String)).to.deep.equal(first);
    expect([...keys].sort((a, b) => b - a), 'newest first').to.deep.equal(keys);
    expect(table(el).shadowRoot!.activeElement, 'the focus on the first record loaded').to.equal(rows(el)[2]);
    expect(text(part(el, 'notice'))).to.equal(defaultStrings.portalAuditLoadedMore.replace('{count}', '2'));
    await expect(el).to.be.accessible();

    // A supervisor reads the log; nothing of it can be changed here.
    expect(part(el, 'filters')).to.not.equal(null);
  });
});
