import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { env, expectReadOnlyState, stateTrail, waitUntil } from '../../../test/browser/env.js';
import type { NexusCategories } from './categories.js';
import './categories.js';

const root = (el: NexusCategories) => el.shadowRoot!;
const cards = (el: NexusCategories) => [...root(el).querySelectorAll<HTMLButtonElement>('[part~="card"]')];
const loaded = (el: NexusCategories) => waitUntil(() => cards(el).length > 0, 'the category cards');

async function demo(attrs = '') {
  const el = await fixture<NexusCategories>(html`<nexus-categories server=${env.server} token=${env.tokens.demo}></nexus-categories>`);
  if (attrs) el.setAttribute('category', attrs);
  return el;
}

describe('<nexus-categories>', () => {
  it('shows a card per category with its name, icon and path count', async () => {
    const el = await demo();
    const trail = stateTrail(el);
    await loaded(el);
    expect(trail.values, 'the reflected state').to.deep.equal(['loading', 'ready']);
    trail.stop();
    await expectReadOnlyState(el);
    expect(cards(el).length).to.be.at.least(6);
    const lighting = root(el).querySelector('[data-category="lighting"]')!;
    expect(lighting.querySelector('[part~="card-name"]')!.textContent).to.match(/light/i);
    expect(lighting.querySelector('[part~="card-count"]')!.textContent).to.match(/^\d+ guides$/);
    expect(lighting.querySelector('[part~="card-icon"] svg')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('opens a category’s paths and returns to the cards, keeping focus in place', async () => {
    const el = await demo();
    await loaded(el);
    const card = root(el).querySelector<HTMLButtonElement>('[data-category="climate"]')!;
    setTimeout(() => card.click());
    const selected = await oneEvent(el, 'nexus-category-select');
    expect(selected.detail.categoryId).to.equal('climate');
    await waitUntil(() => root(el).querySelector('[part~="category-heading"]'), 'the category view');
    expect(el.category).to.equal('climate');
    expect(el.getAttribute('category')).to.equal('climate');
    const heading = root(el).querySelector('[part~="category-heading"]')!;
    await waitUntil(() => root(el).activeElement === heading, 'focus on the category heading');
    const list = root(el).querySelector('nexus-path-list')!;
    await waitUntil(() => list.shadowRoot!.querySelectorAll('[part~="item"]').length > 0, 'the category paths');
    await expect(el).to.be.accessible();

    root(el).querySelector<HTMLButtonElement>('[part~="back-button"]')!.click();
    await waitUntil(() => root(el).activeElement?.getAttribute('data-category') === 'climate', 'focus back on the card');
    expect(el.category).to.equal('');
  });

  it('works by keyboard alone', async () => {
    const el = await demo();
    await loaded(el);
    cards(el)[0].focus();
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement).to.equal(cards(el)[1]);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root(el).querySelector('[part~="back-button"]'), 'the category view');
  });

  it('lets the page cancel opening a category', async () => {
    const el = await demo();
    await loaded(el);
    el.addEventListener('nexus-category-select', (e) => e.preventDefault(), { once: true });
    cards(el)[0].click();
    await el.updateComplete;
    expect(el.category).to.equal('');
    expect(cards(el).length).to.be.greaterThan(0);
  });

  it('opens the category named by its attribute', async () => {
    const el = await demo('cameras-security');
    await waitUntil(() => root(el).querySelector('[part~="category-heading"]'), 'the category view');
    expect(root(el).querySelector('[part~="category-heading"]')!.textContent).to.match(/camera/i);
  });

  it('shows an error with retry and emits nexus-error when the server is unreachable', async () => {
    const el = await fixture<NexusCategories>(html`<nexus-categories server="http://127.0.0.1:9" token=${env.tokens.demo}></nexus-categories>`);
    const event = await oneEvent(el, 'nexus-error');
    expect(event.detail.code).to.equal('network_error');
    await waitUntil(() => root(el).querySelector('[part~="error"]'), 'the error state');
    expect(el.state).to.equal('error');
    expect(root(el).querySelector('[part~="retry-button"]')).to.exist;
    await expect(el).to.be.accessible();
  });
});
