/**
 * A clean article, extracted from a mirror page (see `extract/extract-article.ts`).
 *
 * The body's internal form is `bodyHtml`: sanitized HTML made only of allowlisted tags and
 * attributes (see `extract/sanitize.ts`). It is produced where a DOM exists (popup, reader,
 * a jsdom window in Node) and rendered by one UI component; the service worker never builds it.
 */

export interface ArticleImage {
  /** An http(s) URL. */
  src: string;
  alt: string;
  /** Plain text; '' when the page gives none. */
  caption: string;
}

/** What a page lacked, so the UI can say so. */
export type ArticlePart = 'title' | 'hero' | 'body' | 'originalUrl' | 'mirrorUrl' | 'published';

export interface Article {
  /** The page's `###` line; derived from the first heading or paragraph when it has none. */
  title: string;
  /** Source id (`epochtimes.com`, …) of the original URL, null when no source matches it. */
  source: string | null;
  /** `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm` when the page says (dateline, byline, original URL). */
  published: string | null;
  hero: ArticleImage | null;
  /** Sanitized, allowlisted HTML: paragraphs, headings, figures, quotes, lists, links, audio. */
  bodyHtml: string;
  /** Inline images of the body (the hero excepted), in order, with their captions. */
  images: ArticleImage[];
  /** The original this page mirrors (the `原文地址` line). */
  originalUrl: string | null;
  /** The page on github.com (the share block's link, or computed from its location). */
  mirrorUrl: string | null;
  missing: ArticlePart[];
}
