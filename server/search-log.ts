/**
 * The search log's writer: customer searches are queued as they are answered and written in
 * batches (`Store.recordSearches`), so recording adds no database round trip to a search and
 * can never fail one. A batch goes out when `maxBatch` searches wait or `flushMs` after the first
 * one queued; a failed write is logged and its searches dropped (analytics, not a ledger). At
 * most `maxQueued` wait: past that (the database is down), new searches are not recorded.
 * `flush()` writes what waits now (the analytics routes call it first, so a view includes the
 * searches this process answered; other processes' follow within `flushMs`).
 */
import type { FastifyBaseLogger } from 'fastify';
import { LIMITS } from '../src/protocol/api.js';
import type { SearchLogEntry, Store } from './store/types.js';

export interface SearchLogOptions {
  /** Longest wait before a queued search is written (default 1 s). */
  flushMs?: number;
  /** Searches per write (default 500). */
  maxBatch?: number;
  /** Most searches waiting; more are not recorded (default 50,000). */
  maxQueued?: number;
}

/** A query as the log keeps it: trimmed, runs of white space as one space, lower case, bounded. */
export function normaliseQuery(text: string): string {
  return text.trim().replace(/\s+/gu, ' ').toLowerCase().slice(0, LIMITS.maxQueryLength);
}

export class SearchLog {
  private queue: SearchLogEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly flushMs: number;
  private readonly maxBatch: number;
  private readonly maxQueued: number;

  constructor(
    private readonly store: Store,
    private readonly log: FastifyBaseLogger,
    options: SearchLogOptions = {},
  ) {
    this.flushMs = options.flushMs ?? 1000;
    this.maxBatch = options.maxBatch ?? 500;
    this.maxQueued = options.maxQueued ?? 50_000;
  }

  /** Queues one search; never throws. */
  record(tenantId: string, text: string, results: number, consumerKey: string | undefined): void {
    if (this.queue.length >= this.maxQueued) return;
    this.queue.push({ tenantId, at: Date.now(), query: normaliseQuery(text), results, consumerKey: consumerKey ?? null });
    if (this.queue.length >= this.maxBatch) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.flushMs).unref();
  }

  /** Writes every queued search (after any write under way); resolves when they are stored or dropped. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    this.queue = [];
    this.writing = this.writing.then(async () => {
      if (!batch.length) return;
      try {
        await this.store.recordSearches(batch);
      } catch (error) {
        this.log.warn({ err: error, searches: batch.length }, 'search log: searches not recorded');
      }
    });
    return this.writing;
  }
}
