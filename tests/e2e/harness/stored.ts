/**
 * What the extension stores, set and cleared from the service worker as the extension itself
 * would: settings are items of `storage.sync`, caches and the library IndexedDB databases.
 */
import type { ExtensionBrowser } from './extension';
import { waitFor } from './wait';

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

/**
 * Reloads the extension as its Reload button in chrome://extensions does (an update goes the
 * same way: new worker, onInstalled). Developer mode must be on, or Chromium disables the
 * reloaded unpacked extension ("unsupported developer extension").
 */
export async function reloadExtension(ext: ExtensionBrowser): Promise<void> {
  const page = await ext.context.newPage();
  try {
    await page.goto('chrome://extensions');
    await page.evaluate(
      (id) =>
        new Promise<void>((resolve, reject) => {
          const dev = (chrome as unknown as { developerPrivate: DeveloperPrivate })
            .developerPrivate;
          dev.updateProfileConfiguration({ inDeveloperMode: true }, () =>
            dev.reload(id, { failQuietly: false }, () => {
              const error = chrome.runtime.lastError;
              if (error) reject(new Error(error.message));
              else resolve();
            }),
          );
        }),
      ext.extensionId,
    );
  } finally {
    await page.close();
  }
  // Back once one of its pages opens again (until then Chromium blocks them).
  const back = await waitFor(() => ext.openExtensionPage(ext.optionsPath).catch(() => undefined), {
    timeoutMs: 20_000,
    intervalMs: 200,
    what: 'the extension back after its reload',
  });
  await back.close();
}

interface DeveloperPrivate {
  updateProfileConfiguration(update: { inDeveloperMode: boolean }, done: () => void): void;
  reload(id: string, options: { failQuietly: boolean }, done: () => void): void;
}

/** Deletes the Cache Storage cache that holds what was read (src/platform/reading-store). */
export async function deleteReadingCache(ext: ExtensionBrowser): Promise<void> {
  const worker = await ext.worker();
  await worker.evaluate(() => caches.delete('reading'));
}

/** The per-site choices of marks as stored (Cache Storage, `site-marks`), read in the worker. */
export async function storedSiteMarks(ext: ExtensionBrowser): Promise<Record<string, boolean>> {
  const worker = await ext.worker();
  return worker.evaluate(async () => {
    const stored = await caches.match('https://site-marks.invalid/', { cacheName: 'site-marks' });
    return stored ? ((await stored.json()) as Record<string, boolean>) : {};
  });
}

/** Stores a per-site choice as the popup's switch does (and nudges open pages). */
export async function storeSiteMarks(
  ext: ExtensionBrowser,
  marks: Record<string, boolean>,
): Promise<void> {
  const worker = await ext.worker();
  await worker.evaluate(async (m) => {
    const cache = await caches.open('site-marks');
    await cache.put('https://site-marks.invalid/', new Response(JSON.stringify(m)));
    await chrome.storage.local.set({ siteMarksChanged: Date.now() });
  }, marks);
}
