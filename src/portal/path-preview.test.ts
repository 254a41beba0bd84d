import { expect, fixture, html } from '@open-wc/testing';
import { until } from '../../test/browser/env.js';
import { defaultStrings } from '../i18n/strings-all.js';
import type { GuidedPath } from '../protocol/schemas.js';
import type { NexusPathPreview } from './path-preview.js';
import './path-preview.js';

// <nexus-path-preview>: an author walks a draft as a customer would, at phone and desktop widths.

const DRAFT: GuidedPath = {
  id: 'reset-hub',
  title: 'Reset the hub',
  summary: 'When the hub stops answering',
  category: 'general',
  tags: [],
  helpIds: [],
  audience: 'consumer',
  steps: [
    { id: 'light', title: 'Is the light on?', body: '<p>Look at the <strong>front</strong>.</p>', choices: [{ label: 'Yes', next: 'unplug' }, { label: 'No', next: 'power' }] },
    { id: 'unplug', title: 'Unplug it', body: '<p>Wait ten seconds.</p>' },
    { id: 'power', title: 'Check the power', body: '<p>Try another outlet.</p>' },
  ],
};

const part = <T extends Element = HTMLElement>(el: Element, name: string) => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const guide = (el: NexusPathPreview) => part(el, 'path')!;
const stepTitle = (el: NexusPathPreview) => guide(el).shadowRoot?.querySelector('[part~="step-title"]')?.textContent?.trim();

async function preview(path?: GuidedPath) {
  const el = await fixture<NexusPathPreview>(html`<nexus-path-preview .path=${path}></nexus-path-preview>`);
  if (path) await until(() => stepTitle(el), 'the first step shown');
  return el;
}

describe('<nexus-path-preview>', function () {
  this.timeout(20_000);

  it('shows the draft with the real guided path; the author walks a branch, and nothing it fires leaves the preview', async () => {
    const heard: string[] = [];
    const listen = (event: Event) => heard.push(event.type);
    for (const name of ['nexus-step-change', 'nexus-path-open', 'nexus-resolved']) document.addEventListener(name, listen);
    try {
      const el = await preview(DRAFT);
      expect(guide(el).localName).to.equal('nexus-guided-path');
      expect(stepTitle(el)).to.equal('Is the light on?');
      await until(() => guide(el).shadowRoot!.querySelector('[part~="step-body"] strong')?.textContent === 'front', 'the step text, sanitized');
      const no = [...guide(el).shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="choice"]')].find((b) => b.textContent?.trim() === 'No')!;
      no.click();
      await until(() => stepTitle(el) === 'Check the power', 'the branch taken');
      expect(heard, 'the walk is not a visitor’s').to.deep.equal([]);
      await expect(el).to.be.accessible();
    } finally {
      for (const name of ['nexus-step-change', 'nexus-path-open', 'nexus-resolved']) document.removeEventListener(name, listen);
    }
  });

  it('Phone shows it 375 pixels wide, Desktop as wide as there is room; the pressed button says which', async () => {
    const el = await preview(DRAFT);
    el.style.width = '900px';
    const frame = part(el, 'frame')!;
    const button = (width: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`[data-width="${width}"]`)!;
    expect(button('desktop').getAttribute('aria-pressed')).to.equal('true');
    expect(frame.getBoundingClientRect().width).to.be.greaterThan(800);
    button('phone').click();
    await el.updateComplete;
    expect([el.getAttribute('width'), button('phone').getAttribute('aria-pressed'), button('desktop').getAttribute('aria-pressed')]).to.deep.equal(['phone', 'true', 'false']);
    expect(Math.round(frame.getBoundingClientRect().width)).to.equal(375);
    await expect(el).to.be.accessible();
  });

  it('Start again goes back to the first step; a new draft shows at once', async () => {
    const el = await preview(DRAFT);
    [...guide(el).shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="choice"]')][0].click();
    await until(() => stepTitle(el) === 'Unplug it', 'moved on');
    part<HTMLButtonElement>(el, 'restart-button')!.click();
    await until(() => stepTitle(el) === 'Is the light on?', 'back at the start');
    el.path = { ...DRAFT, steps: [{ ...DRAFT.steps[0], title: 'Is the light green?' }, ...DRAFT.steps.slice(1)] };
    await until(() => stepTitle(el) === 'Is the light green?', 'the edit shown');
  });

  it('without a path (or steps), says there is nothing to preview', async () => {
    const el = await preview();
    expect(part(el, 'empty')?.textContent).to.equal(defaultStrings.portalPreviewEmpty);
    el.path = { ...DRAFT, steps: [] as unknown as GuidedPath['steps'] };
    await el.updateComplete;
    expect(part(el, 'path')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});
