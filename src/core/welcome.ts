/** The welcome page: where it is, and when it opens by itself. */

export const WELCOME_PAGE = 'welcome.html';

/**
 * Only on a first install: not on an update of the extension or of the browser
 * (`chrome_update`, `shared_module_update`), and browser start fires no onInstalled at all.
 */
export function opensWelcome(reason: string): boolean {
  return reason === 'install';
}
