import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { cleanupAfterEach, cli, until } from '../../test/browser/env.js';
import { navLinks, newAccount, newTenant, part, portalAs, server, signedIn, text } from '../../test/browser/portal-world.js';
import type { AccountSession } from '../core/account-session.js';
import { defaultStrings } from '../i18n/strings-all.js';
import { ROUTES } from '../protocol/routes.js';
import './config-page.js';
import type { NexusPortalConfig } from './config-page.js';

// <nexus-portal-config> against the real server: each test has a tenant of its own (the switches
// change what every agent of the tenant may do), with an agent whose token reads what agents see.

const cleanup = cleanupAfterEach();

const allow = (el: NexusPortalConfig) => part<HTMLInputElement>(el, 'allow-transfer-switch')!;
const skill = (el: NexusPortalConfig) => part<HTMLInputElement>(el, 'skill-transfer-switch')!;

/** What `GET /v1/agent/config` answers an agent of the tenant. */
async function agentSees(agentJwt: string) {
  const response = await fetch(`${server}${ROUTES.agentConfig}`, { headers: { authorization: `Bearer ${agentJwt}` }, credentials: 'omit' });
  expect(response.status).to.equal(200);
  return response.json();
}

async function page(session: AccountSession) {
  const el = await fixture<NexusPortalConfig>(html`<nexus-portal-config .session=${session}></nexus-portal-config>`);
  await until(() => part(el, 'allow-transfer-switch'), 'the switches', 15_000);
  return el;
}

/** The notice once it says `said`. */
const notice = (el: NexusPortalConfig, said: string) => until(() => text(part(el, 'notice')) === said, `"${said}"`, 15_000);

describe('<nexus-portal-config>', function () {
  this.timeout(60_000);

  it('an admin turns the switches: agents see the change at once, the page says what changed, and the skill switch waits for transfer', async () => {
    const tenant = await newTenant();
    const agentId = await cli('agent', 'create', tenant, '--name', 'Robin');
    const agentJwt = await cli('agent', 'token', agentId, '--tenant', tenant, '--ttl', '1h');
    const session = await signedIn(cleanup, await newAccount({ tenant }));
    const el = await page(session);
    expect([allow(el).checked, skill(el).checked], 'the defaults: both on').to.deep.equal([true, true]);
    expect(allow(el).getAttribute('role')).to.equal('switch');
    expect(text(part(el, 'updated'))).to.equal(defaultStrings.portalConfigDefaults);
    expect(text(el.shadowRoot!.querySelector('#allow-transfer-hint'))).to.equal(defaultStrings.portalConfigAllowTransferHint);
    await expect(el).to.be.accessible();

    // By keyboard: Space turns the focused switch.
    allow(el).focus();
    await sendKeys({ press: 'Space' });
    await notice(el, defaultStrings.portalConfigTransferOff);
    expect(await agentSees(agentJwt)).to.deep.equal({ allowSessionTransfer: false, agentToSkillTransfer: true });
    expect(allow(el).checked).to.equal(false);
    expect(skill(el).disabled, 'the skill switch waits for transfer').to.equal(true);
    expect(text(part(el, 'skill-transfer-note'))).to.equal(defaultStrings.portalConfigSkillNeedsTransfer);
    expect(text(part(el, 'updated'))).to.match(/^Last changed /);
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Space' });
    await notice(el, defaultStrings.portalConfigTransferOn);
    expect(await agentSees(agentJwt)).to.deep.equal({ allowSessionTransfer: true, agentToSkillTransfer: true });
    expect(el.shadowRoot!.activeElement, 'the focus stays on the switch').to.equal(allow(el));

    skill(el).click();
    await notice(el, defaultStrings.portalConfigSkillOff);
    expect(await agentSees(agentJwt)).to.deep.equal({ allowSessionTransfer: true, agentToSkillTransfer: false });
    expect([allow(el).checked, skill(el).checked]).to.deep.equal([true, false]);
    const records = (await session.admin.audit.list({ action: 'config.update' })).items;
    expect(records.map((r) => [r.before, r.after])[0], 'the newest change, audited').to.deep.equal([
      { allowSessionTransfer: true, agentToSkillTransfer: true },
      { allowSessionTransfer: true, agentToSkillTransfer: false },
    ]);
    expect(records).to.have.length(3);
    expect(await cli('config', 'show', tenant)).to.contain('agent-to-skill-transfer\toff');
  });

  it('a supervisor sees the switches read-only, and the server refuses a change', async () => {
    const tenant = await newTenant();
    await cli('config', 'set', tenant, '--allow-session-transfer', 'off');
    const session = await signedIn(cleanup, await newAccount({ tenant, role: 'supervisor' }));
    const el = await page(session);
    expect([allow(el).checked, allow(el).disabled, skill(el).disabled]).to.deep.equal([false, true, true]);
    expect(text(part(el, 'read-only'))).to.equal(defaultStrings.portalConfigReadOnly);
    expect(text(part(el, 'updated'))).to.match(/^Last changed /);
    await expect(el).to.be.accessible();
    const refused = await session.admin.config.update({ allowSessionTransfer: true }).catch((error: { code: string }) => error.code);
    expect(refused).to.equal('forbidden');
    expect(await cli('config', 'show', tenant)).to.contain('allow-session-transfer\toff');
  });

  it('a change the server cannot take leaves the switch as the server has it, and says why; the load error has retry', async () => {
    const tenant = await newTenant();
    let unreachable = false;
    const gated: typeof fetch = (input, init) => fetch(unreachable ? 'http://127.0.0.1:9/' : input, init);
    const session = await signedIn(cleanup, await newAccount({ tenant }), { fetch: gated });
    const el = await page(session);

    unreachable = true;
    allow(el).click();
    await until(() => part(el, 'action-error'), 'the failure', 15_000);
    expect(text(part(el, 'action-error'))).to.equal(defaultStrings.portalErrorNetwork);
    expect(allow(el).checked, 'back as the server has it').to.equal(true);
    await expect(el).to.be.accessible();

    const failing = await fixture<NexusPortalConfig>(html`<nexus-portal-config .session=${session}></nexus-portal-config>`);
    await until(() => failing.shadowRoot!.querySelector('[part~="error"]'), 'the error state', 15_000);
    await expect(failing).to.be.accessible();
    unreachable = false;
    failing.shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
    await until(() => part(failing, 'allow-transfer-switch'), 'loaded on retry', 15_000);
  });

  it('in the portal: under Settings for an admin', async () => {
    const el = await portalAs(cleanup, { tenant: await newTenant() });
    const link = navLinks(el).find((a) => text(a) === 'Configurations')!;
    expect(link.getAttribute('href')).to.equal('#/configurations');
    expect(text(link.closest('ul')!.previousElementSibling)).to.equal('Settings');
    link.click();
    const configPage = (await until(() => el.shadowRoot!.querySelector('nexus-portal-config'), 'the page'))!;
    await until(() => configPage.shadowRoot?.querySelector('[part~="allow-transfer-switch"]'), 'its switches', 15_000);
    await expect(el).to.be.accessible();
    history.replaceState(null, '', location.pathname + location.search);
  });
});
