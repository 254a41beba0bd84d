/**
 * Group commit: the live writes asked for in one event-loop turn share one write transaction, so
 * one commit (one fsync of the log) stores them all. Both engines use it (Dialect.groupWrite).
 *
 * SQLite has one writer, and better-sqlite3 runs every statement (the commit's fsync included) on
 * the event loop: a chat message used to cost a transaction of its own, and at thousands of
 * messages a second the commits alone filled the loop. PostgreSQL commits on its side, but a
 * transaction per message held a pooled connection through its own fsync: at a thousand messages
 * a second the pool ran dry while the CPU idled. Grouped, a commit's cost is shared by every
 * write of the turn, and PostgreSQL needs only `concurrency` connections for them.
 *
 * What each caller still gets:
 * - Its promise settles only after the transaction's COMMIT: a value resolved is stored. When the
 *   commit (or BEGIN) fails, every caller of the group is rejected with that error: nothing of
 *   the group is stored, and none of it is acknowledged.
 * - Its own outcome: a write that throws rejects its caller with its error, and the others of the
 *   group are committed. The group runs plainly first (no savepoints: two statements fewer per
 *   write); when a write throws, that transaction is rolled back and the group runs again with
 *   each write in a savepoint, so only the failing ones are rolled back. A write may so run
 *   twice, the first run rolled back: it must only act on the database. An error `transient`
 *   recognizes (PostgreSQL's deadlock) is not the write's own: it fails the whole run, which `run`
 *   may run again.
 * - Order: writes of one group run, and their promises settle, in the order they were asked for.
 *   A write asked for while `concurrency` groups run goes in a next group. With `concurrency` 1
 *   (SQLite) every write is so in order; with more, groups overlap, and a caller that needs two
 *   writes in order waits for the first (the hub writes a session's events one at a time).
 */
import { sql, type Kysely } from 'kysely';
import { OverloadedError } from '../types.js';

type Write<D> = (trx: Kysely<D>) => Promise<unknown>;

interface Pending<D> {
  write: Write<D>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export interface GroupOptions {
  /** Most writes in one transaction (default 1000). */
  maxGroup?: number;
  /**
   * A group starts at least this long after the previous one started (default 0: in the next
   * turn). Each SQLite commit waits for the disk with the event loop blocked (about 2 ms here):
   * spacing them bounds that share of the loop, at the cost of this much latency at most.
   */
  spacingMs?: number;
  /** Groups running at once, each in a transaction of its own (default 1). */
  concurrency?: number;
  /**
   * Most writes waiting for a group (default: no limit). A write beyond it is refused at once
   * with OverloadedError (nothing stored), rather than waiting longer than anyone would.
   */
  maxQueued?: number;
  /** Errors that are no write's own fault: they fail the run as they are, for `run` to retry. */
  transient?: (error: unknown) => boolean;
}

export class GroupCommit<D> {
  private queue: Pending<D>[] = [];
  private running = 0;
  private scheduled = false;
  private lastStart = -Infinity;
  private readonly maxGroup: number;
  private readonly spacingMs: number;
  private readonly concurrency: number;
  private readonly maxQueued: number;
  private readonly transient: (error: unknown) => boolean;

  /**
   * `run` takes the database's write transaction for one group (for SQLite: BEGIN IMMEDIATE …
   * COMMIT on the one connection; for PostgreSQL: a pooled connection's transaction).
   */
  constructor(
    private readonly run: <T>(fn: (trx: Kysely<D>) => Promise<T>) => Promise<T>,
    options: GroupOptions = {},
  ) {
    this.maxGroup = options.maxGroup ?? 1000;
    this.spacingMs = options.spacingMs ?? 0;
    this.concurrency = Math.max(1, options.concurrency ?? 1);
    this.maxQueued = options.maxQueued ?? Infinity;
    this.transient = options.transient ?? (() => false);
  }

  /** Runs `write` in the group's transaction; settles once the group has committed (or failed). */
  write<T>(write: (trx: Kysely<D>) => Promise<T>): Promise<T> {
    if (this.queue.length >= this.maxQueued) {
      return Promise.reject(new OverloadedError(`${this.queue.length} writes are waiting for the database`));
    }
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  /**
   * The next group, when a transaction is free: after this turn's I/O (the other frames read with
   * this one), and `spacingMs` after the previous group started.
   */
  private schedule() {
    if (this.scheduled || this.running >= this.concurrency || !this.queue.length) return;
    this.scheduled = true;
    const start = () => {
      this.scheduled = false;
      void this.flush();
    };
    const wait = this.lastStart + this.spacingMs - performance.now();
    if (wait > 0) setTimeout(start, wait);
    else setImmediate(start);
  }

  private async flush() {
    const group = this.queue.splice(0, this.maxGroup);
    if (!group.length) return;
    this.running++;
    this.lastStart = performance.now();
    const outcomes = await this.commit(group, false);
    this.running--;
    group.forEach((pending, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    });
    this.schedule();
  }

  /**
   * Runs a group in one transaction: its writes one after the other, each in a savepoint when
   * `isolated`. When BEGIN or COMMIT fails, every write has that failure as its outcome.
   */
  private async commit(group: Pending<D>[], isolated: boolean): Promise<Outcome[]> {
    try {
      return await this.run(async (trx) => {
        const results: Outcome[] = [];
        for (const { write } of group) {
          if (isolated) {
            const outcome = await inSavepoint(trx, write);
            if (!outcome.ok && this.transient(outcome.error)) throw outcome.error;
            results.push(outcome);
            continue;
          }
          try {
            results.push({ ok: true, value: await write(trx) });
          } catch (error) {
            throw this.transient(error) ? error : new WriteFailed(error);
          }
        }
        return results;
      });
    } catch (error) {
      // A write failed in the plain run (rolled back): alone, that is its outcome; else the
      // group runs again, each write in a savepoint.
      if (error instanceof WriteFailed) return group.length === 1 ? [{ ok: false, error: error.reason }] : this.commit(group, true);
      return group.map(() => ({ ok: false, error }));
    }
  }
}

/** Thrown out of a plain run when one of its writes throws, to roll it back and run it isolated. */
class WriteFailed extends Error {
  constructor(readonly reason: unknown) {
    super('a write of the group failed');
  }
}

/**
 * Runs one write in a savepoint: rolled back alone when it throws. A savepoint that cannot be
 * taken or released fails the whole group (thrown, so the transaction rolls back).
 */
async function inSavepoint<D>(trx: Kysely<D>, write: Write<D>): Promise<Outcome> {
  await sql`SAVEPOINT grouped`.execute(trx);
  try {
    const value = await write(trx);
    await sql`RELEASE grouped`.execute(trx);
    return { ok: true, value };
  } catch (error) {
    await sql`ROLLBACK TO grouped`.execute(trx);
    await sql`RELEASE grouped`.execute(trx);
    return { ok: false, error };
  }
}
