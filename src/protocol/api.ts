/**
 * Wire constants shared by the browser and the reference server.
 *
 * This module holds values only (no schema library), so the browser bundle can import it
 * without pulling in the validation code that the server uses. The schemas themselves live in
 * `schemas.ts`; their static types are imported by the client with `import type`.
 */

/** Version prefix of every REST route. */
export const API_PREFIX = '/v1';

/** Password rules of people's accounts (accounts.ts): at least this many characters... */
export const PASSWORD_MIN_CHARS = 10;
/** ...and at most this many. */
export const PASSWORD_MAX_CHARS = 200;
/** The header a cookie-authenticated POST carries its session's CSRF token in. */
export const CSRF_HEADER = 'x-csrf-token';

/** Limits enforced by the server and checked early by the client. */
export const LIMITS = {
  /** Largest accepted request body, in bytes (413 above it). */
  maxBodyBytes: 256 * 1024,
  /** Longest free-text search query, in characters. */
  maxQueryLength: 200,
  /** Most tags in one `tags` filter. */
  maxTags: 20,
  /** Largest page of results. */
  maxLimit: 50,
  /** Most operations in one context batch. */
  maxContextOps: 100,
  /** Most path-activity events in one batch. */
  maxActivityEvents: 100,
  /** Largest serialized `data` value of one context log entry, in bytes. */
  maxEntryDataBytes: 8 * 1024,
  /**
   * Largest body a browser sends with `keepalive: true` (the fetch spec caps in-flight
   * keepalive bodies at 64 KiB per page, so batches are split below it).
   */
  maxKeepaliveBytes: 60 * 1024,
  /**
   * Deepest nesting of arrays and objects in any JSON the server takes: a REST body or a
   * WebSocket frame, counted from the body or frame itself (`json_too_deep` above it).
   */
  maxJsonDepth: 32,
  /** Deepest nesting of the `data` value of one context log entry. */
  maxEntryDataDepth: 16,
  /** Longest analytics range (`from` to `to`), in days. */
  maxAnalyticsDays: 366,
} as const;

/** Machine-readable error codes carried by `{ error: { code, message } }` bodies. */
export const ERROR_CODES = [
  'invalid_request',
  'payload_too_large',
  'unsupported_media_type',
  'token_missing',
  'token_invalid',
  'token_expired',
  'token_revoked',
  'forbidden',
  /** 403: an application token used where its audience does not allow (a REST APIs token from a browser, a client apps token from a program). */
  'token_audience',
  'not_found',
  'path_not_found',
  'help_id_not_found',
  'category_not_found',
  'rate_limited',
  'json_too_deep',
  'request_timeout',
  'headers_too_large',
  'unavailable',
  /** GET /v1/ready: a dependency did not answer, or the server is shutting down. */
  'not_ready',
  'internal_error',
  // live help
  'session_not_found',
  'session_ended',
  'session_taken',
  'agent_not_found',
  'skill_not_found',
  'file_not_found',
  'file_too_large',
  'file_type_not_allowed',
  'message_too_long',
  /** A transfer or assignment of a session that is not active (or, by its code, not waiting). */
  'session_not_active',
  /** The agent a session is transferred or assigned to is away, offline or at their maximum. */
  'agent_unavailable',
  /** The tenant does not allow session transfer (its configuration). */
  'transfer_disabled',
  /** The tenant does not allow transfers to a skill's queue (its configuration). */
  'skill_transfer_disabled',
  'frame_invalid',
  'frame_unknown',
  'not_authenticated',
  // co-browse
  'cobrowse_not_found',
  'cobrowse_not_active',
  'cobrowse_too_large',
  'cobrowse_rate_limited',
  'cobrowse_control_not_granted',
  // administration (server/admin/)
  'tenant_not_found',
  'token_not_found',
  'skill_exists',
  /** Deleting a skill while sessions wait or are served in it. */
  'skill_in_use',
  /** Deleting an agent while it holds sessions. */
  'agent_busy',
  /** Branding or co-browse settings refused; `details` says which field and why. */
  'invalid_settings',
  /** 400: an uploaded theme file is not plain CSS text (binary, NUL or other control characters, HTML, script). */
  'theme_file_invalid',
  /** 404: the tenant has no hosted theme file of this kind. */
  'theme_file_not_found',
  // accounts of people (accounts.ts)
  /** 401: the email and password do not match an account (the same for an unknown email). */
  'sign_in_failed',
  /** 429 with Retry-After: too many failed sign-ins for this email or address. */
  'sign_in_locked',
  /** 400: the email has accounts in several tenants whose password matches: name the tenant. */
  'tenant_required',
  /** 403: the account is disabled. */
  'account_disabled',
  /** 401: no session cookie, or its session ended or expired. */
  'not_signed_in',
  /** 403: a POST with the session cookie lacks its X-CSRF-Token, or has another. */
  'csrf_failed',
  /** 400: the new password breaks the rules (10 to 200 characters). */
  'password_rejected',
  /** 400: the current password given is not the account's. */
  'password_wrong',
  /** 400: the reset token is unknown, used or expired. */
  'reset_token_invalid',
  /** 404: the tenant has no account of this id (the admin API's users). */
  'account_not_found',
  /** 400: an analytics range longer than LIMITS.maxAnalyticsDays days, or that ends before it starts. */
  'range_too_long',
  /** 409: the tenant has an account of this email already. */
  'account_exists',
  // content authoring (authoring.ts)
  /** 409: another author changed the path since the revision the write is based on; `details[0]` has the current revision, who saved it and when. */
  'edit_conflict',
  /** 400: publishing refused; `details` lists each problem (`code` one of PUBLISH_CHECKS, `step`, `choice`). */
  'publish_checks_failed',
  /** 404: the path has no draft (to publish or discard). */
  'draft_not_found',
  /** 404: the path has no version of this number. */
  'version_not_found',
  /** 409: the tenant has a path of this id already (published or draft). */
  'path_exists',
  /** 409: a help-id goes to a published path only (this one is a draft). */
  'path_not_published',
  /** 409: the tenant has a category of this id already. */
  'category_exists',
  /** 409: deleting a category that paths use (the message says how many). */
  'category_in_use',
  /** 400: an imported folder has errors; `details` has one per problem (`path` is `<file>#<JSON pointer>`), nothing was written. */
  'content_invalid',
  /** 400: an uploaded step image is empty, or its bytes are not a PNG, JPEG, GIF or WebP of the declared Content-Type (SVG and other types are refused). */
  'image_invalid',
  /** 409: storing the image would take the tenant's hosted step images past their total (CONTENT_IMAGE_LIMITS.tenantMaxBytes). */
  'image_quota_exceeded',
  /** 404: the tenant has no hosted step image of this name. */
  'image_not_found',
  // client-side only: no HTTP response was received
  'network_error',
  'timeout',
  'no_live_session',
  'aborted',
  // the NexusConnectSDK script: a call came before initialize(jwt)
  'not_initialized',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Limits of live help, enforced by the server and checked early by the client. */
export const LIVE_LIMITS = {
  /** Longest chat message, in characters. */
  maxMessageChars: 4000,
  /** Largest WebSocket frame, in bytes; a bigger frame closes the connection (code 1009). */
  maxFrameBytes: 64 * 1024,
  /** Largest uploaded file, in bytes. */
  maxFileBytes: 10 * 1024 * 1024,
  /** Media types a chat file may have. */
  fileTypes: [
    'image/png',
    'image/jpeg',
    'image/gif',
    'image/webp',
    'application/pdf',
    'text/plain',
    'text/csv',
    'application/zip',
  ],
  /** Frames one connection may send per second, sustained; above it frames get `rate_limited`. */
  framesPerSecond: 20,
  /** Frames one connection may send in a burst before the sustained rate applies. */
  frameBurst: 40,
  /** How long an offered session waits for the agent to accept before it goes to another agent. */
  offerTimeoutMs: 30_000,
  /** Largest page of chat history. */
  maxHistoryPage: 100,
  /** Longest comment with a rating, in characters. */
  maxCommentChars: 2000,
  /** Most custom data entries on a session. */
  maxDataEntries: 20,
  /** Longest note an agent leaves with a transfer, in characters. */
  maxTransferNoteChars: 500,
} as const;

/** The states of a live session, in the only order they are passed through. */
export const LIVE_STATES = ['queued', 'assigned', 'active', 'ended'] as const;
export type LiveState = (typeof LIVE_STATES)[number];

/** Step targets that end a guided path instead of naming another step. */
export const OUTCOMES = ['resolved', 'escalate'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * Search highlights are sent inline, wrapped in these two control characters, so that the
 * client can render matches as `<mark>` elements from text nodes without ever parsing HTML.
 * Content never contains them: the server strips both on import.
 */
export const MARK_START = '\u0001';
export const MARK_END = '\u0002';

/** One run of highlighted text: `match` is true for the part the query matched. */
export interface HighlightSegment {
  text: string;
  match: boolean;
}

/** Splits a highlighted string from the search API into plain and matched runs. */
export function splitHighlights(value: string): HighlightSegment[] {
  const segments: HighlightSegment[] = [];
  let match = false;
  let text = '';
  for (const ch of value) {
    if (ch === MARK_START || ch === MARK_END) {
      if (text) segments.push({ text, match });
      text = '';
      match = ch === MARK_START;
    } else {
      text += ch;
    }
  }
  if (text) segments.push({ text, match });
  return segments;
}

/** Removes highlight markers, giving the plain text. */
export function stripHighlights(value: string): string {
  return value.split(MARK_START).join('').split(MARK_END).join('');
}

/** Splits a comma-separated list (as in `search-value="a, b"`), trimming and dropping empties. */
export function splitList(value: string | null | undefined): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

// ---------------------------------------------------------------------------------------------
// Co-browse (frames in ./cobrowse.ts; here so the browser can import them without TypeBox)

/** States of one co-browse request: pending → active → ended, or pending → rejected (or ended). */
export const COBROWSE_STATES = ['pending', 'active', 'rejected', 'ended'] as const;
export type CobrowseState = (typeof COBROWSE_STATES)[number];

/**
 * Why a co-browse ended. `remote_client`: in remote mode the customer accepted and the tenant's
 * remote-support client was downloaded, which takes over from the browser.
 */
export const COBROWSE_END_REASONS = ['customer', 'agent', 'chat_ended', 'disconnected', 'remote_client'] as const;
export type CobrowseEndReason = (typeof COBROWSE_END_REASONS)[number];

/**
 * Remote control of an active co-browse, a second consent: `off` → `pending` (the agent asked)
 * → `granted` (the customer allowed it), back to `off` when either side stops it or the customer
 * declines.
 */
export const COBROWSE_CONTROL_STATES = ['off', 'pending', 'granted'] as const;
export type CobrowseControlState = (typeof COBROWSE_CONTROL_STATES)[number];

/** Kinds of agent input that act on the page: applied only while control is `granted`. */
export const COBROWSE_CONTROL_INPUTS = ['click', 'scroll', 'text', 'key'] as const;
/** Keys an agent in control may press (applied to the focused field of the customer's page). */
export const COBROWSE_KEYS = ['Enter', 'Tab', 'Escape', 'Backspace', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'] as const;

/**
 * Limits of a tenant's co-browse settings (server/cobrowse-settings.ts checks them; the portal's
 * Co-browse page checks them before saving).
 */
export const COBROWSE_SETTINGS_LIMITS = {
  /** Most selectors in each list. */
  maxSelectors: 50,
  /** Longest selector, in characters. */
  maxSelectorLength: 500,
  /** Longest remote client URL. */
  maxUrlLength: 2048,
} as const;

/** Limits of co-browse, enforced by the server and respected by the customer's recorder. */
export const COBROWSE_LIMITS = {
  /**
   * Most characters of `data` in one `cobrowse.events` frame (the client splits a bigger batch
   * into parts). Keeps every frame well below LIVE_LIMITS.maxFrameBytes even for non-Latin text.
   */
  maxChunkChars: 16_384,
  /** Most parts one batch may be split into (so one batch is at most about 8 M characters). */
  maxParts: 512,
  /** `cobrowse.events` frames a session may send per second, sustained (above: `cobrowse_rate_limited`). */
  framesPerSecond: 40,
  /** `cobrowse.events` frames a session may send in a burst (a full snapshot comes in many parts). */
  frameBurst: 400,
  /**
   * How long the customer's recorder collects events before sending them as one batch: part of
   * each change's latency to the agent (docs/benchmarks.md, Co-browse). At most 1000 / batchMs =
   * 20 batches a second, half of `framesPerSecond`.
   */
  batchMs: 50,
  /** `cobrowse.input` frames (laser moves, clicks, typing) an agent may send per session per second. */
  inputsPerSecond: 30,
  /** `cobrowse.input` frames an agent may send in a burst. */
  inputBurst: 60,
  /**
   * Deepest nesting of one batch of recorder events (`json_too_deep` above it). A full snapshot
   * nests about two levels per level of the page's DOM, so this allows pages 500 elements deep.
   */
  maxBatchDepth: 1000,
  /** Most characters of text one `cobrowse.input` of kind `text` sets. */
  maxInputText: 2000,
} as const;

/** Every action the audit log records (protocol/audit.ts; here, as a plain value, for the portal's filter). */
export const AUDIT_ACTIONS = [
  'tenant.create',
  'token.create',
  'token.view',
  'token.revoke',
  'skill.create',
  'skill.rename',
  'skill.delete',
  'skill.assign',
  'skill.unassign',
  'agent.create',
  'agent.update',
  'agent.delete',
  'agent.token',
  'branding.update',
  'branding.reset',
  'branding.theme.upload',
  'branding.theme.reset',
  'cobrowse.update',
  'cobrowse.reset',
  'mail.update',
  'mail.clear',
  'config.update',
  'account.create',
  'account.update',
  'account.disable',
  'account.enable',
  'account.delete',
  'account.password',
  'account.reset',
  // content authoring (server/admin/content*.ts)
  'path.create',
  'path.duplicate',
  'path.save',
  'path.publish',
  'path.discard',
  'path.restore',
  'path.delete',
  'help-id.move',
  'category.create',
  'category.update',
  'category.delete',
  'content.import',
  'content.image.upload',
  'content.image.remove',
] as const;
