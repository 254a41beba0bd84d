/**
 * A tenant's co-browse settings: extra redaction selectors and the remote-support client's
 * download URL, set with the CLI and read by the tenant's clients (`GET /v1/cobrowse/settings`).
 * The server cannot parse CSS: it checks the shape only (strings, lengths, counts); the client
 * checks the syntax and skips a selector that does not parse (with an `error` event).
 */
import { COBROWSE_SETTINGS_LIMITS } from '../src/protocol/api.js';
import type { CobrowseSettings } from '../src/protocol/schemas.js';
import { checkThemeUrl } from './branding.js';
import type { Store, TenantCobrowseSettings } from './store/types.js';

export { COBROWSE_SETTINGS_LIMITS };

export type CobrowseSettingsErrorCode = 'invalid_selector' | 'too_many_selectors' | 'invalid_remote_client_url';

/** Co-browse settings input that is refused: a code, a message, and the field. */
export class CobrowseSettingsError extends Error {
  override name = 'CobrowseSettingsError';
  constructor(
    readonly code: CobrowseSettingsErrorCode,
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

/** Checks one list of selectors (shape only) and returns it trimmed, without duplicates. */
export function checkSelectors(field: 'blockSelectors' | 'maskTextSelectors', value: unknown): string[] {
  if (!Array.isArray(value)) throw new CobrowseSettingsError('invalid_selector', `${field} must be a list of CSS selectors`, field);
  const list: string[] = [];
  value.forEach((selector, i) => {
    const path = `${field}/${i}`;
    if (typeof selector !== 'string' || !selector.trim()) {
      throw new CobrowseSettingsError('invalid_selector', `${field}: every selector must be a non-empty string`, path);
    }
    const text = selector.trim();
    if (text.length > COBROWSE_SETTINGS_LIMITS.maxSelectorLength) {
      throw new CobrowseSettingsError('invalid_selector', `${field}: a selector is longer than ${COBROWSE_SETTINGS_LIMITS.maxSelectorLength} characters`, path);
    }
    // Control characters never belong in a selector (and would break the CLI's line output).
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    if (/[\u0000-\u001f\u007f]/.test(text)) {
      throw new CobrowseSettingsError('invalid_selector', `${field}: ${JSON.stringify(text.slice(0, 80))} holds a control character`, path);
    }
    if (!list.includes(text)) list.push(text);
  });
  if (list.length > COBROWSE_SETTINGS_LIMITS.maxSelectors) {
    throw new CobrowseSettingsError('too_many_selectors', `${field}: at most ${COBROWSE_SETTINGS_LIMITS.maxSelectors} selectors`, field);
  }
  return list;
}

/** The remote client URL as stored: https, or http on localhost; no credentials. */
export function checkRemoteClientUrl(value: string): string {
  try {
    // Same rules as theme URLs (same length cap too).
    return checkThemeUrl(value, 'themeUrl');
  } catch (error) {
    const why = error instanceof Error ? error.message.replace(/^themeUrl /, '') : 'is not valid';
    throw new CobrowseSettingsError('invalid_remote_client_url', `remoteClientUrl ${why}`, 'remoteClientUrl');
  }
}

/** What to change; absent fields stay as they are, a null (or empty) URL removes it. */
export interface CobrowseSettingsChange {
  blockSelectors?: unknown;
  maskTextSelectors?: unknown;
  remoteClientUrl?: string | null;
  /** Store the customer's events of every co-browse from now on. */
  recording?: boolean;
}

/** Validates a change completely, then writes it; nothing is written on error. */
export async function changeCobrowseSettings(store: Store, tenantId: string, change: CobrowseSettingsChange): Promise<TenantCobrowseSettings> {
  const blockSelectors = change.blockSelectors === undefined ? undefined : checkSelectors('blockSelectors', change.blockSelectors);
  const maskTextSelectors = change.maskTextSelectors === undefined ? undefined : checkSelectors('maskTextSelectors', change.maskTextSelectors);
  const url = change.remoteClientUrl;
  const remoteClientUrl = url === undefined ? undefined : url === null || url === '' ? null : checkRemoteClientUrl(url);
  return store.setCobrowseSettings(tenantId, (current) => ({
    ...current,
    blockSelectors: blockSelectors ?? current.blockSelectors,
    maskTextSelectors: maskTextSelectors ?? current.maskTextSelectors,
    remoteClientUrl: remoteClientUrl === undefined ? current.remoteClientUrl : remoteClientUrl,
    recording: change.recording ?? current.recording,
  }));
}

/** The settings as clients receive them. */
export function toCobrowseSettings(settings: TenantCobrowseSettings): CobrowseSettings {
  return {
    blockSelectors: settings.blockSelectors,
    maskTextSelectors: settings.maskTextSelectors,
    remoteClientUrl: settings.remoteClientUrl,
    recording: settings.recording,
    updatedAt: settings.updatedAt,
  };
}
