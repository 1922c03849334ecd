/**
 * Where what the user read is kept (cached pages, lookups of article ids): Cache Storage,
 * one cache that "Forget everything" deletes whole. Measured in Chromium 156: a value
 * removed from storage.local or IndexedDB stays readable in their LevelDB files across
 * restarts (the log is reused, deleted databases are flushed to a table), while a deleted
 * cache takes its files with it.
 */
import { DamagedEntryError } from '../core/cache/cache-check';
import type { KeyValueStore } from '../core/cache/kv';

export const READING_CACHE = 'reading';

// Requests need an http(s) URL; this host never resolves and is never fetched.
const urlOf = (key: string) => `https://reading.invalid/${encodeURIComponent(key)}`;

export const readingStore: KeyValueStore = {
  async get<T>(key: string) {
    const answer = await (await caches.open(READING_CACHE)).match(urlOf(key));
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
    const body = new Response(JSON.stringify(value), {
      headers: { 'content-type': 'application/json' },
    });
    await (await caches.open(READING_CACHE)).put(urlOf(key), body);
  },
  async remove(key: string) {
    await (await caches.open(READING_CACHE)).delete(urlOf(key));
  },
};
