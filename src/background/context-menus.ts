/**
 * Context menus on links to mirrorable originals (and mirror pages), and on such pages
 * themselves: copy the mirror link, open the reader, show the QR code (the reader's share
 * panel). Chrome filters by URL pattern (generated from the sources); the click handler
 * still runs the real matcher through the mirror client.
 *
 * Created idempotently: menus outlive the worker, so a second `create` of an id fails with
 * "Cannot create item with duplicate id" after every restart unless all are removed first.
 */
import { mirrorUrlPatterns, originalUrlPatterns } from '../core/match/context-menu-patterns';
import { builtinSources } from '../core/sources/builtin';
import { CUSTOM_SOURCE_PREFIX } from '../core/sources/custom';
import type { Source } from '../core/sources/types';
import { getActiveSources } from '../platform/settings-store';
import { copyMirrorLink } from './copy-link';
import { openReaderTab } from './open-reader';

export const MENU_ACTIONS = ['copy-mirror-link', 'open-in-reader', 'show-qr'] as const;
export type MenuAction = (typeof MENU_ACTIONS)[number];

/** Where an item shows: on a link (its target) or on the page (the document's own URL). */
export type MenuPlace = 'link' | 'page';

const TITLE_KEYS: Record<MenuAction, string> = {
  'copy-mirror-link': 'menuCopyMirrorLink',
  'open-in-reader': 'menuOpenInReader',
  'show-qr': 'menuShowQr',
};

/** Item ids are `<action>@<place>`: Chrome needs one id per item. */
export function menuId(action: MenuAction, place: MenuPlace): string {
  return `${action}@${place}`;
}

export function parseMenuId(id: string | number): { action: MenuAction; place: MenuPlace } | null {
  const [action, place] = String(id).split('@');
  if (!MENU_ACTIONS.includes(action as MenuAction)) return null;
  if (place !== 'link' && place !== 'page') return null;
  return { action: action as MenuAction, place };
}

/** Every item to create, titles from `_locales`. */
export function menuItems(
  getMessage: (key: string) => string,
  sources: readonly Source[] = builtinSources,
): chrome.contextMenus.CreateProperties[] {
  const patterns = [...originalUrlPatterns(sources), ...mirrorUrlPatterns(sources)];
  return (['link', 'page'] as const).flatMap((place) =>
    MENU_ACTIONS.map((action) => ({
      id: menuId(action, place),
      title: getMessage(TITLE_KEYS[action]),
      contexts: [place],
      ...(place === 'link' ? { targetUrlPatterns: patterns } : { documentUrlPatterns: patterns }),
    })),
  );
}

function removeAll(): Promise<void> {
  return new Promise((resolve) => chrome.contextMenus.removeAll(() => resolve()));
}

function create(item: chrome.contextMenus.CreateProperties): Promise<void> {
  return new Promise((resolve) => {
    chrome.contextMenus.create(item, () => {
      // Reading lastError marks it handled; a duplicate means the item is there already.
      const error = chrome.runtime.lastError;
      if (error && !/duplicate/i.test(error.message ?? '')) {
        console.warn(`context menu ${item.id}: ${error.message}`);
      }
      resolve();
    });
  });
}

let setup: Promise<void> = Promise.resolve();

/** Removes every item, then creates ours; calls are serialized, so running it twice is safe. */
export function createContextMenus(): Promise<void> {
  setup = setup
    .then(async () => {
      // The user's own sources get the menus too; unreadable settings leave the built-in ones.
      const sources = await getActiveSources().catch(() => builtinSources);
      await removeAll();
      // Calls run in order; no need to wait for one callback before the next create.
      await Promise.all(menuItems((key) => chrome.i18n.getMessage(key), sources).map(create));
    })
    .catch((error: unknown) => console.warn('context menus', error));
  return setup;
}

/**
 * The `contextMenus.onClicked` listener. End-to-end tests reach it through
 * `chrome.contextMenus.onClicked.dispatch(info, tab)` in the worker (Playwright cannot click
 * native menus); it resolves once the action is done.
 */
export async function onMenuClick(
  info: chrome.contextMenus.OnClickData,
  tab?: chrome.tabs.Tab,
): Promise<void> {
  const item = parseMenuId(info.menuItemId);
  if (!item) return;
  const url = item.place === 'link' ? info.linkUrl : (info.pageUrl ?? tab?.url);
  if (!url) return;
  if (item.action === 'copy-mirror-link') {
    await copyMirrorLink(url, tab);
    return;
  }
  await openReaderTab(url, tab, { share: item.action === 'show-qr' });
}

/** Registered synchronously at the worker's top level. */
export function registerContextMenus(): void {
  chrome.contextMenus.onClicked.addListener((info, tab) => void onMenuClick(info, tab));
  // Menus persist in Chromium, but are rebuilt on install and update (titles, patterns may
  // have changed) and at browser start (Firefox's event pages do not keep them).
  chrome.runtime.onInstalled.addListener(() => void createContextMenus());
  chrome.runtime.onStartup.addListener(() => void createContextMenus());
  // A source added, removed, switched on or off changes which links get the menus.
  chrome.storage.onChanged.addListener((changes, area) => {
    const keys = Object.keys(changes);
    if (
      area === 'sync' &&
      keys.some((k) => k === 'disabledSources' || k.startsWith(CUSTOM_SOURCE_PREFIX))
    )
      void createContextMenus();
  });
}
