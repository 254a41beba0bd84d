/** A listener for events of one name (or of every name under a dotted prefix). */
export type Listener<T> = (event: T) => void;

/**
 * A small typed event emitter. Names are dotted (`presence.agent.joined`); a listener registered
 * for a prefix (`presence.agent`) also receives every event below it, so one handler can follow
 * a family of events.
 */
export class Emitter<Events extends object> {
  private listeners = new Map<string, Set<Listener<never>>>();

  on<K extends keyof Events & string>(name: K, listener: Listener<Events[K]>): () => void;
  on(prefix: string, listener: Listener<Events[keyof Events]>): () => void;
  on(name: string, listener: Listener<never>): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => this.off(name, listener as Listener<Events[keyof Events]>);
  }

  off<K extends keyof Events & string>(name: K, listener: Listener<Events[K]>): void;
  off(prefix: string, listener: Listener<Events[keyof Events]>): void;
  off(name: string, listener: Listener<never>): void {
    this.listeners.get(name)?.delete(listener);
  }

  once<K extends keyof Events & string>(name: K, listener: Listener<Events[K]>): () => void {
    const off = this.on(name, (event: Events[K]) => {
      off();
      listener(event);
    });
    return off;
  }

  /** Calls the listeners of `name` and of each of its dotted prefixes, most specific first. */
  emit<K extends keyof Events & string>(name: K, event: Events[K]): void {
    let key: string = name;
    for (;;) {
      for (const listener of [...(this.listeners.get(key) ?? [])]) {
        try {
          (listener as Listener<Events[K]>)(event);
        } catch (error) {
          // A throwing listener must not stop the others or the emitter's caller.
          queueMicrotask(() => {
            throw error;
          });
        }
      }
      const dot = key.lastIndexOf('.');
      if (dot < 0) break;
      key = key.slice(0, dot);
    }
  }

  /** Whether anyone listens to `name` (directly or through a prefix). */
  has(name: string): boolean {
    let key = name;
    for (;;) {
      if (this.listeners.get(key)?.size) return true;
      const dot = key.lastIndexOf('.');
      if (dot < 0) return false;
      key = key.slice(0, dot);
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
