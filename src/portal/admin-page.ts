import { html, nothing, type TemplateResult } from 'lit';
import { property, query, state } from '../components/shared/decorators.js';
import { Loader, nothingToLoad } from '../components/shared/loader.js';
import { NexusBase } from '../components/shared/nexus-base.js';
import { errorState, loadingState } from '../components/shared/states.js';
import type { AccountSession } from '../core/account-session.js';
import type { AdminClient } from '../core/admin-client.js';
import { NexusError } from '../core/errors.js';
import { fieldStyles } from '../styles/fields.js';
import '../i18n/strings-portal.js';
import './confirm-dialog.js';
import type { NexusConfirmDialog } from './confirm-dialog.js';
import type { NexusDataTable } from './data-table.js';
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
   * is announced, reported (`nexus-error`), and resolves undefined. The focus, when disabling
   * the busy button lost it, goes back to where it was.
   */
  protected async act<T>(run: () => Promise<T>, done: (result: T) => string): Promise<T | undefined> {
    const focused = this.focusedElement();
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
      // A button disabled while busy loses the focus: it gets it back (when the page did not move it).
      await this.updateComplete;
      await this.renderRoot.querySelector<NexusDataTable>('nexus-data-table')?.updateComplete;
      if (focused?.isConnected && !this.focusedElement()) focused.focus();
    }
  }

  /** The element that has the focus in the page, inside its elements' shadow roots too (null: none in the page). */
  private focusedElement(): HTMLElement | null {
    let active = this.shadowRoot?.activeElement ?? null;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active as HTMLElement | null;
  }

  /**
   * `act()` for a change the page's `<nexus-data-table>` shows: the table loads again before the
   * change is announced, so what is said is what is shown.
   */
  protected change<T>(run: () => Promise<T>, done: (result: T) => string): Promise<T | undefined> {
    return this.act(async () => {
      const result = await run();
      await this.renderRoot.querySelector<NexusDataTable>('nexus-data-table')?.reload();
      return result;
    }, done);
  }

  /** Shows and reports a failure; a 401 means the session ended (the portal signs out). */
  protected failed(error: unknown): void {
    this.actionError = this.describeError(error);
    this.reportError(error);
    this.endedSession(error);
  }

  private endedSession(error: unknown): void {
    if (error instanceof NexusError && error.unauthorized) this.emit('nexus-portal-session-ended', {});
  }

  /** What the page says about a failed action; a page overrides it for the refusals it knows (`skill_in_use`, …). */
  protected describeError(error: unknown): string {
    return errorText(this.t.bind(this), error);
  }

  /**
   * The page's loader of what it shows from the admin API (a page's settings): loads when the
   * session is set (again when it changes); a failure is the error state of `renderLoaded` (with
   * retry) and a `nexus-error`, and a 401 also ends the session.
   */
  protected adminLoader<T>(load: (admin: AdminClient) => Promise<T>, onComplete?: (value: T) => void): Loader<readonly unknown[], T> {
    return new Loader<readonly unknown[], T>(this, {
      args: () => [this.session],
      load: () => (this.session ? this.loading(load(this.session.admin)) : Promise.resolve(nothingToLoad)),
      onComplete,
      onError: (error) => this.reportError(error),
    });
  }

  /**
   * Wraps a page's load (a `Loader`'s or a `<nexus-data-table>`'s, whose error state says the
   * failure): on a 401 it also ends the session (`nexus-portal-session-ended`).
   */
  protected loading<T>(load: Promise<T>): Promise<T> {
    return load.catch((error: unknown) => {
      this.endedSession(error);
      throw error;
    });
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
