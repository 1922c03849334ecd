/** Opens the welcome page when runtime.onInstalled says this is a first install. */
import { opensWelcome, WELCOME_PAGE, WELCOME_SHOWN_KEY } from '../core/welcome';
import { browser } from '../platform/api';

export interface WelcomeDeps {
  openTab(url: string): Promise<unknown>;
  local: {
    get(key: string): Promise<Record<string, unknown>>;
    set(items: Record<string, unknown>): Promise<void>;
  };
}

const defaults = (): WelcomeDeps => ({
  openTab: (url) => browser.tabs.create({ url }),
  local: browser.storage.local,
});

export async function onInstalled(
  details: { reason: string },
  deps: WelcomeDeps = defaults(),
): Promise<void> {
  if (details.reason !== 'install') return;
  const shown = (await deps.local.get(WELCOME_SHOWN_KEY))[WELCOME_SHOWN_KEY] !== undefined;
  if (!opensWelcome(details.reason, shown)) return;
  await deps.local.set({ [WELCOME_SHOWN_KEY]: Date.now() });
  await deps.openTab(browser.runtime.getURL(WELCOME_PAGE));
}

/** Registered synchronously at the worker's top level. */
export function registerWelcome(): void {
  browser.runtime.onInstalled.addListener((details) => void onInstalled(details));
}
