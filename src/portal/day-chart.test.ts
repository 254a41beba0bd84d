import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { until } from '../../test/browser/env.js';
import { defaultStrings } from '../i18n/strings-all.js';
import { niceCeiling, type NexusDayChart } from './day-chart.js';
import './day-chart.js';

// <nexus-day-chart>: what a supervisor reads from it, by sight, by keyboard and as a table.

const DAYS = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04'];
const SERIES = [
  { key: 'views', label: 'Views', values: [4, 10, 0, 7] },
  { key: 'completions', label: 'Completions', values: [1, 3, 0, 2] },
];

const part = <T extends Element = HTMLElement>(el: Element, name: string) => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function chart(days = DAYS, series = SERIES, lang = 'en') {
  const el = await fixture<NexusDayChart>(html`<nexus-day-chart lang=${lang} label="Path views per day" .days=${days} .series=${series}></nexus-day-chart>`);
  await el.updateComplete;
  return el;
}

/** A polyline's points as [x, y] numbers. */
const pointsOf = (line: Element) => line.getAttribute('points')!.split(' ').map((pair) => pair.split(',').map(Number));

describe('<nexus-day-chart>', () => {
  it('draws one line per series through every day, higher counts higher up, on a scale from 0 to a round number', async () => {
    const el = await chart();
    const lines = [...el.shadowRoot!.querySelectorAll('[part~="line"]')];
    expect(lines.map((line) => line.getAttribute('data-series'))).to.deep.equal(['views', 'completions']);
    const views = pointsOf(lines[0]);
    expect(views).to.have.length(4);
    expect(views.map(([x]) => x)).to.deep.equal([...views.map(([x]) => x)].sort((a, b) => a - b), 'oldest day on the left');
    const [, y10] = views[1];
    const [, y0] = views[2];
    const [, y4] = views[0];
    expect(y10 < y4 && y4 < y0, 'higher counts are drawn higher').to.equal(true);
    const labels = [...el.shadowRoot!.querySelectorAll('.axis-label')].map((label) => label.textContent);
    expect(labels.slice(0, 3)).to.deep.equal(['0', '5', '10']);
    expect(labels.slice(3)).to.deep.equal(['Nov 1', 'Nov 2', 'Nov 4']);
    expect(text(part(el, 'caption'))).to.equal('Path views per day');
    await expect(el).to.be.accessible();
  });

  it('round numbers above the highest count', () => {
    expect([0, 1, 3, 10, 11, 24, 26, 480, 1001].map(niceCeiling)).to.deep.equal([1, 1, 5, 10, 20, 25, 50, 500, 2000]);
  });

  it('is read by keyboard: focused, the newest day is read with every count; arrows, Home and End move', async () => {
    const el = await chart();
    const plot = part(el, 'plot')!;
    expect(plot.getAttribute('role')).to.equal('slider');
    plot.focus();
    await el.updateComplete;
    expect(plot.getAttribute('aria-valuetext')).to.equal('Nov 4, 2026: Views 7, Completions 2');
    expect(text(part(el, 'legend'))).to.equal('Views: 7 Completions: 2');
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect([plot.getAttribute('aria-valuenow'), plot.getAttribute('aria-valuetext')]).to.deep.equal(['3', 'Nov 3, 2026: Views 0, Completions 0']);
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(plot.getAttribute('aria-valuetext')).to.equal('Nov 1, 2026: Views 4, Completions 1');
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(plot.getAttribute('aria-valuenow'), 'stays on the first day').to.equal('1');
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(plot.getAttribute('aria-valuenow')).to.equal('4');
    expect(text(part(el, 'readout'))).to.equal('Nov 4, 2026');
    await expect(el).to.be.accessible();
  });

  it('right to left, Arrow Left goes to the next day', async () => {
    const el = await fixture<NexusDayChart>(html`<div dir="rtl"><nexus-day-chart label="x" .days=${DAYS} .series=${SERIES}></nexus-day-chart></div>`);
    const chartEl = el.querySelector('nexus-day-chart')!;
    await chartEl.updateComplete;
    const plot = part(chartEl, 'plot')!;
    plot.focus();
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'ArrowLeft' });
    await chartEl.updateComplete;
    expect(plot.getAttribute('aria-valuenow')).to.equal('2');
  });

  it('shows the same figures as a table, and back', async () => {
    const el = await chart();
    const toggle = part<HTMLButtonElement>(el, 'toggle')!;
    expect(text(toggle)).to.equal(defaultStrings.portalChartShowTable);
    toggle.click();
    await el.updateComplete;
    expect(el.hasAttribute('show-table')).to.equal(true);
    expect(part(el, 'plot')).to.equal(null);
    expect(text(toggle)).to.equal(defaultStrings.portalChartShowChart);
    const table = part<HTMLTableElement>(el, 'table')!;
    const cells = [...table.rows].map((row) => [...row.cells].map((cell) => text(cell)));
    expect(cells).to.deep.equal([
      ['Day', 'Views', 'Completions'],
      ['Nov 1, 2026', '4', '1'],
      ['Nov 2, 2026', '10', '3'],
      ['Nov 3, 2026', '0', '0'],
      ['Nov 4, 2026', '7', '2'],
    ]);
    await expect(el).to.be.accessible();
    toggle.click();
    await el.updateComplete;
    expect(text(toggle)).to.equal(defaultStrings.portalChartShowTable);
    expect(part(el, 'plot')).to.not.equal(null);
  });

  it('in another language, dates and numbers are that language\'s', async () => {
    const el = await chart(['2026-11-01'], [{ key: 'v', label: 'Vues', values: [12345] }], 'fr');
    const plot = part(el, 'plot')!;
    plot.focus();
    await el.updateComplete;
    const expected = `1 nov. 2026 : Vues ${new Intl.NumberFormat('fr').format(12345)}`;
    await until(() => plot.getAttribute('aria-valuetext') === expected, 'the French catalogue (loaded when asked for)');
    expect(text(part(el, 'toggle'))).to.equal('Afficher en tableau');
    expect(el.shadowRoot!.querySelectorAll('circle'), 'a single day is a point').to.have.length(1);
  });

  it('with no days, says so and offers no table', async () => {
    const el = await chart([], []);
    expect(text(part(el, 'empty'))).to.equal(defaultStrings.portalChartEmpty);
    expect(part(el, 'toggle')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});
