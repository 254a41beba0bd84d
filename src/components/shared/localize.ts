/**
 * Locale and direction of each element, as Shoelace's localize does it: an element follows the
 * closest `lang` (its own attribute, else the nearest ancestor's, across shadow roots, else
 * `<html lang>`, else English) and the closest `dir` (likewise; with none anywhere, the natural
 * direction of its language). One shared MutationObserver re-renders every element when a `lang`
 * or `dir` attribute changes in the document. The shipped catalogues load on demand.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  canonicalLang,
  count,
  formatNumber,
  formatSize,
  formatTime,
  hasLocale,
  langDir,
  msg,
  onStringsChange,
  registerLocale,
  type LocaleDefinition,
  type StringKey,
  type StringOverrides,
  type Strings,
} from '../../i18n/strings.js';

type Host = ReactiveControllerHost & HTMLElement;

const hosts = new Set<Host>();
const requestAll = () => hosts.forEach((host) => host.requestUpdate());
onStringsChange(requestAll);

/** The catalogues shipped with the library, each a chunk of its own, loaded the first time an element needs it. */
const loaders: Record<string, () => Promise<{ default: LocaleDefinition }>> = {
  ar: () => import('../../i18n/locales/ar.js'),
  de: () => import('../../i18n/locales/de.js'),
  es: () => import('../../i18n/locales/es.js'),
  fr: () => import('../../i18n/locales/fr.js'),
};
const loading = new Map<string, Promise<void>>();

/**
 * Loads the shipped catalogue of a language (`fr`, or `fr-CA` for French) unless one is
 * registered. Resolves when it is ready (at once for English and for languages not shipped).
 */
export function loadLocale(lang: string): Promise<void> {
  const base = canonicalLang(lang).split('-')[0].toLowerCase();
  const loader = loaders[base];
  if (!loader || hasLocale(base)) return Promise.resolve();
  let pending = loading.get(base);
  if (!pending) {
    pending = loader().then(
      (module) => registerLocale(module.default),
      (error) => console.warn(`Nexus Connect: no "${base}" strings (${error}); showing English.`),
    );
    loading.set(base, pending);
  }
  return pending;
}

let observer: MutationObserver | undefined;

/** Watches `lang` and `dir` in the document, and on the host itself when it sits in a shadow root. */
function observe(host: Host): void {
  if (typeof MutationObserver === 'undefined') return;
  const options: MutationObserverInit = { attributes: true, attributeFilter: ['lang', 'dir'] };
  if (!observer) {
    observer = new MutationObserver(requestAll);
    observer.observe(document.documentElement, { ...options, subtree: true });
  }
  if (host.getRootNode() !== document) observer.observe(host, options);
}

/** The closest value of `lang` or `dir` (a valid one, for `dir`) from `from` up, across shadow roots. */
function closest(from: Element, name: 'lang' | 'dir', skip?: Element): string {
  for (let node: Node | null = from; node; node = node instanceof ShadowRoot ? node.host : node.parentNode) {
    if (!(node instanceof Element) || node === skip) continue;
    const value = node.getAttribute(name)?.trim().toLowerCase();
    if (value && (name === 'lang' || value === 'ltr' || value === 'rtl')) return value;
  }
  return '';
}

/**
 * Gives an element its locale (`lang`), direction (`dir`) and strings (`msg`, `count`), and
 * re-renders it when any of them changes. `overrides` returns the element's own strings and the
 * tenant's (portal) strings, which take precedence over the locale's catalogue.
 */
export class LocalizeController implements ReactiveController {
  /** The element's language tag, canonical (`es-MX`); `en` when nothing says otherwise. */
  lang = 'en';
  /** The element's writing direction. */
  dir: 'ltr' | 'rtl' = 'ltr';
  /** Whether this controller set the host's `dir` (from the language, as no `dir` was set anywhere). */
  private autoDir = false;

  constructor(
    private readonly host: Host,
    private readonly overrides: () => [Strings?, StringOverrides?] = () => [],
  ) {
    host.addController(this);
  }

  /** Joins the elements that re-render on locale changes. */
  hostConnected(): void {
    hosts.add(this.host);
    observe(this.host);
  }

  /** Leaves them. */
  hostDisconnected(): void {
    hosts.delete(this.host);
  }

  /** Before each render: the closest `lang` and `dir`, the catalogue, and the natural direction. */
  hostUpdate(): void {
    const host = this.host;
    if (this.autoDir && host.getAttribute('dir') !== 'rtl') this.autoDir = false;
    this.lang = canonicalLang(closest(host, 'lang'));
    void loadLocale(this.lang);
    const explicit = closest(host, 'dir', this.autoDir ? host : undefined);
    const auto = !explicit && langDir(this.lang) === 'rtl';
    this.dir = (explicit || (auto ? 'rtl' : 'ltr')) as 'ltr' | 'rtl';
    if (auto !== this.autoDir) {
      this.autoDir = auto;
      if (auto) host.setAttribute('dir', 'rtl');
      else host.removeAttribute('dir');
    }
  }

  /** A string in the element's locale, with its overrides, placeholders filled. */
  msg(key: StringKey, values: Record<string, string | number> = {}): string {
    const [local, tenant] = this.overrides();
    return msg(key, values, local, this.lang, tenant);
  }

  /** A count string in the element's locale (see `count` in strings.ts). */
  count(key: StringKey, oneKey: StringKey, n: number): string {
    const [local, tenant] = this.overrides();
    return count(key, oneKey, n, local, this.lang, tenant);
  }

  /** A number for the element's locale. */
  number(n: number): string {
    return formatNumber(n, this.lang);
  }

  /** A time (with the date when it is not today) for the element's locale. */
  time(at: number, now?: number): string {
    return formatTime(at, now, this.lang);
  }

  /** A file size for the element's locale. */
  size(bytes: number): string {
    return formatSize(bytes, this.lang);
  }
}
