/**
 * The few WebExtension APIs the content script uses, typed narrowly. No polyfill (size):
 * Chromium's `chrome.*` returns promises in MV3, Firefox has `browser.*`.
 */

interface StorageChange {
  newValue?: unknown;
}

export interface ContentApi {
  storage: {
    sync: { get(key: string): Promise<Record<string, unknown>> };
    onChanged: {
      addListener(listener: (changes: Record<string, StorageChange>, area: string) => void): void;
    };
  };
  i18n: { getMessage(name: string): string };
}

export function contentApi(): ContentApi {
  const g = globalThis as { browser?: ContentApi; chrome?: ContentApi };
  const api = g.browser ?? g.chrome;
  if (!api) throw new Error('No WebExtension API in this context');
  return api;
}
