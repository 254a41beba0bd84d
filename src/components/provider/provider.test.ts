import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { env, testClient, waitUntil } from '../../../test/browser/env.js';
import { NexusElement } from '../shared/nexus-element.js';
import { ContextEvent } from '@lit/context';
import { clientContext, getDefaultClient, setDefaultClient } from '../shared/context.js';
import type { NexusPathList } from '../path-list/path-list.js';
import type { NexusProvider } from './provider.js';
import './provider.js';
import '../path-list/path-list.js';

const items = (el: Element) => el.shadowRoot!.querySelectorAll('[part~="item"]');

describe('<nexus-provider>', () => {
  it('gives its client to every element inside it', async () => {
    const provider = await fixture<NexusProvider>(html`<nexus-provider server=${env.server} token=${env.tokens.demo}>
      <section><nexus-path-list source="tags" value="Hub"></nexus-path-list></section>
      <nexus-path-list source="tags" value="Camera"></nexus-path-list>
    </nexus-provider>`);
    const lists = [...provider.querySelectorAll<NexusPathList>('nexus-path-list')];
    for (const list of lists) await waitUntil(() => items(list).length > 0, 'paths from the provided client');
    expect(lists[0].client).to.equal(provider.client);
    expect(lists[1].client).to.equal(provider.client);
    expect(getComputedStyle(provider).display).to.equal('contents');
  });

  it('applies theme-url inside the shadow roots of the elements it serves', async () => {
    const provider = await fixture<NexusProvider>(html`<nexus-provider server=${env.server} token=${env.tokens.demo} theme-url="/test/browser/theme.css">
      <nexus-path-list source="tags" value="Hub"></nexus-path-list>
    </nexus-provider>`);
    const list = provider.querySelector<NexusPathList>('nexus-path-list')!;
    await waitUntil(() => items(list).length > 0, 'the paths');
    const link = list.shadowRoot!.querySelector('link[rel="stylesheet"]')!;
    expect(link.getAttribute('href')).to.equal('/test/browser/theme.css');
    await waitUntil(() => getComputedStyle(list.shadowRoot!.querySelector('[part~="item-title"]')!).textTransform === 'uppercase', 'the theme to apply');
    // The theme is unlayered, so it beats the element's own (layered) styles.
    expect(getComputedStyle(list.shadowRoot!.querySelector('[part~="item-button"]')!).borderTopStyle).to.equal('dashed');
  });

  it('reports background failures of its client as nexus-error', async () => {
    const provider = await fixture<NexusProvider>(html`<nexus-provider server=${env.server} token=${env.tokens.revoked}></nexus-provider>`);
    setTimeout(() => provider.client!.context.logAction('Opened help'));
    const event = await oneEvent(provider, 'nexus-error');
    expect(event.detail).to.include({ code: 'token_revoked', source: 'nexus-provider' });
  });

  it('uses a NexusClient assigned as a property', async () => {
    const { client } = testClient();
    const provider = await fixture<NexusProvider>(html`<nexus-provider .client=${client}>
      <nexus-path-list source="tags" value="Plug"></nexus-path-list>
    </nexus-provider>`);
    const list = provider.querySelector<NexusPathList>('nexus-path-list')!;
    await waitUntil(() => list.client === client, 'the assigned client');
  });

  it('lets an element’s own server and token win over the provider', async () => {
    const provider = await fixture<NexusProvider>(html`<nexus-provider server=${env.server} token=${env.tokens.demo}>
      <nexus-path-list server=${env.server} token=${env.tokens.other} source="recommended"></nexus-path-list>
    </nexus-provider>`);
    const list = provider.querySelector<NexusPathList>('nexus-path-list')!;
    await waitUntil(() => items(list).length > 0, 'paths');
    expect(list.client).not.to.equal(provider.client);
    const titles = [...list.shadowRoot!.querySelectorAll('[part~="item-title"]')].map((t) => t.textContent);
    expect(titles.join(' ')).not.to.match(/bulb/i);
  });

  /** A provider (under a new tag) around a path list, defined only when `define()` is called. */
  async function undefinedProvider(tag: string) {
    const host = await fixture<HTMLElement>(html`<div>${unsafeHTML(`<${tag} server="${env.server}" token="${env.tokens.demo}">
      <nexus-path-list source="tags" value="Thermostat"></nexus-path-list></${tag}>`)}</div>`);
    const list = host.querySelector<NexusPathList>('nexus-path-list')!;
    const define = async () => {
      const { NexusProvider } = await import('./provider.js');
      customElements.define(tag, class extends NexusProvider {});
      return host.querySelector<NexusProvider>(tag)!;
    };
    return { list, define };
  }

  it('serves elements that connected before it was defined', async () => {
    const { list, define } = await undefinedProvider('nexus-late-provider');
    await define();
    await waitUntil(() => items(list).length > 0, 'paths once the provider exists');
  });

  it('takes over from the default client when a provider appears around an element', async () => {
    const { client } = testClient();
    setDefaultClient(client);
    try {
      const { list, define } = await undefinedProvider('nexus-later-provider');
      await waitUntil(() => list.client === client, 'the default client first');
      const provider = await define();
      await waitUntil(() => provider.client && list.client === provider.client, 'the nearer provider’s client');
      // The default provider no longer notifies the list.
      setDefaultClient(testClient().client);
      await list.updateComplete;
      expect(list.client).to.equal(provider.client);
    } finally {
      setDefaultClient(undefined);
    }
  });

  it('answers consumers of clientContext made with @lit/context', async () => {
    const provider = await fixture<NexusProvider>(html`<nexus-provider server=${env.server} token=${env.tokens.demo}><div></div></nexus-provider>`);
    const seen: unknown[] = [];
    provider.querySelector('div')!.dispatchEvent(new ContextEvent(clientContext, provider.querySelector('div')!, (value) => seen.push(value), false));
    expect(seen).to.deep.equal([provider.client]);
  });

  it('falls back to the page-wide default client', async () => {
    const { client } = testClient();
    setDefaultClient(client);
    try {
      expect(getDefaultClient()).to.equal(client);
      const list = await fixture<NexusPathList>(html`<nexus-path-list source="tags" value="Hub"></nexus-path-list>`);
      await waitUntil(() => items(list).length > 0, 'paths from the default client');
      expect(list.client).to.equal(client);
    } finally {
      setDefaultClient(undefined);
    }
  });

  it('shows a configuration error when an element has no client at all', async () => {
    const wait = NexusElement.clientWaitMs;
    NexusElement.clientWaitMs = 50;
    try {
      const list = await fixture<NexusPathList>(html`<nexus-path-list></nexus-path-list>`);
      const event = await oneEvent(list, 'nexus-error');
      expect(event.detail.code).to.equal('invalid_request');
      await list.updateComplete;
      expect(list.shadowRoot!.querySelector('[part~="error"]')!.textContent).to.contain('not configured');
      await expect(list).to.be.accessible();
    } finally {
      NexusElement.clientWaitMs = wait;
    }
  });

  it('shows a configuration error for an unusable server URL', async () => {
    const list = await fixture<NexusPathList>(html`<nexus-path-list server="ftp://nope" token="x"></nexus-path-list>`);
    expect(list.shadowRoot!.querySelector('[part~="error"]')!.textContent).to.contain('not configured');
  });
});
