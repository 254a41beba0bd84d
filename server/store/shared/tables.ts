/**
 * Kysely row types of the tables both stores have, as the stores read them: JSON columns as JSON
 * text (the PostgreSQL store reads json and jsonb as text, see postgres/db.ts), times as
 * milliseconds since the epoch in numbers, and booleans as the engine has them (`Flag`: 0 or 1 in
 * SQLite, true or false in PostgreSQL). Schemas: sqlite/../migrations/, postgres/migrations/.
 */
import type { Generated } from 'kysely';

/** A stored boolean: 0 or 1 (SQLite), or a boolean (PostgreSQL). */
export type Bool = number | boolean;

/** The boolean a stored flag means. */
export const isSet = (flag: Bool) => flag === true || flag === 1;

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
  /** The key it was signed with (SQLite 0013, PostgreSQL 0008); null for older tokens. */
  kid: Generated<string | null>;
  /** Where it may be used (SQLite 0015, PostgreSQL 0010): a `TokenAudience`. */
  audience: Generated<string>;
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
  /** Where the path was opened from, on `started` events (migration SQLite 0016, PostgreSQL 0011). */
  source: string | null;
}
/** One walk of a path by a consumer (SQLite 0016, PostgreSQL 0011; shared/walks.ts). */
export interface PathWalksTable {
  tenant_id: string;
  consumer_id: string;
  path_id: string;
  started_at: number;
  source: string | null;
  /** The last step shown, until an outcome. */
  last_step: string | null;
  last_at: number;
  /** `resolved` or `escalated`; null while it has none. */
  outcome: string | null;
  /** Kept by triggers for deflection (SQLite 0019, PostgreSQL 0014; shared/deflection.ts): the consumer's walk before, */
  prev_start: Generated<number | null>;
  /** their first resolved walk from this one's start, */
  next_resolved: Generated<number | null>;
  /** and their first live session from it. */
  next_live: Generated<number | null>;
}
/** One customer search (SQLite 0016, PostgreSQL 0011). */
export interface SearchLogTable {
  tenant_id: string;
  at: number;
  query: string;
  results: number;
  consumer_key: string | null;
}

export interface SkillsTable {
  tenant_id: string;
  id: string;
  name: string;
  created_at: number;
  /** When it was deleted (kept for the sessions that name it); null while it exists. */
  deleted_at: Generated<number | null>;
}

export interface AgentsTable {
  tenant_id: string;
  id: string;
  name: string;
  status: string;
  max_sessions: number;
  created_at: number;
  /** When it was deleted (kept for the sessions it served); null while it exists. */
  deleted_at: Generated<number | null>;
}

/** The audit log (SQLite 0013, PostgreSQL 0008): before and after as JSON text. */
export interface AuditLogTable {
  seq: Generated<number>;
  tenant_id: string | null;
  at: number;
  actor_kind: string;
  actor_id: string | null;
  action: string;
  target: string;
  before: string | null;
  after: string | null;
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
  /** SMTP tries so far (migration 0010). */
  attempts: Generated<number>;
  /** What the last failed try said: an error code, never content. */
  last_error: string | null;
  /** The process delivering the mail, and until when its claim holds. */
  claimed_by: string | null;
  claimed_until: number | null;
}

export interface TenantMailSettingsTable {
  tenant_id: string;
  /** The tenant's SMTP URL, password included (migration 0010). */
  smtp_url: string;
  mail_from: string | null;
  updated_at: number;
}

/** A hosted theme file (migration 0014): one per tenant and kind. */
export interface ThemeFilesTable {
  tenant_id: string;
  kind: string;
  /** SHA-256 of the CSS bytes, hex. */
  hash: string;
  css: string;
  /** Bytes of the CSS as UTF-8. */
  size: number;
  uploaded_at: number;
}

/** A hosted step image (migration 0018; PostgreSQL 0013): one per tenant and SHA-256 of its bytes. */
export interface ContentImagesTable {
  tenant_id: string;
  /** SHA-256 of the bytes, hex. */
  hash: string;
  /** Its media type: image/png, image/jpeg, image/gif or image/webp. */
  type: string;
  size: number;
  bytes: Buffer;
  /** The account that uploaded it first; null for the CLI. */
  uploaded_by: string | null;
  uploaded_at: number;
}

export interface TenantBrandingTable<Flag = Bool> {
  tenant_id: string;
  theme_url: string | null;
  step_content_theme_url: string | null;
  apply_on_mobile: Flag;
  /** JSON: overrides by locale tag, then by key (migration 0006). */
  strings: string;
  updated_at: number;
}

export interface TenantCobrowseSettingsTable<Flag = Bool> {
  tenant_id: string;
  /** JSON array of CSS selectors (migration 0007). */
  block_selectors: string;
  /** JSON array of CSS selectors. */
  mask_text_selectors: string;
  remote_client_url: string | null;
  updated_at: number;
  /** Co-browse is recorded (migration 0008). */
  recording: Generated<Flag>;
}

export interface TenantConfigTable<Flag = Bool> {
  tenant_id: string;
  /** Agents may transfer sessions (migration 0012). */
  allow_session_transfer: Flag;
  /** Agents may transfer sessions to a skill's queue. */
  agent_to_skill_transfer: Flag;
  updated_at: number;
}

export interface CobrowseRecordingsTable<Flag = Bool> {
  id: string;
  tenant_id: string;
  session_id: string;
  agent_id: string;
  agent_name: string;
  started_at: number;
  ended_at: number | null;
  end_reason: string | null;
  chars: Generated<number>;
  truncated: Generated<Flag>;
}

export interface CobrowseRecordingPartsTable {
  recording_id: string;
  seq: number;
  part: number;
  parts: number;
  data: string;
  at: number;
}

/** People who sign in (migration 0011; server/accounts/). */
export interface StaffAccountsTable<Flag = Bool> {
  tenant_id: string;
  id: string;
  email: string;
  /** The address lower-cased: unique per tenant. */
  email_key: string;
  name: string;
  role: string;
  disabled: Flag;
  password_hash: string | null;
  agent_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface AuthSessionsTable {
  id: string;
  /** SHA-256 (hex) of the cookie's random id. */
  token_hash: string;
  tenant_id: string;
  account_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

export interface SignInFailuresTable {
  key: string;
  failures: number;
  locked_until: number | null;
  updated_at: number;
}

export interface PasswordResetsTable {
  token_hash: string;
  tenant_id: string;
  account_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** A path's draft and revision (SQLite 0017, PostgreSQL 0012): `doc` is the GuidedPath JSON, null when there is no draft. */
export interface PathDraftsTable {
  tenant_id: string;
  path_id: string;
  revision: number;
  doc: string | null;
  /** The account that saved it; null for the CLI. */
  saved_by: string | null;
  saved_at: number;
}

/** A published version of a path (SQLite 0017, PostgreSQL 0012). */
export interface PathVersionsTable {
  tenant_id: string;
  path_id: string;
  version: number;
  doc: string;
  /** The account that published it; null when the import (or a help-id move) wrote it. */
  published_by: string | null;
  published_at: number;
}

/** Every table; `Flag` is how the engine stores a boolean (SQLite: 0 or 1). */
export interface Tables<Flag extends Bool = Bool> {
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
  search_log: SearchLogTable;
  path_walks: PathWalksTable;
  skills: SkillsTable;
  agents: AgentsTable;
  agent_skills: AgentSkillsTable;
  audit_log: AuditLogTable;
  live_sessions: LiveSessionsTable;
  live_events: LiveEventsTable;
  live_files: LiveFilesTable;
  mail_outbox: MailOutboxTable;
  tenant_branding: TenantBrandingTable<Flag>;
  theme_files: ThemeFilesTable;
  content_images: ContentImagesTable;
  tenant_cobrowse_settings: TenantCobrowseSettingsTable<Flag>;
  tenant_mail_settings: TenantMailSettingsTable;
  tenant_config: TenantConfigTable<Flag>;
  cobrowse_recordings: CobrowseRecordingsTable<Flag>;
  cobrowse_recording_parts: CobrowseRecordingPartsTable;
  staff_accounts: StaffAccountsTable<Flag>;
  auth_sessions: AuthSessionsTable;
  sign_in_failures: SignInFailuresTable;
  password_resets: PasswordResetsTable;
  path_drafts: PathDraftsTable;
  path_versions: PathVersionsTable;
}
