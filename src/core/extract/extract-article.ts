/**
 * A mirror page's text → a clean, safe Article.
 *
 *   markdown-lines  title, share block, 原文地址, navigation/promotion lines, template footer
 *   html-parse      the article HTML → a lightweight tree (no DOM: fast, no stack growth)
 *   dom-clean       scripts, embeds, forms, hidden parts, ads, pixels, QR, site widgets
 *   hero            the hero figure and every image's caption
 *   render-body     the body written anew: paragraphs, headings, figures, quotes, lists, links
 *   sanitize        DOMPurify with an allowlist, in the DOM of the window given
 *
 * The DOM is injected: the popup and reader pass their window, Node a jsdom window. The body's
 * internal form is the sanitized HTML string `bodyHtml`.
 */
import type { Article, ArticlePart } from '../article';
import { blobUrl } from '../fetch/endpoints';
import { matchUrl } from '../match/match';
import { builtinSources } from '../sources/builtin';
import type { MirrorLocation, Source } from '../sources/types';
import { cleanTree } from './dom-clean';
import { ExtractError } from './extract-error';
import { findFigures, findHero, measure } from './hero';
import { parseHtml } from './html-parse';
import { findFirst, remove } from './html-tree';
import { httpUrl, linkTarget } from './link-policy';
import { splitPage } from './markdown-lines';
import { checkPageText } from './page-text';
import { findPublished } from './published';
import { renderBody } from './render-body';
import { sanitizeHtml, type SanitizeWindow } from './sanitize';
import { joinedText } from './text-join';

export { ExtractError } from './extract-error';
export { MAX_PAGE_CHARS, decodePage } from './page-text';

export interface ExtractOptions {
  /** Where the page was found: gives the share link when the page has no share block. */
  location?: MirrorLocation;
  /** The sources that say which originals can be mirrored (default: the built-in ones). */
  sources?: readonly Source[];
}

/**
 * The most elements the body may have: 160 times the longest page seen (124), room for a
 * megabyte of dense article. The DOM that sanitizes the body costs per element (0.05–0.1 ms
 * each under jsdom); past this a page is refused rather than left to stall the reader.
 */
export const MAX_BODY_ELEMENTS = 20_000;

/** A title for a page without a `###` line: its first heading, else its first sentence. */
const DERIVED_TITLE_MAX = 60;

function deriveTitle(headingText: string | null, blocks: readonly string[], alt: string): string {
  if (headingText) return headingText;
  // The first paragraph without its dateline (`【大纪元…讯】`) and reporter (`（记者…报导）`).
  const first = blocks[0]?.replace(
    /^(?:\s*[【[][^】\]]{0,40}[】\]])?(?:\s*[（(][^）)]{0,40}[）)])?\s*/,
    '',
  );
  if (!first) return alt;
  const sentence = /^.+?[。！？!?]/u.exec(first)?.[0] ?? first;
  const chars = [...sentence];
  return chars.length > DERIVED_TITLE_MAX
    ? `${chars.slice(0, DERIVED_TITLE_MAX).join('')}…`
    : sentence;
}

/**
 * Extracts the article of a mirror page. Throws ExtractError for input that is no page
 * (empty, binary, undecodable, too large) or holds nothing but the mirror's template.
 */
export function extractArticle(
  text: string,
  win: SanitizeWindow,
  options: ExtractOptions = {},
): Article {
  const page = checkPageText(text);
  const sources = options.sources ?? builtinSources;
  const isMirrorable = (url: string): boolean => matchUrl(url, sources) !== null;

  const parts = splitPage(page, { isOriginal: isMirrorable });
  const base = httpUrl(parts.originalUrl ?? undefined, null);
  const originalUrl = base ? parts.originalUrl : null;
  const linkContext = { base, isMirrorable };

  const root = parseHtml(parts.html);
  cleanTree(root, { ...linkContext, originalUrl });
  const hero = findHero(root, measure(root));
  if (hero) remove(hero.container);
  const figures = findFigures(root, measure(root));
  const heading = findFirst(root, (el) => /^h[1-4]$/.test(el.tag));
  const headingText = parts.title === null && heading ? joinedText(heading).trim() : null;

  const body = renderBody(
    root,
    {
      figures,
      link: (el) => linkTarget(el, linkContext),
      mediaUrl: (raw) => httpUrl(raw, base)?.href ?? null,
    },
    MAX_BODY_ELEMENTS,
  );
  if (body.overflow) {
    throw new ExtractError(
      'too-large',
      `article too large: more than ${MAX_BODY_ELEMENTS} paragraphs, figures and marks`,
    );
  }
  const hasBody = body.blocks.length > 0 || body.figures.length > 0 || body.audio > 0;
  if (parts.title === null && !hasBody && !hero) {
    throw new ExtractError('no-content', 'the page holds no article: no title, text or image');
  }
  const bodyHtml = hasBody ? sanitizeHtml(body.html, win) : '';

  const title = parts.title ?? deriveTitle(headingText, body.blocks, hero?.alt ?? '');
  const published = findPublished(body.blocks, originalUrl);
  const mirrorUrl = parts.mirrorUrl ?? (options.location ? blobUrl(options.location) : null);
  const source = originalUrl ? (matchUrl(originalUrl, sources)?.source.id ?? null) : null;

  const missing: ArticlePart[] = [];
  if (parts.title === null) missing.push('title');
  if (!hero) missing.push('hero');
  if (body.blocks.length === 0) missing.push('body');
  if (!originalUrl) missing.push('originalUrl');
  if (!mirrorUrl) missing.push('mirrorUrl');
  if (!published) missing.push('published');

  return {
    title,
    source,
    published,
    hero: hero ? { src: hero.src, alt: hero.alt, caption: hero.caption } : null,
    bodyHtml,
    images: body.figures.map((f) => ({ src: f.src, alt: f.alt, caption: f.caption })),
    originalUrl,
    mirrorUrl,
    missing,
  };
}
