import type { ImportSummary, Store } from '../store/types.js';
import { loadContent, type ContentError } from './load.js';

export type ImportResult = { ok: true; summary: ImportSummary } | { ok: false; errors: ContentError[] };

/**
 * Validates a content folder and writes it for one tenant in one transaction. With errors,
 * nothing is written. With `replace`, paths may only use the folder's own categories, since the
 * others are about to be deleted.
 */
export async function importFolder(
  store: Store,
  tenantId: string,
  dir: string,
  options: { replace: boolean },
): Promise<ImportResult> {
  if (!(await store.getTenant(tenantId))) throw new Error(`there is no tenant '${tenantId}'`);
  const known = options.replace ? [] : await store.categoryIds(tenantId);
  const loaded = await loadContent(dir, known);
  if (!loaded.ok) return loaded;
  return { ok: true, summary: await store.importContent(tenantId, loaded.bundle, options) };
}

/** One line per error, as the CLI prints them: `file: field: reason`. */
export function formatContentErrors(errors: ContentError[]): string {
  return errors.map((e) => `${e.file}: ${e.field || '(file)'}: ${e.reason}`).join('\n');
}
