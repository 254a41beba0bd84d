import { html, nothing, type TemplateResult } from 'lit';
import type { StringKey } from '../i18n/strings.js';
import type { AuthoredPathQuery, AuthoredPathSummary, ContentCategory, PathStatus } from '../protocol/authoring.js';
import type { Audience } from '../protocol/schemas.js';
import type { Translate } from './error-text.js';
import { renderField, type FieldRefusal } from './field.js';

// What <nexus-portal-paths> (paths-page.ts) shows besides its table: the words of statuses and
// audiences, the filters, and the forms that make a path (new, duplicate) and move a help-id.

export const STATUS_LABELS: Record<PathStatus, StringKey> = {
  draft: 'portalPathStatusDraft',
  changed: 'portalPathStatusChanged',
  published: 'portalPathStatusPublished',
};

export const AUDIENCE_LABELS: Record<Audience, StringKey> = {
  consumer: 'portalAudienceConsumer',
  agent: 'portalAudienceAgent',
  all: 'portalAudienceAll',
};

/** The list's filters as the form holds them ('' is any). */
export interface PathFilters {
  q: string;
  category: string;
  tag: string;
  audience: string;
  status: string;
}

export const NO_PATH_FILTERS: PathFilters = { q: '', category: '', tag: '', audience: '', status: '' };

export const pathsFiltered = (filters: PathFilters) => Object.values(filters).some((value) => value.trim() !== '');

/** The API's query of the filters. */
export function pathQuery(filters: PathFilters): AuthoredPathQuery {
  const query: AuthoredPathQuery = {};
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.category) query.category = filters.category;
  if (filters.tag.trim()) query.tag = filters.tag.trim();
  if (filters.audience) query.audience = filters.audience as Audience;
  if (filters.status) query.status = filters.status as PathStatus;
  return query;
}

export interface FiltersHandlers {
  /** A filter changed (a select, the tag); the search box's words are debounced by the page. */
  change(filters: PathFilters): void;
  search(q: string): void;
  clear(): void;
}

/** The filters: search, category, tag (the tags seen offered), audience and status; each applies on change. */
export function renderPathFilters(t: Translate, filters: PathFilters, categories: readonly ContentCategory[], tags: readonly string[], on: FiltersHandlers): TemplateResult {
  const read = (event: Event): PathFilters => {
    const form = (event.target as HTMLElement).closest('form')!;
    const value = (name: keyof PathFilters) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value;
    return { q: value('q'), category: value('category'), tag: value('tag'), audience: value('audience'), status: value('status') };
  };
  const select = (name: 'category' | 'audience' | 'status', label: StringKey, any: StringKey, options: [string, string][]) =>
    html`<div class="filter">
      <label for="filter-${name}">${t(label)}</label>
      <select part="${name}-filter" id="filter-${name}" name=${name} @change=${(event: Event) => on.change(read(event))}>
        <option value="" ?selected=${filters[name] === ''}>${t(any)}</option>
        ${options.map(([value, words]) => html`<option value=${value} ?selected=${filters[name] === value}>${words}</option>`)}
      </select>
    </div>`;
  return html`<form part="filters" class="filters" role="search" aria-labelledby="filters-heading" @submit=${(event: SubmitEvent) => {
      event.preventDefault();
      on.change(read(event));
    }}>
    <h2 id="filters-heading">${t('portalPathsFilters')}</h2>
    <div class="filter">
      <label for="filter-q">${t('portalPathsSearch')}</label>
      <input part="search-input" id="filter-q" name="q" type="search" autocomplete="off" maxlength="200" aria-describedby="filter-q-hint" .value=${filters.q}
        @input=${(event: Event) => on.search((event.target as HTMLInputElement).value)} />
      <p id="filter-q-hint" class="muted">${t('portalPathsSearchHint')}</p>
    </div>
    ${select('category', 'portalPathsCategory', 'portalPathsAnyCategory', categories.map((c) => [c.id, c.name]))}
    <div class="filter">
      <label for="filter-tag">${t('portalPathsTag')}</label>
      <input part="tag-filter" id="filter-tag" name="tag" type="text" list="filter-tags" autocomplete="off" maxlength="64" .value=${filters.tag}
        @change=${(event: Event) => on.change(read(event))} />
      <datalist id="filter-tags">${tags.map((tag) => html`<option value=${tag}></option>`)}</datalist>
    </div>
    ${select('audience', 'portalPathsAudience', 'portalPathsAnyAudience', Object.entries(AUDIENCE_LABELS).map(([value, key]) => [value, t(key)]))}
    ${select('status', 'portalPathsStatus', 'portalPathsAnyStatus', Object.entries(STATUS_LABELS).map(([value, key]) => [value, t(key)]))}
    <div class="buttons">
      <button part="clear-button" class="button" type="button" ?disabled=${!pathsFiltered(filters)} @click=${on.clear}>${t('portalPathsClear')}</button>
    </div>
  </form>`;
}

export type PathField = 'title' | 'id' | 'category';

/** The New path and Duplicate forms. */
export interface PathFormOptions {
  t: Translate;
  busy: boolean;
  /** Duplicate this path; none: a new one. */
  source?: AuthoredPathSummary;
  categories: readonly ContentCategory[];
  refusal?: FieldRefusal<PathField>;
  /** The title was typed (the id follows it until typed in). */
  titleInput(event: InputEvent): void;
  idInput(): void;
  submit(event: SubmitEvent): void;
  close(): void;
}

/** The form that makes a path: New path (title, id, category), or Duplicate (the copy's title and id). */
export function renderPathForm(options: PathFormOptions): TemplateResult {
  const { t, source, refusal } = options;
  const kind = source ? 'duplicate' : 'new';
  const error = (field: PathField) => (refusal?.field === field ? refusal.message : undefined);
  const attrs = (a: { invalid: boolean; describedBy: string }) => ({ invalid: a.invalid ? ('true' as const) : ('false' as const), describedBy: a.describedBy || nothing });
  const title = source ? t('portalPathsCopyTitle', { title: source.title }) : '';
  const id = source ? `${source.id}-copy`.slice(0, 64) : '';
  return html`<section part="${kind}-form" class="editor" aria-labelledby="path-form-heading">
    <h2 id="path-form-heading" tabindex="-1">${source ? t('portalPathsDuplicateHeading', { title: source.title }) : t('portalPathsNewHeading')}</h2>
    ${source ? html`<p class="muted">${t('portalPathsDuplicateHint')}</p>` : nothing}
    <form class="form" novalidate @submit=${options.submit}>
      ${renderField({ id: 'path-title', label: t('portalPathsTitle'), error: error('title') }, (a) => {
        const { invalid, describedBy } = attrs(a);
        return html`<input part="title-input" id=${a.id} name="title" type="text" autocomplete="off" maxlength="200" aria-invalid=${invalid} aria-describedby=${describedBy} .value=${title} @input=${options.titleInput} />`;
      })}
      ${renderField({ id: 'path-id', label: t('portalPathsId'), hint: t('portalContentIdRule'), error: error('id') }, (a) => {
        const { invalid, describedBy } = attrs(a);
        return html`<input part="id-input" id=${a.id} name="id" type="text" autocomplete="off" spellcheck="false" maxlength="64" aria-invalid=${invalid} aria-describedby=${describedBy} .value=${id} @input=${options.idInput} />`;
      })}
      ${source
        ? nothing
        : renderField(
            { id: 'path-category', label: t('portalPathsCategory'), hint: options.categories.length ? undefined : t('portalPathsNoCategories'), error: error('category') },
            (a) => {
              const { invalid, describedBy } = attrs(a);
              return html`<select part="category-input" id=${a.id} name="category" aria-invalid=${invalid} aria-describedby=${describedBy}>
                <option value="">${t('portalPathsChooseCategory')}</option>
                ${options.categories.map((c) => html`<option value=${c.id}>${c.name}</option>`)}
              </select>`;
            },
          )}
      <div class="buttons">
        <button part="create-button" class="button primary" type="submit" ?disabled=${options.busy}>${t(source ? 'portalPathsDuplicate' : 'portalPathsCreate')}</button>
        <button part="cancel-button" class="button" type="button" @click=${options.close}>${t('portalConfirmCancel')}</button>
      </div>
    </form>
  </section>`;
}

export interface HelpIdFormOptions {
  t: Translate;
  busy: boolean;
  /** The published paths (a help-id names a published path). */
  published: readonly AuthoredPathSummary[];
  refusal?: FieldRefusal<'helpId' | 'target'>;
  submit(event: SubmitEvent): void;
}

/** "Move a help-id": the help-id (those of published paths offered) and the published path to give it to. */
export function renderHelpIdForm(options: HelpIdFormOptions): TemplateResult {
  const { t, published, refusal } = options;
  const error = (field: 'helpId' | 'target') => (refusal?.field === field ? refusal.message : undefined);
  const helpIds = [...new Set(published.flatMap((p) => p.helpIds))].sort();
  return html`<form part="help-id-form" class="form" novalidate aria-labelledby="help-id-heading" @submit=${options.submit}>
    <h2 id="help-id-heading">${t('portalHelpIdHeading')}</h2>
    <p class="muted">${t('portalHelpIdHint')}</p>
    ${renderField(
      { id: 'help-id', label: t('portalHelpIdLabel'), error: error('helpId') },
      (a) =>
        html`<input part="help-id-input" id=${a.id} name="helpId" type="text" list="help-ids" autocomplete="off" spellcheck="false" maxlength="128" aria-invalid=${a.invalid ? 'true' : 'false'} aria-describedby=${a.describedBy || nothing} />
          <datalist id="help-ids">${helpIds.map((helpId) => html`<option value=${helpId}></option>`)}</datalist>`,
    )}
    ${renderField(
      { id: 'help-id-target', label: t('portalHelpIdTarget'), hint: published.length ? undefined : t('portalHelpIdNoPublished'), error: error('target') },
      (a) =>
        html`<select part="help-id-target" id=${a.id} name="target" aria-invalid=${a.invalid ? 'true' : 'false'} aria-describedby=${a.describedBy || nothing}>
          <option value="">${t('portalHelpIdChoose')}</option>
          ${published.map((p) => html`<option value=${p.id}>${t('portalPathsNamed', { title: p.title, id: p.id })}</option>`)}
        </select>`,
    )}
    <button part="move-button" class="button primary" type="submit" ?disabled=${options.busy}>${t('portalHelpIdMove')}</button>
  </form>`;
}
