import { LIMITS } from '../protocol/api.js';
import { NexusError } from './errors.js';
import { readInto, type StateStorage } from './storage.js';

/** Anything the outbox can carry: it needs an id, which the server uses to drop duplicates. */
export interface OutboxItem {
  id: string;
}

export interface OutboxOptions<T extends OutboxItem> {
  storage: StateStorage;
  /** Storage key under which unsent items are kept. */
  key: string;
  /** Delivers one batch; resolves once the server has accepted it. */
  send: (items: T[], options: { keepalive: boolean }) => Promise<void>;
  /** Most items in one batch. */
  maxBatch: number;
  /** Wait this long after a push before sending, to batch bursts. */
  delayMs?: number;
  /** Longest wait between retries (backoff grows to it). */
  maxBackoffMs?: number;
  /** Delivery failed and will be retried or is blocked (e.g. token refused). */
  onError?: (error: NexusError) => void;
  /** The server refused items for good (they were invalid); they are dropped. */
  onDrop?: (items: T[], error: NexusError) => void;
}

/**
 * A persisted, batched delivery queue. Items are written to storage as soon as they are pushed,
 * sent in batches, and removed only once the server has accepted them; transient failures are
 * retried with exponential backoff and full jitter; a batch the server rejects as invalid is
 * bisected so that only the bad items are dropped. On page hide everything still queued is sent
 * with `keepalive`, and whatever is still unacknowledged is picked up again after a reload.
 */
export class Outbox<T extends OutboxItem> {
  private queue: T[] = [];
  private running?: Promise<void>;
  private timer?: ReturnType<typeof setTimeout>;
  private attempt = 0;
  private batchSize: number;
  private blocked = false;
  /** Ids sent with keepalive and not yet answered: a drain does not send them again. */
  private readonly hiding = new Set<string>();
  private readonly loaded: Promise<void>;

  constructor(private readonly options: OutboxOptions<T>) {
    this.batchSize = options.maxBatch;
    this.loaded = this.load();
  }

  /** Items not yet accepted by the server. */
  get pending(): readonly T[] {
    return this.queue;
  }

  push(item: T): void {
    this.queue.push(item);
    this.persist();
    this.blocked = false;
    if (this.queue.length >= this.options.maxBatch) void this.flush();
    else this.schedule(this.options.delayMs ?? 250);
  }

  /**
   * Sends everything queued. Resolves when the queue is empty or delivery has stopped for now
   * (offline, token refused); it never rejects — failures go to `onError`.
   */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.blocked = false;
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /**
   * Fire-and-forget delivery for a page that is going away: every queued item (including any in
   * flight) goes out with `keepalive`, in batches small enough for the browser's keepalive quota.
   * Items stay queued until acknowledged; duplicates are dropped by the server.
   */
  flushOnHide(): void {
    if (!this.queue.length) return;
    // These sends replace the timed flush; if the page lives on and some fail, retry later.
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const batch of chunkBySize(this.queue, this.options.maxBatch, LIMITS.maxKeepaliveBytes)) {
      batch.forEach((item) => this.hiding.add(item.id));
      this.options
        .send(batch, { keepalive: true })
        .then(() => this.remove(batch))
        .catch(() => undefined)
        .finally(() => {
          batch.forEach((item) => this.hiding.delete(item.id));
          if (this.queue.length) this.schedule(this.options.delayMs ?? 250);
        });
    }
  }

  /** Stops timers; queued items stay in storage. */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(delay: number): void {
    if (this.timer !== undefined || this.running) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, delay);
  }

  private async drain(): Promise<void> {
    await this.loaded;
    for (;;) {
      const batch = this.queue.filter((item) => !this.hiding.has(item.id)).slice(0, this.batchSize);
      if (!batch.length || this.blocked) break;
      try {
        await this.options.send(batch, { keepalive: false });
        this.remove(batch);
        this.attempt = 0;
        this.batchSize = this.options.maxBatch;
      } catch (raw) {
        const error =
          raw instanceof NexusError ? raw : new NexusError('network_error', String(raw));
        if (error.retryable) {
          this.options.onError?.(error);
          this.retryLater(error.retryAfterMs);
          return;
        }
        if (error.status === 401 || error.status === 403) {
          // The token is refused: retrying cannot help until the page changes something.
          this.blocked = true;
          this.options.onError?.(error);
          return;
        }
        // The server refused the batch as invalid: isolate the bad items by bisection.
        if (batch.length > 1) {
          this.batchSize = Math.ceil(batch.length / 2);
          continue;
        }
        this.remove(batch);
        this.options.onDrop?.(batch, error);
      }
    }
  }

  /** Tries again after a jittered backoff, and not before `notBeforeMs` (the server's Retry-After). */
  private retryLater(notBeforeMs = 0): void {
    const max = this.options.maxBackoffMs ?? 30_000;
    const ceiling = Math.min(max, 1000 * 2 ** this.attempt++);
    clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        void this.flush();
      },
      Math.max(100, notBeforeMs, Math.random() * ceiling),
    );
  }

  private remove(batch: readonly T[]): void {
    const sent = new Set(batch.map((item) => item.id));
    this.queue = this.queue.filter((item) => !sent.has(item.id));
    this.persist();
  }

  private persist(): void {
    void this.options.storage.write(
      this.options.key,
      this.queue.length ? JSON.stringify(this.queue) : null,
    );
  }

  private load(): Promise<void> {
    return readInto(this.options.storage, this.options.key, (raw) => {
      let saved: unknown;
      try {
        saved = raw ? JSON.parse(raw) : [];
      } catch {
        saved = [];
      }
      if (!Array.isArray(saved) || !saved.length) return;
      const known = new Set(this.queue.map((item) => item.id));
      const restored = (saved as T[]).filter((item) => item && typeof item.id === 'string' && !known.has(item.id));
      this.queue = [...restored, ...this.queue];
      this.persist();
      this.schedule(0);
    });
  }
}

/** Splits items into batches of at most `max` items whose JSON stays under `maxBytes`. */
export function chunkBySize<T>(items: readonly T[], max: number, maxBytes: number): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = JSON.stringify(item).length + 1;
    if (current.length && (current.length >= max || bytes + size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length) batches.push(current);
  return batches;
}
