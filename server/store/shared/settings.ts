/**
 * Per-tenant settings for both stores: portal branding (`tenant_branding`), co-browse settings
 * (`tenant_cobrowse_settings`), the live-help configuration (`tenant_config`) and the tenant's own SMTP server (`tenant_mail_settings`, one
 * upsert: nothing is read before it is written), one row per tenant that set any. A change is read,
 * changed by the caller's function and written in one write transaction that holds the tenant's
 * settings of that kind (Dialect.lock), so two processes never both change the same version.
 */
import type { ThemeKind } from '../../../src/protocol/admin.js';
import type { TenantBranding, TenantCobrowseSettings, TenantConfig, TenantMailSettings, ThemeFile } from '../types.js';
import type { Db, Dialect } from './engine.js';
import {
  brandingRow,
  cobrowseSettingsRow,
  defaultBranding,
  defaultCobrowseSettings,
  defaultTenantConfig,
  tenantConfigRow,
  toBranding,
  toCobrowseSettings,
  toMailSettings,
  toTenantConfig,
} from './rows.js';

const tenantExists = async (db: Db, tenantId: string) => Boolean(await db.selectFrom('tenants').select('id').where('id', '=', tenantId).executeTakeFirst());

/**
 * One kind of settings kept as one row per tenant that changed them: its table, the name of its
 * lock, and how a row reads and writes (a tenant without a row has the defaults).
 */
interface SettingsKind<T extends { tenantId: string }> {
  table: 'tenant_branding' | 'tenant_cobrowse_settings' | 'tenant_config';
  lock: string;
  defaults(tenantId: string): T;
  read(row: never): T;
  row(value: T & { updatedAt: number }, flag: Dialect['flag']): Record<string, unknown>;
}

const BRANDING: SettingsKind<TenantBranding> = {
  table: 'tenant_branding',
  lock: 'branding',
  defaults: defaultBranding,
  read: toBranding,
  row: brandingRow,
};

const COBROWSE: SettingsKind<TenantCobrowseSettings> = {
  table: 'tenant_cobrowse_settings',
  lock: 'cobrowse settings',
  defaults: defaultCobrowseSettings,
  read: toCobrowseSettings,
  row: cobrowseSettingsRow,
};

const CONFIG: SettingsKind<TenantConfig> = {
  table: 'tenant_config',
  lock: 'config',
  defaults: defaultTenantConfig,
  read: toTenantConfig,
  row: tenantConfigRow,
};

/** The tenant's settings of a kind (the defaults when it has no row); undefined for no tenant. */
async function getSettings<T extends { tenantId: string }>(db: Db, kind: SettingsKind<T>, tenantId: string): Promise<T | undefined> {
  if (!(await tenantExists(db, tenantId))) return undefined;
  const row = await db.selectFrom(kind.table).selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
  return row ? kind.read(row as never) : kind.defaults(tenantId);
}

/** Reads, changes (the caller's function) and writes the tenant's settings of a kind under its lock. */
function changeSettings<T extends { tenantId: string }>(db: Db, dialect: Dialect, kind: SettingsKind<T>, tenantId: string, change: (current: T) => T) {
  return dialect.write(db, async (trx) => {
    await dialect.lock(trx, kind.lock, tenantId);
    const current = await getSettings(trx, kind, tenantId);
    if (!current) throw new Error(`there is no tenant '${tenantId}'`);
    const next = { ...change(current), tenantId, updatedAt: Date.now() };
    const row = kind.row(next, dialect.flag);
    await trx
      .insertInto(kind.table)
      .values({ tenant_id: tenantId, ...row } as never)
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet(row as never))
      .execute();
    return next;
  });
}

/** Removes the tenant's row of a kind (back to the defaults); whether there was one. */
async function resetSettings(db: Db, kind: SettingsKind<{ tenantId: string }>, tenantId: string) {
  const result = await db.deleteFrom(kind.table).where('tenant_id', '=', tenantId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export const getBranding = (db: Db, tenantId: string) => getSettings(db, BRANDING, tenantId);
export const updateBranding = (db: Db, dialect: Dialect, tenantId: string, change: (current: TenantBranding) => TenantBranding) =>
  changeSettings(db, dialect, BRANDING, tenantId, change);
export const resetBranding = (db: Db, tenantId: string) => resetSettings(db, BRANDING, tenantId);

/** Stores a hosted theme file over the tenant's one of that kind (one upsert); throws when there is no such tenant. */
export async function putThemeFile(db: Db, file: ThemeFile): Promise<ThemeFile> {
  if (!(await tenantExists(db, file.tenantId))) throw new Error(`there is no tenant '${file.tenantId}'`);
  const row = { hash: file.hash, css: file.css, size: file.size, uploaded_at: file.uploadedAt };
  await db
    .insertInto('theme_files')
    .values({ tenant_id: file.tenantId, kind: file.kind, ...row })
    .onConflict((oc) => oc.columns(['tenant_id', 'kind']).doUpdateSet(row))
    .execute();
  return file;
}

export async function getThemeFile(db: Db, tenantId: string, kind: ThemeKind): Promise<ThemeFile | undefined> {
  const r = await db.selectFrom('theme_files').selectAll().where('tenant_id', '=', tenantId).where('kind', '=', kind).executeTakeFirst();
  return r && { tenantId: r.tenant_id, kind: r.kind as ThemeKind, hash: r.hash, css: r.css, size: Number(r.size), uploadedAt: Number(r.uploaded_at) };
}

export async function deleteThemeFile(db: Db, tenantId: string, kind: ThemeKind): Promise<boolean> {
  const result = await db.deleteFrom('theme_files').where('tenant_id', '=', tenantId).where('kind', '=', kind).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export const getCobrowseSettings = (db: Db, tenantId: string) => getSettings(db, COBROWSE, tenantId);
export const setCobrowseSettings = (db: Db, dialect: Dialect, tenantId: string, change: (current: TenantCobrowseSettings) => TenantCobrowseSettings) =>
  changeSettings(db, dialect, COBROWSE, tenantId, change);
export const resetCobrowseSettings = (db: Db, tenantId: string) => resetSettings(db, COBROWSE, tenantId);

export const getTenantConfig = (db: Db, tenantId: string) => getSettings(db, CONFIG, tenantId);
export const updateTenantConfig = (db: Db, dialect: Dialect, tenantId: string, change: (current: TenantConfig) => TenantConfig) =>
  changeSettings(db, dialect, CONFIG, tenantId, change);

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
