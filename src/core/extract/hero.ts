/**
 * Figures: an image with its caption, whatever the wrapper (`figure`/`figcaption`,
 * `div.caption`, `div.zhidingtu`, `#headerimg`/`#headerimgcaption`, `<p><img><br>caption</p>`,
 * minghui's one-cell tables). From the image up, the figure is the largest wrapper that holds
 * no other image and no more than a caption's worth of text in one part.
 *
 * The hero is the first figure, when it comes before the article's text.
 */
import { findFirst, isInside, namesInclude, visibleLength, walk, type HElement } from './html-tree';
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

function hasText(node: HElement['children'][number], stats: TreeStats): boolean {
  if (node.dead) return false;
  return node.type === 'text' ? node.text.trim() !== '' : (stats.get(node)?.text ?? 0) > 0;
}

function isCaptionElement(el: HElement): boolean {
  return el.tag === 'figcaption' || namesInclude(el, 'caption');
}

function cleanAlt(alt: string | undefined): string {
  return (alt ?? '')
    .replace(/&#0*39;?/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^['"\s]+|['"\s]+$/g, '');
}

export function figureOf(img: HElement, root: HElement, stats: TreeStats): Figure {
  let container = img;
  for (let parent = container.parent; parent && parent !== root; parent = parent.parent) {
    const s = stats.get(parent);
    if (!s || s.media > 1 || s.text > CAPTION_MAX) break;
    let parts = 0;
    for (const child of parent.children) if (child !== container && hasText(child, stats)) parts++;
    if (parts > 1 && !findFirst(parent, isCaptionElement)) break;
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
