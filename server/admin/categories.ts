/**
 * Content authoring: categories (admin and author). Listed with the number of paths that use
 * each (published or draft), added, changed, and deleted only while no path uses them (409
 * `category_in_use`, with the count: move or delete those paths first). Each change is audited.
 */
import { CategoryUpdate, type ContentCategory } from '../../src/protocol/authoring.js';
import { CategoryInput } from '../../src/protocol/schemas.js';
import { ApiError } from '../errors.js';
import { ConflictError, type Store } from '../store/types.js';
import { audit, check, tenantFor, type AdminActor } from './kit.js';

const notFound = (tenantId: string, id: string) => new ApiError(404, 'category_not_found', `tenant '${tenantId}' has no category '${id}'`);

/** Every category of the tenant by order then name, with the paths (published or draft) in it. */
export async function listContentCategories(store: Store, actor: AdminActor, input: { tenantId: string }): Promise<{ items: ContentCategory[] }> {
  const tenantId = await tenantFor(store, actor, input.tenantId);
  const [categories, paths] = await Promise.all([store.listAllCategories(tenantId), store.listAuthoredPaths(tenantId)]);
  const counts = new Map<string, number>();
  for (const p of paths) {
    for (const c of new Set([p.published?.category, p.draft?.doc.category])) if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return { items: categories.map((c) => ({ ...c, order: c.order ?? 0, pathCount: counts.get(c.id) ?? 0 })) };
}

async function category(store: Store, tenantId: string, id: string): Promise<ContentCategory> {
  const found = (await listContentCategories(store, { kind: 'cli' }, { tenantId })).items.find((c) => c.id === id);
  if (!found) throw notFound(tenantId, id);
  return found;
}

export async function createContentCategory(store: Store, actor: AdminActor, input: { tenantId: string; category: unknown }): Promise<ContentCategory> {
  const body = check(CategoryInput, input.category);
  const tenantId = await tenantFor(store, actor, input.tenantId);
  try {
    await store.createCategory(tenantId, body);
  } catch (error) {
    if (error instanceof ConflictError) throw new ApiError(409, 'category_exists', error.message);
    throw error;
  }
  await audit(store, actor, { tenantId, action: 'category.create', target: body.id, after: body });
  return category(store, tenantId, body.id);
}

/** Changes the fields given (name, description, icon, order); customers see it at once. */
export async function updateContentCategory(store: Store, actor: AdminActor, input: { tenantId: string; categoryId: string; change: unknown }): Promise<ContentCategory> {
  const change = check(CategoryUpdate, input.change);
  const tenantId = await tenantFor(store, actor, input.tenantId);
  const { pathCount: _count, ...before } = await category(store, tenantId, input.categoryId);
  const after = { ...before, ...change };
  if (!(await store.updateCategory(tenantId, after))) throw notFound(tenantId, input.categoryId);
  await audit(store, actor, { tenantId, action: 'category.update', target: before.id, before, after });
  return category(store, tenantId, before.id);
}

export async function deleteContentCategory(store: Store, actor: AdminActor, input: { tenantId: string; categoryId: string }): Promise<ContentCategory> {
  const tenantId = await tenantFor(store, actor, input.tenantId);
  const before = await category(store, tenantId, input.categoryId);
  const outcome = await store.deleteCategory(tenantId, input.categoryId);
  if (!outcome) throw notFound(tenantId, input.categoryId);
  if ('inUse' in outcome) {
    const n = outcome.inUse;
    throw new ApiError(409, 'category_in_use', `${n} ${n === 1 ? 'path uses' : 'paths use'} category '${input.categoryId}': move ${n === 1 ? 'it' : 'them'} to another category or delete ${n === 1 ? 'it' : 'them'} first`);
  }
  await audit(store, actor, { tenantId, action: 'category.delete', target: before.id, before });
  return before;
}
