import { expect, fixture, html } from '@open-wc/testing';
import { testClient, waitUntil } from '../../../test/browser/env.js';
import type { PathSummary } from '../../protocol/schemas.js';
import ar from '../../i18n/locales/ar.js';
import de from '../../i18n/locales/de.js';
import es from '../../i18n/locales/es.js';
import fr from '../../i18n/locales/fr.js';
import '../contact-us/contact-us.js';
import type { NexusContactUs } from '../contact-us/contact-us.js';
import '../path-list/path-list.js';
import type { NexusPathList } from '../path-list/path-list.js';
import type { NexusSelfHelp } from '../self-help/self-help.js';
import '../self-help/self-help.js';
import '../../agent/console/agent-console.js';
import { loadLocale } from './localize.js';
import { count, formatSize, formatTime, hasLocale, msg, registerLocale, setStrings, type StringKey } from '../../i18n/strings.js';
import { defaultStrings } from '../../i18n/strings-all.js';

const root = document.documentElement;
const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
const text = (el: Element, name: string) => part(el, name)?.textContent?.trim();

/** Waits until the element's part shows `expected`. */
const shows = (el: Element, name: string, expected: string) =>
  waitUntil(() => text(el, name) === expected, `${name} to read "${expected}" (it reads "${text(el, name)}")`);

const contactUs = (template = html`<nexus-contact-us skill="sales"></nexus-contact-us>`) => fixture<NexusContactUs>(template);

const item = (id: string, stepCount: number): PathSummary => ({
  id,
  title: `Path ${id}`,
  summary: '',
  category: 'general',
  tags: [],
  helpIds: [],
  stepCount,
});

/** A path list showing `items` (no request for paths), with a demo client. */
async function pathList(lang: string, items: PathSummary[], wrapper?: { dir?: string; lang?: string }) {
  const { client } = testClient();
  const host = await fixture<HTMLDivElement>(html`<div dir=${wrapper?.dir ?? ''} lang=${wrapper?.lang ?? ''}>
    <nexus-path-list lang=${lang} .client=${client} .items=${items} label="Paths"></nexus-path-list>
  </div>`);
  for (const name of ['dir', 'lang'] as const) if (!wrapper?.[name]) host.removeAttribute(name);
  if (!lang) host.querySelector('nexus-path-list')!.removeAttribute('lang');
  const list = host.querySelector<NexusPathList>('nexus-path-list')!;
  await waitUntil(() => list.shadowRoot!.querySelector('[part~="item"]'), 'the items');
  return list;
}

let savedLang: string | null;
let savedDir: string | null;
beforeEach(() => {
  savedLang = root.getAttribute('lang');
  savedDir = root.getAttribute('dir');
});
afterEach(() => {
  for (const [name, value] of [['lang', savedLang], ['dir', savedDir]] as const) {
    if (value === null) root.removeAttribute(name);
    else root.setAttribute(name, value);
  }
});

describe('locales', () => {
  it('loads a shipped catalogue only when an element needs it, then re-renders in it', async () => {
    expect(hasLocale('de')).to.equal(false, 'nothing loads German up front');
    root.removeAttribute('lang');
    const el = await contactUs();
    expect(text(el, 'heading')).to.equal(defaultStrings.contactHeading);
    root.lang = 'de';
    await shows(el, 'heading', de.strings.contactHeading!);
    expect(hasLocale('de')).to.equal(true);
    expect(hasLocale('es')).to.equal(false, 'only the language asked for');
  });

  it('follows <html lang> as it changes, back to English when it goes', async () => {
    const el = await contactUs();
    for (const [lang, locale] of [['fr', fr], ['es', es], ['ar', ar]] as const) {
      root.lang = lang;
      await shows(el, 'heading', locale.strings.contactHeading!);
    }
    root.removeAttribute('lang');
    await shows(el, 'heading', defaultStrings.contactHeading);
  });

  it('takes the element’s own lang first, then the nearest ancestor’s, across shadow roots', async () => {
    root.lang = 'de';
    const host = await fixture<HTMLElement>(html`<section lang="es"><nexus-contact-us skill="sales"></nexus-contact-us></section>`);
    const el = host.querySelector<NexusContactUs>('nexus-contact-us')!;
    await shows(el, 'heading', es.strings.contactHeading!);
    el.lang = 'fr';
    await shows(el, 'heading', fr.strings.contactHeading!);
    el.removeAttribute('lang');
    host.lang = 'ar';
    await shows(el, 'heading', ar.strings.contactHeading!);

    // Elements inside another element's shadow root follow that element's lang.
    const { client } = testClient();
    const selfHelp = await fixture<NexusSelfHelp>(html`<nexus-self-help lang="fr" .client=${client} display-order="search,contact-us" skill="sales"></nexus-self-help>`);
    const input = () => selfHelp.shadowRoot!.querySelector('nexus-search')?.shadowRoot?.querySelector<HTMLInputElement>('[part~="input"]')?.placeholder;
    await waitUntil(() => input() === fr.strings.searchPlaceholder, 'the inner search in French');
    selfHelp.lang = 'es';
    await waitUntil(() => input() === es.strings.searchPlaceholder, 'the inner search in Spanish');
  });

  it('falls back from a region to its language, and to English for a language not shipped', async () => {
    const cases: [string, string][] = [
      ['es-MX', es.strings.contactHeading!],
      ['fr-CA', fr.strings.contactHeading!],
      ['DE-at', de.strings.contactHeading!],
      ['ar-EG', ar.strings.contactHeading!],
      ['pt-BR', defaultStrings.contactHeading],
      ['en-GB', defaultStrings.contactHeading],
      ['not a language!', defaultStrings.contactHeading],
    ];
    for (const [lang, expected] of cases) {
      const el = await contactUs(html`<nexus-contact-us skill="sales" lang=${lang}></nexus-contact-us>`);
      await shows(el, 'heading', expected);
    }
  });

  it('every shipped catalogue has every key, as a non-empty string, with the placeholders of the English text', async () => {
    const names = (t: string) => new Set([...t.matchAll(/\{(\w+)\s*[,}]/g)].map((m) => m[1]));
    for (const locale of [es, fr, de, ar]) {
      expect(Object.keys(locale.strings).sort()).to.deep.equal(Object.keys(defaultStrings).sort(), locale.lang);
      for (const key of Object.keys(defaultStrings) as StringKey[]) {
        const value = locale.strings[key]!;
        expect(value.trim(), `${locale.lang} ${key}`).not.to.equal('');
        const base = key.endsWith('One') && key.slice(0, -3) in defaultStrings ? (key.slice(0, -3) as StringKey) : key;
        for (const name of names(value)) expect(names(defaultStrings[base]), `${locale.lang} ${key} uses {${name}}`).to.include(name);
      }
    }
  });
});

describe('plurals and numbers', () => {
  before(() => Promise.all(['ar', 'fr', 'de', 'es'].map(loadLocale)));

  it('pick the plural form by the locale’s rules', () => {
    const steps = (n: number, lang: string) => count('pathSteps', 'pathStepsOne', n, {}, lang);
    expect([0, 1, 2, 5].map((n) => steps(n, 'en'))).to.deep.equal(['0 steps', '1 step', '2 steps', '5 steps']);
    // French: 0 and 1 are singular.
    expect([0, 1, 2].map((n) => steps(n, 'fr'))).to.deep.equal(['0 étape', '1 étape', '2 étapes']);
    expect([1, 3].map((n) => steps(n, 'de'))).to.deep.equal(['1 Schritt', '3 Schritte']);
    // Arabic: zero, one, two, few (3–10), many (11–99), other (100…), digits as Intl writes them.
    const n = (value: number) => new Intl.NumberFormat('ar').format(value);
    expect([0, 1, 2, 3, 11, 100].map((v) => steps(v, 'ar'))).to.deep.equal(['بلا خطوات', 'خطوة واحدة', 'خطوتان', `${n(3)} خطوات`, `${n(11)} خطوة`, `${n(100)} خطوة`]);
    expect(msg('chatWaitMinutes', { minutes: 2 }, {}, 'ar')).to.equal('مدة الانتظار المتوقعة: حوالي دقيقتين.');
    expect(msg('agentUnread', { count: 1 }, {}, 'fr')).to.equal('1 nouveau');
    expect(msg('agentUnread', { count: 4 }, {}, 'fr')).to.equal('4 nouveaux');
  });

  it('format numbers, times and sizes for the locale', () => {
    expect(msg('chatQueuePosition', { position: 1234 }, {}, 'en')).to.equal('You are number 1,234 in line.');
    expect(msg('chatQueuePosition', { position: 1234 }, {}, 'de')).to.equal('Ihre Position in der Warteschlange: 1.234.');
    const ar = new Intl.NumberFormat('ar');
    expect(msg('guideProgress', { current: 2, total: 5 }, {}, 'ar')).to.equal(`الخطوة ${ar.format(2)} من ${ar.format(5)}`);
    const at = new Date(2026, 0, 15, 14, 5).getTime();
    expect(formatTime(at, at, 'de')).to.equal(new Intl.DateTimeFormat('de', { hour: '2-digit', minute: '2-digit' }).format(at));
    expect(formatTime(at, at, 'en')).to.equal(new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit' }).format(at));
    expect(formatTime(at, at + 3 * 86_400_000, 'fr')).to.equal(new Intl.DateTimeFormat('fr', { dateStyle: 'medium', timeStyle: 'short' }).format(at));
    expect(formatSize(1536, 'de')).to.equal('1,5 kB');
    expect(formatSize(1536, 'en')).to.equal('1.5 kB');
    expect(formatSize(512, 'ar')).to.equal(`${new Intl.NumberFormat('ar').format(512)} B`);
  });

  it('show in the elements: step counts of a path list in French', async () => {
    const list = await pathList('fr', [item('a', 1), item('b', 4)]);
    await waitUntil(() => list.shadowRoot!.querySelector('[part~="item-meta"]')?.textContent === '1 étape', 'French counts');
    const metas = [...list.shadowRoot!.querySelectorAll('[part~="item-meta"]')].map((m) => m.textContent);
    expect(metas).to.deep.equal(['1 étape', '4 étapes']);
  });
});

describe('right-to-left', () => {
  /** Where the chevron sits relative to the item's title: 'right' in LTR, 'left' in RTL. */
  const chevronSide = (list: NexusPathList) => {
    const button = list.shadowRoot!.querySelector('[part~="item-button"]')!;
    const title = button.querySelector('[part~="item-title"]')!.getBoundingClientRect();
    const chevron = button.querySelector('svg.icon')!.getBoundingClientRect();
    return chevron.left >= title.right ? 'right' : chevron.right <= title.left ? 'left' : 'overlap';
  };

  it('Arabic sets the element’s direction and mirrors its layout', async () => {
    const english = await pathList('en', [item('a', 2)]);
    expect(chevronSide(english)).to.equal('right');
    expect(english.hasAttribute('dir')).to.equal(false);

    const arabic = await pathList('ar', [item('a', 2)]);
    await waitUntil(() => text(arabic, 'item-meta') === 'خطوتان', 'Arabic strings');
    expect(arabic.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(arabic).direction).to.equal('rtl');
    expect(chevronSide(arabic)).to.equal('left');
    // The chevron points along the text: mirrored.
    expect(getComputedStyle(arabic.shadowRoot!.querySelector('svg.icon')!).transform).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
    // The text starts on the right.
    const button = part(arabic, 'item-button').getBoundingClientRect();
    const title = part(arabic, 'item-title').getBoundingClientRect();
    expect(button.right - title.right).to.be.lessThan(title.left - button.left);
    await expect(arabic).to.be.accessible();

    // Back to English: the direction the element set goes away again.
    arabic.lang = 'en';
    await waitUntil(() => !arabic.hasAttribute('dir'), 'the direction to be removed');
    await waitUntil(() => chevronSide(arabic) === 'right', 'the layout to flip back');
  });

  it('a dir set on the page wins over the language’s direction, both ways', async () => {
    const ltrArabic = await pathList('ar', [item('a', 2)], { dir: 'ltr' });
    await waitUntil(() => text(ltrArabic, 'item-meta') === 'خطوتان', 'Arabic strings');
    expect(ltrArabic.hasAttribute('dir')).to.equal(false);
    expect(chevronSide(ltrArabic)).to.equal('right');

    root.dir = 'rtl';
    const rtlEnglish = await pathList('en', [item('a', 2)]);
    expect(text(rtlEnglish, 'item-meta')).to.equal('2 steps');
    await waitUntil(() => chevronSide(rtlEnglish) === 'left', 'the page direction');
    root.dir = 'ltr';
    await waitUntil(() => chevronSide(rtlEnglish) === 'right', 'the page direction to change back');
  });

  it('<html lang="ar"> alone turns every element right-to-left', async () => {
    root.lang = 'ar';
    const el = await contactUs();
    await shows(el, 'heading', ar.strings.contactHeading!);
    expect(el.getAttribute('dir')).to.equal('rtl');
    const base = part(el, 'base').getBoundingClientRect();
    const chat = part(el, 'chat-button').getBoundingClientRect();
    expect(base.right - chat.right).to.be.lessThan(chat.left - base.left, 'the first button sits on the right');
  });
});

describe('page strings and registered locales', () => {
  afterEach(() => setStrings({ contactHeading: undefined, contactChat: undefined }, '*'));

  it('element strings > page strings for the locale > page strings for all > the catalogue', async () => {
    await loadLocale('fr');
    const el = await contactUs(html`<nexus-contact-us skill="sales" lang="fr-CA"></nexus-contact-us>`);
    await shows(el, 'heading', fr.strings.contactHeading!);
    setStrings({ contactHeading: 'Page, every locale' });
    await shows(el, 'heading', 'Page, every locale');
    setStrings({ contactHeading: 'Page, French' }, 'fr');
    await shows(el, 'heading', 'Page, French');
    setStrings({ contactHeading: 'Page, Canadian French' }, 'fr-ca');
    await shows(el, 'heading', 'Page, Canadian French');
    el.strings = { contactHeading: 'Element' };
    await shows(el, 'heading', 'Element');
    // Strings for another language leave this element alone.
    const german = await contactUs(html`<nexus-contact-us skill="sales" lang="de"></nexus-contact-us>`);
    await shows(german, 'heading', 'Page, every locale');
    setStrings({ contactHeading: undefined }, 'fr');
    setStrings({ contactHeading: undefined }, 'fr-CA');
  });

  it('registerLocale adds a language; what it lacks comes from English', async () => {
    registerLocale({ lang: 'it', strings: { contactHeading: 'Serve ancora aiuto?' } });
    const el = await contactUs(html`<nexus-contact-us skill="sales" lang="it-CH"></nexus-contact-us>`);
    await shows(el, 'heading', 'Serve ancora aiuto?');
    expect(text(el, 'chat-button')).to.equal(defaultStrings.contactChat);
    expect(() => registerLocale({ lang: 'xx' } as never)).to.throw(TypeError, /registerLocale\(\) takes/);
  });

  it('a registered rtl locale turns its elements right-to-left', async () => {
    registerLocale({ lang: 'he', strings: { contactHeading: 'עדיין צריכים עזרה?' } });
    const el = await contactUs(html`<nexus-contact-us skill="sales" lang="he"></nexus-contact-us>`);
    await shows(el, 'heading', 'עדיין צריכים עזרה?');
    expect(el.getAttribute('dir')).to.equal('rtl');
  });
});

describe('agent console', () => {
  it('speaks the closest lang too', async () => {
    await loadLocale('de');
    const el = await fixture<HTMLElement>(html`<nexus-agent-console lang="de" server="http://127.0.0.1:9"></nexus-agent-console>`);
    await waitUntil(() => el.shadowRoot!.textContent!.includes(de.strings.agentSignInHeading!), 'the German sign-in form');
  });
});
