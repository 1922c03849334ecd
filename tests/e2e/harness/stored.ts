/**
 * What the extension stores, set and cleared from the service worker as the extension itself
 * would: settings are items of `storage.sync`, caches and the library IndexedDB databases.
 */
import type { ExtensionBrowser } from './extension';

export const CACHE_DB = 'mirror-reader-cache';
export const LIBRARY_DB = 'mirror-reader-library';

/** Writes setting items (no check: tests also store broken values on purpose). */
export async function setSettings(
  ext: ExtensionBrowser,
  items: Record<string, unknown>,
): Promise<void> {
  const worker = await ext.worker();
  await worker.evaluate((i) => chrome.storage.sync.set(i), items);
}

/** Every setting back to its default (custom sources too). */
export async function clearSettings(ext: ExtensionBrowser): Promise<void> {
  const worker = await ext.worker();
  await worker.evaluate(() => chrome.storage.sync.clear());
}

/**
 * Deletes an IndexedDB database of the extension. The extension's connections close when
 * asked (versionchange), so this waits for the deletion itself.
 */
export async function deleteDatabase(ext: ExtensionBrowser, name: string): Promise<void> {
  const worker = await ext.worker();
  await worker.evaluate(
    (db) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase(db);
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error ?? new Error(`deleting ${db} failed`));
      }),
    name,
  );
}

/** Deletes the Cache Storage cache that holds what was read (src/platform/reading-store). */
export async function deleteReadingCache(ext: ExtensionBrowser): Promise<void> {
  const worker = await ext.worker();
  await worker.evaluate(() => caches.delete('reading'));
}
