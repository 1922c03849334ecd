/**
 * When a tab's own navigation to a blocked original fails, show the article in the reader
 * in that tab (or offer it, as the settings say). No loop on Back: a failure right after the
 * tab showed the reader for the same URL is the user leaving the reader, not a new click.
 */
import type { Tabs } from 'webextension-polyfill';
import { matchUrl } from '../core/match/match';
import { isBlockedMainFrameLoad } from '../core/pages/navigation-errors';
import { browser } from '../platform/api';
import { getActiveSources } from '../platform/settings-store';
import { articleOfReader, readerUrlFor } from '../platform/reader-address';
import { getSettings } from '../platform/storage';
import { openIncognitoPopup } from './open-reader';
import { recordFailedLoad } from './tab-badge';

const SHOWN_KEY = 'readerShown';
const NOTIFICATION_PREFIX = 'reader:';

async function shownReaders(): Promise<Record<string, string>> {
  const { [SHOWN_KEY]: shown } = await browser.storage.session.get(SHOWN_KEY);
  return (typeof shown === 'object' && shown !== null ? shown : {}) as Record<string, string>;
}

async function setShownReader(tabId: number, url: string | undefined): Promise<void> {
  const shown = await shownReaders();
  if (url === undefined) delete shown[tabId];
  else shown[tabId] = url;
  await browser.storage.session.set({ [SHOWN_KEY]: shown });
}

/**
 * The reader in the tab's place: the popup over an incognito tab (an extension page of a
 * spanning extension cannot load there), nothing when the user just went Back from the
 * reader to this original (they chose to try it).
 */
async function readerInstead(tab: Tabs.Tab | undefined, tabId: number, url: string) {
  if (tab?.incognito) {
    await openIncognitoPopup(url, tab).catch(() => false);
    return;
  }
  if ((await shownReaders())[tabId] === url) return;
  await browser.tabs.update(tabId, { url: await readerUrlFor(url) });
}

async function onErrorOccurred(details: Parameters<typeof isBlockedMainFrameLoad>[0]) {
  if (!isBlockedMainFrameLoad(details)) return;
  if (!matchUrl(details.url, await getActiveSources().catch(() => undefined))) return;
  await recordFailedLoad(details.tabId, details.url);
  const tab = await browser.tabs.get(details.tabId).catch(() => undefined);
  const { readerOnError } = await getSettings();
  // 'instant' lands here only when the original failed before the reader could take its place.
  if (readerOnError === 'auto' || readerOnError === 'instant') {
    await readerInstead(tab, details.tabId, details.url);
    return;
  }
  if (readerOnError !== 'notify' || !browser.notifications || tab?.incognito) return;
  if ((await shownReaders())[details.tabId] === details.url) return;
  await browser.notifications.create(`${NOTIFICATION_PREFIX}${details.tabId}:${details.url}`, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('icons/icon-128.png'),
    title: browser.i18n.getMessage('notifyBlockedTitle'),
    message: browser.i18n.getMessage('notifyBlockedMessage'),
  });
}

/**
 * "Open the reader at once": the tab goes to the reader before the original's page commits,
 * so no time is lost on a load that fails (blocked hosts often hang), and no entry of the
 * original is made in the tab's history, in tab restore or in the browser's history.
 */
async function onBeforeNavigate(details: { tabId: number; frameId: number; url: string }) {
  if (details.tabId < 0 || details.frameId !== 0) return;
  const { readerOnError } = await getSettings();
  if (readerOnError !== 'instant') return;
  if (!matchUrl(details.url, await getActiveSources().catch(() => undefined))) return;
  const tab = await browser.tabs.get(details.tabId).catch(() => undefined);
  await readerInstead(tab, details.tabId, details.url);
}

async function onCommitted(details: { tabId: number; frameId: number; url: string }) {
  if (details.frameId !== 0) return;
  // The tab now shows the reader for this URL, or something else (which ends the guard).
  await setShownReader(details.tabId, (await articleOfReader(details.url)) ?? undefined);
}

async function onNotificationClicked(id: string) {
  if (!id.startsWith(NOTIFICATION_PREFIX)) return;
  const rest = id.slice(NOTIFICATION_PREFIX.length);
  const colon = rest.indexOf(':');
  const tabId = Number(rest.slice(0, colon));
  const url = rest.slice(colon + 1);
  await browser.tabs.update(tabId, { url: await readerUrlFor(url) });
  await browser.notifications.clear(id);
}

const onClicked = (id: string) => void onNotificationClicked(id);

export function registerReaderOnError(): void {
  browser.webNavigation.onBeforeNavigate.addListener((details) => void onBeforeNavigate(details));
  browser.webNavigation.onErrorOccurred.addListener((details) => void onErrorOccurred(details));
  browser.webNavigation.onCommitted.addListener((details) => void onCommitted(details));
  // notifications is optional: its events exist only once the user granted it, which may
  // happen while this worker runs.
  const listenToNotifications = () => {
    if (browser.notifications && !browser.notifications.onClicked.hasListener(onClicked)) {
      browser.notifications.onClicked.addListener(onClicked);
    }
  };
  listenToNotifications();
  browser.permissions.onAdded.addListener(listenToNotifications);
}
