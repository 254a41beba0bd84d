import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
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
 * error reporting, and the reflected `state` of the elements that show states (`deriveState`).
 * `NexusElement` (the customer-side elements) and the agent console build on it.
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

  /** The state derived for the update under way or the last one (see `deriveState`). */
  private derivedState?: string;

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

  /**
   * What the element shows, for the elements whose display goes through states: each derives it
   * here from its properties and internal state, and exposes it as a read-only `state` getter
   * (returning `shownState`, typed with its own union). The base class calls it once per update,
   * after `willUpdate` (the subclasses' included) and the controllers' `hostUpdate`, before
   * `render`, and reflects the value as the `state` attribute. Undefined (the default): no state.
   */
  protected deriveState(): string | undefined {
    return undefined;
  }

  /** The state derived for this update (before the first update: derived now); render only reads it. */
  protected get shownState(): string | undefined {
    return this.derivedState ?? this.deriveState();
  }

  /** Derives the state from what this update will show, then renders; the attribute follows it. */
  protected override update(changed: PropertyValues): void {
    const [before, next] = [this.derivedState, this.deriveState()];
    this.derivedState = next;
    // Set again when something else changed the attribute; left alone on elements without states.
    if (next !== undefined && this.getAttribute('state') !== next) this.setAttribute('state', next);
    else if (next === undefined && before !== undefined) this.removeAttribute('state');
    super.update(changed);
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
