/**
 * REST routes of the reference server, version-prefixed. The server registers exactly these
 * paths and the client builds its URLs from them, so the two cannot drift apart.
 *
 * Every route except `health`, `ready` and `openapi` requires `Authorization: Bearer <application token>`, the live
 * session routes a session token and the agent routes an agent token. The routes a customer page
 * calls with its application token are in ./routes-app.ts, so that a page's first bundle carries
 * only those.
 */
import { API_PREFIX } from './api.js';
import { APP_ROUTES } from './routes-app.js';

export { routePath } from './routes-app.js';

export const ROUTES = {
  ...APP_ROUTES,

  /** GET: readiness for load balancers: 200 when the database and other dependencies answer, else 503; no token. */
  ready: `${API_PREFIX}/ready`,
  /** GET: the OpenAPI 3.1 document of every route here, generated from the server's route schemas; no token. */
  openapi: `${API_PREFIX}/openapi.json`,

  // Live help, customer side: these take the session token that creating the session
  // (`liveSessions`) returned (Authorization: Bearer <session token>).
  /** GET: the session's current state (also for agents of the tenant). */
  liveSession: `${API_PREFIX}/live/sessions/:id`,
  /** GET `?before=&after=&limit=`: a page of the session's chat events, by sequence. */
  liveEvents: `${API_PREFIX}/live/sessions/:id/events`,
  /** POST `?name=` with the raw file as the body and its media type as Content-Type: upload a chat file. */
  liveFiles: `${API_PREFIX}/live/sessions/:id/files`,
  /** GET `?sig=`: download a chat file (the signed URL in its FileInfo; no token needed). */
  liveFile: `${API_PREFIX}/live/files/:fileId`,
  /** POST: rate the session after it ended, with an optional comment and survey answers. */
  liveRating: `${API_PREFIX}/live/sessions/:id/rating`,
  /** POST: email the transcript to an address (queued; see the server README for delivery). */
  liveTranscript: `${API_PREFIX}/live/sessions/:id/transcript`,
  /** GET with `Upgrade: websocket`: the real-time channel of customers and agents (see live.ts). */
  liveSocket: `${API_PREFIX}/live/socket`,

  // Agent side: every route takes an agent token.
  /** GET: the signed-in agent, with skills and status. */
  agentMe: `${API_PREFIX}/agent/me`,
  /** POST: set the agent's status (available | away). */
  agentStatus: `${API_PREFIX}/agent/status`,
  /** GET `?state=&skill=&kind=&data=key:value,...&limit=`: the tenant's sessions, newest first. */
  agentSessions: `${API_PREFIX}/agent/sessions`,
  /**
   * GET: the open session with this 6-digit connection code. POST `{ to: { agentId } | { skill } }`
   * (the IVR): assign the waiting session to an agent (offered to them) or a skill.
   */
  agentSessionByCode: `${API_PREFIX}/agent/sessions/by-code/:code`,
  /** GET: one session with the consumer's identity, context log and guided-path activity. */
  agentSession: `${API_PREFIX}/agent/sessions/:id`,
  /** POST: take the session (queued or offered to this agent, or a call found by its code). */
  agentAccept: `${API_PREFIX}/agent/sessions/:id/accept`,
  /** POST `{ to: { agentId } | { skill }, note? }`: hand the agent's active session to another agent or a skill's queue. */
  agentTransfer: `${API_PREFIX}/agent/sessions/:id/transfer`,
  /** GET: the tenant's configuration as agents need it (may they transfer, to skills too). */
  agentConfig: `${API_PREFIX}/agent/config`,
  /** GET: where a session can be transferred now (available agents with their load, skills). */
  agentTransferTargets: `${API_PREFIX}/agent/transfer-targets`,
  /** POST `{ clientId, text }`: send a chat message as the agent. */
  agentMessages: `${API_PREFIX}/agent/sessions/:id/messages`,
  /** POST: end the session. */
  agentEnd: `${API_PREFIX}/agent/sessions/:id/end`,
  /** GET `?state=&sessionId=&agentId=`: the tenant's co-browses while pending or active. */
  agentCobrowse: `${API_PREFIX}/agent/cobrowse`,
  /** GET `?sessionId=&limit=`: the tenant's stored co-browse recordings, newest first. */
  agentCobrowseRecordings: `${API_PREFIX}/agent/cobrowse/recordings`,
  /** GET: one co-browse recording with its batches of events. */
  agentCobrowseRecording: `${API_PREFIX}/agent/cobrowse/recordings/:id`,

  // Accounts of people (accounts.ts): the session is a cookie; POSTs made with it carry X-CSRF-Token.
  /** POST `{ email, password, tenant? }`: sign in; sets the session cookie. No token. */
  authSignIn: `${API_PREFIX}/auth/sign-in`,
  /** GET: the signed-in account and the session's CSRF token. */
  authSession: `${API_PREFIX}/auth/session`,
  /** POST: end this session. */
  authSignOut: `${API_PREFIX}/auth/sign-out`,
  /** POST: end every session of the account, and the agent tokens minted for them. */
  authSignOutEverywhere: `${API_PREFIX}/auth/sign-out-everywhere`,
  /** POST `{ current, next }`: change the password (the account's other sessions end). */
  authPassword: `${API_PREFIX}/auth/password`,
  /** POST `{ email, tenant? }`: mail a reset link when the account exists; always 202. No token. */
  authPasswordReset: `${API_PREFIX}/auth/password-reset`,
  /** POST `{ token, password }`: set the password with a mailed token (once); signs out everywhere. No token. */
  authPasswordResetConfirm: `${API_PREFIX}/auth/password-reset/confirm`,
  /** POST: a 15-minute agent token for the signed-in account's agent (the console's live socket and REST). */
  authAgentToken: `${API_PREFIX}/auth/agent-token`,

  // The admin REST API behind the portal (server/admin/routes.ts): a signed-in account of the
  // tenant (session cookie, X-CSRF-Token on every method but GET), acting in its own tenant only.
  // Roles per route: server/README.md, "The admin API"; bodies in ./admin.ts and ./schemas.ts.
  /** GET: the tenant's application and agent tokens (admin, supervisor). POST `AppTokenCreate`: add an application token; answers its JWT (admin). */
  adminTokens: `${API_PREFIX}/admin/tokens`,
  /** GET: an application token's JWT again, the same text; recorded in the audit log (admin). */
  adminTokenJwt: `${API_PREFIX}/admin/tokens/:id/jwt`,
  /** POST: revoke a token (application or agent); its open connections close (admin). */
  adminTokenRevoke: `${API_PREFIX}/admin/tokens/:id/revoke`,
  /** GET: the tenant's skills with their agents and waiting sessions. POST `SkillCreate`: add a skill (admin, supervisor). */
  adminSkills: `${API_PREFIX}/admin/skills`,
  /** PATCH `SkillRename`: rename. DELETE: delete (409 `skill_in_use` while sessions wait or are served in it) (admin, supervisor). */
  adminSkill: `${API_PREFIX}/admin/skills/:id`,
  /** POST `SkillAgents`: give the skill to agents (admin, supervisor). */
  adminSkillAssign: `${API_PREFIX}/admin/skills/:id/assign`,
  /** POST `SkillAgents`: take the skill from agents (admin, supervisor). */
  adminSkillUnassign: `${API_PREFIX}/admin/skills/:id/unassign`,
  /** GET: the tenant's accounts with their agents (admin, supervisor). POST `UserCreate`: add one; answers a generated password once (admin). */
  adminUsers: `${API_PREFIX}/admin/users`,
  /**
   * PATCH `UserUpdate`: edit name and role (admin), skills and maximum sessions (admin, supervisor).
   * DELETE: delete the account, and its agent unless another account signs in as it (409
   * `agent_busy` while the agent holds sessions) (admin).
   */
  adminUser: `${API_PREFIX}/admin/users/:id`,
  /** POST: disable the account and sign it out everywhere (admin). */
  adminUserDisable: `${API_PREFIX}/admin/users/:id/disable`,
  /** POST: enable the account again (admin). */
  adminUserEnable: `${API_PREFIX}/admin/users/:id/enable`,
  /** POST: mail the account a password reset link (admin). */
  adminUserPasswordReset: `${API_PREFIX}/admin/users/:id/password-reset`,
  /** GET: the tenant's branding (admin, supervisor, author: the path editor's preview). PUT `BrandingUpdate`: change it. DELETE: back to the defaults (admin). */
  adminBranding: `${API_PREFIX}/admin/branding`,
  /**
   * `:kind` is `theme` or `step-content`. PUT with the CSS as the body (`Content-Type: text/css`, at
   * most THEME_FILE_LIMITS.maxBytes: 413 above): host it and point the branding's theme URL at it,
   * answers `ThemeUploaded` (admin). GET: the hosted file's CSS, as an attachment (admin,
   * supervisor). DELETE: remove the file and the URL (Reset to default) (admin).
   */
  adminBrandingTheme: `${API_PREFIX}/admin/branding/themes/:kind`,
  /**
   * GET: a hosted theme file, public (customers' pages load it with `<link>`): `text/css`, cached
   * for good (a new upload is a new name), `nosniff`, a CSP of `default-src 'none'; sandbox`.
   */
  themeFile: `${API_PREFIX}/themes/:tenant/:file`,
  /**
   * POST: a 15-minute application token of the caller's own for the branding page's live preview
   * (`AppTokenWithJwt`; the same one again while it has 5 minutes left) (admin).
   */
  adminBrandingPreviewToken: `${API_PREFIX}/admin/branding/preview-token`,
  /** GET: the tenant's co-browse settings (admin, supervisor). PUT `CobrowseSettingsUpdate`: change them. DELETE: back to the defaults (admin). */
  adminCobrowseSettings: `${API_PREFIX}/admin/cobrowse-settings`,
  /** GET `?sessionId=&limit=`: the tenant's stored co-browse recordings, newest first, as `agentCobrowseRecordings` answers them (admin, supervisor). */
  adminCobrowseRecordings: `${API_PREFIX}/admin/cobrowse/recordings`,
  /** GET: one co-browse recording with its batches of events, as `agentCobrowseRecording` answers it; 404 `cobrowse_not_found` (admin, supervisor). */
  adminCobrowseRecording: `${API_PREFIX}/admin/cobrowse/recordings/:id`,
  /** GET: the tenant's live-help switches, `TenantConfigInfo` (admin, supervisor). PUT `TenantConfigUpdate`: change them; recorded as `config.update` (admin). */
  adminConfig: `${API_PREFIX}/admin/config`,
  /** GET `?actor=&action=&target=&since=&until=&before=&limit=`: the tenant's audit log, newest first (admin, supervisor). */
  adminAudit: `${API_PREFIX}/admin/audit`,

  // Content authoring (./authoring.ts; server/admin/content.ts, categories.ts): admin and author.
  // Writes of a path carry the `revision` they are based on (409 `edit_conflict` otherwise).
  /** GET `?q=&category=&tag=&audience=&status=&limit=&offset=`: the tenant's paths, published and drafts. POST `GuidedPath`: a new path, as a draft (409 `path_exists`). */
  adminContentPaths: `${API_PREFIX}/admin/content/paths`,
  /** GET: the path's published document, draft and revision. PUT `PathDraftSave`: save the draft. DELETE: delete the path (answers the help-ids it took away, `PathLinks`). */
  adminContentPath: `${API_PREFIX}/admin/content/paths/:id`,
  /** DELETE `?revision=`: discard the draft (a path never published is then gone). */
  adminContentPathDraft: `${API_PREFIX}/admin/content/paths/:id/draft`,
  /** POST `PathPublish`: run the checks (400 `publish_checks_failed`) and publish the draft as the next version. */
  adminContentPathPublish: `${API_PREFIX}/admin/content/paths/:id/publish`,
  /** POST `PathDuplicate`: a copy as a new draft, without help-ids. */
  adminContentPathDuplicate: `${API_PREFIX}/admin/content/paths/:id/duplicate`,
  /** GET: what links to the path (its help-ids), which deleting it takes away. */
  adminContentPathLinks: `${API_PREFIX}/admin/content/paths/:id/links`,
  /** GET: the path's published versions, newest first, with who and when. */
  adminContentPathVersions: `${API_PREFIX}/admin/content/paths/:id/versions`,
  /** GET: one version's document. */
  adminContentPathVersion: `${API_PREFIX}/admin/content/paths/:id/versions/:version`,
  /** POST `{ revision }`: make the version the draft (publish it to make it current). */
  adminContentPathRestore: `${API_PREFIX}/admin/content/paths/:id/versions/:version/restore`,
  /** PUT `{ pathId }`: give the help-id to a published path, taking it from the path that holds it. */
  adminContentHelpId: `${API_PREFIX}/admin/content/help-ids/:helpId`,
  /** GET: every category with the paths in it. POST `CategoryInput`: add one (409 `category_exists`). */
  adminContentCategories: `${API_PREFIX}/admin/content/categories`,
  /** PATCH `CategoryUpdate`: change it. DELETE: delete it (409 `category_in_use` while paths use it). */
  adminContentCategory: `${API_PREFIX}/admin/content/categories/:id`,
  /** GET: the published content as the JSON folder format, `ContentExport` `{ files }` (file name → JSON text). */
  adminContentExport: `${API_PREFIX}/admin/content/export`,
  /** POST `ContentImport` `{ files, replace? }` (at most 8 MiB): import a folder as the CLI does; 400 `content_invalid` with a detail per problem. */
  adminContentImport: `${API_PREFIX}/admin/content/import`,
  /**
   * POST the raw bytes of a PNG, JPEG, GIF or WebP image (its type as Content-Type, at most
   * CONTENT_IMAGE_LIMITS.maxBytes: 413 `payload_too_large` above): hosted for step bodies, answers 201
   * `ContentImageUploaded` with its absolute URL (the same bytes again: the same URL). 400
   * `image_invalid` when the bytes are not an image of the declared type (SVG is refused); 409
   * `image_quota_exceeded` when the tenant's images would pass CONTENT_IMAGE_LIMITS.tenantMaxBytes.
   */
  adminContentImages: `${API_PREFIX}/admin/content/images`,
  /**
   * GET: a hosted step image, public (customers' pages load it with `<img>`): its image type,
   * cached for good (the name is the SHA-256 of the bytes), `nosniff`, a CSP of `default-src 'none'; sandbox`.
   */
  contentImage: `${API_PREFIX}/content-images/:tenant/:file`,
  /**
   * GET `?from=&to=&utcOffset=`: self-help analytics of the range, `SelfHelpAnalytics`; with
   * `&format=csv&table=` one of its tables as CSV (admin, supervisor).
   */
  adminAnalyticsSelfHelp: `${API_PREFIX}/admin/analytics/self-help`,
  /** GET `?from=&to=&utcOffset=`: live-help analytics of the range, `LiveHelpAnalytics`; CSV as above (admin, supervisor). */
  adminAnalyticsLiveHelp: `${API_PREFIX}/admin/analytics/live-help`,
} as const;

export type RouteName = keyof typeof ROUTES;
