/** The user's per-site choice of marks on links, in storage.local (never synced). */
import { marksOn, SITE_MARKS_KEY, siteMarksOf } from '../core/privacy/site-marks';
import { browser } from './api';

export async function marksOnSite(host: string): Promise<boolean> {
  const [{ markLinks }, local] = await Promise.all([
    browser.storage.sync.get('markLinks'),
    browser.storage.local.get(SITE_MARKS_KEY),
  ]);
  return marksOn(host, markLinks, local[SITE_MARKS_KEY]);
}

export async function setSiteMarks(host: string, on: boolean): Promise<void> {
  const items = await browser.storage.local.get(SITE_MARKS_KEY);
  const marks = siteMarksOf(items[SITE_MARKS_KEY]);
  marks[host.toLowerCase()] = on;
  await browser.storage.local.set({ [SITE_MARKS_KEY]: marks });
}
