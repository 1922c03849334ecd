/**
 * Typed access to extension storage. `local` holds settings and caches (schema-versioned,
 * migrated on install and update); `session` holds per-tab state the worker must not keep
 * only in memory (it is stopped whenever it idles).
 */
import {
  normalizeSettings,
  pendingMigrations,
  STORAGE_VERSION,
  type Settings,
} from '../core/settings';
import type { PageLink } from '../core/messages';
import { browser } from './api';

const VERSION_KEY = 'storageVersion';

let ready: Promise<void> | undefined;

/** Runs pending migrations once per context; every read and write waits for it. */
export function ensureMigrated(): Promise<void> {
  ready ??= (async () => {
    const items = await browser.storage.local.get(null);
    const from = typeof items[VERSION_KEY] === 'number' ? (items[VERSION_KEY] as number) : 0;
    // Data written by a newer version (a downgrade) is read leniently and left as it is.
    if (from > STORAGE_VERSION) return;
    for (const migration of pendingMigrations(from)) {
      const { set, remove } = migration.migrate(items);
      if (remove.length) await browser.storage.local.remove(remove);
      await browser.storage.local.set({ ...set, [VERSION_KEY]: migration.version });
      Object.assign(items, set);
    }
  })();
  return ready;
}

export async function getSettings(): Promise<Settings> {
  await ensureMigrated();
  const { settings } = await browser.storage.local.get('settings');
  return normalizeSettings(settings);
}

export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = normalizeSettings({ ...(await getSettings()), ...patch });
  await browser.storage.local.set({ settings: next });
  return next;
}

export function onSettingsChanged(listener: (settings: Settings) => void): () => void {
  const handler = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && changes.settings)
      listener(normalizeSettings(changes.settings.newValue));
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}

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
