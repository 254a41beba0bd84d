import { css, html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from '../components/shared/decorators.js';
import { define } from '../components/shared/define.js';
import { NexusBase } from '../components/shared/nexus-base.js';
import '../i18n/strings-portal.js';

/** One line of a `<nexus-day-chart>`: its name and a count per day (`values[i]` is the count of `days[i]`). */
export interface DaySeries {
  key: string;
  label: string;
  values: readonly number[];
}

// The plot's own coordinates (the SVG scales to the element's width, keeping this ratio).
const WIDTH = 640;
const HEIGHT = 220;
const LEFT = 44;
const RIGHT = 12;
const TOP = 10;
const BOTTOM = 26;
const SERIES_STYLES = 4;

/** The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least `max` (1 for nothing). */
export function niceCeiling(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

/** A day (`yyyy-mm-dd`) as a Date at its UTC midnight: days are formatted in UTC, as given. */
const dayDate = (day: string) => new Date(`${day}T00:00:00Z`);

/**
 * Counts per day as lines: one line per series (colour, dash and the legend tell them apart),
 * the scale from zero to a round number above the highest count, the first, middle and last days
 * under it. Drawn as SVG of our own rather than with a charting library: a few lines of markup,
 * nothing to download, the design tokens, dark mode and the page's language as everywhere else.
 *
 * Keyboard and screen readers: the plot is one Tab stop (`role="slider"` over the days): Arrow
 * Left and Right (Up and Down too), Home and End move between days, and each day is read as its
 * date and every series' count, which the legend also shows. Every chart can be shown as a table
 * (a button under it), whose rows are the days.
 *
 * Set `days` (`yyyy-mm-dd`, oldest first) and `series`; `label` names the chart.
 *
 * @summary Counts per day as an accessible SVG line chart, or as a table.
 * @tag nexus-day-chart
 *
 * @attr show-table - Reflected: shows the table instead of the chart.
 *
 * @csspart chart - The `<figure>`.
 * @csspart caption - The chart's name (`label`).
 * @csspart plot - The plot: the keyboard's Tab stop (`role="slider"`).
 * @csspart line - One series' line.
 * @csspart legend - The series' names, with each one's count on the chosen day.
 * @csspart readout - The chosen day (focus or pointer) above the legend.
 * @csspart table - The table of the days (shown with `show-table`).
 * @csspart toggle - The button that switches between the chart and the table.
 * @csspart empty - Said instead of a chart when there are no days.
 *
 * @cssprop --nexus-day-chart-series-1 - Colour of the first series (the primary colour).
 * @cssprop --nexus-day-chart-series-2 - Colour of the second series.
 * @cssprop --nexus-day-chart-series-3 - Colour of the third series.
 * @cssprop --nexus-day-chart-series-4 - Colour of the fourth series (the fifth takes the first's again).
 */
export class NexusDayChart extends NexusBase {
  static override styles = [
    ...NexusBase.styles,
    css`
      @layer nexus {
        :host {
          display: block;
          --nexus-day-chart-series-1: var(--_nexus-color-primary);
          --nexus-day-chart-series-2: light-dark(#b45309, #fbbf24);
          --nexus-day-chart-series-3: light-dark(#0f766e, #5eead4);
          --nexus-day-chart-series-4: light-dark(#7e22ce, #d8b4fe);
        }
        figure {
          margin: 0;
          display: grid;
          gap: var(--_nexus-space-small);
        }
        figcaption {
          font-weight: var(--_nexus-font-weight-bold);
        }
        .plot {
          border-radius: var(--_nexus-radius-small);
          outline: none;
        }
        .plot:focus-visible {
          box-shadow: 0 0 0 2px var(--_nexus-color-focus-ring);
        }
        svg {
          display: block;
          width: 100%;
          height: auto;
          overflow: visible;
        }
        .grid {
          stroke: var(--_nexus-color-border);
          stroke-width: 1;
        }
        .axis-label {
          fill: var(--_nexus-color-text-muted);
          font-size: 12px;
        }
        .line {
          fill: none;
          stroke: currentColor;
          stroke-width: 2;
          stroke-linejoin: round;
          vector-effect: non-scaling-stroke;
        }
        .cursor {
          stroke: var(--_nexus-color-text-muted);
          stroke-dasharray: 3 3;
        }
        .series-0 {
          color: var(--nexus-day-chart-series-1);
        }
        .series-1 {
          color: var(--nexus-day-chart-series-2);
          stroke-dasharray: 7 4;
        }
        .series-2 {
          color: var(--nexus-day-chart-series-3);
          stroke-dasharray: 2 3;
        }
        .series-3 {
          color: var(--nexus-day-chart-series-4);
          stroke-dasharray: 9 3 2 3;
        }
        circle {
          fill: currentColor;
          stroke: var(--_nexus-color-surface);
          stroke-width: 1.5;
          stroke-dasharray: none;
        }
        .legend {
          display: flex;
          flex-wrap: wrap;
          gap: var(--_nexus-space-small) var(--_nexus-space-large);
          margin: 0;
          padding: 0;
          list-style: none;
          font-size: var(--_nexus-font-size-small);
        }
        .legend li {
          display: flex;
          align-items: center;
          gap: var(--_nexus-space-x-small);
        }
        .swatch {
          width: 1.5rem;
          height: 0.5rem;
        }
        .swatch line {
          stroke: currentColor;
          stroke-width: 3;
        }
        .empty {
          margin: 0;
          color: var(--_nexus-color-text-muted);
        }
        .readout {
          margin: 0;
          color: var(--_nexus-color-text-muted);
          font-size: var(--_nexus-font-size-small);
          min-height: calc(var(--_nexus-font-size-small) * var(--_nexus-line-height));
        }
        .table-wrap {
          max-height: 20rem;
          overflow: auto;
        }
        table {
          border-collapse: collapse;
          font-size: var(--_nexus-font-size-small);
        }
        th,
        td {
          padding: var(--_nexus-space-x-small) var(--_nexus-space-small);
          border-bottom: 1px solid var(--_nexus-color-border);
          text-align: start;
        }
        td {
          text-align: end;
          font-variant-numeric: tabular-nums;
        }
        .toggle {
          justify-self: start;
        }
      }
    `,
  ];

  /** The chart's name: its caption, and what the plot and the table are called. */
  @property() label = '';

  /** The days, `yyyy-mm-dd`, oldest first. */
  @property({ attribute: false }) days: readonly string[] = [];

  /** The lines; `values[i]` is the count of `days[i]` (a missing one counts 0). */
  @property({ attribute: false }) series: readonly DaySeries[] = [];

  /** Shows the table of the days instead of the chart. */
  @property({ type: Boolean, reflect: true, attribute: 'show-table' }) showTable = false;

  /** The chosen day (by keyboard or pointer), an index into `days`. */
  @state() private cursor?: number;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('days') && this.cursor !== undefined && this.cursor >= this.days.length) this.cursor = undefined;
  }

  private value(series: DaySeries, index: number): number {
    return series.values[index] ?? 0;
  }

  private dayText(day: string, style: 'short' | 'long'): string {
    const options: Intl.DateTimeFormatOptions = style === 'short' ? { month: 'short', day: 'numeric' } : { dateStyle: 'medium' };
    return new Intl.DateTimeFormat(this.localize.lang, { ...options, timeZone: 'UTC' }).format(dayDate(day));
  }

  private number(value: number): string {
    return new Intl.NumberFormat(this.localize.lang).format(value);
  }

  /** A day as words: its date and each series' count. */
  private pointText(index: number): string {
    const values = this.series.map((series) => `${series.label} ${this.number(this.value(series, index))}`).join(', ');
    return this.t('portalChartPoint', { day: this.dayText(this.days[index], 'long'), values });
  }

  private move(to: number) {
    this.cursor = Math.min(Math.max(to, 0), this.days.length - 1);
  }

  /** Focused without a chosen day: the newest is chosen, so what is read is what is shown. */
  private readonly onFocus = () => {
    if (this.cursor === undefined && this.days.length) this.cursor = this.days.length - 1;
  };

  private readonly onKeyDown = (event: KeyboardEvent) => {
    const at = this.cursor ?? this.days.length - 1;
    const last = this.days.length - 1;
    const ltr = this.localize.dir !== 'rtl';
    const moves: Record<string, number> = {
      ArrowRight: ltr ? at + 1 : at - 1,
      ArrowLeft: ltr ? at - 1 : at + 1,
      ArrowUp: at + 1,
      ArrowDown: at - 1,
      PageUp: at + 7,
      PageDown: at - 7,
      Home: 0,
      End: last,
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    this.move(moves[event.key]);
  };

  private readonly onPointerMove = (event: PointerEvent) => {
    const plot = (event.currentTarget as HTMLElement).getBoundingClientRect();
    if (!plot.width || this.days.length === 0) return;
    const x = ((event.clientX - plot.left) / plot.width) * WIDTH;
    const step = this.days.length > 1 ? (WIDTH - LEFT - RIGHT) / (this.days.length - 1) : 0;
    this.move(step ? Math.round((x - LEFT) / step) : 0);
  };

  private readonly toggle = () => {
    this.showTable = !this.showTable;
  };

  protected override render(): TemplateResult {
    const body = this.days.length === 0 ? html`<p part="empty" class="empty">${this.t('portalChartEmpty')}</p>` : this.showTable ? this.renderTable() : this.renderPlot();
    return html`<figure part="chart" aria-labelledby="caption">
      <figcaption part="caption" id="caption">${this.label}</figcaption>
      ${body}
      ${this.days.length
        ? html`<button part="toggle" class="button toggle" type="button" @click=${this.toggle}>
            ${this.showTable ? this.t('portalChartShowChart') : this.t('portalChartShowTable')}
          </button>`
        : nothing}
    </figure>`;
  }

  private renderPlot(): TemplateResult {
    const n = this.days.length;
    const top = niceCeiling(Math.max(0, ...this.series.flatMap((series) => this.days.map((_, i) => this.value(series, i)))));
    const plotWidth = WIDTH - LEFT - RIGHT;
    const plotHeight = HEIGHT - TOP - BOTTOM;
    const x = (i: number) => LEFT + (n > 1 ? (i * plotWidth) / (n - 1) : plotWidth / 2);
    const y = (v: number) => TOP + plotHeight - (v / top) * plotHeight;
    const ticks = [0, top / 2, top];
    const labelled = [...new Set([0, Math.floor((n - 1) / 2), n - 1])];
    const cursor = this.cursor;
    return html`<div
        part="plot"
        class="plot"
        role="slider"
        tabindex="0"
        aria-labelledby="caption"
        aria-describedby="chart-hint"
        aria-valuemin="1"
        aria-valuemax=${n}
        aria-valuenow=${(cursor ?? n - 1) + 1}
        aria-valuetext=${this.pointText(cursor ?? n - 1)}
        @focus=${this.onFocus}
        @keydown=${this.onKeyDown}
        @pointermove=${this.onPointerMove}
      >
        <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" dir="ltr" aria-hidden="true" focusable="false">
          ${ticks.map(
            (tick) => svg`<line class="grid" x1=${LEFT} x2=${WIDTH - RIGHT} y1=${y(tick)} y2=${y(tick)}></line>
              <text class="axis-label" x=${LEFT - 6} y=${y(tick) + 4} text-anchor="end">${this.number(tick)}</text>`,
          )}
          ${labelled.map(
            (i, k) => svg`<text class="axis-label" x=${x(i)} y=${HEIGHT - 6} text-anchor=${n === 1 ? 'middle' : k === 0 ? 'start' : i === n - 1 ? 'end' : 'middle'}>${this.dayText(this.days[i], 'short')}</text>`,
          )}
          ${cursor === undefined ? nothing : svg`<line class="cursor" x1=${x(cursor)} x2=${x(cursor)} y1=${TOP} y2=${TOP + plotHeight}></line>`}
          ${this.series.map((series, s) => {
            const points = this.days.map((_, i) => `${x(i)},${y(this.value(series, i))}`).join(' ');
            const style = `series-${s % SERIES_STYLES}`;
            return svg`<polyline part="line" class="line ${style}" data-series=${series.key} points=${points}></polyline>
              ${n === 1 || cursor !== undefined ? svg`<circle class=${style} r="4" cx=${x(cursor ?? 0)} cy=${y(this.value(series, cursor ?? 0))}></circle>` : nothing}`;
          })}
        </svg>
      </div>
      <p part="readout" class="readout">${cursor === undefined ? '' : this.dayText(this.days[cursor], 'long')}</p>
      <p id="chart-hint" hidden>${this.t('portalChartHint')}</p>
      <ul part="legend" class="legend">
        ${this.series.map(
          (series, s) => html`<li>
            <svg class="swatch" viewBox="0 0 24 8" aria-hidden="true" focusable="false"><line class="series-${s % SERIES_STYLES}" x1="0" x2="24" y1="4" y2="4"></line></svg>
            ${series.label}${cursor === undefined ? '' : html`: <strong>${this.number(this.value(series, cursor))}</strong>`}
          </li>`,
        )}
      </ul>`;
  }

  private renderTable(): TemplateResult {
    return html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="caption">
      <table part="table">
        <thead>
          <tr>
            <th scope="col">${this.t('portalChartDay')}</th>
            ${this.series.map((series) => html`<th scope="col">${series.label}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${this.days.map(
            (day, i) => html`<tr>
              <th scope="row">${this.dayText(day, 'long')}</th>
              ${this.series.map((series) => html`<td>${this.number(this.value(series, i))}</td>`)}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

define('nexus-day-chart', NexusDayChart);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-day-chart': NexusDayChart;
  }
}
