/**
 * Whether this page gets marks, as the content script sees it: the `markLinks` setting (a
 * storage.sync item) and the user's choice for this site (storage.local, never synced),
 * read once, then followed.
 */
import { marksOn, SITE_MARKS_KEY } from '../core/privacy/site-marks';
import type { ContentApi } from './extension-api';

const WATCHED: Record<string, 'sync' | 'local'> = { markLinks: 'sync', [SITE_MARKS_KEY]: 'local' };

/** Calls `listener` with the current value for `host`, then with each change. */
export function watchMarkSetting(
  api: ContentApi,
  host: string,
  listener: (markLinks: boolean) => void,
): void {
  let current: boolean | undefined;
  const stored: Record<string, unknown> = {};
  const changed = new Set<string>();
  const update = () => {
    const next = marksOn(host, stored.markLinks, stored[SITE_MARKS_KEY]);
    if (next === current) return;
    current = next;
    listener(next);
  };
  api.storage.onChanged.addListener((changes, area) => {
    let relevant = false;
    for (const [key, where] of Object.entries(WATCHED)) {
      if (area !== where || !(key in changes)) continue;
      stored[key] = changes[key]?.newValue;
      changed.add(key);
      relevant = true;
    }
    if (relevant) update();
  });
  Promise.all([api.storage.sync.get('markLinks'), api.storage.local.get(SITE_MARKS_KEY)]).then(
    (reads) => {
      // A change that arrived first is newer than this read.
      for (const [key, value] of Object.entries(Object.assign({}, ...reads) as object)) {
        if (!changed.has(key)) stored[key] = value;
      }
      update();
    },
    // Storage unreadable (extension reloading): the default applies.
    () => current === undefined && update(),
  );
}
