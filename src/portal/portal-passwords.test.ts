import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { cleanupAfterEach, cli, until } from '../../test/browser/env.js';
import { fill, formError, newAccount, part, PASSWORD, portal, server, signInWith, tenantId, text } from '../../test/browser/portal-world.js';
import { AccountSession } from '../core/account-session.js';
import { defaultStrings } from '../i18n/strings-all.js';
import { ROUTES } from '../protocol/routes.js';
import type { NexusPortal } from './portal.js';

// <nexus-portal>'s passwords and sessions against the real server (test/browser/portal-world.ts):
// the reset request and its link, the password change, signing out everywhere.

const cleanup = cleanupAfterEach();

describe('<nexus-portal> passwords', function () {
  this.timeout(30_000);

  afterEach(() => history.replaceState(null, '', location.pathname + location.search));

  it('"Forgot password?" mails a reset link; the link chooses a new password, once', async () => {
    const email = await newAccount();
    const { el } = await portal(cleanup);
    part(el, 'forgot-button')!.click();
    await el.updateComplete;
    await until(() => el.shadowRoot!.activeElement === part(el, 'forgot-email-input'), 'the email field focused');
    await expect(el).to.be.accessible();
    await fill(el, { 'forgot-email': email });
    const sent = (await until(() => part(el, 'notice'), 'the mail sent'))!;
    expect(text(sent)).to.equal(defaultStrings.portalResetSent.replace('{email}', email));
    await expect(el).to.be.accessible();

    // The mail, as the server queued it (the development mail sink), holds the portal link.
    const line = (await until(async () => (await cli('mail', 'list', '--tenant', tenantId)).split('\n').find((l) => l.split('\t')[2] === email), 'the reset mail'))!;
    const body = await cli('mail', 'show', line.split('\t')[0]);
    const token = /\/portal\/#reset=([\w-]+)/.exec(body)?.[1];
    expect(token, body).to.be.a('string');
    el.remove();

    // Opening the link: the portal shows "choose a new password" and takes the token out of the address.
    location.hash = `#reset=${token}`;
    const linked = await fixture<NexusPortal>(html`<nexus-portal server=${server}></nexus-portal>`);
    cleanup.push(() => linked.signOut());
    await until(() => part(linked, 'new-password'), 'the new password form');
    expect(location.hash, 'the token left the address').to.equal('');
    expect(linked.state).to.equal('signed-out');
    await expect(linked).to.be.accessible();
    await fill(linked, { 'reset-password': 'short' });
    expect(text(await formError(linked))).to.match(/^This password cannot be used: .*at least 10/);
    await fill(linked, { 'reset-password': 'a brand new password' });
    const saved = (await until(() => part(linked, 'sign-in') && part(linked, 'notice'), 'the new password saved'))!;
    expect(text(saved)).to.equal(defaultStrings.portalNewPasswordSaved);
    await expect(linked).to.be.accessible();
    await AccountSession.signIn({ server, email, password: 'a brand new password' }).then((s) => s.signOut());

    // The link works once.
    location.hash = `#reset=${token}`;
    const again = await fixture<NexusPortal>(html`<nexus-portal server=${server}></nexus-portal>`);
    await until(() => part(again, 'new-password'), 'the new password form');
    await fill(again, { 'reset-password': 'another new password' });
    expect(text(await formError(again))).to.equal(defaultStrings.portalResetLinkInvalid);
    await expect(again).to.be.accessible();
  });

  it('Change password in the header opens the Account page at the form; a wrong current password is said; the right one changes it', async () => {
    const email = await newAccount();
    const { el } = await portal(cleanup);
    await signInWith(el, email);
    part(el, 'change-password-link')!.click();
    await until(() => el.shadowRoot!.activeElement === part(el, 'change-current-input'), 'the current password focused');

    await fill(el, { 'change-current': 'not the password', 'change-next': 'a better password' });
    expect(text(await formError(el))).to.equal(defaultStrings.portalPasswordWrong);
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'change-current-input'));
    expect(el.state, 'still signed in').to.equal('ready');
    await expect(el).to.be.accessible();

    await fill(el, { 'change-current': PASSWORD, 'change-next': 'a better password' });
    const done = (await until(() => part(el, 'notice'), 'the change said'))!;
    expect(text(done)).to.equal(defaultStrings.portalPasswordChanged);
    expect(part<HTMLInputElement>(el, 'change-next-input')!.value, 'the form is cleared').to.equal('');
    expect(part(el, 'form-error')).to.equal(null);
    await expect(el).to.be.accessible();
    expect((await fetch(`${server}${ROUTES.authSession}`)).status, 'this session stays').to.equal(200);
    const withNew = await AccountSession.signIn({ server, email, password: 'a better password' });
    expect(withNew.account.email).to.equal(email);
    await withNew.signOut();
  });
});

describe('<nexus-portal> signing out everywhere', function () {
  this.timeout(30_000);

  it('asks first, naming the account (Escape keeps everything); confirmed, every session ends and the portal says so', async () => {
    const email = await newAccount();
    const { el, events } = await portal(cleanup);
    await signInWith(el, email);
    const dialog = el.shadowRoot!.querySelector('nexus-confirm-dialog')!;

    const button = part(el, 'sign-out-everywhere-button')!;
    button.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => dialog.open, 'the confirm dialog');
    expect(text(part(dialog, 'heading'))).to.equal(defaultStrings.portalSignOutEverywhereConfirm);
    expect(text(part(dialog, 'target'))).to.equal(email);
    expect(dialog.shadowRoot!.activeElement, 'Cancel has the focus').to.equal(part(dialog, 'cancel-button'));
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog.open, 'the dialog closed');
    expect(el.state).to.equal('ready');
    expect((await fetch(`${server}${ROUTES.authSession}`)).status, 'still signed in').to.equal(200);
    expect(el.shadowRoot!.activeElement, 'the focus is back on the button').to.equal(button);

    button.click();
    await until(() => dialog.open, 'the confirm dialog');
    part(dialog, 'confirm-button')!.click();
    await until(() => el.state === 'signed-out', 'the portal to sign out');
    expect(text(part(el, 'notice'))).to.equal(defaultStrings.portalSignedOutEverywhere);
    expect(events).to.deep.equal(['sign-in admin', 'sign-out everywhere']);
    expect((await fetch(`${server}${ROUTES.authSession}`)).status).to.equal(401);
    await expect(el).to.be.accessible();
  });

  it('a session ended elsewhere is noticed when the page comes back into view: signed out, saying why', async () => {
    const email = await newAccount();
    const { el, events } = await portal(cleanup);
    await signInWith(el, email);
    expect(await el.checkSession(), 'the session holds').to.equal(true);
    // The same person signs out everywhere on another device (here the same cookie jar: what matters is the server's).
    const elsewhere = await AccountSession.signIn({ server, email, password: PASSWORD });
    await elsewhere.signOutEverywhere();
    document.dispatchEvent(new Event('visibilitychange'));
    await until(() => el.state === 'signed-out', 'the portal to notice');
    expect(text(part(el, 'notice'))).to.equal(defaultStrings.portalSessionEnded);
    expect(events).to.deep.equal(['sign-in admin', 'sign-out ended']);
    await expect(el).to.be.accessible();
  });
});
