/**
 * What links and images of the article may point to. Only http(s); relative URLs are read
 * against the original's URL (the page's HTML comes from that site).
 */
import { parseHttpUrl } from '../match/http-url';
import { UNKNOWN_REF } from './entities';
import type { HElement } from './html-tree';

export interface LinkTarget {
  href: string;
  /** An original we can mirror: the UI opens it in the reader. */
  reader: boolean;
}

export interface LinkContext {
  /** The original's URL: the base of relative URLs. */
  base: URL | null;
  /** Whether a URL is an original some source mirrors. */
  isMirrorable: (url: string) => boolean;
}

/** An absolute http(s) URL for `raw`, or null. */
export function httpUrl(raw: string | undefined, base: URL | null): URL | null {
  const value = raw?.trim();
  // An unknown character reference: what a browser would read is not known; refuse it.
  if (!value || value.includes(UNKNOWN_REF)) return null;
  if (base) return parseHttpUrl(value, base);
  return parseHttpUrl(value.startsWith('//') ? `https:${value}` : value);
}

/**
 * `<a href>` keeps an http(s) link. Pseudo-links (`<ok href>`, `<span href>`: anchors renamed
 * by the mirror) become links only to articles we can mirror; otherwise their text stays.
 */
export function linkTarget(el: HElement, ctx: LinkContext): LinkTarget | null {
  const raw = el.attrs.get('href')?.trim();
  // An anchor inside the original page: nothing to go to here.
  if (raw === undefined || raw.startsWith('#')) return null;
  const url = httpUrl(raw, ctx.base);
  if (!url) return null;
  if (ctx.isMirrorable(url.href)) return { href: url.href, reader: true };
  return el.tag === 'a' ? { href: url.href, reader: false } : null;
}

const LAZY_SOURCES = ['data-src', 'data-original', 'data-lazy-src', 'data-actualsrc'];

/** The image's http(s) URL: `src`, or the lazy-loading attribute when `src` is a placeholder. */
export function imageUrl(img: HElement, base: URL | null): URL | null {
  const src = httpUrl(img.attrs.get('src'), base);
  const lazy = LAZY_SOURCES.map((name) => httpUrl(img.attrs.get(name), base)).find((u) => u);
  if (lazy && (!src || /(?:blank|placeholder|spacer|loading|lazy)[^/]*$/i.test(src.pathname))) {
    return lazy;
  }
  return src ?? lazy ?? null;
}
