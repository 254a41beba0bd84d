import { html, nothing } from 'lit';
import { property, query, state } from '../components/shared/decorators.js';
import { define } from '../components/shared/define.js';
import { NexusBase } from '../components/shared/nexus-base.js';
import { fieldStyles } from '../styles/fields.js';
import '../i18n/strings-portal.js';
import { confirmDialogStyles, portalSharedStyles } from './portal.styles.js';

/**
 * Asks before something is destroyed or ended: a modal dialog that names what will go (`target`)
 * and what happens (`message`), with Cancel and a confirm button. `ask()` opens it and resolves
 * true when the confirm button is pressed, false on Cancel or Escape.
 *
 * Keyboard: the dialog opens with the focus on Cancel (the safe choice); Tab and Shift+Tab stay
 * inside it (from the last button to the first and back); Escape cancels; on closing, the
 * focus goes back to where it was.
 *
 * @summary A confirmation dialog for destructive actions: names what will be destroyed; Escape cancels.
 * @tag nexus-confirm-dialog
 *
 * @csspart dialog - The modal `<dialog>`.
 * @csspart heading - The question.
 * @csspart target - The name of what will be destroyed or ended.
 * @csspart message - What happens when confirmed.
 * @csspart cancel-button - Cancel: nothing happens.
 * @csspart confirm-button - The button that goes ahead.
 *
 * @cssprop --nexus-confirm-dialog-width - Largest width of the dialog.
 * @cssprop --nexus-confirm-dialog-background - Background of the dialog.
 *
 * @fires nexus-confirm-close - The dialog closed: `confirmed` true for the confirm button, false for Cancel or Escape.
 */
export class NexusConfirmDialog extends NexusBase {
  static override styles = [...NexusBase.styles, fieldStyles, portalSharedStyles, confirmDialogStyles];

  /** The question, as in "Revoke this token?". */
  @property() heading = '';

  /** The name of what will be destroyed or ended, shown on its own line (a token's name, an email). */
  @property() target = '';

  /** What happens when confirmed, in a sentence. */
  @property() message = '';

  /** The confirm button's text, a verb that says what it does ("Revoke"). */
  @property({ attribute: 'confirm-label' }) confirmLabel = '';

  /** Whether the dialog is open (read-only; use `ask()`). */
  @state() private isOpen = false;

  @query('dialog') private dialog!: HTMLDialogElement | null;

  private settle?: (confirmed: boolean) => void;
  private returnFocus?: HTMLElement;

  /** Whether the dialog is open. */
  get open(): boolean {
    return this.isOpen;
  }

  /** Opens the dialog; resolves true when confirmed, false when cancelled (Cancel, Escape). */
  async ask(): Promise<boolean> {
    this.settle?.(false);
    this.returnFocus = activeElementDeep();
    this.isOpen = true;
    await this.updateComplete;
    this.dialog?.showModal();
    this.byPart('cancel-button')?.focus();
    return new Promise<boolean>((resolve) => (this.settle = resolve));
  }

  /** Closes the dialog as cancelled (nothing happens). */
  cancel(): void {
    this.close(false);
  }

  private close(confirmed: boolean) {
    if (!this.isOpen) return;
    this.dialog?.close();
    this.isOpen = false;
    const settle = this.settle;
    this.settle = undefined;
    this.returnFocus?.focus();
    this.returnFocus = undefined;
    this.emit('nexus-confirm-close', { confirmed });
    settle?.(confirmed);
  }

  private byPart(name: string) {
    return this.renderRoot.querySelector<HTMLElement>(`[part~="${name}"]`);
  }

  /** Tab from the last button goes to the first, Shift+Tab from the first to the last. */
  private onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Tab') return;
    const buttons = [this.byPart('cancel-button'), this.byPart('confirm-button')].filter((b): b is HTMLElement => b !== null);
    const current = this.renderRoot instanceof ShadowRoot ? this.renderRoot.activeElement : null;
    const [first, last] = [buttons[0], buttons[buttons.length - 1]];
    if (event.shiftKey && current === first) last.focus();
    else if (!event.shiftKey && current === last) first.focus();
    else return;
    event.preventDefault();
  };

  protected override render(): unknown {
    if (!this.isOpen) return nothing;
    return html`<dialog
      part="dialog"
      aria-labelledby="heading"
      aria-describedby=${this.target ? "target message" : "message"}
      @keydown=${this.onKeydown}
      @cancel=${(event: Event) => {
        event.preventDefault();
        this.close(false);
      }}
    >
      <h2 part="heading" id="heading">${this.heading}</h2>
      ${this.target ? html`<p part="target" id="target"><strong>${this.target}</strong></p>` : nothing}
      <p part="message" id="message" class="message">${this.message}</p>
      <div class="actions">
        <button part="cancel-button" class="button" type="button" @click=${() => this.close(false)}>${this.t('portalConfirmCancel')}</button>
        <button part="confirm-button" class="button danger" type="button" @click=${() => this.close(true)}>${this.confirmLabel}</button>
      </div>
    </dialog>`;
  }
}

/** The focused element, inside shadow roots too. */
function activeElementDeep(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}

define('nexus-confirm-dialog', NexusConfirmDialog);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-confirm-dialog': NexusConfirmDialog;
  }
}
