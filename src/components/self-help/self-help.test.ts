import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { env, expectReadOnlyState, freshKey, stateTrail, testClient, waitUntil } from '../../../test/browser/env.js';
import { NexusClient } from '../../core/client.js';
import { memoryStorage } from '../../core/storage.js';
import type { NexusGuidedPath } from '../guided-path/guided-path.js';
import type { NexusPathList } from '../path-list/path-list.js';
import type { NexusSearch } from '../search/search.js';
import { parseDisplayOrder, type NexusSelfHelp } from './self-help.js';
import './self-help.js';

const root = (el: Element) => el.shadowRoot!;
const sectionsOf = (el: NexusSelfHelp) => [...root(el).querySelectorAll('[part~="section"]')].map((s) => s.getAttribute('data-section'));
const pathList = (el: NexusSelfHelp) => root(el).querySelector<NexusPathList>('nexus-path-list')!;
const guide = (el: NexusSelfHelp) => root(el).querySelector<NexusGuidedPath>('nexus-guided-path');
const listTitles = (list: NexusPathList) => [...root(list).querySelectorAll('[part~="item-title"]')].map((t) => t.textContent!.trim());
const listed = (el: NexusSelfHelp) => waitUntil(() => listTitles(pathList(el)).length > 0, 'the paths section');
// The guided path loads on demand: until its module has run, the element has no shadow root.
const guideTitle = (el: NexusSelfHelp) => guide(el)?.shadowRoot?.querySelector('[part~="title"]')?.textContent?.trim() ?? '';

async function selfHelp(template: ReturnType<typeof html>) {
  return fixture<NexusSelfHelp>(template);
}

describe('<nexus-self-help>', () => {
  it('shows search, recommended paths, categories and contact us by default', async () => {
    const el = await selfHelp(html`<nexus-self-help server=${env.server} token=${env.tokens.demo} phone="1-800-GETHELP" skill="sales"></nexus-self-help>`);
    expect(sectionsOf(el)).to.deep.equal(['search', 'categories', 'paths', 'contact-us']);
    await listed(el);
    expect(pathList(el).source).to.equal('recommended');
    // Categories load on demand: until their module has run, the element has no shadow root.
    await waitUntil(() => root(el).querySelector('nexus-categories')?.shadowRoot?.querySelector('[part~="card"]'), 'the categories');
    await expect(el).to.be.accessible();
  });

  it('follows display-order, accepting the Embed API’s contact_us spelling', async () => {
    const el = await selfHelp(html`<nexus-self-help server=${env.server} token=${env.tokens.demo} display-order="paths, contact_us ,search" skill="sales"></nexus-self-help>`);
    expect(sectionsOf(el)).to.deep.equal(['paths', 'contact-us', 'search']);
    expect(parseDisplayOrder('categories,categories')).to.deep.equal({ sections: ['categories'], unknown: [] });
  });

  it('reports an unknown display-order section and shows the rest', async () => {
    const el = document.createElement('nexus-self-help');
    el.setAttribute('server', env.server);
    el.setAttribute('token', env.tokens.demo);
    el.setAttribute('display-order', 'search,faq');
    setTimeout(() => document.body.append(el));
    const event = await oneEvent(el, 'nexus-error');
    expect(event.detail.message).to.contain('"faq"');
    await el.updateComplete;
    expect(sectionsOf(el)).to.deep.equal(['search']);
    el.remove();
  });

  it('takes the sections as a list (property, or a JSON attribute), in place of display-order', async () => {
    const el = await selfHelp(html`<nexus-self-help server=${env.server} token=${env.tokens.demo} display-order="search" sections='["paths","contact_us"]' skill="s"></nexus-self-help>`);
    expect(el.sections).to.deep.equal(['paths', 'contact-us']);
    expect(sectionsOf(el)).to.deep.equal(['paths', 'contact-us']);
    el.sections = ['categories', 'search', 'categories'];
    await el.updateComplete;
    expect(sectionsOf(el)).to.deep.equal(['categories', 'search']);
    setTimeout(() => (el.sections = ['search', 'faq']));
    expect((await oneEvent(el, 'nexus-error')).detail.message).to.equal('sections: unknown section "faq" (use search, categories, paths, contact-us)');
    await el.updateComplete;
    expect(sectionsOf(el)).to.deep.equal(['search']);
    // Back to display-order; an empty list is every section, as an empty display-order.
    el.sections = undefined;
    await el.updateComplete;
    expect(sectionsOf(el)).to.deep.equal(['search']);
    el.sections = [];
    await el.updateComplete;
    expect(el.sections).to.deep.equal(['search', 'categories', 'paths', 'contact-us']);
  });

  it('opens the path a help-id names directly, and goes back to the sections', async () => {
    const el = await selfHelp(html`<nexus-self-help server=${env.server} token=${env.tokens.demo} search-type="helpid" search-value="bulb-reset"></nexus-self-help>`);
    await waitUntil(() => guide(el) && guideTitle(el), 'the guided path');
    expect(guideTitle(el)).to.equal('How to reset a Smart Bulb');
    await expect(el).to.be.accessible();
    expect(el.getAttribute('state')).to.equal('path');
    await expectReadOnlyState(el);
    expect(guide(el), 'the path stays').to.exist;
    root(el).querySelector<HTMLButtonElement>('[part~="back-button"]')!.click();
    await waitUntil(() => sectionsOf(el).length === 4, 'the sections');
    expect(el.state).to.equal('home');
    await waitUntil(() => root(el).activeElement?.localName === 'nexus-search', 'focus on the search box');
  });

  it('lists the paths of search-type="tags" (any of several tags)', async () => {
    const el = await selfHelp(html`<nexus-self-help server=${env.server} token=${env.tokens.demo} search-type="tags" search-value="Thermostat, Camera" display-order="paths"></nexus-self-help>`);
    await listed(el);
    expect(pathList(el).source).to.equal('tags');
    const titles = listTitles(pathList(el)).join(' ');
    expect(titles).to.match(/thermostat/i);
    expect(titles).to.match(/cam/i);
  });

  it('lists search results for search-type="text"', async () => {
    const el = await selfHelp(html`<nexus-self-help server=${env.server} token=${env.tokens.demo} search-type="text" search-value="reset bulb" display-order="paths"></nexus-self-help>`);
    await listed(el);
    expect(listTitles(pathList(el))[0]).to.equal('How to reset a Smart Bulb');
  });

  it('opens a picked path, unless the page cancels nexus-path-select', async () => {
    const el = await selfHelp(html`<nexus-self-help server=${env.server} token=${env.tokens.demo} search-type="tags" search-value="LightBulb" display-order="paths"></nexus-self-help>`);
    await listed(el);
    const button = () => root(pathList(el)).querySelector<HTMLButtonElement>('[part~="item-button"]')!;
    const cancel = (e: Event) => e.preventDefault();
    document.addEventListener('nexus-path-select', cancel, { once: true });
    button().click();
    await new Promise((r) => setTimeout(r, 50));
    expect(guide(el)).to.equal(null);

    const title = listTitles(pathList(el))[0];
    button().click();
    const opened = await oneEvent(el, 'nexus-path-open');
    expect(opened.detail.title).to.equal(title);
    await waitUntil(() => root(el).activeElement?.getAttribute('part') === 'path-view', 'focus on the path view');
  });

  it('records where a path was opened from: the recommendations, a help-id, or a suggestion of the search box', async () => {
    const sent: string[] = [];
    const client = new NexusClient({
      server: env.server,
      token: env.tokens.demo,
      storage: memoryStorage(),
      consumerKey: freshKey(),
      fetch: (input, init) => {
        if (String(input).endsWith('/v1/activity') && typeof init?.body === 'string') sent.push(init.body);
        return fetch(input, init);
      },
    });
    const started = async () => {
      await client.flush();
      return sent.flatMap((body) => (JSON.parse(body).events as { event: string; source?: string }[]).filter((e) => e.event === 'started').map((e) => e.source ?? null));
    };
    const el = await selfHelp(html`<nexus-self-help .client=${client} display-order="paths"></nexus-self-help>`);
    await listed(el);
    root(pathList(el)).querySelector<HTMLButtonElement>('[part~="item-button"]')!.click();
    await oneEvent(el, 'nexus-path-open');
    expect(guide(el)!.openedFrom).to.equal('recommended');
    expect(await started()).to.deep.equal(['recommended']);

    await fixture(html`<nexus-guided-path .client=${client} help-id="bulb-reset"></nexus-guided-path>`).then((path) => oneEvent(path, 'nexus-path-open'));
    expect(await started()).to.deep.equal(['recommended', 'help-id']);

    // A suggestion picked in the search box, before any search is submitted, was found by searching.
    const searching = await selfHelp(html`<nexus-self-help .client=${client} display-order="search,paths"></nexus-self-help>`);
    await listed(searching);
    const search = root(searching).querySelector<NexusSearch>('nexus-search')!;
    search.focus();
    await sendKeys({ type: 'camera' });
    await waitUntil(() => root(search).querySelector('[part~="option"]'), 'the suggestions');
    root(search).querySelector<HTMLElement>('[part~="option"]')!.click();
    await oneEvent(searching, 'nexus-path-open');
    expect(await started()).to.deep.equal(['recommended', 'help-id', 'search']);
    await client.destroy();
  });

  it('shows all results for a submitted search, with a way back', async () => {
    const el = await selfHelp(html`<nexus-self-help server=${env.server} token=${env.tokens.demo} display-order="search,paths"></nexus-self-help>`);
    await listed(el);
    const trail = stateTrail(el);
    const search = root(el).querySelector<NexusSearch>('nexus-search')!;
    search.focus();
    await sendKeys({ type: 'camera offline' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => pathList(el).source === 'search', 'the submitted results');
    expect(pathList(el).value).to.equal('camera offline');
    await listed(el);
    expect(listTitles(pathList(el)).join(' ')).to.match(/camera/i);
    root(el).querySelector<HTMLButtonElement>('[part~="results-clear"]')!.click();
    await waitUntil(() => pathList(el).source === 'recommended', 'the recommendations again');
    expect(trail.values, 'the reflected state').to.deep.equal(['home', 'results', 'home']);
    trail.stop();
  });

  it('ends an unsolved path with contact options that carry the path', async () => {
    const el = await selfHelp(html`<nexus-self-help server=${env.server} token=${env.tokens.demo} search-type="helpid" search-value="bulb-reset" phone="1-800-GETHELP" skill="sales"></nexus-self-help>`);
    await waitUntil(() => guide(el) && guideTitle(el), 'the guided path');
    const path = guide(el)!;
    const next = () => root(path).querySelector<HTMLButtonElement>('[part~="next-button"]');
    while (next()) {
      next()!.click();
      await path.updateComplete;
    }
    root(path).querySelector<HTMLButtonElement>('[part~="escalate-button"]')!.click();
    await waitUntil(() => path.getAttribute('state') === 'escalated', 'the escalated view');
    const contact = path.querySelector('nexus-contact-us')!;
    expect(contact.parentElement!.assignedSlot?.name).to.equal('escalation');
    setTimeout(() => root(contact).querySelector<HTMLButtonElement>('[part~="chat-button"]')!.click());
    const request = await oneEvent(el, 'nexus-live-help-request');
    request.preventDefault();
    expect(request.detail).to.include({ mode: 'chat', skill: 'sales', pathId: 'reset-smart-bulb' });
    await expect(el).to.be.accessible();
  });

  it('reports its height to embedding hosts as it changes', async () => {
    const el = document.createElement('nexus-self-help');
    el.setAttribute('server', env.server);
    el.setAttribute('token', env.tokens.demo);
    const heights: number[] = [];
    el.addEventListener('nexus-height-change', (e) => heights.push(e.detail.height));
    document.body.append(el);
    try {
      // As content loads the element grows; each change is reported until the last one matches.
      await waitUntil(
        () => heights.length > 1 && heights.at(-1) === Math.ceil(el.getBoundingClientRect().height) && heights.at(-1)! > 200,
        'the reported height to follow the content',
      );
      expect(heights[0]).to.be.lessThan(heights.at(-1)!);
    } finally {
      el.remove();
    }
  });

  it('begins a context session each time it starts, clearing the previous one', async () => {
    const { client, posts } = testClient();
    client.context.setFirstName('Ada');
    const first = await selfHelp(html`<nexus-self-help .client=${client} display-order="contact-us" skill="s"></nexus-self-help>`);
    first.remove();
    client.context.logDevice('hub', { status: 'offline' });
    await selfHelp(html`<nexus-self-help .client=${client} display-order="contact-us" skill="s"></nexus-self-help>`);
    await client.flush();
    const ops = posts.filter((p) => p.path === '/v1/context').flatMap((p) => p.body.ops as { op: string }[]);
    expect(ops.map((o) => o.op)).to.deep.equal(['identity', 'log', 'clear-context', 'clear-identity']);
  });

  it('is themed through exported parts of the elements inside it', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div>
      <style>.themed::part(paths__item-title) { color: rgb(0, 128, 0); }</style>
      <nexus-self-help class="themed" server=${env.server} token=${env.tokens.demo} search-type="tags" search-value="Hub" display-order="paths"></nexus-self-help>
    </div>`);
    const el = wrapper.querySelector<NexusSelfHelp>('nexus-self-help')!;
    await listed(el);
    const title = root(pathList(el)).querySelector('[part~="item-title"]')!;
    expect(getComputedStyle(title).color).to.equal('rgb(0, 128, 0)');
  });

  it('exports the parts of the elements it loads on demand: the guided path, categories and contact us', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div>
      <style>
        .themed::part(guide__title), .themed::part(guide__step-body), .themed::part(categories__card), .themed::part(contact__heading) {
          color: rgb(0, 128, 0);
        }
      </style>
      <nexus-self-help class="themed" server=${env.server} token=${env.tokens.demo} search-type="helpid" search-value="bulb-reset" skill="sales"></nexus-self-help>
    </div>`);
    const el = wrapper.querySelector<NexusSelfHelp>('nexus-self-help')!;
    await waitUntil(() => guideTitle(el), 'the guided path');
    const green = (node: Element | null | undefined) => Boolean(node) && getComputedStyle(node!).color === 'rgb(0, 128, 0)';
    const inGuide = (part: string) => guide(el)!.shadowRoot!.querySelector(`[part~="${part}"]`);
    await waitUntil(() => green(inGuide('title')) && green(inGuide('step-body')), 'the guided path’s parts themed');
    // Every part the guided path shows is exported.
    const { GUIDED_PATH_PARTS } = await import('../guided-path/guided-path.js');
    const shown = [...guide(el)!.shadowRoot!.querySelectorAll('[part]')].flatMap((node) => node.getAttribute('part')!.split(' '));
    expect(GUIDED_PATH_PARTS).to.include.members(shown);
    // Categories and contact us, in their sections of the home view.
    root(el).querySelector<HTMLButtonElement>('[part~="back-button"]')!.click();
    const inSection = (section: string, part: string) =>
      root(el).querySelector(`[data-section="${section}"] > *`)?.shadowRoot?.querySelector(`[part~="${part}"]`);
    await waitUntil(() => green(inSection('categories', 'card')), 'the categories’ parts themed');
    await waitUntil(() => green(inSection('contact-us', 'heading')), 'contact us’s parts themed');
  });
});
