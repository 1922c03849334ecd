/**
 * The few WebExtension APIs the content script uses, typed narrowly. No polyfill (size):
 * Chromium's `chrome.*` returns promises in MV3, Firefox has `browser.*`.
 */

export interface StorageChange {
  newValue?: unknown;
}

type ChangeEvent<L> = { addListener(listener: L): void };

export interface ContentApi {
  storage: {
    sync: {
      /** `null`: every item. */
      get(key: string | null): Promise<Record<string, unknown>>;
      /** One area's changes only (Chromium 73, Firefox 101). */
      onChanged?: ChangeEvent<(changes: Record<string, StorageChange>) => void>;
    };
    onChanged: ChangeEvent<(changes: Record<string, StorageChange>, area: string) => void>;
  };
  i18n: { getMessage(name: string): string };
}

export function contentApi(): ContentApi {
  const g = globalThis as { browser?: ContentApi; chrome?: ContentApi };
  const api = g.browser ?? g.chrome;
  if (!api) throw new Error('No WebExtension API in this context');
  return api;
}
