/**
 * Content authoring: the JSON folder format through the admin API (admin and author), so that
 * content can live in git too. Export gives the published content as the files `import` reads
 * (`categories.json`, `<category>/<path id>.json`); import takes such files and writes them as
 * the CLI's `import` does (validated with the same rules first: nothing is written with an error).
 * Drafts are neither exported nor touched: they are the authors' work in progress.
 */
import { ContentImport, type ContentExport, type ContentImported } from '../../src/protocol/authoring.js';
import { validateContent } from '../content/load.js';
import { ApiError } from '../errors.js';
import type { Store } from '../store/types.js';
import { audit, check, tenantFor, type AdminActor } from './kit.js';

const ALL = { audiences: ['consumer', 'agent', 'all'] as const };
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export async function exportContent(store: Store, actor: AdminActor, input: { tenantId: string }): Promise<ContentExport> {
  const tenantId = await tenantFor(store, actor, input.tenantId);
  const [categories, paths] = await Promise.all([store.listAllCategories(tenantId), store.listAuthoredPaths(tenantId)]);
  const files: Record<string, string> = { 'categories.json': json(categories) };
  for (const { id, published } of paths) {
    if (!published) continue;
    const path = await store.getPath(tenantId, id, ALL);
    if (path) files[`${path.category}/${path.id}.json`] = json(path);
  }
  return { files };
}

export async function importContentFiles(store: Store, actor: AdminActor, input: { tenantId: string; body: unknown }): Promise<ContentImported> {
  const { files, replace = false } = check(ContentImport, input.body);
  const tenantId = await tenantFor(store, actor, input.tenantId);
  const loaded = validateContent(files, replace ? [] : await store.categoryIds(tenantId));
  if (!loaded.ok) {
    const details = loaded.errors.slice(0, 50).map((e) => ({ path: `${e.file}#${e.field}`, message: e.reason }));
    throw new ApiError(400, 'content_invalid', `the folder has ${loaded.errors.length} ${loaded.errors.length === 1 ? 'error' : 'errors'}; nothing was imported: ${details[0].path}: ${details[0].message}`, details);
  }
  const summary = await store.importContent(tenantId, loaded.bundle, { replace });
  await audit(store, actor, { tenantId, action: 'content.import', target: tenantId, after: { replace, ...summary } });
  return summary;
}
