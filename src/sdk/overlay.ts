import { html } from 'lit';
import { property, query } from '../components/shared/decorators.js';
import { define } from '../components/shared/define.js';
import { closeIcon, icon } from '../components/shared/icons.js';
import { NexusElement } from '../components/shared/nexus-element.js';
import { overlayStyles } from './overlay.styles.js';

/**
 * A modal panel over the page, for what the `NexusConnectSDK` script shows when a call is given
 * no container. It is a native modal `<dialog>`: the rest of the page is inert while it is open,
 * so focus stays inside; Escape and the close button close it; focus then returns to what had it
 * before. The content goes in the default slot.
 *
 * @summary The SDK's modal overlay for self help and live help without a container.
 * @tag nexus-overlay
 *
 * @slot - What the overlay shows.
 *
 * @csspart dialog - The dialog box.
 * @csspart header - The bar with the title and the close button.
 * @csspart title - The title.
 * @csspart close-button - Closes the overlay.
 * @csspart body - The scrolling area around the content.
 *
 * @cssprop --nexus-overlay-width - Width of the dialog (default: up to 40rem, within the viewport).
 * @cssprop --nexus-overlay-backdrop - Colour of the backdrop behind the dialog.
 *
 * @fires nexus-overlay-close - The overlay closed (Escape, the close button, or `close()`).
 */
export class NexusOverlay extends NexusElement {
  static override styles = [...NexusElement.styles, overlayStyles];

  protected override needsClient = false;

  /** The dialog's accessible title (default: the `overlayLabel` string, "Help"). */
  @property() label?: string;

  @query('dialog') private dialog?: HTMLDialogElement;
  private returnFocus?: HTMLElement;

  /** Whether the overlay is showing. */
  get open(): boolean {
    return this.dialog?.open ?? false;
  }

  /** Shows the overlay as a modal dialog and moves focus into it. */
  async show(): Promise<void> {
    await this.updateComplete;
    if (!this.dialog || this.dialog.open) return;
    this.returnFocus = deepActiveElement();
    this.dialog.showModal();
  }

  /** Closes the overlay; focus returns to where it was before it opened. */
  close(): void {
    if (this.dialog?.open) this.dialog.close();
  }

  protected override renderContent() {
    const title = this.label ?? this.t('overlayLabel');
    return html`<dialog part="dialog" aria-labelledby="title" @close=${this.onClose}>
      <div part="header" class="header">
        <h2 part="title" class="title" id="title">${title}</h2>
        <button part="close-button" class="close" type="button" aria-label=${this.t('overlayClose')} title=${this.t('overlayClose')} @click=${() => this.close()}>
          ${icon(closeIcon)}
        </button>
      </div>
      <div part="body" class="body"><slot></slot></div>
    </dialog>`;
  }

  private onClose(): void {
    const target = this.returnFocus;
    this.returnFocus = undefined;
    if (target?.isConnected) target.focus();
    this.emit('nexus-overlay-close', {});
  }
}

/** The focused element, looking inside shadow roots. */
function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement && active !== document.body ? active : undefined;
}

define('nexus-overlay', NexusOverlay);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-overlay': NexusOverlay;
  }
}
