/**
 * The user's per-site choice of marks on links, in a cache of its own in Cache Storage (see
 * core/privacy/site-marks): read by extension pages and by the background for content
 * scripts, changed under a lock, and a nudge in storage.local tells open pages.
 */
import {
  marksOn,
  SITE_MARKS_KEY,
  SITE_MARKS_NUDGE,
  siteChoice,
  siteMarksOf,
  type SiteMarks,
} from '../core/privacy/site-marks';
import { browser } from './api';
import { readEntry, writeEntry } from './cache-storage';
import { withLock } from './locks';

export const SITE_MARKS_CACHE = 'site-marks';

async function readMarks(): Promise<SiteMarks> {
  const stored = await readEntry(SITE_MARKS_CACHE, '');
  return siteMarksOf(stored ? await stored.json().catch(() => ({})) : {});
}

async function writeMarks(marks: SiteMarks): Promise<void> {
  await writeEntry(SITE_MARKS_CACHE, '', JSON.stringify(marks));
}

/** The user's choice for `host`, or null when there is none. */
export async function siteMarksChoice(host: string): Promise<boolean | null> {
  return siteChoice(host, await readMarks());
}

export async function marksOnSite(host: string): Promise<boolean> {
  const [{ markLinks }, choice] = await Promise.all([
    browser.storage.sync.get('markLinks'),
    siteMarksChoice(host),
  ]);
  return marksOn(choice, markLinks);
}

export async function setSiteMarks(host: string, on: boolean): Promise<void> {
  await withLock('mirror-reader-site-marks', async () => {
    const marks = await readMarks();
    marks[host.toLowerCase()] = on;
    await writeMarks(marks);
  });
  await browser.storage.local.set({ [SITE_MARKS_NUDGE]: Date.now() });
}

/** Moves the choices an earlier build kept in storage.local (once; nothing stays there). */
export async function moveOldSiteMarks(): Promise<void> {
  const { [SITE_MARKS_KEY]: old } = await browser.storage.local.get(SITE_MARKS_KEY);
  if (old === undefined) return;
  await withLock('mirror-reader-site-marks', async () => {
    await writeMarks({ ...siteMarksOf(old), ...(await readMarks()) });
  });
  await browser.storage.local.remove(SITE_MARKS_KEY);
}
