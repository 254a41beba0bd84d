/**
 * Guided-path content for both stores: what an import writes, the import itself (each engine
 * writes its own search data through a PathIndex), and the plain reads.
 */
import type { Category, CategoryInput, GuidedPath } from '../../../src/protocol/schemas.js';
import { htmlToText, hyphenAliases } from '../../text.js';
import type { ContentBundle, ImportOptions, ImportSummary, PathQuery, Visibility } from '../types.js';
import type { Db, Dialect } from './engine.js';
import { SUMMARY_COLUMNS, toSummary } from './rows.js';

/** The columns of a path row but its keys (tenant, id) and the engine's search columns. */
export function pathRow(path: GuidedPath, now: number) {
  return {
    title: path.title,
    summary: path.summary,
    category_id: path.category,
    audience: path.audience,
    tags: JSON.stringify(path.tags),
    help_ids: JSON.stringify(path.helpIds),
    step_count: path.steps.length,
    doc: JSON.stringify(path),
    updated_at: now,
  };
}

/** A category's columns but its keys. */
export const categoryRow = (c: CategoryInput) => ({ name: c.name, description: c.description, icon: c.icon ?? null, sort_order: c.order ?? 0 });

export const toCategory = (r: { id: string; name: string; description: string; icon: string | null; sort_order: number; path_count: number }): Category => ({
  id: r.id,
  name: r.name,
  description: r.description,
  icon: r.icon,
  order: r.sort_order,
  pathCount: Number(r.path_count),
});

/** A path's tag rows: the tag as written and its key for case-insensitive filters. */
export const tagRows = (tenantId: string, path: GuidedPath) =>
  path.tags.map((tag) => ({ tenant_id: tenantId, path_id: path.id, tag, tag_key: tag.toLowerCase() }));

/**
 * The text a path is searched by, column by column (the columns of `paths_fts` in SQLite):
 * `body` is each step's title and text without HTML; `aliases` (hidden, never highlighted) holds
 * the hyphenated words of title, tags, summary and body without their hyphens, so `wifi` finds
 * `Wi-Fi`, and `titleAliases` those of the title and tags alone, for the first search tier.
 */
export function searchText(path: GuidedPath) {
  const tags = path.tags.join(' ');
  const body = path.steps.map((step) => `${step.title}. ${htmlToText(step.body)}`).join('\n');
  return {
    title: path.title,
    summary: path.summary,
    tags,
    helpIds: path.helpIds.join(' '),
    body,
    aliases: hyphenAliases(path.title, tags, path.summary, body),
    titleAliases: hyphenAliases(path.title, tags),
  };
}

export type SearchText = ReturnType<typeof searchText>;

/** Help-ids the bundle's paths claim, with the path claiming each. */
export const claimedHelpIds = (bundle: ContentBundle) => new Map(bundle.paths.flatMap((p) => p.helpIds.map((h) => [h, p.id] as const)));

/**
 * Help-ids the bundle takes from paths outside it: `holders` are the current holders of the
 * claimed help-ids (from the database).
 */
export function movedHelpIds(bundle: ContentBundle, holders: { help_id: string; path_id: string }[]): ImportSummary['movedHelpIds'] {
  const claimedBy = claimedHelpIds(bundle);
  const inBundle = new Set(bundle.paths.map((p) => p.id));
  return holders
    .filter((h) => !inBundle.has(h.path_id))
    .map((h) => ({ helpId: h.help_id, from: h.path_id, to: claimedBy.get(h.help_id)! }));
}

/** A path outside the bundle without the help-ids the bundle claims. */
export function withoutClaimed(path: GuidedPath, bundle: ContentBundle): GuidedPath {
  const claimedBy = claimedHelpIds(bundle);
  return { ...path, helpIds: path.helpIds.filter((h) => !claimedBy.has(h)) };
}

// ---------------------------------------------------------------------------------------------
// Import and reads, the same on both engines; each engine writes its own search data (PathIndex).

/** One import's writer of paths with the engine's search data. */
export interface PathIndex {
  /** Writes paths' rows and their search data, replacing what their ids had before. */
  write(paths: GuidedPath[], now: number): Promise<void>;
  /** Deletes the tenant's paths except `keep` with their search data; returns the deleted ids. */
  deleteExcept(keep: string[]): Promise<string[]>;
  /** Deletes these paths of the tenant with their search data; returns the ids that were there. */
  delete(ids: string[]): Promise<string[]>;
  /** Last writes of the import, in its transaction. */
  finish(): Promise<void>;
}

/** The engine's search data of paths: a writer per import, and work after an import's commit. */
export interface ContentIndex {
  begin(trx: Db, tenantId: string): PathIndex;
  /** After an import's commit, with what it did. */
  committed?(summary: ImportSummary): Promise<void>;
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Rows per statement when an import writes many (SQLite takes at most 32,766 values in one). */
const BATCH = 500;

function* batches<T>(items: T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += BATCH) yield items.slice(i, i + BATCH);
}

/** Writes paths with their tags and help-ids (a help-id listed twice goes to the last path listing it). */
async function writePaths(trx: Db, index: PathIndex, tenantId: string, paths: GuidedPath[], now: number) {
  if (!paths.length) return;
  await index.write(paths, now);
  const ids = paths.map((p) => p.id);
  for (const batch of batches(ids)) {
    await trx.deleteFrom('path_tags').where('tenant_id', '=', tenantId).where('path_id', 'in', batch).execute();
    await trx.deleteFrom('help_ids').where('tenant_id', '=', tenantId).where('path_id', 'in', batch).execute();
  }
  for (const batch of batches(paths.flatMap((p) => tagRows(tenantId, p)))) await trx.insertInto('path_tags').values(batch).execute();
  const holders = new Map(paths.flatMap((p) => p.helpIds.map((help_id) => [help_id, p.id] as const)));
  const helpRows = [...holders].map(([help_id, path_id]) => ({ tenant_id: tenantId, help_id, path_id }));
  for (const batch of batches(helpRows)) {
    // A help-id another path held until now moves here.
    await trx
      .insertInto('help_ids')
      .values(batch)
      .onConflict((oc) => oc.columns(['tenant_id', 'help_id']).doUpdateSet((eb) => ({ path_id: eb.ref('excluded.path_id') })))
      .execute();
  }
}

/** Takes help-ids the bundle claims away from the paths outside the bundle that hold them. */
async function moveHelpIds(trx: Db, index: PathIndex, tenantId: string, bundle: ContentBundle, now: number) {
  const claimedBy = claimedHelpIds(bundle);
  if (claimedBy.size === 0) return [];
  const holders = await trx
    .selectFrom('help_ids')
    .select(['help_id', 'path_id'])
    .where('tenant_id', '=', tenantId)
    .where('help_id', 'in', [...claimedBy.keys()])
    .orderBy('help_id')
    .execute();
  const moved = movedHelpIds(bundle, holders);
  const from = [...new Set(moved.map((m) => m.from))];
  if (from.length) {
    const rows = await trx.selectFrom('paths').select('doc').where('tenant_id', '=', tenantId).where('id', 'in', from).orderBy('id').execute();
    await writePaths(trx, index, tenantId, rows.map((row) => withoutClaimed(JSON.parse(row.doc) as GuidedPath, bundle)), now);
  }
  return moved;
}

async function deleteMissing(trx: Db, index: PathIndex, tenantId: string, bundle: ContentBundle) {
  const deletedPaths = (await index.deleteExcept(bundle.paths.map((p) => p.id))).sort(byId);
  let categories = trx.deleteFrom('categories').where('tenant_id', '=', tenantId);
  if (bundle.categories.length) categories = categories.where('id', 'not in', bundle.categories.map((c) => c.id));
  const deletedCategories = (await categories.returning('id').execute()).map((c) => c.id).sort(byId);
  return { deletedPaths, deletedCategories };
}

/**
 * Writes a validated bundle in one transaction: upserts by id, moves claimed help-ids, and with
 * `replace` deletes what the bundle lacks (deleted ids in order). Imports of one tenant never
 * interleave: an import reads what it replaces.
 */
export async function importContent(
  db: Db,
  dialect: Dialect,
  index: ContentIndex,
  tenantId: string,
  bundle: ContentBundle,
  options: ImportOptions,
): Promise<ImportSummary> {
  const summary = await dialect.write(db, async (trx) => {
    await dialect.lock(trx, 'content', tenantId);
    const paths = index.begin(trx, tenantId);
    const done = await writeBundle(trx, paths, tenantId, bundle, options, Date.now());
    await paths.finish();
    return done;
  });
  await index.committed?.(summary);
  return summary;
}

/**
 * The import's writes, in the caller's transaction (which holds the tenant's `content` lock):
 * what `importContent` does, and what publishing a draft does with a bundle of one path
 * (shared/authoring.ts). The caller finishes the PathIndex.
 */
export async function writeBundle(trx: Db, paths: PathIndex, tenantId: string, bundle: ContentBundle, options: ImportOptions, now: number): Promise<ImportSummary> {
  for (const c of bundle.categories) {
    const values = categoryRow(c);
    await trx
      .insertInto('categories')
      .values({ tenant_id: tenantId, id: c.id, ...values })
      .onConflict((oc) => oc.columns(['tenant_id', 'id']).doUpdateSet(values))
      .execute();
  }
  const moved = await moveHelpIds(trx, paths, tenantId, bundle, now);
  await writePaths(trx, paths, tenantId, bundle.paths, now);
  const deleted = options.replace ? await deleteMissing(trx, paths, tenantId, bundle) : { deletedPaths: [], deletedCategories: [] };
  return { categories: bundle.categories.length, paths: bundle.paths.length, movedHelpIds: moved, ...deleted };
}

export async function categoryIds(db: Db, tenantId: string) {
  const rows = await db.selectFrom('categories').select('id').where('tenant_id', '=', tenantId).orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Paths of the tenant the caller may see. */
function visiblePaths(db: Db, tenantId: string, visibility: Visibility) {
  return db.selectFrom('paths').where('paths.tenant_id', '=', tenantId).where('paths.audience', 'in', visibility.audiences);
}

export async function listPaths(db: Db, dialect: Dialect, tenantId: string, query: PathQuery) {
  let base = visiblePaths(db, tenantId, query);
  if (query.category) base = base.where('paths.category_id', '=', query.category);
  if (query.tags.length) {
    const keys = query.tags.map((t) => t.toLowerCase());
    base = base.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('path_tags as t')
          .select('t.path_id')
          .whereRef('t.tenant_id', '=', 'paths.tenant_id')
          .whereRef('t.path_id', '=', 'paths.id')
          .where('t.tag_key', 'in', keys),
      ),
    );
  }
  const [rows, count] = await Promise.all([
    base.select(SUMMARY_COLUMNS).orderBy(dialect.nocase('title')).orderBy('id').limit(query.limit).offset(query.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toSummary), total: Number(count.total) };
}

/** Summaries of the visible paths among `ids`, in the order of `ids`. */
export async function summariesOf(db: Db, tenantId: string, ids: string[], visibility: Visibility) {
  if (!ids.length) return [];
  const rows = await visiblePaths(db, tenantId, visibility).select(SUMMARY_COLUMNS).where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, toSummary(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function getPath(db: Db, tenantId: string, id: string, visibility: Visibility) {
  const row = await visiblePaths(db, tenantId, visibility).select('doc').where('id', '=', id).executeTakeFirst();
  return row && (JSON.parse(row.doc) as GuidedPath);
}

export async function getPathByHelpId(db: Db, tenantId: string, helpId: string, visibility: Visibility) {
  const row = await visiblePaths(db, tenantId, visibility)
    .innerJoin('help_ids as h', (join) => join.onRef('h.tenant_id', '=', 'paths.tenant_id').onRef('h.path_id', '=', 'paths.id'))
    .select('paths.doc')
    .where('h.help_id', '=', helpId)
    .executeTakeFirst();
  return row && (JSON.parse(row.doc) as GuidedPath);
}

export async function listCategories(db: Db, tenantId: string, visibility: Visibility): Promise<Category[]> {
  const rows = await db
    .selectFrom('categories as c')
    .innerJoin('paths as p', (join) =>
      join.onRef('p.tenant_id', '=', 'c.tenant_id').onRef('p.category_id', '=', 'c.id').on('p.audience', 'in', visibility.audiences),
    )
    .select(['c.id', 'c.name', 'c.description', 'c.icon', 'c.sort_order'])
    .select((eb) => eb.fn.count<number>('p.pk').as('path_count'))
    .where('c.tenant_id', '=', tenantId)
    .groupBy(['c.tenant_id', 'c.id'])
    .orderBy('c.sort_order')
    .orderBy('c.name')
    .execute();
  return rows.map(toCategory);
}
