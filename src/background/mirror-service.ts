/**
 * The core's mirror client with the worker's network and storage plugged in: caches in
 * IndexedDB, the sources and endpoints the user chose. A change to either makes a new client
 * on the next request (each request reads the settings, which are small).
 */
import type { IndexFileReader } from '../core/index/index-view';
import { snapshotPath } from '../core/index/snapshots';
import { createMirrorClient, type MirrorClient } from '../core/mirror-client';
import { activeEndpoints } from '../core/settings/schema';
import { browser } from '../platform/api';
import { cacheStore } from '../platform/cache-db';
import { getActiveSources, getSettings } from '../platform/settings-store';
import { FETCH_PROGRESS_KEY } from '../platform/storage';

/** IndexedDB holds far more than extension storage; mirror pages are 10–300 kB. */
const PAGE_CACHE_BYTES = 50_000_000;

let current: { key: string; client: MirrorClient } | undefined;

/** A shipped index snapshot's files, read from the package (no network). */
function packagedSnapshot(repo: string): IndexFileReader | null {
  if (snapshotPath(repo, 'manifest.json') === null) return null;
  return async (file) => {
    const path = snapshotPath(repo, file);
    if (path === null) return null;
    try {
      const response = await fetch(browser.runtime.getURL(path));
      return response.ok ? await response.text() : null;
    } catch {
      return null;
    }
  };
}

/** Pages showing a slow load read this to say which host is being tried. */
function noteRequest(url: string): void {
  const host = new URL(url).host;
  void browser.storage.session.set({ [FETCH_PROGRESS_KEY]: { host, at: Date.now() } });
}

export async function mirrorClient(): Promise<MirrorClient> {
  const [settings, sources] = await Promise.all([getSettings(), getActiveSources()]);
  const endpoints = activeEndpoints(settings);
  const key = JSON.stringify([endpoints, sources]);
  if (current?.key === key) return current.client;
  const client = createMirrorClient({
    fetch: (url, init) => {
      noteRequest(url);
      return fetch(url, { signal: init.signal, credentials: 'omit', cache: 'no-store' });
    },
    store: cacheStore,
    sources,
    options: { endpoints, preferredOrder: endpoints, pageCacheBytes: PAGE_CACHE_BYTES },
    index: { snapshot: packagedSnapshot, onDevice: true },
  });
  current = { key, client };
  return client;
}
