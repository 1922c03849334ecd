/**
 * The caches (mirror pages, key → path, repository indexes, endpoint health) in their own
 * IndexedDB database, apart from settings and the library: clearing or evicting the cache
 * never touches either. The page cache in front of it caps its size and evicts the least
 * recently used pages.
 */
import type { KeyValueStore } from '../core/cache/kv';
import { idbConnection } from './idb-connection';
import { READING_CACHE } from './reading-store';

export const CACHE_DB = 'mirror-reader-cache';
const STORE = 'kv';
/** Kept by "clear the cache": what the extension measured of the endpoints. */
const KEEP_ON_CLEAR = ['endpoint-health'];

const connection = idbConnection(CACHE_DB, 1, (db) => {
  if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE);
});

export const cacheStore: KeyValueStore = {
  async get<T>(key: string) {
    return (await (await connection.open()).get(STORE, key)) as T | undefined;
  },
  async set<T>(key: string, value: T) {
    await (await connection.open()).put(STORE, value, key);
  },
  async remove(key: string) {
    await (await connection.open()).delete(STORE, key);
  },
};

/** Entries and approximate bytes (their JSON length) held. */
export async function cacheUsage(): Promise<{ entries: number; bytes: number }> {
  const db = await connection.open();
  let cursor = await db.transaction(STORE).store.openCursor();
  let entries = 0;
  let bytes = 0;
  while (cursor) {
    entries += 1;
    bytes += JSON.stringify(cursor.value ?? null).length;
    cursor = await cursor.continue();
  }
  return { entries, bytes };
}

/** Empties the cache but for the endpoint measurements (pages read are in Cache Storage). */
export async function clearCache(): Promise<void> {
  if (typeof caches !== 'undefined') await caches.delete(READING_CACHE);
  const db = await connection.open();
  const tx = db.transaction(STORE, 'readwrite');
  for (const key of await tx.store.getAllKeys()) {
    if (!KEEP_ON_CLEAR.includes(String(key))) await tx.store.delete(key);
  }
  await tx.done;
}

/** Deletes the whole database ("forget everything"). */
export function deleteCacheDatabase(): Promise<void> {
  return connection.destroy();
}
