import { sql, type Kysely } from 'kysely';

/**
 * Token audiences (SQLite: 0015_token_audience): where an application token may be used.
 * Tokens registered before were usable everywhere: `client-apps-and-rest-apis`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('app_tokens')
    .addColumn('audience', sql`text COLLATE "C"`, (c) =>
      c.notNull().defaultTo('client-apps-and-rest-apis').check(sql`audience IN ('client-apps', 'rest-apis', 'client-apps-and-rest-apis')`),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE app_tokens DROP COLUMN audience`.execute(db);
}
