/**
 * Where a copy job is shown: the toolbar popup, opened by `action.openPopup()` (Chromium
 * opens it from a menu click even when the button is not pinned: it shows the icon for it),
 * else a small extension window. Nothing is injected into the page, and no optional
 * permission is needed.
 */
import { COPY_QUERY } from '../core/copy/copy-job';
import { browser } from '../platform/api';
import { openPopupOn, popupPath } from './popup-on-tab';

export type CopySurface = 'popup' | 'window';

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
    await openPopupOn(tab, COPY_QUERY);
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
