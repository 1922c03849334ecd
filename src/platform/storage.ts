/**
 * Typed access to extension storage. Settings are in `storage.sync` (settings-store.ts),
 * caches and the library in IndexedDB (cache-db.ts, library-db.ts); `session` holds per-tab
 * state the worker must not keep only in memory (it is stopped whenever it idles).
 */
import type { PageLink } from '../core/messages';
import { browser } from './api';

// Settings live in settings-store.ts; these names stay importable from here.
export { ensureMigrated, getSettings, onSettingsChanged, updateSettings } from './settings-store';

export interface TabState {
  linkCount: number;
  links: PageLink[];
  url: string;
  /** The blocked original whose load failed in this tab (the tab shows an error page). */
  failedUrl?: string;
}

export async function getTabStates(): Promise<Record<string, TabState>> {
  const { tabs } = await browser.storage.session.get('tabs');
  return (typeof tabs === 'object' && tabs !== null ? tabs : {}) as Record<string, TabState>;
}

/** Read-modify-write of the per-tab map, serialized so concurrent reports do not race. */
let tabWrites: Promise<unknown> = Promise.resolve();
export function updateTabStates(
  change: (tabs: Record<string, TabState>) => void,
): Promise<Record<string, TabState>> {
  const run = tabWrites.then(async () => {
    const tabs = await getTabStates();
    change(tabs);
    await browser.storage.session.set({ tabs });
    return tabs;
  });
  tabWrites = run.catch(() => undefined);
  return run;
}

/** storage.session key: the host the background last sent a mirror request to. */
export const FETCH_PROGRESS_KEY = 'fetchProgress';

export interface FetchProgress {
  host: string;
  at: number;
}

/** storage.session key: an article that arrived after its fetch's deadline, `{ url, at }`. */
export const ARTICLE_ARRIVED_KEY = 'articleArrived';

export function onArticleArrived(listener: (url: string) => void): () => void {
  const handler = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const value = changes[ARTICLE_ARRIVED_KEY]?.newValue as { url?: unknown } | undefined;
    if (area === 'session' && typeof value?.url === 'string') listener(value.url);
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}

export function onFetchProgress(listener: (progress: FetchProgress) => void): () => void {
  const handler = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const value = changes[FETCH_PROGRESS_KEY]?.newValue as FetchProgress | undefined;
    if (area === 'session' && value && typeof value.host === 'string') listener(value);
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}
