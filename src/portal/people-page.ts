import { html, type TemplateResult } from 'lit';
import { query, state } from '../components/shared/decorators.js';
import type { UserInfo } from '../protocol/admin.js';
import type { SkillInfo } from '../protocol/schemas.js';
import { PortalAdminPage } from './admin-page.js';
import './data-table.js';
import type { NexusDataTable, TableColumn } from './data-table.js';
import { peoplePageStyles } from './people.styles.js';

/**
 * What the Skills and Users pages share (`<nexus-portal-skills>`, `<nexus-portal-users>`): both
 * show the tenant's skills joined with its accounts (a skill's agents by name, a user's skills by
 * name), in a `<nexus-data-table>` whose row opens an editor below it.
 */
export abstract class PortalPeoplePage extends PortalAdminPage {
  static override styles = [...PortalAdminPage.styles, peoplePageStyles];

  /** The tenant's accounts, as last loaded. */
  @state() protected users: readonly UserInfo[] = [];
  /** The tenant's skills, as last loaded. */
  @state() protected skills: readonly SkillInfo[] = [];
  /** The id of the row whose editor is open. */
  @state() protected editingId?: string;

  @query('nexus-data-table') protected table!: NexusDataTable | null;

  /** The table's rows, of what was loaded. */
  protected abstract rowsOf(): readonly { id: string }[];

  /** The table's loader: accounts and skills at once; an editor whose row went closes. */
  protected readonly loadRows = async () => {
    [this.users, this.skills] = await this.loading(Promise.all([this.admin.users.list(), this.admin.skills.list()]));
    const rows = this.rowsOf();
    if (this.editingId && !rows.some((row) => row.id === this.editingId)) this.editingId = undefined;
    return rows;
  };

  /**
   * The page's table (`part="<name>-table"`) with the row buttons `rowParts` exported; Enter on a
   * row opens its editor when `editable` says it may.
   */
  protected renderTable<Row extends { id: string }>(
    name: string,
    rowParts: string,
    text: { label: string; empty: string },
    columns: TableColumn<Row>[],
    editable: (id: string) => boolean = () => true,
  ): TemplateResult {
    return html`<nexus-data-table
      part="${name}-table"
      exportparts="row,cell,${rowParts}"
      label=${text.label}
      empty-text=${text.empty}
      .columns=${columns}
      .loader=${this.session ? this.loadRows : undefined}
      @nexus-table-row-activate=${(event: CustomEvent<{ key: string }>) => {
        if (editable(event.detail.key)) void this.openEditor(event.detail.key);
      }}
    ></nexus-data-table>`;
  }

  /** Puts the focus on the element of `id` in the page, once rendered (a heading: `tabindex="-1"`). */
  protected async focusId(id: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus();
  }

  /** Opens the row's editor; its heading (`#editor-heading`) takes the focus. */
  protected async openEditor(id: string): Promise<void> {
    this.editingId = id;
    await this.focusId('editor-heading');
  }

  /** Closes the editor; its row takes the focus back. */
  protected readonly closeEditor = async (): Promise<void> => {
    const id = this.editingId;
    this.editingId = undefined;
    if (id) await this.table?.focusKey(id);
  };
}
