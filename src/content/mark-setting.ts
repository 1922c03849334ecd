/**
 * Whether this page gets marks, as the content script sees it: the `markLinks` setting (a
 * storage.sync item) and the user's choice for this site, which only the background reads
 * (`askChoice`), read once, then followed (a nudge in storage.local says it changed).
 */
import { marksOn, SITE_MARKS_NUDGE } from '../core/privacy/site-marks';
import type { ContentApi } from './extension-api';

/** Calls `listener` with the current value, then with each change. */
export function watchMarkSetting(
  api: ContentApi,
  askChoice: () => Promise<boolean | null>,
  listener: (markLinks: boolean) => void,
): void {
  let current: boolean | undefined;
  let choice: boolean | null = null;
  let asked = 0;
  const stored: Record<string, unknown> = {};
  const changed = new Set<string>();
  const update = () => {
    const next = marksOn(choice, stored.markLinks);
    if (next === current) return;
    current = next;
    listener(next);
  };
  // The latest answer wins; the background restarting answers nothing: no choice then.
  const ask = () => {
    const mine = ++asked;
    return askChoice().then(
      (answer) => {
        if (mine === asked) choice = answer;
      },
      () => undefined,
    );
  };
  api.storage.onChanged.addListener((changes, area) => {
    if (area === 'sync' && 'markLinks' in changes) {
      stored.markLinks = changes.markLinks?.newValue;
      changed.add('markLinks');
      update();
    }
    if (area === 'local' && SITE_MARKS_NUDGE in changes) void ask().then(update);
  });
  Promise.all([api.storage.sync.get('markLinks'), ask()]).then(
    ([read]) => {
      // A change that arrived first is newer than this read.
      if (!changed.has('markLinks')) stored.markLinks = read.markLinks;
      update();
    },
    // Storage unreadable (extension reloading): the default applies.
    () => current === undefined && update(),
  );
}
