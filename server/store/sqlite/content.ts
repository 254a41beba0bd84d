/** The search data of content in SQLite: each path's row in the FTS5 table `paths_fts` (rowid = paths.pk). */
import { sql, type Kysely } from 'kysely';
import type { GuidedPath } from '../../../src/protocol/schemas.js';
import { importContent as importWith, pathRow, searchText, type ContentIndex, type PathIndex } from '../shared/content.js';
import type { Db } from '../shared/engine.js';
import type { ContentBundle, ImportOptions } from '../types.js';
import { sqliteDialect, type DB } from './db.js';

/** Writes one path's row and its `paths_fts` row. */
async function writePath(db: Kysely<DB>, tenantId: string, path: GuidedPath, now: number) {
  const values = pathRow(path, now);
  const { pk } = await db
    .insertInto('paths')
    .values({ tenant_id: tenantId, id: path.id, ...values })
    .onConflict((oc) => oc.columns(['tenant_id', 'id']).doUpdateSet(values))
    .returning('pk')
    .executeTakeFirstOrThrow();
  // The hidden `aliases` and `title_aliases` columns: see searchText.
  const text = searchText(path);
  await sql`DELETE FROM paths_fts WHERE rowid = ${pk}`.execute(db);
  await sql`INSERT INTO paths_fts (rowid, title, summary, tags, help_ids, body, aliases, title_aliases)
    VALUES (${pk}, ${text.title}, ${text.summary}, ${text.tags}, ${text.helpIds}, ${text.body}, ${text.aliases}, ${text.titleAliases})`.execute(db);
}

/**
 * Writes paths with their `paths_fts` rows. `paths_fts_topic` and `path_filter` follow `paths`
 * through triggers (migration 0005).
 */
export function pathIndex(trx: Db, tenantId: string): PathIndex {
  const db = trx as unknown as Kysely<DB>;
  const remove = async (gone: { pk: number; id: string }[]) => {
    for (const { pk, id } of gone) {
      await sql`DELETE FROM paths_fts WHERE rowid = ${pk}`.execute(db);
      await db.deleteFrom('paths').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
    }
    return gone.map((p) => p.id);
  };
  return {
    async write(paths: GuidedPath[], now: number) {
      for (const path of paths) await writePath(db, tenantId, path, now);
    },
    async deleteExcept(keep: string[]) {
      let paths = db.selectFrom('paths').select(['pk', 'id']).where('tenant_id', '=', tenantId);
      if (keep.length) paths = paths.where('id', 'not in', keep);
      return remove(await paths.execute());
    },
    async delete(ids: string[]) {
      if (!ids.length) return [];
      return remove(await db.selectFrom('paths').select(['pk', 'id']).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute());
    },
    finish: async () => undefined,
  };
}

/** Writes a validated bundle in one transaction (Store.importContent, without merging the indexes after). */
export function importContent(db: Kysely<DB>, tenantId: string, bundle: ContentBundle, options: ImportOptions) {
  const index: ContentIndex = { begin: pathIndex };
  return importWith(db as unknown as Db, sqliteDialect, index, tenantId, bundle, options);
}
