import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { property, state } from '../components/shared/decorators.js';
import { define } from '../components/shared/define.js';
import { Loader, nothingToLoad } from '../components/shared/loader.js';
import { emptyState } from '../components/shared/states.js';
import type { AccountSession } from '../core/account-session.js';
import type { StringKey } from '../i18n/strings.js';
import { LIMITS } from '../protocol/api.js';
import type { LiveHelpAnalytics, LiveHelpTable, SelfHelpAnalytics, SelfHelpTable } from '../protocol/analytics.js';
import { PortalAdminPage } from './admin-page.js';
import { FigureFormat } from './analytics-format.js';
import { analyticsPageStyles } from './analytics-page.styles.js';
import {
  PRESET_LABELS,
  PROBLEM_TEXT,
  RANGE_PRESETS,
  presetOf,
  presetRange,
  rangeMs,
  rangeOfParam,
  rangeParam,
  rangeProblem,
  type DayRange,
  type RangePreset,
  type RangeProblem,
} from './analytics-range.js';
import { renderLiveHelp, renderSelfHelp, type AnalyticsUi, type AnalyticsView, type TableSpec } from './analytics-sections.js';
import './data-table.js';
import type { RowLoader, TableColumn } from './data-table.js';

/** What the analytics page shows: `loading`, the views (`ready`), `empty` (no activity in the range) or `error` (with retry). */
export type AnalyticsState = 'loading' | 'ready' | 'empty' | 'error';

/** Both views of one range. */
interface AnalyticsViews {
  selfHelp: SelfHelpAnalytics;
  liveHelp: LiveHelpAnalytics;
}

/** Nothing happened in the range: no path opened, no search, no live-help session or transfer. */
const isQuiet = ({ selfHelp, liveHelp }: AnalyticsViews) =>
  selfHelp.paths.length === 0 && selfHelp.searches.total === 0 && liveHelp.sessions === 0 && liveHelp.transfers === 0;

/** A day (`yyyy-mm-dd`) as a Date at its UTC midnight, to be formatted in UTC. */
const dayDate = (day: string) => new Date(`${day}T00:00:00Z`);

/**
 * Reports > Analytics: what self help and live help did in a range of days, for admins and
 * supervisors (server/README.md, "Analytics", defines every figure). The range is a quick one
 * (today, the last 7, 30 or 90 days, this year) or any first and last day (both included, in the
 * browser's time zone, at most 366 days); a range that ends before it starts or is too long is
 * explained at its fields and never sent.
 *
 * Self help: path views, completions, resolved, escalated, searches and searches with no result,
 * deflection, paths opened from the recommendations, search and help-ids; a chart per day; the
 * paths; the drop-off per step of a chosen path; the searches that found nothing. Live help:
 * sessions, abandoned in queue, transfers, wait and handle times (p50, p90), ratings; a chart per
 * day; sessions per skill and per channel; ratings per score; survey answers. Every chart can be
 * shown as a table, and every table downloads as CSV (`<view>-<table>-<first day>-<last day>.csv`).
 * Numbers, dates and durations are written in the page's language.
 *
 * In the portal the range shown is kept in the address (`#/analytics/2026-12-01..2026-12-07`), so
 * a reload or a shared link shows the same days; alone, the page leaves the address alone.
 *
 * Set `session`.
 *
 * @summary The portal's Reports > Analytics page: self-help and live-help figures, charts and tables of a date range.
 * @tag nexus-portal-analytics
 *
 * @attr state - Read-only, reflected: `loading`, `ready`, `empty` or `error`.
 *
 * @csspart analytics-page - The page.
 * @csspart range-form - The date range: the quick ranges, the first and last day, Show.
 * @csspart preset-button - A quick range (`aria-pressed` on the one shown).
 * @csspart from-input - The first day.
 * @csspart to-input - The last day (included).
 * @csspart apply-button - Shows the days typed.
 * @csspart range-error - Why the days typed are not shown (`role="alert"`).
 * @csspart range-summary - The range shown, in words.
 * @csspart self-help - The Self help section.
 * @csspart live-help - The Live help section.
 * @csspart figures - A section's figures (a `<dl>`).
 * @csspart figure - One figure's value.
 * @csspart figure-detail - What a figure is made of (deflection's counts).
 * @csspart day-chart - A section's `<nexus-day-chart>`.
 * @csspart chart-toggle - A chart's button that shows it as a table (exported from it).
 * @csspart chart-table - A chart's table (exported from it).
 * @csspart analytics-table - A table (`<nexus-data-table>`).
 * @csspart row - A row of a table (exported from it).
 * @csspart cell - A cell of a table (exported from it).
 * @csspart csv-button - Downloads a table as CSV.
 * @csspart drop-off-path-input - The path whose drop-off per step is shown.
 * @csspart empty - Said when nothing happened in the range.
 * @csspart loading - The loading state.
 * @csspart error - The error state (with retry).
 * @csspart retry-button - Loads again after an error.
 * @csspart notice - What the last action did (`role="status"`): a CSV downloaded.
 * @csspart action-error - Why the last action failed (`role="alert"`).
 * @csspart confirm - The confirm dialog (unused here); its parts are exported as `confirm-*`.
 *
 * @fires nexus-portal-session-ended - The server answered 401: the session ended (`<nexus-portal>` signs out).
 * @fires nexus-error - A load or a download failed (the page says it too).
 */
export class NexusPortalAnalytics extends PortalAdminPage {
  static override styles = [...PortalAdminPage.styles, analyticsPageStyles];

  /**
   * The range in the portal's address (`<first day>..<last day>`, from `#/analytics/<param>`):
   * shown when it is a valid range, and kept up to date as the range changes. Left undefined
   * (outside the portal), the page does not touch the address.
   */
  @property({ attribute: false }) param?: string;

  /** The range shown (asked for). */
  @state() private range: DayRange = presetRange('7');
  /** Why the days typed were not shown. */
  @state() private problem?: RangeProblem;
  /** The path whose drop-off per step is shown. */
  @state() private dropOffPath?: string;

  private figureFormat?: FigureFormat;
  /** Each table's row loader, kept while its rows are the same (a new loader loads the table again). */
  private readonly rowLoaders = new Map<string, { rows: readonly object[]; loader: RowLoader<object> }>();

  private readonly views = new Loader<readonly unknown[], AnalyticsViews>(this, {
    args: () => [this.session, this.range],
    load: (args) => {
      const [session, range] = args as [AccountSession | undefined, DayRange];
      if (!session) return Promise.resolve(nothingToLoad);
      const ms = rangeMs(range);
      const both = Promise.all([session.admin.analytics.selfHelp(ms), session.admin.analytics.liveHelp(ms)]);
      return this.loading(both.then(([selfHelp, liveHelp]) => ({ selfHelp, liveHelp })));
    },
    onError: (error) => this.reportError(error),
  });

  /** What the page shows. */
  get state(): AnalyticsState {
    return this.shownState as AnalyticsState;
  }

  protected override deriveState(): AnalyticsState {
    if (this.views.status === 'error') return 'error';
    if (this.views.status !== 'complete' || !this.views.value) return 'loading';
    return isQuiet(this.views.value) ? 'empty' : 'ready';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const asked = changed.has('param') && this.param ? rangeOfParam(this.param) : undefined;
    if (asked && rangeParam(asked) !== rangeParam(this.range)) this.range = asked;
  }

  /** Shows a range, and keeps it in the portal's address (without a new history entry or navigation). */
  private show(range: DayRange) {
    this.range = range;
    if (this.param === undefined || !location.hash.startsWith('#/')) return;
    const route = location.hash.slice(2).split('/')[0];
    this.param = rangeParam(range);
    history.replaceState(history.state, '', `#/${route}/${this.param}`);
  }

  private get format(): FigureFormat {
    if (this.figureFormat?.lang !== this.localize.lang) this.figureFormat = new FigureFormat(this.localize.lang);
    return this.figureFormat;
  }

  /** Shows a quick range at once. */
  private showPreset(preset: RangePreset) {
    this.problem = undefined;
    this.notice = undefined;
    this.show(presetRange(preset));
  }

  /** Shows the days typed, or says at the fields why not (and sends nothing). */
  private showTyped(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const field = (name: string) => form.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
    const range = { from: field('from').value, to: field('to').value };
    this.problem = rangeProblem(range);
    this.notice = undefined;
    if (this.problem) {
      field(this.problem === 'from-missing' ? 'from' : 'to').focus();
      return;
    }
    this.show(range);
  }

  /** Downloads one table of a view as CSV, for the range shown. */
  private async download(view: AnalyticsView, table: SelfHelpTable | LiveHelpTable) {
    const range = this.range;
    const name = `${view}-${table}-${range.from}-${range.to}.csv`;
    await this.act(
      async () => {
        const text = await this.admin.analytics.csv(view, table, rangeMs(range));
        this.save(name, text);
        return name;
      },
      (saved) => this.t('portalAnalyticsDownloaded', { name: saved }),
    );
  }

  /** Saves text as a file of the browser's downloads. */
  private save(name: string, text: string) {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.hidden = true;
    this.renderRoot.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  /** The loader of a table's rows: the same one while the rows are the same. */
  private rowsLoader(name: string, rows: readonly object[]): RowLoader<object> {
    const kept = this.rowLoaders.get(name);
    if (kept && kept.rows.length === rows.length && kept.rows.every((row, i) => row === rows[i])) return kept.loader;
    const loader: RowLoader<object> = () => Promise.resolve(rows);
    this.rowLoaders.set(name, { rows, loader });
    return loader;
  }

  private csvButton(view: AnalyticsView, table: SelfHelpTable | LiveHelpTable, label: string): TemplateResult {
    return html`<button
      part="csv-button"
      class="button csv"
      type="button"
      data-table=${`${view}-${table}`}
      aria-label=${this.t('portalAnalyticsDownloadCsvNamed', { table: label })}
      ?disabled=${this.busy}
      @click=${() => void this.download(view, table)}
    >
      ${this.t('portalAnalyticsDownloadCsv')}
    </button>`;
  }

  private table<Row extends object>(spec: TableSpec<Row>): TemplateResult {
    const name = `${spec.view}-${spec.table}`;
    return html`<div class="table-block">
      <nexus-data-table
        part="analytics-table"
        exportparts="row,cell"
        data-table=${name}
        label=${spec.label}
        row-key=${spec.rowKey}
        empty-text=${spec.empty}
        .columns=${spec.columns as TableColumn<object>[]}
        .loader=${this.rowsLoader(name, spec.rows)}
      ></nexus-data-table>
      ${this.csvButton(spec.view, spec.table, spec.label)}
    </div>`;
  }

  private get ui(): AnalyticsUi {
    return {
      t: this.t.bind(this),
      format: this.format,
      table: (spec) => this.table(spec),
      csvButton: (view, table, label) => this.csvButton(view, table, label),
      dropOffPath: this.dropOffPath,
      chooseDropOffPath: (pathId) => (this.dropOffPath = pathId),
    };
  }

  /** The range in words: `Dec 1 – 7, 2026`. */
  private rangeText(range: DayRange): string {
    const dates = new Intl.DateTimeFormat(this.localize.lang, { dateStyle: 'medium', timeZone: 'UTC' });
    return dates.formatRange(dayDate(range.from), dayDate(range.to));
  }

  /** A day field of the range (`from`, `to`), marked invalid when the range's problem is its own. */
  private dayField(name: 'from' | 'to', label: StringKey, invalid: boolean): TemplateResult {
    return html`<div class="field">
      <label for="${name}-input">${this.t(label)}</label>
      <input
        part="${name}-input"
        id="${name}-input"
        name=${name}
        type="date"
        .value=${live(this.range[name])}
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby="range-error"
      />
    </div>`;
  }

  private renderRangeForm(): TemplateResult {
    const shown = presetOf(this.range);
    const problem = this.problem;
    return html`<form part="range-form" class="range" novalidate aria-labelledby="range-heading" @submit=${this.showTyped}>
      <h2 id="range-heading">${this.t('portalAnalyticsRange')}</h2>
      <div class="presets" role="group" aria-label=${this.t('portalAnalyticsPresets')}>
        ${RANGE_PRESETS.map(
          (preset) =>
            html`<button part="preset-button" class="button" type="button" data-preset=${preset} aria-pressed=${preset === shown ? 'true' : 'false'} @click=${() => this.showPreset(preset)}>
              ${this.t(PRESET_LABELS[preset])}
            </button>`,
        )}
      </div>
      <div class="days">
        ${this.dayField('from', 'portalAnalyticsFrom', problem === 'from-missing')}
        ${this.dayField('to', 'portalAnalyticsTo', problem !== undefined && problem !== 'from-missing')}
        <button part="apply-button" class="button primary" type="submit">${this.t('portalAnalyticsShow')}</button>
      </div>
      <p part="range-error" id="range-error" class="form-error" role="alert">${problem ? this.t(PROBLEM_TEXT[problem], { days: LIMITS.maxAnalyticsDays }) : nothing}</p>
    </form>`;
  }

  protected override render(): unknown {
    return this.renderPage(
      'analytics-page',
      this.t('portalPageAnalytics'),
      html`<p class="muted">${this.t('portalAnalyticsIntro')}</p>
        ${this.renderRangeForm()}
        <p part="range-summary" class="summary">${this.t('portalAnalyticsShowing', { range: this.rangeText(this.range) })}</p>
        ${this.renderLoaded(this.views, (views) =>
          isQuiet(views) ? emptyState(this.t('portalAnalyticsEmpty')) : html`${renderSelfHelp(this.ui, views.selfHelp)} ${renderLiveHelp(this.ui, views.liveHelp)}`,
        )}`,
    );
  }
}

define('nexus-portal-analytics', NexusPortalAnalytics);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-portal-analytics': NexusPortalAnalytics;
  }
}
