import { html, nothing, type TemplateResult } from 'lit';
import { property, query, state } from '../components/shared/decorators.js';
import { define } from '../components/shared/define.js';
import { NexusBase } from '../components/shared/nexus-base.js';
import { fieldStyles } from '../styles/fields.js';
import { errorState, loadingState } from '../components/shared/states.js';
import { AccountSession } from '../core/account-session.js';
import { NexusError } from '../core/errors.js';
import '../i18n/strings-portal.js';
import { renderAccountPage, roleLabel } from './account-page.js';
import './confirm-dialog.js';
import type { NexusConfirmDialog } from './confirm-dialog.js';
import { errorText } from './error-text.js';
import type { PortalAdminPage } from './admin-page.js';
import { pageFor, renderNav, renderPageElement, routeOf, splitRoute, type PortalPage } from './pages.js';
import { focusEmpty, readForm, renderForgot, renderNewPassword, renderSignIn, type FormStatus } from './portal-forms.js';
import { portalSharedStyles, portalStyles } from './portal.styles.js';

/**
 * Where the portal is: finding the browser's session (`loading`), a sign-in, reset or new
 * password form (`signed-out`), the signed-in portal (`ready`), or `failed` (the server could not
 * be reached to find the session; retry). Reflected as the `state` attribute.
 */
export type PortalState = 'loading' | 'signed-out' | 'ready' | 'failed';

/** Which form a signed-out portal shows. */
type SignedOutView = 'sign-in' | 'forgot' | 'reset';

const RESET_PREFIX = '#reset=';

/**
 * The Nexus Cloud portal: people of a tenant sign in with their account's email and password
 * (and the tenant, when the email has accounts in several), ask for a reset mail ("Forgot
 * password?"), and choose a new password from the mail's link (`/portal/#reset=<token>`, read
 * from the page's address). Signed in, a header names the account and its role, with Change
 * password, Sign out and Sign out everywhere (asked first), and the navigation of the pages the
 * role may open (`#/<route>`, plain links): the Account page (who is signed in, change the
 * password, sign out everywhere) and the Admin pages as they come (src/portal/pages.ts).
 *
 * The sign-in is the server's session cookie, which it accepts from its own origin only
 * (docs/security.md#accounts): the portal must be on the server's origin (the server serves it
 * at `/portal/`), or behind a proxy that puts the API on the page's origin (`server`).
 * After a reload it finds the browser's session by itself; when the page comes back into view, and
 * on every navigation, it checks that the session still holds (`checkSession`).
 *
 * Keyboard: the navigation is links (Tab, Enter); a page's heading takes the focus when it
 * opens; every form sends with Enter and puts the focus on the first empty field, or on the
 * field to correct after a refusal. Outcomes are announced (`role="status"`), refusals as alerts.
 *
 * @summary The Nexus Cloud portal: account sign-in, password reset, and the admin pages.
 * @tag nexus-portal
 *
 * @attr state - Read-only, reflected: `loading`, `signed-out`, `ready` or `failed`.
 *
 * @csspart base - The portal's frame.
 * @csspart header - The top bar: the account, its role and tenant, and the account's buttons.
 * @csspart account - The signed-in account's name, email and role.
 * @csspart change-password-link - Opens the Account page at the password change.
 * @csspart sign-out-button - Signs this browser out.
 * @csspart sign-out-everywhere-button - Signs the account out everywhere (asks first).
 * @csspart nav - The navigation.
 * @csspart nav-link - A page's link (the current one has `aria-current="page"`).
 * @csspart main - The page.
 * @csspart account-page - The Account page.
 * @csspart account-facts - The account's name, email, role and tenant.
 * @csspart sign-in - The sign-in form.
 * @csspart sign-email-input - The sign-in's email field.
 * @csspart sign-password-input - The sign-in's password field.
 * @csspart sign-tenant-input - The sign-in's tenant field, shown when the email has accounts in several tenants.
 * @csspart sign-in-button - The sign-in button.
 * @csspart forgot-button - "Forgot password?": the reset request form.
 * @csspart forgot - The reset request form.
 * @csspart forgot-email-input - The reset request's email field.
 * @csspart forgot-tenant-input - The reset request's tenant field, shown when the email has accounts in several tenants.
 * @csspart reset-send-button - Sends the reset request.
 * @csspart new-password - The reset link's form.
 * @csspart reset-password-input - The new password of the reset link's form.
 * @csspart reset-save-button - Saves the new password.
 * @csspart back-button - Back to the sign-in form.
 * @csspart change-password - The Account page's password change form.
 * @csspart change-current-input - The current password.
 * @csspart change-next-input - The new password.
 * @csspart change-password-button - Changes the password.
 * @csspart form-error - Why a form was refused (`role="alert"`).
 * @csspart notice - What an action did (`role="status"`): signed out, mail sent, password saved.
 * @csspart confirm - The confirm dialog (`<nexus-confirm-dialog>`); its parts are exported as `confirm-*`.
 * @csspart loading - The loading state.
 * @csspart error - The error state.
 * @csspart retry-button - The error state's retry button.
 *
 * @cssprop --nexus-portal-background - Background of the portal.
 * @cssprop --nexus-portal-panel-background - Background of the header, the navigation and the forms.
 * @cssprop --nexus-portal-nav-width - Width of the navigation column.
 *
 * @fires nexus-portal-sign-in - Someone signed in (or the browser's session was found): the account, its tenant and role.
 * @fires nexus-portal-sign-out - The portal signed out: here, everywhere, or because the session ended.
 * @fires nexus-portal-navigate - Another page is shown: its route.
 * @fires nexus-error - Something failed (the portal says it too).
 */
export class NexusPortal extends NexusBase {
  static override styles = [...NexusBase.styles, fieldStyles, portalSharedStyles, portalStyles];

  /**
   * URL of the Nexus Cloud server, on the page's own origin (the sign-in is a cookie). Default:
   * the page's origin, as at `/portal/` on the server.
   */
  @property() server?: string;

  @state() private session?: AccountSession;
  @state() private resuming = true;
  @state() private resumeError?: unknown;
  @state() private view: SignedOutView = 'sign-in';
  @state() private form: FormStatus = { busy: false };
  @state() private notice?: string;
  @state() private resetSentTo?: string;
  @state() private route = '';
  @state() private password: FormStatus = { busy: false };
  @state() private passwordDone?: string;

  @query('nexus-confirm-dialog') private confirmDialog!: NexusConfirmDialog | null;

  /** The reset link's token, taken from the address (and removed from it). */
  private resetToken?: string;

  /** What the portal shows. */
  get state(): PortalState {
    return this.shownState as PortalState;
  }

  /** The signed-in account's session (undefined when signed out). */
  get accountSession(): AccountSession | undefined {
    return this.session;
  }

  private get origin(): string {
    return this.server || location.origin;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    document.addEventListener('visibilitychange', this.onVisibilityChange);
    this.addEventListener('nexus-portal-session-ended', this.onSessionEnded);
    this.onHashChange();
    if (!this.session) void this.resume();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
    document.removeEventListener('visibilitychange', this.onVisibilityChange);
  }

  /** A page was answered 401: the session ended (signed out elsewhere, a new password). */
  private onSessionEnded = (event: Event) => {
    event.stopPropagation();
    if (this.session) this.signedOut('ended');
  };

  /** Back in view: the session may have ended meanwhile (signed out on another device, a new password). */
  private onVisibilityChange = () => {
    if (document.visibilityState === 'visible') void this.checkSession();
  };

  /**
   * Asks the server whether the session still holds; when it ended (on another device, or with a
   * password reset), the portal signs out saying so. It checks by itself when the page comes back
   * into view and on every navigation. Resolves whether the portal is still signed in; a network
   * failure changes nothing.
   */
  async checkSession(): Promise<boolean> {
    if (!this.session) return false;
    const found = await AccountSession.resume({ server: this.origin }).catch(() => undefined);
    if (found === null && this.session) this.signedOut('ended');
    return this.session !== undefined;
  }

  protected override deriveState(): string {
    if (this.view === 'reset' || (!this.session && !this.resuming && !this.resumeError)) return 'signed-out';
    if (this.resuming) return 'loading';
    if (this.resumeError) return 'failed';
    return 'ready';
  }

  /** Reads the route, or a reset link's token (which leaves the address at once). */
  private onHashChange = () => {
    if (location.hash.startsWith(RESET_PREFIX)) {
      this.resetToken = decodeURIComponent(location.hash.slice(RESET_PREFIX.length));
      history.replaceState(null, '', location.pathname + location.search);
      void this.show('reset');
      return;
    }
    const route = routeOf(location.hash);
    if (route === this.route) return;
    this.route = route;
    if (!this.session) return;
    void this.focusHeading();
    void this.checkSession();
  };

  /** Finds the browser's session (a reload); signed out when there is none. */
  private async resume() {
    this.resuming = true;
    this.resumeError = undefined;
    try {
      const session = await AccountSession.resume({ server: this.origin });
      if (session && !this.session) this.signedIn(session);
    } catch (error) {
      this.resumeError = error;
      this.reportError(error);
    } finally {
      this.resuming = false;
    }
  }

  private signedIn(session: AccountSession) {
    this.session = session;
    this.notice = undefined;
    this.password = { busy: false };
    this.passwordDone = undefined;
    const { id, tenantId, role } = session.account;
    this.emit('nexus-portal-sign-in', { accountId: id, tenantId, role });
    void this.focusHeading();
  }

  /** Back to the sign-in form, saying why. */
  private signedOut(reason: 'signed-out' | 'everywhere' | 'ended') {
    this.session = undefined;
    this.notice = this.t(reason === 'everywhere' ? 'portalSignedOutEverywhere' : reason === 'ended' ? 'portalSessionEnded' : 'portalSignedOut');
    void this.show('sign-in');
    this.emit('nexus-portal-sign-out', { reason });
  }

  private async show(view: SignedOutView) {
    this.view = view;
    this.form = { busy: false };
    this.resetSentTo = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('form input')?.focus();
  }

  private async focusHeading() {
    await this.updateComplete;
    const adminPage = this.renderRoot.querySelector<PortalAdminPage>('.admin-page');
    if (adminPage) await adminPage.focusHeading();
    else this.renderRoot.querySelector<HTMLElement>('#page-heading')?.focus();
    const page = this.page();
    if (page) this.emit('nexus-portal-navigate', { route: page.route });
  }

  private page(): PortalPage | undefined {
    return this.session ? pageFor(this.route, this.session.account.role) : undefined;
  }

  /**
   * Runs a form's request: busy while it runs; a refusal is shown and reported, and the focus goes
   * to the field to correct (`fields.retry`, emptied when it is a password; the tenant field when
   * the server asks for it).
   */
  private async send(form: HTMLFormElement, status: 'form' | 'password', run: () => Promise<void>, fields: { retry: string; tenant?: string }) {
    this[status] = { ...this[status], busy: true, error: undefined };
    try {
      await run();
      this[status] = { ...this[status], busy: false };
    } catch (error) {
      const tenantAsked = error instanceof NexusError && error.code === 'tenant_required';
      this[status] = { busy: false, error, askTenant: this[status].askTenant || tenantAsked };
      this.reportError(error);
      if (status === 'password' && error instanceof NexusError && error.unauthorized) return this.signedOut('ended');
      await this.updateComplete;
      const again = form.querySelector<HTMLInputElement>(`input[name="${tenantAsked && fields.tenant ? fields.tenant : fields.retry}"]`);
      if (again?.type === 'password') again.value = '';
      again?.focus();
    }
  }

  private onSignIn = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    if (focusEmpty(form, ['sign-email', 'sign-password'])) return;
    const values = readForm(form);
    void this.send(
      form,
      'form',
      async () => this.signedIn(await AccountSession.signIn({ server: this.origin, email: values['sign-email'], password: values['sign-password'], tenant: values['sign-tenant'] || undefined })),
      { retry: 'sign-password', tenant: 'sign-tenant' },
    );
  };

  private onForgot = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    if (focusEmpty(form, ['forgot-email'])) return;
    const values = readForm(form);
    void this.send(
      form,
      'form',
      async () => {
        await AccountSession.requestPasswordReset({ server: this.origin, email: values['forgot-email'], tenant: values['forgot-tenant'] || undefined });
        this.resetSentTo = values['forgot-email'];
      },
      { retry: 'forgot-email', tenant: 'forgot-tenant' },
    );
  };

  private onNewPassword = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    if (focusEmpty(form, ['reset-password'])) return;
    const password = readForm(form)['reset-password'];
    void this.send(
      form,
      'form',
      async () => {
        await AccountSession.resetPassword({ server: this.origin, token: this.resetToken ?? '', password });
        this.resetToken = undefined;
        // Every session ended with the reset, this browser's too.
        this.session = undefined;
        await this.show('sign-in');
        this.notice = this.t('portalNewPasswordSaved');
      },
      { retry: 'reset-password' },
    );
  };

  private onChangePassword = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    if (focusEmpty(form, ['change-current', 'change-next'])) return;
    const values = readForm(form);
    this.passwordDone = undefined;
    void this.send(
      form,
      'password',
      async () => {
        await this.session!.changePassword(values['change-current'], values['change-next']);
        form.reset();
        this.passwordDone = this.t('portalPasswordChanged');
      },
      { retry: 'change-current' },
    );
  };

  /** Signs this browser out (a session that already ended is signed out all the same). */
  async signOut(): Promise<void> {
    const session = this.session;
    if (!session) return;
    try {
      await session.signOut();
    } catch (error) {
      if (!(error instanceof NexusError && error.unauthorized)) return this.reportError(error);
    }
    this.signedOut('signed-out');
  }

  /** Asks first, then signs the account out everywhere; resolves false when cancelled. */
  async signOutEverywhere(): Promise<boolean> {
    const session = this.session;
    const dialog = this.confirmDialog;
    if (!session || !dialog) return false;
    if (!(await dialog.ask())) return false;
    try {
      await session.signOutEverywhere();
    } catch (error) {
      if (!(error instanceof NexusError && error.unauthorized)) {
        this.reportError(error);
        this.notice = errorText(this.t.bind(this), error);
        return false;
      }
    }
    this.signedOut('everywhere');
    return true;
  }

  private async openChangePassword() {
    location.hash = '#/account';
    this.route = 'account';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('input[name="change-current"]')?.focus();
  }

  protected override render(): TemplateResult {
    return html`${this.themeLink(this.themeUrl)}
      <div part="base" class="base">${this.renderState()}</div>`;
  }

  private renderState(): unknown {
    const t = this.t.bind(this);
    switch (this.state) {
      case 'loading':
        return loadingState(t('loading'));
      case 'failed':
        return errorState(errorText(t, this.resumeError), { label: t('retry'), run: () => void this.resume() });
      case 'signed-out':
        return this.renderSignedOut();
    }
    return this.renderSignedIn();
  }

  private renderSignedOut(): TemplateResult {
    const t = this.t.bind(this);
    const back = { back: () => void this.show('sign-in') };
    const form =
      this.view === 'reset'
        ? renderNewPassword(t, this.form, { submit: this.onNewPassword, ...back })
        : this.view === 'forgot'
          ? renderForgot(t, this.form, { submit: this.onForgot, ...back }, this.resetSentTo)
          : renderSignIn(t, this.origin, this.form, { submit: this.onSignIn, forgot: () => void this.show('forgot') }, this.notice);
    return html`<div part="main" class="signed-out">${form}</div>`;
  }

  private renderSignedIn(): TemplateResult {
    const t = this.t.bind(this);
    const account = this.session!.account;
    const page = this.page()!;
    return html`<header part="header" class="header">
        <p part="account" class="account">
          <span class="account-name">${t('portalSignedInAs', { name: account.name, email: account.email })}</span>
          <span class="muted">${roleLabel(t, account.role)} · ${t('portalTenant', { tenant: account.tenantId })}</span>
        </p>
        <div class="header-actions">
          <button part="change-password-link" class="button link" type="button" @click=${() => void this.openChangePassword()}>
            ${t('portalChangePassword')}
          </button>
          <button part="sign-out-button" class="button" type="button" @click=${() => void this.signOut()}>${t('portalSignOut')}</button>
          <button part="sign-out-everywhere-button" class="button danger" type="button" @click=${() => void this.signOutEverywhere()}>
            ${t('portalSignOutEverywhere')}
          </button>
        </div>
      </header>
      <div class="body">
        ${renderNav(t, account.role, page)}
        <div part="main" class="main">
          ${this.notice ? html`<p part="notice" class="notice" role="status">${this.notice}</p>` : nothing}
          ${renderPageElement(page, this.session!, splitRoute(this.route).param) ??
          renderAccountPage(t, {
            account,
            password: this.password,
            passwordDone: this.passwordDone,
            changePassword: this.onChangePassword,
            signOutEverywhere: () => void this.signOutEverywhere(),
          })}
        </div>
      </div>
      <nexus-confirm-dialog
        part="confirm"
        exportparts="dialog:confirm-dialog,heading:confirm-heading,target:confirm-target,message:confirm-message,cancel-button:confirm-cancel-button,confirm-button:confirm-button"
        heading=${t('portalSignOutEverywhereConfirm')}
        target=${account.email}
        message=${t('portalSignOutEverywhereWhat', { email: account.email })}
        confirm-label=${t('portalSignOutEverywhere')}
      ></nexus-confirm-dialog>`;
  }
}

define('nexus-portal', NexusPortal);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-portal': NexusPortal;
  }
}
