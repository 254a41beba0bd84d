import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { cleanupAfterEach, until } from '../../test/browser/env.js';
import { navLinks, newAccount, newTenant, part, portalAs, server, signedIn, text } from '../../test/browser/portal-world.js';
import type { AccountSession } from '../core/account-session.js';
import { defaultStrings } from '../i18n/strings-all.js';
import { ROUTES } from '../protocol/routes.js';
import type { NexusDataTable } from './data-table.js';
import './tokens-page.js';
import type { NexusPortalTokens } from './tokens-page.js';

// <nexus-portal-tokens> against the real server (test/browser/portal-world.ts): each test signs in
// an account of a tenant of its own, so the list holds only what the test added.

const cleanup = cleanupAfterEach();

const tableOf = (el: NexusPortalTokens) => el.shadowRoot!.querySelector<NexusDataTable>('nexus-data-table')!;
/** The rows as their cells' text. */
const rows = (el: NexusPortalTokens) =>
  [...tableOf(el).shadowRoot!.querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('td')].map((cell) => text(cell)));
const rowButton = (el: NexusPortalTokens, name: string) => tableOf(el).shadowRoot!.querySelector<HTMLButtonElement>(`[part~="${name}"]`);
const active = (el: NexusPortalTokens) => el.shadowRoot!.activeElement;

/** What the application routes answer to a JWT (the cookie left out: the token alone). */
const withToken = (jwt: string) => fetch(`${server}${ROUTES.categories}`, { headers: { authorization: `Bearer ${jwt}` }, credentials: 'omit' });

async function page(session: AccountSession) {
  const el = await fixture<NexusPortalTokens>(html`<nexus-portal-tokens .session=${session}></nexus-portal-tokens>`);
  await until(() => tableOf(el).state !== 'loading', 'the tokens to load', 15_000);
  return el;
}

describe('<nexus-portal-tokens>', function () {
  this.timeout(60_000);

  it('an admin adds a token by keyboard: the row appears, the JWT is shown at once and focused, and it works; View JWT shows the same text', async () => {
    const tenant = await newTenant();
    const session = await signedIn(cleanup, await newAccount({ tenant }));
    const el = await page(session);
    expect(tableOf(el).state, 'a new tenant has none').to.equal('empty');
    expect(text(part(tableOf(el), 'empty'))).to.equal(defaultStrings.portalTokensEmpty);
    await expect(el).to.be.accessible();

    part(el, 'add-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => active(el) === part(el, 'name-input'), 'the name field focused');
    expect(part<HTMLInputElement>(el, 'version-input')!.value, 'the default version').to.equal('1.0');
    expect(part<HTMLInputElement>(el, 'audience-input')!.checked).to.equal(true);
    expect(text(el.shadowRoot!.querySelector('#token-id-hint'))).to.equal(defaultStrings.portalTokensIdHint);
    await expect(el).to.be.accessible();
    await sendKeys({ type: 'Shop app' });
    await sendKeys({ press: 'Enter' });

    const field = (await until(() => part<HTMLTextAreaElement>(el, 'jwt-field'), 'the JWT shown', 15_000))!;
    await until(() => active(el) === field, 'the JWT field focused');
    expect(field.readOnly).to.equal(true);
    expect(text(part(el, 'notice'))).to.equal(defaultStrings.portalTokensAdded.replace('{name}', 'Shop app'));
    expect(text(part(el, 'jwt-warning'))).to.equal(defaultStrings.portalTokensJwtWarning);
    const jwt = field.value;
    expect(jwt.split('.')).to.have.length(3);
    expect(rows(el)).to.have.length(1);
    const [name, version, id, audience, , expires, status] = rows(el)[0];
    expect([name, version, audience, expires, status]).to.deep.equal(['Shop app', '1.0', 'Client Apps and REST APIs', 'Never', 'Active']);
    expect(id).to.match(/^tok_/);
    expect(part(el, 'add-form'), 'the form closed').to.equal(null);
    await expect(el).to.be.accessible();
    expect((await withToken(jwt)).status, 'the JWT works').to.equal(200);

    // View JWT again: the same text, focused; the server recorded the view.
    part<HTMLButtonElement>(el, 'hide-jwt-button')!.click();
    await until(() => !part(el, 'jwt'), 'the JWT hidden');
    rowButton(el, 'view-jwt-button')!.click();
    const again = (await until(() => part<HTMLTextAreaElement>(el, 'jwt-field'), 'the JWT shown again'))!;
    expect(again.value).to.equal(jwt);
    await until(() => active(el) === again, 'the JWT field focused');
    expect(text(part(el, 'notice'))).to.equal(defaultStrings.portalTokensJwtShown.replace('{name}', 'Shop app'));
    const views = await session.admin.audit.list({ action: 'token.view' });
    expect(views.items.map((record) => record.target)).to.deep.equal([id]);
  });

  it('the audience is chosen with the arrow keys, each choice explained; a REST APIs token is listed as such and refused in this page, a Client Apps token works here', async () => {
    const tenant = await newTenant();
    const session = await signedIn(cleanup, await newAccount({ tenant }));
    const el = await page(session);
    part<HTMLButtonElement>(el, 'add-button')!.click();
    await until(() => part(el, 'add-form'), 'the form open');
    const radios = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[part="audience-input"]')];
    expect(radios.map((radio) => [radio.value, radio.checked])).to.deep.equal([
      ['client-apps-and-rest-apis', true],
      ['client-apps', false],
      ['rest-apis', false],
    ]);
    const hintOf = (radio: HTMLInputElement) => text(el.shadowRoot!.getElementById(radio.getAttribute('aria-describedby')!));
    expect(radios.map(hintOf)).to.deep.equal([
      defaultStrings.portalTokensAudienceBothHint,
      defaultStrings.portalTokensAudienceClientAppsHint,
      defaultStrings.portalTokensAudienceRestApisHint,
    ]);

    /** Adds a token named `name`, moving `steps` down the audience radios by keyboard; answers its JWT. */
    const add = async (name: string, steps: number) => {
      if (!part(el, 'add-form')) part<HTMLButtonElement>(el, 'add-button')!.click();
      (await until(() => part<HTMLInputElement>(el, 'name-input'), 'the form open'))!.focus();
      await sendKeys({ type: name });
      el.shadowRoot!.querySelector<HTMLInputElement>('[part="audience-input"]:checked')!.focus();
      for (let i = 0; i < steps; i++) await sendKeys({ press: 'ArrowDown' });
      part<HTMLButtonElement>(el, 'save-button')!.click();
      const field = (await until(() => part<HTMLTextAreaElement>(el, 'jwt-field'), `${name} shown`, 15_000))!;
      const jwt = field.value;
      part<HTMLButtonElement>(el, 'hide-jwt-button')!.click();
      await until(() => !part(el, 'jwt'), 'the JWT hidden');
      return jwt;
    };
    const rest = await add('CRM', 2);
    const apps = await add('Web shop', 1);
    const audiences = Object.fromEntries(rows(el).map(([name, , , audience]) => [name, audience]));
    expect(audiences).to.deep.equal({ CRM: defaultStrings.portalTokensAudienceRestApis, 'Web shop': defaultStrings.portalTokensAudienceClientApps });
    const refused = await withToken(rest);
    expect([refused.status, (await refused.json()).error.code], 'a page cannot use a REST APIs token').to.deep.equal([403, 'token_audience']);
    expect((await withToken(apps)).status, 'a Client Apps token works in a page').to.equal(200);
    await expect(el).to.be.accessible();
  });

  it('Copy puts the JWT on the clipboard and says so; when the browser refuses, the JWT is selected and the page says how to copy it', async () => {
    const tenant = await newTenant();
    const session = await signedIn(cleanup, await newAccount({ tenant }));
    await session.admin.tokens.create({ name: 'Kiosk' });
    const el = await page(session);
    rowButton(el, 'view-jwt-button')!.click();
    const field = (await until(() => part<HTMLTextAreaElement>(el, 'jwt-field'), 'the JWT shown'))!;

    const written: string[] = [];
    const clipboard = navigator.clipboard;
    const original = clipboard.writeText;
    try {
      clipboard.writeText = async (value: string) => void written.push(value);
      part<HTMLButtonElement>(el, 'copy-button')!.click();
      await until(() => text(part(el, 'notice')) === defaultStrings.portalTokensCopied.replace('{name}', 'Kiosk'), 'Copied said');
      expect(written).to.deep.equal([field.value]);

      clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
      part<HTMLButtonElement>(el, 'copy-button')!.click();
      await until(() => text(part(el, 'notice')) === defaultStrings.portalTokensCopyRefused, 'the refusal said');
      expect(active(el)).to.equal(field);
      expect(field.value.slice(field.selectionStart, field.selectionEnd), 'the whole JWT selected').to.equal(field.value);
      await expect(el).to.be.accessible();
    } finally {
      clipboard.writeText = original;
    }
  });

  it('Revoke asks first, naming the token and what happens; Cancel leaves it; confirmed, the row says revoked and the JWT is refused', async () => {
    const tenant = await newTenant();
    const session = await signedIn(cleanup, await newAccount({ tenant }));
    const { token, jwt } = await session.admin.tokens.create({ name: 'Old shop', version: '0.9' });
    const el = await page(session);
    const dialog = el.shadowRoot!.querySelector('nexus-confirm-dialog')!;

    const revoke = rowButton(el, 'revoke-button')!;
    expect(revoke.getAttribute('aria-label')).to.equal('Revoke Old shop');
    revoke.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => dialog.open, 'the confirm dialog');
    expect(text(part(dialog, 'heading'))).to.equal(defaultStrings.portalTokensRevokeConfirm);
    expect(text(part(dialog, 'target'))).to.equal(`Old shop (${token.id})`);
    expect(text(part(dialog, 'message'))).to.equal(defaultStrings.portalTokensRevokeWhat);
    await expect(el).to.be.accessible();
    part(dialog, 'cancel-button')!.click();
    await until(() => !dialog.open, 'the dialog closed');
    expect(rows(el)[0][6]).to.equal('Active');
    expect((await withToken(jwt)).status, 'still works').to.equal(200);

    rowButton(el, 'revoke-button')!.click();
    await until(() => dialog.open, 'the confirm dialog');
    part(dialog, 'confirm-button')!.click();
    await until(() => rows(el)[0]?.[6] === 'Revoked', 'the row revoked', 15_000);
    expect(text(part(el, 'notice'))).to.equal(defaultStrings.portalTokensRevoked.replace('{name}', 'Old shop'));
    expect(rowButton(el, 'revoke-button'), 'nothing more to do with it').to.equal(null);
    expect(tableOf(el).shadowRoot!.activeElement, 'the focus on its row').to.equal(tableOf(el).shadowRoot!.querySelector(`tr[data-key="${token.id}"]`));
    expect((await withToken(jwt)).status, 'the JWT is refused').to.equal(401);
    await expect(el).to.be.accessible();
  });

  it('refusals: no name, a version the server refuses, an expiry in the past; each says why and focuses its field', async () => {
    const tenant = await newTenant();
    const session = await signedIn(cleanup, await newAccount({ tenant }));
    const el = await page(session);
    part(el, 'add-button')!.click();
    await until(() => part(el, 'add-form'), 'the form');
    const submit = () => part<HTMLButtonElement>(el, 'save-button')!.click();
    const refusal = async (previous = '') => text(await until(() => (text(part(el, 'form-error')) !== previous ? part(el, 'form-error') : null), 'the refusal', 15_000));

    submit();
    expect(await refusal()).to.equal(defaultStrings.portalTokensNameRequired);
    expect(active(el)).to.equal(part(el, 'name-input'));
    expect(part(el, 'name-input')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();

    part<HTMLInputElement>(el, 'name-input')!.value = 'Spaced';
    part<HTMLInputElement>(el, 'version-input')!.value = '1 0';
    submit();
    const server = await refusal(defaultStrings.portalTokensNameRequired);
    expect(server).to.match(/^This token cannot be saved: .*pattern/);
    expect(active(el)).to.equal(part(el, 'version-input'));
    expect(part(el, 'action-error'), 'said once, at the form').to.equal(null);

    part<HTMLInputElement>(el, 'version-input')!.value = '1.0';
    part<HTMLInputElement>(el, 'expires-input')!.value = '2020-01-01';
    submit();
    expect(await refusal(server)).to.equal(defaultStrings.portalTokensExpiryPast);
    expect(active(el)).to.equal(part(el, 'expires-input'));
    expect(await session.admin.tokens.list(), 'nothing was added').to.deep.equal([]);
    await expect(el).to.be.accessible();

    // A future date is taken: the row shows it.
    part<HTMLInputElement>(el, 'expires-input')!.value = '2099-06-30';
    submit();
    await until(() => rows(el).length === 1, 'the row', 15_000);
    expect(rows(el)[0][5]).to.equal(new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(new Date('2099-06-30T12:00')));
  });

  it('a supervisor sees the list only: no Add New, no View JWT, no Revoke (and the server refuses them)', async () => {
    const tenant = await newTenant();
    const admin = await signedIn(cleanup, await newAccount({ tenant }));
    const { token } = await admin.admin.tokens.create({ name: 'Shared app' });
    await admin.signOut();
    const session = await signedIn(cleanup, await newAccount({ tenant, role: 'supervisor' }));
    const el = await page(session);
    expect(rows(el).map((row) => row[0])).to.deep.equal(['Shared app']);
    expect(rows(el)[0], 'no actions column').to.have.length(7);
    expect(part(el, 'add-button')).to.equal(null);
    expect(rowButton(el, 'view-jwt-button')).to.equal(null);
    expect(rowButton(el, 'revoke-button')).to.equal(null);
    expect(text(part(el, 'read-only'))).to.equal(defaultStrings.portalTokensReadOnly);
    await expect(el).to.be.accessible();
    const refused = await session.admin.tokens.revoke(token.id).catch((error: { code: string }) => error.code);
    expect(refused).to.equal('forbidden');
  });

  it('loading, then the list; a server it cannot reach shows the error with retry, which loads again', async () => {
    const tenant = await newTenant();
    const gate: { hold?: Promise<void> } = {};
    let unreachable = false;
    const gated: typeof fetch = async (input, init) => {
      await gate.hold;
      return fetch(unreachable ? 'http://127.0.0.1:9/' : input, init);
    };
    const session = await signedIn(cleanup, await newAccount({ tenant }), { fetch: gated });
    let release!: () => void;
    gate.hold = new Promise((resolve) => (release = resolve));
    const el = await fixture<NexusPortalTokens>(html`<nexus-portal-tokens .session=${session}></nexus-portal-tokens>`);
    await until(() => part(tableOf(el), 'loading'), 'the loading state');
    await expect(el).to.be.accessible();
    release();
    await until(() => tableOf(el).state === 'empty', 'the list');

    unreachable = true;
    await tableOf(el).reload();
    expect(tableOf(el).state).to.equal('error');
    expect(text(part(tableOf(el), 'error'))).to.contain(defaultStrings.portalErrorNetwork);
    await expect(el).to.be.accessible();
    unreachable = false;
    part<HTMLButtonElement>(tableOf(el), 'retry-button')!.click();
    await until(() => tableOf(el).state === 'empty', 'loaded again');
  });

  it('in the portal: an admin finds it under Integration; an agent account never gets it', async () => {
    const tenant = await newTenant();
    const el = await portalAs(cleanup, { tenant });
    const link = navLinks(el).find((a) => text(a) === 'Application Tokens')!;
    expect(text(link.closest('ul')!.previousElementSibling)).to.equal('Integration');
    expect(link.getAttribute('href')).to.equal('#/tokens');
    link.click();
    const tokens = (await until(() => el.shadowRoot!.querySelector('nexus-portal-tokens'), 'the page'))!;
    await until(() => text(tokens.shadowRoot?.querySelector('#page-heading') ?? null) === 'Application Tokens', 'its heading');
    await el.signOut();

    history.replaceState(null, '', '#/tokens');
    const agentPortal = await portalAs(cleanup, { tenant, role: 'agent' });
    expect(agentPortal.shadowRoot!.querySelector('nexus-portal-tokens'), 'no tokens page for an agent').to.equal(null);
    expect(navLinks(agentPortal).map((a) => text(a))).to.not.include('Application Tokens');
    history.replaceState(null, '', location.pathname + location.search);
  });
});
