/**
 * An article for the popup and the reader: from the library when it is saved there (no
 * network at all), else fetched by the background, extracted here (this page has a DOM) and
 * kept in the library unless the tab is incognito or the user keeps nothing.
 */
import type { Article } from '../core/article';
import { extractArticle } from '../core/extract/extract-article';
import type { FetchedPage } from '../core/messages';
import type { Source } from '../core/sources/types';
import { browser } from '../platform/api';
import { findArticleByUrl, keepArticle, touchArticle } from '../platform/library/library-db';
import { send } from '../platform/messaging';
import { getActiveSources, getSettings } from '../platform/settings-store';

export interface LoadedArticle {
  page: FetchedPage;
  article: Article;
  /** When it comes from the library: when it was first kept. */
  savedAt?: number;
  sources: Source[];
}

export async function loadArticle(
  url: string,
  opts: { incognito?: boolean } = {},
): Promise<LoadedArticle> {
  const sources = await getActiveSources().catch(() => [] as Source[]);
  const saved = await findArticleByUrl(url).catch(() => undefined);
  if (saved) {
    const page: FetchedPage = {
      location: saved.location,
      mirrorUrl: saved.mirrorUrl,
      text: saved.text,
      endpoint: 'library',
      fromCache: true,
    };
    // Read for an incognito tab, it is not even moved to the top.
    if (!opts.incognito) void touchArticle(saved.id).catch(() => undefined);
    const article = extractArticle(saved.text, window, { location: saved.location, sources });
    return { page, article, savedAt: saved.savedAt, sources };
  }
  // For an incognito tab the background stores nothing of the fetch either.
  const page = await send('fetchArticle', { url, ...(opts.incognito && { incognito: true }) });
  const article = extractArticle(page.text, window, { location: page.location, sources });
  // Kept before it is shown: a tab closed at once after the article appeared loses nothing.
  // One retry (a connection closed under it); a library that cannot be written (disk full)
  // costs only the keeping.
  await keep(url, page, article, opts.incognito === true)
    .catch(() => keep(url, page, article, opts.incognito === true))
    .catch((error: unknown) => console.warn('library: not kept', error));
  return { page, article, sources };
}

/** Whether this page is shown for an incognito tab: the reader's own tab, the popup's. */
async function incognito(asked: boolean): Promise<boolean> {
  if (asked) return true;
  if (browser.extension.inIncognitoContext) return true;
  const own = await browser.tabs.getCurrent();
  if (own) return own.incognito;
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active?.incognito ?? false;
}

async function keep(
  url: string,
  page: FetchedPage,
  article: Article,
  incognitoTab: boolean,
): Promise<void> {
  const settings = await getSettings();
  await keepArticle(
    {
      url,
      location: page.location,
      mirrorUrl: page.mirrorUrl,
      text: page.text,
      title: article.title,
      source: article.source,
      published: article.published,
      originalUrl: article.originalUrl,
    },
    {
      incognito: await incognito(incognitoTab),
      keepLibrary: settings.keepLibrary,
      limit: settings.libraryLimit,
    },
  );
}
