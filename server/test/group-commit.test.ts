import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { openDatabase, writeTransaction, type DB } from '../store/sqlite/db.js';
import { GroupCommit } from '../store/shared/group-commit.js';

describe('SQLite group commit', () => {
  let dir: string;
  let file: string;
  let db: Kysely<DB>;
  /** A second connection: what it reads is committed. */
  let reader: Database.Database;
  let log: string[];

  const insert = (n: number) => async (trx: Kysely<DB>) => {
    await sql`INSERT INTO t (n) VALUES (${n})`.execute(trx);
    return n;
  };
  const stored = () => (reader.prepare('SELECT n FROM t ORDER BY rowid').all() as { n: number }[]).map((r) => r.n);
  /** A group commit whose transactions are logged as they commit. */
  const grouped = (maxGroup?: number) =>
    new GroupCommit<DB>(async (fn) => {
      const result = await writeTransaction(db, fn);
      log.push('commit');
      return result;
    }, { maxGroup });

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nexus-group-commit-'));
    file = join(dir, 'test.db');
    db = openDatabase(file);
    await sql`CREATE TABLE t (n INTEGER NOT NULL CHECK (n >= 0))`.execute(db);
    reader = new Database(file, { readonly: true });
  });
  after(async () => {
    reader.close();
    await db.destroy();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await sql`DELETE FROM t`.execute(db);
    log = [];
  });

  test('the writes of one turn share one commit, run in order, and each settles after it, stored', async () => {
    const group = grouped();
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        group.write(insert(n)).then((value) => {
          log.push(`resolved ${value}`);
          assert.ok(stored().includes(n), `write ${n} is visible to another connection when it resolves`);
          return value;
        }),
      ),
    );
    assert.deepEqual(results, [1, 2, 3, 4, 5]);
    assert.deepEqual(stored(), [1, 2, 3, 4, 5]);
    assert.deepEqual(log, ['commit', 'resolved 1', 'resolved 2', 'resolved 3', 'resolved 4', 'resolved 5']);
  });

  test('a write that fails is rolled back alone and rejects its caller; the others are stored', async () => {
    const group = grouped();
    const outcomes = await Promise.allSettled([group.write(insert(1)), group.write(insert(-1)), group.write(insert(3))]);
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['fulfilled', 'rejected', 'fulfilled'],
    );
    assert.match(String((outcomes[1] as PromiseRejectedResult).reason), /CHECK constraint/);
    assert.deepEqual(stored(), [1, 3]);
  });

  test('the plain run that failed is rolled back: each write is stored once; a write alone runs once', async () => {
    const group = grouped();
    let runs = 0;
    const counted = (n: number) => async (trx: Kysely<DB>) => {
      runs++;
      return insert(n)(trx);
    };
    const outcomes = await Promise.allSettled([group.write(counted(1)), group.write(counted(-1))]);
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['fulfilled', 'rejected'],
    );
    assert.equal(runs, 4, 'the plain run, then each write in a savepoint');
    assert.deepEqual(stored(), [1]);
    runs = 0;
    await assert.rejects(group.write(counted(-2)), /CHECK constraint/);
    assert.equal(runs, 1);
    assert.deepEqual(log, ['commit'], 'only the isolated run committed; the plain runs were rolled back');
  });

  test('a failed commit rejects every caller of the group, and none of it is stored', async () => {
    const group = new GroupCommit<DB>((fn) =>
      writeTransaction(db, async (trx) => {
        await fn(trx);
        throw new Error('the commit failed');
      }),
    );
    const outcomes = await Promise.allSettled([group.write(insert(1)), group.write(insert(2))]);
    for (const outcome of outcomes) {
      assert.equal(outcome.status, 'rejected');
      assert.match(String(outcome.reason), /the commit failed/);
    }
    assert.deepEqual(stored(), []);
  });

  test('writes asked for while a group runs go in the next group, in order; a group takes at most maxGroup', async () => {
    const group = grouped(2);
    const later: Promise<number>[] = [];
    const first = group.write(async (trx) => {
      // Asked for from inside the running group: it cannot join it.
      later.push(group.write(insert(9)));
      return insert(1)(trx);
    });
    const rest = [2, 3].map((n) => group.write(insert(n)));
    await Promise.all([first, ...rest]);
    await Promise.all(later);
    assert.deepEqual(stored(), [1, 2, 3, 9]);
    assert.deepEqual(log, ['commit', 'commit'], 'two groups: [1, 2], then [3, 9]');
  });
});
