/**
 * The URL rules this page's links are matched with (content-rules.ts): read once from
 * `storage.sync` when the page loads, then followed, so that a source added or switched off
 * in the options applies to open pages at once. Storage is the extension's own: the page
 * sees no read, no listener and no message. Only sync changes are listened to (most writes
 * go to local storage), and only changes of the rules' items lead to a new scan.
 */
import { builtinUrlRules } from '../core/sources/builtin-url-rules';
import { contentUrlRules, isRulesItem } from '../core/sources/content-rules';
import type { UrlRules } from '../core/sources/types';
import type { ContentApi, StorageChange } from './extension-api';

/** Calls `listener` with the rules once they are read, then after each change of them. */
export function watchSourceRules(
  api: ContentApi,
  listener: (rules: readonly UrlRules[]) => void,
): void {
  const items: Record<string, unknown> = {};
  const changed = new Set<string>();
  let current: string | undefined;
  const update = () => {
    const rules = contentUrlRules(items, builtinUrlRules);
    const id = rules === builtinUrlRules ? '' : JSON.stringify(rules);
    if (id === current) return;
    current = id;
    listener(rules);
  };
  const onChanged = (changes: Record<string, StorageChange>) => {
    let relevant = false;
    for (const key of Object.keys(changes)) {
      if (!isRulesItem(key)) continue;
      const value = changes[key]?.newValue;
      if (value === undefined) delete items[key];
      else items[key] = value;
      changed.add(key);
      relevant = true;
    }
    // Before the first read, a change is kept for it; after it, it means a new scan.
    if (relevant && current !== undefined) update();
  };
  const { sync } = api.storage;
  if (sync.onChanged) sync.onChanged.addListener(onChanged);
  else api.storage.onChanged.addListener((changes, area) => area === 'sync' && onChanged(changes));
  sync.get(null).then(
    (all) => {
      // A change that arrived first is newer than this read.
      for (const key of Object.keys(all)) {
        if (isRulesItem(key) && !changed.has(key)) items[key] = all[key];
      }
      update();
    },
    // Storage unreadable (extension reloading): the built-in rules apply.
    update,
  );
}
