/** Text helpers shared by the content importer and search. */
import { MARK_END, MARK_START } from '../src/protocol/api.js';

const MARKS = new RegExp(`[${MARK_START}${MARK_END}]`, 'g');

/** Removes the highlight control characters from every string inside a JSON value. */
export function stripMarks<T>(value: T): T {
  if (typeof value === 'string') return value.replace(MARKS, '') as T;
  if (Array.isArray(value)) return value.map(stripMarks) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stripMarks(v)])) as T;
  }
  return value;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntity(entity: string, name: string): string {
  if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? entity;
  const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
}

/** Readable text of an HTML fragment, for the search index (never for display). */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, decodeEntity)
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Lower-cased words (runs of letters, digits and marks) of any user text, cut where the FTS5
 * unicode61 tokenizer cuts (it does not normalize, so neither does this).
 */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
}

/** Hyphens that join a compound word: ASCII, U+2010 hyphen and U+2011 non-breaking hyphen. */
const HYPHEN = /[-\u2010\u2011]/;
/** A run of words joined by single hyphens ("Wi-Fi", "out-of-warranty"), or one plain word. */
const COMPOUND = /[\p{L}\p{N}\p{M}]+(?:[-\u2010\u2011][\p{L}\p{N}\p{M}]+)*/gu;

/**
 * The words of user text as `words()` cuts them, with the parts of a hyphenated compound kept
 * together: `Reset Wi-Fi` gives `[['reset'], ['wi', 'fi']]`.
 */
export function compounds(text: string): string[][] {
  return (text.toLowerCase().match(COMPOUND) ?? []).map((c) => c.split(HYPHEN));
}

/**
 * The hyphenated compounds of some texts written without their hyphens (`Wi-Fi` gives `WiFi`),
 * once per occurrence and separated by spaces: the text of the search index's hidden `aliases`
 * column, so that `wifi` finds `Wi-Fi`. A compound never spans two texts.
 */
export function hyphenAliases(...texts: string[]): string {
  return texts
    .flatMap((text) => text.match(COMPOUND) ?? [])
    .map((c) => c.split(HYPHEN))
    .filter((parts) => parts.length > 1)
    .map((parts) => parts.join(''))
    .join(' ');
}

/**
 * Words that carry no topic in support content: they are in nearly every path, so searching for
 * them costs a scan of everything and ranks nothing. Queries leave them out (unless a query is
 * nothing else), and so do recommendations built from logged context.
 */
export const STOP_WORDS = new Set(
  ('a an the and or but if so to of in on at by for with from as into onto over about than then ' +
    'is are was were be been being am do does did done has have had having it its this that these those ' +
    'i me my we our you your he she they them their his her what why how when where which who whom ' +
    'can could should would will shall may might must not no yes all any some just very too also ' +
    'out up page view true false null none there here').split(' '),
);
