import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { property, state } from '../shared/decorators.js';
import type { NexusClient } from '../../core/client.js';
import { NexusError } from '../../core/errors.js';
import type { LiveSession } from '../../protocol/live.js';
import type { RemoteConnectionType } from '../../protocol/page-config.js';
import '../chat/chat.js';
import { ClientListeners } from '../shared/client-listeners.js';
import { define } from '../shared/define.js';
import type { NexusEvent } from '../shared/events.js';
import { reportHeight } from '../shared/height.js';
import { icon } from '../shared/icons.js';
import { chatIcon, phoneIcon } from '../shared/icons-actions.js';
import { NexusElement } from '../shared/nexus-element.js';
import '../../i18n/strings-live.js';
import { liveHelpStyles } from './live-help.styles.js';

/** `chat`, `call`, or empty for the choice between them (the Cloud SDK guide's three modes). */
export type LiveHelpMode = 'chat' | 'call' | '';

type View = 'choose' | 'connecting' | 'call' | 'chat' | 'error' | 'unconfigured';

/**
 * What live help shows: `loading` (no client yet), the choice between chat and call (`choose`),
 * `connecting` (requesting a call), the call card (`call`), the chat window (`chat`), `error`, or
 * `unconfigured` (a call without a phone number). Reflected as the `state` attribute.
 */
export type LiveHelpState = View | 'loading';

/**
 * Live help, as the Cloud SDK guide's `showLiveHelp` shows it: with `mode="chat"` the chat
 * window, with `mode="call"` the call card (the number to call and the 6-digit connection code to
 * give the agent, or to enter when an IVR asks with `connect-method="IVR"`), and without a mode
 * the choice between them. A call turns into a chat window once an agent picks the session up.
 *
 * The element also answers `nexus-live-help-request` events from `<nexus-contact-us>` and
 * `<nexus-self-help>` anywhere on the page, so self help escalates into live help with the guided
 * path attached. A session survives a page reload.
 *
 * @summary Chat or call a support agent.
 * @tag nexus-live-help
 *
 * @attr state - Read-only, reflected: `loading` (no client yet), `choose`, `connecting`, `call` (the call card), `chat`, `error` or `unconfigured` (a call without a phone number).
 *
 * @csspart base - The live help panel.
 * @csspart heading - The heading.
 * @csspart choices - The chat and call buttons.
 * @csspart chat-button - Chooses chat.
 * @csspart call-button - Chooses a call.
 * @csspart call-card - The call instructions.
 * @csspart phone - The number to call.
 * @csspart code - The connection code.
 * @csspart cancel-button - Cancels the waiting call.
 * @csspart chat - The `<nexus-chat>` inside (style its own parts with `::part` on it via exportparts).
 *
 * @cssprop --nexus-live-help-background - Background of the panel.
 * @cssprop --nexus-live-help-code-size - Font size of the connection code.
 *
 * @fires nexus-height-change - The content height changed, in every view: the choice, the call card, the chat as it queues, talks and ends (for hosts that size a frame or container to it).
 * @fires nexus-live-help-start - A chat or call session began.
 * @fires nexus-chat-message - Bubbles from the chat inside: a message was shown.
 * @fires nexus-chat-agent-join - Bubbles from the chat inside: an agent joined.
 * @fires nexus-chat-end - Bubbles from the chat inside: the chat ended.
 * @fires nexus-chat-rate - Bubbles from the chat inside: the person rated the chat.
 * @fires nexus-error - Requesting live help failed (or the chat inside reported a failure).
 */
export class NexusLiveHelp extends NexusElement {
  static override styles = [...NexusElement.styles, liveHelpStyles];

  /** `chat`, `call`, or empty to let the person choose. */
  @property() mode: LiveHelpMode = '';

  /** Phone number to call; needed for calls. */
  @property() phone?: string;

  /** Agent skill (queue) for chat; the general queue when empty. */
  @property() skill?: string;

  /** `IVR`: the call card says to enter the code when prompted, instead of telling it to the agent. */
  @property({ attribute: 'connect-method' }) connectMethod?: string;

  /** How an agent may reach the person's screen: `cobrowse` (default) or `remote`. */
  @property({ attribute: 'remote-connection-type' }) remoteConnectionType: RemoteConnectionType = 'cobrowse';

  /** Do not answer `nexus-live-help-request` events from the rest of the page. */
  @property({ type: Boolean, attribute: 'ignore-requests' }) ignoreRequests = false;

  @state() private view: View = 'choose';
  @state() private error?: NexusError;
  @state() private session: LiveSession | null = null;
  /** The guided path a request from self help came from. */
  private origin?: { pathId?: string };
  private started = false;
  /** Follows the live session of the element's client. */
  private readonly listeners = new ClientListeners(this, (client) => this.attach(client));

  private readonly onRequest = (event: NexusEvent<'nexus-live-help-request'>) => {
    if (this.ignoreRequests || event.defaultPrevented || !this.isConnected) return;
    event.preventDefault();
    const { mode, skill, phone, pathId } = event.detail;
    if (skill) this.skill = skill;
    if (phone) this.phone = phone;
    if (event.detail.remoteConnectionType) this.remoteConnectionType = event.detail.remoteConnectionType;
    this.origin = pathId ? { pathId } : undefined;
    void this.choose(mode);
  };

  constructor() {
    super();
    reportHeight(this, (height) => this.emit('nexus-height-change', { height }));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('nexus-live-help-request', this.onRequest);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('nexus-live-help-request', this.onRequest);
  }

  /**
   * What live help shows: `loading`, `choose`, `connecting`, `call`, `chat`, `error` or
   * `unconfigured`. The state of the chat itself is the inner `<nexus-chat>`'s `state`.
   */
  get state(): LiveHelpState {
    return this.shownState as LiveHelpState;
  }

  protected override deriveState(): LiveHelpState {
    return this.baseState ?? this.view;
  }

  /** Whether a live session is going. */
  isActive(): boolean {
    return this.client?.liveHelp.isActive() ?? false;
  }

  /** Ends the live session, if any. */
  async end(): Promise<void> {
    await this.client?.liveHelp.end();
  }

  /** Starts a chat or a call, as the buttons do. */
  async choose(mode: 'chat' | 'call'): Promise<void> {
    const client = this.client;
    if (!client) return;
    // A choice made (a request from contact us, say) before the saved session was looked up
    // stands: the `mode` attribute no longer decides the first view.
    this.started = true;
    if (mode === 'chat') {
      if (client.liveHelp.session?.state === 'ended') client.liveHelp.reset();
      this.view = 'chat';
      await this.updateComplete;
      // The chat element inside starts the session (autostart) and reports it.
      return;
    }
    this.view = 'connecting';
    try {
      if (client.liveHelp.session?.state === 'ended') client.liveHelp.reset();
      const session = await client.liveHelp.request({
        mode: 'call',
        ...(this.skill?.trim() ? { skill: this.skill.trim() } : {}),
        data: { remoteConnectionType: this.remoteConnectionType },
        ...(this.origin ? { origin: this.origin } : {}),
      });
      this.session = session;
      this.view = session.state === 'active' ? 'chat' : 'call';
      this.emit('nexus-live-help-start', { mode: 'call', sessionId: session.id, code: session.code, ...(session.skill ? { skill: session.skill } : {}) });
    } catch (error) {
      this.error = error instanceof NexusError ? error : new NexusError('internal_error', String(error));
      this.view = 'error';
      this.reportError(error);
    }
  }

  private attach(client: NexusClient): (() => void)[] {
    const follow = (session: LiveSession) => {
      this.session = session;
      // An agent picked up the call: the call card becomes the chat.
      if (session.kind === 'call' && session.state === 'active' && this.view === 'call') this.view = 'chat';
    };
    void client.liveHelp.restored.then((session) => {
      if (this.listeners.client !== client) return;
      if (session && session.state !== 'ended') {
        this.session = session;
        this.view = session.kind === 'call' && session.state !== 'active' ? 'call' : 'chat';
        return;
      }
      this.applyMode();
    });
    return [client.liveHelp.on('session.update', follow)];
  }

  /** Opens the view the `mode` attribute asks for (once; later changes follow the person). */
  private applyMode() {
    if (this.started) return;
    this.started = true;
    if (this.mode === 'chat') void this.choose('chat');
    else if (this.mode === 'call') {
      if (this.phone?.trim()) void this.choose('call');
      else this.view = 'unconfigured';
    } else this.view = 'choose';
  }

  private async cancelCall() {
    try {
      await this.client?.liveHelp.end();
    } catch (error) {
      this.reportError(error);
    }
    this.client?.liveHelp.reset();
    this.session = null;
    this.view = 'choose';
  }

  protected override renderContent() {
    return html`<section part="base" class="base" aria-label=${this.t('liveHeading')}>${this.renderView()}</section>`;
  }

  private renderView() {
    switch (this.view) {
      case 'choose':
        return this.renderChoose();
      case 'connecting':
        return this.renderLoading(this.t('liveConnecting'));
      case 'call':
        return this.renderCall();
      case 'chat':
        return html`<nexus-chat
          part="chat"
          exportparts="base: chat-base, transcript: chat-transcript, composer: chat-composer, message: chat-message"
          .client=${this.client}
          .strings=${this.strings}
          .origin=${this.origin}
          .data=${{ remoteConnectionType: this.remoteConnectionType }}
          skill=${ifDefined(this.skill?.trim() || undefined)}
          autostart
          theme-url=${ifDefined(this.themeUrl)}
        ></nexus-chat>`;
      case 'unconfigured':
        return html`<p class="notice" role="status">${this.t('liveNotConfigured')}</p>`;
      case 'error':
        return this.renderError(this.error, () => {
          this.view = 'choose';
          if (this.mode) void this.choose(this.mode);
        });
    }
  }

  private renderChoose() {
    const phone = this.phone?.trim();
    return html`<h2 part="heading" class="heading">${this.t('liveChoose')}</h2>
      <div part="choices" class="choices">
        <button part="chat-button" class="button primary" @click=${() => void this.choose('chat')}>${icon(chatIcon)}${this.t('liveChat')}</button>
        ${phone
          ? html`<button part="call-button" class="button" @click=${() => void this.choose('call')}>${icon(phoneIcon)}${this.t('liveCall')}</button>`
          : nothing}
      </div>
      ${this.remoteConnectionType === 'remote' ? html`<p class="hint">${this.t('liveRemoteHint')}</p>` : nothing}`;
  }

  private renderCall() {
    const phone = this.phone?.trim() ?? '';
    const code = this.session?.code ?? '';
    const ivr = this.connectMethod?.toUpperCase() === 'IVR';
    return html`<div part="call-card" class="call">
      <h2 part="heading" class="heading">${this.t('liveCallTitle')}</h2>
      <ol class="steps">
        <li>
          ${phone
            ? html`<a part="phone" class="phone" href=${`tel:${phone.replace(/[^\d+A-Za-z]/g, '')}`}>${this.t('liveCallStep1', { phone })}</a>`
            : nothing}
        </li>
        <li>
          <span>${ivr ? this.t('liveCallStep2Ivr') : this.t('liveCallStep2')}</span>
          <span part="code" class="code" aria-label=${`${this.t('liveCallCodeLabel')}: ${code.split('').join(' ')}`}>${code}</span>
        </li>
      </ol>
      <p class="hint" role="status">${this.t('liveCallWaiting')}</p>
      <button part="cancel-button" class="button link" @click=${() => void this.cancelCall()}>${this.t('liveCancel')}</button>
    </div>`;
  }
}

define('nexus-live-help', NexusLiveHelp);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-live-help': NexusLiveHelp;
  }
}
