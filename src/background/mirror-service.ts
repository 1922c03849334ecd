/**
 * The core's mirror client with the worker's network and storage plugged in: caches in
 * IndexedDB, what was read in Cache Storage (deleted whole by "Forget everything"), the
 * sources and endpoints the user chose. A change to either makes a new client on the next
 * request (each request reads the settings, which are small).
 */
import { checkedStore, reportedCacheKey } from '../core/cache/cache-check';
import type { IndexFileReader } from '../core/index/index-view';
import { snapshotPath } from '../core/index/snapshots';
import { createMirrorClient, type MirrorClient } from '../core/mirror-client';
import { isReadingKey, overlayStore, splitStore } from '../core/privacy/overlay-store';
import { activeEndpoints } from '../core/settings/schema';
import { browser } from '../platform/api';
import { cacheStore } from '../platform/cache-db';
import { readingStore } from '../platform/reading-store';
import { getActiveSources, getSettings } from '../platform/settings-store';
import { FETCH_PROGRESS_KEY } from '../platform/storage';
import { reportProblems } from '../platform/storage-problems';

/** IndexedDB holds far more than extension storage; mirror pages are 10–300 kB. */
const PAGE_CACHE_BYTES = 50_000_000;

/**
 * `keep`: everything stored. `forget`: what was read stays in memory ("keep what I read" off).
 * `incognito`: nothing at all is written to disk.
 */
export type ClientMode = 'keep' | 'forget' | 'incognito';

const clients = new Map<ClientMode, { key: string; client: MirrorClient }>();

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

// What was read goes to a store that can be deleted whole (its files go with it); the rest
// (repository indexes, endpoint health) to IndexedDB. A damaged entry read from either is
// dropped alone and shown in the options page.
const persistent = checkedStore(
  splitStore(cacheStore, readingStore, isReadingKey),
  (key, problem) => reportProblems([{ area: 'cache', key: reportedCacheKey(key, problem) }]),
);

function storeFor(mode: ClientMode) {
  if (mode === 'keep') return persistent;
  return overlayStore(persistent, mode === 'incognito' ? () => true : isReadingKey);
}

export async function mirrorClient(mode: ClientMode = 'keep'): Promise<MirrorClient> {
  const [settings, sources] = await Promise.all([getSettings(), getActiveSources()]);
  const endpoints = activeEndpoints(settings);
  const key = JSON.stringify([endpoints, sources]);
  const current = clients.get(mode);
  if (current?.key === key) return current.client;
  const client = createMirrorClient({
    fetch: (url, init) => {
      noteRequest(url);
      return fetch(url, { signal: init.signal, credentials: 'omit', cache: 'no-store' });
    },
    store: storeFor(mode),
    sources,
    options: { endpoints, preferredOrder: endpoints, pageCacheBytes: PAGE_CACHE_BYTES },
    index: { snapshot: packagedSnapshot, onDevice: true },
  });
  clients.set(mode, { key, client });
  return client;
}

/** Incognito reading stores nothing; otherwise "keep what I read" decides. */
export async function readingMode(incognito: boolean): Promise<ClientMode> {
  if (incognito) return 'incognito';
  return (await getSettings()).keepLibrary ? 'keep' : 'forget';
}

/** Drops every client and what it holds in memory ("Forget everything"). */
export function forgetMirrorClients(): void {
  clients.clear();
}
