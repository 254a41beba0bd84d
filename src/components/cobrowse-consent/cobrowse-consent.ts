import { html, nothing, type PropertyValues } from 'lit';
import { query, state } from '../shared/decorators.js';
import type { NexusClient } from '../../core/client.js';
import type { CobrowseInfo } from '../../protocol/cobrowse.js';
import { ClientListeners } from '../shared/client-listeners.js';
import { define } from '../shared/define.js';
import { NexusElement } from '../shared/nexus-element.js';
import '../../i18n/strings-live.js';
import { cobrowseConsentStyles } from './cobrowse-consent.styles.js';

/**
 * What the element shows: nothing, the consent question, the sharing indicator, or (while
 * sharing) the remote-control question.
 */
export type CobrowseConsentState = 'idle' | 'pending' | 'active' | 'control';

/** The states that ask a question (and take focus). */
const ASKING: CobrowseConsentState[] = ['pending', 'control'];

/** The element that had focus, looking inside shadow roots. */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/**
 * Asks the person for consent when an agent wants to see this browser tab (co-browse), and while
 * the tab is shared shows an indicator with "Stop sharing". It follows `client.cobrowse`: put
 * one on the page (`<nexus-chat>` shows one by itself when a co-browse request arrives).
 *
 * When the live session's `remoteConnectionType` is `remote`, the question offers the tenant's
 * remote-support app instead: accepting downloads it and the tab is not recorded.
 *
 * While sharing, an agent may ask for remote control (a second consent): the element asks
 * again; once allowed, the indicator says so and offers "Stop control". When the tenant records
 * co-browse, the question says so.
 *
 * Each question is a non-modal alert dialog: it takes focus (on the declining button) when it
 * appears, Escape declines, and focus goes back where it was once answered.
 *
 * @summary Co-browse consent dialog and sharing indicator.
 * @tag nexus-cobrowse-consent
 *
 * @attr state - Read-only, reflected: `idle` (nothing shown), `pending` (the consent question), `active` (the sharing indicator) or `control` (the remote-control question).
 *
 * @csspart base - The dialog or the indicator.
 * @csspart dialog - The consent question (role alertdialog).
 * @csspart title - The question's title.
 * @csspart body - What sharing means.
 * @csspart allow-button - Starts sharing.
 * @csspart decline-button - Declines.
 * @csspart error - Remote mode: the tenant configured no remote-support client (role alert).
 * @csspart recorded - The note that the tenant records co-browse.
 * @csspart indicator - Shown while the tab is shared.
 * @csspart stop-button - Stops sharing.
 * @csspart control-state - While the agent has remote control: says so.
 * @csspart stop-control-button - Takes remote control back (sharing goes on).
 *
 * @cssprop --nexus-cobrowse-consent-offset - Distance from the bottom and end edges of the window (the element is fixed there).
 * @cssprop --nexus-cobrowse-consent-width - Largest width (default 22rem).
 *
 * @fires nexus-cobrowse-state - Co-browse changed (asked, sharing, declined, ended, or remote control asked, granted, stopped: `detail.control`).
 * @fires nexus-cobrowse-remote-download - Remote mode (the live session's `remoteConnectionType` is `remote`): the person accepted and the tenant's remote-support client is downloaded from `detail.url` (cancelable: the download does not start).
 * @fires nexus-error - Starting to share failed.
 */
export class NexusCobrowseConsent extends NexusElement {
  static override styles = [...NexusElement.styles, cobrowseConsentStyles];

  /**
   * What is shown now (read-only; reflected as the `state` attribute, for styling): `idle`,
   * `pending` (the question), `active` (the indicator) or `control` (the remote-control question).
   */
  get state(): CobrowseConsentState {
    return this.shownState as CobrowseConsentState;
  }

  protected override deriveState(): CobrowseConsentState {
    return this.phase;
  }

  /** What the element shows, following the client's co-browse (see `sync`). */
  @state() private phase: CobrowseConsentState = 'idle';

  @state() private info: CobrowseInfo | null = null;
  @state() private busy = false;
  /** Remote mode: the tenant configured no remote-support client. */
  @state() private remoteMissing = false;

  @query('[part~="decline-button"]') private declineButton?: HTMLButtonElement;

  /** Listens to the co-browse of the element's client (a client of an older copy of the library has none). */
  private readonly listeners = new ClientListeners(this, (client) => {
    const cobrowse = client.cobrowse;
    if (!cobrowse) return [];
    const offs = [
      cobrowse.on('state', (info) => {
        this.sync();
        this.emit('nexus-cobrowse-state', {
          state: info.state,
          agentName: info.agent.name,
          control: info.control,
          ...(info.reason && { reason: info.reason }),
        });
      }),
      cobrowse.on('error', (error) => this.reportError(error)),
    ];
    this.sync();
    return offs;
  });
  private returnFocus: HTMLElement | null = null;

  private get attachedTo(): NexusClient | undefined {
    return this.listeners.client;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (!changed.has('phase')) return;
    const before = changed.get('phase') as CobrowseConsentState | undefined;
    if (ASKING.includes(this.phase)) {
      if (!before || !ASKING.includes(before)) this.returnFocus = deepActiveElement();
      this.declineButton?.focus();
    } else if (before && ASKING.includes(before)) {
      const focusInside = this.shadowRoot?.activeElement !== null && this.shadowRoot?.activeElement !== undefined;
      if (focusInside || !deepActiveElement() || deepActiveElement() === document.body) this.returnFocus?.focus();
      this.returnFocus = null;
    }
  }

  private sync() {
    const cobrowse = this.attachedTo?.cobrowse;
    this.info = cobrowse?.current ?? null;
    const sharing = this.info?.state === 'active' && cobrowse?.sharing;
    this.phase =
      this.info?.state === 'pending' ? 'pending' : sharing && this.info?.control === 'pending' ? 'control' : sharing ? 'active' : 'idle';
    if (this.phase !== 'pending') this.remoteMissing = false;
  }

  /** Remote mode: downloads the tenant's remote-support client, or says there is none. */
  private async allowRemote() {
    const url = await this.attachedTo!.cobrowse.acceptRemote();
    if (!url) {
      this.remoteMissing = true;
      return;
    }
    if (!this.emit('nexus-cobrowse-remote-download', { url }, { cancelable: true })) return;
    const link = Object.assign(document.createElement('a'), { href: url, rel: 'noopener' });
    link.setAttribute('download', '');
    link.click();
  }

  private async allow() {
    const cobrowse = this.attachedTo?.cobrowse;
    if (!cobrowse || this.busy) return;
    this.busy = true;
    try {
      if (cobrowse.remote) await this.allowRemote();
      else await cobrowse.accept();
    } catch (error) {
      this.reportError(error);
    } finally {
      this.busy = false;
      this.sync();
    }
  }

  private decline() {
    if (this.phase === 'control') this.attachedTo?.cobrowse.declineControl();
    else this.attachedTo?.cobrowse.decline();
    this.sync();
  }

  private allowControl() {
    this.attachedTo?.cobrowse.allowControl();
  }

  private stopControl() {
    this.attachedTo?.cobrowse.stopControl();
    this.sync();
  }

  private stop() {
    this.attachedTo?.cobrowse.stop();
    this.sync();
  }

  private onKeydown(event: KeyboardEvent) {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.decline();
  }

  protected override renderContent() {
    const name = this.info?.agent.name ?? '';
    if (this.phase === 'control') {
      return this.renderQuestion(
        this.t('cobrowseControlTitle', { name }),
        this.t('cobrowseControlBody', { name }),
        this.t('cobrowseControlDecline'),
        this.t('cobrowseControlAllow'),
        this.allowControl,
      );
    }
    if (this.phase === 'pending') {
      const remote = this.attachedTo?.cobrowse.remote ?? false;
      return this.renderQuestion(
        this.t(remote ? 'cobrowseRemoteTitle' : 'cobrowseConsentTitle'),
        this.t(remote ? 'cobrowseRemoteBody' : 'cobrowseConsentBody', { name }),
        this.t('cobrowseDecline'),
        this.t(remote ? 'cobrowseRemoteAllow' : 'cobrowseAllow'),
        this.allow,
      );
    }
    if (this.phase === 'active') {
      const control = this.info?.control === 'granted';
      return html`<div part="base indicator" class="base indicator" role="region" aria-label=${this.t('cobrowseStop')}>
        <span class="dot" aria-hidden="true"></span>
        <span role="status">
          ${this.t('cobrowseSharing', { name })}
          ${control ? html`<span part="control-state" class="control-state">${this.t('cobrowseControlActive', { name })}</span>` : nothing}
        </span>
        ${control
          ? html`<button part="stop-control-button" class="button" @click=${this.stopControl}>${this.t('cobrowseControlStop')}</button>`
          : nothing}
        <button part="stop-button" class="button primary" @click=${this.stop}>${this.t('cobrowseStop')}</button>
      </div>`;
    }
    return nothing;
  }

  private renderQuestion(title: string, body: string, declineText: string, allowText: string, allow: () => unknown) {
    return html`<div
      part="base dialog"
      class="base"
      role="alertdialog"
      aria-modal="false"
      aria-labelledby="title"
      aria-describedby="body"
      @keydown=${this.onKeydown}
    >
      <h2 id="title" part="title" class="title">${title}</h2>
      <p id="body" part="body">${body}</p>
      ${this.info?.recording ? html`<p part="recorded" class="recorded">${this.t('cobrowseRecorded')}</p>` : nothing}
      ${this.remoteMissing ? html`<p part="error" class="error" role="alert">${this.t('cobrowseRemoteMissing')}</p>` : nothing}
      <div class="actions">
        <button part="decline-button" class="button" @click=${this.decline} ?disabled=${this.busy}>${declineText}</button>
        <button part="allow-button" class="button primary" @click=${allow} ?disabled=${this.busy || this.remoteMissing}>${allowText}</button>
      </div>
    </div>`;
  }
}

define('nexus-cobrowse-consent', NexusCobrowseConsent);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-cobrowse-consent': NexusCobrowseConsent;
  }
}
