/** The background's answers to every message in the contract. */
import type { Handlers } from '../platform/messaging';
import { browser } from '../platform/api';
import { ARTICLE_ARRIVED_KEY, getSettings } from '../platform/storage';
import { MAX_REPORTED_LINKS, type PageLink } from '../core/messages';
import { matchUrl } from '../core/match/match';
import type { Source } from '../core/sources/types';
import { getActiveSources } from '../platform/settings-store';
import { articleOfReader } from '../platform/reader-address';
import { copyMirrorLink } from './copy-link';
import { forgetEverything } from './forget';
import { mirrorClient, readingMode } from './mirror-service';
import { openReaderTab } from './open-reader';
import { recordLinks, tabStatus } from './tab-badge';
import { siteOf } from '../core/privacy/site-marks';
import { siteMarksChoice } from '../platform/site-marks';

function badRequest(message: string): Error {
  return Object.assign(new Error(message), { code: 'bad-request' });
}

/** A page's content script is not trusted: keep only real originals, with bounded titles. */
function validLinks(links: unknown, sources: readonly Source[]): PageLink[] {
  if (!Array.isArray(links)) return [];
  const valid: PageLink[] = [];
  for (const link of links.slice(0, MAX_REPORTED_LINKS) as Partial<PageLink>[]) {
    if (typeof link?.url !== 'string' || matchUrl(link.url, sources) === null) continue;
    const title = typeof link.title === 'string' ? link.title.trim().slice(0, 200) : '';
    valid.push({ url: link.url, title });
  }
  return valid;
}

export const handlers: Handlers = {
  async ping() {
    return { version: browser.runtime.getManifest().version };
  },
  async contentReport({ count, links }, sender) {
    if (sender.tabId === undefined) throw badRequest('contentReport comes from a tab');
    if (!Number.isInteger(count) || count < 0) throw badRequest('count must be a whole number');
    const listed = links === undefined ? undefined : validLinks(links, await getActiveSources());
    await recordLinks(sender.tabId, sender.url ?? '', count, listed);
    return { ok: true };
  },
  async tabStatus({ tabId }) {
    if (!Number.isInteger(tabId)) throw badRequest('tabId must be a whole number');
    return tabStatus(tabId);
  },
  async fetchArticle({ url, incognito }, sender) {
    if (typeof url !== 'string') throw badRequest('url must be a string');
    const mode = await readingMode(sender.incognito || incognito === true);
    const { fetchDeadlineMs } = await getSettings();
    return (await mirrorClient(mode)).fetchArticle(url, {
      deadlineMs: fetchDeadlineMs,
      // A page still showing the deadline's error fetches again (from the cache) on this.
      onLateAnswer: () =>
        void browser.storage.session.set({ [ARTICLE_ARRIVED_KEY]: { url, at: Date.now() } }),
    });
  },
  async resolveMirror({ url, incognito }, sender) {
    if (typeof url !== 'string') throw badRequest('url must be a string');
    const mode = await readingMode(sender.incognito || incognito === true);
    const { location, mirrorUrl } = await (await mirrorClient(mode)).resolve(url);
    return { location, mirrorUrl };
  },
  async pageArticle({ address }) {
    if (typeof address !== 'string') throw badRequest('address must be a string');
    // A private reader's opaque id maps to its article for this browser session only.
    // Callers check the answer is an article.
    return { url: (await articleOfReader(address)) ?? null };
  },
  async siteMarks(_request, sender) {
    const site = siteOf(sender.url ?? '');
    return { choice: site ? await siteMarksChoice(site) : null };
  },
  async openReader({ url }, sender) {
    // From a content script on any page: only a real original, next to the sender's tab.
    if (typeof url !== 'string' || matchUrl(url, await getActiveSources()) === null)
      throw badRequest('not an original');
    if (sender.tabId === undefined) throw badRequest('openReader comes from a tab');
    await openReaderTab(url, await browser.tabs.get(sender.tabId));
    return { ok: true };
  },
  async copyMirrorLink({ url }) {
    if (typeof url !== 'string') throw badRequest('url must be a string');
    // The copy screen that asked shows the job as it goes.
    void copyMirrorLink(url);
    return { ok: true };
  },
  async forgetEverything({ settings }) {
    return { removed: await forgetEverything({ settings: settings === true }) };
  },
};
