import { ContextProvider } from '@lit/context';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { env, expectReadOnlyState, sleep, stateTrail, until } from '../../../test/browser/env.js';
import { NexusClient } from '../../core/client.js';
import { memoryStorage } from '../../core/storage.js';
import { clientContext } from '../shared/context.js';
import type { NexusEvent } from '../shared/events.js';
import { defaultStrings } from '../../i18n/strings-all.js';
import './search.js';
import type { NexusSearch } from './search.js';

type SearchDetail = NexusEvent<'nexus-search'>['detail'];

const $ = <T extends Element = HTMLElement>(el: NexusSearch, selector: string) =>
  el.shadowRoot!.querySelector<T & HTMLElement>(selector);
const input = (el: NexusSearch) => $<HTMLInputElement>(el, '[part="input"]')!;
const listbox = (el: NexusSearch) => $(el, '[part="listbox"]')!;
const options = (el: NexusSearch) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="option"]')];
const liveRegion = (el: NexusSearch) => $(el, '[part="status"]')!;
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const visible = (node: Element | null) => !!node && node.getClientRects().length > 0;

/** A search box connected to the demo tenant of the test server. */
function searchBox(attributes: { debounce?: number; tags?: string; limit?: number; token?: string; server?: string } = {}) {
  return fixture<NexusSearch>(html`<nexus-search
    server=${attributes.server ?? env.server}
    token=${attributes.token ?? env.tokens.demo}
    debounce=${attributes.debounce ?? 150}
    tags=${attributes.tags ?? ''}
    limit=${attributes.limit ?? 8}
  ></nexus-search>`);
}

/** Resolves with the `nexus-search` detail for `query` (the first one, or the submitted one). */
function searchFor(el: NexusSearch, query: string, submitted = false): Promise<SearchDetail> {
  return new Promise((resolve) => {
    const listener = (event: NexusEvent<'nexus-search'>) => {
      if (event.detail.query !== query || event.detail.submitted !== submitted) return;
      el.removeEventListener('nexus-search', listener);
      resolve(event.detail);
    };
    el.addEventListener('nexus-search', listener);
  });
}

/** Every `nexus-search` the element emits from now on. */
function recordSearches(el: NexusSearch): SearchDetail[] {
  const seen: SearchDetail[] = [];
  el.addEventListener('nexus-search', (event) => seen.push(event.detail));
  return seen;
}

/** Types into the field with real key presses and waits for the results of the whole text. */
async function typeAndWait(el: NexusSearch, value: string): Promise<SearchDetail> {
  const settled = searchFor(el, value.trim());
  el.focus();
  await sendKeys({ type: value });
  const detail = await settled;
  await el.updateComplete;
  return detail;
}

async function press(el: NexusSearch, key: string): Promise<void> {
  await sendKeys({ press: key });
  await el.updateComplete;
}

function activeOption(el: NexusSearch): HTMLElement | null {
  const id = input(el).getAttribute('aria-activedescendant');
  return id ? el.shadowRoot!.getElementById(id) : null;
}

/** Checks that exactly option `index` is active, for the field and for the options. */
function expectActive(el: NexusSearch, index: number): void {
  const all = options(el);
  expect(activeOption(el), `option ${index} is the active descendant`).to.equal(all[index]);
  expect(all.map((o) => o.getAttribute('aria-selected'))).to.deep.equal(all.map((_, i) => String(i === index)));
}

function expectClosed(el: NexusSearch): void {
  expect(input(el).getAttribute('aria-expanded')).to.equal('false');
  expect(input(el).hasAttribute('aria-activedescendant')).to.equal(false);
  expect(visible(listbox(el))).to.equal(false);
}

describe('<nexus-search>', () => {
  describe('rendering', () => {
    it('is a labelled combobox in a search form, closed at first', async () => {
      const el = await searchBox();
      const field = input(el);
      expect(el.shadowRoot!.querySelector('form')!.getAttribute('role')).to.equal('search');
      expect(field.getAttribute('role')).to.equal('combobox');
      expect(field.getAttribute('aria-autocomplete')).to.equal('list');
      expect(field.getAttribute('aria-controls')).to.equal(listbox(el).id);
      expect(listbox(el).getAttribute('role')).to.equal('listbox');
      expect(field.labels?.[0]?.textContent).to.equal(defaultStrings.searchLabel);
      expect(field.placeholder).to.equal(defaultStrings.searchPlaceholder);
      expect(visible($(el, '[part="clear-button"]'))).to.equal(false);
      expect($(el, '[part="submit-button"]')!.getAttribute('aria-label')).to.equal(defaultStrings.searchSubmit);
      expectClosed(el);
      await expect(el).to.be.accessible();
    });

    it('takes its label and placeholder from attributes, and can show the label', async () => {
      const el = await fixture<NexusSearch>(html`<nexus-search
        server=${env.server}
        token=${env.tokens.demo}
        label="Find a guide"
        placeholder="Type a device"
        label-visible
      ></nexus-search>`);
      const label = $(el, '[part="label"]')!;
      expect(text(label)).to.equal('Find a guide');
      expect(label.classList.contains('visually-hidden')).to.equal(false);
      expect(label.getBoundingClientRect().width).to.be.greaterThan(10);
      expect(input(el).placeholder).to.equal('Type a device');
      await expect(el).to.be.accessible();
    });

    it('starts from the value attribute without searching', async () => {
      const seen: SearchDetail[] = [];
      const el = await fixture<NexusSearch>(html`<nexus-search
        server=${env.server}
        token=${env.tokens.demo}
        value="thermostat"
        @nexus-search=${(e: NexusEvent<'nexus-search'>) => seen.push(e.detail)}
      ></nexus-search>`);
      expect(input(el).value).to.equal('thermostat');
      await sleep(300);
      expect(seen).to.deep.equal([]);
      expectClosed(el);
    });
  });

  describe('searching as the person types', () => {
    it('shows the reset path first for "reset bulb", with the matches marked', async () => {
      const el = await searchBox();
      const trail = stateTrail(el);
      const detail = await typeAndWait(el, 'reset bulb');
      const states = trail.values;
      trail.stop();
      expect([states[0], states.at(-1)], 'the reflected state').to.deep.equal(['idle', 'ready']);
      expect(states, 'while it searches').to.include('loading');
      await expectReadOnlyState(el);

      const shown = options(el);
      expect(shown.length).to.be.greaterThan(0);
      expect(detail).to.deep.equal({ query: 'reset bulb', count: shown.length, submitted: false });
      expect(el.results.map((hit) => hit.id)[0]).to.equal('reset-smart-bulb');
      const title = shown[0].querySelector('[part="option-title"]')!;
      expect(text(title)).to.equal('How to reset a Smart Bulb');
      const marks = [...title.querySelectorAll('mark')].map((m) => m.textContent!.toLowerCase());
      expect(marks).to.include.members(['reset', 'bulb']);
      expect(title.querySelector('mark')!.getAttribute('part')).to.equal('mark');
      expect(text(shown[0].querySelector('[part="option-snippet"]'))).to.not.equal('');
      expect(input(el).getAttribute('aria-expanded')).to.equal('true');
      expect(visible(listbox(el))).to.equal(true);
      expect(el.value).to.equal('reset bulb');
      expect(text(liveRegion(el))).to.equal(
        defaultStrings.searchResultCount.replace('{count}', String(shown.length)),
      );
      await expect(el).to.be.accessible();
    });

    it('matches the last word as a prefix ("therm" finds the thermostat paths)', async () => {
      const el = await searchBox();
      await typeAndWait(el, 'therm');
      const thermostat = el.results.filter((hit) => hit.tags.includes('Thermostat'));
      expect(thermostat.length).to.be.at.least(3);
      expect(el.results[0].tags).to.include('Thermostat');
      const firstMark = options(el)[0].querySelector('mark');
      expect(firstMark?.textContent?.toLowerCase()).to.match(/^therm/);
    });

    it('announces a single result in the singular', async () => {
      const el = await searchBox({ limit: 1 });
      const detail = await typeAndWait(el, 'reset bulb');
      expect(detail.count).to.equal(1);
      expect(options(el)).to.have.length(1);
      expect(text(liveRegion(el))).to.equal(defaultStrings.searchResultCountOne);
    });

    it('closes the popup and forgets the results when the text gets shorter than min-length', async () => {
      const el = await searchBox();
      await typeAndWait(el, 'reset');
      for (let i = 0; i < 4; i++) await press(el, 'Backspace');
      expect(input(el).value).to.equal('r');
      expectClosed(el);
      expect(el.results).to.deep.equal([]);
      expect(text(liveRegion(el))).to.equal('');
      expect(el.state).to.equal('idle');
    });

    it('does not search before the pause in typing', async () => {
      const el = await searchBox({ debounce: 400 });
      const seen = recordSearches(el);
      el.focus();
      await sendKeys({ type: 'reset' });
      await sleep(100);
      expect(seen).to.deep.equal([]);
      await until(() => seen.length === 1, 'the search after the pause');
      expect(seen[0].query).to.equal('reset');
    });

    it('shows only the latest text’s results when typing outruns the server, one event per settled query', async () => {
      const el = await searchBox({ debounce: 0 });
      const seen = recordSearches(el);
      await typeAndWait(el, 'thermostat batt');
      await sleep(300); // room for any late answer
      await el.updateComplete;

      const queries = seen.map((d) => d.query);
      expect(new Set(queries).size, `no query reported twice: ${queries.join(' | ')}`).to.equal(queries.length);
      expect(queries.at(-1)).to.equal('thermostat batt');
      for (const query of queries) expect('thermostat batt'.startsWith(query)).to.equal(true);

      const reference = new NexusClient({ server: env.server, token: env.tokens.demo, storage: memoryStorage() });
      const expected = (await reference.selfHelp.search('thermostat batt', { channel: null, limit: 8 })).items.map((hit) => hit.title);
      await reference.destroy();
      expect(options(el).map((o) => text(o.querySelector('[part="option-title"]')))).to.deep.equal(expected);
      expect(el.results[0].id).to.equal('replace-thermostat-battery');
    });

    it('cancels a superseded request and drops its answer if it still arrives', async () => {
      // The network is real; only the timing is arranged: the answer for "bulb" is held back
      // (and ignores cancellation, as an answer already on its way would), so that it arrives
      // after the answer for the longer text.
      let held: { signal?: AbortSignal | null; done: boolean } | undefined;
      let laterAsked = false;
      const slowFetch: typeof fetch = async (url, init) => {
        const q = new URL(String(url)).searchParams.get('q');
        if (q === 'bulb flicker') laterAsked = true;
        const response = await fetch(url, { ...init, signal: undefined });
        if (q === 'bulb') {
          held = { signal: init?.signal, done: false };
          // Held until the longer text has been asked for, however slowly the keys come.
          await until(() => laterAsked, 'the request for the longer text', 8000);
          await sleep(100);
          held.done = true;
        }
        return response;
      };
      const client = new NexusClient({ server: env.server, token: env.tokens.demo, storage: memoryStorage(), fetch: slowFetch });
      const host = await fixture<HTMLDivElement>(html`<div></div>`);
      const provider = new ContextProvider(host, { context: clientContext, initialValue: client });
      provider.hostConnected();
      try {
        const el = document.createElement('nexus-search');
        el.debounce = 60;
        host.append(el);
        await until(() => el.client === client, 'the provided client');
        await el.updateComplete;
        const seen = recordSearches(el);
        el.focus();
        await sendKeys({ type: 'bulb' });
        await until(() => held, 'the request for "bulb"');
        const settled = searchFor(el, 'bulb flicker');
        await sendKeys({ type: ' flicker' });
        await settled;
        await until(() => held!.done, 'the held answer', 3000);
        await sleep(50);
        await el.updateComplete;

        expect(held!.signal?.aborted, 'the superseded request was cancelled').to.equal(true);
        // A slow machine may let the debounce fire between keystrokes ("bul"); those answers are
        // fine. What must never show is the superseded "bulb" answer, and the last word is the newest.
        const queries = seen.map((d) => d.query);
        expect(queries).not.to.include('bulb');
        expect(queries.at(-1)).to.equal('bulb flicker');
        expect(el.results[0].id).to.equal('bulb-flicker');
        expect(text(options(el)[0].querySelector('[part="option-title"]'))).to.equal(el.results[0].title);
      } finally {
        await client.destroy();
      }
    });
  });

  describe('keyboard', () => {
    it('moves the active option with the arrow keys, wrapping at both ends', async () => {
      const el = await searchBox();
      await typeAndWait(el, 'reset');
      const last = options(el).length - 1;
      expect(last).to.be.at.least(2);
      expect(input(el).hasAttribute('aria-activedescendant')).to.equal(false);

      await press(el, 'ArrowDown');
      expectActive(el, 0);
      await press(el, 'ArrowDown');
      expectActive(el, 1);
      await press(el, 'ArrowUp');
      await press(el, 'ArrowUp');
      expectActive(el, last);
      await press(el, 'ArrowDown');
      expectActive(el, 0);
      // Focus never leaves the field.
      expect(el.shadowRoot!.activeElement).to.equal(input(el));
      await expect(el).to.be.accessible();
    });

    it('selects the active option with Enter', async () => {
      const el = await searchBox();
      await typeAndWait(el, 'reset bulb');
      await press(el, 'ArrowDown');
      await press(el, 'ArrowDown');
      const picked = el.results[1];
      const selected = oneEvent(el, 'nexus-path-select');
      const submitted = recordSearches(el);
      await press(el, 'Enter');
      const event = (await selected) as NexusEvent<'nexus-path-select'>;
      expect(event.detail).to.deep.equal({ pathId: picked.id, title: picked.title, source: 'search' });
      expect(event.cancelable).to.equal(true);
      expect(event.bubbles && event.composed).to.equal(true);
      expectClosed(el);
      expect(submitted).to.deep.equal([]);
    });

    it('closes with Escape, then clears with a second Escape; ArrowDown reopens', async () => {
      const el = await searchBox();
      await typeAndWait(el, 'reset');
      await press(el, 'ArrowDown');
      await press(el, 'Escape');
      expectClosed(el);
      expect(input(el).value).to.equal('reset');

      await press(el, 'ArrowDown');
      expect(input(el).getAttribute('aria-expanded')).to.equal('true');
      expectActive(el, 0);
      await press(el, 'Escape');
      expectClosed(el);

      await press(el, 'Escape');
      expect(input(el).value).to.equal('');
      expect(el.value).to.equal('');
      expect(el.results).to.deep.equal([]);
      expectClosed(el);
    });

    it('closes when Tab moves focus on', async () => {
      const el = await searchBox();
      await typeAndWait(el, 'reset');
      await press(el, 'Tab');
      expectClosed(el);
    });

    it('submits with Enter when no option is active', async () => {
      const el = await searchBox();
      const typed = await typeAndWait(el, 'reset');
      const submitted = searchFor(el, 'reset', true);
      await press(el, 'Enter');
      expect(await submitted).to.deep.equal({ query: 'reset', count: typed.count, submitted: true });
      expectClosed(el);
    });

    it('submits before the results are in, and reports the submitted search once they are', async function () {
      // A slow shared machine may take seconds to answer; the wait says what the element saw.
      this.timeout(20000);
      const el = await searchBox({ debounce: 1000 });
      const seen = recordSearches(el);
      const errors: string[] = [];
      el.addEventListener('nexus-error', (event) => errors.push(`${event.detail.code}: ${event.detail.message}`));
      el.focus();
      await sendKeys({ type: 'thermostat' });
      expect(input(el).value, 'the typed text reached the field').to.equal('thermostat');
      await press(el, 'Enter');
      await until(() => seen.length || errors.length, 'the submitted search', 15000).catch((error: Error) => {
        throw new Error(`${error.message} (field "${input(el).value}", errors: ${errors.join('; ') || 'none'})`);
      });
      expect(errors).to.deep.equal([]);
      await sleep(1100);
      expect(seen).to.have.length(1);
      expect(seen[0].submitted).to.equal(true);
      expect(seen[0].query).to.equal('thermostat');
      expect(seen[0].count).to.be.greaterThan(0).and.equal(el.results.length);
      expectClosed(el);
    });

    it('submits with the submit button', async () => {
      const el = await searchBox();
      await typeAndWait(el, 'wifi');
      const submitted = searchFor(el, 'wifi', true);
      $(el, '[part="submit-button"]')!.click();
      expect((await submitted).count).to.equal(el.results.length);
    });
  });

  describe('pointer', () => {
    it('makes the option under the pointer active and selects it on click, keeping focus in the field', async () => {
      const el = await searchBox();
      await typeAndWait(el, 'reset');
      const target = options(el)[2];
      const box = target.getBoundingClientRect();
      const at: [number, number] = [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)];
      await sendMouse({ type: 'move', position: at });
      await el.updateComplete;
      expectActive(el, 2);

      const selected = oneEvent(el, 'nexus-path-select');
      await sendMouse({ type: 'click', position: at });
      const event = (await selected) as NexusEvent<'nexus-path-select'>;
      expect(event.detail.pathId).to.equal(el.results[2].id);
      expect(el.shadowRoot!.activeElement).to.equal(input(el));
      await el.updateComplete;
      expectClosed(el);
      await sendMouse({ type: 'move', position: [0, 0] });
    });

    it('clears the text with the clear button and keeps focus in the field', async () => {
      const el = await searchBox();
      await typeAndWait(el, 'reset');
      const clear = $(el, '[part="clear-button"]')!;
      expect(visible(clear)).to.equal(true);
      expect(clear.getAttribute('aria-label')).to.equal(defaultStrings.searchClear);
      clear.click();
      await el.updateComplete;
      expect(input(el).value).to.equal('');
      expect(el.shadowRoot!.activeElement).to.equal(input(el));
      expect(visible(clear)).to.equal(false);
      expectClosed(el);
    });
  });

  describe('states', () => {
    it('says when nothing matches, in the popup and in the live region', async () => {
      const el = await searchBox();
      const detail = await typeAndWait(el, 'zzqqxx');
      expect(detail.count).to.equal(0);
      expect(el.getAttribute('state')).to.equal('empty');
      const message = defaultStrings.searchNoResults.replace('{query}', 'zzqqxx');
      const empty = $(el, '[part="empty"]');
      expect(visible(empty)).to.equal(true);
      expect(text(empty)).to.equal(message);
      expect(text(liveRegion(el))).to.equal(message);
      expect(liveRegion(el).getAttribute('role')).to.equal('status');
      expect(input(el).getAttribute('aria-expanded')).to.equal('false');
      await expect(el).to.be.accessible();

      await press(el, 'Escape');
      expect(visible($(el, '[part="empty"]'))).to.equal(false);
    });

    it('shows an error and a retry button when the token has expired', async () => {
      const el = await searchBox({ token: env.tokens.expired });
      const failed = oneEvent(el, 'nexus-error');
      el.focus();
      await sendKeys({ type: 'reset' });
      const event = (await failed) as NexusEvent<'nexus-error'>;
      expect(event.detail.code).to.equal('token_expired');
      expect(event.detail.status).to.equal(401);
      expect(event.detail.source).to.equal('nexus-search');
      await el.updateComplete;

      const error = $(el, '[part="error"]')!;
      expect(visible(error)).to.equal(true);
      expect(text(error)).to.contain(defaultStrings.errorUnauthorized);
      expect(el.state).to.equal('error');
      expect(el.results).to.deep.equal([]);
      expectClosed(el);
      await expect(el).to.be.accessible();

      const again = oneEvent(el, 'nexus-error');
      $(el, '[part="retry-button"]')!.click();
      expect(((await again) as NexusEvent<'nexus-error'>).detail.code).to.equal('token_expired');
      expect(el.shadowRoot!.activeElement).to.equal(input(el));
    });

    it('shows an error when the server cannot be reached', async () => {
      const el = await searchBox({ server: 'http://127.0.0.1:9' });
      const failed = oneEvent(el, 'nexus-error');
      el.focus();
      await sendKeys({ type: 'reset' });
      const event = (await failed) as NexusEvent<'nexus-error'>;
      expect(event.detail.code).to.equal('network_error');
      await el.updateComplete;
      const error = $(el, '[part="error"]')!;
      expect(text(error)).to.contain(defaultStrings.errorNetwork);
      expect(visible($(el, '[part="retry-button"]'))).to.equal(true);
      await expect(el).to.be.accessible();
    });
  });

  describe('filters and tenants', () => {
    it('suggests only paths with one of the given tags', async () => {
      const all = await searchBox();
      await typeAndWait(all, 'reset');
      expect(all.results.some((hit) => !hit.tags.includes('LightBulb'))).to.equal(true);

      const el = await searchBox({ tags: 'LightBulb' });
      await typeAndWait(el, 'reset');
      expect(el.results.length).to.be.greaterThan(0);
      expect(el.results.map((hit) => hit.id)).to.include('reset-smart-bulb');
      for (const hit of el.results) expect(hit.tags).to.include('LightBulb');
    });

    it('never shows the demo tenant’s paths to another tenant', async () => {
      const demo = await searchBox();
      await typeAndWait(demo, 'reset bulb');
      const demoIds = demo.results.map((hit) => hit.id);
      expect(demoIds).to.include('reset-smart-bulb');

      const other = await searchBox({ token: env.tokens.other });
      await typeAndWait(other, 'reset bulb');
      for (const hit of other.results) expect(demoIds).to.not.include(hit.id);
      for (const option of options(other)) expect(text(option)).to.not.contain('Smart Bulb');
    });
  });

  describe('hostile text', () => {
    const pwned = () => (window as unknown as { __pwned?: number }).__pwned;

    it('shows quotes, operators and markup as text and keeps working', async () => {
      const el = await searchBox();
      const query = '"reset" * NEAR( <img src=x onerror=window.__pwned=1>';
      const detail = await typeAndWait(el, query);
      expect(input(el).value).to.equal(query);
      expect(detail.count).to.equal(options(el).length);
      expect($(el, '[part="error"]')).to.equal(null);
      expect(el.shadowRoot!.querySelector('img')).to.equal(null);
      await sleep(50);
      expect(pwned()).to.equal(undefined);
    });

    it('shows hostile text as text in the no-results message', async () => {
      const el = await searchBox();
      const query = '"zzqq" <zzqq onerror=zzqq>*';
      const detail = await typeAndWait(el, query);
      expect(detail.count).to.equal(0);
      const empty = $(el, '[part="empty"]')!;
      expect(text(empty)).to.equal(defaultStrings.searchNoResults.replace('{query}', query));
      expect(text(liveRegion(el))).to.equal(text(empty));
      expect(el.shadowRoot!.querySelector('zzqq')).to.equal(null);
      expect($(el, '[part="error"]')).to.equal(null);
    });

    for (const query of ['NEAR(', '**', '" OR "', 'a AND NOT b', '^reset', '{}[]']) {
      it(`does not break on ${query}`, async () => {
        const el = await searchBox({ debounce: 0 });
        await typeAndWait(el, query);
        expect($(el, '[part="error"]')).to.equal(null);
        expect(input(el).value).to.equal(query);
      });
    }
  });

  describe('public API and theming', () => {
    it('focus(), clear() and value', async () => {
      const el = await searchBox();
      el.focus();
      expect(el.shadowRoot!.activeElement).to.equal(input(el));
      await typeAndWait(el, 'reset');
      expect(el.value).to.equal('reset');
      el.clear();
      await el.updateComplete;
      expect(el.value).to.equal('');
      expect(input(el).value).to.equal('');
      expect(el.results).to.deep.equal([]);
      expectClosed(el);

      el.value = 'wifi';
      await el.updateComplete;
      expect(input(el).value).to.equal('wifi');
    });

    it('can be styled through parts and custom properties', async () => {
      const wrapper = await fixture(html`<div>
        <style>
          .themed::part(input) {
            color: rgb(1, 2, 3);
          }
          .themed {
            --nexus-search-input-background: rgb(4, 5, 6);
            --nexus-search-option-active-background: rgb(7, 8, 9);
          }
        </style>
        <nexus-search class="themed" server=${env.server} token=${env.tokens.demo}></nexus-search>
      </div>`);
      const el = wrapper.querySelector('nexus-search')!;
      await el.updateComplete;
      expect(getComputedStyle(input(el)).color).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle($(el, '[part="input-wrapper"]')!).backgroundColor).to.equal('rgb(4, 5, 6)');
      await typeAndWait(el, 'reset');
      await press(el, 'ArrowDown');
      expect(getComputedStyle(options(el)[0]).backgroundColor).to.equal('rgb(7, 8, 9)');
    });
  });
});
