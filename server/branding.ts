/**
 * Portal branding: what a tenant's admin sets (with the CLI) and every client of the tenant reads
 * (`GET /v1/branding`). Validation lives here, so the CLI and any later admin API refuse the same
 * input with the same codes.
 */
import type { StringKey } from '../src/i18n/strings.js';
import { defaultStrings } from '../src/i18n/strings-all.js';
import type { PortalBranding } from '../src/protocol/schemas.js';
import type { Store, TenantBranding } from './store/types.js';

/** Limits of a tenant's branding. */
export const BRANDING_LIMITS = {
  /** Longest theme URL. */
  maxUrlLength: 2048,
  /** Longest overriding string, in characters. */
  maxStringLength: 500,
  /** Most locales (`*` included) with overrides. */
  maxLocales: 20,
} as const;

/** Why branding input was refused. */
export type BrandingErrorCode =
  | 'invalid_theme_url'
  | 'invalid_locale'
  | 'unknown_string_key'
  | 'invalid_string_value'
  | 'string_too_long'
  | 'unknown_placeholder'
  | 'too_many_locales';

/** Branding input that is refused: a code, a message naming the culprit, and where it was. */
export class BrandingError extends Error {
  override name = 'BrandingError';
  constructor(
    readonly code: BrandingErrorCode,
    message: string,
    /** The field (`themeUrl`), or `strings/<locale>/<key>`. */
    readonly path: string,
  ) {
    super(message);
  }
}

const HOSTS_ALLOWED_OVER_HTTP = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A theme URL as it is stored (normalized), or an error: an absolute `https:` URL, or `http:` on
 * localhost for development; no user name or password; at most BRANDING_LIMITS.maxUrlLength.
 */
export function checkThemeUrl(value: string, field: 'themeUrl' | 'stepContentThemeUrl'): string {
  const fail = (why: string) => new BrandingError('invalid_theme_url', `${field} ${why}`, field);
  if (value.length > BRANDING_LIMITS.maxUrlLength) throw fail(`is longer than ${BRANDING_LIMITS.maxUrlLength} characters`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw fail(`must be an absolute URL, not '${value.slice(0, 80)}'`);
  }
  const local = HOSTS_ALLOWED_OVER_HTTP.has(url.hostname) || url.hostname.endsWith('.localhost');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw fail(`must be an https: URL (http: only on localhost), not '${url.protocol}'`);
  }
  if (url.username || url.password) throw fail('must not hold a user name or password');
  return url.href;
}

/** A locale tag as stored: `*`, or the canonical BCP 47 form (`es-mx` → `es-MX`). */
export function checkLocale(value: string): string {
  if (value === '*') return value;
  let canonical: string | undefined;
  try {
    canonical = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$/.test(value) ? Intl.getCanonicalLocales(value)[0] : undefined;
  } catch {
    canonical = undefined;
  }
  if (!canonical) throw new BrandingError('invalid_locale', `'${value.slice(0, 40)}' is not a language tag such as fr or es-MX (or * for every locale)`, 'locale');
  return canonical;
}

const isKey = (key: string): key is StringKey => Object.prototype.hasOwnProperty.call(defaultStrings, key);
/** Placeholder names in a template: `{name}` and `{name, plural, …}`. */
const placeholders = (text: string) => new Set([...text.matchAll(/\{(\w+)\s*[,}]/g)].map((m) => m[1]));

/**
 * Checks one override: a known key, a non-empty string of at most BRANDING_LIMITS.maxStringLength
 * characters, using only the placeholders the key's English text has. Returns the placeholders
 * the English text has and this one lacks (allowed, but worth a warning).
 */
export function checkString(locale: string, key: string, value: unknown): string[] {
  const path = `strings/${locale}/${key}`;
  if (!isKey(key)) throw new BrandingError('unknown_string_key', `'${key.slice(0, 80)}' is not a key of the string catalogue`, path);
  if (typeof value !== 'string' || !value.trim()) {
    throw new BrandingError('invalid_string_value', `${key} must be a non-empty string`, path);
  }
  if (value.length > BRANDING_LIMITS.maxStringLength) {
    throw new BrandingError('string_too_long', `${key} is longer than ${BRANDING_LIMITS.maxStringLength} characters`, path);
  }
  // A count's "one" form (`pathStepsOne`) may use the count too: French says "0 étape".
  const base = key.endsWith('One') ? key.slice(0, -3) : '';
  const known = placeholders(defaultStrings[isKey(base) ? base : key]);
  const used = placeholders(value);
  const unknown = [...used].find((name) => !known.has(name));
  if (unknown) {
    const list = [...known].map((name) => `{${name}}`).join(', ') || 'none';
    throw new BrandingError('unknown_placeholder', `${key} has no {${unknown}} placeholder (it has: ${list})`, path);
  }
  return [...known].filter((name) => !used.has(name));
}

/** What to change; absent fields stay as they are, a null theme URL removes it. */
export interface BrandingChange {
  themeUrl?: string | null;
  stepContentThemeUrl?: string | null;
  applyOnMobile?: boolean;
  /** Overrides to set, by locale (`*` or a tag) and key. */
  setStrings?: Record<string, Record<string, unknown>>;
  /** Overrides to remove, by locale. */
  unsetStrings?: Record<string, string[]>;
}

/** The result of a change: the branding now, and warnings (placeholders an override leaves out). */
export interface BrandingResult {
  branding: TenantBranding;
  warnings: string[];
}

/** Validates a change completely, then applies it in one transaction; nothing is written on error. */
export async function changeBranding(store: Store, tenantId: string, change: BrandingChange): Promise<BrandingResult> {
  const warnings: string[] = [];
  const urls: Partial<Record<'themeUrl' | 'stepContentThemeUrl', string | null>> = {};
  for (const field of ['themeUrl', 'stepContentThemeUrl'] as const) {
    const value = change[field];
    if (value !== undefined) urls[field] = value === null || value === '' ? null : checkThemeUrl(value, field);
  }
  const sets: [string, Record<string, string>][] = Object.entries(change.setStrings ?? {}).map(([tag, entries]) => {
    const locale = checkLocale(tag);
    for (const [key, value] of Object.entries(entries)) {
      for (const name of checkString(locale, key, value)) warnings.push(`${key} (${locale}) leaves out the {${name}} placeholder`);
    }
    return [locale, entries as Record<string, string>];
  });
  const unsets: [string, string[]][] = Object.entries(change.unsetStrings ?? {}).map(([tag, keys]) => {
    const locale = checkLocale(tag);
    const unknown = keys.find((key) => !isKey(key));
    if (unknown !== undefined) {
      throw new BrandingError('unknown_string_key', `'${unknown.slice(0, 80)}' is not a key of the string catalogue`, `strings/${locale}/${unknown}`);
    }
    return [locale, keys];
  });

  const branding = await store.updateBranding(tenantId, (current) => {
    const strings: Record<string, Record<string, string>> = structuredClone(current.strings);
    for (const [locale, entries] of sets) strings[locale] = { ...strings[locale], ...entries };
    for (const [locale, keys] of unsets) {
      for (const key of keys) delete strings[locale]?.[key];
      if (strings[locale] && !Object.keys(strings[locale]).length) delete strings[locale];
    }
    if (Object.keys(strings).length > BRANDING_LIMITS.maxLocales) {
      throw new BrandingError('too_many_locales', `at most ${BRANDING_LIMITS.maxLocales} locales may have string overrides`, 'strings');
    }
    return {
      ...current,
      ...urls,
      applyOnMobile: change.applyOnMobile ?? current.applyOnMobile,
      strings,
    };
  });
  return { branding, warnings };
}

/** The branding as clients receive it. */
export function toPortalBranding(branding: TenantBranding): PortalBranding {
  return {
    themeUrl: branding.themeUrl,
    stepContentThemeUrl: branding.stepContentThemeUrl,
    applyOnMobile: branding.applyOnMobile,
    strings: branding.strings,
    updatedAt: branding.updatedAt,
  };
}
