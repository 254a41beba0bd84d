/**
 * How a page configures self help and live help: the words of the Embed API, the Cloud SDK
 * guide and the elements' attributes (sections, search types, remote-connection types), and the
 * one parser of a display order. Self help, the SDK and the reference server's embed page all
 * read them from here.
 *
 * Values only, like ./api.ts (no schema library), so the browser bundles can import it.
 */
import { splitList } from './api.js';

/** The sections of self help, in their default order. */
export const SECTIONS = ['search', 'categories', 'paths', 'contact-us'] as const;
/** A section of self help. */
export type Section = (typeof SECTIONS)[number];

/** How a search value is used: a help-id to open, tags to list, or text to search. */
export const SEARCH_TYPES = ['helpid', 'tags', 'text'] as const;
/** What a search value is (`search-type`, the embed's `searchtype`). */
export type SearchType = (typeof SEARCH_TYPES)[number];

/** What a live-help request asks for when the agent wants to see the screen. */
export const REMOTE_CONNECTION_TYPES = ['cobrowse', 'remote'] as const;
/** `cobrowse` (in the browser, the default) or `remote` (the tenant's remote-support client). */
export type RemoteConnectionType = (typeof REMOTE_CONNECTION_TYPES)[number];

// Functions, not made by a call at load, so that a bundle drops the ones it does not use.
export function isSection(value: unknown): value is Section {
  return (SECTIONS as readonly unknown[]).includes(value);
}
export function isSearchType(value: unknown): value is SearchType {
  return (SEARCH_TYPES as readonly unknown[]).includes(value);
}
export function isRemoteConnectionType(value: unknown): value is RemoteConnectionType {
  return (REMOTE_CONNECTION_TYPES as readonly unknown[]).includes(value);
}

/** A list of sections read from names: the known ones in order, once each, and the rest. */
export interface SectionList {
  sections: Section[];
  /** The entries that name no section, as given. */
  unknown: unknown[];
}

/**
 * Reads section names as the guide and the elements write them: `contact_us` (the guide's
 * spelling) is `contact-us`, case and surrounding spaces do not matter, and a section named
 * twice shows once. An empty list means every section, in the default order.
 */
export function readSections(names: readonly unknown[]): SectionList {
  const sections: Section[] = [];
  const unknown: unknown[] = [];
  for (const entry of names) {
    const name = typeof entry === 'string' ? entry.trim().toLowerCase().replace('_', '-') : entry;
    if (!isSection(name)) unknown.push(entry);
    else if (!sections.includes(name)) sections.push(name);
  }
  return { sections: names.length ? sections : [...SECTIONS], unknown };
}

/** Parses a display order, comma-separated (`search,paths,contact_us`); see `readSections`. */
export function parseDisplayOrder(value: string | null | undefined): SectionList {
  return readSections(splitList(value));
}
