/**
 * Prunes the article tree of what a reader must never see: active and embedded content, form
 * controls, hidden elements, ads, tracking pixels, the QR image and leftovers of the share
 * block, and the site's footer widgets (a short-link box and what follows it). By structure:
 * tags, attributes, sizes and position, not by the words of the text.
 */
import { imageUrl, type LinkContext } from './link-policy';
import {
  nameWords,
  remove,
  textLength,
  visibleLength,
  walk,
  type HElement,
  type HNode,
} from './html-tree';

/** Dropped with their content (`source` is kept inside `audio`). */
const DROP = new Set(
  (
    'script style template noscript iframe frame frameset object embed applet svg math canvas ' +
    'meta link base title head xmp noembed noframes param track video map area portal slot ' +
    'dialog source'
  ).split(' '),
);

/** Form controls: dropped; a box holding a link marks the site's footer (see `dropWidget`). */
const CONTROLS = new Set(
  'input button select textarea option optgroup datalist output keygen progress meter'.split(' '),
);

const BLOCKS = new Set(
  (
    'p div li td th dd dt section article aside center blockquote form fieldset figure header ' +
    'footer table ul ol dl main nav h1 h2 h3 h4 h5 h6'
  ).split(' '),
);

const AD_WORDS = new Set(
  'ad ads adsbygoogle adsense advert adverts advertisement advertising adslot adunit adbox dfp sponsor sponsored'.split(
    ' ',
  ),
);

/** An element named as an ad is one when it holds little text; a long text is the article's. */
const AD_TEXT_LIMIT = 200;

/** A widget's block (short-link box, share buttons) is dropped when no longer than this. */
const WIDGET_TEXT_LIMIT = 200;

/** Content after a widget is the site's footer when this short, and short next to the article. */
const FOOTER_TEXT_LIMIT = 1500;

function styleHides(style: string): boolean {
  const props = new Map<string, string>();
  for (const declaration of style.toLowerCase().split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const value = declaration
      .slice(colon + 1)
      .replace(/!important/g, '')
      .trim();
    props.set(declaration.slice(0, colon).trim(), value);
  }
  const zero = (name: string): boolean => {
    const value = props.get(name);
    return value !== undefined && /^[-+]?(?:0+(?:\.0*)?|\.0+)(?:px|em|rem|%|pt)?$/.test(value);
  };
  if (props.get('display')?.startsWith('none')) return true;
  if (/^(?:hidden|collapse)/.test(props.get('visibility') ?? '')) return true;
  if (zero('opacity') || zero('font-size')) return true;
  const clipped = props.get('overflow') === 'hidden';
  if (clipped && (zero('height') || zero('max-height') || zero('width') || zero('max-width'))) {
    return true;
  }
  // Moved off-screen.
  for (const name of ['left', 'top', 'text-indent', 'margin-left']) {
    const value = parseFloat(props.get(name) ?? '');
    if (value <= -999) return true;
  }
  return false;
}

export function isHidden(el: HElement): boolean {
  if (el.attrs.size === 0) return false;
  if (el.attrs.has('hidden')) return true;
  const style = el.attrs.get('style');
  return style !== undefined && styleHides(style);
}

/** Certainly an ad slot: AdSense, Google Publisher Tag. */
function isAdSlot(el: HElement): boolean {
  if (el.attrs.size === 0) return false;
  if (el.tag === 'ins' && /\badsbygoogle\b/.test(el.attrs.get('class') ?? '')) return true;
  if (el.attrs.has('data-ad-client') || el.attrs.has('data-ad-slot')) return true;
  return /^div-gpt-ad/i.test(el.attrs.get('id') ?? '');
}

function isAdWrapper(el: HElement): boolean {
  if (!el.attrs.has('class') && !el.attrs.has('id')) return false;
  return nameWords(el).some((w) => AD_WORDS.has(w)) && textLength(el) < AD_TEXT_LIMIT;
}

/** A pixel: width or height of 0 or 1 (attribute or style). */
function isPixel(img: HElement): boolean {
  for (const name of ['width', 'height']) {
    const value = img.attrs.get(name)?.trim();
    if (value !== undefined && /^[-+]?[01](?:\.0*)?(?:px)?$/i.test(value)) return true;
  }
  const style = img.attrs.get('style')?.toLowerCase() ?? '';
  return /(?:^|;)\s*(?:width|height)\s*:\s*[01](?:\.0*)?(?:px)?\s*(?:;|$)/.test(style);
}

/** The mirror's QR image (`pages/…/<id>.md.png`). */
function isQrImage(url: URL): boolean {
  return /\.md\.png$/i.test(url.pathname);
}

const BLOB_URL = /^https:\/\/github\.com\/[^\s/]+\/[^\s/]+\/blob\/\S+\.md$/i;
const LINK_LINE = /^#{1,6}\s*!?\[[^\]]*\]\([^)]*\)/;
const ORIGINAL_TEXT = /^[^\s<>]{1,40}[：:]\s*(https?:\/\/\S+)$/;

export interface CleanContext extends LinkContext {
  originalUrl: string | null;
}

export function cleanTree(root: HElement, ctx: CleanContext): void {
  const widgets: HElement[] = [];
  const texts: HNode[] = [];
  walk(root, (node) => {
    if (node.type === 'text') {
      texts.push(node);
      return true;
    }
    const el = node;
    if (DROP.has(el.tag) && !(el.tag === 'source' && el.parent?.tag === 'audio')) {
      remove(el);
      return false;
    }
    if (CONTROLS.has(el.tag)) {
      if (el.parent && isLinkBox(el)) widgets.push(el.parent);
      remove(el);
      return false;
    }
    if (isHidden(el) || isAdSlot(el)) {
      remove(el);
      return false;
    }
    if (el.tag === 'img') {
      const url = imageUrl(el, ctx.base);
      if (!url || isPixel(el) || isQrImage(url)) {
        remove(el);
        // A link around the QR image is the share block's.
        if (url && isQrImage(url) && el.parent?.tag === 'a') remove(el.parent);
      } else {
        el.attrs.set('src', url.href);
      }
      return false;
    }
    return true;
  });
  // Ad wrappers after the walk: their text is measured without the hidden parts.
  walk(root, (node) => {
    if (node.type === 'el' && isAdWrapper(node)) {
      remove(node);
      return false;
    }
    return true;
  });
  dropShareText(texts, ctx.originalUrl);
  if (widgets.length > 0) {
    const total = textLength(root);
    for (const parent of widgets) dropWidget(root, parent, total);
  }
}

function isBreak(node: HNode): boolean {
  return node.type === 'el' ? node.tag === 'br' : node.text.trim() === '';
}

/** The live sibling before `node`, skipping line breaks and blank text. */
function previousContent(node: HNode): HNode | null {
  const siblings = node.parent?.children ?? [];
  for (let i = siblings.indexOf(node) - 1; i >= 0; i--) {
    const sibling = siblings[i];
    if (sibling && !sibling.dead && !isBreak(sibling)) return sibling;
  }
  return null;
}

/** Share-block lines that came inside the HTML: the bare blob URL, its prompt, `原文地址：…`. */
function dropShareText(texts: HNode[], originalUrl: string | null): void {
  for (const node of texts) {
    if (node.type !== 'text' || node.dead) continue;
    // Each shape below holds a URL or a Markdown link.
    if (!node.text.includes('http') && !node.text.includes('](')) continue;
    const text = node.text.trim();
    if (BLOB_URL.test(text)) {
      remove(node);
      const prompt = previousContent(node);
      if (
        prompt?.type === 'text' &&
        prompt.text.trim().length <= 120 &&
        /[：:]\s*$/.test(prompt.text)
      ) {
        remove(prompt);
      }
    } else if (LINK_LINE.test(text)) {
      remove(node);
    } else if (originalUrl !== null && ORIGINAL_TEXT.exec(text)?.[1] === originalUrl) {
      remove(node);
    }
  }
}

function isLiveIn(node: HNode, root: HElement): boolean {
  for (let n: HNode | null = node; n; n = n.parent) {
    if (n.dead) return false;
    if (n === root) return true;
  }
  return false;
}

/** Text before `target` in document order. */
function textBefore(root: HElement, target: HNode): number {
  let length = 0;
  let reached = false;
  walk(root, (node) => {
    if (reached) return false;
    if (node === target) {
      reached = true;
      return false;
    }
    if (node.type === 'text') length += visibleLength(node.text);
    return true;
  });
  return length;
}

/** A text box holding a URL: a site's short-link or share box (`本文短网址: [http://…]`). */
function isLinkBox(el: HElement): boolean {
  const type = (el.attrs.get('type') ?? 'text').trim().toLowerCase();
  return (
    el.tag === 'input' &&
    (type === 'text' || type === 'url') &&
    /^\s*https?:\/\//i.test(el.attrs.get('value') ?? '')
  );
}

/**
 * A link box at the end of the article marks a site widget, such as secretchina's
 * short-link box: its block goes when short, and so does what follows it in the same
 * container (copyright, a members' drive, ads) — the site's footer. Elsewhere only the
 * box goes: the text around it may be the article's.
 */
function dropWidget(root: HElement, parent: HElement, total: number): void {
  if (!isLiveIn(parent, root)) return;
  let block: HElement | null = parent;
  while (block && block !== root && !BLOCKS.has(block.tag)) block = block.parent;
  if (!block || block === root) return;
  const own = textLength(block);
  const before = textBefore(root, block);
  const after = total - before - own;
  if (own > WIDGET_TEXT_LIMIT || after > FOOTER_TEXT_LIMIT || after * 3 >= before) return;
  const siblings = block.parent?.children ?? [];
  siblings.slice(siblings.indexOf(block) + 1).forEach(remove);
  remove(block);
}
