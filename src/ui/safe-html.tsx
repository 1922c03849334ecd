/**
 * The one place article HTML enters a page. The body is sanitized again here (DOMPurify with
 * the extractor's allowlist), parsed into an inert document (nothing loads while it is
 * parsed), images on blocked hosts are held back until the user asks, and only then are the
 * nodes moved into the page.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';
import { sanitizeHtml } from '../core/extract/sanitize';
import { hostMatches } from '../core/match';

export const HELD_SRC = 'data-held-src';

/** Whether an image is on an original's host: such requests fail and reveal the reader. */
export function isBlockedImage(src: string): boolean {
  try {
    return hostMatches(new URL(src).hostname);
  } catch {
    return true;
  }
}

export function SafeHtml({
  html,
  loadImages,
  onLinkClick,
  class: className,
}: {
  html: string;
  loadImages: boolean;
  onLinkClick?: (url: string, event: MouseEvent) => void;
  class?: string;
}) {
  const host = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const el = host.current;
    if (!el) return;
    const inert = new DOMParser().parseFromString(sanitizeHtml(html, window), 'text/html');
    for (const img of inert.querySelectorAll('img')) {
      img.setAttribute('referrerpolicy', 'no-referrer');
      img.setAttribute('loading', 'lazy');
      const src = img.getAttribute('src') ?? '';
      if (!loadImages && isBlockedImage(src)) {
        img.removeAttribute('src');
        img.setAttribute(HELD_SRC, src);
      }
    }
    el.replaceChildren(...inert.body.childNodes);
  }, [html, loadImages]);

  return (
    <div
      ref={host}
      class={className}
      onClick={(event) => {
        const link = (event.target as Element | null)?.closest?.('a[href]');
        if (link && onLinkClick) onLinkClick((link as HTMLAnchorElement).href, event);
      }}
    />
  );
}
