/** Kysely row types of the SQLite schema (see migrations/0001_initial.ts, 0004_live.ts) and the connection. */
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql, type Generated } from 'kysely';
import { migrationProvider } from '../migrations/index.js';

export interface TenantsTable {
  id: string;
  name: string;
  created_at: number;
}

export interface SigningKeysTable {
  kid: string;
  secret: string;
  created_at: number;
}

export interface AppTokensTable {
  id: string;
  tenant_id: string;
  name: string;
  version: string;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  /** Set for agent tokens (migration 0004). */
  agent_id: Generated<string | null>;
}

export interface CategoriesTable {
  tenant_id: string;
  id: string;
  name: string;
  description: string;
  icon: string | null;
  sort_order: number;
}

export interface PathsTable {
  pk: Generated<number>;
  tenant_id: string;
  id: string;
  title: string;
  summary: string;
  category_id: string;
  audience: string;
  /** JSON array of the path's tags. */
  tags: string;
  /** JSON array of the help-ids the path holds now. */
  help_ids: string;
  step_count: number;
  /** The full GuidedPath as JSON. */
  doc: string;
  updated_at: number;
}

export interface PathTagsTable {
  tenant_id: string;
  path_id: string;
  tag_key: string;
  tag: string;
}

export interface HelpIdsTable {
  tenant_id: string;
  help_id: string;
  path_id: string;
}

export interface ConsumersTable {
  id: string;
  tenant_id: string;
  first_name: string | null;
  first_name_at: number | null;
  last_name: string | null;
  last_name_at: number | null;
  email: string | null;
  email_at: number | null;
  external_id: string | null;
  external_id_at: number | null;
  phone: string | null;
  phone_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface ConsumerKeysTable {
  tenant_id: string;
  key: string;
  consumer_id: string;
  created_at: number;
}

export interface ContextEntriesTable {
  tenant_id: string;
  id: string;
  consumer_id: string;
  kind: string;
  name: string;
  detail: string | null;
  data: string | null;
  at: number;
  cleared_at: number | null;
}

export interface AppliedOpsTable {
  tenant_id: string;
  id: string;
  applied_at: number;
}

export interface PathActivityTable {
  tenant_id: string;
  id: string;
  consumer_id: string;
  path_id: string;
  step_id: string | null;
  event: string;
  at: number;
}

export interface SkillsTable {
  tenant_id: string;
  id: string;
  name: string;
  created_at: number;
}

export interface AgentsTable {
  tenant_id: string;
  id: string;
  name: string;
  status: string;
  max_sessions: number;
  created_at: number;
}

export interface AgentSkillsTable {
  tenant_id: string;
  agent_id: string;
  skill_id: string;
}

export interface LiveSessionsTable {
  id: string;
  tenant_id: string;
  kind: string;
  skill_id: string | null;
  state: string;
  code: string;
  consumer_key: string;
  client_id: string;
  /** JSON object of custom data. */
  data: string;
  /** JSON SessionOrigin, or null. */
  origin: string | null;
  agent_id: string | null;
  created_at: number;
  offered_at: number | null;
  accepted_at: number | null;
  ended_at: number | null;
  ended_by: string | null;
  last_seq: Generated<number>;
  seen_customer: Generated<number>;
  seen_agent: Generated<number>;
  rating_score: number | null;
  rating_comment: string | null;
  /** JSON object of survey answers. */
  rating_survey: string | null;
  rated_at: number | null;
  transcripts_sent: Generated<number>;
}

export interface LiveEventsTable {
  session_id: string;
  seq: number;
  tenant_id: string;
  type: string;
  author_role: string;
  author_id: string | null;
  author_name: string | null;
  client_id: string | null;
  text: string | null;
  /** JSON FileInfo. */
  file: string | null;
  presence: string | null;
  state: string | null;
  score: number | null;
  at: number;
}

export interface LiveFilesTable {
  id: string;
  tenant_id: string;
  session_id: string;
  name: string;
  type: string;
  size: number;
  bytes: Buffer;
  uploaded_by_role: string;
  uploaded_by_id: string | null;
  created_at: number;
}

export interface MailOutboxTable {
  id: string;
  tenant_id: string;
  to_address: string;
  subject: string;
  body: string;
  created_at: number;
  sent_at: number | null;
}

export interface TenantBrandingTable {
  tenant_id: string;
  theme_url: string | null;
  step_content_theme_url: string | null;
  /** 0 or 1. */
  apply_on_mobile: number;
  /** JSON: overrides by locale tag, then by key (migration 0006). */
  strings: string;
  updated_at: number;
}

export interface TenantCobrowseSettingsTable {
  tenant_id: string;
  /** JSON array of CSS selectors (migration 0007). */
  block_selectors: string;
  /** JSON array of CSS selectors. */
  mask_text_selectors: string;
  remote_client_url: string | null;
  updated_at: number;
  /** 1: co-browse is recorded (migration 0008). */
  recording: Generated<number>;
}

export interface CobrowseRecordingsTable {
  id: string;
  tenant_id: string;
  session_id: string;
  agent_id: string;
  agent_name: string;
  started_at: number;
  ended_at: number | null;
  end_reason: string | null;
  chars: Generated<number>;
  truncated: Generated<number>;
}

export interface CobrowseRecordingPartsTable {
  recording_id: string;
  seq: number;
  part: number;
  parts: number;
  data: string;
  at: number;
}

export interface DB {
  tenants: TenantsTable;
  signing_keys: SigningKeysTable;
  app_tokens: AppTokensTable;
  categories: CategoriesTable;
  paths: PathsTable;
  path_tags: PathTagsTable;
  help_ids: HelpIdsTable;
  consumers: ConsumersTable;
  consumer_keys: ConsumerKeysTable;
  context_entries: ContextEntriesTable;
  applied_ops: AppliedOpsTable;
  path_activity: PathActivityTable;
  skills: SkillsTable;
  agents: AgentsTable;
  agent_skills: AgentSkillsTable;
  live_sessions: LiveSessionsTable;
  live_events: LiveEventsTable;
  live_files: LiveFilesTable;
  mail_outbox: MailOutboxTable;
  tenant_branding: TenantBrandingTable;
  tenant_cobrowse_settings: TenantCobrowseSettingsTable;
  cobrowse_recordings: CobrowseRecordingsTable;
  cobrowse_recording_parts: CobrowseRecordingPartsTable;
}

/** Opens (creating if needed) a database file in WAL mode with foreign keys enforced. */
export function openDatabase(file: string): Kysely<DB> {
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  // The CLI may write while the server runs: wait for the other writer instead of failing.
  database.pragma('busy_timeout = 5000');
  // Search reads the same index pages on every keystroke: keep up to 64 MiB of them in the page
  // cache and map the file, instead of the 2 MiB default and a read() per page.
  database.pragma('cache_size = -65536');
  database.pragma('mmap_size = 268435456');
  return new Kysely<DB>({ dialect: new SqliteDialect({ database }) });
}

/** Applies pending migrations; returns their names. */
export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  const { error, results = [] } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (error) throw error;
  return results.map((r) => r.migrationName);
}

/**
 * Runs `fn` in a write transaction taken at once (`BEGIN IMMEDIATE`), so that a transaction that
 * reads before it writes cannot fail half-way because another process wrote in between.
 */
export function writeTransaction<T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`BEGIN IMMEDIATE`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`COMMIT`.execute(conn);
      return result;
    } catch (error) {
      await sql`ROLLBACK`.execute(conn);
      throw error;
    }
  });
}
