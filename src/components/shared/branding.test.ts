import { expect, fixture, html } from '@open-wc/testing';
import { env, freshKey, testClient, waitUntil } from '../../../test/browser/env.js';
import { NexusClient, isMobileDevice, type NexusClientOptions } from '../../core/client.js';
import type { NexusError } from '../../core/errors.js';
import { memoryStorage } from '../../core/storage.js';
import type { GuidedPath } from '../../protocol/schemas.js';
import { TOKENS } from '../../styles/tokens.js';
import de from '../../i18n/locales/de.js';
import fr from '../../i18n/locales/fr.js';
import '../categories/categories.js';
import '../contact-us/contact-us.js';
import type { NexusContactUs } from '../contact-us/contact-us.js';
import '../guided-path/guided-path.js';
import '../provider/provider.js';
import type { NexusProvider } from '../provider/provider.js';
import '../search/search.js';
import type { NexusSearch } from '../search/search.js';
import { loadLocale } from './localize.js';
import { setStrings } from '../../i18n/strings.js';
import { defaultStrings } from '../../i18n/strings-all.js';

const brand = env.branding;
const PAGE_THEME = '/test/browser/branding-theme.css';

/** A client of the branded tenant; on a desktop unless `mobile` says otherwise. */
const branded = (options: Partial<NexusClientOptions> = {}) => testClient({ token: brand.app, mobile: false, ...options }).client;

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const placeholder = (el: NexusSearch) => part(el, 'input')?.getAttribute('placeholder');
const themeLinks = (el: Element) =>
  [...el.shadowRoot!.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].map((link) => link.getAttribute('href'));

/** A guided path given as a property: shown without loading content (the branded tenant has none). */
const localPath: GuidedPath = {
  id: 'local',
  title: 'Local path',
  summary: '',
  category: 'general',
  tags: [],
  helpIds: [],
  audience: 'consumer',
  steps: [{ id: 'one', title: 'First step', body: '<p>Press <kbd>Reset</kbd>.</p>' }],
};

describe('portal branding: strings', () => {
  it('the tenant’s strings show in every element', async () => {
    const client = branded();
    const search = await fixture<NexusSearch>(html`<nexus-search .client=${client}></nexus-search>`);
    await waitUntil(() => placeholder(search) === brand.strings['*'].searchPlaceholder, 'the tenant placeholder');
    const contact = await fixture<NexusContactUs>(html`<nexus-contact-us .client=${client} skill="sales"></nexus-contact-us>`);
    await waitUntil(() => part(contact, 'heading')?.textContent === brand.strings['*'].contactHeading, 'the tenant heading');
    const categories = await fixture<HTMLElement>(html`<nexus-categories .client=${client}></nexus-categories>`);
    await waitUntil(() => part(categories, 'empty')?.textContent?.trim() === brand.strings['*'].categoriesEmpty, 'the tenant empty text');
    // Another tenant's elements keep the catalogue.
    const plain = await fixture<NexusSearch>(html`<nexus-search .client=${testClient().client}></nexus-search>`);
    await plain.client!.loadBranding();
    await plain.updateComplete;
    expect(placeholder(plain)).to.equal(defaultStrings.searchPlaceholder);
  });

  it('element strings > page strings > tenant strings > the locale’s catalogue > English', async () => {
    await Promise.all([loadLocale('de'), loadLocale('fr')]);
    const client = branded();
    await client.loadBranding();
    const search = await fixture<NexusSearch>(html`<nexus-search lang="de" .client=${client}></nexus-search>`);
    const label = () => part(search, 'label')?.textContent;
    // German: the tenant's every-locale override beats the German catalogue; keys it does not
    // override come from the catalogue.
    await waitUntil(() => placeholder(search) === brand.strings['*'].searchPlaceholder, 'the tenant string');
    expect(label()).to.equal(de.strings.searchLabel);
    // French: the tenant's French override beats its every-locale one.
    search.lang = 'fr-FR';
    await waitUntil(() => placeholder(search) === brand.strings.fr.searchPlaceholder, 'the tenant French string');
    expect(label()).to.equal(fr.strings.searchLabel);
    try {
      setStrings({ searchPlaceholder: 'Page placeholder' });
      await waitUntil(() => placeholder(search) === 'Page placeholder', 'the page string');
      search.strings = { searchPlaceholder: 'Element placeholder' };
      await waitUntil(() => placeholder(search) === 'Element placeholder', 'the element string');
    } finally {
      setStrings({ searchPlaceholder: undefined });
    }
    search.strings = {};
    await waitUntil(() => placeholder(search) === brand.strings.fr.searchPlaceholder, 'the tenant string again');
  });
});

describe('portal branding: themes', () => {
  it('the portal theme loads inside the elements, the step-content theme inside guided-path steps', async () => {
    const client = branded();
    const search = await fixture<NexusSearch>(html`<nexus-search .client=${client}></nexus-search>`);
    await waitUntil(() => themeLinks(search).includes(brand.themeUrl), 'the portal theme link');
    const link = search.shadowRoot!.querySelector<HTMLLinkElement>('link[rel="stylesheet"]')!;
    await waitUntil(() => link.sheet, 'the portal theme to load');

    const guide = await fixture<HTMLElement>(html`<nexus-guided-path .client=${client} .path=${localPath}></nexus-guided-path>`);
    await waitUntil(() => themeLinks(guide).includes(brand.stepContentThemeUrl), 'the step-content theme link');
    expect(themeLinks(guide)).to.include(brand.themeUrl);
    expect(client.portalBranding).to.include({ themeUrl: brand.themeUrl, applyOnMobile: false });
  });

  it('setBranding() overrides the portal theme, as setCustomizationOptions does; an element’s theme-url overrides both', async () => {
    const client = branded();
    const contact = await fixture<NexusContactUs>(html`<nexus-contact-us .client=${client} skill="sales"></nexus-contact-us>`);
    await waitUntil(() => themeLinks(contact).includes(brand.themeUrl), 'the portal theme');

    client.setBranding({ themeUrl: PAGE_THEME });
    await waitUntil(() => themeLinks(contact)[0] === PAGE_THEME, 'the page theme');
    await waitUntil(() => getComputedStyle(part(contact, 'heading')!).textTransform === 'uppercase', 'the page theme to apply');
    expect(client.branding).to.deep.equal({ themeUrl: PAGE_THEME, stepContentThemeUrl: brand.stepContentThemeUrl });

    contact.themeUrl = `${PAGE_THEME}?element`;
    await waitUntil(() => themeLinks(contact)[0] === `${PAGE_THEME}?element`, 'the element theme');

    contact.themeUrl = undefined;
    client.setBranding({ themeUrl: undefined });
    await waitUntil(() => themeLinks(contact)[0] === brand.themeUrl, 'the portal theme again');
    client.setBranding({ themeUrl: '' });
    await waitUntil(() => themeLinks(contact).length === 0, 'no theme at all');
  });

  it('a provider’s theme-url is the page’s choice too', async () => {
    const provider = await fixture<NexusProvider>(html`<nexus-provider server=${env.server} token=${brand.app} theme-url=${PAGE_THEME}>
      <nexus-contact-us skill="sales"></nexus-contact-us>
    </nexus-provider>`);
    const contact = provider.querySelector<NexusContactUs>('nexus-contact-us')!;
    await waitUntil(() => part(contact, 'heading')?.textContent === brand.strings['*'].contactHeading, 'the tenant strings');
    expect(themeLinks(contact)).to.deep.equal([PAGE_THEME]);
  });

  it('on a mobile device the portal theme stays off when the tenant says so; its strings and the page theme still apply', async () => {
    expect(isMobileDevice()).to.equal(false, 'headless desktop Chromium is not mobile');
    const client = branded({ mobile: true });
    const contact = await fixture<NexusContactUs>(html`<nexus-contact-us .client=${client} skill="sales"></nexus-contact-us>`);
    await waitUntil(() => part(contact, 'heading')?.textContent === brand.strings['*'].contactHeading, 'the tenant strings');
    expect(themeLinks(contact)).to.deep.equal([]);
    expect(client.branding).to.deep.equal({ themeUrl: undefined, stepContentThemeUrl: undefined });
    client.setBranding({ themeUrl: PAGE_THEME });
    await waitUntil(() => themeLinks(contact)[0] === PAGE_THEME, 'the page theme on mobile');

    // Detected, not told: this desktop browser gets the portal theme.
    const detected = testClient({ token: brand.app }).client;
    await detected.loadBranding();
    expect(detected.branding.themeUrl).to.equal(brand.themeUrl);
  });
});

describe('portal branding: the merged branding', () => {
  it('is one object, read after read, until setBranding() or the portal changes it; never a stale one', async () => {
    const client = branded();
    const first = client.branding;
    expect(client.branding).to.equal(first, 'the same object on every read');
    expect(first).to.deep.equal({ themeUrl: undefined, stepContentThemeUrl: undefined });

    client.setBranding({ themeUrl: PAGE_THEME });
    expect(client.branding.themeUrl).to.equal(PAGE_THEME, 'setBranding() replaces the cached branding');
    await client.loadBranding();
    expect(client.branding).to.deep.equal({ themeUrl: PAGE_THEME, stepContentThemeUrl: brand.stepContentThemeUrl });
    const merged = client.branding;
    client.setBranding({ themeUrl: undefined });
    expect(client.branding).not.to.equal(merged);
    expect(client.branding.themeUrl).to.equal(brand.themeUrl, 'back to the portal theme');
    client.setBranding({ stepContentThemeUrl: '' });
    expect(client.branding).to.deep.equal({ themeUrl: brand.themeUrl, stepContentThemeUrl: '' });
  });

  it('detects a mobile device once, and follows the media query when it changes', async () => {
    // As in a browser without client hints: the media query decides.
    Object.defineProperty(navigator, 'userAgentData', { value: undefined, configurable: true });
    const query = Object.assign(new EventTarget(), { matches: false }) as unknown as MediaQueryList;
    const queries: string[] = [];
    const realMatchMedia = window.matchMedia;
    window.matchMedia = (text: string) => (queries.push(text), query);
    try {
      const client = testClient({ token: brand.app }).client;
      await client.loadBranding();
      const changes: unknown[] = [];
      client.on('branding', (branding) => changes.push(branding));
      for (let i = 0; i < 50; i++) expect(client.branding.themeUrl).to.equal(brand.themeUrl);
      expect(queries).to.have.length(1, 'one media query for every read');

      // The window narrows to a phone's width: the portal theme (not for mobile) goes away.
      Object.assign(query, { matches: true });
      query.dispatchEvent(Object.assign(new Event('change'), { matches: true }));
      expect(client.branding.themeUrl).to.equal(undefined);
      expect(changes).to.have.length(1);
      expect(queries).to.have.length(1);
      await client.destroy();
    } finally {
      window.matchMedia = realMatchMedia;
      delete (navigator as { userAgentData?: unknown }).userAgentData;
    }
  });
});

describe('portal branding: loading', () => {
  /** A branded client that counts its branding requests and can be made to fail them. */
  function countingClient(fail = false) {
    const requests: string[] = [];
    const options: NexusClientOptions = {
      server: env.server,
      token: brand.app,
      storage: memoryStorage(),
      consumerKey: freshKey(),
      mobile: false,
      fetch: (input, init) => {
        const url = String(input);
        if (url.includes('/v1/branding')) {
          requests.push(url);
          if (fail) return Promise.reject(new TypeError('Failed to fetch'));
        }
        return fetch(input, init);
      },
    };
    return { client: new NexusClient(options), requests };
  }

  it('is fetched once per client, when an element first uses it', async () => {
    const { client, requests } = countingClient();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requests).to.deep.equal([], 'the headless client fetches nothing by itself');
    const host = await fixture<HTMLElement>(html`<div>
      <nexus-search .client=${client}></nexus-search>
      <nexus-contact-us .client=${client} skill="sales"></nexus-contact-us>
      <nexus-categories .client=${client}></nexus-categories>
    </div>`);
    const search = host.querySelector<NexusSearch>('nexus-search')!;
    await waitUntil(() => placeholder(search) === brand.strings['*'].searchPlaceholder, 'the tenant strings');
    await client.loadBranding();
    expect(requests).to.have.length(1);
  });

  it('a failure keeps the defaults, and is reported as an error event of the client', async () => {
    const { client, requests } = countingClient(true);
    const errors: NexusError[] = [];
    client.on('error', (error) => errors.push(error));
    const search = await fixture<NexusSearch>(html`<nexus-search .client=${client}></nexus-search>`);
    await waitUntil(() => errors.length === 1, 'the error event');
    expect(errors[0]).to.include({ code: 'network_error', status: 0 });
    expect(requests).to.have.length(1);
    await search.updateComplete;
    expect(placeholder(search)).to.equal(defaultStrings.searchPlaceholder);
    expect(themeLinks(search)).to.deep.equal([]);
    expect(client.portalBranding).to.equal(undefined);
    await expect(search).to.be.accessible();
  });
});

describe('theme stylesheets', () => {
  it('themes/default.css names every token, and every custom property and part of the customer elements', async () => {
    const theme = await (await fetch('/themes/default.css')).text();
    const manifest = (await (await fetch('/custom-elements.json')).json()) as {
      modules: { declarations?: { tagName?: string; cssParts?: { name: string }[]; cssProperties?: { name: string }[] }[] }[];
    };
    const missing: string[] = [];
    for (const token of Object.keys(TOKENS)) if (!theme.includes(`--nexus-${token}:`)) missing.push(`--nexus-${token}`);
    for (const element of manifest.modules.flatMap((m) => m.declarations ?? [])) {
      if (!element.tagName || element.tagName === 'nexus-agent-console') continue;
      for (const prop of element.cssProperties ?? []) if (!theme.includes(`${prop.name}:`)) missing.push(prop.name);
      for (const p of element.cssParts ?? []) {
        if (!p.name.includes('__') && !theme.includes(`:host(${element.tagName}) [part~='${p.name}']`)) missing.push(`${element.tagName} ${p.name}`);
      }
    }
    expect(missing, 'run node --import tsx scripts/themes.ts').to.deep.equal([]);
    const stepContent = await (await fetch('/themes/step-content.css')).text();
    for (const prop of ['--nexus-guided-path-link-color', '--nexus-guided-path-code-background']) expect(stepContent).to.include(prop);
  });
});
