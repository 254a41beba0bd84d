/**
 * Per-tenant settings for both stores: portal branding (`tenant_branding`), co-browse settings
 * (`tenant_cobrowse_settings`) and the tenant's own SMTP server (`tenant_mail_settings`, one
 * upsert: nothing is read before it is written), one row per tenant that set any. A change is read,
 * changed by the caller's function and written in one write transaction that holds the tenant's
 * settings of that kind (Dialect.lock), so two processes never both change the same version.
 */
import type { TenantBranding, TenantCobrowseSettings, TenantMailSettings } from '../types.js';
import type { Db, Dialect } from './engine.js';
import { brandingRow, cobrowseSettingsRow, defaultBranding, defaultCobrowseSettings, toBranding, toCobrowseSettings, toMailSettings } from './rows.js';

const tenantExists = async (db: Db, tenantId: string) => Boolean(await db.selectFrom('tenants').select('id').where('id', '=', tenantId).executeTakeFirst());

export async function getBranding(db: Db, tenantId: string): Promise<TenantBranding | undefined> {
  if (!(await tenantExists(db, tenantId))) return undefined;
  const row = await db.selectFrom('tenant_branding').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
  return row ? toBranding(row) : defaultBranding(tenantId);
}

export function updateBranding(db: Db, dialect: Dialect, tenantId: string, change: (current: TenantBranding) => TenantBranding) {
  return dialect.write(db, async (trx) => {
    await dialect.lock(trx, 'branding', tenantId);
    const current = await getBranding(trx, tenantId);
    if (!current) throw new Error(`there is no tenant '${tenantId}'`);
    const next = { ...change(current), tenantId, updatedAt: Date.now() };
    const row = brandingRow(next, dialect.flag);
    await trx
      .insertInto('tenant_branding')
      .values({ tenant_id: tenantId, ...row })
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet(row))
      .execute();
    return next;
  });
}

export async function resetBranding(db: Db, tenantId: string) {
  const result = await db.deleteFrom('tenant_branding').where('tenant_id', '=', tenantId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function getCobrowseSettings(db: Db, tenantId: string): Promise<TenantCobrowseSettings | undefined> {
  if (!(await tenantExists(db, tenantId))) return undefined;
  const row = await db.selectFrom('tenant_cobrowse_settings').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
  return row ? toCobrowseSettings(row) : defaultCobrowseSettings(tenantId);
}

export function setCobrowseSettings(db: Db, dialect: Dialect, tenantId: string, change: (current: TenantCobrowseSettings) => TenantCobrowseSettings) {
  return dialect.write(db, async (trx) => {
    await dialect.lock(trx, 'cobrowse settings', tenantId);
    const current = await getCobrowseSettings(trx, tenantId);
    if (!current) throw new Error(`there is no tenant '${tenantId}'`);
    const next = { ...change(current), tenantId, updatedAt: Date.now() };
    const row = cobrowseSettingsRow(next, dialect.flag);
    await trx
      .insertInto('tenant_cobrowse_settings')
      .values({ tenant_id: tenantId, ...row })
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet(row))
      .execute();
    return next;
  });
}

export async function resetCobrowseSettings(db: Db, tenantId: string) {
  const result = await db.deleteFrom('tenant_cobrowse_settings').where('tenant_id', '=', tenantId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Store.getMailSettings: the tenant's row, if it has one. */
export async function getMailSettings(db: Db, tenantId: string): Promise<TenantMailSettings | undefined> {
  const row = await db.selectFrom('tenant_mail_settings').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
  return row && toMailSettings(row);
}

/** Store.setMailSettings: one upsert of the tenant's row (a second set replaces the first). */
export async function setMailSettings(db: Db, tenantId: string, settings: { smtpUrl: string; from: string | null }): Promise<TenantMailSettings> {
  if (!(await tenantExists(db, tenantId))) throw new Error(`there is no tenant '${tenantId}'`);
  const row = { smtp_url: settings.smtpUrl, mail_from: settings.from, updated_at: Date.now() };
  await db
    .insertInto('tenant_mail_settings')
    .values({ tenant_id: tenantId, ...row })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet(row))
    .execute();
  return toMailSettings({ tenant_id: tenantId, ...row });
}

/** Store.clearMailSettings: deletes the tenant's row; whether there was one. */
export async function clearMailSettings(db: Db, tenantId: string) {
  const result = await db.deleteFrom('tenant_mail_settings').where('tenant_id', '=', tenantId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
