/**
 * The key-value store the mirror client persists through. The background implements it over
 * `browser.storage.local`; tests and the CLI use the in-memory one. Values must survive a
 * JSON round trip (extension storage serializes them).
 */
export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T): Promise<void>;
  remove(key: string): Promise<void>;
}

/** An in-memory store that copies values in and out, as extension storage does. */
export function createMemoryStore(initial: Record<string, unknown> = {}): KeyValueStore & {
  keys(): string[];
} {
  const data = new Map<string, unknown>(Object.entries(initial).map(([k, v]) => [k, clone(v)]));
  return {
    get: <T>(key: string) =>
      Promise.resolve(data.has(key) ? (clone(data.get(key)) as T) : undefined),
    set: (key, value) => {
      data.set(key, clone(value));
      return Promise.resolve();
    },
    remove: (key) => {
      data.delete(key);
      return Promise.resolve();
    },
    keys: () => [...data.keys()],
  };
}

/** The same store with every key under `prefix`, so the mirror client's keys stay apart. */
export function prefixedStore(store: KeyValueStore, prefix: string): KeyValueStore {
  return {
    get: (key) => store.get(prefix + key),
    set: (key, value) => store.set(prefix + key, value),
    remove: (key) => store.remove(prefix + key),
  };
}

function clone(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}
