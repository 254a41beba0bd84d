import { html, nothing, type TemplateResult } from 'lit';
import type { AgentSessionDetail, LiveSession } from '../../protocol/live.js';
import { icon } from '../../components/shared/icons.js';
import { restartIcon } from '../../components/shared/icons-actions.js';
import { renderEmpty, renderError, renderLoading, type ConsoleView } from './console-view.js';
import { consumerName, dataText, isoTime } from './format.js';

// The customer panel: who the customer is, where they came from, the session's data, their
// context log and guided-path activity.

export function renderDetails(ui: ConsoleView): TemplateResult {
  const id = ui.store.selectedId;
  const state = id ? ui.store.details.get(id) : undefined;
  const session = id ? ui.store.sessions.get(id) : undefined;
  let body: unknown;
  if (!id || !session) body = renderEmpty(ui.t('agentNoSelection'));
  else if (state?.phase === 'error' && !state.detail) body = renderError(ui, state.error, () => void ui.on.loadDetail(id));
  else if (!state?.detail) body = renderLoading(ui);
  else body = renderDetailBody(ui, state.detail, session);
  return html`<section part="details" class="details panel" aria-labelledby="details-heading" aria-busy=${state?.phase === 'loading' ? 'true' : 'false'}>
    <div class="details-heading">
      <h2 id="details-heading" class="panel-heading">${ui.t('agentDetailsLabel')}</h2>
      ${id
        ? html`<button
            part="refresh-button"
            class="icon-button"
            type="button"
            aria-label=${ui.t('agentRefresh')}
            title=${ui.t('agentRefresh')}
            @click=${() => ui.on.loadDetail(id)}
          >
            ${icon(restartIcon)}
          </button>`
        : nothing}
    </div>
    ${body}
  </section>`;
}

function renderDetailBody(ui: ConsoleView, detail: AgentSessionDetail, session: LiveSession): TemplateResult {
  const consumer = detail.consumer;
  const name = consumerName(consumer);
  const row = (label: string, value: string | null) =>
    value ? html`<div><dt>${label}</dt><dd>${value}</dd></div>` : nothing;
  const data = Object.entries(session.data ?? {});
  const origin = session.origin;
  const originTitle = origin?.pathId
    ? (consumer.activity.find((a) => a.pathId === origin.pathId && a.pathTitle)?.pathTitle ?? origin.pathId)
    : null;
  return html`<div class="detail-sections">
    <section part="identity" class="detail-section" aria-labelledby="identity-heading">
      <h3 id="identity-heading">${ui.t('agentIdentity')}</h3>
      <dl>
        ${row(ui.t('agentName'), name ?? ui.t('agentAnonymous'))} ${row(ui.t('agentEmail'), consumer.email)}
        ${row(ui.t('agentPhone'), consumer.phone)} ${row(ui.t('agentExternalId'), consumer.externalId)}
        ${row(ui.t('agentConsumerKey'), consumer.key)}
      </dl>
    </section>
    <section part="origin" class="detail-section" aria-labelledby="origin-heading">
      <h3 id="origin-heading">${ui.t('agentOrigin')}</h3>
      ${origin && (origin.pathId || origin.helpId || origin.url)
        ? html`<dl>
            ${row(ui.t('agentOriginPath'), originTitle)} ${row(ui.t('agentOriginStep'), origin.stepId ?? null)}
            ${row(ui.t('agentOriginHelpId'), origin.helpId ?? null)} ${row(ui.t('agentOriginPage'), origin.url ?? null)}
          </dl>`
        : html`<p class="muted small">${ui.t('agentOriginNone')}</p>`}
    </section>
    <section part="session-data" class="detail-section" aria-labelledby="data-heading">
      <h3 id="data-heading">${ui.t('agentSessionData')}</h3>
      ${data.length
        ? html`<dl>${data.map(([key, value]) => row(key, value))}</dl>`
        : html`<p class="muted small">${ui.t('agentSessionDataEmpty')}</p>`}
    </section>
    <section part="context-log" class="detail-section" aria-labelledby="context-heading">
      <h3 id="context-heading">${ui.t('agentContextLog')}</h3>
      ${consumer.context.length
        ? html`<ol class="entries">
            ${consumer.context.map((entry) => {
              const extra = dataText(entry.data);
              return html`<li part="context-entry" class="entry">
                <span class="entry-line">
                  <span class="badge kind">${contextKindLabel(ui, entry.kind)}</span>
                  <span class="entry-name">${entry.name}</span>
                  <time datetime=${isoTime(entry.at)}>${ui.localize.time(entry.at, ui.now())}</time>
                </span>
                ${entry.detail ? html`<span class="entry-detail">${entry.detail}</span>` : nothing}
                ${extra ? html`<code class="entry-data">${extra}</code>` : nothing}
              </li>`;
            })}
          </ol>`
        : html`<p class="muted small">${ui.t('agentContextEmpty')}</p>`}
    </section>
    <section part="activity" class="detail-section" aria-labelledby="activity-heading">
      <h3 id="activity-heading">${ui.t('agentActivity')}</h3>
      ${consumer.activity.length
        ? html`<ol class="entries">
            ${consumer.activity.map(
              (entry) => html`<li part="activity-entry" class="entry">
                <span class="entry-line">
                  <span class="entry-name">${entry.pathTitle ?? entry.pathId}</span>
                  <time datetime=${isoTime(entry.at)}>${ui.localize.time(entry.at, ui.now())}</time>
                </span>
                <span class="entry-detail">
                  ${activityLabel(ui, entry.event)}${entry.stepId ? html` · ${ui.t('agentOriginStep')}: ${entry.stepId}` : nothing}
                </span>
              </li>`,
            )}
          </ol>`
        : html`<p class="muted small">${ui.t('agentActivityEmpty')}</p>`}
    </section>
  </div>`;
}

function contextKindLabel(ui: ConsoleView, kind: string): string {
  if (kind === 'action') return ui.t('agentContextAction');
  if (kind === 'device') return ui.t('agentContextDevice');
  if (kind === 'content') return ui.t('agentContextContent');
  return kind;
}

function activityLabel(ui: ConsoleView, event: string): string {
  if (event === 'started') return ui.t('agentActivityStarted');
  if (event === 'step') return ui.t('agentActivityStep');
  if (event === 'resolved') return ui.t('agentActivityResolved');
  if (event === 'escalated') return ui.t('agentActivityEscalated');
  return event;
}
