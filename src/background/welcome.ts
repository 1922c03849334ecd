/** Opens the welcome page when runtime.onInstalled says this is a first install. */
import { opensWelcome, WELCOME_PAGE } from '../core/welcome';
import { browser } from '../platform/api';

export async function onInstalled(
  details: { reason: string },
  openTab: (url: string) => Promise<unknown> = (url) => browser.tabs.create({ url }),
): Promise<void> {
  if (!opensWelcome(details.reason)) return;
  await openTab(browser.runtime.getURL(WELCOME_PAGE));
}

/** Registered synchronously at the worker's top level. */
export function registerWelcome(): void {
  browser.runtime.onInstalled.addListener((details) => void onInstalled(details));
}
