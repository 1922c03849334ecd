/**
 * Per-tab state: link counts from the content script (shown as the toolbar badge), and the
 * blocked original a tab failed to load (its error page has no URL the popup may read).
 */
import type { PageLink } from '../core/messages';
import { browser } from '../platform/api';
import { getTabStates, updateTabStates } from '../platform/storage';

/** `links` undefined: the ones recorded last still hold. */
export async function recordLinks(
  tabId: number,
  url: string,
  count: number,
  links: PageLink[] | undefined,
): Promise<void> {
  await updateTabStates((tabs) => {
    tabs[tabId] = { linkCount: count, links: links ?? tabs[tabId]?.links ?? [], url };
  });
  await browser.action.setBadgeText({ tabId, text: count > 0 ? String(Math.min(count, 999)) : '' });
}

export async function recordFailedLoad(tabId: number, url: string): Promise<void> {
  await updateTabStates((tabs) => {
    tabs[tabId] = { linkCount: 0, links: [], url, failedUrl: url };
  });
}

export async function tabStatus(
  tabId: number,
): Promise<{ linkCount: number; links: PageLink[]; failedUrl?: string }> {
  const state = (await getTabStates())[tabId];
  return {
    linkCount: state?.linkCount ?? 0,
    links: state?.links ?? [],
    ...(state?.failedUrl ? { failedUrl: state.failedUrl } : {}),
  };
}

export function forgetTab(tabId: number): Promise<unknown> {
  return updateTabStates((tabs) => {
    delete tabs[tabId];
  });
}

/** Listeners are registered synchronously at the worker's top level (MV3 wakes it for them). */
export function registerTabBadgeListeners(): void {
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
  browser.webNavigation.onCommitted.addListener(({ tabId, frameId }) => {
    // A new document in the tab: its old count no longer applies (badge resets itself).
    if (frameId === 0) void forgetTab(tabId);
  });
}
