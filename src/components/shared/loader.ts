import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Where a `Loader` is: nothing asked yet, loading, loaded, or failed. */
export type LoadStatus = 'initial' | 'pending' | 'complete' | 'error';

/** What a list loaded by a `Loader` shows: `loading`, its items (`ready`), `empty`, or `error`. */
export type ListState = 'loading' | 'ready' | 'empty' | 'error';

/** The `ListState` of a loader of a list, by its status and (once complete) what it loaded. */
export function listState({ status, value }: { status: LoadStatus; value?: readonly unknown[] }): ListState {
  if (status === 'error') return 'error';
  if (status !== 'complete') return 'loading';
  return value?.length ? 'ready' : 'empty';
}

/** What a load function returns to mean "nothing to load": the loader goes back to `initial`. */
export const nothingToLoad: unique symbol = Symbol('nothingToLoad');

export interface LoaderOptions<A extends readonly unknown[], T> {
  /** Loads for these arguments; `signal` aborts when newer arguments replace them. */
  load: (args: A, signal: AbortSignal) => Promise<T | typeof nothingToLoad>;
  /** The arguments, read before every update of the host; a change (by `Object.is`) loads again. */
  args: () => A;
  /** The load for `args` completed (and no newer load replaced it). */
  onComplete?: (value: T, args: A) => void;
  /** The load for `args` failed (and no newer load replaced it). */
  onError?: (error: unknown, args: A) => void;
}

/**
 * Loads what an element shows whenever the arguments it depends on change, and re-renders the
 * element as the load goes: a newer load aborts the older one, whose answer is then dropped.
 * (In place of `@lit/task`, of which the elements used no more than this.)
 */
export class Loader<A extends readonly unknown[], T> implements ReactiveController {
  status: LoadStatus = 'initial';
  /** The value of the last load that completed (undefined after an error). */
  value?: T;
  error?: unknown;
  private lastArgs?: A;
  private runs = 0;
  private abortController?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: LoaderOptions<A, T>,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const args = this.options.args();
    const last = this.lastArgs;
    if (!last || last.length !== args.length || args.some((arg, i) => !Object.is(arg, last[i]))) void this.run(args);
  }

  /** Loads now (again), with the current arguments unless others are given. */
  async run(args: A = this.options.args()): Promise<void> {
    this.lastArgs = args;
    if (this.status === 'pending') this.abortController?.abort();
    const abortController = (this.abortController = new AbortController());
    const run = ++this.runs;
    this.status = 'pending';
    this.host.requestUpdate();
    let value: T | typeof nothingToLoad | undefined;
    let error: unknown;
    let failed = false;
    try {
      value = await this.options.load(args, abortController.signal);
    } catch (e) {
      failed = true;
      error = e;
    }
    if (run !== this.runs) return;
    if (value === nothingToLoad) {
      this.status = 'initial';
    } else {
      try {
        if (failed) this.options.onError?.(error, args);
        else this.options.onComplete?.(value as T, args);
      } catch {
        // A listener's failure does not change what was loaded.
      }
      this.status = failed ? 'error' : 'complete';
      this.value = value as T | undefined;
      this.error = error;
    }
    this.host.requestUpdate();
  }

  /** Renders by status, like a switch over `initial`, `pending`, `complete` and `error`. */
  render<R>(views: { initial?: () => R; pending?: () => R; complete?: (value: T) => R; error?: (error: unknown) => R }): R | undefined {
    switch (this.status) {
      case 'initial':
        return views.initial?.();
      case 'pending':
        return views.pending?.();
      case 'complete':
        return views.complete?.(this.value as T);
      default:
        return views.error?.(this.error);
    }
  }
}
