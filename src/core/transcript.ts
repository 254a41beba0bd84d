/**
 * The transcript model shared by the customer's live engine and the agent console: the lines of
 * one conversation, stored ones in `seq` order, then the lines of this side that the server has
 * not stored yet, in the order they were written.
 *
 * A line has a key that stays the same through its life (a message's client id once it has one),
 * so the stored copy of a message sent from here takes the place of its pending line instead of
 * showing twice, however the copy arrives (the send's acknowledgement, the live frame, a history
 * page or the replay after a reconnect).
 */
export class Transcript<T> {
  private lines: { key: string; seq: number | null; value: T }[] = [];
  private readonly byKey = new Map<string, { key: string; seq: number | null; value: T }>();
  private readonly stored = new Set<number>();
  private cache?: readonly T[];
  /** Highest stored seq seen. */
  lastSeq = 0;

  /** The lines, in order. */
  get values(): readonly T[] {
    return (this.cache ??= this.lines.map((line) => line.value));
  }

  /** The line under `key`, if any. */
  get(key: string): T | undefined {
    return this.byKey.get(key)?.value;
  }

  /** The seq the line under `key` is placed by: null while it is pending, undefined when there is none. */
  seqOf(key: string): number | null | undefined {
    return this.byKey.get(key)?.seq;
  }

  /** Whether an event with this seq was put already. */
  has(seq: number): boolean {
    return this.stored.has(seq);
  }

  /**
   * Puts a line under `key`, placed by `seq` (null: pending, after every stored line), replacing
   * the line that had this key wherever it was. `stored` false places a line by the seq the
   * server gave it before its event arrives (the event still counts as new then).
   */
  put(key: string, seq: number | null, value: T, stored = true): void {
    const old = this.byKey.get(key);
    if (old) this.lines.splice(this.lines.indexOf(old), 1);
    const line = { key, seq, value };
    this.byKey.set(key, line);
    if (seq !== null && stored) {
      this.stored.add(seq);
      this.lastSeq = Math.max(this.lastSeq, seq);
    }
    let at = this.lines.length;
    if (seq !== null) {
      while (at > 0) {
        const before = this.lines[at - 1].seq;
        if (before !== null && before <= seq) break;
        at--;
      }
    }
    this.lines.splice(at, 0, line);
    this.cache = undefined;
  }

  /** Changes a line's value in place (same key, same position); false when there is none. */
  update(key: string, change: (value: T) => T): boolean {
    const line = this.byKey.get(key);
    if (!line) return false;
    line.value = change(line.value);
    this.cache = undefined;
    return true;
  }
}
