import { html, nothing, type TemplateResult } from 'lit';
import type { StringKey } from '../i18n/strings.js';
import type { LiveHelpAnalytics, LiveHelpTable, PathFigures, SelfHelpAnalytics, SelfHelpTable } from '../protocol/analytics.js';
import type { FigureFormat } from './analytics-format.js';
import type { TableColumn } from './data-table.js';
import type { DaySeries } from './day-chart.js';
import './day-chart.js';
import type { Translate } from './error-text.js';

// The two sections of <nexus-portal-analytics>, Self help and Live help: the figures, the chart
// per day and the tables of a loaded view (definitions of each figure: server/README.md,
// "Analytics"). The page gives them what draws a table with its CSV button (`AnalyticsUi.table`).

/** The two views, as the admin API names them. */
export type AnalyticsView = 'self-help' | 'live-help';

/** A table of a view: what `<nexus-data-table>` shows, and the CSV table of the same rows. */
export interface TableSpec<Row extends object> {
  view: AnalyticsView;
  table: SelfHelpTable | LiveHelpTable;
  label: string;
  empty: string;
  columns: TableColumn<Row>[];
  rows: readonly Row[];
  /** The field that names a row. */
  rowKey: string;
}

/** What the sections draw with: the page's strings, its formats, its tables, and the drop-off's chosen path. */
export interface AnalyticsUi {
  t: Translate;
  format: FigureFormat;
  table<Row extends object>(spec: TableSpec<Row>): TemplateResult;
  /** The button that downloads a table of a view as CSV. */
  csvButton(view: AnalyticsView, table: SelfHelpTable | LiveHelpTable, label: string): TemplateResult;
  /** The path whose drop-off per step is shown (by default the one most stopped in). */
  dropOffPath?: string;
  chooseDropOffPath(pathId: string): void;
}

/** One figure: its label and value (`data-figure` names it for tests and styles). */
const figure = (name: string, label: string, value: string, detail?: string) =>
  html`<div class="figure">
    <dt>${label}</dt>
    <dd part="figure" data-figure=${name}>${value}</dd>
    ${detail ? html`<dd part="figure-detail" class="muted">${detail}</dd>` : nothing}
  </div>`;

const sum = <T>(rows: readonly T[], of: (row: T) => number) => rows.reduce((total, row) => total + of(row), 0);

/** A count column: its label, and the count of the row formatted. */
const countColumn = <Row extends object>(ui: AnalyticsUi, key: keyof Row & string, label: StringKey): TableColumn<Row> => ({
  key,
  label: ui.t(label),
  cell: (row) => ui.format.count(row[key] as number),
});

const pathTitle = (ui: AnalyticsUi, path: { pathId: string; title: string | null } | undefined, pathId: string) =>
  path?.title ?? ui.t('portalAnalyticsPathGone', { id: pathId });

/**
 * The per-day chart of a view, a line per count (`series`: the field of a day and its label); its
 * table is the chart's own "Show as a table"; and its CSV button.
 */
function dayChart<Day extends { day: string }>(
  ui: AnalyticsUi,
  view: AnalyticsView,
  label: string,
  days: readonly Day[],
  series: [keyof Day & string, StringKey][],
): TemplateResult {
  const lines: DaySeries[] = series.map(([key, name]) => ({ key, label: ui.t(name), values: days.map((d) => d[key] as number) }));
  return html`<div class="chart-block">
    <nexus-day-chart part="day-chart" exportparts="toggle:chart-toggle,table:chart-table" label=${label} .days=${days.map((d) => d.day)} .series=${lines}></nexus-day-chart>
    ${ui.csvButton(view, 'days', label)}
  </div>`;
}

/** Self help: figures, views, completions and searches per day, paths, drop-off per step, searches with no result. */
export function renderSelfHelp(ui: AnalyticsUi, view: SelfHelpAnalytics): TemplateResult {
  const { t, format } = ui;
  const paths = view.paths;
  const deflection = view.deflection;
  const dropOffPaths = [...new Set(view.dropOff.map((row) => row.pathId))];
  const chosen = ui.dropOffPath && dropOffPaths.includes(ui.dropOffPath) ? ui.dropOffPath : dropOffPaths[0];
  const titleOf = (pathId: string) => pathTitle(ui, paths.find((path) => path.pathId === pathId), pathId);
  return html`<section part="self-help" class="section" aria-labelledby="self-help-heading">
    <h2 id="self-help-heading">${t('portalAnalyticsSelfHelp')}</h2>
    <dl part="figures" class="figures">
      ${figure('views', t('portalAnalyticsViews'), format.count(sum(paths, (p) => p.views)))}
      ${figure('completions', t('portalAnalyticsCompletions'), format.count(sum(paths, (p) => p.completions)))}
      ${figure('resolved', t('portalAnalyticsResolved'), format.count(sum(paths, (p) => p.resolved)))}
      ${figure('escalated', t('portalAnalyticsEscalated'), format.count(sum(paths, (p) => p.escalated)))}
      ${figure('searches', t('portalAnalyticsSearches'), format.count(view.searches.total))}
      ${figure('no-result', t('portalAnalyticsNoResult'), format.count(view.searches.noResult))}
      ${figure(
        'deflection',
        t('portalAnalyticsDeflection'),
        deflection.rate === null ? t('portalAnalyticsNotMeasured') : format.percent(deflection.rate),
        t('portalAnalyticsDeflectionDetail', {
          resolved: format.count(deflection.resolved),
          live: format.count(deflection.wentToLive),
          consumers: format.count(deflection.consumers),
        }),
      )}
      ${figure('from-recommended', t('portalAnalyticsFromRecommended'), format.count(view.opened.recommended))}
      ${figure('from-search', t('portalAnalyticsFromSearch'), format.count(view.opened.search))}
      ${figure('from-help-id', t('portalAnalyticsFromHelpId'), format.count(view.opened.helpId))}
      ${figure('from-other', t('portalAnalyticsFromOther'), format.count(view.opened.other))}
    </dl>
    ${dayChart(ui, 'self-help', t('portalAnalyticsSelfHelpDays'), view.days, [
      ['views', 'portalAnalyticsViews'],
      ['completions', 'portalAnalyticsCompletions'],
      ['searches', 'portalAnalyticsSearches'],
    ])}
    ${ui.table<PathFigures>({
      view: 'self-help',
      table: 'paths',
      label: t('portalAnalyticsPaths'),
      empty: t('portalAnalyticsPathsEmpty'),
      rowKey: 'pathId',
      rows: paths,
      columns: [
        { key: 'title', label: t('portalAnalyticsPath'), cell: (p) => titleOf(p.pathId) },
        countColumn(ui, 'views', 'portalAnalyticsViews'),
        countColumn(ui, 'completions', 'portalAnalyticsCompletions'),
        countColumn(ui, 'resolved', 'portalAnalyticsResolved'),
        countColumn(ui, 'escalated', 'portalAnalyticsEscalated'),
        countColumn(ui, 'fromRecommended', 'portalAnalyticsFromRecommended'),
      ],
    })}
    <div class="drop-off">
      ${dropOffPaths.length
        ? html`<div class="field">
            <label for="drop-off-path">${t('portalAnalyticsDropOffPath')}</label>
            <select part="drop-off-path-input" id="drop-off-path" @change=${(event: Event) => ui.chooseDropOffPath((event.target as HTMLSelectElement).value)}>
              ${dropOffPaths.map((pathId) => html`<option value=${pathId} ?selected=${pathId === chosen}>${titleOf(pathId)}</option>`)}
            </select>
          </div>`
        : nothing}
      ${ui.table({
        view: 'self-help',
        table: 'drop-off',
        label: chosen ? t('portalAnalyticsDropOffOf', { path: titleOf(chosen) }) : t('portalAnalyticsDropOff'),
        empty: t('portalAnalyticsDropOffEmpty'),
        rowKey: 'stepId',
        rows: view.dropOff.filter((row) => row.pathId === chosen),
        columns: [{ key: 'stepId', label: t('portalAnalyticsStep') }, countColumn(ui, 'stopped', 'portalAnalyticsStopped')],
      })}
    </div>
    ${ui.table({
      view: 'self-help',
      table: 'no-result-queries',
      label: t('portalAnalyticsNoResultQueries'),
      empty: t('portalAnalyticsNoResultEmpty'),
      rowKey: 'query',
      rows: view.searches.topNoResult,
      columns: [{ key: 'query', label: t('portalAnalyticsQuery') }, countColumn(ui, 'count', 'portalAnalyticsSearches')],
    })}
  </section>`;
}

/** The survey's rows, each with a key (its place): made once per view, so that the table keeps them. */
const keyedSurveys = new WeakMap<LiveHelpAnalytics, readonly (LiveHelpAnalytics['survey'][number] & { key: string })[]>();
function surveyRows(view: LiveHelpAnalytics) {
  let rows = keyedSurveys.get(view);
  if (!rows) keyedSurveys.set(view, (rows = view.survey.map((row, i) => ({ ...row, key: String(i) }))));
  return rows;
}

const CHANNELS: Record<string, StringKey> = { chat: 'portalAnalyticsChannelChat', call: 'portalAnalyticsChannelCall' };

/** Live help: figures, sessions and abandoned per day, per skill and channel, ratings and survey answers. */
export function renderLiveHelp(ui: AnalyticsUi, view: LiveHelpAnalytics): TemplateResult {
  const { t, format } = ui;
  const duration = (ms: number | null) => (ms === null ? t('portalAnalyticsNotMeasured') : format.duration(ms));
  return html`<section part="live-help" class="section" aria-labelledby="live-help-heading">
    <h2 id="live-help-heading">${t('portalAnalyticsLiveHelp')}</h2>
    <dl part="figures" class="figures">
      ${figure('sessions', t('portalAnalyticsSessions'), format.count(view.sessions))}
      ${figure('abandoned', t('portalAnalyticsAbandoned'), format.count(view.abandoned))}
      ${figure('transfers', t('portalAnalyticsTransfers'), format.count(view.transfers))}
      ${figure('wait-p50', t('portalAnalyticsWaitP50'), duration(view.wait.p50))}
      ${figure('wait-p90', t('portalAnalyticsWaitP90'), duration(view.wait.p90))}
      ${figure('handle-p50', t('portalAnalyticsHandleP50'), duration(view.handle.p50))}
      ${figure('handle-p90', t('portalAnalyticsHandleP90'), duration(view.handle.p90))}
      ${figure('ratings', t('portalAnalyticsRatings'), format.count(view.ratings.count))}
      ${figure('rating-average', t('portalAnalyticsRatingAverage'), view.ratings.average === null ? t('portalAnalyticsNotMeasured') : format.decimal(view.ratings.average))}
    </dl>
    ${dayChart(ui, 'live-help', t('portalAnalyticsLiveHelpDays'), view.days, [
      ['sessions', 'portalAnalyticsSessions'],
      ['abandoned', 'portalAnalyticsAbandoned'],
    ])}
    ${ui.table<LiveHelpAnalytics['bySkill'][number]>({
      view: 'live-help',
      table: 'skills',
      label: t('portalAnalyticsSkills'),
      empty: t('portalAnalyticsSessionsEmpty'),
      // The general queue's row is keyed `null`.
      rowKey: 'skillId',
      rows: view.bySkill,
      columns: [
        { key: 'name', label: t('portalAnalyticsSkill'), cell: (row) => (row.skillId === null ? t('portalAnalyticsGeneralQueue') : (row.name ?? row.skillId)) },
        countColumn(ui, 'sessions', 'portalAnalyticsSessions'),
      ],
    })}
    ${ui.table<LiveHelpAnalytics['byChannel'][number]>({
      view: 'live-help',
      table: 'channels',
      label: t('portalAnalyticsChannels'),
      empty: t('portalAnalyticsSessionsEmpty'),
      rowKey: 'channel',
      rows: view.byChannel,
      columns: [
        { key: 'channel', label: t('portalAnalyticsChannel'), cell: (row) => (CHANNELS[row.channel] ? t(CHANNELS[row.channel]) : row.channel) },
        countColumn(ui, 'sessions', 'portalAnalyticsSessions'),
      ],
    })}
    ${ui.table<LiveHelpAnalytics['ratings']['distribution'][number]>({
      view: 'live-help',
      table: 'ratings',
      label: t('portalAnalyticsRatingScores'),
      empty: t('portalAnalyticsRatingsEmpty'),
      rowKey: 'score',
      rows: view.ratings.distribution,
      columns: [
        { key: 'score', label: t('portalAnalyticsScore'), cell: (row) => t('portalAnalyticsScoreOf', { score: format.count(row.score) }) },
        countColumn(ui, 'count', 'portalAnalyticsRatings'),
      ],
    })}
    ${ui.table({
      view: 'live-help',
      table: 'survey',
      label: t('portalAnalyticsSurvey'),
      empty: t('portalAnalyticsSurveyEmpty'),
      rowKey: 'key',
      rows: surveyRows(view),
      columns: [
        { key: 'question', label: t('portalAnalyticsQuestion') },
        { key: 'answer', label: t('portalAnalyticsAnswer') },
        countColumn(ui, 'count', 'portalAnalyticsAnswers'),
      ],
    })}
  </section>`;
}
