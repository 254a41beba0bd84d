/**
 * The search data of content in PostgreSQL: each path's `search_all`, `search_topic` and
 * `search_body` columns (see tsquery.ts), its row of `path_topics` (the first search tier, apart
 * from the wide rows of `paths`), and the tenant's vocabulary (`search_terms`, for completing
 * typed prefixes), kept by the imports that write paths.
 */
import { sql, type DeleteQueryBuilder, type DeleteResult, type Kysely } from 'kysely';
import type { GuidedPath } from '../../../src/protocol/schemas.js';
import { pathRow, searchText, type PathIndex } from '../shared/content.js';
import type { Db } from '../shared/engine.js';
import { nocase, type DB } from './db.js';
import { tsvectors } from './tsquery.js';

/** Paths per statement. */
const BATCH = 200;

/**
 * Paths written or deleted by one import from which the store refreshes the planner's statistics
 * of the search tables when it commits (see `analyzeSearch`).
 */
const ANALYZE_AFTER = 100;

/**
 * Refreshes the planner's statistics of the tables search reads, after an import that wrote or
 * deleted at least ANALYZE_AFTER paths (a smaller one is left to autovacuum). Right after a bulk
 * import they have none or stale ones: the planner then guesses a few rows per tenant and reads
 * the whole table for every query, or guesses a rare word common. About half a second for 10,000
 * paths (the tsvector statistics of `paths`); the import itself takes seconds.
 */
export async function analyzeSearch(db: Kysely<DB>, changed: number): Promise<void> {
  if (changed < ANALYZE_AFTER) return;
  await sql`ANALYZE paths, path_topics, search_terms`.execute(db);
}

const byTerm = ([a]: [string, number], [b]: [string, number]) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Writes paths with their search columns, and counts what that changes in the tenant's
 * vocabulary: +1 for each term of a path written, -1 for each term of the version it replaces
 * and of each path deleted. The counts are written once, at the end of the import, in term
 * order (imports of one tenant never run together, see shared/content.ts).
 */
export function pathIndex(trx: Db, tenantId: string): PathIndex {
  const db = trx as unknown as Kysely<DB>;
  const vocabulary = new Map<string, number>();
  const count = (terms: string[], by: number) => {
    for (const term of terms) vocabulary.set(term, (vocabulary.get(term) ?? 0) + by);
  };
  /** Deletes the paths the query names, counting their terms out of the vocabulary. */
  const remove = async (query: DeleteQueryBuilder<DB, 'paths', DeleteResult>) => {
    const gone = await query.returning(['id', sql<string[]>`tsvector_to_array(search_all)`.as('terms')]).execute();
    for (const { terms } of gone) count(terms, -1);
    return gone.map((p) => p.id);
  };
  return {
    async write(paths: GuidedPath[], now: number) {
      for (let i = 0; i < paths.length; i += BATCH) {
        const rows = paths.slice(i, i + BATCH).map((path) => {
          const text = searchText(path);
          const vectors = tsvectors(text);
          count(vectors.terms, +1);
          const v = pathRow(path, now);
          return sql`(${tenantId}, ${path.id}, ${v.title}, ${v.summary}, ${v.category_id}, ${v.audience}, ${v.tags}::jsonb,
            ${v.help_ids}::jsonb, ${v.step_count}::integer, ${v.doc}::json, ${v.updated_at}::bigint, ${text.body},
            ${vectors.all}::tsvector, ${vectors.topic}::tsvector)`;
        });
        // The terms of the versions these replace, read before the upsert changes them.
        const { rows: replaced } = await sql<{ old: string[] | null }>`
          WITH old AS (SELECT id, tsvector_to_array(search_all) AS terms FROM paths
            WHERE tenant_id = ${tenantId} AND id = ANY(${paths.slice(i, i + BATCH).map((p) => p.id)}::text[]))
          INSERT INTO paths AS p (tenant_id, id, title, summary, category_id, audience, tags, help_ids, step_count, doc, updated_at,
            search_body, search_all, search_topic)
          VALUES ${sql.join(rows)}
          ON CONFLICT (tenant_id, id) DO UPDATE SET title = excluded.title, summary = excluded.summary,
            category_id = excluded.category_id, audience = excluded.audience, tags = excluded.tags, help_ids = excluded.help_ids,
            step_count = excluded.step_count, doc = excluded.doc, updated_at = excluded.updated_at,
            search_body = excluded.search_body, search_all = excluded.search_all, search_topic = excluded.search_topic
          RETURNING (SELECT terms FROM old WHERE old.id = p.id) AS old`.execute(db);
        for (const { old } of replaced) count(old ?? [], -1);
        // The topic tier's rows, from the rows just written (a path keeps its pk when replaced).
        await sql`INSERT INTO path_topics AS t (pk, tenant_id, id, audience, title_key, search_topic)
          SELECT p.pk, p.tenant_id, p.id, p.audience, ${nocase('p.title')}, p.search_topic FROM paths p
          WHERE p.tenant_id = ${tenantId} AND p.id = ANY(${paths.slice(i, i + BATCH).map((p) => p.id)}::text[])
          ON CONFLICT (pk) DO UPDATE SET audience = excluded.audience, title_key = excluded.title_key,
            search_topic = excluded.search_topic`.execute(db);
      }
    },
    async deleteExcept(keep: string[]) {
      let query = db.deleteFrom('paths').where('tenant_id', '=', tenantId);
      if (keep.length) query = query.where('id', 'not in', keep);
      return remove(query);
    },
    async delete(ids: string[]) {
      if (!ids.length) return [];
      return remove(db.deleteFrom('paths').where('tenant_id', '=', tenantId).where('id', 'in', ids));
    },
    async finish() {
      const changed = [...vocabulary].filter(([, n]) => n !== 0).sort(byTerm);
      if (!changed.length) return;
      await sql`INSERT INTO search_terms AS t (tenant_id, term, docs)
        SELECT ${tenantId}, c.term, c.docs FROM unnest(${changed.map(([t]) => t)}::text[], ${changed.map(([, n]) => n)}::int[]) AS c (term, docs)
        WHERE c.docs > 0
        ON CONFLICT (tenant_id, term) DO UPDATE SET docs = t.docs + excluded.docs`.execute(db);
      const dropped = changed.filter(([, n]) => n < 0);
      if (dropped.length) {
        const lost = sql`unnest(${dropped.map(([t]) => t)}::text[], ${dropped.map(([, n]) => n)}::int[]) AS c (term, docs)`;
        // The terms no path has any more go; the others count fewer paths.
        await sql`DELETE FROM search_terms AS t USING ${lost} WHERE t.tenant_id = ${tenantId} AND t.term = c.term AND t.docs + c.docs <= 0`.execute(db);
        await sql`UPDATE search_terms AS t SET docs = t.docs + c.docs FROM ${lost} WHERE t.tenant_id = ${tenantId} AND t.term = c.term`.execute(db);
      }
    },
  };
}
