import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AgentStatus } from '../../../src/protocol/live.js';
import type { ActivityBatch, ContextBatch } from '../../../src/protocol/schemas.js';
import { newId } from '../../ids.js';
import {
  ConflictError,
  type AppToken,
  type ContentBundle,
  type EventQuery,
  type LiveFileRecord,
  type MailRecord,
  type NewAgent,
  type NewChatEvent,
  type NewLiveSession,
  type SessionFilter,
  type SessionRating,
  type SessionTransition,
  type ImportOptions,
  type PathQuery,
  type RecommendOptions,
  type SearchOptions,
  type SigningKey,
  type Store,
  type Tenant,
  type TenantBranding,
  type TenantCobrowseSettings,
  type CobrowseRecordingPart,
  type NewCobrowseRecording,
  type Visibility,
} from '../types.js';
import * as branding from './branding.js';
import * as cobrowseRecordings from './cobrowse-recordings.js';
import * as cobrowseSettings from './cobrowse-settings.js';
import * as content from './content.js';
import * as context from './context.js';
import * as live from './live.js';
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
  agentId: r.agent_id,
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

  async ping() {
    await sql`select 1`.execute(this.db);
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

  getBranding(tenantId: string) {
    return branding.getBranding(this.db, tenantId);
  }

  updateBranding(tenantId: string, change: (current: TenantBranding) => TenantBranding) {
    return branding.updateBranding(this.db, tenantId, change);
  }

  resetBranding(tenantId: string) {
    return branding.resetBranding(this.db, tenantId);
  }

  getCobrowseSettings(tenantId: string) {
    return cobrowseSettings.getCobrowseSettings(this.db, tenantId);
  }

  setCobrowseSettings(tenantId: string, change: (current: TenantCobrowseSettings) => TenantCobrowseSettings) {
    return cobrowseSettings.setCobrowseSettings(this.db, tenantId, change);
  }

  resetCobrowseSettings(tenantId: string) {
    return cobrowseSettings.resetCobrowseSettings(this.db, tenantId);
  }

  startCobrowseRecording(recording: NewCobrowseRecording) {
    return cobrowseRecordings.startCobrowseRecording(this.db, recording);
  }

  appendCobrowseRecordingPart(tenantId: string, id: string, part: CobrowseRecordingPart, maxChars: number) {
    return cobrowseRecordings.appendCobrowseRecordingPart(this.db, tenantId, id, part, maxChars);
  }

  endCobrowseRecording(tenantId: string, id: string, reason: string, at: number) {
    return cobrowseRecordings.endCobrowseRecording(this.db, tenantId, id, reason, at);
  }

  listCobrowseRecordings(tenantId: string, filter: { sessionId?: string; limit: number }) {
    return cobrowseRecordings.listCobrowseRecordings(this.db, tenantId, filter);
  }

  getCobrowseRecording(tenantId: string, id: string) {
    return cobrowseRecordings.getCobrowseRecording(this.db, tenantId, id);
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
        agent_id: token.agentId,
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

  async listRevokedTokens(since: number) {
    const rows = await this.db
      .selectFrom('app_tokens')
      .selectAll()
      .where('revoked_at', '>=', since)
      .orderBy('revoked_at')
      .orderBy('id')
      .execute();
    return rows.map(toToken);
  }

  async categoryIds(tenantId: string) {
    const rows = await this.db.selectFrom('categories').select('id').where('tenant_id', '=', tenantId).execute();
    return rows.map((r) => r.id);
  }

  importContent(tenantId: string, bundle: ContentBundle, options: ImportOptions) {
    return content.importContent(this.db, tenantId, bundle, options).then(async (summary) => (await search.optimize(this.db), summary));
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

  // Live help (./live.ts)

  createSkill(tenantId: string, id: string, name: string) {
    return live.createSkill(this.db, tenantId, id, name);
  }

  listSkills(tenantId?: string) {
    return live.listSkills(this.db, tenantId);
  }

  getSkill(tenantId: string, id: string) {
    return live.getSkill(this.db, tenantId, id);
  }

  createAgent(agent: NewAgent) {
    return live.createAgent(this.db, agent);
  }

  getAgent(tenantId: string, id: string) {
    return live.getAgent(this.db, tenantId, id);
  }

  listAgents(tenantId?: string) {
    return live.listAgents(this.db, tenantId);
  }

  setAgentStatus(tenantId: string, id: string, status: AgentStatus) {
    return live.setAgentStatus(this.db, tenantId, id, status);
  }

  agentLoads(tenantId: string) {
    return live.agentLoads(this.db, tenantId);
  }

  createLiveSession(session: NewLiveSession) {
    return live.createLiveSession(this.db, session);
  }

  getLiveSession(tenantId: string, id: string) {
    return live.getLiveSession(this.db, tenantId, id);
  }

  findOpenSessionByCode(tenantId: string, code: string) {
    return live.findOpenSessionByCode(this.db, tenantId, code);
  }

  listLiveSessions(tenantId: string, filter: SessionFilter) {
    return live.listLiveSessions(this.db, tenantId, filter);
  }

  transitionLiveSession(tenantId: string, id: string, transition: SessionTransition) {
    return live.transitionLiveSession(this.db, tenantId, id, transition);
  }

  requeueOfferedSessions() {
    return live.requeueOfferedSessions(this.db);
  }

  appendChatEvent(tenantId: string, sessionId: string, event: NewChatEvent, options?: { open?: boolean }) {
    return live.appendChatEvent(this.db, tenantId, sessionId, event, options);
  }

  listChatEvents(tenantId: string, sessionId: string, query: EventQuery) {
    return live.listChatEvents(this.db, tenantId, sessionId, query);
  }

  markSeen(tenantId: string, sessionId: string, role: 'customer' | 'agent', seq: number) {
    return live.markSeen(this.db, tenantId, sessionId, role, seq);
  }

  recentAcceptWaits(tenantId: string, skill: string | null, limit: number) {
    return live.recentAcceptWaits(this.db, tenantId, skill, limit);
  }

  rateLiveSession(tenantId: string, id: string, rating: SessionRating) {
    return live.rateLiveSession(this.db, tenantId, id, rating);
  }

  countTranscript(tenantId: string, sessionId: string, max: number) {
    return live.countTranscript(this.db, tenantId, sessionId, max);
  }

  saveLiveFile(file: LiveFileRecord, bytes: Uint8Array) {
    return live.saveLiveFile(this.db, file, bytes);
  }

  getLiveFile(id: string) {
    return live.getLiveFile(this.db, id);
  }

  countLiveFiles(tenantId: string, sessionId: string) {
    return live.countLiveFiles(this.db, tenantId, sessionId);
  }

  queueMail(mail: Omit<MailRecord, 'id' | 'sentAt'>) {
    return live.queueMail(this.db, mail);
  }

  listMail(tenantId?: string) {
    return live.listMail(this.db, tenantId);
  }

  markMailSent(id: string, sentAt: number) {
    return live.markMailSent(this.db, id, sentAt);
  }

  countOpenLiveSessions() {
    return live.countOpenLiveSessions(this.db);
  }
}
