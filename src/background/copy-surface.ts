/**
 * Where a copy job is shown: the toolbar popup, opened by `action.openPopup()` (Chromium
 * opens it from a menu click even when the button is not pinned: it shows the icon for it),
 * else a small extension window. Nothing is injected into the page, and no optional
 * permission is needed.
 */
import { COPY_QUERY } from '../core/copy/copy-job';
import { browser } from '../platform/api';

export type CopySurface = 'popup' | 'window';

function popupPath(): string {
  return browser.runtime.getManifest().action?.default_popup ?? 'src/popup/index.html';
}

/** Opens the popup of `tab`'s window on the copy job; the tab's usual popup is put back after. */
async function openPopup(tab: { id?: number; windowId?: number }): Promise<void> {
  const tabId = tab.id !== undefined && tab.id >= 0 ? tab.id : undefined;
  const usual = popupPath();
  // The popup has no arguments: a per-tab popup address carries "show the copy job".
  if (tabId !== undefined)
    await browser.action.setPopup({ tabId, popup: `${usual}?${COPY_QUERY}` });
  try {
    await browser.action.openPopup(tab.windowId !== undefined ? { windowId: tab.windowId } : {});
  } finally {
    if (tabId !== undefined) await browser.action.setPopup({ tabId, popup: usual });
  }
}

async function openWindow(): Promise<void> {
  await browser.windows.create({
    url: browser.runtime.getURL(`${popupPath()}?${COPY_QUERY}&window`),
    type: 'popup',
    width: 440,
    height: 560,
    focused: true,
  });
}

/** Shows the copy job to the user; which surface did, or null when neither could open. */
export async function openCopySurface(tab: {
  id?: number;
  windowId?: number;
}): Promise<CopySurface | null> {
  try {
    await openPopup(tab);
    return 'popup';
  } catch (error) {
    // No focused browser window, a browser without openPopup, or a popup already open elsewhere.
    console.warn('copy: popup', error);
  }
  try {
    await openWindow();
    return 'window';
  } catch (error) {
    console.warn('copy: window', error);
    return null;
  }
}
