import { html, type PropertyValues } from 'lit';
import { property } from '../shared/decorators.js';
import type { NexusClient } from '../../core/client.js';
import { define } from '../shared/define.js';
import { NexusElement } from '../shared/nexus-element.js';
import { providerStyles } from './provider.styles.js';

/**
 * Shares one Nexus Cloud client with every Nexus element inside it, so that they share one
 * cache, one context outbox and one theme.
 *
 * @summary Connects the Nexus elements inside it to a Nexus Cloud server.
 * @tag nexus-provider
 *
 * @slot - Nexus elements, and any other content.
 *
 * @fires nexus-error - A background operation failed (for example context delivery) or the `server`/`token` pair is unusable.
 */
export class NexusProvider extends NexusElement {
  static override styles = [...NexusElement.styles, providerStyles];

  /** URL of a stylesheet for the HTML inside guided-path steps. */
  @property({ attribute: 'step-content-theme-url' }) stepContentThemeUrl?: string;

  private unsubscribeErrors?: () => void;
  private watched?: NexusClient;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribeErrors?.();
    this.unsubscribeErrors = this.watched = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.client;
    if (client !== this.watched) {
      this.unsubscribeErrors?.();
      this.watched = client;
      this.unsubscribeErrors = client?.on('error', (error) => this.reportError(error));
    }
    if (client && (changed.has('themeUrl') || changed.has('stepContentThemeUrl') || changed.has('server') || changed.has('token'))) {
      const branding: { themeUrl?: string; stepContentThemeUrl?: string } = {};
      if (this.themeUrl !== undefined) branding.themeUrl = this.themeUrl;
      if (this.stepContentThemeUrl !== undefined) branding.stepContentThemeUrl = this.stepContentThemeUrl;
      if (Object.keys(branding).length) client.setBranding(branding);
    }
  }

  /** The provider only hosts its children; the theme applies inside them. */
  protected override render() {
    return html`<slot></slot>`;
  }
}

define('nexus-provider', NexusProvider);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-provider': NexusProvider;
  }
}
