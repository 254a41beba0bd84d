import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { ActivityBatch, ContextBatch } from '../../../src/protocol/schemas.js';
import { newId } from '../../ids.js';
import {
  ConflictError,
  type AppToken,
  type ContentBundle,
  type ImportOptions,
  type PathQuery,
  type RecommendOptions,
  type SearchOptions,
  type SigningKey,
  type Store,
  type Tenant,
  type Visibility,
} from '../types.js';
import * as content from './content.js';
import * as context from './context.js';
import { migrateToLatest, openDatabase, type AppTokensTable, type DB, type SigningKeysTable } from './db.js';
import * as search from './search.js';

const toTenant = (r: { id: string; name: string; created_at: number }): Tenant => ({
  id: r.id,
  name: r.name,
  createdAt: r.created_at,
});

const toToken = (r: Selectable<AppTokensTable>): AppToken => ({
  id: r.id,
  tenantId: r.tenant_id,
  name: r.name,
  version: r.version,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
});

const toKey = (r: Selectable<SigningKeysTable>): SigningKey => ({
  kid: r.kid,
  secret: Buffer.from(r.secret, 'base64url'),
  createdAt: r.created_at,
});

/** The embedded store: one SQLite file (or `:memory:`) through Kysely and better-sqlite3. */
export class SqliteStore implements Store {
  readonly db: Kysely<DB>;

  constructor(file: string) {
    this.db = openDatabase(file);
  }

  migrate() {
    return migrateToLatest(this.db);
  }

  close() {
    return this.db.destroy();
  }

  async createTenant(id: string, name: string) {
    const row = { id, name, created_at: Date.now() };
    const result = await this.db.insertInto('tenants').values(row).onConflict((oc) => oc.doNothing()).executeTakeFirst();
    if (!result.numInsertedOrUpdatedRows) throw new ConflictError(`tenant '${id}' exists already`);
    return toTenant(row);
  }

  async getTenant(id: string) {
    const row = await this.db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toTenant(row);
  }

  async listTenants() {
    return (await this.db.selectFrom('tenants').selectAll().orderBy('id').execute()).map(toTenant);
  }

  async currentSigningKey() {
    const latest = () => this.db.selectFrom('signing_keys').selectAll().orderBy('created_at', 'desc').limit(1);
    const row = await latest().executeTakeFirst();
    if (row) return toKey(row);
    await this.db
      .insertInto('signing_keys')
      .values({ kid: newId('key'), secret: randomBytes(32).toString('base64url'), created_at: Date.now() })
      .execute();
    return toKey(await latest().executeTakeFirstOrThrow());
  }

  async getSigningKey(kid: string) {
    const row = await this.db.selectFrom('signing_keys').selectAll().where('kid', '=', kid).executeTakeFirst();
    return row && toKey(row);
  }

  async createAppToken(token: AppToken) {
    await this.db
      .insertInto('app_tokens')
      .values({
        id: token.id,
        tenant_id: token.tenantId,
        name: token.name,
        version: token.version,
        created_at: token.createdAt,
        expires_at: token.expiresAt,
        revoked_at: token.revokedAt,
      })
      .execute();
  }

  async getAppToken(id: string) {
    const row = await this.db.selectFrom('app_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toToken(row);
  }

  async listAppTokens(tenantId: string) {
    const rows = await this.db
      .selectFrom('app_tokens')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(toToken);
  }

  async revokeAppToken(id: string, at: number) {
    const row = await this.db
      .updateTable('app_tokens')
      .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(at)) }))
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(row.numUpdatedRows) > 0;
  }

  async categoryIds(tenantId: string) {
    const rows = await this.db.selectFrom('categories').select('id').where('tenant_id', '=', tenantId).execute();
    return rows.map((r) => r.id);
  }

  importContent(tenantId: string, bundle: ContentBundle, options: ImportOptions) {
    return content.importContent(this.db, tenantId, bundle, options);
  }

  listPaths(tenantId: string, query: PathQuery) {
    return content.listPaths(this.db, tenantId, query);
  }

  getPath(tenantId: string, id: string, visibility: Visibility) {
    return content.getPath(this.db, tenantId, id, visibility);
  }

  getPathByHelpId(tenantId: string, helpId: string, visibility: Visibility) {
    return content.getPathByHelpId(this.db, tenantId, helpId, visibility);
  }

  listCategories(tenantId: string, visibility: Visibility) {
    return content.listCategories(this.db, tenantId, visibility);
  }

  search(tenantId: string, options: SearchOptions) {
    return search.search(this.db, tenantId, options);
  }

  async recommend(tenantId: string, options: RecommendOptions) {
    const consumerId = options.consumerKey && (await context.consumerIdForKey(this.db, tenantId, options.consumerKey));
    return search.recommend(this.db, tenantId, consumerId || undefined, options);
  }

  applyContext(tenantId: string, batch: ContextBatch) {
    return context.applyContext(this.db, tenantId, batch);
  }

  recordActivity(tenantId: string, batch: ActivityBatch, visibility: Visibility) {
    return context.recordActivity(this.db, tenantId, batch, visibility);
  }

  getConsumer(tenantId: string, key: string) {
    return context.getConsumer(this.db, tenantId, key);
  }
}
