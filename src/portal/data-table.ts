import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { property } from '../components/shared/decorators.js';
import { define } from '../components/shared/define.js';
import { Loader, listState, nothingToLoad, type ListState } from '../components/shared/loader.js';
import { NexusBase } from '../components/shared/nexus-base.js';
import { emptyState, errorState, loadingState } from '../components/shared/states.js';
import '../i18n/strings-portal.js';
import { errorText } from './error-text.js';
import { dataTableStyles } from './portal.styles.js';

/** A column of a `<nexus-data-table>`: its header and what a cell shows (text by default: `row[key]`). */
export interface TableColumn<Row extends object = Record<string, unknown>> {
  key: string;
  label: string;
  /** The cell of `row` (a string, or a Lit template); by default `String(row[key] ?? '')`. */
  cell?(row: Row): string | TemplateResult;
}

/** What loads a table's rows; `signal` aborts when a newer load replaces it. */
export type RowLoader<Row extends object = Record<string, unknown>> = (signal: AbortSignal) => Promise<readonly Row[]>;

/** What a data table shows: `loading`, its rows (`ready`), `empty` or `error` (with retry). */
export type DataTableState = ListState;

type Row = Record<string, unknown>;

/**
 * A table of rows that loads them itself: give it `columns` and a `loader`, and it shows loading,
 * the rows, an empty state (`empty-text`) or the error with a retry button, which loads again;
 * `reload()` loads again from code (after a change). A new `loader` loads at once.
 *
 * Keyboard: the rows are one Tab stop (`role="grid"`); Arrow Up and Down, Home and End move
 * between rows, Enter activates the focused row (`nexus-table-row-activate` with its key, which
 * a page uses to open it). Keys pressed on a control in a cell (a row's button) are left to it.
 * The focused row is kept across reloads by its key.
 *
 * @summary A data table with loading, empty and error (retry) states and keyboard row navigation.
 * @tag nexus-data-table
 *
 * @attr state - Read-only, reflected: `loading`, `ready`, `empty` or `error`.
 *
 * @csspart table - The `<table>` (`role="grid"`).
 * @csspart caption - The table's caption (`label`).
 * @csspart header - A column header.
 * @csspart row - A row.
 * @csspart cell - A cell.
 * @csspart loading - The loading state.
 * @csspart empty - The empty state.
 * @csspart error - The error state.
 * @csspart retry-button - The error state's retry button.
 *
 * @cssprop --nexus-data-table-header-background - Background of the column headers.
 * @cssprop --nexus-data-table-row-focus-background - Background of the focused or hovered row.
 *
 * @fires nexus-table-row-activate - Enter (or a double click) on a row: its key.
 * @fires nexus-error - The rows could not be loaded (the table shows it too, with retry).
 */
export class NexusDataTable extends NexusBase {
  static override styles = [...NexusBase.styles, dataTableStyles];

  /** The table's name (its caption, and what screen readers call it). */
  @property() label = '';

  /** The columns, in order. */
  @property({ attribute: false }) columns: TableColumn<object>[] = [];

  /** Loads the rows (again when replaced, and on retry or `reload()`). */
  @property({ attribute: false }) loader?: RowLoader<object>;

  /** The field of a row that identifies it (default `id`). */
  @property({ attribute: 'row-key' }) rowKey = 'id';

  /** What the empty state says (default: "Nothing here yet."). */
  @property({ attribute: 'empty-text' }) emptyText = '';

  /** The key of the row that takes the focus (the grid's one Tab stop). */
  private activeKey?: string;

  private readonly rowsLoader = new Loader<[RowLoader<object> | undefined], readonly Row[]>(this, {
    args: () => [this.loader],
    load: ([loader], signal) => (loader ? (loader(signal) as Promise<readonly Row[]>) : Promise.resolve(nothingToLoad)),
    onError: (error) => this.reportError(error),
  });

  /** What the table shows. */
  get state(): DataTableState {
    return this.shownState as DataTableState;
  }

  /** The rows of the last load (empty while loading and after an error). */
  get rows(): readonly Row[] {
    return this.rowsLoader.status === 'complete' ? (this.rowsLoader.value ?? []) : [];
  }

  /** Loads the rows again (after a change); resolves when they are shown. */
  async reload(): Promise<void> {
    await this.rowsLoader.run();
    await this.updateComplete;
  }

  protected override deriveState(): string {
    return listState(this.rowsLoader);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // While loading there are no rows: the focused row's key waits for the next ones.
    const keys = this.rows.map((row) => this.keyOf(row));
    if (keys.length && (this.activeKey === undefined || !keys.includes(this.activeKey))) this.activeKey = keys[0];
  }

  private keyOf(row: Row): string {
    return String(row[this.rowKey]);
  }

  private rowElements(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('tbody tr')];
  }

  private focusRow(index: number) {
    const rows = this.rowElements();
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (!row) return;
    this.activeKey = row.dataset.key;
    for (const other of rows) other.tabIndex = other === row ? 0 : -1;
    row.focus();
  }

  private onKeydown = (event: KeyboardEvent) => {
    // Keys pressed on a control in a cell (a row's button) are the control's own.
    if (!(event.target instanceof HTMLTableRowElement)) return;
    const rows = this.rowElements();
    const index = rows.findIndex((row) => row.dataset.key === this.activeKey);
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: rows.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      this.focusRow(moves[event.key]);
    } else if (event.key === 'Enter' && index >= 0) {
      event.preventDefault();
      this.emit('nexus-table-row-activate', { key: rows[index].dataset.key! });
    }
  };

  protected override render(): unknown {
    switch (this.state) {
      case 'loading':
        return loadingState(this.t('loading'));
      case 'error':
        return errorState(errorText(this.t.bind(this), this.rowsLoader.error), { label: this.t('retry'), run: () => void this.reload() });
      case 'empty':
        return emptyState(this.emptyText || this.t('portalTableEmpty'));
    }
    const columns = this.columns as TableColumn<Row>[];
    return html`<table part="table" role="grid" aria-rowcount=${this.rows.length + 1} @keydown=${this.onKeydown}>
      ${this.label ? html`<caption part="caption">${this.label}</caption>` : nothing}
      <thead>
        <tr>
          ${columns.map((column) => html`<th part="header" scope="col">${column.label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${repeat(
          this.rows,
          (row) => this.keyOf(row),
          (row) => {
            const key = this.keyOf(row);
            return html`<tr
              part="row"
              data-key=${key}
              tabindex=${key === this.activeKey ? 0 : -1}
              @focus=${() => (this.activeKey = key)}
              @dblclick=${() => this.emit('nexus-table-row-activate', { key })}
            >
              ${columns.map((column) => html`<td part="cell">${column.cell ? column.cell(row) : String(row[column.key] ?? '')}</td>`)}
            </tr>`;
          },
        )}
      </tbody>
    </table>`;
  }
}

define('nexus-data-table', NexusDataTable);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-data-table': NexusDataTable;
  }
}
