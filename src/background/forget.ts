/**
 * "Forget everything": extension storage, IndexedDB databases and Cache Storage of the
 * extension, and what the worker holds in memory. What was read lives in Cache Storage
 * (platform/reading-store), whose deletion removes its files; storage.local and IndexedDB
 * keep removed values readable in their LevelDB files for a while, so nothing read goes
 * there in the clear (the library is sealed with a key kept in Cache Storage).
 */
import { localKeysToForget, SESSION_READING_KEYS } from '../core/privacy/forget-plan';
import { browser } from '../platform/api';
import { releaseImageHosts } from '../platform/image-hosts';
import { cacheUsage, deleteCacheDatabase } from '../platform/cache-db';
import { deleteLibraryDatabase, libraryUsage } from '../platform/library/library-db';
import { LIBRARY_KEY_CACHE } from '../platform/library/library-key';
import { forgetMirrorClients } from './mirror-service';

/**
 * The cache and library databases, deleted whole; how many entries they held. The library's
 * key goes first: from then on what its database leaves on disk cannot be read.
 */
async function forgetDatabases(): Promise<number> {
  const [cache, library] = await Promise.all([
    cacheUsage().catch(() => ({ entries: 0 })),
    libraryUsage().catch(() => ({ articles: 0 })),
  ]);
  if (typeof caches !== 'undefined') await caches.delete(LIBRARY_KEY_CACHE);
  await Promise.all([deleteCacheDatabase(), deleteLibraryDatabase()]);
  return cache.entries + library.articles;
}

/** Deletes every cache whole (their files go with them); how many entries they held. */
async function forgetCaches(): Promise<number> {
  if (typeof caches === 'undefined') return 0;
  let entries = 0;
  for (const name of await caches.keys()) {
    entries += (await (await caches.open(name)).keys()).length;
    await caches.delete(name);
  }
  return entries;
}

/** Removes it all; the number of stored items removed. */
export async function forgetEverything({ settings }: { settings: boolean }): Promise<number> {
  forgetMirrorClients();
  const local = localKeysToForget(Object.keys(await browser.storage.local.get(null)), settings);
  await browser.storage.local.remove(local);
  const session = await browser.storage.session.get([...SESSION_READING_KEYS]);
  const readerIds = Object.keys((session.readerIds ?? {}) as object).length;
  await browser.storage.session.remove([...SESSION_READING_KEYS]);
  // Nothing read is ever synced; settings (and custom sources) are, and go only when asked.
  if (settings) await browser.storage.sync.clear();
  const [databases, cacheNames, hosts] = await Promise.all([
    forgetDatabases(),
    forgetCaches(),
    releaseImageHosts().catch(() => 0),
  ]);
  return local.length + readerIds + databases + cacheNames + hosts;
}
