import { html, nothing } from 'lit';
import { property, state } from '../components/shared/decorators.js';
import { define } from '../components/shared/define.js';
import { Loader, nothingToLoad } from '../components/shared/loader.js';
import type { UserInfo } from '../protocol/admin.js';
import type { AuditRecord } from '../protocol/audit.js';
import { PortalAdminPage } from './admin-page.js';
import { auditPageStyles } from './audit-page.styles.js';
import { AUDIT_ACTION_LABELS, auditQuery, isFiltered, NO_FILTERS, readFilters, renderChanges, renderFilters, type AuditFilters } from './audit-view.js';
import './data-table.js';
import type { NexusDataTable, RowLoader, TableColumn } from './data-table.js';

/**
 * Admin > Audit log: the tenant's administrative changes, newest first, in a `<nexus-data-table>`:
 * when, who (the account's name and email, or "Command line"), what (the action in words), the
 * target, and the changes (expandable: field: old → new). Filters by who, action, target and a
 * range of days go to the API's query; "Load more" asks for the page after the last one shown.
 * Admins and supervisors read it.
 *
 * @summary The portal's Admin > Audit log page: the tenant's administrative changes, filtered and paged.
 * @tag nexus-portal-audit
 *
 * @attr page-size - Records per page: the first load and each "Load more" (1–200, default 50).
 *
 * @csspart page - The page.
 * @csspart notice - What the last action did (`role="status"`).
 * @csspart action-error - Why the last action failed (`role="alert"`).
 * @csspart filters - The filters' form.
 * @csspart actor-input - Who: anyone, the command line, or an account.
 * @csspart action-input - The action.
 * @csspart target-input - The target (an id, or the tenant for its settings).
 * @csspart since-input - The first day.
 * @csspart until-input - The last day.
 * @csspart apply-button - Applies the filters.
 * @csspart clear-button - Clears the filters.
 * @csspart log - The log's table (`<nexus-data-table>`).
 * @csspart details - A record's changes (a `<details>`, in the table, exported from it).
 * @csspart load-more-button - Loads the next page of older records.
 * @csspart empty-clear-button - Clears the filters when no record matches them.
 * @csspart confirm - The confirm dialog (unused here); its parts are exported as `confirm-*`.
 *
 * @fires nexus-portal-session-ended - The server answered 401: the session ended (`<nexus-portal>` signs out).
 * @fires nexus-error - An action or a load failed (the page says it too).
 */
export class NexusPortalAudit extends PortalAdminPage {
  static override styles = [...PortalAdminPage.styles, auditPageStyles];

  /** Records per page: the first load, and each "Load more" (1–200). */
  @property({ attribute: 'page-size', type: Number }) pageSize = 50;

  /** The filters applied. */
  @state() private filters: AuditFilters = NO_FILTERS;
  /** The `before` of the next page; null at the end. */
  @state() private next: number | null = null;
  /** How many records are shown. */
  @state() private shown = 0;
  /** The records shown, newest first. */
  private records: AuditRecord[] = [];
  /** The next load of the table keeps the records (after "Load more" appended some). */
  private keep = false;

  /** The accounts, to name who acted (an account deleted since shows its id). */
  private readonly accounts = new Loader<[PortalAdminPage['session']], UserInfo[]>(this, {
    args: () => [this.session],
    load: ([session]) => (session ? session.admin.users.list() : Promise.resolve(nothingToLoad)),
  });

  private get limit(): number {
    return Math.min(200, Math.max(1, Math.floor(this.pageSize) || 50));
  }

  private get table(): NexusDataTable | null {
    return this.renderRoot.querySelector('nexus-data-table');
  }

  /** The table's rows: the first page for the filters, or the records kept after "Load more". */
  private readonly rows: RowLoader<AuditRecord> = async () => {
    if (this.keep) {
      this.keep = false;
    } else {
      const page = await this.loading(this.admin.audit.list({ ...auditQuery(this.filters), limit: this.limit }));
      this.records = page.items;
      this.next = page.next;
    }
    this.shown = this.records.length;
    return this.records;
  };

  private actorName(record: AuditRecord): string {
    if (record.actor.kind === 'cli') return this.t('portalAuditCli');
    const account = this.accounts.value?.find((user) => user.id === record.actor.id);
    return account ? this.t('portalSignedInAs', { name: account.name, email: account.email }) : (record.actor.id ?? '');
  }

  private columns(): TableColumn<AuditRecord>[] {
    return [
      { key: 'at', label: this.t('portalAuditWhen'), cell: (r) => html`<time datetime=${new Date(r.at).toISOString()}>${this.localize.time(r.at)}</time>` },
      { key: 'actor', label: this.t('portalAuditWho'), cell: (r) => this.actorName(r) },
      { key: 'action', label: this.t('portalAuditWhat'), cell: (r) => this.t(AUDIT_ACTION_LABELS[r.action]) },
      { key: 'target', label: this.t('portalAuditTarget') },
      { key: 'changes', label: this.t('portalAuditChanges'), cell: (r) => renderChanges(this.t.bind(this), r) },
    ];
  }

  private async apply(filters: AuditFilters) {
    this.filters = filters;
    this.notice = undefined;
    await this.updateComplete;
    await this.table?.reload();
  }

  private async loadMore(trigger: HTMLElement) {
    const before = this.next;
    if (before === null) return;
    const page = await this.act(
      () => this.admin.audit.list({ ...auditQuery(this.filters), before, limit: this.limit }),
      (page) => this.count('portalAuditLoadedMore', 'portalAuditLoadedMoreOne', page.items.length),
    );
    if (!page) return;
    const first = page.items[0];
    this.records = [...this.records, ...page.items];
    this.next = page.next;
    this.keep = true;
    await this.table?.reload();
    // The focus goes to the first record loaded; to the button again when there was none.
    const row = first && this.table?.shadowRoot?.querySelector<HTMLElement>(`tr[data-key="${first.seq}"]`);
    if (row) {
      row.tabIndex = 0;
      row.focus();
    } else if (trigger.isConnected) trigger.focus();
  }

  private async clear(focus: string) {
    await this.apply(NO_FILTERS);
    this.renderRoot.querySelector<HTMLElement>(focus)?.focus();
  }

  protected override render(): unknown {
    const filtered = isFiltered(this.filters);
    const actors = (this.accounts.value ?? []).map((user) => ({ id: user.id, label: this.t('portalSignedInAs', { name: user.name, email: user.email }) }));
    return this.renderPage(
      'page',
      this.t('portalPageAudit'),
      html`${renderFilters(this.t.bind(this), this.filters, actors, this.busy, {
          apply: (event) => {
            event.preventDefault();
            void this.apply(readFilters(event.target as HTMLFormElement));
          },
          clear: () => void this.clear('[part~="actor-input"]'),
        })}
        <nexus-data-table
          part="log"
          exportparts="details"
          label=${this.t('portalPageAudit')}
          row-key="seq"
          .columns=${this.columns() as TableColumn<object>[]}
          .loader=${this.rows}
          empty-text=${this.t(filtered ? 'portalAuditNoMatch' : 'portalAuditEmpty')}
        ></nexus-data-table>
        ${this.shown === 0 && filtered
          ? html`<button part="empty-clear-button" class="button" type="button" @click=${() => void this.clear('[part~="actor-input"]')}>
              ${this.t('portalAuditClear')}
            </button>`
          : nothing}
        ${this.next !== null && this.shown > 0
          ? html`<button
              part="load-more-button"
              class="button"
              type="button"
              ?disabled=${this.busy}
              @click=${(event: Event) => void this.loadMore(event.currentTarget as HTMLElement)}
            >
              ${this.busy ? this.t('portalWorking') : this.t('portalAuditLoadMore')}
            </button>`
          : nothing}`,
    );
  }
}

define('nexus-portal-audit', NexusPortalAudit);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-portal-audit': NexusPortalAudit;
  }
}
