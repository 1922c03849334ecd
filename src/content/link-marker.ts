/**
 * The indicator on a mirrorable link: a small dot at the end of the link, in a closed
 * shadow root so that neither the page's styles nor its scripts reach inside.
 *
 * - No layout shift: the host is absolutely positioned without offsets, so it sits at its
 *   static position (just after the link's last character) and takes no space in the line.
 * - Inside the link, so that it hides, moves and disappears with it; the link's text,
 *   `innerText` and accessible name are unchanged (the host has no light-DOM children and
 *   the dot is `aria-hidden`: keyboard and screen-reader users keep the page as it was and
 *   reach the mirror through the context menu or the popup).
 * - A click on the dot cancels the link's own activation and stops there: the page's
 *   bubbling listeners never see it, and the link itself works as before everywhere else.
 *   One capturing listener per event type on the document serves every dot (seen from the
 *   document, an event inside a closed shadow root targets its host).
 * - Cheap on long pages: a link gets its dot when it comes near the viewport (one
 *   IntersectionObserver batch per frame, no layout read by script); hidden links get none.
 *   Nothing is created and no listener added until a first dot.
 */
import type { LinkElement } from './link-scanner';

/** Reports observed elements as they come near the viewport (an IntersectionObserver). */
export interface VisibilityWatch {
  observe(element: Element): void;
  unobserve(element: Element): void;
}

export interface LinkMarkerOptions {
  /** Tooltip of the dot; asked for when the pointer first reaches a dot (it costs a sync IPC). */
  title(): string;
  /** The user clicked a link's dot (a trusted click). */
  onOpen(link: HTMLAnchorElement): void;
  /** Makes the watch that calls `show`; defaults to an IntersectionObserver. */
  watch?(show: (elements: readonly Element[]) => void): VisibilityWatch;
}

export interface LinkMarker {
  /** Gives the link its dot once it is near the viewport (again if the page removed it). */
  mark(link: LinkElement): void;
  unmark(link: LinkElement): void;
  /** Whether a node is one of the marker's own elements. */
  owns(node: Node): boolean;
}

// `:host` rules with !important win over every page rule, important or not (shadow cascade).
// Inherited properties are reset too, except visibility: a hidden link keeps a hidden dot.
const CSS =
  ':host{all:initial!important;position:absolute!important;visibility:inherit!important;width:0!important;height:0!important}' +
  ':host::before,:host::after{content:none!important}' +
  'i{position:absolute;left:1px;top:-2px;width:10px;height:10px;box-sizing:border-box;border-radius:50%;background:#1a7f4b;border:2px solid #fff;box-shadow:0 0 0 1px rgba(0,0,0,.35);cursor:pointer;user-select:none;-webkit-user-select:none}' +
  'i::before{content:"";position:absolute;inset:-5px}' +
  'i:hover{background:#0d5c35;transform:scale(1.25)}';

// Events that would reach the link or the page's listeners from a click on the dot.
const STOPPED = [
  'click',
  'auxclick',
  'dblclick',
  'mousedown',
  'mouseup',
  'pointerdown',
  'pointerup',
];

function intersectionWatch(show: (elements: readonly Element[]) => void): VisibilityWatch {
  return new IntersectionObserver(
    (entries) => {
      const near: Element[] = [];
      for (const entry of entries) if (entry.isIntersecting) near.push(entry.target);
      show(near);
    },
    // Half a screen ahead, so that scrolling never shows a link before its dot.
    { rootMargin: '50% 0px' },
  );
}

export function createLinkMarker(doc: Document, options: LinkMarkerOptions): LinkMarker {
  const hosts = new WeakMap<LinkElement, HTMLElement>();
  const dots = new WeakMap<Node, HTMLElement>();
  const waiting = new Set<LinkElement>();
  let sheet: CSSStyleSheet | null | undefined;
  let watch: VisibilityWatch | undefined;
  let listening = false;

  const intercept = (event: Event) => {
    const host = event.target as Node | null;
    const dot = host && dots.get(host);
    if (!dot) return;
    if (event.type === 'pointerover') {
      if (!dot.title) dot.title = options.title();
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    const link = host.parentNode;
    if (event.type === 'click' && event.isTrusted && link?.nodeName === 'A') {
      options.onOpen(link as HTMLAnchorElement);
    }
  };

  const listen = () => {
    if (listening) return;
    listening = true;
    for (const type of [...STOPPED, 'pointerover']) doc.addEventListener(type, intercept, true);
  };

  const style = (root: ShadowRoot) => {
    if (sheet === undefined) {
      try {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
      } catch {
        sheet = null;
      }
    }
    try {
      if (sheet) {
        root.adoptedStyleSheets = [sheet];
        return;
      }
    } catch {
      // A sheet made in another realm (Firefox's content-script sandbox) cannot be adopted.
    }
    const element = doc.createElement('style');
    element.textContent = CSS;
    root.append(element);
  };

  const create = (): HTMLElement => {
    const host = doc.createElement('span');
    const root = host.attachShadow({ mode: 'closed' });
    style(root);
    const dot = doc.createElement('i');
    dot.setAttribute('aria-hidden', 'true');
    root.append(dot);
    dots.set(host, dot);
    return host;
  };

  const show = (elements: readonly Element[]) => {
    listen();
    for (const element of elements) {
      const link = element as HTMLAnchorElement;
      if (!waiting.delete(link)) continue;
      watch?.unobserve(link);
      if (!link.isConnected) continue;
      let host = hosts.get(link);
      if (host?.parentNode === link) continue;
      host ??= create();
      hosts.set(link, host);
      link.append(host);
    }
  };

  return {
    mark(link) {
      // An <area> has no box of its own to put a dot on; it is still counted.
      if (link.nodeName !== 'A' || waiting.has(link)) return;
      if (hosts.get(link)?.parentNode === link) return;
      watch ??= (options.watch ?? intersectionWatch)(show);
      waiting.add(link);
      watch.observe(link);
    },
    unmark(link) {
      if (waiting.delete(link)) watch?.unobserve(link);
      hosts.get(link)?.remove();
    },
    owns: (node) => dots.has(node),
  };
}
