/** Co-browse recordings for both stores: one row per recording, its parts in order. */
import { sql } from 'kysely';
import type { CobrowseRecordingPart, CobrowseRecordingRecord, NewCobrowseRecording } from '../types.js';
import type { Db, Dialect } from './engine.js';
import { recordingRow, toRecording } from './rows.js';
import { isSet } from './tables.js';

export async function startCobrowseRecording(db: Db, recording: NewCobrowseRecording): Promise<void> {
  await db
    .insertInto('cobrowse_recordings')
    .values(recordingRow(recording))
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/**
 * Appends a part unless the recording would pass `maxChars` (then it is marked truncated and
 * the part is left out). False when the part was not kept.
 */
export function appendCobrowseRecordingPart(
  db: Db,
  dialect: Dialect,
  tenantId: string,
  id: string,
  part: CobrowseRecordingPart,
  maxChars: number,
): Promise<boolean> {
  return dialect.write(db, async (trx) => {
    await dialect.lockRow(trx, 'cobrowse_recordings', tenantId, id);
    const row = await trx
      .selectFrom('cobrowse_recordings')
      .select(['chars', 'truncated'])
      .where('id', '=', id)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    if (!row || isSet(row.truncated)) return false;
    if (row.chars + part.data.length > maxChars) {
      await trx.updateTable('cobrowse_recordings').set({ truncated: dialect.flag(true) }).where('id', '=', id).execute();
      return false;
    }
    await trx.insertInto('cobrowse_recording_parts').values({ recording_id: id, ...part }).onConflict((oc) => oc.doNothing()).execute();
    await trx
      .updateTable('cobrowse_recordings')
      .set({ chars: sql`chars + ${part.data.length}` })
      .where('id', '=', id)
      .execute();
    return true;
  });
}

export async function endCobrowseRecording(db: Db, tenantId: string, id: string, reason: string, at: number): Promise<void> {
  await db
    .updateTable('cobrowse_recordings')
    .set({ ended_at: at, end_reason: reason })
    .where('id', '=', id)
    .where('tenant_id', '=', tenantId)
    .where('ended_at', 'is', null)
    .execute();
}

export async function listCobrowseRecordings(
  db: Db,
  tenantId: string,
  filter: { sessionId?: string; limit: number },
): Promise<CobrowseRecordingRecord[]> {
  let query = db.selectFrom('cobrowse_recordings').selectAll().where('tenant_id', '=', tenantId);
  if (filter.sessionId !== undefined) query = query.where('session_id', '=', filter.sessionId);
  const rows = await query.orderBy('started_at', 'desc').orderBy('id').limit(filter.limit).execute();
  return rows.map(toRecording);
}

export async function getCobrowseRecording(
  db: Db,
  tenantId: string,
  id: string,
): Promise<{ recording: CobrowseRecordingRecord; parts: CobrowseRecordingPart[] } | undefined> {
  const row = await db.selectFrom('cobrowse_recordings').selectAll().where('id', '=', id).where('tenant_id', '=', tenantId).executeTakeFirst();
  if (!row) return undefined;
  const parts = await db
    .selectFrom('cobrowse_recording_parts')
    .select(['seq', 'part', 'parts', 'data', 'at'])
    .where('recording_id', '=', id)
    .orderBy('seq')
    .orderBy('part')
    .execute();
  return { recording: toRecording(row), parts };
}
