/**
 * Service worker entry. Every listener is registered synchronously at the top level so
 * that Chromium can wake the worker for it; no state lives only in memory.
 */
import { browser } from '../platform/api';
import { createRouter } from '../platform/messaging';
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
});
