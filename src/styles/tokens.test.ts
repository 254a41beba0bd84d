import { expect, fixture, html } from '@open-wc/testing';
import type { CSSResult } from 'lit';
import '../index.js';
import '../agent/index.js';
import '../portal/index.js';
import '../portal/rich-text-editor.js';
import { TOKENS } from './tokens.js';

interface ManifestDeclaration {
  tagName?: string;
  cssProperties?: { name: string }[];
}

const manifest = (await (await fetch('/custom-elements.json')).json()) as { modules: { declarations?: ManifestDeclaration[] }[] };
const documented = new Map<string, Set<string>>();
for (const mod of manifest.modules) {
  for (const d of mod.declarations ?? []) {
    if (d.tagName) documented.set(d.tagName, new Set((d.cssProperties ?? []).map((p) => p.name)));
  }
}

const tags = [...documented.keys()];

/** All CSS text of an element class (its static styles, flattened). */
function cssOf(tag: string): string {
  const element = customElements.get(tag) as unknown as { elementStyles: CSSResult[] };
  return element.elementStyles.map((s) => s.cssText).join('\n');
}

describe('design tokens', () => {
  it('are read only through the token table: no element uses a private token that is not defined', () => {
    const known = new Set(Object.keys(TOKENS).map((name) => `--_nexus-${name}`));
    for (const tag of tags) {
      const used = new Set(cssOf(tag).match(/--_nexus-[a-z0-9-]+/g) ?? []);
      for (const name of used) expect(known.has(name), `${tag} reads ${name}`).to.equal(true);
    }
  });

  it('each element custom property is declared on the host and documented, and vice versa', () => {
    for (const tag of tags) {
      const css = cssOf(tag);
      const prefix = `--${tag}-`;
      const declared = new Set([...css.matchAll(new RegExp(`(${prefix}[a-z0-9-]+)\\s*:`, 'g'))].map((m) => m[1]));
      const read = new Set([...css.matchAll(new RegExp(`var\\((${prefix}[a-z0-9-]+)`, 'g'))].map((m) => m[1]));
      const docs = documented.get(tag)!;
      for (const name of read) expect(declared.has(name), `${tag} reads ${name} without a default`).to.equal(true);
      for (const name of declared) expect(docs.has(name), `${tag} declares ${name} but does not document it`).to.equal(true);
      for (const name of docs) expect(declared.has(name), `${tag} documents ${name} but does not declare it`).to.equal(true);
    }
  });

  it("every element's styles sit inside the nexus cascade layer, so a theme wins ties", () => {
    for (const tag of tags) {
      const element = customElements.get(tag) as unknown as { elementStyles: CSSResult[] };
      for (const style of element.elementStyles) {
        const text = style.cssText.replace(/\/\*[\s\S]*?\*\//g, '').trim();
        // One block, `@layer nexus { … }`, whose closing brace is the last character.
        let depth = 0;
        let closedAt = -1;
        for (let i = 0; i < text.length && closedAt < 0; i++) {
          if (text[i] === '{') depth++;
          else if (text[i] === '}' && --depth === 0) closedAt = i;
        }
        expect(/^@layer nexus\s*\{/.test(text) && closedAt === text.length - 1, `${tag}: ${text.slice(0, 80)}`).to.equal(true);
      }
    }
  });

  it('no element reads a public --nexus-* token outside the table or its own properties', () => {
    const globals = new Set(Object.keys(TOKENS).map((name) => `--nexus-${name}`));
    // The step editor shows a step's text as <nexus-guided-path> does, with its step-content properties.
    const borrowed: Record<string, string> = { 'nexus-rich-text-editor': '--nexus-guided-path-' };
    for (const tag of tags) {
      const read = cssOf(tag).match(/var\(--nexus-[a-z0-9-]+/g) ?? [];
      for (const ref of read) {
        const name = ref.slice(4);
        const own = name.startsWith(`--${tag}-`) || (borrowed[tag] !== undefined && name.startsWith(borrowed[tag]));
        expect(globals.has(name) || own, `${tag} reads ${name}`).to.equal(true);
      }
    }
  });

  it('follow the page: a token set on an ancestor restyles the elements', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div style="--nexus-color-surface-raised: rgb(10, 20, 30)">
      <nexus-contact-us skill="sales"></nexus-contact-us>
    </div>`);
    const base = wrapper.querySelector('nexus-contact-us')!.shadowRoot!.querySelector('[part~="base"]')!;
    expect(getComputedStyle(base).backgroundColor).to.equal('rgb(10, 20, 30)');
  });

  it('switch to the dark values under color-scheme: dark', async () => {
    const light = await fixture<HTMLElement>(html`<nexus-contact-us skill="sales"></nexus-contact-us>`);
    const dark = await fixture<HTMLElement>(html`<nexus-contact-us skill="sales" style="color-scheme: dark"></nexus-contact-us>`);
    const color = (el: HTMLElement) => getComputedStyle(el.shadowRoot!.querySelector('[part~="chat-button"]')!).backgroundColor;
    expect(color(light)).to.equal('rgb(29, 95, 209)');
    expect(color(dark)).to.equal('rgb(134, 174, 252)');
  });
});
