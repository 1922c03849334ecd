/**
 * Figures: an image with its caption, whatever the wrapper (`figure`/`figcaption`,
 * `div.caption`, `div.zhidingtu`, `#headerimg`/`#headerimgcaption`, `<p><img><br>caption</p>`,
 * minghui's one-cell tables). From the image up, the figure is the largest wrapper that holds
 * no other image, no more than a caption's worth of text, and no text but a caption: text
 * after the image (a text run, an inline element) or an element named caption. A paragraph
 * beside the image, or text before it, belongs to the article.
 *
 * The hero is the first figure, when it comes before the article's text.
 */
import {
  findFirst,
  isInside,
  namesInclude,
  visibleLength,
  walk,
  type HElement,
  type HNode,
} from './html-tree';
import { joinedText } from './text-join';

export interface Figure {
  /** The element the figure replaces in the body. */
  container: HElement;
  img: HElement;
  src: string;
  alt: string;
  caption: string;
}

interface Stats {
  /** Non-whitespace characters. */
  text: number;
  /** Images and audio players. */
  media: number;
}

export type TreeStats = Map<HElement, Stats>;

const CAPTION_MAX = 300;
/** Text before the first image that still lets it be the hero (a stray dateline, a bullet). */
const HERO_TEXT_BEFORE = 20;
/** Explicitly smaller than this in both dimensions: an icon, not a hero. */
const HERO_MIN_SIZE = 100;

/** Text and media per element, in one pass (parents after their children). */
export function measure(root: HElement): TreeStats {
  const order: HElement[] = [root];
  walk(root, (node) => {
    if (node.type === 'el') order.push(node);
  });
  const stats: TreeStats = new Map();
  for (const el of order.reverse()) {
    let text = 0;
    let media = el.tag === 'img' || el.tag === 'audio' ? 1 : 0;
    for (const child of el.children) {
      if (child.dead) continue;
      if (child.type === 'text') text += visibleLength(child.text);
      else {
        const s = stats.get(child);
        if (s) {
          text += s.text;
          media += s.media;
        }
      }
    }
    stats.set(el, { text, media });
  }
  return stats;
}

function hasText(node: HNode, stats: TreeStats): boolean {
  if (node.dead) return false;
  return node.type === 'text' ? node.text.trim() !== '' : (stats.get(node)?.text ?? 0) > 0;
}

function isCaptionElement(el: HElement): boolean {
  return el.tag === 'figcaption' || namesInclude(el, 'caption');
}

const INLINE = new Set(
  'a b big em font i ok small span strong sub sup u br abbr cite code mark q s time'.split(' '),
);

/** Wrappers in which loose text after an image is its caption even without a line break. */
const CAPTION_PARENTS = new Set([...INLINE, 'p', 'td', 'th', 'figure', 'center', 'dd', 'label']);

interface Position {
  /** The part comes after the figure so far. */
  after: boolean;
  /** …and after a line break that follows it. */
  afterBreak: boolean;
}

/** Whether `part`, a sibling of the figure so far, can be (part of) its caption. */
function isCaptionPart(part: HNode, parent: HElement, at: Position, hasCaption: boolean): boolean {
  if (hasCaption) return false;
  if (part.type === 'el' && (isCaptionElement(part) || findFirst(part, isCaptionElement))) {
    return true;
  }
  // Loose text or inline elements after the image: `<p><img><br>caption</p>`, minghui's cells.
  const loose = part.type === 'text' || INLINE.has(part.tag);
  return loose && at.after && (at.afterBreak || CAPTION_PARENTS.has(parent.tag));
}

function cleanAlt(alt: string | undefined): string {
  return (alt ?? '')
    .replace(/&#0*39;?/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^['"\s]+|['"\s]+$/g, '');
}

export function figureOf(img: HElement, root: HElement, stats: TreeStats): Figure {
  let container = img;
  let hasCaption = false;
  climb: for (let parent = container.parent; parent && parent !== root; parent = parent.parent) {
    const s = stats.get(parent);
    if (!s || s.media > 1 || s.text > CAPTION_MAX) break;
    const at: Position = { after: false, afterBreak: false };
    let addsCaption = false;
    for (const child of parent.children) {
      if (child === container) {
        at.after = true;
        continue;
      }
      if (at.after && child.type === 'el' && child.tag === 'br' && !child.dead)
        at.afterBreak = true;
      if (!hasText(child, stats)) continue;
      if (!isCaptionPart(child, parent, at, hasCaption)) break climb;
      addsCaption ||=
        child.type === 'el' && (isCaptionElement(child) || !!findFirst(child, isCaptionElement));
    }
    hasCaption ||= addsCaption || (container !== img && !!findFirst(container, isCaptionElement));
    container = parent;
  }
  const captionEl =
    container === img
      ? null
      : findFirst(container, (el) => isCaptionElement(el) && !isInside(img, el));
  const caption = container === img ? '' : joinedText(captionEl ?? container).trim();
  return {
    container,
    img,
    src: img.attrs.get('src') ?? '',
    alt: cleanAlt(img.attrs.get('alt')),
    caption,
  };
}

function isIcon(img: HElement): boolean {
  const width = Number.parseFloat(img.attrs.get('width') ?? '');
  const height = Number.parseFloat(img.attrs.get('height') ?? '');
  return width < HERO_MIN_SIZE && height < HERO_MIN_SIZE;
}

/** The first image, when no more than a few characters of text come before it. */
export function findHero(root: HElement, stats: TreeStats): Figure | null {
  let before = 0;
  let hero: HElement | null = null;
  walk(root, (node) => {
    if (hero || before > HERO_TEXT_BEFORE) return false;
    if (node.type === 'text') before += visibleLength(node.text);
    else if (node.tag === 'img' && !isIcon(node)) hero = node;
    return true;
  });
  return hero && before <= HERO_TEXT_BEFORE ? figureOf(hero, root, stats) : null;
}

/** Every image's figure, keyed by the element it replaces. */
export function findFigures(root: HElement, stats: TreeStats): Map<HElement, Figure> {
  const figures = new Map<HElement, Figure>();
  walk(root, (node) => {
    if (node.type === 'el' && node.tag === 'img') {
      const figure = figureOf(node, root, stats);
      figures.set(figure.container, figure);
    }
  });
  return figures;
}
