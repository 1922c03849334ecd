/**
 * The library's key, kept in a cache of its own in Cache Storage: deleting a cache removes
 * its files (measured in Chromium 156), so "Forget everything" turns whatever the library
 * database leaves on disk into noise. Every context reads it there; it is made once, under
 * a lock, so two contexts never seal with different keys.
 */
import { importKeys, newKeyBytes, type LibraryKeys } from '../../core/library/seal';
import { withLock } from '../locks';

export const LIBRARY_KEY_CACHE = 'library-key';
// Requests need an http(s) URL; this host never resolves and is never fetched.
const KEY_URL = 'https://library-key.invalid/key';

async function readKeys(): Promise<LibraryKeys | null> {
  // `caches.match` with a cache name does not create the cache when it is missing.
  const stored = await caches.match(KEY_URL, { cacheName: LIBRARY_KEY_CACHE });
  return stored ? importKeys(await stored.arrayBuffer()) : null;
}

/** The keys to open records with; null when there is none (nothing sealed can be opened). */
export function existingLibraryKeys(): Promise<LibraryKeys | null> {
  return readKeys();
}

/** The keys to seal with, made on first use (or anew when the stored key is damaged). */
export async function libraryKeysToSeal(): Promise<LibraryKeys> {
  return (
    (await readKeys()) ??
    withLock('mirror-reader-library-key', async () => {
      const again = await readKeys();
      if (again) return again;
      const bytes = newKeyBytes();
      const cache = await caches.open(LIBRARY_KEY_CACHE);
      await cache.put(KEY_URL, new Response(bytes));
      const keys = await importKeys(bytes);
      if (!keys) throw new Error('library key');
      return keys;
    })
  );
}
