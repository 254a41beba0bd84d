/**
 * The group commit on PostgreSQL (Dialect.groupWrite): groups side by side, a deadlock retried,
 * writes refused when too many wait, the pool size a URL asks for, and a full pool told apart.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { GroupCommit } from '../store/shared/group-commit.js';
import { DEFAULT_POOL_MAX, openDatabase, poolOf, transaction, type DB } from '../store/postgres/db.js';
import { OverloadedError } from '../store/types.js';
import { postgresDatabase, type TestDatabase } from './store-engines.js';

describe('PostgreSQL group commit', () => {
  let database: TestDatabase;
  let db: Kysely<DB>;

  const insert = (n: number) => async (trx: Kysely<DB>) => {
    await sql`INSERT INTO t (n) VALUES (${n})`.execute(trx);
    return n;
  };
  const stored = async () => (await sql<{ n: number }>`SELECT n FROM t ORDER BY n`.execute(db)).rows.map((r) => r.n);
  const run = <T>(fn: (trx: Kysely<DB>) => Promise<T>) => transaction(db, fn);

  before(async () => {
    database = await postgresDatabase();
    db = openDatabase(database.target);
    await sql`CREATE TABLE t (n integer NOT NULL CHECK (n >= 0))`.execute(db);
  });
  after(async () => {
    await db.destroy();
    await database.drop();
  });
  beforeEach(async () => {
    await sql`DELETE FROM t`.execute(db);
  });

  test('with concurrency 2, a group waits for no other: one held open does not stop the next from committing', async () => {
    const group = new GroupCommit<DB>(run, { concurrency: 2 });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = group.write(async (trx) => {
      await held;
      return insert(1)(trx);
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(await group.write(insert(2)), 2);
    assert.deepEqual(await stored(), [2], 'the second group committed while the first was open');
    release();
    assert.equal(await slow, 1);
    assert.deepEqual(await stored(), [1, 2]);
  });

  test('with concurrency 1, writes asked for while a group runs wait for it', async () => {
    const group = new GroupCommit<DB>(run, { concurrency: 1 });
    const order: number[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = group.write(async (trx) => {
      await held;
      return insert(1)(trx);
    }).then((n) => order.push(n));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = group.write(insert(2)).then((n) => order.push(n));
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(await stored(), []);
    release();
    await Promise.all([first, second]);
    assert.deepEqual(order, [1, 2]);
  });

  test('a deadlock between two groups runs the losing group again: every write is stored once', async () => {
    await sql`INSERT INTO t (n) VALUES (100), (200)`.execute(db);
    const group = new GroupCommit<DB>(run, { concurrency: 2, transient: (e) => (e as { code?: string }).code === '40P01' });
    // Two groups lock the rows 100 and 200 in opposite orders; both wait until both hold their first.
    let holding = 0;
    let bothHold!: () => void;
    const ready = new Promise<void>((resolve) => (bothHold = resolve));
    const crossed = (first: number, second: number, n: number) => async (trx: Kysely<DB>) => {
      await sql`UPDATE t SET n = n WHERE n = ${first}`.execute(trx);
      if (++holding === 2) bothHold();
      await ready;
      await sql`UPDATE t SET n = n WHERE n = ${second}`.execute(trx);
      return insert(n)(trx);
    };
    const a = group.write(crossed(100, 200, 1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const b = group.write(crossed(200, 100, 2));
    assert.deepEqual(await Promise.all([a, b]), [1, 2]);
    assert.deepEqual(await stored(), [1, 2, 100, 200]);
  });

  test('a write beyond maxQueued is refused at once with OverloadedError; the queued ones are stored', async () => {
    const group = new GroupCommit<DB>(run, { maxQueued: 2 });
    const outcomes = await Promise.allSettled([1, 2, 3].map((n) => group.write(insert(n))));
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['fulfilled', 'fulfilled', 'rejected'],
    );
    assert.ok((outcomes[2] as PromiseRejectedResult).reason instanceof OverloadedError);
    assert.deepEqual(await stored(), [1, 2]);
  });

  test('a pool whose connections all stay busy past the connect timeout answers OverloadedError', { timeout: 20_000 }, async () => {
    const small = openDatabase(database.target, { max: 2 });
    try {
      const busy = [0, 1].map(() => sql`SELECT pg_sleep(6)`.execute(small));
      await assert.rejects(sql`SELECT 1`.execute(small), (error: unknown) => error instanceof OverloadedError && /no database connection was free/.test((error as Error).message));
      await Promise.all(busy);
    } finally {
      await small.destroy();
    }
  });

  test('a connection the server ends in the middle of a transaction fails that transaction, not the process; the pool goes on', async () => {
    const other = openDatabase(database.target, { max: 2 });
    try {
      let pid = 0;
      const doomed = transaction(other, async (trx) => {
        pid = (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx)).rows[0].pid;
        // Held between statements while the server ends the connection (an administrator, a failover).
        await sql`SELECT pg_terminate_backend(${pid})`.execute(db);
        await new Promise((resolve) => setTimeout(resolve, 200));
        await sql`SELECT 1`.execute(trx);
      });
      await assert.rejects(doomed);
      assert.equal((await sql<{ one: number }>`SELECT 1 AS one`.execute(other)).rows[0].one, 1, 'the next statement gets a working connection');
    } finally {
      await other.destroy();
    }
  });
});

describe('the pool size of a PostgreSQL URL', () => {
  test('pool_max sets it and is taken out of the URL; without it, the default', () => {
    assert.deepEqual(poolOf('postgres://u:p@db:5432/nexus?pool_max=40&sslmode=disable'), {
      url: 'postgres://u:p@db:5432/nexus?sslmode=disable',
      max: 40,
    });
    assert.deepEqual(poolOf('postgres://db/nexus'), { url: 'postgres://db/nexus', max: DEFAULT_POOL_MAX });
  });

  test('a pool_max that is not a whole number from 2 to 1000 is refused, saying so', () => {
    for (const bad of ['1', '0', 'ten', '2.5', '1001', '']) {
      assert.throws(() => poolOf(`postgres://db/nexus?pool_max=${bad}`), /pool_max in the database URL must be a whole number from 2 to 1000/);
    }
  });
});
