/**
 * Where the client keeps state that must survive a page reload (the outbox of unsent context,
 * the context session). Pluggable as `{ read, write }`, sync or async, so a host can keep it in
 * memory, in IndexedDB or on its own server. Writing `null` removes the key.
 */
export interface StateStorage {
  read(key: string): string | null | Promise<string | null>;
  write(key: string, value: string | null): void | Promise<void>;
}

/** Wraps a Web Storage area; falls back to memory when the area is unavailable (privacy modes). */
export function webStorage(area: () => Storage): StateStorage {
  const fallback = memoryStorage();
  const get = (): Storage | undefined => {
    try {
      return area();
    } catch {
      return undefined;
    }
  };
  return {
    read(key) {
      try {
        return get()?.getItem(key) ?? fallback.read(key);
      } catch {
        return fallback.read(key);
      }
    },
    write(key, value) {
      try {
        const s = get();
        if (!s) return fallback.write(key, value);
        if (value === null) s.removeItem(key);
        else s.setItem(key, value);
      } catch {
        fallback.write(key, value);
      }
    },
  };
}

/** State kept for the life of the page only. */
export function memoryStorage(): StateStorage {
  const map = new Map<string, string>();
  return {
    read: (key) => map.get(key) ?? null,
    write: (key, value) => {
      if (value === null) map.delete(key);
      else map.set(key, value);
    },
  };
}

/** The default: `sessionStorage`, so state lives as long as the tab and survives reloads. */
export const sessionState = (): StateStorage => webStorage(() => sessionStorage);

/** Persistent across tabs and visits (used for the anonymous consumer key). */
export const localState = (): StateStorage => webStorage(() => localStorage);

/**
 * Reads `key` and hands the value to `apply` — at once when the storage is synchronous (so that
 * nothing written right after construction can race with the restore), later when it is async.
 * Unreadable storage counts as empty.
 */
export function readInto(
  storage: StateStorage,
  key: string,
  apply: (raw: string | null) => void,
): Promise<void> {
  let result: string | null | Promise<string | null>;
  try {
    result = storage.read(key);
  } catch {
    result = null;
  }
  if (result instanceof Promise) {
    return result.then(apply, () => apply(null));
  }
  apply(result);
  return Promise.resolve();
}
