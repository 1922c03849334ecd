/**
 * Where what the user read is kept (cached pages, lookups of article ids): one cache in Cache
 * Storage that "Forget everything" deletes whole (see cache-storage.ts).
 */
import { DamagedEntryError } from '../core/cache/cache-check';
import type { KeyValueStore } from '../core/cache/kv';
import { readEntry, removeEntry, writeEntry } from './cache-storage';

export const READING_CACHE = 'reading';

export const readingStore: KeyValueStore = {
  async get<T>(key: string) {
    const answer = await readEntry(READING_CACHE, key);
    if (!answer) return undefined;
    const text = await answer.text();
    try {
      return JSON.parse(text) as T;
    } catch {
      // Cut short or overwritten: the checked store (cache-check.ts) drops and reports it.
      throw new DamagedEntryError(key);
    }
  },
  async set<T>(key: string, value: T) {
    await writeEntry(READING_CACHE, key, JSON.stringify(value));
  },
  async remove(key: string) {
    await removeEntry(READING_CACHE, key);
  },
};
