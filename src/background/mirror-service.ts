/** The core's mirror client with the worker's network and storage plugged in. */
import { prefixedStore } from '../core/kv';
import { createMirrorClient, type MirrorClient } from '../core/mirror-client';
import { browser } from '../platform/api';
import { localStore } from '../platform/kv-storage';
import { FETCH_PROGRESS_KEY } from '../platform/storage';

let client: MirrorClient | undefined;

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
  });
  return client;
}
