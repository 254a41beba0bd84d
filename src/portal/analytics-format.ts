// How <nexus-portal-analytics> writes its figures in the page's language: counts, shares,
// averages and durations, all through Intl.

/** Formats numbers, shares and durations for a language (a BCP 47 tag). */
export class FigureFormat {
  private readonly counts: Intl.NumberFormat;
  private readonly decimals: Intl.NumberFormat;
  private readonly percents: Intl.NumberFormat;
  private readonly list: Intl.ListFormat;
  private readonly units = new Map<string, Intl.NumberFormat>();

  constructor(readonly lang: string) {
    this.counts = new Intl.NumberFormat(lang);
    this.decimals = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
    this.percents = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
    this.list = new Intl.ListFormat(lang, { type: 'unit', style: 'narrow' });
  }

  /** A count: `1,234`. */
  count(n: number): string {
    return this.counts.format(n);
  }

  /** A number with at most one decimal: an average rating, `4.5`. */
  decimal(n: number): string {
    return this.decimals.format(n);
  }

  /** A share (0 to 1) as a percentage: `66.7%`. */
  percent(share: number): string {
    return this.percents.format(share);
  }

  private unit(unit: 'hour' | 'minute' | 'second', value: number, fraction = 0): string {
    const key = `${unit}:${fraction}`;
    let format = this.units.get(key);
    if (!format) {
      format = new Intl.NumberFormat(this.lang, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: fraction });
      this.units.set(key, format);
    }
    return format.format(value);
  }

  /**
   * A duration in ms as people read it, to the second: `45 sec`, `2 min 5 sec`, `1 hr 3 min`
   * (the two largest units; under ten seconds with a tenth: `2.5 sec`).
   */
  duration(ms: number): string {
    if (ms < 10_000) return this.unit('second', Math.round(ms / 100) / 10, 1);
    const seconds = Math.round(ms / 1000);
    const [h, m, s] = [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60];
    const parts = h ? [this.unit('hour', h), m ? this.unit('minute', m) : ''] : m ? [this.unit('minute', m), s ? this.unit('second', s) : ''] : [this.unit('second', s)];
    return this.list.format(parts.filter(Boolean));
  }
}
