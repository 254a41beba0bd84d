import { html, nothing, type TemplateResult } from 'lit';
import type { StringKey } from '../i18n/strings.js';
import type { AuditAction, AuditQuery, AuditRecord } from '../protocol/audit.js';
import { AUDIT_ACTIONS } from '../protocol/api.js';
import type { Translate } from './error-text.js';

// What <nexus-portal-audit> shows of the audit log: the actions in words, the changes of a
// record (field: old → new), and the filters' form.

/** The label of each action (a new action fails to compile until it has one). */
export const AUDIT_ACTION_LABELS: Record<AuditAction, StringKey> = {
  'tenant.create': 'portalAuditTenantCreate',
  'token.create': 'portalAuditTokenCreate',
  'token.view': 'portalAuditTokenView',
  'token.revoke': 'portalAuditTokenRevoke',
  'skill.create': 'portalAuditSkillCreate',
  'skill.rename': 'portalAuditSkillRename',
  'skill.delete': 'portalAuditSkillDelete',
  'skill.assign': 'portalAuditSkillAssign',
  'skill.unassign': 'portalAuditSkillUnassign',
  'agent.create': 'portalAuditAgentCreate',
  'agent.update': 'portalAuditAgentUpdate',
  'agent.delete': 'portalAuditAgentDelete',
  'agent.token': 'portalAuditAgentToken',
  'branding.update': 'portalAuditBrandingUpdate',
  'branding.reset': 'portalAuditBrandingReset',
  'branding.theme.upload': 'portalAuditThemeUpload',
  'branding.theme.reset': 'portalAuditThemeReset',
  'config.update': 'portalAuditConfigUpdate',
  'cobrowse.update': 'portalAuditCobrowseUpdate',
  'cobrowse.reset': 'portalAuditCobrowseReset',
  'mail.update': 'portalAuditMailUpdate',
  'mail.clear': 'portalAuditMailClear',
  'account.create': 'portalAuditAccountCreate',
  'account.update': 'portalAuditAccountUpdate',
  'account.disable': 'portalAuditAccountDisable',
  'account.enable': 'portalAuditAccountEnable',
  'account.delete': 'portalAuditAccountDelete',
  'account.password': 'portalAuditAccountPassword',
  'account.reset': 'portalAuditAccountReset',
  'path.create': 'portalAuditPathCreate',
  'path.duplicate': 'portalAuditPathDuplicate',
  'path.save': 'portalAuditPathSave',
  'path.publish': 'portalAuditPathPublish',
  'path.discard': 'portalAuditPathDiscard',
  'path.restore': 'portalAuditPathRestore',
  'path.delete': 'portalAuditPathDelete',
  'help-id.move': 'portalAuditHelpIdMove',
  'category.create': 'portalAuditCategoryCreate',
  'category.update': 'portalAuditCategoryUpdate',
  'category.delete': 'portalAuditCategoryDelete',
  'content.import': 'portalAuditContentImport',
  'content.image.upload': 'portalAuditContentImageUpload',
  'content.image.remove': 'portalAuditContentImageRemove',
};

/** The filters as the form holds them (dates as `YYYY-MM-DD`, in the browser's time zone). */
export interface AuditFilters {
  actor: string;
  action: string;
  target: string;
  since: string;
  until: string;
}

export const NO_FILTERS: AuditFilters = { actor: '', action: '', target: '', since: '', until: '' };

const DAY_MS = 24 * 60 * 60 * 1000;

/** The API's query for filters: `since` from the start of its day, `until` to the end of its day. */
export function auditQuery(filters: AuditFilters): Omit<AuditQuery, 'tenant'> {
  const day = (value: string) => (value ? new Date(`${value}T00:00:00`).getTime() : NaN);
  const query: Omit<AuditQuery, 'tenant'> = {};
  if (filters.actor) query.actor = filters.actor;
  if (filters.action) query.action = filters.action as AuditAction;
  if (filters.target.trim()) query.target = filters.target.trim();
  if (Number.isFinite(day(filters.since))) query.since = day(filters.since);
  if (Number.isFinite(day(filters.until))) query.until = day(filters.until) + DAY_MS - 1;
  return query;
}

export const isFiltered = (filters: AuditFilters) => Object.values(filters).some((value) => value.trim() !== '');

/** A value as one line of text: strings as they are, the rest as JSON. */
const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** The fields of a state that is an object; none for another value. */
const fieldsOf = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/**
 * The changes of a record, one line per field: `field: old → new` of the fields that differ,
 * `field: value` of what was created or deleted; states that are not objects as JSON.
 */
export function renderChanges(t: Translate, record: AuditRecord): TemplateResult {
  const [before, after] = [fieldsOf(record.before), fieldsOf(record.after)];
  const objects = (before || record.before === null) && (after || record.after === null);
  const rows: [string, string][] = [];
  for (const key of new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])) {
    const [old, now] = [before?.[key], after?.[key]];
    if (JSON.stringify(old) === JSON.stringify(now)) continue;
    const text = (value: unknown) => (value === undefined ? t('portalAuditNone') : shown(value));
    rows.push([key, before && after ? `${text(old)} → ${text(now)}` : text(old ?? now)]);
  }
  const kind = before && after ? 'portalAuditChanged' : before ? 'portalAuditDeleted' : after ? 'portalAuditCreated' : undefined;
  return html`<details part="details">
    <summary>${t('portalAuditDetails')}</summary>
    ${objects
      ? html`${kind ? html`<p class="muted">${t(kind)}</p>` : nothing}
          ${rows.length
            ? html`<dl class="changes">${rows.map(([key, line]) => html`<dt>${key}</dt><dd>${line}</dd>`)}</dl>`
            : html`<p>${t('portalAuditNoFieldChanged')}</p>`}`
      : html`<pre>${JSON.stringify({ before: record.before, after: record.after }, null, 2)}</pre>`}
  </details>`;
}

export interface FilterHandlers {
  apply(event: SubmitEvent): void;
  clear(): void;
}

/** The filters' form: who, what, target, and the days from and to. */
export function renderFilters(
  t: Translate,
  filters: AuditFilters,
  actors: readonly { id: string; label: string }[],
  busy: boolean,
  on: FilterHandlers,
): TemplateResult {
  const selectedIf = (value: string, current: string) => value === current;
  return html`<form part="filters" class="filters" novalidate aria-labelledby="filters-heading" @submit=${on.apply}>
    <h2 id="filters-heading">${t('portalAuditFilters')}</h2>
    <div class="filter">
      <label for="actor-input">${t('portalAuditActor')}</label>
      <select part="actor-input" id="actor-input" name="actor">
        <option value="" ?selected=${filters.actor === ''}>${t('portalAuditAnyone')}</option>
        <option value="cli" ?selected=${filters.actor === 'cli'}>${t('portalAuditCli')}</option>
        ${actors.map((actor) => html`<option value=${actor.id} ?selected=${selectedIf(actor.id, filters.actor)}>${actor.label}</option>`)}
      </select>
    </div>
    <div class="filter">
      <label for="action-input">${t('portalAuditAction')}</label>
      <select part="action-input" id="action-input" name="action">
        <option value="" ?selected=${filters.action === ''}>${t('portalAuditAnyAction')}</option>
        ${AUDIT_ACTIONS.map((action) => html`<option value=${action} ?selected=${selectedIf(action, filters.action)}>${t(AUDIT_ACTION_LABELS[action])}</option>`)}
      </select>
    </div>
    <div class="filter">
      <label for="target-input">${t('portalAuditTarget')}</label>
      <input part="target-input" id="target-input" name="target" type="text" spellcheck="false" .value=${filters.target} />
    </div>
    <div class="filter">
      <label for="since-input">${t('portalAuditSince')}</label>
      <input part="since-input" id="since-input" name="since" type="date" .value=${filters.since} />
    </div>
    <div class="filter">
      <label for="until-input">${t('portalAuditUntil')}</label>
      <input part="until-input" id="until-input" name="until" type="date" .value=${filters.until} />
    </div>
    <div class="buttons">
      <button part="apply-button" class="button primary" type="submit" ?disabled=${busy}>${t('portalAuditApply')}</button>
      <button part="clear-button" class="button" type="button" ?disabled=${busy || !isFiltered(filters)} @click=${on.clear}>${t('portalAuditClear')}</button>
    </div>
  </form>`;
}

/** The filters in the form, as typed. */
export function readFilters(form: HTMLFormElement): AuditFilters {
  const value = (name: keyof AuditFilters) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value;
  return { actor: value('actor'), action: value('action'), target: value('target'), since: value('since'), until: value('until') };
}
