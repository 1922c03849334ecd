/** The `markLinks` setting as the content script sees it: read once, then followed. */
import { markLinksOf } from '../core/settings/schema';
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
    if (area === 'sync' && changes.markLinks) update(changes.markLinks.newValue);
  });
  api.storage.sync.get('markLinks').then(
    ({ markLinks }) => {
      // A change that arrived first is newer than this read.
      if (current === undefined) update(markLinks);
    },
    // Storage unreadable (extension reloading): the default applies.
    () => current === undefined && update(undefined),
  );
}
