/**
 * The React integration (`nexus-connect/react`) in a real React 19 app, against the reference
 * server: the generated wrappers set the elements' properties from props and call `on…` props on
 * their events; the JSX intrinsic types let React render the tags directly; unmounting removes
 * the elements. `SupportPanel` is the example of docs/frameworks.md.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { StrictMode, createRef, useState, type ReactNode, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { env, sleep } from '../../test/browser/env.js';
import * as wrappers from './index.js';
import {
  NexusProvider,
  NexusSelfHelp,
  type NexusEvent,
  type NexusPathListElement,
  type NexusSelfHelpElement,
} from './index.js';

// ---- The documented example ----

/** Self help for a React app: reports searches into React state, and solved problems to the app. */
function SupportPanel({ server, token, onSolved }: { server: string; token: string; onSolved?: (pathId: string) => void }) {
  const [lastSearch, setLastSearch] = useState('');
  return (
    <NexusProvider server={server} token={token}>
      <NexusSelfHelp
        displayOrder="search,categories,paths"
        skill="support"
        onNexusSearch={(event) => setLastSearch(event.detail.query)}
        onNexusResolved={(event) => onSolved?.(event.detail.pathId)}
      />
      {lastSearch && <p className="last-search">You searched for “{lastSearch}”</p>}
    </NexusProvider>
  );
}

// ---- Helpers ----

const shadow = (el: Element) => el.shadowRoot!;
const texts = (root: ParentNode, selector: string) => [...root.querySelectorAll(selector)].map((n) => n.textContent!.trim());
const sectionsOf = (el: Element) => [...shadow(el).querySelectorAll('[part~="section"]')].map((s) => s.getAttribute('data-section'));
const pathList = (el: Element) => shadow(el).querySelector<NexusPathListElement>('nexus-path-list')!;
const pathTitles = (el: Element) => {
  const list = shadow(el).querySelector('nexus-path-list');
  return list ? texts(shadow(list), '[part~="item-title"]') : [];
};
const categoryNames = (el: Element) => {
  const categories = shadow(el).querySelector('nexus-categories');
  return categories ? texts(shadow(categories), '[part~="card-name"]') : [];
};

const mounted: Root[] = [];

/** Renders `ui` into a fresh container with react-dom/client, synchronously. */
function render(ui: ReactNode) {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  mounted.push(root);
  flushSync(() => root.render(ui));
  return {
    container,
    rerender: (next: ReactNode) => flushSync(() => root.render(next)),
    unmount() {
      root.unmount();
      container.remove();
    },
  };
}

afterEach(() => {
  for (const root of mounted.splice(0)) root.unmount();
  document.querySelectorAll('body > div').forEach((div) => div.remove());
});

// ---- Tests ----

describe('nexus-connect/react', () => {
  it('renders the real elements with props as properties; self help shows the categories from the server', async () => {
    const ref = createRef<NexusSelfHelpElement>();
    const { container } = render(
      <NexusProvider server={env.server} token={env.tokens.demo}>
        <NexusSelfHelp ref={ref} displayOrder="categories,paths" headingLevel={3} className="support" />
      </NexusProvider>,
    );
    const provider = container.querySelector('nexus-provider')!;
    const selfHelp = container.querySelector('nexus-self-help')!;
    expect(provider.server).to.equal(env.server);
    expect(provider.token).to.equal(env.tokens.demo);
    expect(selfHelp.parentElement).to.equal(provider);
    expect(ref.current).to.equal(selfHelp);
    expect(selfHelp).to.be.instanceOf(customElements.get('nexus-self-help')!);
    expect(selfHelp.displayOrder).to.equal('categories,paths');
    expect(selfHelp.headingLevel).to.equal(3);
    expect(selfHelp.className).to.equal('support');

    await waitUntil(() => categoryNames(selfHelp).length > 0, 'the categories from the server', { timeout: 10_000 });
    expect(sectionsOf(selfHelp)).to.deep.equal(['categories', 'paths']);
    expect(categoryNames(selfHelp)).to.include.members(['Lighting', 'Heating & Cooling', 'Hub & Network']);
  });

  it('calls onNexusSearch with the typed detail when the visitor searches (the documented example)', async () => {
    const { container } = render(<SupportPanel server={env.server} token={env.tokens.demo} />);
    const selfHelp = container.querySelector('nexus-self-help')!;
    await waitUntil(() => shadow(selfHelp).querySelector('nexus-search'), 'the search box');
    shadow(selfHelp).querySelector<HTMLElement>('nexus-search')!.focus();
    await sendKeys({ type: 'reset bulb' });
    // The handler put the query into React state, which React rendered next to the element.
    await waitUntil(() => container.querySelector('.last-search')?.textContent?.includes('reset bulb'), 'the search in React state', {
      timeout: 5000,
    });
  });

  it('follows prop changes, and the latest on… prop is the one called', async () => {
    const opened: string[] = [];
    const earlier: string[] = [];
    const panel = (searchValue: string, onOpen: (event: NexusEvent<'nexus-path-open'>) => void) => (
      <NexusSelfHelp
        server={env.server}
        token={env.tokens.demo}
        searchType="tags"
        searchValue={searchValue}
        displayOrder="paths"
        onNexusPathOpen={onOpen}
      />
    );
    const { container, rerender } = render(panel('LightBulb', (event) => earlier.push(event.detail.title)));
    const selfHelp = container.querySelector('nexus-self-help')!;
    await waitUntil(() => pathTitles(selfHelp).length > 0, 'the LightBulb paths');
    expect(pathTitles(selfHelp).join(' ')).to.match(/bulb/i);

    rerender(panel('Thermostat', (event) => opened.push(event.detail.title)));
    expect(selfHelp.searchValue).to.equal('Thermostat');
    await waitUntil(() => pathTitles(selfHelp).join(' ').match(/thermostat/i) && !pathTitles(selfHelp).join(' ').match(/bulb/i), 'the Thermostat paths');

    const title = pathTitles(selfHelp)[0];
    shadow(pathList(selfHelp)).querySelector<HTMLButtonElement>('[part~="item-button"]')!.click();
    await waitUntil(() => opened.length === 1, 'onNexusPathOpen');
    expect(opened).to.deep.equal([title]);
    expect(earlier).to.deep.equal([]);
  });

  it('adds each listener once under StrictMode (double-invoked effects)', async () => {
    const searches: string[] = [];
    const { container } = render(
      <StrictMode>
        <NexusSelfHelp server={env.server} token={env.tokens.demo} displayOrder="search" onNexusSearch={(event) => searches.push(event.detail.query)} />
      </StrictMode>,
    );
    const selfHelp = container.querySelector('nexus-self-help')!;
    await waitUntil(() => shadow(selfHelp).querySelector('nexus-search'), 'the search box');
    shadow(selfHelp).querySelector<HTMLElement>('nexus-search')!.focus();
    await sendKeys({ type: 'thermostat' });
    await waitUntil(() => searches.includes('thermostat'), 'onNexusSearch');
    await sleep(400);
    // One call per search (a slow typist may also get one for a prefix), never two for one.
    expect(searches.at(-1)).to.equal('thermostat');
    expect(new Set(searches).size).to.equal(searches.length);
  });

  it('unmount removes the elements, even while they load, and leaves the page clean', async () => {
    const solved: string[] = [];
    const { container, unmount } = render(<SupportPanel server={env.server} token={env.tokens.demo} onSolved={(id) => solved.push(id)} />);
    const selfHelp = container.querySelector('nexus-self-help')!;
    expect(selfHelp.isConnected).to.equal(true);
    unmount(); // requests for categories and paths are still in flight
    expect(selfHelp.isConnected).to.equal(false);
    expect(container.childElementCount).to.equal(0);
    expect(document.querySelector('nexus-self-help, nexus-provider')).to.equal(null);
    // The answers arriving after the unmount must not log errors (env.ts fails the test if they do).
    await sleep(500);

    // The same component mounts again afterwards, with a working element.
    const again = render(<SupportPanel server={env.server} token={env.tokens.demo} />);
    const fresh = again.container.querySelector('nexus-self-help')!;
    await waitUntil(() => categoryNames(fresh).length > 0, 'the categories again');
  });

  it('maps every documented event of every element to its on… prop', async () => {
    const manifest = (await (await fetch('/custom-elements.json')).json()) as {
      modules: { declarations?: { name: string; tagName?: string; customElement?: boolean; events?: { name: string }[] }[] }[];
    };
    const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName);
    expect(elements.length).to.be.greaterThan(9);
    const components = wrappers as unknown as Record<string, (props: Record<string, unknown> & { ref: RefObject<HTMLElement | null> }) => ReactNode>;
    for (const element of elements) {
      const Component = components[element.name];
      expect(Component, `a wrapper for <${element.tagName}>`).to.exist;
      const heard: string[] = [];
      const props = Object.fromEntries(
        (element.events ?? []).map((event) => [
          `on${event.name.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase())}`,
          (e: Event) => heard.push(e.type),
        ]),
      );
      const ref = createRef<HTMLElement>();
      const { unmount } = render(
        <NexusProvider server={env.server} token={env.tokens.demo}>
          <Component {...props} ref={ref} />
        </NexusProvider>,
      );
      const el = ref.current!;
      expect(el.localName).to.equal(element.tagName);
      for (const event of element.events ?? []) el.dispatchEvent(new CustomEvent(event.name, { detail: {}, bubbles: true, composed: true }));
      expect(heard, `events of <${element.tagName}>`).to.deep.equal((element.events ?? []).map((e) => e.name));
      unmount();
    }
  });

  it('types and renders the tags as JSX intrinsic elements (React 19, no wrapper)', async () => {
    const selected: NexusEvent<'nexus-path-select'>['detail'][] = [];
    const { container } = render(
      <nexus-self-help
        server={env.server}
        token={env.tokens.demo}
        search-type="tags"
        search-value="Thermostat"
        display-order="paths"
        heading-level={3}
        onnexus-path-select={(event) => {
          event.preventDefault(); // the page handles paths itself
          selected.push(event.detail);
        }}
      />,
    );
    const selfHelp = container.querySelector('nexus-self-help')!;
    expect(selfHelp.getAttribute('search-type')).to.equal('tags');
    expect(selfHelp.searchType).to.equal('tags');
    expect(selfHelp.headingLevel).to.equal(3);
    await waitUntil(() => pathTitles(selfHelp).length > 0, 'the Thermostat paths');
    const title = pathTitles(selfHelp)[0];
    shadow(pathList(selfHelp)).querySelector<HTMLButtonElement>('[part~="item-button"]')!.click();
    expect(selected.map((d) => d.title)).to.deep.equal([title]);
    await sleep(50);
    expect(shadow(selfHelp).querySelector('nexus-guided-path'), 'cancelled: no path opens').to.equal(null);
  });
});

/** Compile-time checks of the generated types (`tsc` runs this file; it is never called). */
export function typeChecks() {
  return (
    <>
      {/* @ts-expect-error search-type accepts only helpid, tags or text */}
      <nexus-self-help search-type="everything" />
      {/* @ts-expect-error the detail of nexus-path-open has no query */}
      <NexusSelfHelp onNexusPathOpen={(event) => event.detail.query} />
      {/* @ts-expect-error heading-level is a number */}
      <NexusSelfHelp headingLevel="three" />
      <nexus-chat autostart hide-rating skill="support" onnexus-chat-message={(event) => event.detail.direction satisfies 'in' | 'out'} />
      <NexusSelfHelp onNexusPathOpen={(event) => event.detail.stepCount satisfies number} />
    </>
  );
}
