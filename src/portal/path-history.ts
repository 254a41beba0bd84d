import { html, nothing, type TemplateResult } from 'lit';
import { emptyState, errorState, loadingState } from '../components/shared/states.js';
import type { StringKey } from '../i18n/strings.js';
import type { PathVersionSummary } from '../protocol/authoring.js';
import type { GuidedPath, Step } from '../protocol/schemas.js';
import type { Translate } from './error-text.js';

/** A field compared between a version and the draft. */
export type ComparedField = 'title' | 'summary' | 'category' | 'audience' | 'tags' | 'helpIds' | 'firstStep' | 'stepOrder' | 'stepTitle' | 'stepBody' | 'stepLeads';

/** A field whose value differs: its text in the version and in the draft. */
export interface FieldChange {
  field: ComparedField;
  before: string;
  after: string;
}

/** One difference between a version and the draft. */
export type PathDifference =
  | { kind: 'field'; change: FieldChange }
  | { kind: 'step-added' | 'step-removed'; step: string; title: string }
  | { kind: 'step-changed'; step: string; title: string; changes: FieldChange[] };

/** The text of a step's HTML, as a reader gets it (tags gone, spaces as one). */
export function htmlText(source: string): string {
  const doc = new DOMParser().parseFromString(source, 'text/html');
  return (doc.body.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Where a step leads, as text: its choices (`label → target`), else its next step. */
function leadsText(step: Step): string {
  if (step.choices) return step.choices.map((c) => `${c.label} → ${c.next}`).join('; ');
  return step.next ?? '';
}

/**
 * What changed from `before` (a version) to `after` (the draft): the path's fields, then each
 * step matched by id (added, removed, or changed: title, text compared as text, where it leads),
 * and the steps' order.
 */
export function comparePaths(before: GuidedPath, after: GuidedPath): PathDifference[] {
  const differences: PathDifference[] = [];
  const field = (name: ComparedField, a: string, b: string) => {
    if (a !== b) differences.push({ kind: 'field', change: { field: name, before: a, after: b } });
  };
  field('title', before.title, after.title);
  field('summary', before.summary, after.summary);
  field('category', before.category, after.category);
  field('audience', before.audience, after.audience);
  field('tags', before.tags.join(', '), after.tags.join(', '));
  field('helpIds', before.helpIds.join(', '), after.helpIds.join(', '));
  field('firstStep', before.firstStep ?? before.steps[0]?.id ?? '', after.firstStep ?? after.steps[0]?.id ?? '');
  const old = new Map(before.steps.map((s) => [s.id, s]));
  const now = new Map(after.steps.map((s) => [s.id, s]));
  for (const step of before.steps) if (!now.has(step.id)) differences.push({ kind: 'step-removed', step: step.id, title: step.title });
  for (const step of after.steps) {
    const was = old.get(step.id);
    if (!was) {
      differences.push({ kind: 'step-added', step: step.id, title: step.title });
      continue;
    }
    const changes: FieldChange[] = [];
    const change = (name: ComparedField, a: string, b: string) => {
      if (a !== b) changes.push({ field: name, before: a, after: b });
    };
    change('stepTitle', was.title, step.title);
    change('stepBody', htmlText(was.body), htmlText(step.body));
    change('stepLeads', leadsText(was), leadsText(step));
    if (changes.length) differences.push({ kind: 'step-changed', step: step.id, title: step.title, changes });
  }
  const kept = (steps: Step[], other: Map<string, Step>) => steps.filter((s) => other.has(s.id)).map((s) => s.id);
  field('stepOrder', kept(before.steps, now).join(', '), kept(after.steps, old).join(', '));
  return differences;
}

const FIELD_LABELS: Record<ComparedField, StringKey> = {
  title: 'portalPathTitle',
  summary: 'portalPathSummary',
  category: 'portalPathCategory',
  audience: 'portalPathAudience',
  tags: 'portalPathTags',
  helpIds: 'portalPathHelpIds',
  firstStep: 'portalPathFirstStep',
  stepOrder: 'portalPathStepOrder',
  stepTitle: 'portalPathStepTitle',
  stepBody: 'portalPathStepBody',
  stepLeads: 'portalPathLeads',
};

function renderChange(t: Translate, change: FieldChange): TemplateResult {
  const none = t('portalPathCompareNone');
  return html`<li class="change">
    <span class="change-field">${t(FIELD_LABELS[change.field])}</span>
    <span>${t('portalPathCompareBefore')} <del>${change.before || none}</del></span>
    <span>${t('portalPathCompareAfter')} <ins>${change.after || none}</ins></span>
  </li>`;
}

/** The differences as a list a reader follows (empty: the version is the draft). */
export function renderDifferences(t: Translate, version: number, differences: PathDifference[]): TemplateResult {
  return html`<section part="compare" class="compare" aria-labelledby="compare-heading">
    <h3 id="compare-heading" tabindex="-1">${t('portalPathCompareHeading', { version })}</h3>
    ${differences.length
      ? html`<ul class="differences">
          ${differences.map((d) => {
            if (d.kind === 'field') return renderChange(t, d.change);
            if (d.kind === 'step-changed')
              return html`<li>
                ${t('portalPathCompareStepChanged', { title: d.title, id: d.step })}
                <ul>
                  ${d.changes.map((c) => renderChange(t, c))}
                </ul>
              </li>`;
            return html`<li>${t(d.kind === 'step-added' ? 'portalPathCompareStepAdded' : 'portalPathCompareStepRemoved', { title: d.title, id: d.step })}</li>`;
          })}
        </ul>`
      : html`<p>${t('portalPathCompareSame')}</p>`}
  </section>`;
}

/** What the history section is given: the versions' load, the comparison shown, and its actions. */
export interface HistoryView {
  t: Translate;
  status: 'loading' | 'error' | 'ready';
  error?: string;
  versions: PathVersionSummary[];
  busy: boolean;
  when: (at: number) => string;
  retry: () => void;
  compare: (version: number) => void;
  restore: (version: number) => void;
  compared?: TemplateResult;
}

/** The path's published versions (who and when), each with Compare with draft and Restore. */
export function renderHistory(view: HistoryView): TemplateResult {
  const { t } = view;
  let body: unknown;
  if (view.status === 'loading') body = loadingState(t('loading'));
  else if (view.status === 'error') body = errorState(view.error ?? '', { label: t('retry'), run: view.retry });
  else if (!view.versions.length) body = emptyState(t('portalPathHistoryEmpty'));
  else
    body = html`<table part="versions" class="versions">
      <caption class="muted">${t('portalPathHistoryCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">${t('portalPathVersion')}</th>
          <th scope="col">${t('portalPathPublishedBy')}</th>
          <th scope="col">${t('portalPathPublishedAt')}</th>
          <th scope="col">${t('portalPeopleActions')}</th>
        </tr>
      </thead>
      <tbody>
        ${view.versions.map(
          (v) => html`<tr data-version=${v.version}>
            <td id="version-${v.version}">${t('portalPathVersionNumber', { version: v.version })}</td>
            <td>${v.publishedBy?.name ?? t('portalPathCommandLine')}</td>
            <td>${view.when(v.publishedAt)}</td>
            <td class="actions">
              <button part="compare-button" class="button" type="button" aria-describedby="version-${v.version}" @click=${() => view.compare(v.version)}>
                ${t('portalPathCompare')}
              </button>
              <button part="restore-button" class="button" type="button" ?disabled=${view.busy} aria-describedby="version-${v.version}" @click=${() => view.restore(v.version)}>
                ${t('portalPathRestore')}
              </button>
            </td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  return html`<section part="history" class="history" aria-labelledby="history-heading">
    <h2 id="history-heading">${t('portalPathHistory')}</h2>
    ${body} ${view.compared ?? nothing}
  </section>`;
}
