import { expect, fixture, html } from '@open-wc/testing';
import { cleanupAfterEach, cli, env, freshKey, until } from '../../test/browser/env.js';
import { newAccount, part, PASSWORD, portal, server, signInWith, text } from '../../test/browser/portal-world.js';
import '../components/self-help/self-help.js';
import type { NexusSelfHelp } from '../components/self-help/self-help.js';
import { defaultStrings } from '../i18n/strings-all.js';
import type { NexusPortalBranding } from './branding-page.js';

// Settings > Self-Support Branding (<nexus-portal-branding>) against the real server, on a tenant
// of its own (branding changes what every page of a tenant shows): upload a theme and see it
// applied in self help, refusals, download, Reset to default, strings with the live preview.

const cleanup = cleanupAfterEach();
const COLOR = 'rgb(1, 2, 3)';
const CSS = `:host { --nexus-color-primary: ${COLOR}; }\n`;

/** A new tenant with an admin (signed in on a portal at the branding page) and an application token. */
async function brandingPage(role: 'admin' | 'supervisor' = 'admin') {
  const tenant = `brand-${freshKey().slice(0, 12)}`.toLowerCase().replace(/[^a-z0-9-]/g, '');
  await cli('tenant', 'create', tenant);
  const email = role === 'admin' ? await newAccount({ tenant }) : `${freshKey()}@portal.example`;
  if (role !== 'admin') await cli('account', 'add', tenant, '--email', email, '--name', 'Sue Visor', '--role', role, '--password', PASSWORD);
  location.hash = '#/branding';
  const { el } = await portal(cleanup);
  await signInWith(el, email);
  const page = (await until(() => el.shadowRoot!.querySelector<NexusPortalBranding>('nexus-portal-branding'), 'the branding page'))!;
  await until(() => part(page, 'theme-url-input'), 'the branding loaded', 15_000);
  return { el, page, tenant };
}

/** A self-help of the tenant as a customer page has it, with a token of its own (so a client of its own). */
async function customerSelfHelp(tenant: string) {
  const token = await cli('token', 'create', '--tenant', tenant, '--name', 'Shop');
  return fixture<NexusSelfHelp>(html`<nexus-self-help server=${env.server} token=${token}></nexus-self-help>`);
}

const primary = (el: HTMLElement) => getComputedStyle(el).getPropertyValue('--nexus-color-primary').trim();
const searchInput = (selfHelp: HTMLElement) => selfHelp.shadowRoot?.querySelector('nexus-search')?.shadowRoot?.querySelector('input') ?? null;

/** Chooses a file in a file input, as the person would. */
function choose(input: HTMLInputElement, file: File) {
  const files = new DataTransfer();
  files.items.add(file);
  input.files = files.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

const row = (page: HTMLElement, key: string) => page.shadowRoot!.querySelector<HTMLElement>(`[part~="string-row"][data-key="${key}"]`);
const rowPart = <T extends HTMLElement>(page: HTMLElement, key: string, name: string) => row(page, key)?.querySelector<T>(`[part~="${name}"]`) ?? null;

describe('<nexus-portal-branding>', function () {
  this.timeout(90_000);

  afterEach(() => history.replaceState(null, '', location.pathname + location.search));

  it('uploads a theme: hosted as text/css with the safe headers, applied in self help; refusals say why; download gives the same bytes; reset after confirm clears it', async () => {
    const { page, tenant } = await brandingPage();
    await expect(page).to.be.accessible();

    const upload = part<HTMLInputElement>(page, 'upload-theme-input')!;
    choose(upload, new File(['a{}'.padEnd(256 * 1024 + 1)], 'big.css', { type: 'text/css' }));
    expect(text(await until(() => part(page, 'action-error'), 'the size refusal'))).to.match(/^big\.css is larger than 256/);
    choose(upload, new File(['<html></html>'], 'page.html', { type: 'text/html' }));
    const notCss = defaultStrings.portalBrandingNotCss.replace('{name}', 'page.html');
    await until(() => text(part(page, 'action-error')) === notCss, 'the type refusal');
    choose(upload, new File(['a{}</style><script>alert(1)</script>'], 'sneaky.css', { type: 'text/css' }));
    await until(() => /HTML markup/.test(text(part(page, 'action-error'))), "the server's refusal");
    expect(text(part(page, 'action-error'))).to.equal(`Something went wrong: a theme file may not contain HTML markup`);
    await expect(page).to.be.accessible();

    choose(upload, new File([CSS], 'acme.css', { type: 'text/css' }));
    const field = part<HTMLInputElement>(page, 'theme-url-input')!;
    await until(() => field.value.includes('/v1/themes/'), 'the hosted URL in the field');
    expect(field.value).to.match(new RegExp(`/v1/themes/${tenant}/theme-[0-9a-f]{64}\\.css$`));
    expect(text(part(page, 'notice'))).to.equal(defaultStrings.portalBrandingUploaded.replace('{name}', 'acme.css'));
    const served = await fetch(`${server}${new URL(field.value).pathname}`);
    expect(await served.text()).to.equal(CSS);
    expect(served.headers.get('content-type')).to.equal('text/css; charset=utf-8');
    expect(served.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(served.headers.get('content-security-policy')).to.equal("default-src 'none'; sandbox");
    await expect(page).to.be.accessible();

    // The guide's "upload a theme and see it applied in self help": the preview and a customer's page.
    const preview = (await until(() => part<NexusSelfHelp>(page, 'preview-self-help'), 'the preview', 15_000))!;
    await until(() => primary(preview) === COLOR, 'the theme in the preview', 15_000);
    const customer = await customerSelfHelp(tenant);
    await until(() => primary(customer) === COLOR, "the theme on a customer's page", 15_000);

    // Download: the same bytes, saved under the theme's name.
    const saved: Blob[] = [];
    const original = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob | MediaSource) => (saved.push(blob as Blob), original.call(URL, blob));
    cleanup.push(() => (URL.createObjectURL = original));
    part(page, 'download-theme-button')!.click();
    await until(() => saved.length, 'the download');
    expect(await saved[0].text()).to.equal(CSS);

    // Reset to default, after the confirm that names the URL.
    const url = field.value;
    part(page, 'reset-theme-button')!.click();
    const dialog = page.shadowRoot!.querySelector('nexus-confirm-dialog')!;
    await until(() => part(dialog, 'confirm-button')?.checkVisibility(), 'the confirm dialog');
    expect(text(part(dialog, 'target'))).to.equal(url);
    await expect(page).to.be.accessible();
    part(dialog, 'confirm-button')!.click();
    await until(() => field.value === '' && part(page, 'notice')?.textContent, 'the theme reset');
    await until(() => page.shadowRoot!.activeElement === field, 'the focus on the emptied field');
    // (The file was cached for good by this browser, as by customers' ones: the server is asked here.)
    expect((await fetch(`${server}${new URL(url).pathname}`, { cache: 'no-store' })).status).to.equal(404);
    expect(part(page, 'download-theme-button')).to.equal(null);
    await expect(page).to.be.accessible();
  });

  it('customizes a string: the preview shows it before Update, a fresh self help after; warnings show at the field; Reset to default brings the default back', async () => {
    const { page, tenant } = await brandingPage();
    const filter = part<HTMLInputElement>(page, 'filter-input')!;
    filter.value = 'searchPlaceholder';
    filter.dispatchEvent(new Event('input'));
    await until(() => page.shadowRoot!.querySelectorAll('[part~="string-row"]').length === 1, 'the filter');
    const input = rowPart<HTMLInputElement>(page, 'searchPlaceholder', 'string-input')!;
    expect(text(row(page, 'searchPlaceholder')!.querySelector('.muted'))).to.equal(`Default: ${defaultStrings.searchPlaceholder}`);
    input.value = 'Ask Acme anything';
    input.dispatchEvent(new Event('input'));
    const preview = (await until(() => part<NexusSelfHelp>(page, 'preview-self-help'), 'the preview', 15_000))!;
    await until(() => searchInput(preview)?.placeholder === 'Ask Acme anything', 'the unsaved string in the preview', 15_000);
    // The typed theme URL too, before Update.
    const themeField = part<HTMLInputElement>(page, 'theme-url-input')!;
    themeField.value = `${location.origin}/test/browser/branding-theme.css`;
    themeField.dispatchEvent(new Event('input'));
    await until(() => primary(preview) === 'rgb(10, 125, 79)', 'the unsaved theme in the preview', 15_000);
    const before = await customerSelfHelp(tenant);
    await until(() => searchInput(before), 'the search box');
    expect(searchInput(before)!.placeholder, 'not saved yet').to.equal(defaultStrings.searchPlaceholder);

    // An override that leaves a placeholder out: the server's warning next to its field.
    filter.value = 'searchNoResults';
    filter.dispatchEvent(new Event('input'));
    await until(() => row(page, 'searchNoResults'), 'the other key');
    const noResults = rowPart<HTMLInputElement>(page, 'searchNoResults', 'string-input')!;
    noResults.value = 'Nothing found';
    noResults.dispatchEvent(new Event('input'));
    await expect(page).to.be.accessible();
    part(page, 'update-button')!.click();
    await until(() => part(page, 'notice')?.textContent?.includes('2 strings'), 'the update');
    expect(text(part(page, 'notice'))).to.equal('Branding updated: theme URL, 2 strings.');
    expect(text(part(page, 'warnings'))).to.contain('searchNoResults (*) leaves out the {query} placeholder');
    expect(text(await until(() => rowPart(page, 'searchNoResults', 'string-warning'), 'the warning'))).to.contain('leaves out the {query} placeholder');
    expect(rowPart(page, 'searchNoResults', 'customized')).to.not.equal(null);
    await expect(page).to.be.accessible();

    const after = await customerSelfHelp(tenant);
    await until(() => searchInput(after)?.placeholder === 'Ask Acme anything', 'the saved string in a fresh self help', 15_000);

    filter.value = 'searchPlaceholder';
    filter.dispatchEvent(new Event('input'));
    await until(() => rowPart(page, 'searchPlaceholder', 'string-reset-button'), 'Reset to default');
    rowPart(page, 'searchPlaceholder', 'string-reset-button')!.click();
    await until(() => !rowPart(page, 'searchPlaceholder', 'customized'), 'the override removed');
    expect(text(part(page, 'notice'))).to.equal('searchPlaceholder is back to its default.');
    expect(rowPart<HTMLInputElement>(page, 'searchPlaceholder', 'string-input')!.value).to.equal('');
    const reset = await customerSelfHelp(tenant);
    await until(() => searchInput(reset)?.placeholder === defaultStrings.searchPlaceholder, 'the default again', 15_000);
    await expect(page).to.be.accessible();
  });

  it('a supervisor reads: no upload, update, reset or preview', async () => {
    const { page } = await brandingPage('supervisor');
    expect(part(page, 'read-only')).to.not.equal(null);
    expect(part<HTMLInputElement>(page, 'theme-url-input')!.readOnly).to.equal(true);
    expect(part<HTMLInputElement>(page, 'mobile-switch')!.disabled).to.equal(true);
    for (const name of ['upload-input', 'update-button', 'reset-button', 'preview-self-help', 'string-reset-button']) expect(part(page, name), name).to.equal(null);
    expect(text(part(page, 'preview'))).to.contain(defaultStrings.portalBrandingPreviewAdminOnly);
    await expect(page).to.be.accessible();
  });
});
