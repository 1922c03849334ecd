/** Opens the reader in a new tab beside the tab it was asked from. */
import { browser } from '../platform/api';
import { readerUrlFor } from '../platform/reader-address';

export interface OpenerTab {
  id?: number;
  index?: number;
  windowId?: number;
}

export async function openReaderTab(
  url: string,
  opener: OpenerTab | undefined,
  options: { share?: boolean } = {},
): Promise<void> {
  await browser.tabs.create({
    url: await readerUrlFor(url, options),
    ...(opener?.index !== undefined ? { index: opener.index + 1 } : {}),
    ...(opener?.windowId !== undefined ? { windowId: opener.windowId } : {}),
    ...(opener?.id !== undefined ? { openerTabId: opener.id } : {}),
  });
}
