/**
 * Analytics roll-ups (migration SQLite 0019 / PostgreSQL 0014): counts of the walks and searches
 * by time bucket, kept by database triggers in the same transaction as every write of
 * `path_walks` and `search_log` (insert, update, delete, and the deletes a consumer merge
 * cascades), so they are exact whatever writes the rows. The views (shared/analytics.ts) read a
 * range as whole buckets in its middle plus the raw rows of its partial edges (`cover`):
 *
 * - `walk_rollups`: per tenant, bucket of 32 or 1 UTC days, and path: walks started (views),
 *   resolved, escalated, and opened from recommended, search, help-id.
 * - `stop_rollups`: per tenant, bucket of 32 or 1 UTC days, path and last step: walks with no
 *   outcome that showed a step (drop-off).
 * - `no_result_rollups`: per tenant, bucket of 32 or 1 UTC days, and query: searches that found nothing.
 * - `analytics_slots`: per tenant and slot of 60 or 15 minutes: walks started, those with an
 *   outcome, searches, those that found nothing; the per-day series in the caller's offset sum the
 *   slots of the width that the offset is a multiple of (raw rows when it is neither).
 *
 * Counts only: a row whose walks have all gone stays with zeros, and the views skip it.
 * Deflection (distinct consumers) and live help are not rolled up (docs/architecture.md).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';

export const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Widths of the range roll-ups in days, largest first (each divides the one before). */
export const ROLLUP_DAYS = [32, 1] as const;
/** Widths of the slots in minutes, largest first (each divides the one before and a day). */
export const SLOT_MINUTES = [60, 15] as const;

/** Whole buckets of one width, `[first, end)` in bucket numbers. */
export interface BucketRange {
  width: number;
  first: number;
  end: number;
}

/** A range as whole buckets of the widths (in ms, largest first) and raw pieces `[from, to)` at its edges. */
export interface Cover {
  buckets: BucketRange[];
  raw: [number, number][];
}

/** Splits `[from, to)` into whole buckets of the largest width that fits, then the next width for what is left at each edge. */
export function cover(from: number, to: number, widthsMs: readonly number[]): Cover {
  const out: Cover = { buckets: [], raw: [] };
  const split = (a: number, b: number, level: number) => {
    if (a >= b) return;
    if (level === widthsMs.length) {
      out.raw.push([a, b]);
      return;
    }
    const w = widthsMs[level];
    const first = Math.ceil(a / w);
    const end = Math.floor(b / w);
    if (first >= end) return split(a, b, level + 1);
    split(a, first * w, level + 1);
    out.buckets.push({ width: w, first, end });
    split(end * w, b, level + 1);
  };
  split(from, to, 0);
  return out;
}

/** The range roll-ups' cover of a range (bucket widths in days). */
export const rollupCover = (from: number, to: number): Cover => {
  const c = cover(from, to, ROLLUP_DAYS.map((d) => d * DAY_MS));
  return { ...c, buckets: c.buckets.map((b) => ({ ...b, width: b.width / DAY_MS })) };
};

/** The slot width (minutes) the days of an offset can be summed from; null when none divides it. */
export const slotWidthFor = (utcOffset: number): number | null => SLOT_MINUTES.find((m) => utcOffset % m === 0) ?? null;

/** The slots' cover of a range at one width (minutes; null: all raw). */
export const slotCover = (from: number, to: number, width: number | null): Cover => {
  if (width === null) return { buckets: [], raw: [[from, to]] };
  const c = cover(from, to, [width * MINUTE_MS]);
  return { ...c, buckets: c.buckets.map((b) => ({ ...b, width })) };
};

/**
 * The rows of a roll-up table in a cover's whole buckets, as a `UNION ALL` of one key range per
 * width (read in place, where an `OR` of ranges costs SQLite a merge of row sets).
 */
export function bucketRows(table: string, tenantId: string, buckets: BucketRange[]): RawBuilder<unknown> {
  const one = (b: BucketRange) => sql`SELECT * FROM ${sql.table(table)} WHERE tenant_id = ${tenantId} AND width = ${b.width} AND bucket >= ${b.first} AND bucket < ${b.end}`;
  return buckets.length ? sql.join(buckets.map(one), sql` UNION ALL `) : sql`SELECT * FROM ${sql.table(table)} WHERE 1 = 0`;
}

/** `(column >= a AND column < b) OR …` of a cover's raw pieces; false when it has none. */
export function rawWhere(column: string, raw: [number, number][]): RawBuilder<boolean> {
  if (!raw.length) return sql<boolean>`1 = 0`;
  return sql<boolean>`(${sql.join(
    raw.map(([a, b]) => sql`(${sql.ref(column)} >= ${a} AND ${sql.ref(column)} < ${b})`),
    sql` OR `,
  )})`;
}

// ---------------------------------------------------------------------------------------------
// Triggers: one upsert per roll-up, adding `sign` times a row's contribution to every width.

type Row = 'NEW' | 'OLD';

/** The widths as rows `(width, span)`, span in ms. */
const widthRows = (widths: readonly number[], unitMs: number) => widths.map((w) => `SELECT ${w} AS width, ${w * unitMs} AS span`).join(' UNION ALL ');
const when = (condition: string, sign: number) => `CASE WHEN ${condition} THEN ${sign} ELSE 0 END`;

function upsert(table: string, key: string[], counts: string[], select: string, from: string, where = 'true') {
  const columns = [...key, ...counts];
  return `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${select} FROM (${from}) w WHERE ${where}
    ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${counts.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ')}`;
}

const WALK_COUNTS = ['views', 'resolved', 'escalated', 'recommended', 'search', 'help_id'];
const SLOT_COUNTS = ['views', 'completions', 'searches', 'no_result'];

/** A walk's part of `walk_rollups` and `analytics_slots`. */
export function walkCountStatements(r: Row, s: 1 | -1): string[] {
  return [
    upsert(
      'walk_rollups',
      ['tenant_id', 'width', 'bucket', 'path_id'],
      WALK_COUNTS,
      `${r}.tenant_id, w.width, ${r}.started_at / w.span, ${r}.path_id, ${s}, ${when(`${r}.outcome = 'resolved'`, s)}, ${when(`${r}.outcome = 'escalated'`, s)},
        ${when(`${r}.source = 'recommended'`, s)}, ${when(`${r}.source = 'search'`, s)}, ${when(`${r}.source = 'help-id'`, s)}`,
      widthRows(ROLLUP_DAYS, DAY_MS),
    ),
    upsert(
      'analytics_slots',
      ['tenant_id', 'width', 'bucket'],
      SLOT_COUNTS,
      `${r}.tenant_id, w.width, ${r}.started_at / w.span, ${s}, ${when(`${r}.outcome IS NOT NULL`, s)}, 0, 0`,
      widthRows(SLOT_MINUTES, MINUTE_MS),
    ),
  ];
}

/** A walk's part of `stop_rollups` (none unless it has no outcome and showed a step). */
export function walkStopStatements(r: Row, s: 1 | -1): string[] {
  return [
    upsert(
      'stop_rollups',
      ['tenant_id', 'width', 'bucket', 'path_id', 'step_id'],
      ['stopped'],
      `${r}.tenant_id, w.width, ${r}.started_at / w.span, ${r}.path_id, ${r}.last_step, ${s}`,
      widthRows(ROLLUP_DAYS, DAY_MS),
      `${r}.outcome IS NULL AND ${r}.last_step IS NOT NULL`,
    ),
  ];
}

/** A search's part of `analytics_slots` and `no_result_rollups`. */
export function searchStatements(r: Row, s: 1 | -1): string[] {
  return [
    upsert(
      'analytics_slots',
      ['tenant_id', 'width', 'bucket'],
      SLOT_COUNTS,
      `${r}.tenant_id, w.width, ${r}.at / w.span, 0, 0, ${s}, ${when(`${r}.results = 0`, s)}`,
      widthRows(SLOT_MINUTES, MINUTE_MS),
    ),
    upsert(
      'no_result_rollups',
      ['tenant_id', 'width', 'bucket', 'query'],
      ['n'],
      `${r}.tenant_id, w.width, ${r}.at / w.span, ${r}.query, ${s}`,
      widthRows(ROLLUP_DAYS, DAY_MS),
      `${r}.results = 0`,
    ),
  ];
}

/**
 * What the triggers keep: per source table, the statements of a row, and the columns whose
 * update changes them (an update is the old row taken away and the new one added).
 */
export const ROLLUP_TRIGGERS: readonly TriggerSpec[] = [
  { name: 'walk_counts', table: 'path_walks', columns: ['tenant_id', 'path_id', 'started_at', 'source', 'outcome'], statements: walkCountStatements },
  { name: 'walk_stops', table: 'path_walks', columns: ['tenant_id', 'path_id', 'started_at', 'outcome', 'last_step'], statements: walkStopStatements },
  { name: 'search_counts', table: 'search_log', columns: ['tenant_id', 'at', 'query', 'results'], statements: searchStatements },
];

export const ROLLUP_TABLES = ['walk_rollups', 'stop_rollups', 'no_result_rollups', 'analytics_slots'] as const;

/** The roll-ups of the rows already stored (the migration, after creating the tables and before the triggers). */
export async function backfillRollups(db: Kysely<unknown>): Promise<void> {
  const days = widthRows(ROLLUP_DAYS, DAY_MS);
  const slots = widthRows(SLOT_MINUTES, MINUTE_MS);
  const sum = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
  await sql
    .raw(
      `INSERT INTO walk_rollups (tenant_id, width, bucket, path_id, ${WALK_COUNTS.join(', ')})
      SELECT p.tenant_id, w.width, p.started_at / w.span, p.path_id, COUNT(*), ${sum(`p.outcome = 'resolved'`)}, ${sum(`p.outcome = 'escalated'`)},
        ${sum(`p.source = 'recommended'`)}, ${sum(`p.source = 'search'`)}, ${sum(`p.source = 'help-id'`)}
      FROM path_walks p CROSS JOIN (${days}) w GROUP BY p.tenant_id, w.width, p.started_at / w.span, p.path_id`,
    )
    .execute(db);
  await sql
    .raw(
      `INSERT INTO stop_rollups (tenant_id, width, bucket, path_id, step_id, stopped)
      SELECT p.tenant_id, w.width, p.started_at / w.span, p.path_id, p.last_step, COUNT(*)
      FROM path_walks p CROSS JOIN (${days}) w WHERE p.outcome IS NULL AND p.last_step IS NOT NULL
      GROUP BY p.tenant_id, w.width, p.started_at / w.span, p.path_id, p.last_step`,
    )
    .execute(db);
  await sql
    .raw(
      `INSERT INTO no_result_rollups (tenant_id, width, bucket, query, n)
      SELECT l.tenant_id, w.width, l.at / w.span, l.query, COUNT(*)
      FROM search_log l CROSS JOIN (${days}) w WHERE l.results = 0 GROUP BY l.tenant_id, w.width, l.at / w.span, l.query`,
    )
    .execute(db);
  await sql
    .raw(
      `INSERT INTO analytics_slots (tenant_id, width, bucket, ${SLOT_COUNTS.join(', ')})
      SELECT tenant_id, width, bucket, SUM(views), SUM(completions), SUM(searches), SUM(no_result) FROM (
        SELECT p.tenant_id, w.width, p.started_at / w.span AS bucket, 1 AS views, CASE WHEN p.outcome IS NOT NULL THEN 1 ELSE 0 END AS completions, 0 AS searches, 0 AS no_result
        FROM path_walks p CROSS JOIN (${slots}) w
        UNION ALL
        SELECT l.tenant_id, w.width, l.at / w.span, 0, 0, 1, CASE WHEN l.results = 0 THEN 1 ELSE 0 END
        FROM search_log l CROSS JOIN (${slots}) w
      ) x GROUP BY tenant_id, width, bucket`,
    )
    .execute(db);
}

/**
 * Creates the roll-up tables, each keyed by tenant, width, bucket and what it counts by. On
 * SQLite they are `WITHOUT ROWID` (stored in key order, so a range of buckets is read in place).
 * On PostgreSQL the primary key's index also holds the counts (`INCLUDE`), so a range of buckets
 * is read from the index alone, in key order: read through the table instead, the rows of a
 * bucket, moved by the triggers' updates, lay one to a page (1,118 pages for 1,100 rows of a
 * year, docs/benchmarks.md).
 */
export async function createRollupTables(db: Kysely<unknown>, engine: 'sqlite' | 'postgres'): Promise<void> {
  const text = engine === 'sqlite' ? 'text' : sql`text COLLATE "C"`;
  const table = async (name: string, keys: string[], counts: string[]) => {
    const key = ['tenant_id', 'width', 'bucket', ...keys];
    let b = db.schema.createTable(name).addColumn('tenant_id', text as 'text', (c) => c.notNull()).addColumn('width', 'integer', (c) => c.notNull()).addColumn('bucket', 'bigint', (c) => c.notNull());
    for (const k of keys) b = b.addColumn(k, text as 'text', (c) => c.notNull());
    for (const n of counts) b = b.addColumn(n, 'bigint', (c) => c.notNull());
    if (engine === 'sqlite') await b.addPrimaryKeyConstraint(`${name}_pk`, key as never).modifyEnd(sql`WITHOUT ROWID`).execute();
    else {
      await b.execute();
      await sql.raw(`ALTER TABLE ${name} ADD CONSTRAINT ${name}_pk PRIMARY KEY (${key.join(', ')}) INCLUDE (${counts.join(', ')})`).execute(db);
    }
  };
  await table('walk_rollups', ['path_id'], WALK_COUNTS);
  await table('stop_rollups', ['path_id', 'step_id'], ['stopped']);
  await table('no_result_rollups', ['query'], ['n']);
  await table('analytics_slots', [], SLOT_COUNTS);
}

/** A trigger kept statement list: the statements for a row (`NEW` added, `OLD` taken away), and the columns whose update matters. */
export interface TriggerSpec {
  name: string;
  table: string;
  columns: readonly string[];
  statements: (row: Row, sign: 1 | -1) => string[];
}

/**
 * Creates triggers on both engines: after an insert the new row's statements, after a delete the
 * old row's, after an update of one of `columns` that changed a value both (SQLite trigger
 * bodies; PostgreSQL a PL/pgSQL function per spec and two triggers).
 */
export async function createTriggers(db: Kysely<unknown>, engine: 'sqlite' | 'postgres', specs: readonly TriggerSpec[]): Promise<void> {
  for (const t of specs) {
    const changed = t.columns.map((c) => (engine === 'sqlite' ? `OLD.${c} IS NOT NEW.${c}` : `OLD.${c} IS DISTINCT FROM NEW.${c}`)).join(' OR ');
    const body = (parts: string[][]) => parts.flat().map((s) => `${s};`).join('\n');
    if (engine === 'sqlite') {
      await sql.raw(`CREATE TRIGGER ${t.name}_insert AFTER INSERT ON ${t.table} BEGIN ${body([t.statements('NEW', 1)])} END`).execute(db);
      await sql.raw(`CREATE TRIGGER ${t.name}_delete AFTER DELETE ON ${t.table} BEGIN ${body([t.statements('OLD', -1)])} END`).execute(db);
      await sql
        .raw(`CREATE TRIGGER ${t.name}_update AFTER UPDATE OF ${t.columns.join(', ')} ON ${t.table} WHEN ${changed} BEGIN ${body([t.statements('OLD', -1), t.statements('NEW', 1)])} END`)
        .execute(db);
    } else {
      await sql
        .raw(
          `CREATE FUNCTION ${t.name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
          IF TG_OP <> 'INSERT' THEN ${body([t.statements('OLD', -1)])} END IF;
          IF TG_OP <> 'DELETE' THEN ${body([t.statements('NEW', 1)])} END IF;
          RETURN NULL; END $$`,
        )
        .execute(db);
      await sql.raw(`CREATE TRIGGER ${t.name}_change AFTER INSERT OR DELETE ON ${t.table} FOR EACH ROW EXECUTE FUNCTION ${t.name}()`).execute(db);
      await sql.raw(`CREATE TRIGGER ${t.name}_update AFTER UPDATE OF ${t.columns.join(', ')} ON ${t.table} FOR EACH ROW WHEN (${changed}) EXECUTE FUNCTION ${t.name}()`).execute(db);
    }
  }
}

/** Drops what `createTriggers` made. */
export async function dropTriggers(db: Kysely<unknown>, engine: 'sqlite' | 'postgres', specs: readonly TriggerSpec[]): Promise<void> {
  for (const t of specs) {
    if (engine === 'sqlite') for (const op of ['insert', 'delete', 'update']) await sql.raw(`DROP TRIGGER ${t.name}_${op}`).execute(db);
    else await sql.raw(`DROP FUNCTION ${t.name}() CASCADE`).execute(db);
  }
}

/** Creates the triggers that keep the roll-ups (the tables filled first). */
export const createRollupTriggers = (db: Kysely<unknown>, engine: 'sqlite' | 'postgres') => createTriggers(db, engine, ROLLUP_TRIGGERS);

/** Drops the triggers and tables (the migration's down). */
export async function dropRollups(db: Kysely<unknown>, engine: 'sqlite' | 'postgres'): Promise<void> {
  await dropTriggers(db, engine, ROLLUP_TRIGGERS);
  for (const table of ROLLUP_TABLES) await db.schema.dropTable(table).execute();
}
