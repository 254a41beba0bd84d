/**
 * Rows to records and records to rows, for both stores: what a stored row means does not depend
 * on the engine (see tables.ts for how both engines' rows look alike).
 */
import type { Selectable } from 'kysely';
import type { LiveState } from '../../../src/protocol/api.js';
import type { AgentStatus, ChatEvent, LiveKind, Role } from '../../../src/protocol/live.js';
import type { ContextOp, LogKind, PathSummary, TokenAudience } from '../../../src/protocol/schemas.js';
import type {
  AgentRecord,
  AppToken,
  CobrowseRecordingRecord,
  ConsumerRecord,
  LiveFileRecord,
  LiveSessionRecord,
  MailRecord,
  NewChatEvent,
  NewCobrowseRecording,
  NewLiveSession,
  SigningKey,
  SkillRecord,
  Tenant,
  TenantBranding,
  TenantCobrowseSettings,
  TenantConfig,
  TenantMailSettings,
} from '../types.js';
import {
  isSet,
  type AgentSkillsTable,
  type AgentsTable,
  type AppTokensTable,
  type Bool,
  type CobrowseRecordingsTable,
  type ConsumersTable,
  type ContextEntriesTable,
  type LiveEventsTable,
  type LiveFilesTable,
  type LiveSessionsTable,
  type MailOutboxTable,
  type PathActivityTable,
  type PathsTable,
  type SigningKeysTable,
  type SkillsTable,
  type TenantBrandingTable,
  type TenantCobrowseSettingsTable,
  type TenantConfigTable,
  type TenantMailSettingsTable,
  type TenantsTable,
} from './tables.js';

const parseJson = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

// ---------------------------------------------------------------------------------------------
// Tenants, keys and tokens

export const toTenant = (r: Selectable<TenantsTable>): Tenant => ({ id: r.id, name: r.name, createdAt: r.created_at });

export const toToken = (r: Selectable<AppTokensTable>): AppToken => ({
  id: r.id,
  tenantId: r.tenant_id,
  name: r.name,
  version: r.version,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  agentId: r.agent_id,
  kid: r.kid,
  audience: r.audience as TokenAudience,
});

export const tokenRow = (token: AppToken): Selectable<AppTokensTable> => ({
  id: token.id,
  tenant_id: token.tenantId,
  name: token.name,
  version: token.version,
  created_at: token.createdAt,
  expires_at: token.expiresAt,
  revoked_at: token.revokedAt,
  agent_id: token.agentId,
  kid: token.kid ?? null,
  audience: token.audience ?? 'client-apps-and-rest-apis',
});

export const toKey = (r: Selectable<SigningKeysTable>): SigningKey => ({
  kid: r.kid,
  secret: Buffer.from(r.secret, 'base64url'),
  createdAt: r.created_at,
});

// ---------------------------------------------------------------------------------------------
// Content

/** Columns a summary is made of. */
export const SUMMARY_COLUMNS = ['id', 'title', 'summary', 'category_id', 'tags', 'help_ids', 'step_count'] as const;

export type SummaryRow = Pick<Selectable<PathsTable>, (typeof SUMMARY_COLUMNS)[number]>;

export function toSummary(row: SummaryRow): PathSummary {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    category: row.category_id,
    tags: JSON.parse(row.tags) as string[],
    helpIds: JSON.parse(row.help_ids) as string[],
    stepCount: row.step_count,
  };
}

// ---------------------------------------------------------------------------------------------
// Consumers and context

export function toConsumer(
  c: Selectable<ConsumersTable>,
  keys: string[],
  entries: Selectable<ContextEntriesTable>[],
  activity: Selectable<PathActivityTable>[],
): ConsumerRecord {
  return {
    id: c.id,
    tenantId: c.tenant_id,
    keys,
    firstName: c.first_name,
    lastName: c.last_name,
    email: c.email,
    externalId: c.external_id,
    phone: c.phone,
    entries: entries.map((e) => ({
      id: e.id,
      kind: e.kind as LogKind,
      name: e.name,
      detail: e.detail,
      data: e.data === null ? undefined : JSON.parse(e.data),
      at: e.at,
      clearedAt: e.cleared_at,
    })),
    activity: activity.map((a) => ({ id: a.id, pathId: a.path_id, stepId: a.step_id, event: a.event, at: a.at })),
    createdAt: c.created_at,
    updatedAt: c.updated_at,
  };
}

/** The context entry a `log` operation writes. */
export const entryRow = (
  tenantId: string,
  consumerId: string,
  op: Extract<ContextOp, { op: 'log' }>,
): Omit<Selectable<ContextEntriesTable>, 'cleared_at'> => ({
  tenant_id: tenantId,
  id: op.id,
  consumer_id: consumerId,
  kind: op.kind,
  name: op.name,
  detail: op.detail ?? null,
  data: op.data === undefined ? null : JSON.stringify(op.data),
  at: op.at,
});

// ---------------------------------------------------------------------------------------------
// Skills and agents

export const toSkill = (r: Selectable<SkillsTable>): SkillRecord => ({
  tenantId: r.tenant_id,
  id: r.id,
  name: r.name,
  createdAt: r.created_at,
});

/** Agents with their skills (`links` may hold other agents' too). */
export function toAgents(rows: Selectable<AgentsTable>[], links: Selectable<AgentSkillsTable>[]): AgentRecord[] {
  return rows.map((r) => ({
    tenantId: r.tenant_id,
    id: r.id,
    name: r.name,
    status: r.status as AgentStatus,
    maxSessions: r.max_sessions,
    skills: links.filter((l) => l.tenant_id === r.tenant_id && l.agent_id === r.id).map((l) => l.skill_id),
    createdAt: r.created_at,
  }));
}

// ---------------------------------------------------------------------------------------------
// Sessions and their events

export type SessionRow = Selectable<LiveSessionsTable> & { agent_name: string | null };

export function toSession(r: SessionRow): LiveSessionRecord {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    kind: r.kind as LiveKind,
    skill: r.skill_id,
    state: r.state as LiveState,
    code: r.code,
    consumerKey: r.consumer_key,
    clientId: r.client_id,
    data: JSON.parse(r.data),
    origin: parseJson(r.origin),
    agent: r.agent_id === null ? null : { id: r.agent_id, name: r.agent_name ?? r.agent_id },
    createdAt: r.created_at,
    offeredAt: r.offered_at,
    acceptedAt: r.accepted_at,
    endedAt: r.ended_at,
    endedBy: r.ended_by as Role | null,
    lastSeq: r.last_seq,
    seen: { customer: r.seen_customer, agent: r.seen_agent },
    rating:
      r.rated_at === null
        ? null
        : { score: r.rating_score!, comment: r.rating_comment, survey: parseJson(r.rating_survey), at: r.rated_at },
    transcriptsSent: r.transcripts_sent,
  };
}

/** The row of a new session: queued, with connection code `code`. */
export const sessionRow = (id: string, code: string, s: NewLiveSession) => ({
  id,
  tenant_id: s.tenantId,
  kind: s.kind,
  skill_id: s.skill,
  state: 'queued',
  code,
  consumer_key: s.consumerKey,
  client_id: s.clientId,
  data: JSON.stringify(s.data),
  origin: s.origin === null ? null : JSON.stringify(s.origin),
  agent_id: null,
  created_at: s.at,
  offered_at: null,
  accepted_at: null,
  ended_at: null,
  ended_by: null,
  rating_score: null,
  rating_comment: null,
  rating_survey: null,
  rated_at: null,
});

export function toEvent(r: Selectable<LiveEventsTable>): ChatEvent {
  const event: ChatEvent = {
    seq: r.seq,
    type: r.type as ChatEvent['type'],
    author: {
      role: r.author_role as Role,
      ...(r.author_id !== null && { id: r.author_id }),
      ...(r.author_name !== null && { name: r.author_name }),
    },
    at: r.at,
  };
  if (r.client_id !== null) event.clientId = r.client_id;
  if (r.text !== null) event.text = r.text;
  if (r.file !== null) event.file = JSON.parse(r.file);
  if (r.presence !== null) event.presence = r.presence as ChatEvent['presence'];
  if (r.state !== null) event.state = r.state as LiveState;
  if (r.score !== null) event.score = r.score;
  return event;
}

/** The row of event `e`, number `seq` of its session. */
export const eventRow = (tenantId: string, sessionId: string, seq: number, e: NewChatEvent): Selectable<LiveEventsTable> => ({
  session_id: sessionId,
  seq,
  tenant_id: tenantId,
  type: e.type,
  author_role: e.author.role,
  author_id: e.author.id ?? null,
  author_name: e.author.name ?? null,
  client_id: e.clientId ?? null,
  text: e.text ?? null,
  file: e.file === undefined ? null : JSON.stringify(e.file),
  presence: e.presence ?? null,
  state: e.state ?? null,
  score: e.score ?? null,
  at: e.at,
});

// ---------------------------------------------------------------------------------------------
// Files and mail

export const fileRow = (file: LiveFileRecord, bytes: Uint8Array): Selectable<LiveFilesTable> => ({
  id: file.id,
  tenant_id: file.tenantId,
  session_id: file.sessionId,
  name: file.name,
  type: file.type,
  size: file.size,
  bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  uploaded_by_role: file.uploadedBy.role,
  uploaded_by_id: file.uploadedBy.id,
  created_at: file.createdAt,
});

export const toFile = (r: Selectable<LiveFilesTable>): LiveFileRecord & { bytes: Buffer } => ({
  id: r.id,
  tenantId: r.tenant_id,
  sessionId: r.session_id,
  name: r.name,
  type: r.type,
  size: r.size,
  uploadedBy: { role: r.uploaded_by_role as Role, id: r.uploaded_by_id },
  createdAt: r.created_at,
  bytes: r.bytes,
});

/** The columns a new mail is inserted with (its delivery state starts at the defaults). */
export const mailRow = (m: MailRecord) => ({
  id: m.id,
  tenant_id: m.tenantId,
  to_address: m.to,
  subject: m.subject,
  body: m.body,
  created_at: m.createdAt,
  sent_at: m.sentAt,
});

export const toMail = (r: Selectable<MailOutboxTable>): MailRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  to: r.to_address,
  subject: r.subject,
  body: r.body,
  createdAt: r.created_at,
  sentAt: r.sent_at,
  attempts: r.attempts,
  lastError: r.last_error,
});

// ---------------------------------------------------------------------------------------------
// Tenant settings

/** The branding of a tenant that never set any. */
export const defaultBranding = (tenantId: string): TenantBranding => ({
  tenantId,
  themeUrl: null,
  stepContentThemeUrl: null,
  applyOnMobile: true,
  strings: {},
  updatedAt: null,
});

export const toBranding = (r: Selectable<TenantBrandingTable>): TenantBranding => ({
  tenantId: r.tenant_id,
  themeUrl: r.theme_url,
  stepContentThemeUrl: r.step_content_theme_url,
  applyOnMobile: isSet(r.apply_on_mobile),
  strings: JSON.parse(r.strings) as TenantBranding['strings'],
  updatedAt: r.updated_at,
});

/** The columns of a branding (without the tenant); `flag` stores a boolean as the engine does. */
export const brandingRow = <F extends Bool>(b: TenantBranding & { updatedAt: number }, flag: (value: boolean) => F) => ({
  theme_url: b.themeUrl,
  step_content_theme_url: b.stepContentThemeUrl,
  apply_on_mobile: flag(b.applyOnMobile),
  strings: JSON.stringify(b.strings),
  updated_at: b.updatedAt,
});

/** The co-browse settings of a tenant that never set any. */
export const defaultCobrowseSettings = (tenantId: string): TenantCobrowseSettings => ({
  tenantId,
  blockSelectors: [],
  maskTextSelectors: [],
  remoteClientUrl: null,
  recording: false,
  updatedAt: null,
});

export const toCobrowseSettings = (r: Selectable<TenantCobrowseSettingsTable>): TenantCobrowseSettings => ({
  tenantId: r.tenant_id,
  blockSelectors: JSON.parse(r.block_selectors) as string[],
  maskTextSelectors: JSON.parse(r.mask_text_selectors) as string[],
  remoteClientUrl: r.remote_client_url,
  recording: isSet(r.recording),
  updatedAt: r.updated_at,
});

/** The columns of co-browse settings (without the tenant). */
export const cobrowseSettingsRow = <F extends Bool>(s: TenantCobrowseSettings & { updatedAt: number }, flag: (value: boolean) => F) => ({
  block_selectors: JSON.stringify(s.blockSelectors),
  mask_text_selectors: JSON.stringify(s.maskTextSelectors),
  remote_client_url: s.remoteClientUrl,
  recording: flag(s.recording),
  updated_at: s.updatedAt,
});

/** The configuration of a tenant that never changed it: transfers allowed, to skills too. */
export const defaultTenantConfig = (tenantId: string): TenantConfig => ({
  tenantId,
  allowSessionTransfer: true,
  agentToSkillTransfer: true,
  updatedAt: null,
});

export const toTenantConfig = (r: Selectable<TenantConfigTable>): TenantConfig => ({
  tenantId: r.tenant_id,
  allowSessionTransfer: isSet(r.allow_session_transfer),
  agentToSkillTransfer: isSet(r.agent_to_skill_transfer),
  updatedAt: r.updated_at,
});

/** The columns of a tenant's configuration (without the tenant). */
export const tenantConfigRow = <F extends Bool>(c: TenantConfig & { updatedAt: number }, flag: (value: boolean) => F) => ({
  allow_session_transfer: flag(c.allowSessionTransfer),
  agent_to_skill_transfer: flag(c.agentToSkillTransfer),
  updated_at: c.updatedAt,
});

/** A tenant_mail_settings row as TenantMailSettings. */
export const toMailSettings = (r: Selectable<TenantMailSettingsTable>): TenantMailSettings => ({
  tenantId: r.tenant_id,
  smtpUrl: r.smtp_url,
  from: r.mail_from,
  updatedAt: r.updated_at,
});

export const toRecording = (r: Selectable<CobrowseRecordingsTable>): CobrowseRecordingRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  sessionId: r.session_id,
  agent: { id: r.agent_id, name: r.agent_name },
  startedAt: r.started_at,
  endedAt: r.ended_at,
  endReason: r.end_reason,
  chars: r.chars,
  truncated: isSet(r.truncated),
});

export const recordingRow = (recording: NewCobrowseRecording) => ({
  id: recording.id,
  tenant_id: recording.tenantId,
  session_id: recording.sessionId,
  agent_id: recording.agent.id,
  agent_name: recording.agent.name,
  started_at: recording.startedAt,
});
