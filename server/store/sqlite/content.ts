/** Guided-path content in SQLite: import (one transaction) and the plain reads. */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Category, GuidedPath, PathSummary } from '../../../src/protocol/schemas.js';
import { htmlToText, hyphenAliases } from '../../text.js';
import type { ContentBundle, ImportOptions, ImportSummary, PathQuery, Visibility } from '../types.js';
import { writeTransaction, type DB, type PathsTable } from './db.js';

/** Columns a summary is made of. */
export const SUMMARY_COLUMNS = ['id', 'title', 'summary', 'category_id', 'tags', 'help_ids', 'step_count'] as const;

export type SummaryRow = Pick<Selectable<PathsTable>, (typeof SUMMARY_COLUMNS)[number]>;

export function toSummary(row: SummaryRow): PathSummary {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    category: row.category_id,
    tags: JSON.parse(row.tags) as string[],
    helpIds: JSON.parse(row.help_ids) as string[],
    stepCount: row.step_count,
  };
}

/** Writes one path with its tags, help-ids and search row, replacing what the id had before. */
async function writePath(db: Kysely<DB>, tenantId: string, path: GuidedPath, now: number): Promise<void> {
  const values = {
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
  const { pk } = await db
    .insertInto('paths')
    .values({ tenant_id: tenantId, id: path.id, ...values })
    .onConflict((oc) => oc.columns(['tenant_id', 'id']).doUpdateSet(values))
    .returning('pk')
    .executeTakeFirstOrThrow();

  const ofPath = { tenant_id: tenantId, path_id: path.id };
  await db.deleteFrom('path_tags').where('tenant_id', '=', tenantId).where('path_id', '=', path.id).execute();
  if (path.tags.length) {
    await db
      .insertInto('path_tags')
      .values(path.tags.map((tag) => ({ ...ofPath, tag, tag_key: tag.toLowerCase() })))
      .execute();
  }
  await db.deleteFrom('help_ids').where('tenant_id', '=', tenantId).where('path_id', '=', path.id).execute();
  if (path.helpIds.length) {
    // A help-id another path of the bundle held until now moves here.
    await db
      .insertInto('help_ids')
      .values(path.helpIds.map((help_id) => ({ ...ofPath, help_id })))
      .onConflict((oc) => oc.columns(['tenant_id', 'help_id']).doUpdateSet({ path_id: path.id }))
      .execute();
  }

  const tags = path.tags.join(' ');
  const body = path.steps.map((step) => `${step.title}. ${htmlToText(step.body)}`).join('\n');
  // The hidden `aliases` column: hyphenated words without their hyphens, so `wifi` finds `Wi-Fi`.
  const aliases = hyphenAliases(path.title, tags, path.summary, body);
  await sql`DELETE FROM paths_fts WHERE rowid = ${pk}`.execute(db);
  // And those of the title and tags alone, for the first search tier (see search.ts).
  const titleAliases = hyphenAliases(path.title, tags);
  await sql`INSERT INTO paths_fts (rowid, title, summary, tags, help_ids, body, aliases, title_aliases)
    VALUES (${pk}, ${path.title}, ${path.summary}, ${tags}, ${path.helpIds.join(' ')}, ${body}, ${aliases}, ${titleAliases})`.execute(db);
}

/** Takes help-ids the bundle claims away from the paths outside the bundle that hold them. */
async function moveHelpIds(db: Kysely<DB>, tenantId: string, bundle: ContentBundle, now: number) {
  const claimedBy = new Map(bundle.paths.flatMap((p) => p.helpIds.map((h) => [h, p.id] as const)));
  const inBundle = new Set(bundle.paths.map((p) => p.id));
  if (claimedBy.size === 0) return [];
  const holders = await db
    .selectFrom('help_ids')
    .select(['help_id', 'path_id'])
    .where('tenant_id', '=', tenantId)
    .where('help_id', 'in', [...claimedBy.keys()])
    .execute();
  const moved = holders
    .filter((h) => !inBundle.has(h.path_id))
    .map((h) => ({ helpId: h.help_id, from: h.path_id, to: claimedBy.get(h.help_id)! }));
  for (const from of new Set(moved.map((m) => m.from))) {
    const row = await db
      .selectFrom('paths')
      .select('doc')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', from)
      .executeTakeFirstOrThrow();
    const path = JSON.parse(row.doc) as GuidedPath;
    path.helpIds = path.helpIds.filter((h) => !claimedBy.has(h));
    await writePath(db, tenantId, path, now);
  }
  return moved;
}

async function deleteMissing(db: Kysely<DB>, tenantId: string, bundle: ContentBundle) {
  let paths = db.selectFrom('paths').select(['pk', 'id']).where('tenant_id', '=', tenantId);
  if (bundle.paths.length) paths = paths.where('id', 'not in', bundle.paths.map((p) => p.id));
  const gone = await paths.execute();
  for (const { pk, id } of gone) {
    await sql`DELETE FROM paths_fts WHERE rowid = ${pk}`.execute(db);
    await db.deleteFrom('paths').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
  }
  let categories = db.deleteFrom('categories').where('tenant_id', '=', tenantId);
  if (bundle.categories.length) categories = categories.where('id', 'not in', bundle.categories.map((c) => c.id));
  const deletedCategories = await categories.returning('id').execute();
  return { deletedPaths: gone.map((p) => p.id), deletedCategories: deletedCategories.map((c) => c.id) };
}

export function importContent(
  db: Kysely<DB>,
  tenantId: string,
  bundle: ContentBundle,
  options: ImportOptions,
): Promise<ImportSummary> {
  const now = Date.now();
  return writeTransaction(db, async (trx) => {
    for (const c of bundle.categories) {
      const values = { name: c.name, description: c.description, icon: c.icon ?? null, sort_order: c.order ?? 0 };
      await trx
        .insertInto('categories')
        .values({ tenant_id: tenantId, id: c.id, ...values })
        .onConflict((oc) => oc.columns(['tenant_id', 'id']).doUpdateSet(values))
        .execute();
    }
    const movedHelpIds = await moveHelpIds(trx, tenantId, bundle, now);
    for (const path of bundle.paths) await writePath(trx, tenantId, path, now);
    const deleted = options.replace
      ? await deleteMissing(trx, tenantId, bundle)
      : { deletedPaths: [], deletedCategories: [] };
    return { categories: bundle.categories.length, paths: bundle.paths.length, movedHelpIds, ...deleted };
  });
}

/** Paths of the tenant the caller may see. */
function visiblePaths(db: Kysely<DB>, tenantId: string, visibility: Visibility) {
  return db
    .selectFrom('paths')
    .where('paths.tenant_id', '=', tenantId)
    .where('paths.audience', 'in', visibility.audiences);
}

export async function listPaths(db: Kysely<DB>, tenantId: string, query: PathQuery) {
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
    base
      .select(SUMMARY_COLUMNS)
      .orderBy(sql`title COLLATE NOCASE`)
      .orderBy('id')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toSummary), total: count.total };
}

/** Summaries of the visible paths among `ids`, in the order of `ids`. */
export async function summariesOf(db: Kysely<DB>, tenantId: string, ids: string[], visibility: Visibility) {
  if (!ids.length) return [];
  const rows = await visiblePaths(db, tenantId, visibility).select(SUMMARY_COLUMNS).where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, toSummary(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function getPath(db: Kysely<DB>, tenantId: string, id: string, visibility: Visibility) {
  const row = await visiblePaths(db, tenantId, visibility).select('doc').where('id', '=', id).executeTakeFirst();
  return row && (JSON.parse(row.doc) as GuidedPath);
}

export async function getPathByHelpId(db: Kysely<DB>, tenantId: string, helpId: string, visibility: Visibility) {
  const row = await visiblePaths(db, tenantId, visibility)
    .innerJoin('help_ids as h', (join) =>
      join.onRef('h.tenant_id', '=', 'paths.tenant_id').onRef('h.path_id', '=', 'paths.id'),
    )
    .select('paths.doc')
    .where('h.help_id', '=', helpId)
    .executeTakeFirst();
  return row && (JSON.parse(row.doc) as GuidedPath);
}

export async function listCategories(db: Kysely<DB>, tenantId: string, visibility: Visibility): Promise<Category[]> {
  const rows = await db
    .selectFrom('categories as c')
    .innerJoin('paths as p', (join) =>
      join
        .onRef('p.tenant_id', '=', 'c.tenant_id')
        .onRef('p.category_id', '=', 'c.id')
        .on('p.audience', 'in', visibility.audiences),
    )
    .select(['c.id', 'c.name', 'c.description', 'c.icon', 'c.sort_order'])
    .select((eb) => eb.fn.count<number>('p.pk').as('path_count'))
    .where('c.tenant_id', '=', tenantId)
    .groupBy('c.id')
    .orderBy('c.sort_order')
    .orderBy('c.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    icon: r.icon,
    order: r.sort_order,
    pathCount: r.path_count,
  }));
}
