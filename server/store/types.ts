/**
 * The storage contract of Nexus Cloud. Routes, auth, the CLI and the content importer talk only
 * to this interface; `SqliteStore` and `PostgresStore` implement it (`openStore` in open.ts picks
 * one), both over the shared queries of shared/, and test/store-contract*.test.ts holds both to it.
 *
 * Every method that reads or writes tenant data takes the tenant id first and never returns a row
 * of another tenant. Methods that return content take the audiences the caller may see, so that
 * visibility is decided once, by the caller's token (see `audiencesFor` in auth.ts).
 */
import type {
  ActivityBatch,
  ActivityBatchResult,
  Audience,
  Category,
  CategoryInput,
  ContextBatch,
  ContextBatchResult,
  GuidedPath,
  LogKind,
  PathSummary,
  Recommendation,
  SearchHit,
  TokenAudience,
} from '../../src/protocol/schemas.js';
export type * from './account-types.js';
export type * from './live-types.js';
export type * from './authoring-types.js';
export type * from './analytics-types.js';
import type { AnalyticsStore } from './analytics-types.js';
import type { AccountStore } from './account-types.js';
import type { AuthoringStore } from './authoring-types.js';
import type { AgentRecord, LiveStore, SkillRecord, TenantMailSettings } from './live-types.js';
import type { ThemeKind } from '../../src/protocol/admin.js';

export interface Tenant {
  id: string;
  name: string;
  createdAt: number;
}

/** An HMAC key that signs application tokens; `kid` goes into every JWT header. */
export interface SigningKey {
  kid: string;
  /** Raw key bytes. */
  secret: Uint8Array;
  createdAt: number;
}

/** The registration of one application token (the JWT itself is not stored). */
export interface AppToken {
  /** Token id, also the JWT `sub`. */
  id: string;
  tenantId: string;
  name: string;
  version: string;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  /** The agent an agent token signs in; null for application tokens. */
  agentId: string | null;
  /**
   * The signing key of its JWT, so the JWT can be shown again (`viewTokenJwt` in admin/tokens.ts);
   * null or absent for tokens registered before it was kept (signed with the first key).
   */
  kid?: string | null;
  /**
   * Where an application token may be used (server/auth.ts checks it); agent tokens have the
   * default, `client-apps-and-rest-apis`. Absent: the default.
   */
  audience?: TokenAudience;
}

/** Validated content of one folder, ready to write. */
export interface ContentBundle {
  categories: CategoryInput[];
  paths: GuidedPath[];
}

export interface ImportOptions {
  /** Also delete the tenant's paths and categories that the bundle does not contain. */
  replace: boolean;
}

export interface ImportSummary {
  categories: number;
  paths: number;
  deletedPaths: string[];
  deletedCategories: string[];
  /** Help-ids taken from a path outside the bundle, with the path that held them. */
  movedHelpIds: { helpId: string; from: string; to: string }[];
}

/** Filters shared by listing, search and recommendations. */
export interface Visibility {
  /** Audiences whose paths the caller may see (e.g. consumer and all). */
  audiences: readonly Audience[];
}

export interface PathQuery extends Visibility {
  /** Any of these tags (case-insensitive); no filter when empty. */
  tags: string[];
  category?: string;
  limit: number;
  offset: number;
}

export interface SearchOptions extends Visibility {
  /** The user's text, as typed. */
  text: string;
  tags: string[];
  limit: number;
}

export interface RecommendOptions extends Visibility {
  consumerKey?: string;
  limit: number;
}

export interface ContextEntry {
  id: string;
  kind: LogKind;
  name: string;
  detail: string | null;
  data: unknown;
  at: number;
  clearedAt: number | null;
}

export interface ActivityRecord {
  id: string;
  pathId: string;
  stepId: string | null;
  event: string;
  at: number;
}

/** Everything known about one consumer: what an agent sees next to a live session. */
export interface ConsumerRecord {
  id: string;
  tenantId: string;
  keys: string[];
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  externalId: string | null;
  phone: string | null;
  entries: ContextEntry[];
  activity: ActivityRecord[];
  createdAt: number;
  updatedAt: number;
}

/**
 * The request is well-formed but names something that does not exist or may not be used
 * (an unknown path in an activity event...). `path` points into the request body.
 */
export class InvalidInputError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'InvalidInputError';
  }
}

/**
 * A tenant's portal branding. A tenant that never set any has the defaults: no themes, applied
 * on mobile devices, no string overrides.
 */
export interface TenantBranding {
  tenantId: string;
  /** Stylesheet applied inside every element (https, or http on localhost). */
  themeUrl: string | null;
  /** Stylesheet for the HTML of guided-path steps. */
  stepContentThemeUrl: string | null;
  /** Whether the theme applies on mobile devices too ("Enable theme in mobile applications"). */
  applyOnMobile: boolean;
  /** String overrides by locale tag (`*` for every locale) and catalogue key. */
  strings: Record<string, Record<string, string>>;
  /** Last change; null for the defaults of a tenant with no branding. */
  updatedAt: number | null;
}

/** A theme stylesheet the server hosts for a tenant (Settings > Self-Support Branding > Upload Theme file). */
export interface ThemeFile {
  tenantId: string;
  /** Which theme: the elements' (`theme`) or the steps' HTML (`step-content`). */
  kind: ThemeKind;
  /** SHA-256 of the CSS as UTF-8, in hex: the file's URL names it, so a new upload is a new URL. */
  hash: string;
  /** The stylesheet, checked by server/theme-files.ts. */
  css: string;
  /** Its length in bytes (UTF-8). */
  size: number;
  uploadedAt: number;
}

/**
 * A tenant's co-browse settings. A tenant that never set any has no extra selectors and no
 * remote client URL.
 */
export interface TenantCobrowseSettings {
  tenantId: string;
  /** Extra CSS selectors of elements never captured (added to the page's and the built-in ones). */
  blockSelectors: string[];
  /** Extra CSS selectors of elements whose text is masked. */
  maskTextSelectors: string[];
  /** Download URL of the remote-support client (`remoteConnectionType: "remote"`). */
  remoteClientUrl: string | null;
  /** Co-browse is recorded: the customer's events are stored (off by default). */
  recording: boolean;
  /** Last change; null for the defaults. */
  updatedAt: number | null;
}

/**
 * A tenant's configuration of live help ("Admin > Settings > Configurations"). A tenant that
 * never changed it has both switches on.
 */
export interface TenantConfig {
  tenantId: string;
  /** Agents may transfer a session to another agent or a skill's queue ("Allow Session Transfer"). */
  allowSessionTransfer: boolean;
  /** Agents may transfer a session to a skill's queue too ("Enable Agent to Skill Transfer"). */
  agentToSkillTransfer: boolean;
  /** Last change; null for the defaults. */
  updatedAt: number | null;
}

/** A recording that starts: the co-browse's id, its session and the agent who asked. */
export interface NewCobrowseRecording {
  id: string;
  tenantId: string;
  sessionId: string;
  agent: { id: string; name: string };
  startedAt: number;
}

/** A stored co-browse recording (without its parts). */
export interface CobrowseRecordingRecord extends NewCobrowseRecording {
  endedAt: number | null;
  endReason: string | null;
  /** Characters of event data kept. */
  chars: number;
  /** The size cap was reached: later parts were not kept. */
  truncated: boolean;
}

/** One relayed part of a batch of events, as stored. */
export interface CobrowseRecordingPart {
  seq: number;
  part: number;
  parts: number;
  data: string;
  at: number;
}

/** The thing to create exists already (a tenant id...). */
export class ConflictError extends Error {
  override name = 'ConflictError';
}

/**
 * The database could not take the work now (PostgreSQL: every pooled connection stayed busy for
 * the connect timeout, or too many live writes wait for one): nothing was stored. Callers
 * answer `unavailable` (503), for the client to try again in a moment.
 */
export class OverloadedError extends Error {
  override name = 'OverloadedError';
}

/** A chat event was sent to a session that has ended. */
export class SessionEndedError extends Error {
  override name = 'SessionEndedError';
}

/** What an agent edit changes (`updateAgent`); absent fields stay as they are. */
export interface AgentChange {
  name?: string;
  maxSessions?: number;
  /** The whole new list (each once); every one must be a skill of the tenant. */
  skills?: string[];
}

/**
 * What deleting a skill or an agent did: deleted (with the agents that lost the skill, or the
 * agent's tokens revoked), or refused because open sessions (queued, offered or active) are in
 * the skill or with the agent, counted.
 */
export type DeleteOutcome<T> = { deleted: true; record: T; affected: string[] } | { deleted: false; openSessions: number };

/** Who made an audited change, as stored: the CLI (no id), or an account by its id. */
export interface AuditActorRef {
  kind: 'cli' | 'account';
  id: string | null;
}

/** One administrative change: who, what, on what, before and after (bounded JSON values), when, in which tenant. */
export interface AuditRecord {
  /** Its place in the log (increasing); the paging cursor. */
  seq: number;
  /** Null for a change outside any tenant. */
  tenantId: string | null;
  at: number;
  actor: AuditActorRef;
  /** `token.create`, `skill.delete`… (AUDIT_ACTIONS in src/protocol/api.ts). */
  action: string;
  /** What was changed: a token, skill or agent id, or the tenant for its settings. */
  target: string;
  before: unknown;
  after: unknown;
}

export type NewAuditRecord = Omit<AuditRecord, 'seq'>;

/** Filters of `listAudit`, all optional but `limit`; newest first, `beforeSeq` for the next page. */
export interface AuditQuery {
  tenantId?: string;
  actorKind?: AuditActorRef['kind'];
  actorId?: string;
  action?: string;
  target?: string;
  /** Times in ms: at or after `since`, before `until`. */
  since?: number;
  until?: number;
  /** Only records older than this seq (the last seq of the page before). */
  beforeSeq?: number;
  limit: number;
}

/** Administration of skills and agents and the audit log; part of `Store`. */
export interface AdminStore {
  /** Renames a skill; undefined when the tenant has no such skill. */
  renameSkill(tenantId: string, id: string, name: string): Promise<SkillRecord | undefined>;
  /**
   * Deletes a skill, refused while open sessions are in it. A deleted skill is taken off every
   * agent (`affected`: their ids), left out of lists and lookups, and kept for the sessions that
   * name it; creating it again brings the id back. Undefined when there is no such skill.
   */
  deleteSkill(tenantId: string, id: string, at: number): Promise<DeleteOutcome<SkillRecord> | undefined>;
  /**
   * Changes an agent in one write transaction: `change` gets the current agent and returns what
   * to change (it may throw to write nothing). Throws `InvalidInputError` for a skill the tenant
   * does not have. Undefined when there is no such agent; else the agent before and after.
   */
  updateAgent(
    tenantId: string,
    id: string,
    change: (current: AgentRecord) => AgentChange,
  ): Promise<{ before: AgentRecord; after: AgentRecord } | undefined>;
  /**
   * Deletes an agent, refused while it holds open sessions (offered or active). Its tokens are
   * revoked at `at` in the same transaction (`affected`: their ids), so open connections close;
   * the record is kept for the sessions it served. Undefined when there is no such agent.
   */
  deleteAgent(tenantId: string, id: string, at: number): Promise<DeleteOutcome<AgentRecord> | undefined>;
  /** Appends a record to the audit log. */
  appendAudit(record: NewAuditRecord): Promise<AuditRecord>;
  /** Records matching every filter given, newest first. */
  listAudit(query: AuditQuery): Promise<AuditRecord[]>;
}

export interface Store extends LiveStore, AdminStore, AccountStore, AuthoringStore, AnalyticsStore {
  /** Brings the schema up to date; safe to call on every start. Returns the migrations applied now. */
  migrate(): Promise<string[]>;
  /** Releases the database; the store is unusable afterwards. */
  close(): Promise<void>;
  /** A cheap round trip to the database (`select 1`), for readiness checks; throws when it cannot answer. */
  ping(): Promise<void>;

  /** Creates a tenant; throws `ConflictError` when the id is taken. */
  createTenant(id: string, name: string): Promise<Tenant>;
  getTenant(id: string): Promise<Tenant | undefined>;
  listTenants(): Promise<Tenant[]>;

  /** The tenant's portal branding (the defaults when it set none); undefined when there is no such tenant. */
  getBranding(tenantId: string): Promise<TenantBranding | undefined>;
  /**
   * Changes a tenant's branding in one write transaction: `change` gets the current branding and
   * returns the new one (it may throw to write nothing). Throws when there is no such tenant.
   */
  updateBranding(tenantId: string, change: (current: TenantBranding) => TenantBranding): Promise<TenantBranding>;
  /** Back to the defaults; false when the tenant had no branding. */
  resetBranding(tenantId: string): Promise<boolean>;

  /** Stores a hosted theme file, replacing the tenant's file of that kind; throws when there is no such tenant. */
  putThemeFile(file: ThemeFile): Promise<ThemeFile>;
  /** The tenant's hosted theme file of a kind; undefined when it has none (or there is no such tenant). */
  getThemeFile(tenantId: string, kind: ThemeKind): Promise<ThemeFile | undefined>;
  /** Removes the tenant's hosted theme file of a kind; false when it had none. */
  deleteThemeFile(tenantId: string, kind: ThemeKind): Promise<boolean>;

  /** The tenant's co-browse settings (the defaults when it set none); undefined when there is no such tenant. */
  getCobrowseSettings(tenantId: string): Promise<TenantCobrowseSettings | undefined>;
  /** Replaces a tenant's co-browse settings (validated by the caller); throws when there is no such tenant. */
  setCobrowseSettings(tenantId: string, change: (current: TenantCobrowseSettings) => TenantCobrowseSettings): Promise<TenantCobrowseSettings>;
  /** Back to the defaults; false when the tenant had none. */
  resetCobrowseSettings(tenantId: string): Promise<boolean>;

  /** The tenant's live-help configuration (the defaults when it set none); undefined when there is no such tenant. */
  getTenantConfig(tenantId: string): Promise<TenantConfig | undefined>;
  /**
   * Changes a tenant's configuration in one write transaction: `change` gets the current one and
   * returns the new one (it may throw to write nothing). Throws when there is no such tenant.
   */
  updateTenantConfig(tenantId: string, change: (current: TenantConfig) => TenantConfig): Promise<TenantConfig>;

  /** The tenant's own SMTP server; undefined when it has none (or there is no such tenant). */
  getMailSettings(tenantId: string): Promise<TenantMailSettings | undefined>;
  /** Sets the tenant's SMTP URL and From (checked by the caller); throws when there is no such tenant. */
  setMailSettings(tenantId: string, settings: { smtpUrl: string; from: string | null }): Promise<TenantMailSettings>;
  /** Removes the tenant's SMTP server (its mail goes the server's way again); false when it had none. */
  clearMailSettings(tenantId: string): Promise<boolean>;

  /** Starts storing a co-browse (a second start of the same id changes nothing). */
  startCobrowseRecording(recording: NewCobrowseRecording): Promise<void>;
  /** Appends one part; false when it was not kept (no such recording, or past `maxChars`: then truncated). */
  appendCobrowseRecordingPart(tenantId: string, id: string, part: CobrowseRecordingPart, maxChars: number): Promise<boolean>;
  /** The co-browse ended: when and why. */
  endCobrowseRecording(tenantId: string, id: string, reason: string, at: number): Promise<void>;
  /** The tenant's recordings, newest first. */
  listCobrowseRecordings(tenantId: string, filter: { sessionId?: string; limit: number }): Promise<CobrowseRecordingRecord[]>;
  /** One recording with its parts in order; undefined when not of this tenant. */
  getCobrowseRecording(tenantId: string, id: string): Promise<{ recording: CobrowseRecordingRecord; parts: CobrowseRecordingPart[] } | undefined>;

  /** The key new tokens are signed with; created on first use. */
  currentSigningKey(): Promise<SigningKey>;
  /** A key by id, to verify a token that names it. */
  getSigningKey(kid: string): Promise<SigningKey | undefined>;

  /** Registers a token; its tenant must exist. */
  createAppToken(token: AppToken): Promise<void>;
  getAppToken(id: string): Promise<AppToken | undefined>;
  /** The tenant's tokens, newest first. */
  listAppTokens(tenantId: string): Promise<AppToken[]>;
  /** Marks a token revoked; false when there is no such token. Revoking twice keeps the first time. */
  revokeAppToken(id: string, at: number): Promise<boolean>;
  /**
   * Tokens (application and agent) whose `revokedAt` is at or after `since` (ms since the
   * epoch), of every tenant, oldest revocation first. The live hub asks this about once a second
   * to close the connections of tokens revoked elsewhere (the CLI, another process), so it must
   * be served by an index on the revocation time and not scan every token.
   */
  listRevokedTokens(since: number): Promise<AppToken[]>;

  /** Ids of the tenant's categories (the importer checks paths against them). */
  categoryIds(tenantId: string): Promise<string[]>;
  /**
   * Writes a validated bundle in one transaction: upserts by id, moves help-ids claimed by the
   * bundle away from the paths that held them, and with `replace` deletes what the bundle lacks.
   * Either all of it is written or none of it.
   */
  importContent(tenantId: string, bundle: ContentBundle, options: ImportOptions): Promise<ImportSummary>;

  /** Visible path summaries ordered by title, with the total before paging. */
  listPaths(tenantId: string, query: PathQuery): Promise<{ items: PathSummary[]; total: number }>;
  /** One visible path, or undefined (also when it exists for another audience only). */
  getPath(tenantId: string, id: string, visibility: Visibility): Promise<GuidedPath | undefined>;
  /** The visible path a help-id names, or undefined. */
  getPathByHelpId(tenantId: string, helpId: string, visibility: Visibility): Promise<GuidedPath | undefined>;
  /**
   * Ranked full-text search: all words must match, and when nothing does, any word. The last
   * word matches as a prefix. Never throws on user text.
   */
  search(tenantId: string, options: SearchOptions): Promise<SearchHit[]>;
  /** Categories that hold at least one visible path, with that count, by order then name. */
  listCategories(tenantId: string, visibility: Visibility): Promise<Category[]>;
  /** In-progress paths, then paths matching active context, then popular ones (see README). */
  recommend(tenantId: string, options: RecommendOptions): Promise<Recommendation[]>;

  /**
   * Applies context operations in order in one transaction, creating the consumer on first use.
   * Operations whose id was applied before are skipped and not counted.
   */
  applyContext(tenantId: string, batch: ContextBatch): Promise<ContextBatchResult>;
  /**
   * Records path activity, skipping events seen before. Throws `InvalidInputError` (and writes
   * nothing) when an event names a path the caller cannot see.
   */
  recordActivity(tenantId: string, batch: ActivityBatch, visibility: Visibility): Promise<ActivityBatchResult>;
  /** The consumer a key names, with identity, context entries and activity; undefined if none. */
  getConsumer(tenantId: string, key: string): Promise<ConsumerRecord | undefined>;
}
