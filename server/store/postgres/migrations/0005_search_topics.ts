import { sql, type Kysely } from 'kysely';

/**
 * The first search tier in a narrow table of its own (SQLite has none to add: its topic index,
 * `paths_fts_topic`, is already apart from the paths).
 *
 * `path_topics` holds, for each path, what the topic tier filters, ranks and orders by: tenant,
 * id, audience, the title as SQLite's NOCASE orders it (`title_key`), and `search_topic` (the
 * same tsvector as the column of `paths`, which the second tier keeps reading). A row of `paths`
 * is a few kilobytes (the document, the step text, `search_all`), five to a page: a prefix of
 * two or three letters matches thousands of titles, and reading their rows from `paths` read
 * nearly every page of the table and cost tens of milliseconds on every keystroke. Here, 10,000
 * paths take about 350 pages. The GIN index of `paths.search_topic` goes: nothing searches it.
 *
 * Filled from `paths`; the store writes both in the same statement group (../content.ts), and a
 * deleted path's row goes with it (foreign key on `pk`).
 *
 * No statistics of the vectors of `paths` (statistics target 0, and the ones ANALYZE made before
 * are dropped, by setting the column's type to itself). With them, the planner saw that a
 * common word matches a fifth of the paths and read the whole table, or all of a tenant's rows
 * by a B-tree on `tenant_id`, testing `@@` on each: it counts that test as cheap, but
 * `search_all` is a few kilobytes, stored apart and compressed, and unpacking it for every path
 * took 50 to 300 ms. Without them it takes a match for rare, and goes through the GIN index,
 * which unpacks the vectors of the matching paths only. `path_topics` keeps its statistics: its
 * vectors are small and in the row, and a scan of its few pages is cheap.
 */
const text = sql`text COLLATE "C"`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('path_topics')
    .addColumn('pk', 'bigint', (c) => c.primaryKey().references('paths.pk').onDelete('cascade'))
    .addColumn('tenant_id', text, (c) => c.notNull())
    .addColumn('id', text, (c) => c.notNull())
    .addColumn('audience', text, (c) => c.notNull())
    .addColumn('title_key', text, (c) => c.notNull())
    .addColumn('search_topic', sql`tsvector`, (c) => c.notNull())
    .execute();
  await sql`INSERT INTO path_topics (pk, tenant_id, id, audience, title_key, search_topic)
    SELECT pk, tenant_id, id, audience, translate(title, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), search_topic
    FROM paths`.execute(db);
  await sql`CREATE INDEX path_topics_search ON path_topics USING gin (search_topic)`.execute(db);
  await sql`DROP INDEX paths_search_topic`.execute(db);
  for (const column of ['search_all', 'search_topic']) {
    await sql`ALTER TABLE paths ALTER COLUMN ${sql.ref(column)} SET STATISTICS 0`.execute(db);
    await sql`ALTER TABLE paths ALTER COLUMN ${sql.ref(column)} TYPE tsvector`.execute(db);
  }
  await sql`ANALYZE path_topics`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['search_all', 'search_topic']) {
    await sql`ALTER TABLE paths ALTER COLUMN ${sql.ref(column)} SET STATISTICS -1`.execute(db);
  }
  await sql`CREATE INDEX paths_search_topic ON paths USING gin (search_topic)`.execute(db);
  await db.schema.dropTable('path_topics').execute();
}
