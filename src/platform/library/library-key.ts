/**
 * The library's key, kept in a cache of its own in Cache Storage (see cache-storage.ts), so
 * that "Forget everything", which deletes it whole, turns whatever the library database
 * leaves on disk into noise. Every context reads it there; it is made once, under
 * a lock, so two contexts never seal with different keys.
 */
import { importKeys, newKeyBytes, type LibraryKeys } from '../../core/library/seal';
import { readEntry, writeEntry } from '../cache-storage';
import { withLock } from '../locks';

export const LIBRARY_KEY_CACHE = 'library-key';

/** The keys to open records with; null when there is none (nothing sealed can be opened). */
export async function existingLibraryKeys(): Promise<LibraryKeys | null> {
  const stored = await readEntry(LIBRARY_KEY_CACHE, 'key');
  return stored ? importKeys(await stored.arrayBuffer()) : null;
}

/** The keys to seal with, made on first use (or anew when the stored key is damaged). */
export async function libraryKeysToSeal(): Promise<LibraryKeys> {
  return (
    (await existingLibraryKeys()) ??
    withLock('mirror-reader-library-key', async () => {
      const again = await existingLibraryKeys();
      if (again) return again;
      const bytes = newKeyBytes();
      await writeEntry(LIBRARY_KEY_CACHE, 'key', bytes);
      const keys = await importKeys(bytes);
      if (!keys) throw new Error('library key');
      return keys;
    })
  );
}
