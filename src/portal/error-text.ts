import { NexusError } from '../core/errors.js';
import type { StringKey } from '../i18n/strings.js';

/** A string lookup of an element (`NexusBase.t`). */
export type Translate = (key: StringKey, values?: Record<string, string | number>) => string;

/** What the portal says about a failure it has no more specific words for. */
export function errorText(t: Translate, error: unknown): string {
  if (error instanceof NexusError && (error.code === 'network_error' || error.code === 'timeout')) return t('portalErrorNetwork');
  return t('portalErrorGeneric', { message: error instanceof Error ? error.message : String(error) });
}
