import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { env, expectReadOnlyState, stateTrail, testClient, waitUntil } from '../../../test/browser/env.js';
import type { NexusPathList } from './path-list.js';
import './path-list.js';

const rendered = (el: NexusPathList) =>
  waitUntil(() => el.shadowRoot!.querySelector('[part~="list"], [part~="empty"], [part~="error"]'), 'the list to settle');

const titles = (el: NexusPathList) =>
  [...el.shadowRoot!.querySelectorAll('[part~="item-title"]')].map((t) => t.textContent!.trim());

describe('<nexus-path-list>', () => {
  it('shows recommendations by default, under a heading', async () => {
    const { client } = testClient();
    const el = await fixture<NexusPathList>(html`<nexus-path-list .client=${client} limit="4"></nexus-path-list>`);
    await rendered(el);
    expect(el.shadowRoot!.querySelector('[part~="heading"]')!.textContent).to.equal('Recommended for you');
    expect(titles(el).length).to.equal(4);
    await expect(el).to.be.accessible();
    expect(el.getAttribute('state')).to.equal('ready');
    await expectReadOnlyState(el);
    expect(titles(el).length, 'the list stays').to.equal(4);
  });

  it('lists the paths carrying a tag, with their step counts', async () => {
    const el = await fixture<NexusPathList>(
      html`<nexus-path-list server=${env.server} token=${env.tokens.demo} source="tags" value="Thermostat"></nexus-path-list>`,
    );
    await rendered(el);
    expect(titles(el).length).to.be.greaterThan(1);
    expect(titles(el).join(' ')).to.match(/thermostat/i);
    const meta = el.shadowRoot!.querySelector('[part~="item-meta"]')!.textContent!;
    expect(meta).to.match(/^\d+ steps?$/);
  });

  it('emits a cancelable nexus-path-select when a path is picked, by pointer or keyboard', async () => {
    const el = await fixture<NexusPathList>(
      html`<nexus-path-list server=${env.server} token=${env.tokens.demo} source="tags" value="LightBulb"></nexus-path-list>`,
    );
    await rendered(el);
    const first = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="item-button"]')!;
    setTimeout(() => first.click());
    const clicked = await oneEvent(el, 'nexus-path-select');
    expect(clicked.detail.pathId).to.be.a('string');
    expect(clicked.detail.source).to.equal('list');
    expect(clicked.cancelable && clicked.composed && clicked.bubbles).to.equal(true);

    first.focus();
    setTimeout(() => sendKeys({ press: 'Enter' }));
    const pressed = await oneEvent(el, 'nexus-path-select');
    expect(pressed.detail.pathId).to.equal(clicked.detail.pathId);
  });

  it('renders items set by the page without a request, marking search highlights as text', async () => {
    const { client, posts } = testClient();
    const items = [
      {
        id: 'x',
        title: 'Reset <b>bulb</b>',
        titleHighlight: '\u0001Reset\u0002 <b>bulb</b>',
        summary: 'sum',
        snippet: 'a \u0001match\u0002 here',
        category: 'lighting',
        tags: [],
        helpIds: [],
        stepCount: 1,
        score: 1,
      },
    ];
    const el = await fixture<NexusPathList>(html`<nexus-path-list .client=${client} .items=${items} label="Results"></nexus-path-list>`);
    await rendered(el);
    const title = el.shadowRoot!.querySelector('[part~="item-title"]')!;
    expect(title.querySelector('mark')!.textContent).to.equal('Reset');
    expect(title.querySelector('b')).to.equal(null);
    expect(title.textContent).to.contain('<b>bulb</b>');
    expect(el.shadowRoot!.querySelector('[part~="item-summary"] mark')!.textContent).to.equal('match');
    expect(el.shadowRoot!.querySelector('[part~="item-meta"]')!.textContent).to.equal('1 step');
    expect(posts).to.deep.equal([]);
  });

  it('says so when there is nothing to show', async () => {
    const el = await fixture<NexusPathList>(
      html`<nexus-path-list server=${env.server} token=${env.tokens.demo} source="tags" value="NoSuchTagAnywhere"></nexus-path-list>`,
    );
    await rendered(el);
    expect(el.shadowRoot!.querySelector('[part~="empty"]')!.textContent).to.contain('no help topics');
    expect(el.state).to.equal('empty');
    await expect(el).to.be.accessible();
  });

  it('shows a refused token as a visible error with retry, and emits nexus-error', async () => {
    const errored = new Promise<CustomEvent>((resolve) => document.addEventListener('nexus-error', resolve as EventListener, { once: true }));
    const el = await fixture<NexusPathList>(
      html`<nexus-path-list server=${env.server} token=${env.tokens.expired} source="tags" value="Hub"></nexus-path-list>`,
    );
    const event = await errored;
    expect(event.detail).to.include({ code: 'token_expired', status: 401, source: 'nexus-path-list' });
    await rendered(el);
    const error = el.shadowRoot!.querySelector('[part~="error"]')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.contain('not authorized');
    expect(error.querySelector('[part~="retry-button"]')).to.exist;
    expect(el.state).to.equal('error');
    await expect(el).to.be.accessible();
  });

  it('recovers with the retry button once the server answers', async () => {
    let fail = true;
    const { client } = testClient({
      fetch: (input, init) => (fail ? Promise.reject(new TypeError('offline')) : fetch(input, init)),
    });
    const el = await fixture<NexusPathList>(html`<nexus-path-list .client=${client} source="tags" value="Camera"></nexus-path-list>`);
    await rendered(el);
    expect(el.shadowRoot!.querySelector('[part~="error"]')!.textContent).to.contain('could not reach');
    fail = false;
    const trail = stateTrail(el);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
    await waitUntil(() => titles(el).length > 0, 'the paths after retry');
    expect(trail.values, 'the reflected state').to.deep.equal(['error', 'loading', 'ready']);
    trail.stop();
  });

  it('is themed through parts and custom properties', async () => {
    const el = await fixture<NexusPathList>(html`<div>
      <style>
        .themed { --nexus-path-list-item-background: rgb(1, 2, 3); }
        .themed::part(item-title) { color: rgb(200, 0, 0); }
      </style>
      <nexus-path-list class="themed" server=${env.server} token=${env.tokens.demo} source="tags" value="Hub"></nexus-path-list>
    </div>`).then((wrapper) => wrapper.querySelector('nexus-path-list')!);
    await rendered(el);
    expect(getComputedStyle(el.shadowRoot!.querySelector('[part~="item-button"]')!).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(el.shadowRoot!.querySelector('[part~="item-title"]')!).color).to.equal('rgb(200, 0, 0)');
  });

  it('puts the heading at the requested level and drops it when the label is empty', async () => {
    const el = await fixture<NexusPathList>(
      html`<nexus-path-list server=${env.server} token=${env.tokens.demo} source="tags" value="Hub" heading-level="4"></nexus-path-list>`,
    );
    await rendered(el);
    expect(el.shadowRoot!.querySelector('[part~="heading"]')!.getAttribute('aria-level')).to.equal('4');
    el.label = '';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="heading"]')).to.equal(null);
  });
});
