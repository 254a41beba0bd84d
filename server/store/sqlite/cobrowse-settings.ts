/** Co-browse settings in SQLite: one `tenant_cobrowse_settings` row per tenant that set any (migration 0007). */
import type { Kysely, Selectable } from 'kysely';
import type { TenantCobrowseSettings } from '../types.js';
import { writeTransaction, type DB, type TenantCobrowseSettingsTable } from './db.js';

/** The settings of a tenant that never set any. */
const defaults = (tenantId: string): TenantCobrowseSettings => ({
  tenantId,
  blockSelectors: [],
  maskTextSelectors: [],
  remoteClientUrl: null,
  recording: false,
  updatedAt: null,
});

const toSettings = (r: Selectable<TenantCobrowseSettingsTable>): TenantCobrowseSettings => ({
  tenantId: r.tenant_id,
  blockSelectors: JSON.parse(r.block_selectors) as string[],
  maskTextSelectors: JSON.parse(r.mask_text_selectors) as string[],
  remoteClientUrl: r.remote_client_url,
  recording: r.recording === 1,
  updatedAt: r.updated_at,
});

async function read(db: Kysely<DB>, tenantId: string): Promise<TenantCobrowseSettings | undefined> {
  const tenant = await db.selectFrom('tenants').select('id').where('id', '=', tenantId).executeTakeFirst();
  if (!tenant) return undefined;
  const row = await db.selectFrom('tenant_cobrowse_settings').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
  return row ? toSettings(row) : defaults(tenantId);
}

export function getCobrowseSettings(db: Kysely<DB>, tenantId: string) {
  return read(db, tenantId);
}

export function setCobrowseSettings(
  db: Kysely<DB>,
  tenantId: string,
  change: (current: TenantCobrowseSettings) => TenantCobrowseSettings,
) {
  return writeTransaction(db, async (trx) => {
    const current = await read(trx, tenantId);
    if (!current) throw new Error(`there is no tenant '${tenantId}'`);
    const next = { ...change(current), tenantId, updatedAt: Date.now() };
    const row = {
      block_selectors: JSON.stringify(next.blockSelectors),
      mask_text_selectors: JSON.stringify(next.maskTextSelectors),
      remote_client_url: next.remoteClientUrl,
      recording: next.recording ? 1 : 0,
      updated_at: next.updatedAt,
    };
    await trx
      .insertInto('tenant_cobrowse_settings')
      .values({ tenant_id: tenantId, ...row })
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet(row))
      .execute();
    return next;
  });
}

export async function resetCobrowseSettings(db: Kysely<DB>, tenantId: string) {
  const result = await db.deleteFrom('tenant_cobrowse_settings').where('tenant_id', '=', tenantId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
