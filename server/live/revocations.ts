/**
 * Revocations reach open connections through the bus.
 *
 * A token is revoked by writing the database (`token revoke` in the CLI is a process of its
 * own), so the server has to look: every `pollMs` the watcher asks the store for the tokens
 * revoked lately and publishes a `revoked` bus message for each one it has not published yet.
 * Every process delivers it to the connections it holds (LocalConnections closes those that
 * depend on the token), so with a shared bus a revocation closes connections in all processes.
 *
 * The store is asked from a little before the last question (`lookbackMs`): a revocation time
 * comes from the clock of the process that revoked, and its row may be committed a moment after
 * that time; both would otherwise slip between two questions. Tokens already published within
 * the look-back are remembered and not published twice.
 */
import type { Store } from '../store/types.js';
import type { Bus } from './bus.js';

/** How often the store is asked by default: a revoked token's connections close within about this. */
export const REVOCATION_POLL_MS = 1000;

export interface RevocationWatcherOptions {
  /** How often the store is asked. */
  pollMs: number;
  /** How far before the previous question each question starts (default 5 minutes). */
  lookbackMs?: number;
  onError?: (error: unknown) => void;
}

/** Default look-back: covers clock differences between processes and slow commits. */
const LOOKBACK_MS = 5 * 60_000;

export class RevocationWatcher {
  /** Revocations published, by token id, with their revocation time. */
  private readonly published = new Map<string, number>();
  private since = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private running = false;

  constructor(
    private readonly store: Store,
    private readonly bus: Bus,
    private readonly options: RevocationWatcherOptions,
  ) {}

  /** Starts polling. Connections exist only from now on; earlier revocations refused their hello. */
  start(now = Date.now()): void {
    if (this.running) return;
    this.running = true;
    this.since = now;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
  }

  private schedule() {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.poll()
        // Once stopped, the store may be closing under a last question: nothing to report.
        .catch((error) => this.running && this.options.onError?.(error))
        .finally(() => this.schedule());
    }, this.options.pollMs);
    this.timer.unref();
  }

  /** Asks the store once and publishes what is new; returns the token ids published. */
  async poll(): Promise<string[]> {
    const asked = Date.now();
    const from = this.since - (this.options.lookbackMs ?? LOOKBACK_MS);
    const tokens = await this.store.listRevokedTokens(from);
    const fresh: string[] = [];
    for (const token of tokens) {
      if (this.published.has(token.id)) continue;
      this.published.set(token.id, token.revokedAt!);
      this.bus.publish({ tenantId: token.tenantId, revoked: { tokenId: token.id } });
      fresh.push(token.id);
    }
    // What the next question no longer covers need not be remembered.
    const next = asked - (this.options.lookbackMs ?? LOOKBACK_MS);
    for (const [id, at] of this.published) if (at < next) this.published.delete(id);
    this.since = asked;
    return fresh;
  }
}
