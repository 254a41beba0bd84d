/**
 * The `Store` both engines implement, over Kysely: every method runs the shared queries of this
 * folder with the engine's Dialect, except search and the search data of content, which each
 * engine has its own (sqlite/search.ts: FTS5; postgres/search.ts: tsvector and GIN). SqliteStore
 * and PostgresStore only open their database and say which engine they are.
 */
import { sql } from 'kysely';
import type { AgentStatus } from '../../../src/protocol/live.js';
import type { ActivityBatch, ContextBatch, SearchHit } from '../../../src/protocol/schemas.js';
import type {
  AgentChange,
  AgentRecord,
  AnalyticsWindow,
  AppToken,
  AuditQuery,
  AccountChange,
  AuthSessionRecord,
  LockPolicy,
  NewAccount,
  PasswordResetRecord,
  CobrowseRecordingPart,
  ContentBundle,
  Edit,
  EventQuery,
  ImportOptions,
  LiveFileRecord,
  MailClaim,
  NewAgent,
  NewAuditRecord,
  NewChatEvent,
  NewCobrowseRecording,
  NewLiveSession,
  NewMail,
  PathQuery,
  RecommendOptions,
  SearchLogEntry,
  SearchOptions,
  SessionFilter,
  SessionRating,
  SessionTransition,
  Store,
  TenantBranding,
  TenantCobrowseSettings,
  TenantConfig,
  ThemeFile,
  Visibility,
  ContentImage,
} from '../types.js';
import type { ThemeKind } from '../../../src/protocol/admin.js';
import type { CategoryInput, GuidedPath } from '../../../src/protocol/schemas.js';
import * as accounts from './accounts.js';
import * as admin from './admin.js';
import * as authoring from './authoring.js';
import * as analytics from './analytics.js';
import * as content from './content.js';
import * as images from './images.js';
import * as context from './context.js';
import type { Db, Dialect } from './engine.js';
import * as live from './live.js';
import * as outbox from './mail.js';
import * as recordings from './recordings.js';
import { recommend, search, type SearchEngine } from './search.js';
import * as settings from './settings.js';
import * as staff from './staff.js';

/** An engine's full-text search: its index as search sees it, and the writer of its search data. */
export interface SearchBackend {
  engine(tenantId: string): SearchEngine<{ id: string }>;
  content: content.ContentIndex;
}

export abstract class KyselyStore implements Store {
  protected constructor(
    /** The database, as the shared queries see it. */
    protected readonly shared: Db,
    protected readonly dialect: Dialect,
    protected readonly searchBackend: SearchBackend,
  ) {}

  abstract migrate(): Promise<string[]>;

  close() {
    return this.shared.destroy();
  }

  async ping() {
    await sql`select 1`.execute(this.shared);
  }

  // Tenants, keys and tokens

  createTenant(id: string, name: string) {
    return accounts.createTenant(this.shared, id, name);
  }

  getTenant(id: string) {
    return accounts.getTenant(this.shared, id);
  }

  listTenants() {
    return accounts.listTenants(this.shared);
  }

  currentSigningKey() {
    return accounts.currentSigningKey(this.shared, this.dialect);
  }

  getSigningKey(kid: string) {
    return accounts.getSigningKey(this.shared, kid);
  }

  createAppToken(token: AppToken) {
    return accounts.createAppToken(this.shared, token);
  }

  getAppToken(id: string) {
    return accounts.getAppToken(this.shared, id);
  }

  listAppTokens(tenantId: string) {
    return accounts.listAppTokens(this.shared, tenantId);
  }

  revokeAppToken(id: string, at: number) {
    return accounts.revokeAppToken(this.shared, id, at);
  }

  listRevokedTokens(since: number) {
    return accounts.listRevokedTokens(this.shared, since);
  }

  // Accounts of people and sign-in (server/accounts/)

  createAccount(account: NewAccount) {
    return staff.createAccount(this.shared, this.dialect, account);
  }

  getAccount(tenantId: string, id: string) {
    return staff.getAccount(this.shared, tenantId, id);
  }

  listAccounts(tenantId: string) {
    return staff.listAccounts(this.shared, tenantId);
  }

  findAccountsByEmail(email: string, tenantId?: string) {
    return staff.findAccountsByEmail(this.shared, email, tenantId);
  }

  updateAccount(tenantId: string, id: string, change: AccountChange) {
    return staff.updateAccount(this.shared, this.dialect, tenantId, id, change);
  }

  deleteAccount(tenantId: string, id: string) {
    return staff.deleteAccount(this.shared, tenantId, id);
  }

  createAuthSession(session: AuthSessionRecord) {
    return staff.createAuthSession(this.shared, session);
  }

  getAuthSession(tokenHash: string) {
    return staff.getAuthSession(this.shared, tokenHash);
  }

  touchAuthSession(id: string, at: number) {
    return staff.touchAuthSession(this.shared, id, at);
  }

  deleteAuthSessions(tenantId: string, accountId: string, which?: { only?: string; except?: string }) {
    return staff.deleteAuthSessions(this.shared, tenantId, accountId, which);
  }

  recordSignInFailure(key: string, now: number, policy: LockPolicy) {
    return staff.recordSignInFailure(this.shared, this.dialect, key, now, policy);
  }

  getSignInLock(key: string, now: number) {
    return staff.getSignInLock(this.shared, key, now);
  }

  clearSignInFailures(key: string) {
    return staff.clearSignInFailures(this.shared, key);
  }

  createPasswordReset(reset: PasswordResetRecord) {
    return staff.createPasswordReset(this.shared, reset);
  }

  usePasswordReset(tokenHash: string, now: number) {
    return staff.usePasswordReset(this.shared, tokenHash, now);
  }

  revokeAppTokensNamed(tenantId: string, name: string, at: number, version?: string) {
    return staff.revokeAppTokensNamed(this.shared, tenantId, name, at, version);
  }

  // Tenant settings and co-browse recordings

  getBranding(tenantId: string) {
    return settings.getBranding(this.shared, tenantId);
  }

  updateBranding(tenantId: string, change: (current: TenantBranding) => TenantBranding) {
    return settings.updateBranding(this.shared, this.dialect, tenantId, change);
  }

  resetBranding(tenantId: string) {
    return settings.resetBranding(this.shared, tenantId);
  }

  putThemeFile(file: ThemeFile) {
    return settings.putThemeFile(this.shared, file);
  }

  getThemeFile(tenantId: string, kind: ThemeKind) {
    return settings.getThemeFile(this.shared, tenantId, kind);
  }

  deleteThemeFile(tenantId: string, kind: ThemeKind) {
    return settings.deleteThemeFile(this.shared, tenantId, kind);
  }

  putContentImage(image: ContentImage & { bytes: Uint8Array }, maxTenantBytes: number) {
    return images.putContentImage(this.shared, this.dialect, image, maxTenantBytes);
  }

  getContentImage(tenantId: string, hash: string) {
    return images.getContentImage(this.shared, tenantId, hash);
  }

  contentImageBytes(tenantId: string) {
    return images.contentImageBytes(this.shared, tenantId);
  }

  getCobrowseSettings(tenantId: string) {
    return settings.getCobrowseSettings(this.shared, tenantId);
  }

  setCobrowseSettings(tenantId: string, change: (current: TenantCobrowseSettings) => TenantCobrowseSettings) {
    return settings.setCobrowseSettings(this.shared, this.dialect, tenantId, change);
  }

  resetCobrowseSettings(tenantId: string) {
    return settings.resetCobrowseSettings(this.shared, tenantId);
  }

  getTenantConfig(tenantId: string) {
    return settings.getTenantConfig(this.shared, tenantId);
  }

  updateTenantConfig(tenantId: string, change: (current: TenantConfig) => TenantConfig) {
    return settings.updateTenantConfig(this.shared, this.dialect, tenantId, change);
  }

  getMailSettings(tenantId: string) {
    return settings.getMailSettings(this.shared, tenantId);
  }

  setMailSettings(tenantId: string, mailSettings: { smtpUrl: string; from: string | null }) {
    return settings.setMailSettings(this.shared, tenantId, mailSettings);
  }

  clearMailSettings(tenantId: string) {
    return settings.clearMailSettings(this.shared, tenantId);
  }

  startCobrowseRecording(recording: NewCobrowseRecording) {
    return recordings.startCobrowseRecording(this.shared, recording);
  }

  appendCobrowseRecordingPart(tenantId: string, id: string, part: CobrowseRecordingPart, maxChars: number) {
    return recordings.appendCobrowseRecordingPart(this.shared, this.dialect, tenantId, id, part, maxChars);
  }

  endCobrowseRecording(tenantId: string, id: string, reason: string, at: number) {
    return recordings.endCobrowseRecording(this.shared, tenantId, id, reason, at);
  }

  listCobrowseRecordings(tenantId: string, filter: { sessionId?: string; limit: number }) {
    return recordings.listCobrowseRecordings(this.shared, tenantId, filter);
  }

  getCobrowseRecording(tenantId: string, id: string) {
    return recordings.getCobrowseRecording(this.shared, tenantId, id);
  }

  // Content and search

  categoryIds(tenantId: string) {
    return content.categoryIds(this.shared, tenantId);
  }

  importContent(tenantId: string, bundle: ContentBundle, options: ImportOptions) {
    return content.importContent(this.shared, this.dialect, this.searchBackend.content, tenantId, bundle, options);
  }

  // Content authoring (authoring.ts)

  getAuthoredPath(tenantId: string, id: string) {
    return authoring.getAuthoredPath(this.shared, tenantId, id);
  }

  listAuthoredPaths(tenantId: string) {
    return authoring.listAuthoredPaths(this.shared, tenantId);
  }

  createPathDraft(tenantId: string, doc: GuidedPath, by: string | null, at: number) {
    return authoring.createPathDraft(this.shared, this.dialect, tenantId, doc, by, at);
  }

  savePathDraft(tenantId: string, id: string, doc: GuidedPath, edit: Edit) {
    return authoring.savePathDraft(this.shared, this.dialect, tenantId, id, doc, edit);
  }

  discardPathDraft(tenantId: string, id: string, edit: Edit) {
    return authoring.discardPathDraft(this.shared, this.dialect, tenantId, id, edit);
  }

  publishPathDraft(tenantId: string, id: string, edit: Edit & { moveHelpIds: boolean }) {
    return authoring.publishPathDraft(this.shared, this.dialect, this.searchBackend.content, tenantId, id, edit);
  }

  listPathVersions(tenantId: string, id: string) {
    return authoring.listPathVersions(this.shared, tenantId, id);
  }

  getPathVersion(tenantId: string, id: string, version: number) {
    return authoring.getPathVersion(this.shared, tenantId, id, version);
  }

  deleteAuthoredPath(tenantId: string, id: string) {
    return authoring.deleteAuthoredPath(this.shared, this.dialect, this.searchBackend.content, tenantId, id);
  }

  moveHelpId(tenantId: string, helpId: string, to: string, at: number) {
    return authoring.moveHelpId(this.shared, this.dialect, this.searchBackend.content, tenantId, helpId, to, at);
  }

  helpIdHolders(tenantId: string, helpIds: string[]) {
    return authoring.helpIdHolders(this.shared, tenantId, helpIds);
  }

  listAllCategories(tenantId: string) {
    return authoring.listAllCategories(this.shared, this.dialect, tenantId);
  }

  createCategory(tenantId: string, category: CategoryInput) {
    return authoring.createCategory(this.shared, tenantId, category);
  }

  updateCategory(tenantId: string, category: CategoryInput) {
    return authoring.updateCategory(this.shared, tenantId, category);
  }

  deleteCategory(tenantId: string, id: string) {
    return authoring.deleteCategory(this.shared, this.dialect, tenantId, id);
  }

  listPaths(tenantId: string, query: PathQuery) {
    return content.listPaths(this.shared, this.dialect, tenantId, query);
  }

  getPath(tenantId: string, id: string, visibility: Visibility) {
    return content.getPath(this.shared, tenantId, id, visibility);
  }

  getPathByHelpId(tenantId: string, helpId: string, visibility: Visibility) {
    return content.getPathByHelpId(this.shared, tenantId, helpId, visibility);
  }

  listCategories(tenantId: string, visibility: Visibility) {
    return content.listCategories(this.shared, tenantId, visibility);
  }

  search(tenantId: string, options: SearchOptions): Promise<SearchHit[]> {
    return search(this.searchBackend.engine(tenantId), options);
  }

  async recommend(tenantId: string, options: RecommendOptions) {
    const consumerId = options.consumerKey && (await context.consumerIdForKey(this.shared, tenantId, options.consumerKey));
    return recommend(this.shared, this.dialect, this.searchBackend.engine(tenantId), tenantId, consumerId || undefined, options);
  }

  // Consumers and context

  applyContext(tenantId: string, batch: ContextBatch) {
    return context.applyContext(this.shared, this.dialect, tenantId, batch);
  }

  recordActivity(tenantId: string, batch: ActivityBatch, visibility: Visibility) {
    return context.recordActivity(this.shared, this.dialect, tenantId, batch, visibility);
  }

  getConsumer(tenantId: string, key: string) {
    return context.getConsumer(this.shared, this.dialect, tenantId, key);
  }

  // Live help

  createSkill(tenantId: string, id: string, name: string) {
    return live.createSkill(this.shared, tenantId, id, name);
  }

  listSkills(tenantId?: string) {
    return live.listSkills(this.shared, tenantId);
  }

  getSkill(tenantId: string, id: string) {
    return live.getSkill(this.shared, tenantId, id);
  }

  createAgent(agent: NewAgent) {
    return live.createAgent(this.shared, this.dialect, agent);
  }

  getAgent(tenantId: string, id: string) {
    return live.getAgent(this.shared, tenantId, id);
  }

  listAgents(tenantId?: string) {
    return live.listAgents(this.shared, tenantId);
  }

  setAgentStatus(tenantId: string, id: string, status: AgentStatus) {
    return live.setAgentStatus(this.shared, tenantId, id, status);
  }

  agentLoads(tenantId: string) {
    return live.agentLoads(this.shared, tenantId);
  }

  // Administration and the audit log

  renameSkill(tenantId: string, id: string, name: string) {
    return admin.renameSkill(this.shared, tenantId, id, name);
  }

  deleteSkill(tenantId: string, id: string, at: number) {
    return admin.deleteSkill(this.shared, this.dialect, tenantId, id, at);
  }

  updateAgent(tenantId: string, id: string, change: (current: AgentRecord) => AgentChange) {
    return admin.updateAgent(this.shared, this.dialect, tenantId, id, change);
  }

  deleteAgent(tenantId: string, id: string, at: number) {
    return admin.deleteAgent(this.shared, this.dialect, tenantId, id, at);
  }

  appendAudit(record: NewAuditRecord) {
    return admin.appendAudit(this.shared, record);
  }

  listAudit(query: AuditQuery) {
    return admin.listAudit(this.shared, query);
  }

  // Analytics

  recordSearches(entries: SearchLogEntry[]) {
    return analytics.recordSearches(this.shared, entries);
  }

  selfHelpAnalytics(tenantId: string, window: AnalyticsWindow) {
    return this.dialect.report(this.shared, (db) => analytics.selfHelpAnalytics(db, tenantId, window));
  }

  liveHelpAnalytics(tenantId: string, window: AnalyticsWindow) {
    return this.dialect.report(this.shared, (db) => analytics.liveHelpAnalytics(db, tenantId, window));
  }

  createLiveSession(session: NewLiveSession) {
    return live.createLiveSession(this.shared, this.dialect, session);
  }

  getLiveSession(tenantId: string, id: string) {
    return live.getLiveSession(this.shared, tenantId, id);
  }

  findOpenSessionByCode(tenantId: string, code: string) {
    return live.findOpenSessionByCode(this.shared, tenantId, code);
  }

  listLiveSessions(tenantId: string, filter: SessionFilter) {
    return live.listLiveSessions(this.shared, this.dialect, tenantId, filter);
  }

  transitionLiveSession(tenantId: string, id: string, transition: SessionTransition) {
    return live.transitionLiveSession(this.shared, this.dialect, tenantId, id, transition);
  }

  requeueOfferedSessions() {
    return live.requeueOfferedSessions(this.shared);
  }

  appendChatEvent(tenantId: string, sessionId: string, event: NewChatEvent, options?: { open?: boolean }) {
    return live.appendChatEvent(this.shared, this.dialect, tenantId, sessionId, event, options);
  }

  listChatEvents(tenantId: string, sessionId: string, query: EventQuery) {
    return live.listChatEvents(this.shared, tenantId, sessionId, query);
  }

  markSeen(tenantId: string, sessionId: string, role: 'customer' | 'agent', seq: number) {
    return live.markSeen(this.shared, this.dialect, tenantId, sessionId, role, seq);
  }

  recentAcceptWaits(tenantId: string, skill: string | null, limit: number) {
    return live.recentAcceptWaits(this.shared, tenantId, skill, limit);
  }

  rateLiveSession(tenantId: string, id: string, rating: SessionRating) {
    return live.rateLiveSession(this.shared, this.dialect, tenantId, id, rating);
  }

  countTranscript(tenantId: string, sessionId: string, max: number) {
    return live.countTranscript(this.shared, tenantId, sessionId, max);
  }

  saveLiveFile(file: LiveFileRecord, bytes: Uint8Array) {
    return live.saveLiveFile(this.shared, file, bytes);
  }

  getLiveFile(id: string) {
    return live.getLiveFile(this.shared, id);
  }

  countLiveFiles(tenantId: string, sessionId: string) {
    return live.countLiveFiles(this.shared, tenantId, sessionId);
  }

  queueMail(mail: NewMail) {
    return outbox.queueMail(this.shared, mail);
  }

  listMail(tenantId?: string) {
    return outbox.listMail(this.shared, tenantId);
  }

  markMailSent(id: string, sentAt: number) {
    return outbox.markMailSent(this.shared, id, sentAt);
  }

  claimMail(claim: MailClaim) {
    return outbox.claimMail(this.shared, claim);
  }

  releaseMail(id: string, owner: string, error: string, until: number | null) {
    return outbox.releaseMail(this.shared, id, owner, error, until);
  }

  countOpenLiveSessions() {
    return live.countOpenLiveSessions(this.shared);
  }
}
