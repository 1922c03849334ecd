/**
 * The toolbar popup opened by the extension itself (`action.openPopup()`) on a given screen:
 * the popup has no arguments, so a per-tab popup address carries the screen's query for the
 * time it takes to open, and the tab's usual popup is put back after.
 */
import { browser } from '../platform/api';

export function popupPath(): string {
  return browser.runtime.getManifest().action?.default_popup ?? 'src/popup/index.html';
}

export async function openPopupOn(
  tab: { id?: number; windowId?: number },
  query: string,
): Promise<void> {
  const tabId = tab.id !== undefined && tab.id >= 0 ? tab.id : undefined;
  const usual = popupPath();
  if (tabId !== undefined) await browser.action.setPopup({ tabId, popup: `${usual}?${query}` });
  try {
    await browser.action.openPopup(tab.windowId !== undefined ? { windowId: tab.windowId } : {});
  } finally {
    if (tabId !== undefined) await browser.action.setPopup({ tabId, popup: usual });
  }
}
