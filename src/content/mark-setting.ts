/** The `markLinks` setting as the content script sees it: read once, then followed. */
import { markLinksOf } from '../core/settings';
import type { ContentApi } from './extension-api';

/** Calls `listener` with the current value, then with each change. */
export function watchMarkSetting(api: ContentApi, listener: (markLinks: boolean) => void): void {
  let current: boolean | undefined;
  const update = (raw: unknown) => {
    const next = markLinksOf(raw);
    if (next === current) return;
    current = next;
    listener(next);
  };
  api.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes.settings) update(changes.settings.newValue);
  });
  api.storage.local.get('settings').then(
    ({ settings }) => {
      // A change that arrived first is newer than this read.
      if (current === undefined) update(settings);
    },
    // Storage unreadable (extension reloading): the default applies.
    () => current === undefined && update(undefined),
  );
}
