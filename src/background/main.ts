/**
 * Service worker entry. Every listener is registered synchronously at the top level so
 * that Chromium can wake the worker for it; no state lives only in memory.
 */
import { browser } from '../platform/api';
import { createRouter } from '../platform/messaging';
import { moveOldSiteMarks } from '../platform/site-marks';
import { ensureMigrated } from '../platform/storage';
import { registerContextMenus } from './context-menus';
import { registerCopySurfaces } from './copy-link';
import { handlers } from './handlers';
import { registerReaderOnError } from './reader-on-error';
import { registerTabBadgeListeners } from './tab-badge';
import { registerWelcome } from './welcome';

browser.runtime.onMessage.addListener(createRouter(handlers));
registerTabBadgeListeners();
registerReaderOnError();
registerContextMenus();
registerCopySurfaces();
registerWelcome();

browser.runtime.onInstalled.addListener(() => {
  void ensureMigrated();
  // Builds before this one kept per-site choices in storage.local (an update lands here).
  void moveOldSiteMarks().catch((error: unknown) => console.warn('site marks', error));
});
