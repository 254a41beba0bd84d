import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { LIVE_STATES, type LiveState } from '../../protocol/api.js';
import type { LiveSession } from '../../protocol/live.js';
import { isMine, renderEmpty, renderError, renderLoading, sessionTitle, stateLabel, type ConsoleView } from './console-view.js';
import { consumerName, isoTime } from './format.js';

// The session column: the connection code search, the filters and the session list (a listbox).

/**
 * What a key does in the session list of `size` sessions with `active` the focusable one: move
 * (arrows, Home, End) to `index`, or open (Enter, Space) the session at `index`. Undefined for
 * other keys, or an empty list.
 */
export function listKey(key: string, active: number, size: number): { index: number; open: boolean } | undefined {
  if (!size) return undefined;
  const at = Math.min(active, size - 1);
  switch (key) {
    case 'ArrowDown':
      return { index: Math.min(size - 1, at + 1), open: false };
    case 'ArrowUp':
      return { index: Math.max(0, at - 1), open: false };
    case 'Home':
      return { index: 0, open: false };
    case 'End':
      return { index: size - 1, open: false };
    case 'Enter':
    case ' ':
      return { index: at, open: true };
    default:
      return undefined;
  }
}

export function renderSidebar(ui: ConsoleView): TemplateResult {
  return html`<section part="sidebar" class="sidebar panel" aria-labelledby="sessions-heading">
    ${renderCodeSearch(ui)}
    <h2 id="sessions-heading" class="panel-heading">${ui.t('agentSessionsHeading')}</h2>
    ${renderFilters(ui)} ${renderList(ui)}
  </section>`;
}

function renderCodeSearch(ui: ConsoleView): TemplateResult {
  const status = ui.codeStatus();
  return html`<form part="code-search" class="code-search" novalidate @submit=${ui.on.onCodeSubmit}>
    <label for="code-input">${ui.t('agentCodeLabel')}</label>
    <div class="code-row">
      <input
        part="code-input"
        id="code-input"
        name="code"
        type="text"
        inputmode="numeric"
        autocomplete="off"
        maxlength="9"
        aria-describedby="code-hint code-status"
        aria-invalid=${status?.kind === 'error' ? 'true' : 'false'}
      />
      <button part="code-button" class="button" type="submit">${ui.t('agentCodeFind')}</button>
    </div>
    <p id="code-hint" class="muted small">${ui.t('agentCodeHint')}</p>
    <p part="code-status" id="code-status" class="small code-status ${status?.kind ?? ''}" role="status">${status?.text ?? ''}</p>
  </form>`;
}

function renderFilters(ui: ConsoleView): TemplateResult {
  const skills = new Set<string>(ui.agent()?.skills ?? []);
  for (const session of ui.store.sessions.values()) if (session.skill) skills.add(session.skill);
  if (ui.store.skillFilter) skills.add(ui.store.skillFilter);
  const label = (state: LiveState) => stateLabel(ui, state);
  return html`<fieldset part="filters" class="filters">
    <legend class="visually-hidden">${ui.t('agentFiltersLabel')}</legend>
    <label>
      <span>${ui.t('agentFilterState')}</span>
      <select part="filter" name="state" @change=${(e: Event) => ui.on.onFilterChange(e, 'state')}>
        <option value="open" ?selected=${ui.store.stateChoice === 'open'}>${ui.t('agentFilterOpen')}</option>
        ${LIVE_STATES.map((s) => html`<option value=${s} ?selected=${ui.store.stateChoice === s}>${label(s)}</option>`)}
        <option value="all" ?selected=${ui.store.stateChoice === 'all'}>${ui.t('agentFilterAll')}</option>
      </select>
    </label>
    <label>
      <span>${ui.t('agentFilterSkill')}</span>
      <select part="filter" name="skill" @change=${(e: Event) => ui.on.onFilterChange(e, 'skill')}>
        <option value="" ?selected=${!ui.store.skillFilter}>${ui.t('agentFilterAnySkill')}</option>
        ${[...skills].sort().map((s) => html`<option value=${s} ?selected=${ui.store.skillFilter === s}>${s}</option>`)}
      </select>
    </label>
    <label>
      <span>${ui.t('agentFilterKind')}</span>
      <select part="filter" name="kind" @change=${(e: Event) => ui.on.onFilterChange(e, 'kind')}>
        <option value="" ?selected=${!ui.store.kindFilter}>${ui.t('agentFilterAnyKind')}</option>
        <option value="chat" ?selected=${ui.store.kindFilter === 'chat'}>${ui.t('agentKindChat')}</option>
        <option value="call" ?selected=${ui.store.kindFilter === 'call'}>${ui.t('agentKindCall')}</option>
      </select>
    </label>
  </fieldset>`;
}

function renderList(ui: ConsoleView): unknown {
  if (ui.store.listPhase === 'error') return renderError(ui, ui.store.listError, () => void ui.on.loadSessions());
  if (ui.store.listPhase === 'loading' && !ui.store.listIds.length) return renderLoading(ui);
  if (!ui.store.listIds.length) return renderEmpty(ui.t('agentSessionsEmpty'));
  const active = Math.min(ui.activeIndex(), ui.store.listIds.length - 1);
  return html`<p class="visually-hidden" id="session-count">
      ${ui.localize.count('agentSessionsCount', 'agentSessionsCountOne', ui.store.listIds.length)}
    </p>
    <div
      part="session-list"
      class="session-list"
      role="listbox"
      aria-label=${ui.t('agentSessionsLabel')}
      aria-describedby="session-count"
      @keydown=${ui.on.onListKeyDown}
    >
      ${repeat(
        ui.store.listIds,
        (id) => id,
        (id, index) => renderListItem(ui, ui.store.sessions.get(id)!, index === active),
      )}
    </div>`;
}

function renderListItem(ui: ConsoleView, session: LiveSession, focusable: boolean): TemplateResult {
  const selected = session.id === ui.store.selectedId;
  const unread = ui.store.unread.get(session.id) ?? 0;
  const detail = ui.store.details.get(session.id)?.detail;
  const name = consumerName(detail?.consumer);
  return html`<div
    part=${selected ? 'session session-selected' : 'session'}
    class="session ${selected ? 'selected' : ''}"
    role="option"
    id=${`session-${session.id}`}
    data-session=${session.id}
    tabindex=${focusable ? '0' : '-1'}
    aria-selected=${selected ? 'true' : 'false'}
    @click=${() => ui.on.select(session.id)}
    @focus=${() => {
      const index = ui.store.listIds.indexOf(session.id);
      if (index >= 0) ui.on.focusIndex(index);
    }}
  >
    <span class="session-line">
      <span class="session-title">${name ?? sessionTitle(ui, session)}</span>
      <span part="state-badge" class="badge state-${session.state}">${stateLabel(ui, session.state)}</span>
    </span>
    <span class="session-line muted small">
      <span>${ui.t('agentSessionCode', { code: session.code })}</span>
      <span>
        ${isMine(ui, session) ? html`<span class="mine">${ui.t('agentMine')} · </span>` : nothing}
        <time datetime=${isoTime(session.createdAt)}>${ui.localize.time(session.createdAt, ui.now())}</time>
      </span>
    </span>
    ${unread ? html`<span part="unread" class="unread">${ui.t('agentUnread', { count: unread })}</span>` : nothing}
  </div>`;
}
