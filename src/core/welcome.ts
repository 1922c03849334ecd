/** The welcome page: where it is, and when it opens by itself. */

export const WELCOME_PAGE = 'welcome.html';

/** storage.local: when the welcome page opened by itself (this profile has seen it). */
export const WELCOME_SHOWN_KEY = 'welcomeShownAt';

/**
 * Only on a first install: not on an update of the extension or of the browser
 * (`chrome_update`, `shared_module_update`), and not when this profile saw it already —
 * Chromium reports `install` at every start for an extension loaded from the command line
 * (`--load-extension`, or `npm start`'s Extensions.loadUnpacked).
 */
export function opensWelcome(reason: string, shownBefore: boolean): boolean {
  return reason === 'install' && !shownBefore;
}
