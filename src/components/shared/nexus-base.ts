import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property } from './decorators.js';
import { NexusError, isAbort } from '../../core/errors.js';
import { baseStyles } from '../../styles/base.js';
import { tokenStyles } from '../../styles/tokens.js';
import type { NexusEventDetails } from './events.js';
import { LocalizeController } from './localize.js';
import type { StringKey, StringOverrides, Strings } from '../../i18n/strings.js';

/** A bubbling, composed `nexus-*` event (built here, outside the classes, so that the manifest
 * analyzer lists only the events each element documents with its fires tags). */
function nexusEvent<K extends keyof NexusEventDetails>(name: K, detail: NexusEventDetails[K], cancelable: boolean) {
  return new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable });
}

/**
 * What every Nexus element has, whatever client it talks through: the theme stylesheet and the
 * `theme-url` attribute, the closest `lang` and `dir` with string overrides, typed `emit()` and
 * error reporting. `NexusElement` (the customer-side elements) and the agent console build on it.
 */
export class NexusBase extends LitElement {
  static override styles = [tokenStyles, baseStyles];

  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   */
  @property({ attribute: 'theme-url' }) themeUrl?: string;

  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  @property({ attribute: false }) strings: Strings = {};

  /** Locale, direction and strings of this element (see localize.ts). */
  protected readonly localize = new LocalizeController(this, () => this.stringSources());

  /** The element's own string overrides and the tenant's (portal) ones by locale; the locale's catalogue comes after. */
  protected stringSources(): [Strings?, StringOverrides?] {
    return [this.strings];
  }

  /** A string in this element's locale, with the overrides that apply to it. */
  protected t(key: StringKey, values: Record<string, string | number> = {}): string {
    return this.localize.msg(key, values);
  }

  /** A count string in this element's locale: `oneKey` for the "one" plural form, else `key`. */
  protected count(key: StringKey, oneKey: StringKey, n: number): string {
    return this.localize.count(key, oneKey, n);
  }

  /** Dispatches a bubbling, composed `nexus-*` event; returns false if it was canceled. */
  emit<K extends keyof NexusEventDetails>(
    name: K,
    detail: NexusEventDetails[K],
    options: { cancelable?: boolean } = {},
  ): boolean {
    return this.dispatchEvent(nexusEvent(name, detail, options.cancelable ?? false));
  }

  /** Emits `nexus-error` for a failure (aborts are not failures and are ignored). */
  protected reportError(error: unknown): void {
    if (isAbort(error)) return;
    const e = error instanceof NexusError ? error : new NexusError('internal_error', String(error));
    this.emit('nexus-error', { code: e.code, message: e.message, status: e.status, source: this.localName });
  }

  /** The theme stylesheet's link, when there is one. */
  protected themeLink(url: string | undefined): TemplateResult | typeof nothing {
    return url ? html`<link rel="stylesheet" href=${url} />` : nothing;
  }
}
