/**
 * A store that reads through to a persistent one but keeps some writes in memory only: what
 * the user reads when they chose not to keep it, or in an incognito window. The persistent
 * store is never changed for those keys (not even by removals: they only hide its entry).
 */
import type { KeyValueStore } from '../cache/kv';

/**
 * Keys that say what the user read: cached pages and their index, lookups of article ids
 * (with or without the mirror client's prefix).
 */
export function isReadingKey(key: string): boolean {
  return /^(?:[^:]*:)?(?:page|pages|resolve|finds|hits):/.test(key);
}

export function overlayStore(
  base: KeyValueStore,
  inMemory: (key: string) => boolean,
): KeyValueStore {
  // An entry holding undefined hides the persistent value (a removal kept in memory).
  const memory = new Map<string, string | undefined>();
  return {
    async get<T>(key: string) {
      if (!memory.has(key)) return base.get<T>(key);
      const json = memory.get(key);
      return json === undefined ? undefined : (JSON.parse(json) as T);
    },
    async set<T>(key: string, value: T) {
      if (!inMemory(key)) return base.set(key, value);
      memory.set(key, value === undefined ? undefined : JSON.stringify(value));
    },
    async remove(key: string) {
      if (!inMemory(key)) return base.remove(key);
      memory.set(key, undefined);
    },
  };
}

/** Keys that `elsewhere` says go to the other store; every other key to `base`. */
export function splitStore(
  base: KeyValueStore,
  other: KeyValueStore,
  elsewhere: (key: string) => boolean,
): KeyValueStore {
  const pick = (key: string) => (elsewhere(key) ? other : base);
  return {
    get: (key) => pick(key).get(key),
    set: (key, value) => pick(key).set(key, value),
    remove: (key) => pick(key).remove(key),
  };
}
