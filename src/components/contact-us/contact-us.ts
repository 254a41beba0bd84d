import { html, nothing } from 'lit';
import { property, state } from '../shared/decorators.js';
import { define } from '../shared/define.js';
import { icon } from '../shared/icons.js';
import { chatIcon, phoneIcon } from '../shared/icons-actions.js';
import { NexusElement } from '../shared/nexus-element.js';
import '../../i18n/strings-contact.js';
import type { RemoteConnectionType } from '../../protocol/page-config.js';
import { contactUsStyles } from './contact-us.styles.js';

/** How an agent reaches the person's screen once live help starts (declared in src/protocol). */
export type { RemoteConnectionType };

/** Every part of the element (what a container re-exports with `exportparts`). */
export const CONTACT_US_PARTS = ['base', 'heading', 'actions', 'chat-button', 'call-button', 'call-panel', 'phone-link', 'notice'] as const;

/**
 * The "contact us" part of self help: a chat button when a `skill` is set, a call button when a
 * `phone` number is set. Either button asks for live help with a cancelable
 * `nexus-live-help-request`, which `<nexus-live-help>` answers. When nothing on the page handles
 * a call request, the element shows the number to call as a `tel:` link; when nothing handles a
 * chat request, it says that chat is not available here.
 *
 * @summary Buttons to reach a person by chat or phone.
 * @tag nexus-contact-us
 *
 * @csspart base - The wrapper.
 * @csspart heading - The heading.
 * @csspart actions - The row of buttons.
 * @csspart chat-button - The chat button.
 * @csspart call-button - The call button.
 * @csspart call-panel - The phone number shown after the call button.
 * @csspart phone-link - The `tel:` link.
 * @csspart notice - The notice shown when chat is not available.
 *
 * @cssprop --nexus-contact-us-background - Background of the panel.
 *
 * @fires nexus-live-help-request - The person asked for chat or a call (cancelable).
 */
export class NexusContactUs extends NexusElement {
  static override styles = [...NexusElement.styles, contactUsStyles];

  protected override needsClient = false;

  /** Phone number to call; shows the call button. */
  @property() phone?: string;

  /** Agent skill queue for chat; shows the chat button. */
  @property() skill?: string;

  /** How an agent may reach the person's screen: `cobrowse` (default) or `remote`. */
  @property({ attribute: 'remote-connection-type' }) remoteConnectionType: RemoteConnectionType = 'cobrowse';

  /** The guided path the person was following, sent with the request. */
  @property({ attribute: 'path-id' }) pathId?: string;

  /** Heading text; set to an empty string for none. */
  @property() label?: string;

  /** Level of the heading (1–6). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  @state() private shown?: 'call' | 'chat-unavailable';

  protected override renderContent() {
    const phone = this.phone?.trim();
    const skill = this.skill?.trim();
    if (!phone && !skill) return nothing;
    const label = this.label ?? this.t('contactHeading');
    return html`<section part="base" class="base" aria-label=${label || nothing}>
      ${label
        ? html`<div part="heading" class="heading" role="heading" aria-level=${Math.min(6, Math.max(1, this.headingLevel))}>${label}</div>`
        : nothing}
      <div part="actions" class="actions">
        ${skill
          ? html`<button part="chat-button" class="button primary" @click=${() => this.request('chat')}>
              ${icon(chatIcon)}${this.t('contactChat')}
            </button>`
          : nothing}
        ${phone
          ? html`<button part="call-button" class="button" aria-expanded=${this.shown === 'call' ? 'true' : 'false'} @click=${() => this.request('call')}>
              ${icon(phoneIcon)}${this.t('contactCall')}
            </button>`
          : nothing}
      </div>
      ${this.shown === 'call' && phone
        ? html`<div part="call-panel" class="panel" role="status">
            <p>${this.t('contactCallHint')}</p>
            <a part="phone-link" class="phone" href=${`tel:${phone.replace(/[^\d+A-Za-z]/g, '')}`}>${this.t('contactCallNumber', { phone })}</a>
          </div>`
        : nothing}
      ${this.shown === 'chat-unavailable'
        ? html`<p part="notice" class="notice" role="status">${this.t('contactChatUnavailable')}</p>`
        : nothing}
    </section>`;
  }

  /** Asks for live help in the given mode, as the buttons do. Returns false if a listener canceled it. */
  request(mode: 'chat' | 'call'): boolean {
    const detail = {
      mode,
      remoteConnectionType: this.remoteConnectionType === 'remote' ? 'remote' : 'cobrowse',
      ...(this.skill?.trim() ? { skill: this.skill.trim() } : {}),
      ...(this.phone?.trim() ? { phone: this.phone.trim() } : {}),
      ...(this.pathId ? { pathId: this.pathId } : {}),
    } as const;
    const proceed = this.emit('nexus-live-help-request', detail, { cancelable: true });
    if (proceed) this.shown = mode === 'call' ? 'call' : 'chat-unavailable';
    return proceed;
  }
}

define('nexus-contact-us', NexusContactUs);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-contact-us': NexusContactUs;
  }
}
