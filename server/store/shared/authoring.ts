/**
 * Content authoring for both stores (authoring-types.ts): drafts with their revision, versions,
 * publishing through the import's own writer (content.ts `writeBundle`, so the search data
 * follows), help-id moves, deleting paths, and categories. Every write takes the tenant's
 * `content` lock, as imports do, so a publish and an import never interleave.
 */
import type { Audience, CategoryInput, GuidedPath } from '../../../src/protocol/schemas.js';
import {
  ConflictError,
  type AuthoredPath,
  type AuthoredSummary,
  type AuthoringOutcome,
  type DraftRecord,
  type Edit,
  type MovedHelpId,
} from '../types.js';
import { categoryRow, writeBundle, type ContentIndex, type PathIndex } from './content.js';
import type { Db, Dialect } from './engine.js';

type DraftRow = { path_id: string; revision: number; doc: string | null; saved_by: string | null; saved_at: number };

const toDraft = (row: DraftRow | undefined): DraftRecord | null =>
  row?.doc ? { doc: JSON.parse(row.doc) as GuidedPath, savedBy: row.saved_by, savedAt: Number(row.saved_at) } : null;

/** Thrown inside a transaction to roll it back with an outcome. */
class Outcome extends Error {
  constructor(readonly outcome: AuthoringOutcome) {
    super('authoring outcome');
  }
}

const draftRow = (trx: Db, tenantId: string, id: string) =>
  trx.selectFrom('path_drafts').select(['path_id', 'revision', 'doc', 'saved_by', 'saved_at']).where('tenant_id', '=', tenantId).where('path_id', '=', id).executeTakeFirst();

const publishedDoc = async (trx: Db, tenantId: string, id: string) => {
  const row = await trx.selectFrom('paths').select(['doc', 'updated_at']).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return row && { doc: row.doc, updatedAt: Number(row.updated_at) };
};

const latestVersion = (trx: Db, tenantId: string, id: string) =>
  trx
    .selectFrom('path_versions')
    .select(['version', 'doc'])
    .where('tenant_id', '=', tenantId)
    .where('path_id', '=', id)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();

async function authoredPath(trx: Db, tenantId: string, id: string): Promise<AuthoredPath | undefined> {
  const [published, draft, latest] = await Promise.all([publishedDoc(trx, tenantId, id), draftRow(trx, tenantId, id), latestVersion(trx, tenantId, id)]);
  if (!published && !draft?.doc) return undefined;
  return {
    id,
    published: published ? (JSON.parse(published.doc) as GuidedPath) : null,
    draft: toDraft(draft),
    revision: draft ? Number(draft.revision) : 0,
    version: latest ? Number(latest.version) : 0,
  };
}

export function getAuthoredPath(db: Db, tenantId: string, id: string) {
  return authoredPath(db, tenantId, id);
}

export async function listAuthoredPaths(db: Db, tenantId: string): Promise<AuthoredSummary[]> {
  const [published, drafts, versions] = await Promise.all([
    db
      .selectFrom('paths')
      .select(['id', 'title', 'summary', 'category_id', 'audience', 'tags', 'help_ids', 'step_count', 'updated_at'])
      .where('tenant_id', '=', tenantId)
      .execute(),
    db.selectFrom('path_drafts').select(['path_id', 'revision', 'doc', 'saved_by', 'saved_at']).where('tenant_id', '=', tenantId).execute(),
    db
      .selectFrom('path_versions')
      .select(['path_id', (eb) => eb.fn.max<number>('version').as('version')])
      .where('tenant_id', '=', tenantId)
      .groupBy('path_id')
      .execute(),
  ]);
  const draftOf = new Map(drafts.map((d) => [d.path_id, d]));
  const versionOf = new Map(versions.map((v) => [v.path_id, Number(v.version)]));
  const items = new Map<string, AuthoredSummary>();
  for (const p of published) {
    items.set(p.id, {
      id: p.id,
      published: {
        title: p.title,
        summary: p.summary,
        category: p.category_id,
        audience: p.audience as Audience,
        tags: JSON.parse(p.tags) as string[],
        helpIds: JSON.parse(p.help_ids) as string[],
        stepCount: Number(p.step_count),
        updatedAt: Number(p.updated_at),
      },
      draft: toDraft(draftOf.get(p.id)),
      revision: Number(draftOf.get(p.id)?.revision ?? 0),
      version: versionOf.get(p.id) ?? 0,
    });
  }
  for (const d of drafts) {
    if (items.has(d.path_id) || !d.doc) continue;
    items.set(d.path_id, { id: d.path_id, published: null, draft: toDraft(d), revision: Number(d.revision), version: versionOf.get(d.path_id) ?? 0 });
  }
  return [...items.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Writes the path's draft row: `doc` (null: no draft) at the next revision. */
async function writeDraft(trx: Db, tenantId: string, id: string, doc: GuidedPath | null, by: string | null, at: number, current: number) {
  const values = { revision: current + 1, doc: doc && JSON.stringify(doc), saved_by: by, saved_at: at };
  await trx
    .insertInto('path_drafts')
    .values({ tenant_id: tenantId, path_id: id, ...values })
    .onConflict((oc) => oc.columns(['tenant_id', 'path_id']).doUpdateSet(values))
    .execute();
}

export function createPathDraft(db: Db, dialect: Dialect, tenantId: string, doc: GuidedPath, by: string | null, at: number): Promise<AuthoredPath> {
  return dialect.write(db, async (trx) => {
    await dialect.lock(trx, 'content', tenantId);
    const [published, draft] = await Promise.all([publishedDoc(trx, tenantId, doc.id), draftRow(trx, tenantId, doc.id)]);
    if (published || draft?.doc) throw new ConflictError(`tenant '${tenantId}' has a path '${doc.id}' already`);
    await writeDraft(trx, tenantId, doc.id, doc, by, at, Number(draft?.revision ?? 0));
    return (await authoredPath(trx, tenantId, doc.id))!;
  });
}

/**
 * Runs a revision-checked write in a transaction holding the tenant's content lock: undefined
 * when the path does not exist, `conflict` when `edit.revision` is not current, else `write`.
 * `write` may throw an `Outcome` to roll back with it.
 */
async function edit(
  db: Db,
  dialect: Dialect,
  tenantId: string,
  id: string,
  change: Edit,
  write: (trx: Db, path: AuthoredPath) => Promise<MovedHelpId[] | { refused: 'no_draft' }>,
): Promise<AuthoringOutcome> {
  try {
    return await dialect.write(db, async (trx) => {
      await dialect.lock(trx, 'content', tenantId);
      const path = await authoredPath(trx, tenantId, id);
      if (!path) return undefined;
      if (path.revision !== change.revision) {
        const row = await draftRow(trx, tenantId, id);
        return { conflict: { revision: path.revision, savedBy: row?.saved_by ?? null, savedAt: Number(row?.saved_at ?? 0) } };
      }
      const moved = await write(trx, path);
      if (!Array.isArray(moved)) return moved;
      return { ok: (await authoredPath(trx, tenantId, id)) ?? null, moved };
    });
  } catch (error) {
    if (error instanceof Outcome) return error.outcome;
    throw error;
  }
}

export function savePathDraft(db: Db, dialect: Dialect, tenantId: string, id: string, doc: GuidedPath, change: Edit) {
  return edit(db, dialect, tenantId, id, change, async (trx, path) => {
    await writeDraft(trx, tenantId, id, doc, change.by, change.at, path.revision);
    return [];
  });
}

export function discardPathDraft(db: Db, dialect: Dialect, tenantId: string, id: string, change: Edit) {
  return edit(db, dialect, tenantId, id, change, async (trx, path) => {
    if (!path.draft) return { refused: 'no_draft' };
    await writeDraft(trx, tenantId, id, null, change.by, change.at, path.revision);
    return [];
  });
}

/**
 * Changes the editable documents of other paths after help-ids moved (`change` of the draft, if
 * any): their revisions count up, so an author holding one of them is told of the change.
 */
async function touchDrafts(trx: Db, tenantId: string, changes: Map<string, (doc: GuidedPath) => GuidedPath>, at: number) {
  for (const [id, change] of changes) {
    const row = await draftRow(trx, tenantId, id);
    const draft = toDraft(row);
    const values = { revision: Number(row?.revision ?? 0) + 1, doc: draft && JSON.stringify(change(draft.doc)), saved_by: row?.saved_by ?? null, saved_at: row ? Number(row.saved_at) : at };
    await trx
      .insertInto('path_drafts')
      .values({ tenant_id: tenantId, path_id: id, ...values })
      .onConflict((oc) => oc.columns(['tenant_id', 'path_id']).doUpdateSet(values))
      .execute();
  }
}

const without = (helpIds: string[]) => (doc: GuidedPath) => ({ ...doc, helpIds: doc.helpIds.filter((h) => !helpIds.includes(h)) });

/** The help-ids each path lost, as draft changes. */
function losses(moved: MovedHelpId[]) {
  const lost = new Map<string, string[]>();
  for (const m of moved) lost.set(m.from, [...(lost.get(m.from) ?? []), m.helpId]);
  return new Map([...lost].map(([id, helpIds]) => [id, without(helpIds)]));
}

/** Writes paths as the import does, in the caller's transaction, with the engine's index. */
async function writePublished(trx: Db, index: ContentIndex, tenantId: string, paths: GuidedPath[], now: number) {
  const writer: PathIndex = index.begin(trx, tenantId);
  const summary = await writeBundle(trx, writer, tenantId, { categories: [], paths }, { replace: false }, now);
  await writer.finish();
  return summary;
}

/**
 * Publishes the draft (Store.publishPathDraft). The index's after-commit work (merging FTS5
 * segments, ANALYZE) is left out: it pays off after bulk imports, not after one path.
 */
export function publishPathDraft(db: Db, dialect: Dialect, index: ContentIndex, tenantId: string, id: string, change: Edit & { moveHelpIds: boolean }) {
  return edit(db, dialect, tenantId, id, change, async (trx, path) => {
    if (!path.draft) return { refused: 'no_draft' };
    const before = await publishedDoc(trx, tenantId, id);
    const summary = await writePublished(trx, index, tenantId, [path.draft.doc], change.at);
    if (summary.movedHelpIds.length && !change.moveHelpIds) {
      throw new Outcome({ refused: 'help_ids_taken', holders: summary.movedHelpIds.map((m) => ({ helpId: m.helpId, pathId: m.from })) });
    }
    await touchDrafts(trx, tenantId, losses(summary.movedHelpIds), change.at);
    // The published document no version holds (imported) is kept first, as written by the import.
    const latest = await latestVersion(trx, tenantId, id);
    let version = latest ? Number(latest.version) : 0;
    if (before && before.doc !== latest?.doc) {
      version += 1;
      await trx.insertInto('path_versions').values({ tenant_id: tenantId, path_id: id, version, doc: before.doc, published_by: null, published_at: before.updatedAt }).execute();
    }
    await trx
      .insertInto('path_versions')
      .values({ tenant_id: tenantId, path_id: id, version: version + 1, doc: JSON.stringify(path.draft.doc), published_by: change.by, published_at: change.at })
      .execute();
    await writeDraft(trx, tenantId, id, null, change.by, change.at, path.revision);
    return summary.movedHelpIds;
  });
}

export async function listPathVersions(db: Db, tenantId: string, id: string) {
  const rows = await db
    .selectFrom('path_versions')
    .select(['version', 'published_by', 'published_at'])
    .where('tenant_id', '=', tenantId)
    .where('path_id', '=', id)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({ version: Number(r.version), publishedBy: r.published_by, publishedAt: Number(r.published_at) }));
}

export async function getPathVersion(db: Db, tenantId: string, id: string, version: number) {
  const r = await db
    .selectFrom('path_versions')
    .select(['version', 'doc', 'published_by', 'published_at'])
    .where('tenant_id', '=', tenantId)
    .where('path_id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return r && { version: Number(r.version), doc: JSON.parse(r.doc) as GuidedPath, publishedBy: r.published_by, publishedAt: Number(r.published_at) };
}

export function deleteAuthoredPath(db: Db, dialect: Dialect, index: ContentIndex, tenantId: string, id: string): Promise<boolean> {
  return dialect.write(db, async (trx) => {
    await dialect.lock(trx, 'content', tenantId);
    const writer = index.begin(trx, tenantId);
    const gone = await writer.delete([id]);
    await writer.finish();
    const draft = await trx.deleteFrom('path_drafts').where('tenant_id', '=', tenantId).where('path_id', '=', id).returning('doc').executeTakeFirst();
    await trx.deleteFrom('path_versions').where('tenant_id', '=', tenantId).where('path_id', '=', id).execute();
    return gone.length > 0 || Boolean(draft?.doc);
  });
}

export function moveHelpId(db: Db, dialect: Dialect, index: ContentIndex, tenantId: string, helpId: string, to: string, at: number) {
  return dialect.write(db, async (trx) => {
    await dialect.lock(trx, 'content', tenantId);
    const target = await publishedDoc(trx, tenantId, to);
    if (!target) return undefined;
    const doc = JSON.parse(target.doc) as GuidedPath;
    if (doc.helpIds.includes(helpId)) return { from: to };
    const summary = await writePublished(trx, index, tenantId, [{ ...doc, helpIds: [...doc.helpIds, helpId] }], at);
    const changes = losses(summary.movedHelpIds);
    changes.set(to, (d) => (d.helpIds.includes(helpId) ? d : { ...d, helpIds: [...d.helpIds, helpId] }));
    await touchDrafts(trx, tenantId, changes, at);
    return { from: summary.movedHelpIds[0]?.from ?? null };
  });
}

export async function helpIdHolders(db: Db, tenantId: string, helpIds: string[]) {
  if (!helpIds.length) return [];
  const rows = await db.selectFrom('help_ids').select(['help_id', 'path_id']).where('tenant_id', '=', tenantId).where('help_id', 'in', helpIds).orderBy('help_id').execute();
  return rows.map((r) => ({ helpId: r.help_id, pathId: r.path_id }));
}

// ---------------------------------------------------------------------------------------------
// Categories

export async function listAllCategories(db: Db, dialect: Dialect, tenantId: string): Promise<CategoryInput[]> {
  const rows = await db
    .selectFrom('categories')
    .select(['id', 'name', 'description', 'icon', 'sort_order'])
    .where('tenant_id', '=', tenantId)
    .orderBy('sort_order')
    .orderBy(dialect.nocase('name'))
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, description: r.description, ...(r.icon !== null && { icon: r.icon }), order: Number(r.sort_order) }));
}

export async function createCategory(db: Db, tenantId: string, category: CategoryInput) {
  const result = await db
    .insertInto('categories')
    .values({ tenant_id: tenantId, id: category.id, ...categoryRow(category) })
    .onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing())
    .executeTakeFirst();
  if (!Number(result.numInsertedOrUpdatedRows)) throw new ConflictError(`tenant '${tenantId}' has a category '${category.id}' already`);
}

export async function updateCategory(db: Db, tenantId: string, category: CategoryInput) {
  const result = await db.updateTable('categories').set(categoryRow(category)).where('tenant_id', '=', tenantId).where('id', '=', category.id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export function deleteCategory(db: Db, dialect: Dialect, tenantId: string, id: string) {
  return dialect.write(db, async (trx): Promise<{ deleted: true } | { inUse: number } | undefined> => {
    await dialect.lock(trx, 'content', tenantId);
    const exists = await trx.selectFrom('categories').select('id').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    if (!exists) return undefined;
    const published = await trx.selectFrom('paths').select('id').where('tenant_id', '=', tenantId).where('category_id', '=', id).execute();
    const drafts = await trx.selectFrom('path_drafts').select(['path_id', 'doc']).where('tenant_id', '=', tenantId).where('doc', 'is not', null).execute();
    const users = new Set([...published.map((p) => p.id), ...drafts.filter((d) => (JSON.parse(d.doc!) as GuidedPath).category === id).map((d) => d.path_id)]);
    if (users.size) return { inUse: users.size };
    await trx.deleteFrom('categories').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
    return { deleted: true };
  });
}
