/**
 * The admin REST API behind the portal (ROUTES.admin*): each route a few lines over the service
 * functions of this folder, which validate, act and write the audit record. The caller is a
 * signed-in account (the session cookie; `requireStaff` checks its role, the session checks
 * X-CSRF-Token on every unsafe method), acting in its own tenant: the tenant comes from the
 * session, never from the URL or the body. Who may call what: READ and ADMIN below, and the
 * table in server/README.md ("The admin API") and docs/security.md.
 */
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { ThemeKind } from '../../src/protocol/admin.js';
import { AdminIdParams, BrandingChanged, ThemeKindParams, ThemeUploaded, UserCreate, UserCreated, UserInfo, UserList, UserUpdate } from '../../src/protocol/admin.js';
import type * as AdminWire from '../../src/protocol/admin.js';
import { ROUTES } from '../../src/protocol/routes.js';
import { AppTokenCreate, AppTokenInfo, AppTokenList, AppTokenWithJwt, BrandingUpdate, CobrowseSettings, CobrowseSettingsUpdate, PortalBranding, SkillAgents, SkillCreate, SkillDeleted, SkillInfo, SkillList, SkillRename, TenantConfigInfo, TenantConfigUpdate } from '../../src/protocol/schemas.js';
import { AuditPage, AuditQuery } from '../../src/protocol/audit.js';
import type { AccountOptions } from '../accounts/routes.js';
import { RESET_TTL_MS } from '../accounts/service.js';
import { requireStaff, type PrincipalRole } from '../auth.js';
import { toPortalBranding } from '../branding.js';
import { themeFileHeaders, THEME_FILE_LIMITS } from '../theme-files.js';
import { mediaType } from '../live/files.js';
import { toCobrowseSettings } from '../cobrowse-settings.js';
import { ApiError, errorHandler } from '../errors.js';
import { requestOrigin } from '../headers.js';
import { registerRecordingRoutes } from '../live/cobrowse-routes.js';
import type { MailSender } from '../live/transcript.js';
import type { StaffRole } from '../store/account-types.js';
import type { Store } from '../store/types.js';
import type { AdminActor } from './kit.js';
import { listAuditLog } from './audit-log.js';
import { getTenantConfig, toTenantConfigInfo, updateTenantConfig } from './config.js';
import { assignAgents, createSkill, deleteSkill, listSkills, renameSkill, unassignAgents } from './skills.js';
import { resetBranding, resetCobrowseSettings, updateBranding, updateCobrowseSettings } from './tenant.js';
import { downloadThemeFile, resetThemeFile, themeFileTooLarge, uploadThemeFile } from './themes.js';
import { createToken, listTokens, previewToken, revokeToken, viewTokenJwt } from './tokens.js';
import { createUser, deleteUser, listUsers, resetUserPassword, setUserDisabled, updateUser } from './users.js';

/** Every admin route takes a signed-in account (server/routes.ts checks it before the handler). */
export const STAFF = { roles: ['staff'] as PrincipalRole[] };
/** Reading anything, and managing skills and agents' skills and maximum sessions. */
const READ: readonly StaffRole[] = ['admin', 'supervisor'];
/** Everything else: tokens, accounts, settings. */
const ADMIN: readonly StaffRole[] = ['admin'];
/** The tenant's branding is read by authors too: the path editor previews drafts with it. */
const BRANDING_READ: readonly StaffRole[] = [...READ, 'author'];

type Params = { Params: { id: string } };
type KindParams = { Params: { kind: ThemeKind } };

/** The caller as an actor of the services, when its role is one of `roles` (403 otherwise), and its tenant. */
export function actorOf(request: FastifyRequest, roles: readonly StaffRole[]): { actor: AdminActor; tenantId: string; role: StaffRole } {
  const staff = requireStaff(request.principal, roles);
  return { actor: { kind: 'account', accountId: staff.accountId, tenantId: staff.tenantId }, tenantId: staff.tenantId, role: staff.staffRole };
}

const withId = { params: AdminIdParams };

/** The arguments of a service that lists the caller's tenant's things, for a reader. */
function reader(request: FastifyRequest): [AdminActor, { tenantId: string }] {
  const { actor, tenantId } = actorOf(request, READ);
  return [actor, { tenantId }];
}

export function registerAdminRoutes(api: FastifyInstance, store: Store, mail: MailSender, accounts: AccountOptions = {}) {
  // Integration > Application Tokens
  api.get(ROUTES.adminTokens, { config: STAFF, schema: { response: { 200: AppTokenList } } }, (request) => listTokens(store, ...reader(request)));
  api.post(ROUTES.adminTokens, { config: STAFF, schema: { body: AppTokenCreate, response: { 201: AppTokenWithJwt } } }, async (request, reply) => {
    const { actor, tenantId } = actorOf(request, ADMIN);
    return reply.status(201).send(await createToken(store, actor, { tenantId, token: request.body }));
  });
  api.get<Params>(ROUTES.adminTokenJwt, { config: STAFF, schema: { ...withId, response: { 200: AppTokenWithJwt } } }, (request) => {
    const { actor, tenantId } = actorOf(request, ADMIN);
    return viewTokenJwt(store, actor, { tenantId, tokenId: request.params.id });
  });
  api.post<Params>(ROUTES.adminTokenRevoke, { config: STAFF, schema: { ...withId, response: { 200: AppTokenInfo } } }, (request) => {
    const { actor, tenantId } = actorOf(request, ADMIN);
    return revokeToken(store, actor, { tenantId, tokenId: request.params.id });
  });

  // Operations > Skills
  api.get(ROUTES.adminSkills, { config: STAFF, schema: { response: { 200: SkillList } } }, (request) => listSkills(store, ...reader(request)));
  api.post(ROUTES.adminSkills, { config: STAFF, schema: { body: SkillCreate, response: { 201: SkillInfo } } }, async (request, reply) => {
    const { actor, tenantId } = actorOf(request, READ);
    return reply.status(201).send(await createSkill(store, actor, { tenantId, skill: request.body }));
  });
  api.patch<Params>(ROUTES.adminSkill, { config: STAFF, schema: { ...withId, body: SkillRename, response: { 200: SkillInfo } } }, (request) => {
    const { actor, tenantId } = actorOf(request, READ);
    return renameSkill(store, actor, { tenantId, skillId: request.params.id, change: request.body });
  });
  api.delete<Params>(ROUTES.adminSkill, { config: STAFF, schema: { ...withId, response: { 200: SkillDeleted } } }, (request) => {
    const { actor, tenantId } = actorOf(request, READ);
    return deleteSkill(store, actor, { tenantId, skillId: request.params.id });
  });
  for (const [route, assign] of [[ROUTES.adminSkillAssign, assignAgents], [ROUTES.adminSkillUnassign, unassignAgents]] as const) {
    api.post<Params>(route, { config: STAFF, schema: { ...withId, body: SkillAgents, response: { 200: SkillInfo } } }, (request) => {
      const { actor, tenantId } = actorOf(request, READ);
      return assign(store, actor, { tenantId, skillId: request.params.id, agents: request.body });
    });
  }

  // Operations > Users
  api.get(ROUTES.adminUsers, { config: STAFF, schema: { response: { 200: UserList } } }, (request) => listUsers(store, ...reader(request)));
  api.post<{ Body: AdminWire.UserCreate }>(ROUTES.adminUsers, { config: STAFF, schema: { body: UserCreate, response: { 201: UserCreated } } }, async (request, reply) => {
    const { actor, tenantId } = actorOf(request, ADMIN);
    return reply.status(201).send(await createUser(store, actor, { tenantId, user: request.body }));
  });
  api.patch<Params>(ROUTES.adminUser, { config: STAFF, schema: { ...withId, body: UserUpdate, response: { 200: UserInfo } } }, (request) => {
    const { actor, tenantId, role } = actorOf(request, READ);
    return updateUser(store, actor, { tenantId, accountId: request.params.id, change: request.body, actorRole: role });
  });
  api.delete<Params>(ROUTES.adminUser, { config: STAFF, schema: { ...withId, response: { 200: UserInfo } } }, (request) => {
    const { actor, tenantId } = actorOf(request, ADMIN);
    return deleteUser(store, actor, { tenantId, accountId: request.params.id });
  });
  for (const [route, disabled] of [[ROUTES.adminUserDisable, true], [ROUTES.adminUserEnable, false]] as const) {
    api.post<Params>(route, { config: STAFF, schema: { ...withId, response: { 200: UserInfo } } }, (request) => {
      const { actor, tenantId } = actorOf(request, ADMIN);
      return setUserDisabled(store, actor, { tenantId, accountId: request.params.id, disabled });
    });
  }
  api.post<Params>(ROUTES.adminUserPasswordReset, { config: STAFF, schema: { ...withId, response: { 200: UserInfo } } }, (request) => {
    const { actor, tenantId } = actorOf(request, ADMIN);
    const link = { origin: accounts.publicUrl ?? requestOrigin(request), ttlMs: accounts.resetTtlMs ?? RESET_TTL_MS };
    return resetUserPassword(store, actor, { tenantId, accountId: request.params.id, mail, ...link });
  });

  // Settings > Configurations
  api.get(ROUTES.adminConfig, { config: STAFF, schema: { response: { 200: TenantConfigInfo } } }, async (request) =>
    toTenantConfigInfo(await getTenantConfig(store, ...reader(request))),
  );
  api.put(ROUTES.adminConfig, { config: STAFF, schema: { body: TenantConfigUpdate, response: { 200: TenantConfigInfo } } }, async (request) => {
    const { actor, tenantId } = actorOf(request, ADMIN);
    return toTenantConfigInfo(await updateTenantConfig(store, actor, { tenantId, change: request.body }));
  });

  // Settings > Self-Support Branding, and the co-browse settings
  api.get(ROUTES.adminBranding, { config: STAFF, schema: { response: { 200: PortalBranding } } }, async (request) => {
    const { tenantId } = actorOf(request, BRANDING_READ);
    return toPortalBranding(await existing(store.getBranding(tenantId)));
  });
  api.put(ROUTES.adminBranding, { config: STAFF, schema: { body: BrandingUpdate, response: { 200: BrandingChanged } } }, async (request) => {
    const { actor, tenantId } = actorOf(request, ADMIN);
    const { portal, warnings } = await updateBranding(store, actor, { tenantId, change: request.body });
    return { branding: portal, warnings };
  });
  api.delete(ROUTES.adminBranding, { config: STAFF, schema: { response: { 200: PortalBranding } } }, async (request) => {
    const { actor, tenantId } = actorOf(request, ADMIN);
    await resetBranding(store, actor, { tenantId });
    return toPortalBranding(await existing(store.getBranding(tenantId)));
  });
  registerThemeRoutes(api, store, accounts);
  api.post(ROUTES.adminBrandingPreviewToken, { config: STAFF, schema: { response: { 200: AppTokenWithJwt } } }, (request) =>
    previewToken(store, actorOf(request, ADMIN).actor as AdminActor & { kind: 'account' }),
  );
  api.get(ROUTES.adminCobrowseSettings, { config: STAFF, schema: { response: { 200: CobrowseSettings } } }, async (request) => {
    const { tenantId } = actorOf(request, READ);
    return toCobrowseSettings(await existing(store.getCobrowseSettings(tenantId)));
  });
  api.put(ROUTES.adminCobrowseSettings, { config: STAFF, schema: { body: CobrowseSettingsUpdate, response: { 200: CobrowseSettings } } }, async (request) => {
    const { actor, tenantId } = actorOf(request, ADMIN);
    return toCobrowseSettings(await updateCobrowseSettings(store, actor, { tenantId, change: request.body }));
  });
  api.delete(ROUTES.adminCobrowseSettings, { config: STAFF, schema: { response: { 200: CobrowseSettings } } }, async (request) => {
    const { actor, tenantId } = actorOf(request, ADMIN);
    await resetCobrowseSettings(store, actor, { tenantId });
    return toCobrowseSettings(await existing(store.getCobrowseSettings(tenantId)));
  });

  // Co-browse recordings: the agents' routes, for staff who have no agent token
  registerRecordingRoutes(api, { list: ROUTES.adminCobrowseRecordings, one: ROUTES.adminCobrowseRecording }, store, STAFF, (request) => actorOf(request, READ).tenantId);

  // The audit log
  api.get(ROUTES.adminAudit, { config: STAFF, schema: { querystring: AuditQuery, response: { 200: AuditPage } } }, (request) =>
    listAuditLog(store, reader(request)[0], request.query),
  );
}

/**
 * Hosted theme files: upload (the CSS as a `text/css` body, at most THEME_FILE_LIMITS.maxBytes:
 * its own parser and limit, in a scope of its own), download and Reset to default.
 */
function registerThemeRoutes(api: FastifyInstance, store: Store, accounts: AccountOptions) {
  api.register(async (upload) => {
    upload.addContentTypeParser('text/css', { parseAs: 'buffer', bodyLimit: THEME_FILE_LIMITS.maxBytes }, (_request, body, done) => done(null, body));
    upload.setErrorHandler((error: FastifyError, request, reply) =>
      errorHandler(error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? (themeFileTooLarge() as unknown as FastifyError) : error, request, reply),
    );
    upload.addHook('preValidation', async (request) => {
      if (mediaType(request.headers['content-type']) !== 'text/css' || !Buffer.isBuffer(request.body)) {
        throw new ApiError(415, 'unsupported_media_type', 'send the theme file as the body, with Content-Type: text/css');
      }
    });
    upload.put<KindParams>(
      ROUTES.adminBrandingTheme,
      { config: STAFF, bodyLimit: THEME_FILE_LIMITS.maxBytes, schema: { params: ThemeKindParams, response: { 200: ThemeUploaded } } },
      async (request) => {
        const { actor, tenantId } = actorOf(request, ADMIN);
        const origin = accounts.publicUrl ?? requestOrigin(request);
        const { file, url, branding } = await uploadThemeFile(store, actor, { tenantId, kind: request.params.kind, bytes: request.body as Buffer, origin });
        return { file: { kind: file.kind, url, hash: file.hash, size: file.size, uploadedAt: file.uploadedAt }, branding: toPortalBranding(branding) };
      },
    );
  });
  api.get<KindParams>(ROUTES.adminBrandingTheme, { config: STAFF, schema: { params: ThemeKindParams } }, async (request, reply) => {
    const { actor, tenantId } = actorOf(request, READ);
    const file = await downloadThemeFile(store, actor, { tenantId, kind: request.params.kind });
    return reply.headers(themeFileHeaders(file.kind, 'attachment')).header('cache-control', 'no-store').send(file.css);
  });
  api.delete<KindParams>(ROUTES.adminBrandingTheme, { config: STAFF, schema: { params: ThemeKindParams, response: { 200: PortalBranding } } }, async (request) => {
    const { actor, tenantId } = actorOf(request, ADMIN);
    return toPortalBranding((await resetThemeFile(store, actor, { tenantId, kind: request.params.kind })).branding);
  });
}

/** The tenant's settings (they exist while the tenant does; a tenant deleted under a session is 404). */
async function existing<T>(settings: Promise<T | undefined>): Promise<T> {
  const value = await settings;
  if (!value) throw new ApiError(404, 'tenant_not_found', 'the tenant of this account does not exist');
  return value;
}
