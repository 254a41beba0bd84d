import { html, nothing, type TemplateResult } from 'lit';
import { query, state } from '../components/shared/decorators.js';
import { define } from '../components/shared/define.js';
import { NexusError } from '../core/errors.js';
import type { StringKey } from '../i18n/strings.js';
import type { ContentCategory } from '../protocol/authoring.js';
import { PortalAdminPage } from './admin-page.js';
import { rowButton } from './choices.js';
import './data-table.js';
import type { NexusDataTable, RowLoader, TableColumn } from './data-table.js';
import { fieldRefusal, renderField, type FieldRefusal } from './field.js';
import { contentPageStyles } from './paths-page.styles.js';
import { SLUG, suggestId } from './slug.js';

/** What an icon name may be (the server's `CategoryInput.icon`). */
const ICON = /^[a-z0-9-]{1,32}$/;
const MAX_ORDER = 10_000;

type CategoryField = 'name' | 'id' | 'description' | 'icon' | 'order';

/** What a category form holds, checked; `refusal` when a field is wrong. */
interface CategoryValues {
  name: string;
  id: string;
  description: string;
  icon?: string;
  order?: number;
}

/**
 * Content > Categories: the tenant's categories of guided paths (name, id, description, icon,
 * order, and how many paths, published or draft, are in each) in a `<nexus-data-table>`. An admin
 * or an author adds one (its id is suggested from the name as it is typed, and stays editable),
 * edits its name, description, icon and order, and deletes an empty one after a confirm (the
 * server refuses while paths are in it, and the page says how many). A refused field is said at
 * the field, which takes the focus. Set `session`.
 *
 * Keyboard: the table is one Tab stop (arrows move between rows, Enter opens the row's editor);
 * the editor's heading takes the focus when it opens; after adding or saving, the row does.
 *
 * @summary The portal's Categories page: list, add, edit and delete the categories of guided paths.
 * @tag nexus-portal-categories
 *
 * @csspart categories-page - The page.
 * @csspart categories-table - The `<nexus-data-table>` of categories.
 * @csspart row - A row of the table (exported from it, with its cells and the row buttons).
 * @csspart cell - A cell of the table.
 * @csspart edit-button - A row's button that opens its editor.
 * @csspart delete-button - A row's delete button.
 * @csspart add-form - The form that adds a category.
 * @csspart editor - The open category's editor.
 * @csspart name-input - The name (add form and editor).
 * @csspart id-input - The new category's id.
 * @csspart description-input - The description.
 * @csspart icon-input - The icon's name.
 * @csspart order-input - The order.
 * @csspart field-error - Why a field was refused (`role="alert"`).
 * @csspart save-button - Adds the category, or saves the editor.
 * @csspart close-button - Closes the editor.
 * @csspart notice - What the last action changed (`role="status"`).
 * @csspart action-error - Why the last action failed (`role="alert"`).
 * @csspart confirm - The confirm dialog; its parts are exported as `confirm-*`.
 *
 * @fires nexus-portal-session-ended - The server answered 401: the session ended (`<nexus-portal>` signs out).
 * @fires nexus-error - An action or a load failed (the page says it too).
 */
export class NexusPortalCategories extends PortalAdminPage {
  static override styles = [...PortalAdminPage.styles, contentPageStyles];

  /** The categories, as last loaded. */
  @state() private categories: readonly ContentCategory[] = [];
  /** The id of the category whose editor is open. */
  @state() private editingId?: string;
  /** A refused field of the add form or the editor. */
  @state() private refusal?: FieldRefusal<CategoryField> & { form: 'add' | 'edit' };
  /** The id field follows the name until the person types in it. */
  private idEdited = false;
  /** The paths in the category a delete was just refused for. */
  private inUse = 0;

  @query('nexus-data-table') private table!: NexusDataTable | null;

  private readonly rows: RowLoader<ContentCategory> = async () => {
    this.categories = await this.loading(this.admin.content.categories());
    if (this.editingId && !this.categories.some((c) => c.id === this.editingId)) this.editingId = undefined;
    return this.categories;
  };

  private get columns(): TableColumn<ContentCategory>[] {
    const none = this.t('portalPeopleNone');
    return [
      { key: 'name', label: this.t('portalCategoryName') },
      { key: 'id', label: this.t('portalCategoryId'), cell: (c) => html`<code>${c.id}</code>` },
      { key: 'description', label: this.t('portalCategoryDescription'), cell: (c) => c.description || none },
      { key: 'icon', label: this.t('portalCategoryIcon'), cell: (c) => c.icon ?? none },
      { key: 'order', label: this.t('portalCategoryOrder'), cell: (c) => (c.order === undefined ? none : String(c.order)) },
      { key: 'pathCount', label: this.t('portalCategoryPaths') },
      {
        key: 'actions',
        label: this.t('portalPeopleActions'),
        cell: (c) =>
          html`<div class="actions">
            ${rowButton('edit-button', this.t('portalPeopleEdit'), this.t('portalPeopleEditNamed', { name: c.name }), () => void this.openEditor(c.id))}
            ${rowButton('delete-button', this.t('portalPeopleDelete'), this.t('portalPeopleDeleteNamed', { name: c.name }), () => void this.deleteCategory(c), {
              disabled: this.busy,
              danger: true,
            })}
          </div>`,
      },
    ];
  }

  protected override describeError(error: unknown): string {
    if (error instanceof NexusError && error.code === 'category_in_use') return this.t('portalCategoryInUse', { count: this.inUse });
    return super.describeError(error);
  }

  private async focusSelector(selector: string) {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private async openEditor(id: string) {
    this.editingId = id;
    this.refusal = undefined;
    await this.focusSelector('#editor-heading');
  }

  private async closeEditor() {
    const id = this.editingId;
    this.editingId = undefined;
    this.refusal = undefined;
    if (id) await this.table?.focusKey(id);
  }

  private async refuse(form: 'add' | 'edit', field: CategoryField, message: string) {
    this.refusal = { form, field, message };
    await this.focusSelector(`#${form}-${field}`);
  }

  /** The form's values, checked as the server will; a wrong field is refused at the field (undefined). */
  private read(form: HTMLFormElement, kind: 'add' | 'edit'): CategoryValues | undefined {
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() ?? '';
    const values: CategoryValues = { name: value('name'), id: value('id'), description: value('description') };
    const icon = value('icon');
    const order = value('order');
    const wrong = (field: CategoryField, key: StringKey) => void this.refuse(kind, field, this.t(key, { max: MAX_ORDER }));
    if (!values.name) return wrong('name', 'portalCategoryNameRequired');
    if (kind === 'add' && !SLUG.test(values.id)) return wrong('id', 'portalContentIdInvalid');
    if (icon && !ICON.test(icon)) return wrong('icon', 'portalCategoryIconInvalid');
    if (order && !(/^\d+$/.test(order) && Number(order) <= MAX_ORDER)) return wrong('order', 'portalCategoryOrderInvalid');
    if (icon) values.icon = icon;
    if (order) values.order = Number(order);
    this.refusal = undefined;
    return values;
  }

  /** The server's refusal of a form, at its field; other failures are the page's action error. */
  private async refusedByServer(kind: 'add' | 'edit', error: unknown): Promise<boolean> {
    if (error instanceof NexusError && error.code === 'category_exists') {
      await this.refuse(kind, 'id', this.t('portalCategoryExists'));
      return true;
    }
    const refusal = fieldRefusal<CategoryField>(error, ['name', 'id', 'description', 'icon', 'order'], (message) => this.t('portalContentRefused', { message }));
    if (!refusal) return false;
    await this.refuse(kind, refusal.field, refusal.message);
    return true;
  }

  /** Runs a form's write: a refusal of a field is said there, anything else as the page's error. */
  private async write<T>(kind: 'add' | 'edit', run: () => Promise<T>, done: (result: T) => string): Promise<T | undefined> {
    let refused: unknown;
    const result = await this.change(
      () =>
        run().catch((error: unknown) => {
          refused = error;
          throw error;
        }),
      done,
    );
    if (refused && (await this.refusedByServer(kind, refused))) this.actionError = undefined;
    return result;
  }

  private onNameInput(event: InputEvent) {
    if (!this.idEdited) suggestId(event);
  }

  private async add(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const values = this.read(form, 'add');
    if (!values) return;
    const added = await this.write(
      'add',
      () => this.admin.content.createCategory(values),
      (category) => this.t('portalCategoryAdded', { name: category.name, id: category.id }),
    );
    if (!added) return;
    form.reset();
    this.idEdited = false;
    await this.table?.focusKey(added.id);
  }

  private async save(event: SubmitEvent, category: ContentCategory) {
    event.preventDefault();
    const values = this.read(event.target as HTMLFormElement, 'edit');
    if (!values) return;
    const change: Partial<CategoryValues> = {};
    if (values.name !== category.name) change.name = values.name;
    if (values.description !== category.description) change.description = values.description;
    if (values.icon !== undefined && values.icon !== category.icon) change.icon = values.icon;
    if (values.order !== undefined && values.order !== category.order) change.order = values.order;
    if (!Object.keys(change).length) {
      this.notice = this.t('portalPeopleNothingChanged');
      return;
    }
    const saved = await this.write(
      'edit',
      () => this.admin.content.updateCategory(category.id, change),
      (after) => this.t('portalCategorySaved', { name: after.name }),
    );
    if (saved) await this.table?.focusKey(category.id);
  }

  private async deleteCategory(category: ContentCategory) {
    const confirmed = await this.confirm({
      heading: this.t('portalCategoryDeleteConfirm'),
      target: `${category.name} (${category.id})`,
      message: category.pathCount ? this.t('portalCategoryDeleteInUse', { count: category.pathCount }) : this.t('portalCategoryDeleteWhat'),
      confirmLabel: this.t('portalPeopleDelete'),
    });
    if (!confirmed) return;
    const deleted = await this.change(
      () =>
        this.admin.content.removeCategory(category.id).catch(async (error: unknown) => {
          // Refused while paths are in it: how many now (another author may have added one).
          if (error instanceof NexusError && error.code === 'category_in_use') {
            const now = (await this.admin.content.categories().catch(() => [])).find((c) => c.id === category.id);
            this.inUse = now?.pathCount ?? category.pathCount;
          }
          throw error;
        }),
      () => this.t('portalCategoryDeleted', { name: category.name }),
    );
    if (!deleted) return;
    if (this.editingId === category.id) this.editingId = undefined;
    if (!(await this.table?.focusKey(this.categories[0]?.id ?? ''))) await this.focusSelector('#add-name');
  }

  /** The fields of a category form (`add`: with the id; `edit`: of `category`). */
  private renderFields(kind: 'add' | 'edit', category?: ContentCategory): TemplateResult {
    const refusal = this.refusal?.form === kind ? this.refusal : undefined;
    const field = (name: CategoryField, label: StringKey, input: (attrs: { id: string; invalid: boolean; describedBy: string }) => TemplateResult, hint?: string) =>
      renderField({ id: `${kind}-${name}`, label: this.t(label), hint, error: refusal?.field === name ? refusal.message : undefined }, input);
    return html`${field(
        'name',
        'portalCategoryName',
        (a) =>
          html`<input part="name-input" id=${a.id} name="name" type="text" autocomplete="off" maxlength="100" aria-invalid=${a.invalid ? 'true' : 'false'} aria-describedby=${a.describedBy || nothing} .value=${category?.name ?? ''} @input=${kind === 'add' ? this.onNameInput : nothing} />`,
      )}
      ${kind === 'add'
        ? field(
            'id',
            'portalCategoryId',
            (a) =>
              html`<input part="id-input" id=${a.id} name="id" type="text" autocomplete="off" spellcheck="false" maxlength="64" aria-invalid=${a.invalid ? 'true' : 'false'} aria-describedby=${a.describedBy || nothing} @input=${() => (this.idEdited = true)} />`,
            this.t('portalCategoryIdRule'),
          )
        : nothing}
      ${field(
        'description',
        'portalCategoryDescription',
        (a) =>
          html`<textarea part="description-input" id=${a.id} name="description" maxlength="500" rows="2" aria-invalid=${a.invalid ? 'true' : 'false'} aria-describedby=${a.describedBy || nothing} .value=${category?.description ?? ''}></textarea>`,
      )}
      ${field(
        'icon',
        'portalCategoryIcon',
        (a) =>
          html`<input part="icon-input" id=${a.id} name="icon" type="text" autocomplete="off" spellcheck="false" maxlength="32" aria-invalid=${a.invalid ? 'true' : 'false'} aria-describedby=${a.describedBy || nothing} .value=${category?.icon ?? ''} />`,
        this.t(kind === 'add' ? 'portalCategoryIconHint' : 'portalCategoryKeptHint'),
      )}
      ${field(
        'order',
        'portalCategoryOrder',
        (a) =>
          html`<input part="order-input" id=${a.id} name="order" type="number" min="0" max=${MAX_ORDER} inputmode="numeric" aria-invalid=${a.invalid ? 'true' : 'false'} aria-describedby=${a.describedBy || nothing} .value=${category?.order === undefined ? '' : String(category.order)} />`,
        this.t('portalCategoryOrderHint', { max: MAX_ORDER }),
      )}`;
  }

  private renderEditor(category: ContentCategory): TemplateResult {
    return html`<section part="editor" class="editor" aria-labelledby="editor-heading">
      <h2 id="editor-heading" tabindex="-1">${this.t('portalCategoryEditing', { name: category.name })}</h2>
      <p class="muted">${this.t('portalCategoryIdIs', { id: category.id })}</p>
      <form class="form" novalidate @submit=${(event: SubmitEvent) => void this.save(event, category)}>
        ${this.renderFields('edit', category)}
        <button part="save-button" class="button primary" type="submit" ?disabled=${this.busy}>${this.t('portalPeopleSave')}</button>
      </form>
      <button part="close-button" class="button link" type="button" @click=${() => void this.closeEditor()}>${this.t('portalPeopleClose')}</button>
    </section>`;
  }

  protected override render(): unknown {
    if (!this.session) return nothing;
    const editing = this.categories.find((c) => c.id === this.editingId);
    return this.renderPage(
      'categories-page',
      this.t('portalPageCategories'),
      html`<p class="muted">${this.t('portalCategoriesIntro')}</p>
        <nexus-data-table
          part="categories-table"
          exportparts="row,cell,edit-button,delete-button"
          label=${this.t('portalPageCategories')}
          empty-text=${this.t('portalCategoriesEmpty')}
          .columns=${this.columns}
          .loader=${this.rows}
          @nexus-table-row-activate=${(event: CustomEvent<{ key: string }>) => void this.openEditor(event.detail.key)}
        ></nexus-data-table>
        ${editing ? this.renderEditor(editing) : nothing}
        <form part="add-form" class="form" novalidate aria-labelledby="add-heading" @submit=${this.add}>
          <h2 id="add-heading">${this.t('portalCategoryAdd')}</h2>
          ${this.renderFields('add')}
          <button part="save-button" class="button primary" type="submit" ?disabled=${this.busy}>${this.t('portalCategoryAdd')}</button>
        </form>`,
    );
  }
}

define('nexus-portal-categories', NexusPortalCategories);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-portal-categories': NexusPortalCategories;
  }
}
