/**
 * "Forget everything": extension storage, IndexedDB databases and Cache Storage of the
 * extension, and what the worker holds in memory. LevelDB keeps removed values in its log
 * until it compacts, which it does when the browser next opens the profile.
 */
import { localKeysToForget, SESSION_READING_KEYS } from '../core/privacy/forget-plan';
import { browser } from '../platform/api';
import { forgetMirrorClients } from './mirror-service';

async function forgetDatabases(): Promise<number> {
  if (typeof indexedDB === 'undefined' || !indexedDB.databases) return 0;
  const databases = await indexedDB.databases();
  await Promise.all(
    databases.map(
      ({ name }) =>
        new Promise<void>((resolve, reject) => {
          if (!name) return resolve();
          const request = indexedDB.deleteDatabase(name);
          request.onsuccess = () => resolve();
          request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`));
          // Another context holds it open: it is deleted once that one closes.
          request.onblocked = () => resolve();
        }),
    ),
  );
  return databases.filter(({ name }) => name).length;
}

async function forgetCaches(): Promise<number> {
  if (typeof caches === 'undefined') return 0;
  const names = await caches.keys();
  await Promise.all(names.map((name) => caches.delete(name)));
  return names.length;
}

/** Removes it all; the number of stored items removed. */
export async function forgetEverything({ settings }: { settings: boolean }): Promise<number> {
  forgetMirrorClients();
  const local = localKeysToForget(Object.keys(await browser.storage.local.get(null)), settings);
  await browser.storage.local.remove(local);
  const session = await browser.storage.session.get([...SESSION_READING_KEYS]);
  const readerIds = Object.keys((session.readerIds ?? {}) as object).length;
  await browser.storage.session.remove([...SESSION_READING_KEYS]);
  // Nothing read is ever synced; settings may be, and go only when asked.
  if (settings) await browser.storage.sync.clear();
  const [databases, cacheNames] = await Promise.all([forgetDatabases(), forgetCaches()]);
  return local.length + readerIds + databases + cacheNames;
}
