import { expect, fixture, html } from '@open-wc/testing';
import { cleanupAfterEach, until } from '../../test/browser/env.js';
import { fill, formError, newAccount, otherTenantId, part, PASSWORD, portal, server, tenantId, text } from '../../test/browser/portal-world.js';
import { AccountSession } from '../core/account-session.js';
import { defaultStrings } from '../i18n/strings-all.js';
import { ROUTES } from '../protocol/routes.js';
import { PORTAL_PAGES } from './pages.js';
import type { NexusPortal } from './portal.js';

// <nexus-portal> signing in against the real server (test/browser/portal-world.ts): good,
// wrong password, locked, tenant required, empty fields, a reload, signing out.

const cleanup = cleanupAfterEach();

describe('<nexus-portal> signing in', function () {
  this.timeout(30_000);

  it('asks for email and password (accessible); a wrong password is said and focuses the password; the right one signs in, and a reload finds the session', async () => {
    const email = await newAccount({ name: 'Pat Good' });
    const { el, events, errors } = await portal(cleanup);
    expect(el.state).to.equal('signed-out');
    expect(el.getAttribute('state')).to.equal('signed-out');
    const emailField = part<HTMLInputElement>(el, 'sign-email-input')!;
    expect(emailField.labels?.[0]?.textContent).to.equal(defaultStrings.portalEmailLabel);
    expect([emailField.type, emailField.autocomplete]).to.deep.equal(['email', 'username']);
    expect(part<HTMLInputElement>(el, 'sign-password-input')!.autocomplete).to.equal('current-password');
    expect(part(el, 'sign-tenant-input')).to.equal(null);
    await expect(el).to.be.accessible();

    await fill(el, { 'sign-email': email, 'sign-password': 'not the password' });
    const error = await formError(el);
    expect(text(error)).to.equal(defaultStrings.portalSignInFailed);
    expect(error.getAttribute('role')).to.equal('alert');
    expect(errors).to.deep.equal(['sign_in_failed']);
    expect(part<HTMLInputElement>(el, 'sign-email-input')!.value, 'the email is kept').to.equal(email);
    expect(part<HTMLInputElement>(el, 'sign-password-input')!.value, 'the password is not').to.equal('');
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'sign-password-input'));
    expect(part(el, 'sign-password-input')!.getAttribute('aria-describedby')).to.equal('sign-error');
    await expect(el).to.be.accessible();

    await fill(el, { 'sign-password': PASSWORD });
    await until(() => el.state === 'ready', 'the portal to sign in');
    expect(text(part(el, 'account'))).to.contain(`Pat Good (${email})`).and.contain(defaultStrings.portalRoleAdmin).and.contain(tenantId);
    expect(events).to.deep.equal(['sign-in admin']);
    expect(el.shadowRoot!.activeElement?.id, 'the page heading has the focus').to.equal('page-heading');
    const links = [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('[part~="nav-link"]')];
    // Every page an admin may open from the navigation (not those reached from another page), in
    // the guide's order; the account page is the current one.
    const pages = PORTAL_PAGES.filter((page) => page.roles.includes('admin') && !page.within);
    expect(links.map((a) => [text(a), a.getAttribute('href'), a.getAttribute('aria-current')])).to.deep.equal(
      pages.map((page) => [defaultStrings[page.label], `#/${page.route}`, page.route === 'account' ? 'page' : 'false']),
    );
    expect(links.map((a) => a.getAttribute('href'))).to.include.members(['#/account', '#/cobrowse', '#/audit']);
    expect(text(part(el, 'account-facts'))).to.contain(email);
    await expect(el).to.be.accessible();

    const reloaded = await fixture<NexusPortal>(html`<nexus-portal server=${server}></nexus-portal>`);
    await until(() => reloaded.state === 'ready', 'the reloaded portal to find the session');
    expect(reloaded.accountSession?.account.email).to.equal(email);
    reloaded.remove();

    await el.signOut();
    await el.updateComplete;
    expect(el.state).to.equal('signed-out');
    expect(text(part(el, 'notice'))).to.equal(defaultStrings.portalSignedOut);
    expect(events).to.deep.equal(['sign-in admin', 'sign-out signed-out']);
    expect((await fetch(`${server}${ROUTES.authSession}`)).status, 'the cookie signs in no more').to.equal(401);
    await expect(el).to.be.accessible();
  });

  it('after too many failures the email is locked, and the form says for how long', async () => {
    const email = await newAccount();
    for (let i = 0; i < 5; i++) {
      const failed = await AccountSession.signIn({ server, email, password: 'not the password' }).catch((error: { code: string }) => error.code);
      expect(failed).to.equal('sign_in_failed');
    }
    const { el, errors } = await portal(cleanup);
    await fill(el, { 'sign-email': email, 'sign-password': PASSWORD });
    const error = await formError(el);
    expect(text(error)).to.equal(defaultStrings.portalSignInLocked.replace('{minutes}', '15'));
    expect(errors).to.deep.equal(['sign_in_locked']);
    expect(el.state).to.equal('signed-out');
    await expect(el).to.be.accessible();
  });

  it('an email with accounts in two tenants is asked which one; the tenant field takes the focus and the sign-in goes on', async () => {
    const email = await newAccount({ name: 'Pat Here' });
    await newAccount({ tenant: otherTenantId, email, name: 'Pat There' });
    const { el } = await portal(cleanup);
    await fill(el, { 'sign-email': email, 'sign-password': PASSWORD });
    const error = await formError(el);
    expect(text(error)).to.equal(defaultStrings.portalTenantRequired);
    const tenantField = (await until(() => part<HTMLInputElement>(el, 'sign-tenant-input'), 'the tenant field'))!;
    expect(tenantField.labels?.[0]?.textContent).to.equal(defaultStrings.portalTenantLabel);
    expect(el.shadowRoot!.activeElement).to.equal(tenantField);
    expect(part<HTMLInputElement>(el, 'sign-password-input')!.value, 'the password is kept').to.equal(PASSWORD);
    await expect(el).to.be.accessible();

    await fill(el, { 'sign-tenant': otherTenantId });
    await until(() => el.state === 'ready', 'the portal to sign in');
    expect(el.accountSession?.account.tenantId).to.equal(otherTenantId);
    expect(text(part(el, 'account'))).to.contain('Pat There');
  });

  it('an empty field gets the focus instead of a request', async () => {
    const { el, errors } = await portal(cleanup);
    await fill(el, { 'sign-email': 'someone@portal.example' });
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'sign-password-input'));
    expect(part(el, 'form-error')).to.equal(null);
    expect(errors).to.deep.equal([]);
  });

  it('a server that cannot be reached: the session check fails with an error that retries (nexus-error too)', async () => {
    // A page that signed in there before asks for its session on load (a page that never did, does not).
    localStorage.setItem('nexus-account-signed-in:http://127.0.0.1:9', '1');
    localStorage.setItem(`nexus-account-signed-in:${server}`, '1');
    const errors: string[] = [];
    const el = await fixture<NexusPortal>(html`<nexus-portal
      server="http://127.0.0.1:9"
      @nexus-error=${(e: CustomEvent<{ code: string }>) => errors.push(e.detail.code)}
    ></nexus-portal>`);
    await until(() => el.state === 'failed', 'the failed state');
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    expect(text(part(el, 'error'))).to.contain(defaultStrings.portalErrorNetwork);
    expect(errors).to.deep.equal(['network_error']);
    await expect(el).to.be.accessible();
    el.server = server;
    part(el, 'retry-button')!.click();
    await until(() => el.state === 'signed-out', 'the sign-in form after retry');
    // The server said there is no session: the note is gone, so the next load asks nothing.
    expect(localStorage.getItem(`nexus-account-signed-in:${server}`)).to.equal(null);
    localStorage.removeItem('nexus-account-signed-in:http://127.0.0.1:9');
  });
});

