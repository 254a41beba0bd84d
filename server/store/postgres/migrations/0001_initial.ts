import { sql, type Kysely } from 'kysely';

/**
 * The PostgreSQL schema of tenants, tokens, content and consumer context: the tables the SQLite
 * store reached with its migrations 0001 to 0009 (server/store/migrations/), in PostgreSQL types.
 * PostgreSQL's history starts here; from now on a schema change is a migration in each folder.
 *
 * - Text is `COLLATE "C"`: compared and ordered by code point, as SQLite's BINARY does (ids and
 *   names sort the same on both stores; the database's default collation may be any locale's).
 * - Times are `bigint` milliseconds since the epoch, as in SQLite (read back as numbers).
 * - JSON: `jsonb` for the arrays (tags, help-ids); `json` for the documents returned as they were
 *   written (the path itself, logged context data), since jsonb reorders an object's keys.
 * - Every tenant-owned key and index starts with `tenant_id`, as in SQLite.
 * - `ord` (consumer keys, context entries, path activity): the order rows were written in, which
 *   orders rows of the same time as SQLite's rowids do.
 * - Search (SQLite: the FTS5 tables `paths_fts` and `paths_fts_topic`) is three columns of
 *   `paths`: `search_all` and `search_topic` (tsvector, GIN-indexed) and `search_body` (the step
 *   text, for excerpts), plus `search_terms`, each tenant's index terms with their path counts
 *   (SQLite: `paths_fts_vocab`). The store fills them; see ../search.ts.
 */
const text = sql`text COLLATE "C"`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tenants')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  // Server-wide HMAC keys; a token names its key in the JWT header (`kid`).
  await db.schema
    .createTable('signing_keys')
    .addColumn('kid', text, (c) => c.primaryKey())
    .addColumn('secret', text, (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('signing_keys_by_created').on('signing_keys').column('created_at').execute();

  // Application and agent tokens (`agent_id` set for agent tokens).
  await db.schema
    .createTable('app_tokens')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('version', text, (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addColumn('agent_id', text)
    .execute();
  await db.schema.createIndex('app_tokens_tenant').on('app_tokens').columns(['tenant_id', 'created_at']).execute();
  // The live hub asks every second which tokens were revoked lately; only revoked ones are in it.
  await db.schema
    .createIndex('app_tokens_revoked')
    .on('app_tokens')
    .column('revoked_at')
    .where(sql.ref('revoked_at'), 'is not', null)
    .execute();

  await db.schema
    .createTable('categories')
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', text, (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('description', text, (c) => c.notNull())
    .addColumn('icon', text)
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('categories_pk', ['tenant_id', 'id'])
    .execute();

  await db.schema
    .createTable('paths')
    .addColumn('pk', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', text, (c) => c.notNull())
    .addColumn('title', text, (c) => c.notNull())
    .addColumn('summary', text, (c) => c.notNull())
    .addColumn('category_id', text, (c) => c.notNull())
    .addColumn('audience', text, (c) => c.notNull().check(sql`audience IN ('consumer', 'agent', 'all')`))
    .addColumn('tags', 'jsonb', (c) => c.notNull())
    .addColumn('help_ids', 'jsonb', (c) => c.notNull())
    .addColumn('step_count', 'integer', (c) => c.notNull())
    .addColumn('doc', 'json', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('search_body', text, (c) => c.notNull())
    .addColumn('search_all', sql`tsvector`, (c) => c.notNull())
    .addColumn('search_topic', sql`tsvector`, (c) => c.notNull())
    .addUniqueConstraint('paths_tenant_id', ['tenant_id', 'id'])
    .addForeignKeyConstraint('paths_category', ['tenant_id', 'category_id'], 'categories', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('paths_by_category').on('paths').columns(['tenant_id', 'category_id']).execute();
  // Listing orders by title as SQLite's NOCASE does (see db.ts `nocase`).
  await sql`CREATE INDEX paths_by_title ON paths (tenant_id,
    translate(title, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), id)`.execute(db);
  await sql`CREATE INDEX paths_search_all ON paths USING gin (search_all)`.execute(db);
  await sql`CREATE INDEX paths_search_topic ON paths USING gin (search_topic)`.execute(db);

  await db.schema
    .createTable('search_terms')
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('term', text, (c) => c.notNull())
    .addColumn('docs', 'integer', (c) => c.notNull().check(sql`docs > 0`))
    .addPrimaryKeyConstraint('search_terms_pk', ['tenant_id', 'term'])
    .execute();

  await db.schema
    .createTable('path_tags')
    .addColumn('tenant_id', text, (c) => c.notNull())
    .addColumn('path_id', text, (c) => c.notNull())
    .addColumn('tag_key', text, (c) => c.notNull())
    .addColumn('tag', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('path_tags_pk', ['tenant_id', 'path_id', 'tag_key'])
    .addForeignKeyConstraint('path_tags_path', ['tenant_id', 'path_id'], 'paths', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('path_tags_by_tag').on('path_tags').columns(['tenant_id', 'tag_key']).execute();

  await db.schema
    .createTable('help_ids')
    .addColumn('tenant_id', text, (c) => c.notNull())
    .addColumn('help_id', text, (c) => c.notNull())
    .addColumn('path_id', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('help_ids_pk', ['tenant_id', 'help_id'])
    .addForeignKeyConstraint('help_ids_path', ['tenant_id', 'path_id'], 'paths', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('help_ids_by_path').on('help_ids').columns(['tenant_id', 'path_id']).execute();

  // One row per person; each identity field remembers when it was set (for clear-identity before T).
  await db.schema
    .createTable('consumers')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('first_name', text)
    .addColumn('first_name_at', 'bigint')
    .addColumn('last_name', text)
    .addColumn('last_name_at', 'bigint')
    .addColumn('email', text)
    .addColumn('email_at', 'bigint')
    .addColumn('external_id', text)
    .addColumn('external_id_at', 'bigint')
    .addColumn('phone', text)
    .addColumn('phone_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consumers_tenant').on('consumers').columns(['tenant_id', 'id']).execute();
  await sql`CREATE UNIQUE INDEX consumers_external_id ON consumers (tenant_id, external_id)
    WHERE external_id IS NOT NULL`.execute(db);

  // Anonymous browser keys; several keys may name one consumer after an externalId merge.
  await db.schema
    .createTable('consumer_keys')
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('key', text, (c) => c.notNull())
    .addColumn('consumer_id', text, (c) => c.notNull().references('consumers.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('ord', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity())
    .addPrimaryKeyConstraint('consumer_keys_pk', ['tenant_id', 'key'])
    .execute();
  await db.schema.createIndex('consumer_keys_consumer').on('consumer_keys').column('consumer_id').execute();

  await db.schema
    .createTable('context_entries')
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', text, (c) => c.notNull())
    .addColumn('consumer_id', text, (c) => c.notNull().references('consumers.id').onDelete('cascade'))
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('detail', text)
    .addColumn('data', 'json')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('cleared_at', 'bigint')
    .addColumn('ord', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity())
    .addPrimaryKeyConstraint('context_entries_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('context_entries_by_consumer').on('context_entries').columns(['tenant_id', 'consumer_id', 'at']).execute();

  // Ids of context operations already applied, so a re-sent batch changes nothing.
  await db.schema
    .createTable('applied_ops')
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', text, (c) => c.notNull())
    .addColumn('applied_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('applied_ops_pk', ['tenant_id', 'id'])
    .execute();

  // Not tied to `paths` by a foreign key: history outlives a content replace.
  await db.schema
    .createTable('path_activity')
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', text, (c) => c.notNull())
    .addColumn('consumer_id', text, (c) => c.notNull().references('consumers.id').onDelete('cascade'))
    .addColumn('path_id', text, (c) => c.notNull())
    .addColumn('step_id', text)
    .addColumn('event', text, (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('ord', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity())
    .addPrimaryKeyConstraint('path_activity_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('path_activity_by_consumer').on('path_activity').columns(['tenant_id', 'consumer_id', 'path_id']).execute();
  await db.schema.createIndex('path_activity_by_path').on('path_activity').columns(['tenant_id', 'path_id', 'event']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'path_activity',
    'applied_ops',
    'context_entries',
    'consumer_keys',
    'consumers',
    'help_ids',
    'path_tags',
    'search_terms',
    'paths',
    'categories',
    'app_tokens',
    'signing_keys',
    'tenants',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
