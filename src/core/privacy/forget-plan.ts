/**
 * What "Forget everything" removes from extension storage: everything but the settings
 * (unless the user ticked them too). Per-site choices, cached pages, lookups, indexes and
 * endpoint health are not settings: they go.
 */
import { WELCOME_SHOWN_KEY } from '../welcome';

/**
 * storage.local keys kept with the settings: the storage layout version (the settings
 * themselves are in storage.sync).
 */
export const SETTINGS_KEYS: readonly string[] = ['storageVersion'];

/**
 * storage.local keys kept in every case: that the welcome page was shown. Without it the
 * next start of a build loaded from the command line (which Chromium reports as an install)
 * opens the welcome tab again; it says nothing of what was read.
 */
export const SETUP_KEYS: readonly string[] = [WELCOME_SHOWN_KEY];

/** storage.session keys that remember what was read this browser session. */
export const SESSION_READING_KEYS: readonly string[] = [
  'readerIds',
  'readerShown',
  'fetchProgress',
];

/** The storage.local keys to remove, of those stored. */
export function localKeysToForget(stored: readonly string[], settingsToo: boolean): string[] {
  return stored.filter(
    (key) => !SETUP_KEYS.includes(key) && (settingsToo || !SETTINGS_KEYS.includes(key)),
  );
}
