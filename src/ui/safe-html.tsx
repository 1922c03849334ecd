/**
 * The one place article HTML enters a page. The body is sanitized again here (DOMPurify with
 * the extractor's allowlist), parsed into an inert document (nothing loads while it is
 * parsed), media from hosts other than the mirror endpoints are held back until the user
 * asks, and only then are the nodes moved into the page.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';
import { isEndpointHost } from '../core/fetch/endpoints';
import { sanitizeHtml } from '../core/extract/sanitize';

export const HELD_SRC = 'data-held-src';

/** Elements whose `src` the page would request on its own (audio only when played). */
const MEDIA = 'img[src], audio[src], video[src], source[src], track[src]';

/**
 * Whether a request for `src` must wait for the user: any host but the mirror endpoints
 * learns what the user reads from it, and a blocked one fails anyway.
 */
export function isHeldMedia(src: string): boolean {
  try {
    const url = new URL(src);
    return !(url.protocol === 'https:' && isEndpointHost(url.hostname));
  } catch {
    return true;
  }
}

export function SafeHtml({
  html,
  loadMedia,
  keptSrc,
  onHeld,
  onLinkClick,
  class: className,
}: {
  html: string;
  loadMedia: boolean;
  /** Images kept with the saved article: shown from memory (object URLs), never held. */
  keptSrc?: ReadonlyMap<string, string>;
  /** How many media the body holds back (0 once loaded). */
  onHeld?: (count: number) => void;
  onLinkClick?: (url: string, event: MouseEvent) => void;
  class?: string;
}) {
  const host = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const el = host.current;
    if (!el) return;
    const inert = new DOMParser().parseFromString(sanitizeHtml(html, window), 'text/html');
    let held = 0;
    for (const media of inert.querySelectorAll(MEDIA)) {
      if (media.localName === 'img') {
        media.setAttribute('referrerpolicy', 'no-referrer');
        media.setAttribute('loading', 'lazy');
      }
      // Media never plays on its own, and asks for nothing before it is played.
      media.removeAttribute('autoplay');
      if (media.localName === 'audio' || media.localName === 'video')
        media.setAttribute('preload', 'none');
      const src = media.getAttribute('src') ?? '';
      const kept = media.localName === 'img' ? keptSrc?.get(src) : undefined;
      if (kept) media.setAttribute('src', kept);
      else if (!loadMedia && isHeldMedia(src)) {
        media.removeAttribute('src');
        media.setAttribute(HELD_SRC, src);
        held++;
      }
    }
    el.replaceChildren(...inert.body.childNodes);
    onHeld?.(held);
  }, [html, loadMedia, keptSrc]);

  return (
    <div
      ref={host}
      class={className}
      data-testid="article-body"
      onClick={(event) => {
        const link = (event.target as Element | null)?.closest?.('a[href]');
        if (link && onLinkClick) onLinkClick((link as HTMLAnchorElement).href, event);
      }}
    />
  );
}
