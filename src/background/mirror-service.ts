/** The core's mirror client with the worker's network and storage plugged in. */
import { prefixedStore } from '../core/kv';
import { createMirrorClient, type MirrorClient } from '../core/mirror-client';
import { isReadingKey, overlayStore, splitStore } from '../core/privacy/overlay-store';
import { browser } from '../platform/api';
import { localStore } from '../platform/kv-storage';
import { readingStore } from '../platform/reading-store';
import { FETCH_PROGRESS_KEY, getSettings } from '../platform/storage';

/**
 * `keep`: everything stored. `forget`: what was read stays in memory ("keep what I read" off).
 * `incognito`: nothing at all is written to disk.
 */
export type ClientMode = 'keep' | 'forget' | 'incognito';

const clients = new Map<ClientMode, MirrorClient>();

/** Pages showing a slow load read this to say which host is being tried. */
function noteRequest(url: string): void {
  const host = new URL(url).host;
  void browser.storage.session.set({ [FETCH_PROGRESS_KEY]: { host, at: Date.now() } });
}

function storeFor(mode: ClientMode) {
  // What was read goes to a store that can be deleted whole; the rest to storage.local.
  const persistent = prefixedStore(splitStore(localStore, readingStore, isReadingKey), 'mirror:');
  if (mode === 'keep') return persistent;
  return overlayStore(persistent, mode === 'incognito' ? () => true : isReadingKey);
}

export function mirrorClient(mode: ClientMode = 'keep'): MirrorClient {
  let client = clients.get(mode);
  if (!client) {
    client = createMirrorClient({
      fetch: (url, init) => {
        noteRequest(url);
        return fetch(url, { signal: init.signal, credentials: 'omit', cache: 'no-store' });
      },
      store: storeFor(mode),
    });
    clients.set(mode, client);
  }
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
