/**
 * Converts what an article shows (title, caption, body text) with a 简/繁 converter. Only
 * text nodes change: link targets, image sources and every other attribute stay as they were.
 */
import type { Article } from '../article';
import { convertKeepingUrls, type Convert } from './convert-text';

/** The DOM a caller brings (the page's window, or jsdom in tests). */
export interface ParserWindow {
  DOMParser: typeof DOMParser;
  NodeFilter: typeof NodeFilter;
}

export function convertHtmlText(html: string, convert: Convert, win: ParserWindow): string {
  const doc = new win.DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const walker = doc.createTreeWalker(doc.body, win.NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue ?? '';
    // A link whose text is its own address shows the address: never converted.
    const inLink = node.parentElement?.closest('a');
    if (inLink && inLink.getAttribute('href') === text.trim()) continue;
    node.nodeValue = convertKeepingUrls(text, convert);
  }
  return doc.body.innerHTML;
}

export function convertArticle(article: Article, convert: Convert, win: ParserWindow): Article {
  const text = (value: string) => convertKeepingUrls(value, convert);
  return {
    ...article,
    title: text(article.title),
    hero: article.hero && {
      ...article.hero,
      caption: article.hero.caption && text(article.hero.caption),
      alt: text(article.hero.alt),
    },
    images: article.images.map((image) => ({ ...image, caption: text(image.caption) })),
    bodyHtml: article.bodyHtml && convertHtmlText(article.bodyHtml, convert, win),
  };
}
