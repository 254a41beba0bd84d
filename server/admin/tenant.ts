/**
 * A tenant and its settings: creating it, Settings > Self-Support Branding, the co-browse
 * settings and the tenant's own SMTP server. The checks stay in branding.ts, cobrowse-settings.ts
 * and live/mailer.ts; these functions check the shape with the protocol's schemas, apply, and
 * record the change. What the audit log keeps of the SMTP URL is scheme://host:port, never its
 * user or password.
 */
import { BrandingUpdate, CobrowseSettingsUpdate, MailSettingsUpdate, TenantCreate, type PortalBranding } from '../../src/protocol/schemas.js';
import { BrandingError, changeBranding, toPortalBranding } from '../branding.js';
import { changeCobrowseSettings, CobrowseSettingsError, toCobrowseSettings } from '../cobrowse-settings.js';
import { ApiError } from '../errors.js';
import { checkSmtpUrl, describeSmtpUrl } from '../live/mailer.js';
import { ConflictError, type Store, type Tenant, type TenantBranding, type TenantCobrowseSettings, type TenantMailSettings } from '../store/types.js';
import { audit, check, tenantFor, type AdminActor } from './kit.js';
import { THEME_KINDS } from '../theme-files.js';

/** Creates a tenant (the CLI only: accounts belong to a tenant). */
export async function createTenant(store: Store, actor: AdminActor, input: unknown): Promise<Tenant> {
  const { id, name } = check(TenantCreate, input);
  if (actor.kind !== 'cli') throw new ApiError(403, 'forbidden', 'tenants are created on the database host');
  let tenant;
  try {
    tenant = await store.createTenant(id, name);
  } catch (error) {
    if (error instanceof ConflictError) throw new ApiError(409, 'invalid_request', error.message);
    throw error;
  }
  await audit(store, actor, { tenantId: id, action: 'tenant.create', target: id, after: tenant });
  return tenant;
}

/** A refused setting as a 400 `invalid_settings`; its message starts with the finer code (`invalid_theme_url: …`). */
export function refused(error: unknown): never {
  if (error instanceof BrandingError || error instanceof CobrowseSettingsError) {
    throw new ApiError(400, 'invalid_settings', `${error.code}: ${error.message}`, [{ path: error.path, message: error.message }]);
  }
  throw error;
}

/** Applies a branding change; answers the branding and warnings (placeholders an override leaves out). */
export async function updateBranding(
  store: Store,
  actor: AdminActor,
  input: { tenantId: string; change: unknown },
): Promise<{ branding: TenantBranding; portal: PortalBranding; warnings: string[] }> {
  const change = check(BrandingUpdate, input.change);
  const tenantId = await tenantFor(store, actor, input.tenantId);
  const before = await store.getBranding(tenantId);
  const { branding, warnings } = await changeBranding(store, tenantId, change).catch(refused);
  await audit(store, actor, { tenantId, action: 'branding.update', target: tenantId, before: before && toPortalBranding(before), after: toPortalBranding(branding) });
  return { branding, portal: toPortalBranding(branding), warnings };
}

/** Back to the default branding, hosted theme files removed; false when it had the defaults already (nothing recorded then). */
export async function resetBranding(store: Store, actor: AdminActor, input: { tenantId: string }): Promise<boolean> {
  const tenantId = await tenantFor(store, actor, input.tenantId);
  const before = await store.getBranding(tenantId);
  const had = await store.resetBranding(tenantId);
  // The hosted theme files go with their URLs.
  const files = await Promise.all(THEME_KINDS.map((kind) => store.deleteThemeFile(tenantId, kind)));
  if (had || files.includes(true)) await audit(store, actor, { tenantId, action: 'branding.reset', target: tenantId, before: before && toPortalBranding(before) });
  return had;
}

export async function updateCobrowseSettings(store: Store, actor: AdminActor, input: { tenantId: string; change: unknown }): Promise<TenantCobrowseSettings> {
  const change = check(CobrowseSettingsUpdate, input.change);
  const tenantId = await tenantFor(store, actor, input.tenantId);
  const before = await store.getCobrowseSettings(tenantId);
  const after = await changeCobrowseSettings(store, tenantId, change).catch(refused);
  await audit(store, actor, { tenantId, action: 'cobrowse.update', target: tenantId, before: before && toCobrowseSettings(before), after: toCobrowseSettings(after) });
  return after;
}

export async function resetCobrowseSettings(store: Store, actor: AdminActor, input: { tenantId: string }): Promise<boolean> {
  const tenantId = await tenantFor(store, actor, input.tenantId);
  const before = await store.getCobrowseSettings(tenantId);
  const had = await store.resetCobrowseSettings(tenantId);
  if (had) await audit(store, actor, { tenantId, action: 'cobrowse.reset', target: tenantId, before: before && toCobrowseSettings(before) });
  return had;
}

/** The SMTP setting as the audit log keeps it. */
const smtpAudit = (m: TenantMailSettings | undefined) => m && { smtp: describeSmtpUrl(m.smtpUrl), from: m.from };

export async function setMailSettings(store: Store, actor: AdminActor, input: { tenantId: string; settings: unknown }): Promise<TenantMailSettings> {
  const settings = check(MailSettingsUpdate, input.settings);
  try {
    checkSmtpUrl(settings.smtpUrl);
  } catch (error) {
    throw new ApiError(400, 'invalid_settings', (error as Error).message, [{ path: '/smtpUrl', message: (error as Error).message }]);
  }
  const tenantId = await tenantFor(store, actor, input.tenantId);
  const before = await store.getMailSettings(tenantId);
  const after = await store.setMailSettings(tenantId, settings);
  await audit(store, actor, { tenantId, action: 'mail.update', target: tenantId, before: smtpAudit(before), after: smtpAudit(after) });
  return after;
}

export async function clearMailSettings(store: Store, actor: AdminActor, input: { tenantId: string }): Promise<boolean> {
  const tenantId = await tenantFor(store, actor, input.tenantId);
  const before = await store.getMailSettings(tenantId);
  const had = await store.clearMailSettings(tenantId);
  if (had) await audit(store, actor, { tenantId, action: 'mail.clear', target: tenantId, before: smtpAudit(before) });
  return had;
}
