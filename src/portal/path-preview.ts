import { css, html, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { property, state } from '../components/shared/decorators.js';
import { define } from '../components/shared/define.js';
import { NexusBase } from '../components/shared/nexus-base.js';
import '../components/guided-path/guided-path.js';
import type { GuidedPath } from '../protocol/schemas.js';
import '../i18n/strings-portal.js';

/** The widths a path is previewed at. */
export type PreviewWidth = 'phone' | 'desktop';

/** How wide each preview width is (the desktop one: up to the space there is). */
const WIDTHS: Record<PreviewWidth, string> = { phone: '23.4375rem', desktop: '64rem' };

/**
 * The events `<nexus-guided-path>` fires as a visitor walks it: in a preview they are the author's
 * clicks, not a visitor's, so they stop at the preview.
 */
const WALK_EVENTS = ['nexus-path-open', 'nexus-step-change', 'nexus-resolved', 'nexus-escalate', 'nexus-height-change', 'nexus-error'] as const;

/**
 * A guided path as customers will see it, before it is published: a real `<nexus-guided-path>`
 * given the path's document (the draft being edited), with the tenant's theme and step-content
 * theme and its customized strings, at a phone's width (375 CSS pixels) or a desktop's. The author
 * walks it as a visitor would; Start again goes back to the first step. The walk's events stop
 * here, so nothing is recorded and nothing around it reacts.
 *
 * @summary A guided path previewed as customers will see it, at phone and desktop widths.
 * @tag nexus-path-preview
 *
 * @attr width - `phone` or `desktop` (the default); the buttons above the preview change it.
 * @attr theme-url - The tenant's theme stylesheet, as the customer elements take it.
 * @attr step-content-theme-url - The tenant's step-content theme stylesheet.
 *
 * @csspart widths - The group of width buttons.
 * @csspart width-button - A width button (`aria-pressed`).
 * @csspart restart-button - Start again.
 * @csspart frame - The box of the chosen width the path is shown in.
 * @csspart path - The `<nexus-guided-path>` (its parts are exported as `path-*`).
 * @csspart empty - Said when there is no path to preview.
 *
 * @cssprop --nexus-path-preview-frame-background - Around the previewed path (the page behind it).
 */
export class NexusPathPreview extends NexusBase {
  static override styles = [
    ...NexusBase.styles,
    css`
      @layer nexus {
        :host {
          display: block;
          --nexus-path-preview-frame-background: var(--_nexus-color-surface-raised);
        }
        .bar {
          display: flex;
          flex-wrap: wrap;
          align-items: center;
          gap: var(--_nexus-space-small);
          margin-block-end: var(--_nexus-space-small);
        }
        .widths {
          display: flex;
          gap: var(--_nexus-space-x-small);
        }
        .button[aria-pressed='true'] {
          border-color: var(--_nexus-color-primary);
          color: var(--_nexus-color-primary);
        }
        .stage {
          padding: var(--_nexus-space-medium);
          background: var(--nexus-path-preview-frame-background);
          border-radius: var(--_nexus-radius-medium);
          overflow-x: auto;
        }
        .frame {
          margin-inline: auto;
          max-inline-size: 100%;
          background: var(--_nexus-color-surface);
          border: 1px solid var(--_nexus-color-border);
          border-radius: var(--_nexus-radius-medium);
          padding: var(--_nexus-space-medium);
          box-sizing: border-box;
        }
        .empty {
          margin: 0;
          color: var(--_nexus-color-text-muted);
        }
      }
    `,
  ];

  /** The path to show (a draft's document, for example). */
  @property({ attribute: false }) path?: GuidedPath;

  /** The width it is shown at. */
  @property({ reflect: true }) width: PreviewWidth = 'desktop';

  /** The tenant's step-content theme stylesheet. */
  @property({ attribute: 'step-content-theme-url' }) stepContentThemeUrl?: string;

  /** Counts Start again: a new count is a new `<nexus-guided-path>`, at its first step. */
  @state() private walk = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    // The shadow root exists now: the walk's events stop at it.
    for (const name of WALK_EVENTS) this.shadowRoot?.addEventListener(name, stop);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const name of WALK_EVENTS) this.shadowRoot?.removeEventListener(name, stop);
  }

  private choose(width: PreviewWidth) {
    this.width = width;
  }

  protected override render(): TemplateResult {
    if (!this.path?.steps.length) return html`<p part="empty" class="empty">${this.t('portalPreviewEmpty')}</p>`;
    const widths: PreviewWidth[] = ['phone', 'desktop'];
    return html`<div class="bar">
        <div part="widths" class="widths" role="group" aria-label=${this.t('portalPreviewWidth')}>
          ${widths.map(
            (width) => html`<button part="width-button" class="button" type="button" data-width=${width} aria-pressed=${this.width === width ? 'true' : 'false'} @click=${() => this.choose(width)}>
              ${this.t(width === 'phone' ? 'portalPreviewPhone' : 'portalPreviewDesktop')}
            </button>`,
          )}
        </div>
        <button part="restart-button" class="button" type="button" @click=${() => this.walk++}>${this.t('portalPreviewRestart')}</button>
      </div>
      <div class="stage">
        <div part="frame" class="frame" style="inline-size: ${WIDTHS[this.width]}">
          ${keyed(
            this.walk,
            html`<nexus-guided-path
              part="path"
              exportparts=${PATH_PARTS}
              .path=${this.path}
              heading-level="3"
              theme-url=${ifDefined(this.themeUrl)}
              step-content-theme-url=${ifDefined(this.stepContentThemeUrl)}
              .strings=${this.strings}
            ></nexus-guided-path>`,
          )}
        </div>
      </div>`;
  }
}

const stop = (event: Event) => event.stopPropagation();

/** `<nexus-guided-path>`'s parts, exported as `path-*`. */
const PATH_PARTS = ['base', 'header', 'title', 'progress', 'step', 'step-title', 'step-body', 'choices', 'choice', 'nav', 'back-button', 'next-button', 'feedback', 'outcome']
  .map((name) => `${name}: path-${name}`)
  .join(', ');

define('nexus-path-preview', NexusPathPreview);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-path-preview': NexusPathPreview;
  }
}
