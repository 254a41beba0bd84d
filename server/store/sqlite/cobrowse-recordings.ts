/** Co-browse recordings in SQLite (migration 0008): one row per recording, its parts in order. */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { CobrowseRecordingPart, CobrowseRecordingRecord, NewCobrowseRecording } from '../types.js';
import { writeTransaction, type CobrowseRecordingsTable, type DB } from './db.js';

const toRecord = (r: Selectable<CobrowseRecordingsTable>): CobrowseRecordingRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  sessionId: r.session_id,
  agent: { id: r.agent_id, name: r.agent_name },
  startedAt: r.started_at,
  endedAt: r.ended_at,
  endReason: r.end_reason,
  chars: r.chars,
  truncated: r.truncated === 1,
});

export async function startCobrowseRecording(db: Kysely<DB>, recording: NewCobrowseRecording): Promise<void> {
  await db
    .insertInto('cobrowse_recordings')
    .values({
      id: recording.id,
      tenant_id: recording.tenantId,
      session_id: recording.sessionId,
      agent_id: recording.agent.id,
      agent_name: recording.agent.name,
      started_at: recording.startedAt,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/**
 * Appends a part unless the recording would pass `maxChars` (then it is marked truncated and
 * the part is left out). False when the part was not kept.
 */
export function appendCobrowseRecordingPart(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  part: CobrowseRecordingPart,
  maxChars: number,
): Promise<boolean> {
  return writeTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('cobrowse_recordings')
      .select(['chars', 'truncated'])
      .where('id', '=', id)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    if (!row || row.truncated === 1) return false;
    if (row.chars + part.data.length > maxChars) {
      await trx.updateTable('cobrowse_recordings').set({ truncated: 1 }).where('id', '=', id).execute();
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

export async function endCobrowseRecording(db: Kysely<DB>, tenantId: string, id: string, reason: string, at: number): Promise<void> {
  await db
    .updateTable('cobrowse_recordings')
    .set({ ended_at: at, end_reason: reason })
    .where('id', '=', id)
    .where('tenant_id', '=', tenantId)
    .where('ended_at', 'is', null)
    .execute();
}

export async function listCobrowseRecordings(
  db: Kysely<DB>,
  tenantId: string,
  filter: { sessionId?: string; limit: number },
): Promise<CobrowseRecordingRecord[]> {
  let query = db.selectFrom('cobrowse_recordings').selectAll().where('tenant_id', '=', tenantId);
  if (filter.sessionId !== undefined) query = query.where('session_id', '=', filter.sessionId);
  const rows = await query.orderBy('started_at', 'desc').orderBy('id').limit(filter.limit).execute();
  return rows.map(toRecord);
}

export async function getCobrowseRecording(
  db: Kysely<DB>,
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
  return { recording: toRecord(row), parts };
}
