/** Portal branding in SQLite: one `tenant_branding` row per tenant that set any (migration 0006). */
import type { Kysely, Selectable } from 'kysely';
import type { TenantBranding } from '../types.js';
import { writeTransaction, type DB, type TenantBrandingTable } from './db.js';

/** The branding of a tenant that never set any. */
const defaults = (tenantId: string): TenantBranding => ({
  tenantId,
  themeUrl: null,
  stepContentThemeUrl: null,
  applyOnMobile: true,
  strings: {},
  updatedAt: null,
});

const toBranding = (r: Selectable<TenantBrandingTable>): TenantBranding => ({
  tenantId: r.tenant_id,
  themeUrl: r.theme_url,
  stepContentThemeUrl: r.step_content_theme_url,
  applyOnMobile: r.apply_on_mobile === 1,
  strings: JSON.parse(r.strings) as TenantBranding['strings'],
  updatedAt: r.updated_at,
});

async function read(db: Kysely<DB>, tenantId: string): Promise<TenantBranding | undefined> {
  const tenant = await db.selectFrom('tenants').select('id').where('id', '=', tenantId).executeTakeFirst();
  if (!tenant) return undefined;
  const row = await db.selectFrom('tenant_branding').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
  return row ? toBranding(row) : defaults(tenantId);
}

export function getBranding(db: Kysely<DB>, tenantId: string) {
  return read(db, tenantId);
}

export function updateBranding(db: Kysely<DB>, tenantId: string, change: (current: TenantBranding) => TenantBranding) {
  return writeTransaction(db, async (trx) => {
    const current = await read(trx, tenantId);
    if (!current) throw new Error(`there is no tenant '${tenantId}'`);
    const next = { ...change(current), tenantId, updatedAt: Date.now() };
    const row = {
      theme_url: next.themeUrl,
      step_content_theme_url: next.stepContentThemeUrl,
      apply_on_mobile: next.applyOnMobile ? 1 : 0,
      strings: JSON.stringify(next.strings),
      updated_at: next.updatedAt,
    };
    await trx
      .insertInto('tenant_branding')
      .values({ tenant_id: tenantId, ...row })
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet(row))
      .execute();
    return next;
  });
}

export async function resetBranding(db: Kysely<DB>, tenantId: string) {
  const result = await db.deleteFrom('tenant_branding').where('tenant_id', '=', tenantId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
