/**
 * The storage contract of Nexus Cloud. Routes, auth, the CLI and the content importer talk only
 * to this interface; `SqliteStore` implements it today and a PostgreSQL store can implement it
 * later without touching them.
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
} from '../../src/protocol/schemas.js';

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

/** The thing to create exists already (a tenant id...). */
export class ConflictError extends Error {
  override name = 'ConflictError';
}

export interface Store {
  /** Brings the schema up to date; safe to call on every start. Returns the migrations applied now. */
  migrate(): Promise<string[]>;
  /** Releases the database; the store is unusable afterwards. */
  close(): Promise<void>;

  /** Creates a tenant; throws `ConflictError` when the id is taken. */
  createTenant(id: string, name: string): Promise<Tenant>;
  getTenant(id: string): Promise<Tenant | undefined>;
  listTenants(): Promise<Tenant[]>;

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
