import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { contactStrings } from '../i18n/strings-contact.js';
import { guideStrings } from '../i18n/strings-guide.js';
import { liveStrings } from '../i18n/strings-live.js';
import { coreStrings, template, type StringKey } from '../i18n/strings.js';
import type { Translate } from './error-text.js';

// Settings > Self-Support Branding > Strings Customization: the catalogue customers see, each key
// with its default text in the chosen locale and a field for the override (<nexus-portal-branding>).

/**
 * The keys a tenant may customize: the strings of the elements its customers see (self help,
 * the guided path, contact us, live help and chat). The agent console's and the portal's own
 * strings are staff-side and not customized.
 */
export const CUSTOMER_KEYS = Object.keys({ ...coreStrings, ...guideStrings, ...contactStrings, ...liveStrings }) as StringKey[];

/** The locales an override is for: every locale (`*`), English, and the four shipped ones. */
export const BRANDING_LOCALES = ['*', 'en', 'ar', 'de', 'es', 'fr'] as const;
export type BrandingLocale = (typeof BRANDING_LOCALES)[number];

/** A locale's name in the portal's language (`*`: "All locales"). */
export function localeName(t: Translate, locale: BrandingLocale, lang: string): string {
  if (locale === '*') return t('portalBrandingLocaleAll');
  try {
    return new Intl.DisplayNames([lang], { type: 'language' }).of(locale) ?? locale;
  } catch {
    return locale;
  }
}

/** The language a locale's defaults and preview show in (`*`: English). */
export const localeLang = (locale: BrandingLocale) => (locale === '*' ? 'en' : locale);

/** The default text of a key in a locale: the shipped catalogue (loaded by the page), else English. */
export const defaultText = (key: StringKey, locale: BrandingLocale) => template(key, {}, localeLang(locale));

/** Keys whose key or default text holds the filter (case-insensitive). */
export function filterKeys(filter: string, locale: BrandingLocale, saved: Readonly<Record<string, string>>): StringKey[] {
  const needle = filter.trim().toLowerCase();
  if (!needle) return CUSTOMER_KEYS;
  return CUSTOMER_KEYS.filter((key) => [key, defaultText(key, locale), saved[key] ?? ''].some((text) => text.toLowerCase().includes(needle)));
}

/** Server warnings about one override (`searchPlaceholder (fr) leaves out the {x} placeholder`), by locale and key. */
export function warningsFor(warnings: readonly string[], locale: string, key: string): string[] {
  return warnings.filter((warning) => warning.startsWith(`${key} (${locale}) `));
}

export interface StringsSection {
  locale: BrandingLocale;
  filter: string;
  /** The saved overrides of the locale. */
  saved: Readonly<Record<string, string>>;
  /** What the fields hold that is not saved yet, by key. */
  edits: ReadonlyMap<string, string>;
  warnings: readonly string[];
  readOnly: boolean;
  busy: boolean;
  lang: string;
  setLocale(locale: BrandingLocale): void;
  setFilter(filter: string): void;
  edit(key: StringKey, value: string): void;
  reset(key: StringKey): void;
}

/** One key: its default, its override field, "customized", Reset to default, the server's warnings. */
function renderKey(t: Translate, s: StringsSection, key: StringKey): TemplateResult {
  const saved = s.saved[key];
  const value = s.edits.get(key) ?? saved ?? '';
  const warnings = warningsFor(s.warnings, s.locale, key);
  const ids = [`default-${key}`, warnings.length ? `warn-${key}` : ''].filter(Boolean).join(' ');
  return html`<li part="string-row" class="string-row" data-key=${key}>
    <label for="string-${key}"><code>${key}</code></label>
    ${saved !== undefined ? html`<span part="customized" class="badge">${t('portalBrandingCustomized')}</span>` : nothing}
    <p id="default-${key}" class="muted">${t('portalBrandingDefault', { text: defaultText(key, s.locale) })}</p>
    <input
      part="string-input"
      id="string-${key}"
      type="text"
      .value=${value}
      ?readonly=${s.readOnly}
      aria-describedby=${ids}
      @input=${(e: Event) => s.edit(key, (e.target as HTMLInputElement).value)}
    />
    ${saved !== undefined && !s.readOnly
      ? html`<button part="string-reset-button" class="button" type="button" ?disabled=${s.busy} @click=${() => s.reset(key)}>
          ${t('portalBrandingResetString')}<span class="visually-hidden"> ${key}</span>
        </button>`
      : nothing}
    ${warnings.length ? html`<p part="string-warning" id="warn-${key}" class="inline-error">${warnings.join(' ')}</p>` : nothing}
  </li>`;
}

/** The Strings Customization section: locale picker, filter, and a field per key. */
export function renderStrings(t: Translate, s: StringsSection): TemplateResult {
  const keys = filterKeys(s.filter, s.locale, s.saved);
  return html`<section part="strings" class="form wide" aria-labelledby="strings-heading">
    <h2 id="strings-heading">${t('portalBrandingStringsHeading')}</h2>
    <p class="muted">${t('portalBrandingStringsHint')}</p>
    <div class="controls">
      <label for="strings-locale">${t('portalBrandingLocale')}</label>
      <select part="locale-select" id="strings-locale" @change=${(e: Event) => s.setLocale((e.target as HTMLSelectElement).value as BrandingLocale)}>
        ${BRANDING_LOCALES.map((locale) => html`<option value=${locale} ?selected=${locale === s.locale}>${localeName(t, locale, s.lang)}</option>`)}
      </select>
      <label for="strings-filter">${t('portalBrandingFilter')}</label>
      <input part="filter-input" id="strings-filter" type="search" .value=${s.filter} aria-describedby="strings-count" @input=${(e: Event) => s.setFilter((e.target as HTMLInputElement).value)} />
      <p id="strings-count" part="strings-count" class="muted" role="status">${t('portalBrandingFilterCount', { count: keys.length, total: CUSTOMER_KEYS.length })}</p>
    </div>
    <ul part="string-list" class="string-list">
      ${repeat(keys, (key) => key, (key) => renderKey(t, s, key))}
    </ul>
  </section>`;
}
