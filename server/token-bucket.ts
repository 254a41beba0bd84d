/**
 * The server's one rate-limiting idiom: a token bucket. It holds at most `burst` tokens, refills
 * at `rate` tokens per second, and every take spends one. Used for WebSocket frames (per
 * connection), co-browse frames (per session) and REST requests (per address and per token,
 * rate-limit.ts).
 *
 * Times are milliseconds from `performance.now()` unless the caller passes its own clock value
 * (the REST limiter does, so that tests can freeze time).
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now = performance.now(),
  ) {
    this.tokens = burst;
    this.last = now;
  }

  /** The tokens there would be at `now`, without changing anything. */
  private level(now: number): number {
    const elapsed = Math.max(0, now - this.last);
    return Math.min(this.burst, this.tokens + (elapsed / 1000) * this.rate);
  }

  /** Spends one token if there is one; false means over the limit. */
  take(now = performance.now()): boolean {
    this.tokens = this.level(now);
    // A clock that went backwards does not refill the bucket twice.
    this.last = Math.max(this.last, now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until a take can succeed (0 when it can now). */
  waitMs(now = performance.now()): number {
    const missing = 1 - this.level(now);
    return missing <= 0 ? 0 : (missing / this.rate) * 1000;
  }

  /** True when the bucket has refilled completely: forgetting it then changes nothing. */
  isFull(now = performance.now()): boolean {
    return this.level(now) >= this.burst;
  }
}
