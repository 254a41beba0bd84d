import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { query, state } from '../components/shared/decorators.js';
import { define } from '../components/shared/define.js';
import { NexusError } from '../core/errors.js';
import type { AuthoredPathSummary, ContentImported } from '../protocol/authoring.js';
import { PortalAdminPage } from './admin-page.js';
import { rowButton } from './choices.js';
import { downloadZip, exportName, readFolder } from './content-files.js';
import './data-table.js';
import type { NexusDataTable, RowLoader, TableColumn } from './data-table.js';
import { fieldRefusal, type FieldRefusal } from './field.js';
import { auditPageStyles } from './audit-page.styles.js';
import { contentPageStyles } from './paths-page.styles.js';
import {
  AUDIENCE_LABELS,
  NO_PATH_FILTERS,
  pathQuery,
  pathsFiltered,
  renderHelpIdForm,
  renderPathFilters,
  renderPathForm,
  STATUS_LABELS,
  type PathField,
  type PathFilters,
} from './paths-view.js';
import { SLUG, suggestId } from './slug.js';

/** The most paths the list shows (the API's largest page): a search or a filter finds the others. */
const PAGE = 200;
/** How long the search box waits for the next key before it searches, in ms. */
const SEARCH_DELAY = 300;
/** What a help-id may be (the server's `HelpId`). */
const HELP_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** The route of a path's editor (`<nexus-portal-path-editor>`). */
export const pathEditorHref = (id: string) => `#/path/${encodeURIComponent(id)}`;

/**
 * Content > Guided paths: the tenant's guided paths, drafts and published, in a
 * `<nexus-data-table>`: title (a link to the path's editor, `#/path/<id>`), id, category, status
 * (draft; published; published with unpublished changes), audience, tags and when it last
 * changed. A search box (debounced) and filters by category, tag, audience and status narrow it.
 * An admin or an author creates a path (title, id suggested from it, category: a draft with one
 * step, then its editor opens), duplicates one (a new draft without help-ids), deletes one after
 * a confirm that names the help-ids that stop working, exports the published content as a .zip of
 * the JSON folder format, imports such a folder (or .json files; Replace deletes what the folder
 * lacks, after a confirm; every problem of a refused folder is listed), and moves a help-id to
 * another published path. Set `session`.
 *
 * Keyboard: the table is one Tab stop (arrows move between rows, Enter opens the row's path in
 * its editor); a form's heading takes the focus when it opens, a refused field when refused.
 *
 * @summary The portal's Guided paths page: list, search, create, duplicate, delete, export, import, move help-ids.
 * @tag nexus-portal-paths
 *
 * @csspart paths-page - The page.
 * @csspart new-button - Opens the New path form.
 * @csspart export-button - Downloads the published content as a .zip.
 * @csspart filters - The search and filters' form.
 * @csspart search-input - The search box.
 * @csspart category-filter - The category filter.
 * @csspart tag-filter - The tag filter.
 * @csspart audience-filter - The audience filter.
 * @csspart status-filter - The status filter.
 * @csspart clear-button - Clears the search and the filters.
 * @csspart paths-table - The `<nexus-data-table>` of paths.
 * @csspart row - A row of the table (exported from it, with its cells, links and buttons).
 * @csspart cell - A cell of the table.
 * @csspart title-link - A path's title: the link to its editor.
 * @csspart duplicate-button - A row's Duplicate.
 * @csspart delete-button - A row's Delete.
 * @csspart more - Says that more paths match than are shown.
 * @csspart new-form - The New path form.
 * @csspart duplicate-form - The Duplicate form.
 * @csspart title-input - The new path's (or copy's) title.
 * @csspart id-input - The new path's (or copy's) id.
 * @csspart category-input - The new path's category.
 * @csspart create-button - Creates the path (or the copy).
 * @csspart cancel-button - Closes the New path or Duplicate form.
 * @csspart field-error - Why a field was refused (`role="alert"`).
 * @csspart import-form - The import form.
 * @csspart folder-input - Chooses a folder to import.
 * @csspart files-input - Chooses .json files to import.
 * @csspart chosen - What was chosen to import.
 * @csspart replace-input - The Replace checkbox.
 * @csspart import-button - Imports.
 * @csspart import-problems - The problems of a refused import, one item each.
 * @csspart help-id-form - The "Move a help-id" form.
 * @csspart help-id-input - The help-id.
 * @csspart help-id-target - The published path to give it to.
 * @csspart move-button - Moves the help-id.
 * @csspart notice - What the last action changed (`role="status"`).
 * @csspart action-error - Why the last action failed (`role="alert"`).
 * @csspart confirm - The confirm dialog; its parts are exported as `confirm-*`.
 *
 * @fires nexus-portal-session-ended - The server answered 401: the session ended (`<nexus-portal>` signs out).
 * @fires nexus-error - An action or a load failed (the page says it too).
 */
export class NexusPortalPaths extends PortalAdminPage {
  static override styles = [...PortalAdminPage.styles, auditPageStyles, contentPageStyles];

  /** The search and filters applied. */
  @state() private filters: PathFilters = NO_PATH_FILTERS;
  /** The table's loader of the filters (a new one loads the table again). */
  @state() private rows?: RowLoader<AuthoredPathSummary>;
  /** How many paths the filters find, and how many are shown. */
  @state() private found = { shown: 0, total: 0 };
  /** The form open above the table: New path, or Duplicate of a path. */
  @state() private form?: { source?: AuthoredPathSummary };
  @state() private formRefusal?: FieldRefusal<PathField>;
  @state() private helpIdRefusal?: FieldRefusal<'helpId' | 'target'>;
  /** The files chosen to import, by name in the folder. */
  @state() private chosen?: Record<string, string>;
  /** The problems of the last refused import (`content_invalid`). */
  @state() private problems: readonly { path: string; message: string }[] = [];
  /** The tags seen in the list, offered by the tag filter. */
  @state() private tags: readonly string[] = [];

  @query('nexus-data-table') private table!: NexusDataTable | null;

  /** The id field follows the title until the person types in it. */
  private idEdited = false;
  private searchTimer?: ReturnType<typeof setTimeout>;

  private readonly categories = this.adminLoader((admin) => admin.content.categories());
  /** Every path, for the help-id move's choice of published paths (whatever the filters). */
  private readonly allPaths = this.adminLoader((admin) => admin.content.list({ limit: PAGE }).then((list) => list.items));

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('filters') || changed.has('session') || !this.rows) {
      const query = { ...pathQuery(this.filters), limit: PAGE };
      this.rows = async () => {
        const list = await this.loading(this.admin.content.list(query));
        this.found = { shown: list.items.length, total: list.total };
        this.tags = [...new Set([...this.tags, ...list.items.flatMap((p) => p.tags)])].sort((a, b) => a.localeCompare(b));
        return list.items;
      };
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
  }

  private categoryName(id: string): string {
    return this.categories.value?.find((c) => c.id === id)?.name ?? id;
  }

  private get columns(): TableColumn<AuthoredPathSummary>[] {
    return [
      { key: 'title', label: this.t('portalPathsTitle'), cell: (p) => html`<a part="title-link" href=${pathEditorHref(p.id)}>${p.title}</a>` },
      { key: 'id', label: this.t('portalPathsId'), cell: (p) => html`<code>${p.id}</code>` },
      { key: 'category', label: this.t('portalPathsCategory'), cell: (p) => this.categoryName(p.category) },
      { key: 'status', label: this.t('portalPathsStatus'), cell: (p) => this.t(STATUS_LABELS[p.status]) },
      { key: 'audience', label: this.t('portalPathsAudience'), cell: (p) => this.t(AUDIENCE_LABELS[p.audience]) },
      { key: 'tags', label: this.t('portalPathsTags'), cell: (p) => p.tags.join(', ') || this.t('portalPeopleNone') },
      { key: 'updatedAt', label: this.t('portalPathsUpdated'), cell: (p) => html`<time datetime=${new Date(p.updatedAt).toISOString()}>${this.localize.time(p.updatedAt)}</time>` },
      {
        key: 'actions',
        label: this.t('portalPeopleActions'),
        cell: (p) =>
          html`<div class="actions">
            ${rowButton('duplicate-button', this.t('portalPathsDuplicate'), this.t('portalPathsDuplicateNamed', { title: p.title }), () => void this.openForm(p))}
            ${rowButton('delete-button', this.t('portalPeopleDelete'), this.t('portalPeopleDeleteNamed', { name: p.title }), () => void this.deletePath(p), {
              disabled: this.busy,
              danger: true,
            })}
          </div>`,
      },
    ];
  }

  protected override describeError(error: unknown): string {
    if (error instanceof NexusError) {
      if (error.code === 'path_not_found') return this.t('portalPathsNotFound');
      if (error.code === 'path_not_published') return this.t('portalHelpIdNotPublished');
      if (error.code === 'content_invalid') return this.t('portalPathsImportInvalid', { count: error.details.length });
    }
    return super.describeError(error);
  }

  private async focusSelector(selector: string) {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** Lists, tags and choices follow a change of the content. */
  private async changed() {
    await Promise.all([this.table?.reload(), this.allPaths.run(), this.categories.run()]);
  }

  /** `act()` for a change of the content: the list and the choices load again before it is announced. */
  private changing<T>(run: () => Promise<T>, done: (result: T) => string): Promise<T | undefined> {
    return this.act(async () => {
      const result = await run();
      await this.changed();
      return result;
    }, done);
  }

  // ---- Search and filters ----

  private applyFilters(filters: PathFilters) {
    clearTimeout(this.searchTimer);
    this.filters = filters;
  }

  private search(q: string) {
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => (this.filters = { ...this.filters, q }), SEARCH_DELAY);
  }

  private async clearFilters() {
    this.applyFilters(NO_PATH_FILTERS);
    await this.focusSelector('#filter-q');
  }

  // ---- New path and Duplicate ----

  private async openForm(source?: AuthoredPathSummary) {
    this.form = { source };
    this.formRefusal = undefined;
    this.idEdited = Boolean(source);
    await this.focusSelector('#path-form-heading');
  }

  private async closeForm() {
    const source = this.form?.source;
    this.form = undefined;
    this.formRefusal = undefined;
    if (source) await this.table?.focusKey(source.id);
    else await this.focusSelector('[part~="new-button"]');
  }

  private async refuseField(field: PathField, message: string) {
    this.formRefusal = { field, message };
    await this.focusSelector(`#path-${field}`);
  }

  /** The server's refusal of the form at its field; true when it was one. */
  private async refusedField(error: unknown): Promise<boolean> {
    if (error instanceof NexusError && error.code === 'path_exists') {
      await this.refuseField('id', this.t('portalPathsExists'));
      return true;
    }
    const refusal = fieldRefusal<PathField>(error, ['title', 'id', 'category'], (message) => this.t('portalContentRefused', { message }));
    if (refusal) await this.refuseField(refusal.field, refusal.message);
    return Boolean(refusal);
  }

  private onTitleInput(event: InputEvent) {
    if (!this.idEdited) suggestId(event);
  }

  private async submitPath(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null)?.value.trim() ?? '';
    const [title, id, category] = [value('title'), value('id'), value('category')];
    const source = this.form?.source;
    if (!title) return this.refuseField('title', this.t('portalPathsTitleRequired'));
    if (!SLUG.test(id)) return this.refuseField('id', this.t('portalContentIdInvalid'));
    if (!source && !category) return this.refuseField('category', this.t('portalPathsCategoryRequired'));
    this.formRefusal = undefined;
    let refused: unknown;
    const refusing = (error: unknown) => {
      refused = error;
      throw error;
    };
    const created = await (source ? this.changing.bind(this) : this.act.bind(this))(
      () =>
        (source
          ? this.admin.content.duplicate(source.id, { id, title })
          : this.admin.content.create({
              id,
              title,
              summary: '',
              category,
              tags: [],
              helpIds: [],
              audience: 'consumer',
              steps: [{ id: 'step-1', title: this.t('portalPathsFirstStep'), body: '' }],
            })
        ).catch(refusing),
      () => (source ? this.t('portalPathsDuplicated', { from: source.title, title, id }) : this.t('portalPathsCreated', { title, id })),
    );
    if (refused && (await this.refusedField(refused))) this.actionError = undefined;
    if (!created) return;
    this.form = undefined;
    if (!source) {
      // The new draft opens in its editor.
      location.hash = pathEditorHref(id);
      return;
    }
    if (!(await this.table?.focusKey(id))) await this.focusSelector('#page-heading');
  }

  // ---- Delete ----

  private async deletePath(path: AuthoredPathSummary) {
    const links = await this.act(
      () => this.admin.content.links(path.id),
      () => '',
    );
    if (!links) return;
    this.notice = undefined;
    const confirmed = await this.confirm({
      heading: this.t('portalPathsDeleteConfirm'),
      target: this.t('portalPathsNamed', { title: path.title, id: path.id }),
      message: `${links.helpIds.length ? this.t('portalPathsDeleteHelpIds', { helpIds: links.helpIds.join(', ') }) : this.t('portalPathsDeleteNoHelpIds')} ${this.t('portalPathsDeleteWhat')}`,
      confirmLabel: this.t('portalPeopleDelete'),
    });
    if (!confirmed) return;
    const removed = await this.changing(
      () => this.admin.content.remove(path.id),
      (result) =>
        result.helpIds.length
          ? this.t('portalPathsDeletedHelpIds', { title: path.title, helpIds: result.helpIds.join(', ') })
          : this.t('portalPathsDeleted', { title: path.title }),
    );
    if (!removed) return;
    await this.focusSelector('#page-heading');
  }

  // ---- Export and import ----

  private async exportFolder() {
    const tenant = this.session?.account.tenantId ?? 'tenant';
    await this.act(
      async () => {
        const files = await this.admin.content.exportFiles();
        const name = exportName(tenant);
        downloadZip(files, name);
        return { name, count: Object.keys(files).length };
      },
      ({ name, count }) => this.t('portalPathsExported', { count, name }),
    );
  }

  private async choose(event: Event) {
    const input = event.target as HTMLInputElement;
    this.problems = [];
    this.chosen = await readFolder(input.files ?? []);
  }

  private imported(result: ContentImported): string {
    const parts = [this.t('portalPathsImported', { paths: result.paths, categories: result.categories })];
    if (result.deletedPaths.length) parts.push(this.t('portalPathsImportDeletedPaths', { ids: result.deletedPaths.join(', ') }));
    if (result.deletedCategories.length) parts.push(this.t('portalPathsImportDeletedCategories', { ids: result.deletedCategories.join(', ') }));
    if (result.movedHelpIds.length) {
      const moves = result.movedHelpIds.map((m) => this.t('portalPathsImportMove', { helpId: m.helpId, from: m.from, to: m.to })).join(', ');
      parts.push(this.t('portalPathsImportMoved', { moves }));
    }
    return parts.join(' ');
  }

  private async importFolder(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const files = this.chosen;
    this.problems = [];
    if (!files || !Object.keys(files).length) {
      this.notice = undefined;
      this.actionError = this.t(files ? 'portalPathsImportNone' : 'portalPathsImportChoose');
      return this.focusSelector('[part~="folder-input"]');
    }
    const replace = (form.elements.namedItem('replace') as HTMLInputElement).checked;
    if (replace) {
      const confirmed = await this.confirm({
        heading: this.t('portalPathsImportConfirm'),
        target: this.session?.account.tenantId ?? '',
        message: this.t('portalPathsImportConfirmWhat'),
        confirmLabel: this.t('portalPathsImportConfirmLabel'),
      });
      if (!confirmed) return;
    }
    const result = await this.changing(
      () =>
        this.admin.content.importFiles(files, { replace }).catch((error: unknown) => {
          if (error instanceof NexusError && error.code === 'content_invalid') this.problems = error.details.map((d) => ({ path: d.path, message: d.message }));
          throw error;
        }),
      (done) => this.imported(done),
    );
    if (!result) return;
    form.reset();
    this.chosen = undefined;
  }

  // ---- Help-ids ----

  private async moveHelpId(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const helpId = (form.elements.namedItem('helpId') as HTMLInputElement).value.trim();
    const target = (form.elements.namedItem('target') as HTMLSelectElement).value;
    const refuse = async (field: 'helpId' | 'target', message: string) => {
      this.helpIdRefusal = { field, message };
      await this.focusSelector(field === 'helpId' ? '#help-id' : '#help-id-target');
    };
    if (!helpId) return refuse('helpId', this.t('portalHelpIdRequired'));
    if (!HELP_ID.test(helpId)) return refuse('helpId', this.t('portalHelpIdInvalid'));
    if (!target) return refuse('target', this.t('portalHelpIdTargetRequired'));
    this.helpIdRefusal = undefined;
    const title = (id: string) => (this.allPaths.value ?? []).find((p) => p.id === id)?.title ?? id;
    const moved = await this.changing(
      () => this.admin.content.moveHelpId(helpId, target),
      (result) =>
        result.from
          ? this.t('portalHelpIdMoved', { helpId, from: title(result.from), to: title(result.to) })
          : this.t('portalHelpIdGiven', { helpId, to: title(result.to) }),
    );
    if (!moved) return;
    form.reset();
  }

  // ---- Rendering ----

  private renderFolder(): TemplateResult {
    const names = Object.keys(this.chosen ?? {});
    return html`<section class="folder" aria-labelledby="folder-heading">
      <h2 id="folder-heading">${this.t('portalPathsFolder')}</h2>
      <p class="muted">${this.t('portalPathsFolderHint')}</p>
      <button part="export-button" class="button" type="button" ?disabled=${this.busy} @click=${() => void this.exportFolder()}>${this.t('portalPathsExport')}</button>
      <form part="import-form" class="form" novalidate aria-labelledby="import-heading" @submit=${this.importFolder}>
        <h3 id="import-heading">${this.t('portalPathsImportHeading')}</h3>
        <label for="import-folder">${this.t('portalPathsImportFolder')}</label>
        <input part="folder-input" id="import-folder" type="file" .webkitdirectory=${true} multiple @change=${this.choose} />
        <label for="import-files">${this.t('portalPathsImportFiles')}</label>
        <input part="files-input" id="import-files" type="file" multiple accept=".json,application/json" @change=${this.choose} />
        ${this.chosen
          ? html`<p part="chosen" class="muted">
              ${names.length ? this.t('portalPathsImportChosen', { count: names.length, names: names.join(', ') }) : this.t('portalPathsImportNone')}
            </p>`
          : nothing}
        <label class="choice"><input part="replace-input" type="checkbox" name="replace" aria-describedby="replace-hint" />${this.t('portalPathsImportReplace')}</label>
        <p id="replace-hint" class="muted">${this.t('portalPathsImportReplaceHint')}</p>
        <button part="import-button" class="button primary" type="submit" ?disabled=${this.busy}>${this.t('portalPathsImport')}</button>
      </form>
      ${this.problems.length
        ? html`<ul part="import-problems" class="problems" aria-label=${this.t('portalPathsImportProblems')}>
            ${this.problems.map((p) => html`<li>${this.t('portalPathsImportProblem', { file: p.path, message: p.message })}</li>`)}
          </ul>`
        : nothing}
    </section>`;
  }

  protected override render(): unknown {
    if (!this.session) return nothing;
    const categories = this.categories.value ?? [];
    const filtered = pathsFiltered(this.filters);
    const form = this.form;
    const published = (this.allPaths.value ?? []).filter((p) => p.status !== 'draft');
    return this.renderPage(
      'paths-page',
      this.t('portalPagePaths'),
      html`<p class="muted">${this.t('portalPathsIntro')}</p>
        ${form
          ? renderPathForm({
              t: this.t.bind(this),
              busy: this.busy,
              source: form.source,
              categories,
              refusal: this.formRefusal,
              titleInput: (event) => this.onTitleInput(event),
              idInput: () => (this.idEdited = true),
              submit: (event) => void this.submitPath(event),
              close: () => void this.closeForm(),
            })
          : html`<button part="new-button" class="button primary" type="button" @click=${() => void this.openForm()}>${this.t('portalPathsNew')}</button>`}
        ${renderPathFilters(this.t.bind(this), this.filters, categories, this.tags, {
          change: (filters) => this.applyFilters(filters),
          search: (q) => this.search(q),
          clear: () => void this.clearFilters(),
        })}
        <nexus-data-table
          part="paths-table"
          exportparts="row,cell,title-link,duplicate-button,delete-button"
          label=${this.t('portalPagePaths')}
          empty-text=${this.t(filtered ? 'portalPathsNoMatch' : 'portalPathsEmpty')}
          .columns=${this.columns}
          .loader=${this.rows}
          @nexus-table-row-activate=${(event: CustomEvent<{ key: string }>) => (location.hash = pathEditorHref(event.detail.key))}
        ></nexus-data-table>
        ${this.found.total > this.found.shown
          ? html`<p part="more" class="muted">${this.t('portalPathsShowing', { shown: this.found.shown, total: this.found.total })}</p>`
          : nothing}
        ${renderHelpIdForm({ t: this.t.bind(this), busy: this.busy, published, refusal: this.helpIdRefusal, submit: (event) => void this.moveHelpId(event) })}
        ${this.renderFolder()}`,
    );
  }
}

define('nexus-portal-paths', NexusPortalPaths);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-portal-paths': NexusPortalPaths;
  }
}
