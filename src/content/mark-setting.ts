/**
 * Whether this page gets marks, as the content script sees it: the `markLinks` setting and
 * the user's choice for this site, read once, then followed.
 */
import { marksOn, SITE_MARKS_KEY } from '../core/privacy/site-marks';
import type { ContentApi } from './extension-api';

/** Calls `listener` with the current value for `host`, then with each change. */
export function watchMarkSetting(
  api: ContentApi,
  host: string,
  listener: (markLinks: boolean) => void,
): void {
  let current: boolean | undefined;
  const stored: Record<string, unknown> = {};
  const update = () => {
    const next = marksOn(host, stored.settings, stored[SITE_MARKS_KEY]);
    if (next === current) return;
    current = next;
    listener(next);
  };
  const changed = new Set<string>();
  api.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    let relevant = false;
    for (const key of ['settings', SITE_MARKS_KEY]) {
      if (!(key in changes)) continue;
      stored[key] = changes[key]?.newValue;
      changed.add(key);
      relevant = true;
    }
    if (relevant) update();
  });
  api.storage.local.get(['settings', SITE_MARKS_KEY]).then(
    (items) => {
      // A change that arrived first is newer than this read.
      for (const [key, value] of Object.entries(items)) if (!changed.has(key)) stored[key] = value;
      update();
    },
    // Storage unreadable (extension reloading): the default applies.
    () => current === undefined && update(),
  );
}
