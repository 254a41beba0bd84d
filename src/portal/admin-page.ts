import { html, nothing, type TemplateResult } from 'lit';
import { property, query, state } from '../components/shared/decorators.js';
import type { Loader } from '../components/shared/loader.js';
import { NexusBase } from '../components/shared/nexus-base.js';
import { errorState, loadingState } from '../components/shared/states.js';
import type { AccountSession } from '../core/account-session.js';
import type { AdminClient } from '../core/admin-client.js';
import { NexusError } from '../core/errors.js';
import { fieldStyles } from '../styles/fields.js';
import '../i18n/strings-portal.js';
import './confirm-dialog.js';
import type { NexusConfirmDialog } from './confirm-dialog.js';
import { errorText } from './error-text.js';
import { portalSharedStyles } from './portal.styles.js';

/** What a confirm dialog asks before something is destroyed: see `<nexus-confirm-dialog>`. */
export interface ConfirmText {
  heading: string;
  target: string;
  message: string;
  confirmLabel: string;
}

/**
 * The base of the portal's admin pages (`<nexus-portal-tokens>`, …): an element that acts as a
 * signed-in account (`session`, set by `<nexus-portal>` or by another admin app on the server's
 * origin) through the admin API (`session.admin`). It gives every page the same frame and rules:
 * a heading that takes the focus when the page opens (`#page-heading`); `act()` runs an action
 * busy, then says what it changed (`role="status"`, part `notice`) or why it failed (part
 * `action-error`, `role="alert"`, and a `nexus-error` event); `confirm()` asks before anything is
 * destroyed; `renderLoaded()` shows a loader's loading and error (with retry) states.
 *
 * When the server answers 401 (the session ended) the page fires `nexus-portal-session-ended`,
 * which `<nexus-portal>` answers by signing out.
 *
 * @csspart notice - What the last action changed (`role="status"`).
 * @csspart action-error - Why the last action failed (`role="alert"`).
 * @csspart confirm - The confirm dialog; its parts are exported as `confirm-*`.
 *
 * @fires nexus-portal-session-ended - The server answered 401: the session ended (`<nexus-portal>` signs out).
 * @fires nexus-error - An action or a load failed (the page says it too).
 */
export abstract class PortalAdminPage extends NexusBase {
  static override styles = [...NexusBase.styles, fieldStyles, portalSharedStyles];

  /** The signed-in account's session; the page acts as this account. */
  @property({ attribute: false }) session?: AccountSession;

  /** What the last action changed, announced. */
  @state() protected notice?: string;
  /** Why the last action failed, announced as an alert. */
  @state() protected actionError?: string;
  /** Whether an action runs (its buttons are disabled meanwhile). */
  @state() protected busy = false;
  @state() private confirmText?: ConfirmText;

  @query('nexus-confirm-dialog') private confirmDialog!: NexusConfirmDialog | null;

  /** The admin API as the signed-in account. */
  protected get admin(): AdminClient {
    if (!this.session) throw new NexusError('invalid_argument', 'The page has no signed-in session (set its `session`).');
    return this.session.admin;
  }

  /**
   * Runs an action: busy while it runs, then announces `done(result)` (what changed); a failure
   * is announced, reported (`nexus-error`), and resolves undefined.
   */
  protected async act<T>(run: () => Promise<T>, done: (result: T) => string): Promise<T | undefined> {
    this.busy = true;
    this.notice = undefined;
    this.actionError = undefined;
    try {
      const result = await run();
      this.notice = done(result);
      return result;
    } catch (error) {
      this.failed(error);
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  /** Shows and reports a failure; a 401 means the session ended (the portal signs out). */
  protected failed(error: unknown): void {
    this.actionError = errorText(this.t.bind(this), error);
    this.loadFailed(error);
  }

  /** Reports a failure the page shows in its own way (a loader's error state); a 401 means the session ended. */
  protected loadFailed(error: unknown): void {
    this.reportError(error);
    if (error instanceof NexusError && error.unauthorized) this.emit('nexus-portal-session-ended', {});
  }

  /** Asks before destroying; resolves true when confirmed. */
  protected async confirm(text: ConfirmText): Promise<boolean> {
    this.confirmText = text;
    await this.updateComplete;
    return (await this.confirmDialog?.ask()) ?? false;
  }

  /** A loader's states: loading, its error with retry (a 401 ends the session), or `render` of what it loaded. */
  protected renderLoaded<T>(loader: Loader<readonly unknown[], T>, render: (value: T) => unknown): unknown {
    if (loader.status === 'error') {
      return errorState(errorText(this.t.bind(this), loader.error), { label: this.t('retry'), run: () => void loader.run() });
    }
    if (loader.status !== 'complete') return loadingState(this.t('loading'));
    return render(loader.value as T);
  }

  /** The page's frame: its heading (`#page-heading`, focused on opening), the announcements, the body and the confirm dialog. */
  protected renderPage(part: string, heading: string, body: unknown): TemplateResult {
    const confirm = this.confirmText;
    return html`${this.themeLink(this.themeUrl)}
      <section part=${part} class="page" aria-labelledby="page-heading">
        <h1 id="page-heading" tabindex="-1">${heading}</h1>
        <p part="notice" class="notice" role="status">${this.notice ?? nothing}</p>
        ${this.actionError ? html`<p part="action-error" class="form-error" role="alert">${this.actionError}</p>` : nothing}
        ${body}
      </section>
      <nexus-confirm-dialog
        part="confirm"
        exportparts="dialog:confirm-dialog,heading:confirm-heading,target:confirm-target,message:confirm-message,cancel-button:confirm-cancel-button,confirm-button:confirm-button"
        heading=${confirm?.heading ?? ''}
        target=${confirm?.target ?? ''}
        message=${confirm?.message ?? ''}
        confirm-label=${confirm?.confirmLabel ?? ''}
      ></nexus-confirm-dialog>`;
  }

  /** Puts the focus on the page's heading (the portal does when the page opens). */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#page-heading')?.focus();
  }
}
