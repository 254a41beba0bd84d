import { sql, type Kysely } from 'kysely';

/**
 * Live help (SQLite: migration 0004): skills, agents, live sessions with their chat events and
 * files, the mail outbox; and co-browse recordings (SQLite: 0008).
 *
 * - A session's connection code is unique among the tenant's open sessions only (a partial
 *   unique index), so codes are reused once sessions end.
 * - `live_events` is keyed by (session, seq); (session, author role, client id) is unique, which
 *   makes a re-sent message a duplicate instead of a second row. The next seq is taken by
 *   incrementing `live_sessions.last_seq` in the event's transaction, so the session row's lock
 *   orders the events of one session across processes.
 * - Session data, origins, surveys and file descriptions are `json`: returned as they were written.
 */
const text = sql`text COLLATE "C"`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('skills')
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', text, (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('skills_pk', ['tenant_id', 'id'])
    .execute();

  await db.schema
    .createTable('agents')
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', text, (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull().defaultTo('away').check(sql`status IN ('available', 'away')`))
    .addColumn('max_sessions', 'integer', (c) => c.notNull().defaultTo(5).check(sql`max_sessions > 0`))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('agents_pk', ['tenant_id', 'id'])
    .execute();

  await db.schema
    .createTable('agent_skills')
    .addColumn('tenant_id', text, (c) => c.notNull())
    .addColumn('agent_id', text, (c) => c.notNull())
    .addColumn('skill_id', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('agent_skills_pk', ['tenant_id', 'agent_id', 'skill_id'])
    .addForeignKeyConstraint('agent_skills_agent', ['tenant_id', 'agent_id'], 'agents', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('agent_skills_skill', ['tenant_id', 'skill_id'], 'skills', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('agent_skills_by_skill').on('agent_skills').columns(['tenant_id', 'skill_id']).execute();

  await db.schema
    .createTable('live_sessions')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('kind', text, (c) => c.notNull().check(sql`kind IN ('chat', 'call')`))
    .addColumn('skill_id', text)
    .addColumn('state', text, (c) => c.notNull().check(sql`state IN ('queued', 'assigned', 'active', 'ended')`))
    .addColumn('code', text, (c) => c.notNull())
    .addColumn('consumer_key', text, (c) => c.notNull())
    .addColumn('client_id', text, (c) => c.notNull())
    .addColumn('data', 'json', (c) => c.notNull())
    .addColumn('origin', 'json')
    .addColumn('agent_id', text)
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('offered_at', 'bigint')
    .addColumn('accepted_at', 'bigint')
    .addColumn('ended_at', 'bigint')
    .addColumn('ended_by', text)
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('seen_customer', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('seen_agent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rating_score', 'integer')
    .addColumn('rating_comment', text)
    .addColumn('rating_survey', 'json')
    .addColumn('rated_at', 'bigint')
    .addColumn('transcripts_sent', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('live_sessions_request', ['tenant_id', 'consumer_key', 'client_id'])
    .addForeignKeyConstraint('live_sessions_skill', ['tenant_id', 'skill_id'], 'skills', ['tenant_id', 'id'])
    .addForeignKeyConstraint('live_sessions_agent', ['tenant_id', 'agent_id'], 'agents', ['tenant_id', 'id'])
    .execute();
  await sql`CREATE UNIQUE INDEX live_sessions_open_code ON live_sessions (tenant_id, code) WHERE state <> 'ended'`.execute(db);
  await db.schema.createIndex('live_sessions_by_state').on('live_sessions').columns(['tenant_id', 'state', 'created_at']).execute();
  await db.schema.createIndex('live_sessions_by_agent').on('live_sessions').columns(['tenant_id', 'agent_id', 'state']).execute();
  await db.schema.createIndex('live_sessions_by_created').on('live_sessions').columns(['tenant_id', 'created_at']).execute();
  await db.schema.createIndex('live_sessions_accepted').on('live_sessions').columns(['tenant_id', 'kind', 'skill_id', 'accepted_at']).execute();
  // requeueOfferedSessions looks for every tenant's offered sessions.
  await sql`CREATE INDEX live_sessions_offered ON live_sessions (state) WHERE state = 'assigned'`.execute(db);

  await db.schema
    .createTable('live_events')
    .addColumn('session_id', text, (c) => c.notNull().references('live_sessions.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('tenant_id', text, (c) => c.notNull())
    .addColumn('type', text, (c) => c.notNull())
    .addColumn('author_role', text, (c) => c.notNull())
    .addColumn('author_id', text)
    .addColumn('author_name', text)
    .addColumn('client_id', text)
    .addColumn('text', text)
    .addColumn('file', 'json')
    .addColumn('presence', text)
    .addColumn('state', text)
    .addColumn('score', 'integer')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('live_events_pk', ['session_id', 'seq'])
    .addUniqueConstraint('live_events_client', ['session_id', 'author_role', 'client_id'])
    .execute();

  await db.schema
    .createTable('live_files')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('tenant_id', text, (c) => c.notNull())
    .addColumn('session_id', text, (c) => c.notNull().references('live_sessions.id').onDelete('cascade'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('type', text, (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .addColumn('uploaded_by_role', text, (c) => c.notNull())
    .addColumn('uploaded_by_id', text)
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('live_files_by_session').on('live_files').column('session_id').execute();

  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('to_address', text, (c) => c.notNull())
    .addColumn('subject', text, (c) => c.notNull())
    .addColumn('body', text, (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .execute();
  await db.schema.createIndex('mail_outbox_by_created').on('mail_outbox').column('created_at').execute();

  // Co-browse recordings: one row per recorded co-browse, its relayed parts as they came.
  await db.schema
    .createTable('cobrowse_recordings')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('session_id', text, (c) => c.notNull().references('live_sessions.id').onDelete('cascade'))
    .addColumn('agent_id', text, (c) => c.notNull())
    .addColumn('agent_name', text, (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('ended_at', 'bigint')
    .addColumn('end_reason', text)
    .addColumn('chars', 'bigint', (c) => c.notNull().defaultTo(0))
    // The size cap was reached and later parts were not kept.
    .addColumn('truncated', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.createIndex('cobrowse_recordings_by_session').on('cobrowse_recordings').columns(['tenant_id', 'session_id', 'started_at']).execute();
  await db.schema.createIndex('cobrowse_recordings_by_started').on('cobrowse_recordings').columns(['tenant_id', 'started_at']).execute();
  await db.schema
    .createTable('cobrowse_recording_parts')
    .addColumn('recording_id', text, (c) => c.notNull().references('cobrowse_recordings.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('part', 'integer', (c) => c.notNull())
    .addColumn('parts', 'integer', (c) => c.notNull())
    .addColumn('data', text, (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('cobrowse_recording_parts_pk', ['recording_id', 'seq', 'part'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['cobrowse_recording_parts', 'cobrowse_recordings', 'mail_outbox', 'live_files', 'live_events', 'live_sessions', 'agent_skills', 'agents', 'skills']) {
    await db.schema.dropTable(table).execute();
  }
}
