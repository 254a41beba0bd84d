import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { categoryIcon } from './category-icons.js';
import { icon } from './icons.js';

/** The markup an icon draws. */
function drawn(name: string | null | undefined): string {
  const box = document.createElement('div');
  render(icon(categoryIcon(name)), box);
  return box.querySelector('svg')!.innerHTML;
}

describe('category icons', () => {
  it('draws the icon a category names, each its own', () => {
    const names = ['bulb', 'thermostat', 'hub', 'plug', 'camera', 'lock', 'sensor', 'account', 'wifi', 'help'];
    const shapes = names.map(drawn);
    expect(new Set(shapes).size, 'one shape per name').to.equal(names.length);
    expect(shapes.every((shape) => shape.includes('<path') || shape.includes('<circle') || shape.includes('<rect'))).to.equal(true);
  });

  it('draws help for a missing or unknown name, and never a property of Object', () => {
    const help = drawn('help');
    for (const name of [null, undefined, '', 'rocket', '__proto__', 'constructor', 'toString']) {
      expect(drawn(name), String(name)).to.equal(help);
    }
  });

  it('is decorative: hidden from assistive technology, not focusable', () => {
    const box = document.createElement('div');
    render(icon(categoryIcon('bulb')), box);
    const svg = box.querySelector('svg')!;
    expect(svg.getAttribute('aria-hidden')).to.equal('true');
    expect(svg.getAttribute('focusable')).to.equal('false');
  });
});
