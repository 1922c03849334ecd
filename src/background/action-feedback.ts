/**
 * Visible answers to a context-menu action on the toolbar button of the tab it came from:
 * "…" while the mirror is looked up, a green "✓" flash on success, a red "!" with the reason
 * in the tooltip on failure. Afterwards the badge shows the tab's link count again.
 */
import { browser } from '../platform/api';
import { tabStatus } from './tab-badge';

export const SUCCESS_MS = 2_000;
export const FAILURE_MS = 8_000;

const GREEN = '#1a7f4b';
const RED = '#c62828';
const GREY = '#5f6368';

// The latest feedback per tab, so that an older timer does not undo a newer one. Losing it
// with the worker costs nothing: the flash is over by then.
const latest = new Map<number, number>();
let counter = 0;

function title(detail: string): string {
  return `${browser.i18n.getMessage('extName')} — ${detail}`;
}

async function show(tabId: number, text: string, color: string, tooltip: string): Promise<number> {
  const id = ++counter;
  latest.set(tabId, id);
  await Promise.all([
    browser.action.setBadgeBackgroundColor({ tabId, color }),
    browser.action.setBadgeText({ tabId, text }),
    browser.action.setTitle({ tabId, title: tooltip }),
  ]);
  return id;
}

/** The tab's link count, as tab-badge shows it, in the badge's usual colour. */
async function restore(tabId: number, id: number, keepTitle: boolean): Promise<void> {
  if (latest.get(tabId) !== id) return;
  latest.delete(tabId);
  const { linkCount } = await tabStatus(tabId);
  const color = await browser.action.getBadgeBackgroundColor({});
  await Promise.all([
    browser.action.setBadgeBackgroundColor({ tabId, color }),
    browser.action.setBadgeText({
      tabId,
      text: linkCount > 0 ? String(Math.min(linkCount, 999)) : '',
    }),
    keepTitle
      ? undefined
      : browser.action.setTitle({ tabId, title: browser.i18n.getMessage('actionTitle') }),
  ]);
}

function later(tabId: number, id: number, ms: number, keepTitle: boolean): void {
  setTimeout(() => void restore(tabId, id, keepTitle).catch(() => undefined), ms);
}

export async function showWorking(tabId: number): Promise<void> {
  await show(tabId, '…', GREY, title(browser.i18n.getMessage('copyWorking')));
}

export async function showCopied(tabId: number, mirrorUrl: string): Promise<void> {
  const id = await show(tabId, '✓', GREEN, title(browser.i18n.getMessage('copyDone', [mirrorUrl])));
  later(tabId, id, SUCCESS_MS, false);
}

/** The reason stays in the tooltip until the next action or navigation; the "!" goes away. */
export async function showFailed(tabId: number, reason: string): Promise<void> {
  const id = await show(tabId, '!', RED, title(browser.i18n.getMessage('copyFailed', [reason])));
  later(tabId, id, FAILURE_MS, true);
}

/** Back to the tab's usual badge at once (the copy was cancelled). */
export async function clearFeedback(tabId: number): Promise<void> {
  const id = ++counter;
  latest.set(tabId, id);
  await restore(tabId, id, false);
}
