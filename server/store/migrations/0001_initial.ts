import { sql, type Kysely } from 'kysely';

/**
 * First schema. Every table below `tenants` and `signing_keys` carries `tenant_id`, and every
 * key and index starts with it, so one tenant's rows can never be reached through another's.
 * Tenant-owned rows cascade when the tenant is deleted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tenants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();

  // Server-wide HMAC keys; a token names its key in the JWT header (`kid`).
  await db.schema
    .createTable('signing_keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('app_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'integer')
    .addColumn('revoked_at', 'integer')
    .execute();
  await db.schema.createIndex('app_tokens_tenant').on('app_tokens').column('tenant_id').execute();

  await db.schema
    .createTable('categories')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('icon', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('categories_pk', ['tenant_id', 'id'])
    .execute();

  // `pk` is the rowid shared with `paths_fts`; `doc` is the full GuidedPath as JSON.
  await db.schema
    .createTable('paths')
    .addColumn('pk', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('help_ids', 'text', (c) => c.notNull())
    .addColumn('step_count', 'integer', (c) => c.notNull())
    .addColumn('doc', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addUniqueConstraint('paths_tenant_id', ['tenant_id', 'id'])
    .addForeignKeyConstraint('paths_category', ['tenant_id', 'category_id'], 'categories', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('paths_by_title').on('paths').columns(['tenant_id', 'title']).execute();
  await db.schema.createIndex('paths_by_category').on('paths').columns(['tenant_id', 'category_id']).execute();

  await db.schema
    .createTable('path_tags')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('path_id', 'text', (c) => c.notNull())
    .addColumn('tag_key', 'text', (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('path_tags_pk', ['tenant_id', 'path_id', 'tag_key'])
    .addForeignKeyConstraint('path_tags_path', ['tenant_id', 'path_id'], 'paths', ['tenant_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();
  await db.schema.createIndex('path_tags_by_tag').on('path_tags').columns(['tenant_id', 'tag_key']).execute();

  await db.schema
    .createTable('help_ids')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('help_id', 'text', (c) => c.notNull())
    .addColumn('path_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('help_ids_pk', ['tenant_id', 'help_id'])
    .addForeignKeyConstraint('help_ids_path', ['tenant_id', 'path_id'], 'paths', ['tenant_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();

  // Full-text index, one row per path (rowid = paths.pk). `body` is the step text without HTML.
  await sql`CREATE VIRTUAL TABLE paths_fts USING fts5(
    title, summary, tags, help_ids, body,
    tokenize = 'porter unicode61 remove_diacritics 2'
  )`.execute(db);

  // One row per person; each identity field remembers when it was set (for clear-identity before T).
  await db.schema
    .createTable('consumers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('first_name', 'text')
    .addColumn('first_name_at', 'integer')
    .addColumn('last_name', 'text')
    .addColumn('last_name_at', 'integer')
    .addColumn('email', 'text')
    .addColumn('email_at', 'integer')
    .addColumn('external_id', 'text')
    .addColumn('external_id_at', 'integer')
    .addColumn('phone', 'text')
    .addColumn('phone_at', 'integer')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consumers_tenant').on('consumers').columns(['tenant_id', 'id']).execute();
  await sql`CREATE UNIQUE INDEX consumers_external_id ON consumers (tenant_id, external_id)
    WHERE external_id IS NOT NULL`.execute(db);

  // Anonymous browser keys; several keys may name one consumer after an externalId merge.
  await db.schema
    .createTable('consumer_keys')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('consumer_id', 'text', (c) => c.notNull().references('consumers.id').onDelete('cascade'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('consumer_keys_pk', ['tenant_id', 'key'])
    .execute();
  await db.schema.createIndex('consumer_keys_consumer').on('consumer_keys').column('consumer_id').execute();

  await db.schema
    .createTable('context_entries')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('consumer_id', 'text', (c) => c.notNull().references('consumers.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('data', 'text')
    .addColumn('at', 'integer', (c) => c.notNull())
    .addColumn('cleared_at', 'integer')
    .addPrimaryKeyConstraint('context_entries_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('context_entries_by_consumer')
    .on('context_entries')
    .columns(['tenant_id', 'consumer_id', 'at'])
    .execute();

  // Ids of context operations already applied, so a re-sent batch changes nothing.
  await db.schema
    .createTable('applied_ops')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('applied_ops_pk', ['tenant_id', 'id'])
    .execute();

  // Not tied to `paths` by a foreign key: history outlives a content replace.
  await db.schema
    .createTable('path_activity')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('consumer_id', 'text', (c) => c.notNull().references('consumers.id').onDelete('cascade'))
    .addColumn('path_id', 'text', (c) => c.notNull())
    .addColumn('step_id', 'text')
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('path_activity_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('path_activity_by_consumer')
    .on('path_activity')
    .columns(['tenant_id', 'consumer_id', 'path_id'])
    .execute();
  await db.schema
    .createIndex('path_activity_by_path')
    .on('path_activity')
    .columns(['tenant_id', 'path_id', 'event'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'path_activity',
    'applied_ops',
    'context_entries',
    'consumer_keys',
    'consumers',
    'paths_fts',
    'help_ids',
    'path_tags',
    'paths',
    'categories',
    'app_tokens',
    'signing_keys',
    'tenants',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
