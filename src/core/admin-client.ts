import type { CobrowseRecording, CobrowseRecordingSummary } from '../protocol/cobrowse.js';
import type { UserCreate, UserCreated, UserInfo, UserList, UserUpdate, BrandingChanged, ThemeKind, ThemeUploaded } from '../protocol/admin.js';
import { routePath } from '../protocol/routes-app.js';
import { ROUTES } from '../protocol/routes.js';
import type { AppTokenCreate, AppTokenInfo, AppTokenList, AppTokenWithJwt, BrandingUpdate, CobrowseSettings, CobrowseSettingsUpdate, PortalBranding, SkillCreate, SkillDeleted, SkillInfo, SkillList, TenantConfigInfo, TenantConfigUpdate } from '../protocol/schemas.js';
import type { AuditPage, AuditQuery } from '../protocol/audit.js';
import type { LiveHelpAnalytics, LiveHelpTable, SelfHelpAnalytics, SelfHelpTable } from '../protocol/analytics.js';
import type {
  AuthoredPathInfo,
  AuthoredPathList,
  AuthoredPathQuery,
  CategoryUpdate,
  ContentExport,
  ContentImported,
  ContentCategory,
  ContentCategoryList,
  ContentImageUploaded,
  HelpIdMoved,
  PathDiscarded,
  PathLinks,
  PathPublished,
  PathVersionInfo,
  PathVersionList,
  PathVersionSummary,
} from '../protocol/authoring.js';
import type { CategoryInput, GuidedPath } from '../protocol/schemas.js';
import type { HttpMethod, RequestOptions, Transport } from './transport.js';

type AdminBody<T> = Omit<T, 'tenant'>;

/**
 * The admin REST API (`/v1/admin/…`, server/README.md "The admin API") for a signed-in account,
 * acting in the account's own tenant: `session.admin` of an `AccountSession`. Each call resolves
 * with the server's answer and rejects with a `NexusError` carrying the server's code (`forbidden`
 * for a role that may not, `not_found`, `skill_in_use`, …; docs/errors.md). The portal's pages
 * use it; another admin app on the server's origin can too.
 *
 * Areas: `tokens`, `skills`, `users`, `config`, `branding`, `cobrowse`, `audit`, `content`, `analytics`.
 */
export class AdminClient {
  constructor(private readonly transport: Transport) {}

  /** A request to the admin API; `params` fill the route's `:id`. */
  request<T>(method: HttpMethod, route: string, options: RequestOptions & { params?: Record<string, string> } = {}): Promise<T> {
    const { params, ...rest } = options;
    return this.transport.request<T>(method, routePath(route, params), rest);
  }

  /** Application tokens (Admin > Integration > Application Tokens) and agent tokens. */
  readonly tokens = {
    /** Every token of the tenant, newest first (admin, supervisor). */
    list: () => this.request<AppTokenList>('GET', ROUTES.adminTokens).then((list) => list.items),
    /** Adds an application token and answers it with its JWT (admin). */
    create: (token: AdminBody<AppTokenCreate>) => this.request<AppTokenWithJwt>('POST', ROUTES.adminTokens, { body: token }),
    /** An application token's JWT again; the view is recorded in the audit log (admin). */
    jwt: (id: string) => this.request<AppTokenWithJwt>('GET', ROUTES.adminTokenJwt, { params: { id } }),
    /** Revokes a token: it is refused from now on and its open connections close (admin). */
    revoke: (id: string) => this.request<AppTokenInfo>('POST', ROUTES.adminTokenRevoke, { params: { id } }),
  };

  /** Skills (Admin > Operations > Skills). */
  readonly skills = {
    /** Every skill with its agents and the sessions waiting in it. */
    list: () => this.request<SkillList>('GET', ROUTES.adminSkills).then((list) => list.items),
    create: (skill: AdminBody<SkillCreate>) => this.request<SkillInfo>('POST', ROUTES.adminSkills, { body: skill }),
    rename: (id: string, name: string) => this.request<SkillInfo>('PATCH', ROUTES.adminSkill, { params: { id }, body: { name } }),
    /** Deletes a skill; refused with `skill_in_use` while sessions wait or are served in it. */
    remove: (id: string) => this.request<SkillDeleted>('DELETE', ROUTES.adminSkill, { params: { id } }),
    /** Gives the skill to agents (their agent ids). */
    assign: (id: string, agentIds: string[]) => this.request<SkillInfo>('POST', ROUTES.adminSkillAssign, { params: { id }, body: { agentIds } }),
    /** Takes the skill from agents. */
    unassign: (id: string, agentIds: string[]) => this.request<SkillInfo>('POST', ROUTES.adminSkillUnassign, { params: { id }, body: { agentIds } }),
  };

  /** People's accounts and their agents (Admin > Operations > Users). */
  readonly users = {
    list: () => this.request<UserList>('GET', ROUTES.adminUsers).then((list) => list.items),
    /** Adds an account; the answer carries its generated password, shown once. */
    create: (user: UserCreate) => this.request<UserCreated>('POST', ROUTES.adminUsers, { body: user }),
    update: (id: string, change: UserUpdate) => this.request<UserInfo>('PATCH', ROUTES.adminUser, { params: { id }, body: change }),
    /** Deletes an account; refused with `agent_busy` while its agent holds sessions. */
    remove: (id: string) => this.request<UserInfo>('DELETE', ROUTES.adminUser, { params: { id } }),
    /** Disables the account and signs it out everywhere. */
    disable: (id: string) => this.request<UserInfo>('POST', ROUTES.adminUserDisable, { params: { id } }),
    enable: (id: string) => this.request<UserInfo>('POST', ROUTES.adminUserEnable, { params: { id } }),
    /** Mails the account a password reset link. */
    sendPasswordReset: (id: string) => this.request<UserInfo>('POST', ROUTES.adminUserPasswordReset, { params: { id } }),
  };

  /** Configurations (Admin > Settings): the live-help switches agents' consoles follow. */
  readonly config = {
    /** The switches and when they last changed (admin, supervisor). */
    get: () => this.request<TenantConfigInfo>('GET', ROUTES.adminConfig),
    /** Changes the switches given (absent ones stay); recorded in the audit log (admin). */
    update: (change: TenantConfigUpdate) => this.request<TenantConfigInfo>('PUT', ROUTES.adminConfig, { body: change }),
  };

  /** Self-Support Branding (Admin > Settings). */
  readonly branding = {
    get: () => this.request<PortalBranding>('GET', ROUTES.adminBranding),
    /** Changes the given fields; the answer carries warnings (a theme URL that is not https, …). */
    update: (change: BrandingUpdate) => this.request<BrandingChanged>('PUT', ROUTES.adminBranding, { body: change }),
    /** Back to the defaults (hosted theme files removed too). */
    reset: () => this.request<PortalBranding>('DELETE', ROUTES.adminBranding),
    /**
     * Uploads a theme stylesheet (plain CSS text, at most 256 KB): the server hosts it and points
     * the theme URL (`step-content`: the step content theme URL) at it; refused with
     * `payload_too_large` or `theme_file_invalid` (admin).
     */
    uploadTheme: (kind: ThemeKind, css: string) =>
      this.request<ThemeUploaded>('PUT', ROUTES.adminBrandingTheme, { params: { kind }, raw: { data: css, type: 'text/css' } }),
    /** The hosted theme file's CSS; `theme_file_not_found` when there is none (admin, supervisor). */
    downloadTheme: (kind: ThemeKind) => this.request<string>('GET', ROUTES.adminBrandingTheme, { params: { kind }, asText: true }),
    /** Reset to default: removes the hosted file and the theme URL of that kind (admin). */
    resetTheme: (kind: ThemeKind) => this.request<PortalBranding>('DELETE', ROUTES.adminBrandingTheme, { params: { kind } }),
    /**
     * A 15-minute application token of this account's own, for a live preview (a `<nexus-self-help>`
     * on the portal's page shows the tenant's content with it); listed under Application Tokens (admin).
     */
    previewToken: () => this.request<AppTokenWithJwt>('POST', ROUTES.adminBrandingPreviewToken),
  };

  /** Co-browse settings: block and mask selectors, recording, the remote client URL. */
  readonly cobrowse = {
    get: () => this.request<CobrowseSettings>('GET', ROUTES.adminCobrowseSettings),
    update: (change: CobrowseSettingsUpdate) => this.request<CobrowseSettings>('PUT', ROUTES.adminCobrowseSettings, { body: change }),
    reset: () => this.request<CobrowseSettings>('DELETE', ROUTES.adminCobrowseSettings),
    /** The tenant's stored recordings, newest first (tenants that record co-browse) (admin, supervisor). */
    recordings: (filter: { sessionId?: string; limit?: number } = {}) =>
      this.request<{ items: CobrowseRecordingSummary[] }>('GET', ROUTES.adminCobrowseRecordings, { query: filter }).then((list) => list.items),
    /**
     * One recording with its batches of rrweb events; `not_found`-like `cobrowse_not_found` for an
     * unknown id. The events are untrusted: play them with `<nexus-cobrowse-player>` (a sandboxed frame).
     */
    recording: (id: string) => this.request<CobrowseRecording>('GET', ROUTES.adminCobrowseRecording, { params: { id } }),
  };

  /**
   * Content authoring (admin, author): guided paths as drafts and versions, and categories. A
   * path's writes carry the `revision` read with it (`AuthoredPathInfo.revision`); when another
   * author saved in between they reject with `edit_conflict`, whose `details[0]` names who and
   * when with the current revision (load the path again). Publishing runs the checks and rejects
   * with `publish_checks_failed`, a detail per problem (`code`, `step`, `choice`, `message`).
   * Customers see a path only once it is published; the search follows publishing.
   */
  readonly content = {
    /** The tenant's paths, published and drafts, by title; filters apply to the draft when there is one. */
    list: (query: AuthoredPathQuery = {}) => this.request<AuthoredPathList>('GET', ROUTES.adminContentPaths, { query }),
    /** One path: what customers read (null until published), the draft, the revision and the latest version. */
    get: (id: string) => this.request<AuthoredPathInfo>('GET', ROUTES.adminContentPath, { params: { id } }),
    /** A new path, as a draft; `path_exists` when the id is taken. */
    create: (path: GuidedPath) => this.request<AuthoredPathInfo>('POST', ROUTES.adminContentPaths, { body: path }),
    /** Saves the whole path as the draft, based on `revision`. */
    save: (id: string, revision: number, path: GuidedPath) => this.request<AuthoredPathInfo>('PUT', ROUTES.adminContentPath, { params: { id }, body: { revision, path } }),
    /** Publishes the draft as the next version; `moveHelpIds` takes the help-ids it claims from the paths holding them. */
    publish: (id: string, revision: number, options: { moveHelpIds?: boolean } = {}) =>
      this.request<PathPublished>('POST', ROUTES.adminContentPathPublish, { params: { id }, body: { revision, ...options } }),
    /** Drops the draft; `path` is null when the path is gone with it (it was never published). */
    discard: (id: string, revision: number) => this.request<PathDiscarded>('DELETE', ROUTES.adminContentPathDraft, { params: { id }, query: { revision } }),
    /** A copy (of the draft, else the published path) as a new draft, without help-ids. */
    duplicate: (id: string, copy: { id: string; title?: string }) => this.request<AuthoredPathInfo>('POST', ROUTES.adminContentPathDuplicate, { params: { id }, body: copy }),
    /** What deleting the path takes away: the help-ids that name it (to show in the confirm). */
    links: (id: string) => this.request<PathLinks>('GET', ROUTES.adminContentPathLinks, { params: { id } }),
    /** Deletes the path with its draft, versions and help-ids; answers the help-ids it took away. */
    remove: (id: string) => this.request<PathLinks>('DELETE', ROUTES.adminContentPath, { params: { id } }),
    /** The published versions, newest first, with who published each and when. */
    versions: (id: string) => this.request<PathVersionList>('GET', ROUTES.adminContentPathVersions, { params: { id } }).then((list): PathVersionSummary[] => list.items),
    /** One version's document (to compare with the draft). */
    version: (id: string, version: number) => this.request<PathVersionInfo>('GET', ROUTES.adminContentPathVersion, { params: { id, version: String(version) } }),
    /** Makes a version the draft (publish it to make it current again). */
    restore: (id: string, version: number, revision: number) =>
      this.request<AuthoredPathInfo>('POST', ROUTES.adminContentPathRestore, { params: { id, version: String(version) }, body: { revision } }),
    /** Gives a help-id to a published path, taking it from the path that holds it. */
    moveHelpId: (helpId: string, pathId: string) => this.request<HelpIdMoved>('PUT', ROUTES.adminContentHelpId, { params: { helpId }, body: { pathId } }),
    /** Every category, with the number of paths (published or draft) in it. */
    categories: () => this.request<ContentCategoryList>('GET', ROUTES.adminContentCategories).then((list) => list.items),
    createCategory: (category: CategoryInput) => this.request<ContentCategory>('POST', ROUTES.adminContentCategories, { body: category }),
    updateCategory: (id: string, change: CategoryUpdate) => this.request<ContentCategory>('PATCH', ROUTES.adminContentCategory, { params: { id }, body: change }),
    /** Deletes an empty category; `category_in_use` (the message says how many paths) otherwise. */
    removeCategory: (id: string) => this.request<ContentCategory>('DELETE', ROUTES.adminContentCategory, { params: { id } }),
    /** The published content as the JSON folder format: file name (`categories.json`, `<category>/<id>.json`) → JSON text. */
    exportFiles: () => this.request<ContentExport>('GET', ROUTES.adminContentExport).then((answer) => answer.files),
    /**
     * Imports a folder given as files, as the CLI's `import` does (`replace`: also delete the
     * published paths and categories it lacks); `content_invalid` with a detail per problem, and
     * nothing written, when a file is wrong. At most 8 MiB.
     */
    importFiles: (files: Record<string, string>, options: { replace?: boolean } = {}) =>
      this.request<ContentImported>('POST', ROUTES.adminContentImport, { body: { files, ...options } }),
    /**
     * Hosts an image for step bodies and resolves with its absolute URL, for `<img src>` (the
     * portal's rich-text editor's `uploadImage`). PNG, JPEG, GIF or WebP, sent with the file's own
     * type, at most 2 MiB; the same bytes again give the same URL. Rejects with
     * `payload_too_large`, `image_invalid` (empty, SVG, another type, or bytes that are not an image
     * of the file's type: a text file named `.png`), `image_quota_exceeded` (the tenant's images
     * are full: 200 MiB).
     */
    uploadImage: (file: Blob) =>
      this.request<ContentImageUploaded>('POST', ROUTES.adminContentImages, { raw: { data: file, type: file.type || 'application/octet-stream' } }).then((answer) => answer.url),
  };

  /** The audit log of administrative changes, newest first; `next` of a page asks for the page after it. */
  readonly audit = {
    list: (query: Omit<AuditQuery, 'tenant'> = {}) => this.request<AuditPage>('GET', ROUTES.adminAudit, { query }),
  };

  /**
   * Analytics of a date range (admin, supervisor; definitions in server/README.md "Analytics").
   * A range is `from` (included) to `to` (excluded), in ms, at most 366 days (`range_too_long`
   * beyond); days are cut at midnight of `utcOffset` (minutes east of UTC; default: this
   * browser's offset now, so a range across a daylight-saving change has days an hour off on one side).
   */
  readonly analytics = {
    /** Paths (views, completions, resolved, escalated), drop-off per step, searches, deflection, per day. */
    selfHelp: (range: AnalyticsRangeInput) => this.request<SelfHelpAnalytics>('GET', ROUTES.adminAnalyticsSelfHelp, { query: rangeQuery(range) }),
    /** Sessions per skill and channel, wait and handle times, abandoned, transfers, ratings, survey, per day. */
    liveHelp: (range: AnalyticsRangeInput) => this.request<LiveHelpAnalytics>('GET', ROUTES.adminAnalyticsLiveHelp, { query: rangeQuery(range) }),
    /**
     * One table of a view as CSV text (RFC 4180, CRLF lines, a header row; text cells that start
     * with `=`, `+`, `-` or `@` are prefixed with `'`): self help `paths`, `drop-off`, `days`,
     * `no-result-queries`; live help `skills`, `channels`, `days`, `ratings`, `survey`.
     */
    csv: (view: 'self-help' | 'live-help', table: SelfHelpTable | LiveHelpTable, range: AnalyticsRangeInput) =>
      this.request<string>('GET', view === 'self-help' ? ROUTES.adminAnalyticsSelfHelp : ROUTES.adminAnalyticsLiveHelp, {
        query: { ...rangeQuery(range), format: 'csv', table },
        asText: true,
      }),
  };
}

/** A range of the analytics: `[from, to)` in ms, and the offset by which days are cut (minutes east of UTC). */
export interface AnalyticsRangeInput {
  from: number;
  to: number;
  /** Default: this browser's offset now (`-new Date().getTimezoneOffset()`). */
  utcOffset?: number;
}

const rangeQuery = ({ from, to, utcOffset = -new Date().getTimezoneOffset() }: AnalyticsRangeInput) => ({ from, to, utcOffset });
