/**
 * What "Forget everything" removes from extension storage: everything but the settings
 * (unless the user ticked them too). Per-site choices, cached pages, lookups, indexes and
 * endpoint health are not settings: they go.
 */

/**
 * storage.local keys kept with the settings: the storage layout version (the settings
 * themselves are in storage.sync).
 */
export const SETTINGS_KEYS: readonly string[] = ['storageVersion'];

/** storage.session keys that remember what was read this browser session. */
export const SESSION_READING_KEYS: readonly string[] = [
  'readerIds',
  'readerShown',
  'fetchProgress',
];

/** The storage.local keys to remove, of those stored. */
export function localKeysToForget(stored: readonly string[], settingsToo: boolean): string[] {
  return stored.filter((key) => settingsToo || !SETTINGS_KEYS.includes(key));
}
