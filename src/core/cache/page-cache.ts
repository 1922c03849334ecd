/**
 * Pages already fetched, so that opening one again needs no network. Capped in total bytes,
 * least recently used out. Each page is stored under its own key and one small index lists
 * them, so a read touches two entries, not the whole cache.
 */
import type { EndpointId } from '../fetch/endpoints';
import type { KeyValueStore } from './kv';
import type { MirrorLocation } from '../sources/types';
import { utf8Length } from '../fetch/utf8';

export interface CachedPage {
  text: string;
  endpoint: EndpointId;
  storedAt: number;
}

export interface PageCache {
  get(location: MirrorLocation): Promise<CachedPage | undefined>;
  put(location: MirrorLocation, page: { text: string; endpoint: EndpointId }): Promise<void>;
  remove(location: MirrorLocation): Promise<void>;
  /** Total bytes and pages held. */
  usage(): Promise<{ bytes: number; pages: number }>;
}

interface CacheIndex {
  version: 1;
  entries: Record<string, { bytes: number; usedAt: number }>;
}

export const PAGE_CACHE_INDEX_KEY = 'pages:index';

export function pageKey(location: MirrorLocation): string {
  return `page:${location.owner}/${location.repo}@${location.branch}:${location.path}`;
}

export function createPageCache(deps: {
  store: KeyValueStore;
  now: () => number;
  /** Default 4 MB: extension storage holds 10 MB without the unlimitedStorage permission. */
  maxBytes?: number;
}): PageCache {
  const { store, now } = deps;
  const maxBytes = deps.maxBytes ?? 4_000_000;
  // One change to the index at a time, so concurrent puts do not lose each other's entries.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
  const readIndex = async (): Promise<CacheIndex> => {
    const index = await store.get<CacheIndex>(PAGE_CACHE_INDEX_KEY);
    return index?.version === 1 ? index : { version: 1, entries: {} };
  };
  const writeIndex = (index: CacheIndex) => store.set(PAGE_CACHE_INDEX_KEY, index);

  return {
    get: (location) =>
      serial(async () => {
        const key = pageKey(location);
        const index = await readIndex();
        const entry = index.entries[key];
        if (!entry) return undefined;
        const page = await store.get<CachedPage>(key);
        if (!page || typeof page.text !== 'string') {
          delete index.entries[key];
          await writeIndex(index);
          return undefined;
        }
        entry.usedAt = now();
        await writeIndex(index);
        return page;
      }),
    put: (location, { text, endpoint }) =>
      serial(async () => {
        const key = pageKey(location);
        const bytes = utf8Length(text);
        if (bytes > maxBytes) return;
        const index = await readIndex();
        index.entries[key] = { bytes, usedAt: now() };
        let total = Object.values(index.entries).reduce((sum, e) => sum + e.bytes, 0);
        const byAge = Object.entries(index.entries).sort((a, b) => a[1].usedAt - b[1].usedAt);
        for (const [oldKey, old] of byAge) {
          if (total <= maxBytes) break;
          if (oldKey === key) continue;
          delete index.entries[oldKey];
          total -= old.bytes;
          await store.remove(oldKey);
        }
        await store.set<CachedPage>(key, { text, endpoint, storedAt: now() });
        await writeIndex(index);
      }),
    remove: (location) =>
      serial(async () => {
        const key = pageKey(location);
        const index = await readIndex();
        delete index.entries[key];
        await store.remove(key);
        await writeIndex(index);
      }),
    usage: () =>
      serial(async () => {
        const entries = Object.values((await readIndex()).entries);
        return { bytes: entries.reduce((sum, e) => sum + e.bytes, 0), pages: entries.length };
      }),
  };
}
