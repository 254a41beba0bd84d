import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { cobrowseChat } from '../../test/browser/cobrowse.js';
import { cleanupAfterEach, cli, env, freshKey, until } from '../../test/browser/env.js';
import { newAccount, part, PASSWORD, portal, server, signInWith, text } from '../../test/browser/portal-world.js';
import type { NexusCobrowsePlayer } from '../components/cobrowse-player/cobrowse-player.js';
import { AccountSession } from '../core/account-session.js';
import { defaultStrings } from '../i18n/strings-all.js';
import { ROUTES } from '../protocol/routes.js';
import type { CobrowseSettings } from '../protocol/schemas.js';
import './cobrowse-page.js';
import type { NexusPortalCobrowse } from './cobrowse-page.js';
import type { NexusDataTable } from './data-table.js';

// <nexus-portal-cobrowse> against the real server, in a tenant of its own ('portalCobrowse'):
// the settings as customers then read them, the selector checks, the reset, and a recording
// stored from a real co-browse (the core's client shares this page with agent alex) played back.

const tenant = env.live.portalCobrowse;
const cleanup = cleanupAfterEach();

/** The settings as the tenant's customers read them (their application token). */
async function customerSettings(): Promise<CobrowseSettings> {
  const res = await fetch(`${env.server}${ROUTES.cobrowseSettings}`, { headers: { authorization: `Bearer ${tenant.app}` } });
  return res.json();
}

/**
 * An account of the tenant with `role`, signed in; the session signs out after the test. The
 * session is the browser's cookie: signing in again replaces it (and that sign-out then fails).
 */
async function signedIn(role: 'admin' | 'supervisor') {
  const email = `${freshKey()}@portal.example`;
  await cli('account', 'add', tenant.tenantId, '--email', email, '--name', `Pat ${role}`, '--role', role, '--password', PASSWORD);
  const session = await AccountSession.signIn({ server, email, password: PASSWORD });
  cleanup.push(() => session.signOut().catch(() => undefined));
  return session;
}

async function page(session: AccountSession) {
  const el = await fixture<NexusPortalCobrowse>(html`<nexus-portal-cobrowse .session=${session}></nexus-portal-cobrowse>`);
  await until(() => part(el, 'settings'), 'the settings');
  return el;
}

const table = (el: HTMLElement) => el.shadowRoot!.querySelector<NexusDataTable>('nexus-data-table')!;
const inner = (el: HTMLElement, selector: string) => el.shadowRoot!.querySelector('nexus-confirm-dialog')!.shadowRoot!.querySelector<HTMLElement>(selector);

describe('<nexus-portal-cobrowse>', function () {
  this.timeout(60_000);

  it('checks each selector as CSS (naming the line), saves and says what changed, customers read it; reset asks first', async () => {
    const el = await page(await signedIn('admin'));
    await until(() => table(el).state === 'empty', 'the empty recordings');
    expect(text(part(table(el), 'empty'))).to.equal(defaultStrings.portalCobrowseNoRecordingsOff);
    await expect(el).to.be.accessible();

    const block = part<HTMLTextAreaElement>(el, 'block-input')!;
    block.value = '.card-number\n\ndiv[\n#ssn';
    part(el, 'save-button')!.click();
    const refused = (await until(() => part(el, 'field-error'), 'the refusal'))!;
    expect(text(refused)).to.equal(
      defaultStrings.portalCobrowseSelectorInvalid.replace('{line}', '3').replace('{field}', defaultStrings.portalCobrowseBlockLabel).replace('{selector}', 'div['),
    );
    expect(el.shadowRoot!.activeElement, 'the field with the wrong line has the focus').to.equal(block);
    expect(block.value.slice(block.selectionStart, block.selectionEnd), 'the wrong line is selected').to.equal('div[');
    expect(block.getAttribute('aria-invalid')).to.equal('true');
    expect((await customerSettings()).blockSelectors, 'nothing was sent').to.deep.equal([]);
    await expect(el).to.be.accessible();

    block.value = '.card-number\n#ssn';
    part<HTMLTextAreaElement>(el, 'mask-input')!.value = '.masked';
    part<HTMLInputElement>(el, 'url-input')!.value = 'https://downloads.example.com/remote.exe';
    part<HTMLInputElement>(el, 'recording-input')!.click();
    part(el, 'save-button')!.click();
    const saved = (await until(() => (text(part(el, 'notice')) ? part(el, 'notice') : null), 'the notice'))!;
    const changes = [defaultStrings.portalCobrowseBlockLabel, defaultStrings.portalCobrowseMaskLabel, defaultStrings.portalCobrowseUrlLabel, defaultStrings.portalCobrowseRecordingOn];
    expect(text(saved)).to.equal(defaultStrings.portalCobrowseSaved.replace('{changes}', changes.join(', ')));
    expect(part(el, 'field-error')).to.equal(null);
    const read = await customerSettings();
    expect([read.blockSelectors, read.maskTextSelectors, read.remoteClientUrl, read.recording]).to.deep.equal([
      ['.card-number', '#ssn'],
      ['.masked'],
      'https://downloads.example.com/remote.exe',
      true,
    ]);
    await expect(el).to.be.accessible();

    // Saving again as it is changes nothing, and says so.
    part(el, 'save-button')!.click();
    await until(() => text(part(el, 'notice')) === defaultStrings.portalCobrowseUnchanged, 'nothing changed');

    // Reset: Cancel keeps everything; confirming resets, and the focus goes back to the button.
    const reset = part(el, 'reset-button')!;
    reset.click();
    await until(() => inner(el, 'dialog')?.hasAttribute('open'), 'the confirm dialog');
    expect(text(inner(el, '[part~="target"]'))).to.equal(defaultStrings.portalCobrowseResetTarget.replace('{tenant}', tenant.tenantId));
    await expect(el).to.be.accessible();
    inner(el, '[part~="cancel-button"]')!.click();
    await until(() => !inner(el, 'dialog')?.hasAttribute('open'), 'the dialog closed');
    expect((await customerSettings()).recording, 'cancel keeps the settings').to.equal(true);
    reset.click();
    await until(() => inner(el, 'dialog')?.hasAttribute('open'), 'the confirm dialog again');
    inner(el, '[part~="confirm-button"]')!.click();
    await until(() => text(part(el, 'notice')) === defaultStrings.portalCobrowseResetDone, 'the reset said');
    const after = await customerSettings();
    expect([after.blockSelectors, after.maskTextSelectors, after.remoteClientUrl, after.recording]).to.deep.equal([[], [], null, false]);
    expect(part<HTMLTextAreaElement>(el, 'block-input')!.value).to.equal('');
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'reset-button'));
  });

  it('a recorded co-browse appears in the list and plays in the page; a supervisor reads the settings only', async () => {
    const admin = await signedIn('admin');
    await admin.admin.cobrowse.update({ recording: true });

    // A real co-browse: the customer (the core's client) shares this page with alex, who ends it.
    const shared = document.createElement('section');
    shared.innerHTML = '<h2>Checkout</h2><p id="recorded">Recorded page 4242</p>';
    document.body.append(shared);
    cleanup.push(() => shared.remove());
    const chat = await cobrowseChat(tenant, cleanup);
    chat.alex.requestCobrowse(chat.session.id);
    await until(() => chat.requests.length === 1, 'the request');
    expect(chat.requests[0].recording).to.equal(true);
    await chat.client.cobrowse.accept();
    await until(() => JSON.stringify(chat.batches).includes('Recorded page 4242'), 'the snapshot at the agent');
    chat.alex.endCobrowse(chat.session.id);
    const [stored] = (await until(async () => {
      const list = await admin.admin.cobrowse.recordings({ sessionId: chat.session.id });
      return list.length && list[0].endedAt !== null ? list : undefined;
    }, 'the stored recording', 15_000))!;
    await admin.admin.cobrowse.reset();

    const supervisor = await signedIn('supervisor');
    const el = await page(supervisor);
    expect(part(el, 'save-button'), 'no saving for a supervisor').to.equal(null);
    expect(part(el, 'reset-button')).to.equal(null);
    expect(part<HTMLTextAreaElement>(el, 'block-input')!.readOnly).to.equal(true);
    expect(part<HTMLInputElement>(el, 'recording-input')!.disabled).to.equal(true);
    expect(text(part(el, 'read-only'))).to.equal(defaultStrings.portalCobrowseReadOnly);
    await until(() => table(el).state === 'ready', 'the recordings');
    const row = (await until(() => table(el).shadowRoot!.querySelector<HTMLElement>(`tr[data-key="${stored.id}"]`), 'the row'))!;
    expect(text(row)).to.contain(chat.session.id);
    expect(text(row)).to.contain('Alex');
    await expect(el).to.be.accessible();

    // From the keyboard: Enter on the row opens it; the playback's heading takes the focus.
    row.focus();
    await sendKeys({ press: 'Enter' });
    const player = (await until(() => el.shadowRoot!.querySelector<NexusCobrowsePlayer>('nexus-cobrowse-player'), 'the player'))!;
    await until(() => player.state === 'ready' && player.frame?.contentDocument?.body?.textContent?.includes('Recorded page 4242'), 'the first frame', 10_000);
    expect([...player.frame!.sandbox]).to.deep.equal(['allow-same-origin']);
    expect(el.shadowRoot!.activeElement?.id).to.equal('playback-heading');
    await expect(el).to.be.accessible();

    part(el, 'close-button')!.click();
    await until(() => !el.shadowRoot!.querySelector('nexus-cobrowse-player'), 'the player closed');
    expect(table(el).shadowRoot!.activeElement?.getAttribute('data-id'), 'the focus back on its Play button').to.equal(stored.id);

    // The server refuses a supervisor's change all the same.
    const refused = await supervisor.admin.cobrowse.update({ recording: false }).catch((error: { code: string }) => error.code);
    expect(refused).to.equal('forbidden');
  });

  it('a session that ended: the load fails with a retry, and the page says the session ended', async () => {
    const session = await signedIn('admin');
    await session.signOut();
    const ended: string[] = [];
    const el = await fixture<NexusPortalCobrowse>(
      html`<nexus-portal-cobrowse .session=${session} @nexus-portal-session-ended=${() => ended.push('ended')}></nexus-portal-cobrowse>`,
    );
    await until(() => part(el, 'error'), 'the error state');
    expect(part(el, 'retry-button')).to.not.equal(null);
    expect(ended).to.deep.equal(['ended']);
    await expect(el).to.be.accessible();
  });

  it('is the Settings > Co-browse page of the portal, for admins and supervisors', async () => {
    const email = await newAccount({ tenant: tenant.tenantId });
    const { el } = await portal(cleanup);
    await signInWith(el, email);
    const link = (await until(() => el.shadowRoot!.querySelector<HTMLAnchorElement>('a[href="#/cobrowse"]'), 'the navigation link'))!;
    expect(text(link)).to.equal(defaultStrings.portalPageCobrowse);
    link.click();
    const shown = (await until(() => el.shadowRoot!.querySelector<NexusPortalCobrowse>('nexus-portal-cobrowse'), 'the page'))!;
    await until(() => part(shown, 'settings'), 'its settings');
    expect(text(shown.shadowRoot!.querySelector('#page-heading'))).to.equal(defaultStrings.portalPageCobrowse);
    history.replaceState(null, '', location.pathname + location.search);
  });
});
