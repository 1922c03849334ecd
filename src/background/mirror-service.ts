/** The core's mirror client with the worker's network and storage plugged in. */
import type { IndexFileReader } from '../core/index/index-view';
import { snapshotPath } from '../core/index/snapshots';
import { prefixedStore } from '../core/kv';
import { createMirrorClient, type MirrorClient } from '../core/mirror-client';
import { browser } from '../platform/api';
import { localStore } from '../platform/kv-storage';
import { FETCH_PROGRESS_KEY } from '../platform/storage';

let client: MirrorClient | undefined;

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

export function mirrorClient(): MirrorClient {
  client ??= createMirrorClient({
    fetch: (url, init) => {
      noteRequest(url);
      return fetch(url, { signal: init.signal, credentials: 'omit', cache: 'no-store' });
    },
    store: prefixedStore(localStore, 'mirror:'),
    index: { snapshot: packagedSnapshot, onDevice: true },
  });
  return client;
}
