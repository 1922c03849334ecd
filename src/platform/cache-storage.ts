/**
 * Entries kept in Cache Storage, one named cache per kind (pages read, per-site choices, the
 * library's key). Measured in Chromium 156: a deleted cache takes its files with it, while a
 * value removed from storage.local or IndexedDB stays readable in their LevelDB files for a
 * while; "Forget everything" deletes these caches whole.
 */

// Requests need an http(s) URL; this host never resolves and is never fetched.
const urlOf = (cache: string, key: string) => `https://${cache}.invalid/${encodeURIComponent(key)}`;

/** The entry, if any (reading never creates the cache). */
export function readEntry(cache: string, key: string): Promise<Response | undefined> {
  return caches.match(urlOf(cache, key), { cacheName: cache });
}

export async function writeEntry(
  cache: string,
  key: string,
  body: string | Uint8Array<ArrayBuffer>,
): Promise<void> {
  const type = typeof body === 'string' ? 'application/json' : 'application/octet-stream';
  const response = new Response(body, { headers: { 'content-type': type } });
  await (await caches.open(cache)).put(urlOf(cache, key), response);
}

export async function removeEntry(cache: string, key: string): Promise<void> {
  await (await caches.open(cache)).delete(urlOf(cache, key));
}
