/**
 * Opens an article asked for from a tab (menus, marks): the reader in a new tab beside it.
 * From an incognito tab the reader cannot open there (an extension page of a spanning
 * extension loads only in normal windows): the article shows in the toolbar popup over that
 * tab, or, when the popup cannot open, in a reader tab flagged to keep nothing.
 */
import { INCOGNITO_FLAG } from '../core/pages/reader-url';
import { browser } from '../platform/api';
import { readerUrlFor, rememberUrl } from '../platform/reader-address';
import { openPopupOn } from './popup-on-tab';

export interface OpenerTab {
  id?: number;
  index?: number;
  windowId?: number;
  incognito?: boolean;
}

export async function openReaderTab(
  url: string,
  opener: OpenerTab | undefined,
  options: { share?: boolean } = {},
): Promise<void> {
  if (opener?.incognito) {
    if (await openIncognitoPopup(url, opener)) return;
    await browser.tabs.create({ url: await readerUrlFor(url, { ...options, incognito: true }) });
    return;
  }
  await browser.tabs.create({
    url: await readerUrlFor(url, options),
    ...(opener?.index !== undefined ? { index: opener.index + 1 } : {}),
    ...(opener?.windowId !== undefined ? { windowId: opener.windowId } : {}),
    ...(opener?.id !== undefined ? { openerTabId: opener.id } : {}),
  });
}

/**
 * The popup over an incognito `tab` on the article (its QR code above it), keeping nothing;
 * whether it opened.
 */
export async function openIncognitoPopup(url: string, tab: OpenerTab): Promise<boolean> {
  try {
    await openPopupOn(tab, `id=${await rememberUrl(url)}&${INCOGNITO_FLAG}`);
    return true;
  } catch (error) {
    // No focused window, or a popup already open elsewhere.
    console.warn('open: popup', error);
    return false;
  }
}
