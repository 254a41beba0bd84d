import { sql, type Kysely } from 'kysely';

/**
 * An index of revoked tokens by revocation time: the live hub asks every second or so which
 * tokens were revoked lately (`listRevokedTokens`), to close the connections that use them.
 * Partial, so that it holds only the few revoked tokens.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('app_tokens_revoked')
    .on('app_tokens')
    .column('revoked_at')
    .where(sql.ref('revoked_at'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('app_tokens_revoked').execute();
}
