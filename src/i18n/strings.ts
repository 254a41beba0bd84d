/**
 * The English catalogue of self help and what every element shares. The strings of the elements
 * that load on demand are in their own modules, registered by the modules that use them, so a
 * page loads only the strings of its elements: the guided path's (./strings-guide.ts), contact
 * us's (./strings-contact.ts), live help and chat's (./strings-live.ts) and the agent console's
 * (./strings-agent.ts), the portal's (./strings-portal.ts); ./strings-all.ts has them all. English is the fallback of
 * every other locale. `{name}` placeholders are filled from the values passed to `msg()`, numbers
 * formatted for the locale; `{count, plural, one {# guide} other {# guides}}` picks a form by the
 * locale's plural rules (`#` is the number). See docs/theming.md for the keys and how overrides
 * stack up.
 */
import type { agentStrings } from './strings-agent.js';
import type { portalStrings } from './strings-portal.js';
import type { contactStrings } from './strings-contact.js';
import type { guideStrings } from './strings-guide.js';
import type { liveStrings } from './strings-live.js';

export const coreStrings = {
  loading: 'Loading…',
  retry: 'Try again',
  errorNetwork: 'We could not reach the support service. Check your connection and try again.',
  errorUnauthorized: 'This help widget is not authorized (its application token was refused).',
  errorNotFound: 'We could not find that help topic.',
  errorGeneric: 'Something went wrong while loading help.',
  errorConfig: 'This help widget is not configured: it needs a server and an application token.',

  searchLabel: 'Search help',
  searchPlaceholder: 'Describe your problem',
  searchSubmit: 'Search',
  searchClear: 'Clear search',
  searching: 'Searching…',
  searchNoResults: 'No help topics match “{query}”.',
  searchResultCount: '{count} help topics found',
  searchResultCountOne: '1 help topic found',
  searchResultsFor: 'Results for “{query}”',
  searchSuggestions: 'Suggested help topics',
  searchResultsClear: 'Back to suggestions',

  categoriesHeading: 'Browse by topic',
  categoriesEmpty: 'There are no help topics yet.',
  categoryPathCount: '{count} guides',
  categoryPathCountOne: '1 guide',
  categoryBack: 'All topics',

  pathsRecommended: 'Recommended for you',
  pathsForTags: 'Related help',
  pathsEmpty: 'There are no help topics here yet.',
  pathSteps: '{count} steps',
  pathStepsOne: '1 step',

  guidedPath: 'Guided path',
  guideClose: 'Back to help',

  // The overlay of the NexusConnectSDK script, when a call has no container
  overlayLabel: 'Help',
  overlayClose: 'Close',
} as const;

/** Every English string, by key. */
export type DefaultStrings = typeof coreStrings &
  typeof guideStrings &
  typeof contactStrings &
  typeof liveStrings &
  typeof agentStrings &
  typeof portalStrings;
/** A key of the string catalogue. */
export type StringKey = keyof DefaultStrings;
/** Some strings of the catalogue, by key: the shape of every override. */
export type Strings = Partial<Record<StringKey, string>>;
/** A complete catalogue: every key, so that a locale missing one does not compile. */
export type Catalogue = Record<StringKey, string>;
/**
 * String overrides by locale: a BCP 47 tag (`fr`, `es-MX`) or `*` for every locale. A tag also
 * covers its regions (`es` applies to `es-MX`); the most specific tag wins.
 */
export type StringOverrides = Readonly<Record<string, Strings>>;

/** A locale the elements can show: its language tag, writing direction and strings. */
export interface LocaleDefinition {
  /** BCP 47 language tag, for example `fr` or `pt-BR`. */
  lang: string;
  /** Writing direction of the language (default: `rtl` for Arabic, Hebrew, Persian, Urdu…, else `ltr`). */
  dir?: 'ltr' | 'rtl';
  /** The strings; missing keys fall back to the language without its region, then to English. */
  strings: Strings;
}

/** The English strings of the modules loaded so far (see `registerEnglish`). */
const english: Strings = { ...coreStrings };

/** Adds English strings of a group of elements (called once by the module that holds them). */
export function registerEnglish(strings: Strings): void {
  Object.assign(english, strings);
}

const locales = new Map<string, LocaleDefinition>();
const pageStrings: Record<string, Strings> = {};
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

/** Calls `listener` whenever locales or page strings change; returns the unsubscribe function. */
export function onStringsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The canonical form of a language tag (`EN-us` → `en-US`), or `en` for something that is not one. */
export function canonicalLang(tag: string | null | undefined): string {
  try {
    return Intl.getCanonicalLocales(tag || 'en')[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** A tag and its shorter forms, lower-case, most specific first: `es-MX` → `es-mx`, `es`. */
export function langChain(lang: string): string[] {
  const parts = lang.toLowerCase().split('-');
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('-'));
}

/**
 * Makes a locale available to every element (the shipped ones load on demand; this makes one
 * ready at once, or adds another language). Registering a tag again replaces it.
 */
export function registerLocale(locale: LocaleDefinition): void {
  if (!locale || typeof locale.lang !== 'string' || typeof locale.strings !== 'object') {
    throw new TypeError('registerLocale() takes { lang, strings, dir? }');
  }
  locales.set(canonicalLang(locale.lang).toLowerCase(), locale);
  notify();
}

/** Whether strings for this language (or its base language) are registered; English always is. */
export function hasLocale(lang: string): boolean {
  return langChain(lang).some((tag) => tag === 'en' || locales.has(tag));
}

/** Writing direction of a language: the registered locale's, else by its script. */
export function langDir(lang: string): 'ltr' | 'rtl' {
  for (const tag of langChain(lang)) {
    const dir = locales.get(tag)?.dir;
    if (dir) return dir;
  }
  return /^(ar|arc|ckb|dv|fa|he|iw|ks|ku-arab|ps|sd|ug|ur|yi)(-|$)/i.test(lang) ? 'rtl' : 'ltr';
}

/**
 * Overrides strings for every element on the page, merged with earlier overrides; elements
 * re-render. With `lang` (`fr`, `es-MX`) they apply only where the element's locale is that
 * language (or a region of it); without, in every locale. A key set to `undefined` drops the
 * page's override of it.
 */
export function setStrings(strings: Strings, lang = '*'): void {
  const tag = lang === '*' ? lang : canonicalLang(lang).toLowerCase();
  pageStrings[tag] = { ...pageStrings[tag], ...strings };
  notify();
}

const pluralCache = new Map<string, Intl.PluralRules>();
const numberCache = new Map<string, Intl.NumberFormat>();
const cached = <T>(cache: Map<string, T>, key: string, make: () => T): T => {
  let value = cache.get(key);
  if (!value) cache.set(key, (value = make()));
  return value;
};

/** A number written for the locale. */
export function formatNumber(n: number, lang = 'en'): string {
  return cached(numberCache, lang, () => new Intl.NumberFormat(lang)).format(n);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A time of day for today's events, with the date for older ones, in `lang` (default: the browser's). */
export function formatTime(at: number, now = Date.now(), lang?: string): string {
  const date = new Date(at);
  const withDate = new Date(now).toDateString() !== date.toDateString();
  const options: Intl.DateTimeFormatOptions = withDate ? { dateStyle: 'medium', timeStyle: 'short' } : { hour: '2-digit', minute: '2-digit' };
  return cached(dateFormats, `${lang}|${withDate}`, () => new Intl.DateTimeFormat(lang, options)).format(date);
}

/** A file size in B, kB or MB, the number written for `lang` (default: the browser's locale). */
export function formatSize(bytes: number, lang?: string): string {
  const n = (value: number) => value.toLocaleString(lang, { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${n(bytes)} B`;
  if (bytes < 1024 * 1024) return `${n(bytes / 1024)} kB`;
  return `${n(bytes / 1_048_576)} MB`;
}

function pluralCategory(n: number, lang: string): string {
  return cached(pluralCache, lang, () => new Intl.PluralRules(lang)).select(n);
}

/** The first value of `key` in an override layer, most specific tag first, then `*`. */
function fromLayer(layer: StringOverrides | undefined, chain: string[], key: StringKey): string | undefined {
  if (!layer) return undefined;
  for (const tag of [...chain, '*']) {
    const value = layer[tag]?.[key];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/**
 * The template of a key before its placeholders are filled: element overrides, then the page's
 * (`setStrings`), then the tenant's (portal branding), then the locale's catalogue, then English.
 */
export function template(key: StringKey, local: Strings = {}, lang = 'en', tenant?: StringOverrides): string {
  const chain = langChain(lang);
  const own = local[key];
  if (typeof own === 'string') return own;
  const overridden = fromLayer(pageStrings, chain, key) ?? fromLayer(tenant, chain, key);
  if (overridden !== undefined) return overridden;
  for (const tag of chain) {
    const value = locales.get(tag)?.strings[key];
    if (typeof value === 'string') return value;
  }
  return english[key] ?? key;
}

const PLACEHOLDER = /\{(\w+)(?:\s*,\s*plural\s*,((?:[^{}]|\{[^{}]*\})*))?\}/g;

/** Fills `{name}` and `{name, plural, …}` placeholders; unknown names stay as they are. */
export function fill(text: string, values: Record<string, string | number>, lang = 'en'): string {
  return text.replace(PLACEHOLDER, (whole, name: string, forms?: string) => {
    if (!(name in values)) return whole;
    const value = values[name];
    if (forms === undefined) return typeof value === 'number' ? formatNumber(value, lang) : String(value);
    const n = Number(value);
    const branches: Record<string, string> = {};
    for (const [, selector, branch] of forms.matchAll(/(=?\w+)\s*\{([^{}]*)\}/g)) branches[selector] = branch;
    const branch = branches[`=${n}`] ?? branches[pluralCategory(n, lang)] ?? branches.other ?? '';
    return branch.replace(/#/g, formatNumber(n, lang));
  });
}

/** Looks a string up (see `template` for the order) and fills its placeholders. */
export function msg(
  key: StringKey,
  values: Record<string, string | number> = {},
  local: Strings = {},
  lang = 'en',
  tenant?: StringOverrides,
): string {
  return fill(template(key, local, lang, tenant), values, lang);
}

/**
 * A count string: `oneKey` where the locale's plural rules say "one" (1 in English; 0 and 1 in
 * French, when that string has a `{count}`), else `key`, whose template may hold a plural form.
 */
export function count(
  key: StringKey,
  oneKey: StringKey,
  n: number,
  local: Strings = {},
  lang = 'en',
  tenant?: StringOverrides,
): string {
  const one = template(oneKey, local, lang, tenant);
  const useOne = pluralCategory(n, lang) === 'one' && (n === 1 || one.includes('{count'));
  return fill(useOne ? one : template(key, local, lang, tenant), { count: n }, lang);
}
