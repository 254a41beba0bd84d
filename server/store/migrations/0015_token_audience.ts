import { sql, type Kysely } from 'kysely';

/**
 * Token audiences (PostgreSQL: 0010_token_audience): `app_tokens.audience` says where an
 * application token may be used: `client-apps`, `rest-apis` or `client-apps-and-rest-apis`.
 * Tokens registered before were usable everywhere, so they get the last.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('app_tokens')
    .addColumn('audience', 'text', (c) => c.notNull().defaultTo('client-apps-and-rest-apis'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE app_tokens DROP COLUMN audience`.execute(db);
}
