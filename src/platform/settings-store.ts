/**
 * Settings and custom sources in `storage.sync`, one item per field or source. Every read
 * waits for the migrations; a stored item that fails its check is dropped alone and reported
 * (see storage-problems.ts). Lists are changed under a Web Lock, which all of the
 * extension's contexts share, so two contexts editing one list lose no update.
 */
import { builtinSources } from '../core/sources/builtin';
import { activeSources, CUSTOM_SOURCE_PREFIX, readCustomSources } from '../core/sources/custom';
import type { Source } from '../core/sources/types';
import { migrateAll } from '../core/settings/migrations';
import {
  defaultSettings,
  readSettings,
  SETTING_KEYS,
  settingChecks,
  isSettingKey,
  type Settings,
} from '../core/settings/schema';
import { browser } from './api';
import { withLock } from './locks';
import { reportProblems } from './storage-problems';

let ready: Promise<void> | undefined;

/** Runs pending migrations once per context; every read and write waits for it. */
export function ensureMigrated(): Promise<void> {
  ready ??= withLock('mirror-reader-migrate', async () => {
    const [local, sync] = await Promise.all([
      browser.storage.local.get(null),
      browser.storage.sync.get(null),
    ]);
    for (const step of migrateAll({ local, sync }).steps) {
      // Sync first: local's version moves only once the settings are safe in sync.
      if (step.sync.remove.length) await browser.storage.sync.remove(step.sync.remove);
      if (Object.keys(step.sync.set).length) await browser.storage.sync.set(step.sync.set);
      if (step.local.remove.length) await browser.storage.local.remove(step.local.remove);
      await browser.storage.local.set(step.local.set);
    }
  }).catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  return ready;
}

const builtinIds = builtinSources.map((s) => s.id);

async function readSync(): Promise<Record<string, unknown>> {
  await ensureMigrated();
  return browser.storage.sync.get(null);
}

export async function getSettings(): Promise<Settings> {
  const items = await readSync();
  const { settings, problems } = readSettings(items);
  if (problems.length > 0) {
    await browser.storage.sync.remove(problems.map((p) => p.key));
    await reportProblems(problems.map((p) => ({ area: 'settings', key: p.key })));
  }
  return settings;
}

/** Writes only the fields in `patch` (each checked); returns the settings after. */
export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  await ensureMigrated();
  const items: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (!isSettingKey(key)) continue;
    const checked = settingChecks[key](value);
    if (checked !== undefined) items[key] = checked;
  }
  if (Object.keys(items).length) await browser.storage.sync.set(items);
  return getSettings();
}

/** Adds or removes `item` in a list setting, atomically across contexts. */
export function toggleInList<K extends 'disabledSources' | 'disabledEndpoints'>(
  key: K,
  item: Settings[K][number],
  present: boolean,
): Promise<Settings> {
  return withLock(`mirror-reader-setting-${key}`, async () => {
    const list = (await getSettings())[key] as string[];
    const next = list.filter((x) => x !== item);
    if (present) next.push(item);
    return updateSettings({ [key]: next } as Partial<Settings>);
  });
}

/** Every setting back to its default; custom sources are kept. */
export async function resetSettings(): Promise<Settings> {
  await ensureMigrated();
  await browser.storage.sync.remove(SETTING_KEYS);
  return { ...defaultSettings };
}

export function onSettingsChanged(listener: (settings: Settings) => void): () => void {
  const handler = (changes: Record<string, unknown>, area: string) => {
    if (area === 'sync' && Object.keys(changes).some(isSettingKey))
      void getSettings().then(listener);
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}

export async function getCustomSources(): Promise<Source[]> {
  const { sources, bad } = readCustomSources(await readSync(), builtinIds);
  if (bad.length > 0) {
    await browser.storage.sync.remove(bad);
    await reportProblems(bad.map((key) => ({ area: 'sources', key })));
  }
  return sources;
}

/** Saves checked sources (replacing any with the same id) in one write. */
export async function saveCustomSources(sources: readonly Source[]): Promise<void> {
  await ensureMigrated();
  await browser.storage.sync.set(
    Object.fromEntries(sources.map((s) => [CUSTOM_SOURCE_PREFIX + s.id, s])),
  );
}

export async function removeCustomSource(id: string): Promise<void> {
  await browser.storage.sync.remove(CUSTOM_SOURCE_PREFIX + id);
}

/** The sources in use now: enabled built-ins and the user's own. */
export async function getActiveSources(): Promise<Source[]> {
  const [settings, custom] = await Promise.all([getSettings(), getCustomSources()]);
  return activeSources(builtinSources, settings.disabledSources, custom);
}

/** Calls `listener` when a setting or a custom source changes. */
export function onSourcesChanged(listener: () => void): () => void {
  const handler = (changes: Record<string, unknown>, area: string) => {
    if (area !== 'sync') return;
    const keys = Object.keys(changes);
    if (keys.some((k) => k.startsWith(CUSTOM_SOURCE_PREFIX) || isSettingKey(k))) listener();
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}
