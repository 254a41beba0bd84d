import { expect } from '@open-wc/testing';
import { FigureFormat } from './analytics-format.js';
import { dayCount, presetOf, presetRange, rangeMs, rangeOfParam, rangeParam, rangeProblem } from './analytics-range.js';

// What the analytics page computes before it asks the server: the quick ranges, the checks of
// typed days and their [from, to) in ms; and how it writes durations and shares.

describe('analytics: ranges and figures', () => {
  it('quick ranges end today and count today in: 7 days are today and the 6 before; this year starts on January 1', () => {
    const now = new Date(2026, 2, 3, 15, 30); // 3 March 2026, afternoon
    expect(presetRange('today', now)).to.deep.equal({ from: '2026-03-03', to: '2026-03-03' });
    expect(presetRange('7', now)).to.deep.equal({ from: '2026-02-25', to: '2026-03-03' });
    expect(dayCount(presetRange('30', now))).to.equal(30);
    expect(dayCount(presetRange('90', now))).to.equal(90);
    expect(presetRange('year', now)).to.deep.equal({ from: '2026-01-01', to: '2026-03-03' });
    expect(presetOf({ from: '2026-02-25', to: '2026-03-03' }, now)).to.equal('7');
    expect(presetOf({ from: '2026-02-24', to: '2026-03-03' }, now)).to.equal(undefined);
  });

  it('typed days: from the first midnight to the midnight after the last, local time; wrong ranges are named', () => {
    expect(rangeMs({ from: '2026-03-01', to: '2026-03-01' })).to.deep.equal({ from: new Date(2026, 2, 1).getTime(), to: new Date(2026, 2, 2).getTime() });
    expect(rangeProblem({ from: '2024-01-01', to: '2024-12-31' }), 'a leap year: 366 days').to.equal(undefined);
    expect(rangeProblem({ from: '2024-01-01', to: '2025-01-01' })).to.equal('too-long');
    expect(rangeProblem({ from: '2026-03-02', to: '2026-03-01' })).to.equal('to-before-from');
    expect(rangeProblem({ from: '', to: '2026-03-01' })).to.equal('from-missing');
    expect(rangeProblem({ from: '2026-02-30', to: '2026-03-01' }), 'no such day').to.equal('from-missing');
    expect(rangeProblem({ from: '2026-03-01', to: '' })).to.equal('to-missing');
    // In the address: the same days, or nothing when they are not a range to show.
    expect(rangeOfParam(rangeParam({ from: '2026-03-01', to: '2026-03-07' }))).to.deep.equal({ from: '2026-03-01', to: '2026-03-07' });
    for (const param of ['', '2026-03-01', '2026-03-07..2026-03-01', '2026-03-01..2026-03-07..2026-03-08', 'x..y']) expect(rangeOfParam(param), param).to.equal(undefined);
  });

  it('durations in words, to the second, in the page language; shares as percentages', () => {
    const en = new FigureFormat('en');
    expect(en.duration(2_540)).to.equal('2.5 sec');
    expect(en.duration(45_000)).to.equal('45 sec');
    expect(en.duration(125_000)).to.equal('2 min 5 sec');
    expect(en.duration(120_000)).to.equal('2 min');
    expect(en.duration(3_780_000)).to.equal('1 hr 3 min');
    expect(en.percent(2 / 3)).to.equal('66.7%');
    expect(en.count(12_345)).to.equal('12,345');
    const de = new FigureFormat('de');
    expect(de.duration(125_000)).to.equal('2 Min., 5 Sek.');
    expect(de.count(12_345)).to.equal('12.345');
    expect(de.percent(0.5)).to.equal('50\u00a0%');
  });
});
