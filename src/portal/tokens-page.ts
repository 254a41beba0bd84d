import { css, html, nothing, type TemplateResult } from 'lit';
import { query, state } from '../components/shared/decorators.js';
import { define } from '../components/shared/define.js';
import { NexusError } from '../core/errors.js';
import type { StringKey } from '../i18n/strings.js';
import type { AppTokenInfo, AppTokenWithJwt, TokenAudience } from '../protocol/schemas.js';
import { PortalAdminPage } from './admin-page.js';
import type { NexusDataTable, RowLoader, TableColumn } from './data-table.js';
import './data-table.js';

/** The audiences in the form's order (the guide's choice, both, first and checked), with their words. */
const AUDIENCES: Record<TokenAudience, { label: StringKey; hint: StringKey }> = {
  'client-apps-and-rest-apis': { label: 'portalTokensAudienceBoth', hint: 'portalTokensAudienceBothHint' },
  'client-apps': { label: 'portalTokensAudienceClientApps', hint: 'portalTokensAudienceClientAppsHint' },
  'rest-apis': { label: 'portalTokensAudienceRestApis', hint: 'portalTokensAudienceRestApisHint' },
};

const STATUS_LABELS: Record<AppTokenInfo['status'], StringKey> = {
  active: 'portalTokensStatusActive',
  expired: 'portalTokensStatusExpired',
  revoked: 'portalTokensStatusRevoked',
};

/** A refusal of the Add New form: what it says and the field that gets the focus. */
interface FormRefusal {
  message: string;
  field: 'name' | 'version' | 'expires';
}

/** The end of a day (`yyyy-mm-dd`, the date field's value) in the browser's time zone, in ms. */
const endOfDay = (day: string) => new Date(`${day}T23:59:59.999`).getTime();

/**
 * Integration > Application Tokens: the tenant's application tokens (name, version, token ID,
 * audience, created, expires, status) in a `<nexus-data-table>`. An admin adds one (Add New: name,
 * version, audience: client apps, REST APIs or both; expiry; the server generates the token ID) and sees its JWT at once, with Copy; views
 * any token's JWT again (the server records each view in the audit log); and revokes one after a
 * confirm that names it. A supervisor sees the list only (the server refuses the rest too).
 * Agent tokens, issued when agents sign in, are left out: they are not the integration's.
 *
 * Set `session` (an `AccountSession`); `<nexus-portal>` does, for the `tokens` route.
 *
 * @summary The portal's Application Tokens page: list, add, view the JWT, revoke.
 * @tag nexus-portal-tokens
 *
 * @csspart tokens-page - The page.
 * @csspart table - The tokens' `<nexus-data-table>` (its parts are exported as `table-*`).
 * @csspart read-only - Says that a supervisor only sees the list.
 * @csspart add-button - Add New.
 * @csspart add-form - The Add New form.
 * @csspart name-input - The application's name.
 * @csspart version-input - The application's version (1.0 by default).
 * @csspart audience-input - Each audience's radio button (Client Apps and REST APIs, the default; Client Apps; REST APIs).
 * @csspart expires-input - The expiry date (empty: never).
 * @csspart save-button - Saves the new token.
 * @csspart cancel-button - Closes the form.
 * @csspart form-error - Why the form was refused (`role="alert"`).
 * @csspart jwt - The JWT panel shown after Save and View JWT.
 * @csspart jwt-field - The JWT, read-only (it takes the focus when shown).
 * @csspart jwt-warning - That the JWT grants access.
 * @csspart copy-button - Copies the JWT.
 * @csspart hide-jwt-button - Hides the JWT panel.
 * @csspart view-jwt-button - A row's View JWT (admins).
 * @csspart revoke-button - A row's Revoke (admins, tokens not revoked).
 * @csspart notice - What the last action changed (`role="status"`).
 * @csspart action-error - Why the last action failed (`role="alert"`).
 * @csspart confirm - The confirm dialog; its parts are exported as `confirm-*`.
 *
 * @fires nexus-portal-session-ended - The server answered 401: the session ended (`<nexus-portal>` signs out).
 * @fires nexus-error - An action or a load failed (the page says it too).
 */
export class NexusPortalTokens extends PortalAdminPage {
  static override styles = [
    ...PortalAdminPage.styles,
    css`
      @layer nexus {
        .jwt-field {
          width: 100%;
          min-height: 6rem;
          font-family: var(--_nexus-font-family-mono);
          word-break: break-all;
        }
        .jwt {
          width: min(40rem, 100%);
        }
        .row-actions {
          display: flex;
          flex-wrap: wrap;
          gap: var(--_nexus-space-small);
        }
        .warning {
          color: var(--_nexus-color-danger);
        }
        .choice {
          display: flex;
          align-items: center;
          gap: var(--_nexus-space-small);
        }
        .choice-hint {
          margin-block: 0 var(--_nexus-space-small);
          margin-inline-start: 1.75rem;
        }
      }
    `,
  ];

  /** Whether the Add New form is open. */
  @state() private adding = false;
  @state() private refusal?: FormRefusal;
  /** The token whose JWT is shown. */
  @state() private shown?: AppTokenWithJwt;

  @query('nexus-data-table') private table!: NexusDataTable | null;

  /** Application tokens only: agent tokens come and go with agents' sign-ins. */
  private readonly loader: RowLoader<AppTokenInfo> = () => this.loading(this.admin.tokens.list()).then((items) => items.filter((token) => token.agentId === null));

  private get isAdmin(): boolean {
    return this.session?.account.role === 'admin';
  }

  private date(at: number): string {
    return new Intl.DateTimeFormat(this.localize.lang, { dateStyle: 'medium' }).format(at);
  }

  private columns(): TableColumn<AppTokenInfo>[] {
    const columns: TableColumn<AppTokenInfo>[] = [
      { key: 'name', label: this.t('portalTokensName') },
      { key: 'version', label: this.t('portalTokensVersion') },
      { key: 'id', label: this.t('portalTokensId'), cell: (row) => html`<code>${row.id}</code>` },
      { key: 'audience', label: this.t('portalTokensAudience'), cell: (row) => this.t(AUDIENCES[row.audience].label) },
      { key: 'createdAt', label: this.t('portalTokensCreated'), cell: (row) => this.date(row.createdAt) },
      { key: 'expiresAt', label: this.t('portalTokensExpires'), cell: (row) => (row.expiresAt === null ? this.t('portalTokensNever') : this.date(row.expiresAt)) },
      { key: 'status', label: this.t('portalTokensStatus'), cell: (row) => this.t(STATUS_LABELS[row.status]) },
    ];
    if (this.isAdmin) columns.push({ key: 'actions', label: this.t('portalTokensActions'), cell: (row) => this.rowActions(row) });
    return columns;
  }

  private rowActions(row: AppTokenInfo): TemplateResult | string {
    if (row.status === 'revoked') return '';
    return html`<span class="row-actions">
      <button part="view-jwt-button" class="button" type="button" aria-label=${this.t('portalTokensViewJwtOf', { name: row.name })} ?disabled=${this.busy} @click=${() => this.viewJwt(row)}>
        ${this.t('portalTokensViewJwt')}
      </button>
      <button part="revoke-button" class="button danger" type="button" aria-label=${this.t('portalTokensRevokeOf', { name: row.name })} ?disabled=${this.busy} @click=${() => this.revoke(row)}>
        ${this.t('portalTokensRevoke')}
      </button>
    </span>`;
  }

  /** Shows a JWT and puts the focus on it. */
  private async show(token: AppTokenWithJwt) {
    this.shown = token;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLTextAreaElement>('[part~="jwt-field"]')?.focus();
  }

  private async openForm() {
    this.adding = true;
    this.refusal = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#token-name')?.focus();
  }

  private async closeForm() {
    this.adding = false;
    this.refusal = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="add-button"]')?.focus();
  }

  private async refuse(refusal: FormRefusal) {
    this.refusal = refusal;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`#token-${refusal.field}`)?.focus();
  }

  /** The server's refusal of the form, on the field its first detail names. */
  private refusalOf(error: unknown): FormRefusal | undefined {
    if (!(error instanceof NexusError) || error.code !== 'invalid_request') return undefined;
    const path = error.details[0]?.path ?? '';
    const field = path.startsWith('/version') ? 'version' : path.startsWith('/expiresAt') ? 'expires' : 'name';
    return { field, message: this.t('portalTokensRefused', { message: error.details[0]?.message ?? error.message }) };
  }

  private onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    const [name, version, expires] = [value('name'), value('version'), value('expires')];
    const audience = (form.elements.namedItem('audience') as RadioNodeList).value as TokenAudience;
    if (!name) return this.refuse({ field: 'name', message: this.t('portalTokensNameRequired') });
    const expiresAt = expires ? endOfDay(expires) : null;
    if (expiresAt !== null && !(expiresAt > Date.now())) return this.refuse({ field: 'expires', message: this.t('portalTokensExpiryPast') });
    this.refusal = undefined;
    let refused: FormRefusal | undefined;
    const created = await this.act(
      () =>
        this.admin.tokens.create({ name, version: version || '1.0', audience, expiresAt }).catch((error: unknown) => {
          refused = this.refusalOf(error);
          throw error;
        }),
      (result) => this.t('portalTokensAdded', { name: result.token.name }),
    );
    if (refused) {
      this.actionError = undefined;
      return this.refuse(refused);
    }
    if (!created) return;
    this.adding = false;
    await this.table?.reload();
    await this.show(created);
  };

  private async viewJwt(row: AppTokenInfo) {
    const token = await this.act(
      () => this.admin.tokens.jwt(row.id),
      () => this.t('portalTokensJwtShown', { name: row.name }),
    );
    if (token) await this.show(token);
  }

  private async revoke(row: AppTokenInfo) {
    const rowElement = () => this.table?.shadowRoot?.querySelector<HTMLElement>(`tr[data-key="${row.id}"]`);
    const button = rowElement()?.querySelector<HTMLElement>('[part~="revoke-button"]');
    const asked = await this.confirm({
      heading: this.t('portalTokensRevokeConfirm'),
      target: this.t('portalTokensRevokeTarget', { name: row.name, id: row.id }),
      message: this.t('portalTokensRevokeWhat'),
      confirmLabel: this.t('portalTokensRevoke'),
    });
    if (!asked) return;
    const revoked = await this.act(
      () => this.admin.tokens.revoke(row.id),
      () => this.t('portalTokensRevoked', { name: row.name }),
    );
    if (!revoked) return button?.focus();
    if (this.shown?.token.id === row.id) this.shown = undefined;
    await this.table?.reload();
    rowElement()?.focus();
  }

  private async copy() {
    const token = this.shown!;
    const field = this.renderRoot.querySelector<HTMLTextAreaElement>('[part~="jwt-field"]')!;
    this.actionError = undefined;
    try {
      await navigator.clipboard.writeText(token.jwt);
      this.notice = this.t('portalTokensCopied', { name: token.token.name });
    } catch {
      field.focus();
      field.select();
      this.notice = this.t('portalTokensCopyRefused');
    }
  }

  private async hideJwt() {
    this.shown = undefined;
    await this.updateComplete;
    this.focusHeading();
  }

  private renderForm(): TemplateResult {
    const refusal = this.refusal;
    const invalid = (field: FormRefusal['field']) => (refusal?.field === field ? 'true' : 'false');
    const described = (field: FormRefusal['field'], hint: string) => [hint, refusal?.field === field ? 'token-form-error' : ''].filter(Boolean).join(' ');
    return html`<form part="add-form" class="form" novalidate aria-labelledby="token-form-heading" @submit=${this.onSubmit}>
      <h2 id="token-form-heading">${this.t('portalTokensFormHeading')}</h2>
      ${refusal ? html`<p part="form-error" id="token-form-error" class="form-error" role="alert">${refusal.message}</p>` : nothing}
      <label for="token-name">${this.t('portalTokensName')}</label>
      <input part="name-input" id="token-name" name="name" type="text" maxlength="100" autocomplete="off" aria-invalid=${invalid('name')} aria-describedby=${described('name', '') || nothing} />
      <label for="token-version">${this.t('portalTokensVersion')}</label>
      <input part="version-input" id="token-version" name="version" type="text" maxlength="32" value="1.0" autocomplete="off" aria-invalid=${invalid('version')} aria-describedby=${described('version', '') || nothing} />
      <p id="token-id-hint" class="muted">${this.t('portalTokensIdHint')}</p>
      <fieldset>
        <legend>${this.t('portalTokensAudience')}</legend>
        ${Object.entries(AUDIENCES).map(
          ([value, words], index) => html`<label class="choice"
              ><input part="audience-input" type="radio" name="audience" value=${value} ?checked=${index === 0} aria-describedby="token-audience-${value}" />
              ${this.t(words.label)}</label
            >
            <p id="token-audience-${value}" class="muted choice-hint">${this.t(words.hint)}</p>`,
        )}
      </fieldset>
      <label for="token-expires">${this.t('portalTokensExpiresLabel')}</label>
      <input part="expires-input" id="token-expires" name="expires" type="date" aria-invalid=${invalid('expires')} aria-describedby=${described('expires', 'token-expires-hint')} />
      <p id="token-expires-hint" class="muted">${this.t('portalTokensExpiresHint')}</p>
      <span class="row-actions">
        <button part="save-button" class="button primary" type="submit" ?disabled=${this.busy} aria-busy=${this.busy ? 'true' : 'false'}>
          ${this.busy ? this.t('portalWorking') : this.t('portalTokensSave')}
        </button>
        <button part="cancel-button" class="button" type="button" @click=${() => this.closeForm()}>${this.t('portalConfirmCancel')}</button>
      </span>
    </form>`;
  }

  private renderJwt(shown: AppTokenWithJwt): TemplateResult {
    return html`<section part="jwt" class="form jwt" aria-labelledby="jwt-heading">
      <h2 id="jwt-heading">${this.t('portalTokensJwtHeading', { name: shown.token.name })}</h2>
      <p part="jwt-warning" id="jwt-warning" class="warning">${this.t('portalTokensJwtWarning')}</p>
      <label for="jwt-field">${this.t('portalTokensJwtLabel')}</label>
      <textarea part="jwt-field" id="jwt-field" class="jwt-field" readonly spellcheck="false" aria-describedby="jwt-warning" .value=${shown.jwt}></textarea>
      <span class="row-actions">
        <button part="copy-button" class="button primary" type="button" @click=${() => this.copy()}>${this.t('portalTokensCopy')}</button>
        <button part="hide-jwt-button" class="button" type="button" @click=${() => this.hideJwt()}>${this.t('portalTokensHideJwt')}</button>
      </span>
    </section>`;
  }

  protected override render(): unknown {
    if (!this.session) return nothing;
    const admin = this.isAdmin;
    return this.renderPage(
      'tokens-page',
      this.t('portalPageTokens'),
      html`<p class="muted">${this.t('portalTokensIntro')}</p>
        ${admin ? nothing : html`<p part="read-only" class="muted">${this.t('portalTokensReadOnly')}</p>`}
        ${admin && !this.adding
          ? html`<button part="add-button" class="button primary" type="button" @click=${() => this.openForm()}>${this.t('portalTokensAddNew')}</button>`
          : nothing}
        ${admin && this.adding ? this.renderForm() : nothing} ${this.shown ? this.renderJwt(this.shown) : nothing}
        <nexus-data-table
          part="table"
          exportparts="table:table-table,row:table-row,cell:table-cell,empty:table-empty,error:table-error,loading:table-loading,retry-button:table-retry-button"
          label=${this.t('portalTokensTableLabel')}
          empty-text=${this.t('portalTokensEmpty')}
          .columns=${this.columns()}
          .loader=${this.loader}
        ></nexus-data-table>`,
    );
  }
}

define('nexus-portal-tokens', NexusPortalTokens);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-portal-tokens': NexusPortalTokens;
  }
}
