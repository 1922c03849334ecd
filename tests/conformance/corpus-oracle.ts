/**
 * What an extract of a real mirror page must hold and must not, computed from the raw page
 * on its own terms (a browser's reading of its HTML, the template's Markdown lines), without
 * the extractor's code. Shared by the conformance suite and the benchmark.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CorpusPage {
  /** `goodnews` or `mh-news`. */
  repo: string;
  /** The MANIFEST's `site`: epochtimes.com, ntdtv.com, … */
  site: string;
  /** `epochtimes.com (mh-news)` and so on: site and repository, the layout families. */
  family: string;
  path: string;
  text: string;
  /** The MANIFEST's `original_url`. */
  manifestOriginal: string;
}

export function corpusPages(corpus: string): CorpusPage[] {
  const pages: CorpusPage[] = [];
  for (const repo of readdirSync(corpus).sort()) {
    let manifest: string;
    try {
      manifest = readFileSync(join(corpus, repo, 'MANIFEST.tsv'), 'utf8');
    } catch {
      continue;
    }
    for (const line of manifest.split('\n').slice(1)) {
      const [path, site, original] = line.split('\t');
      if (!path || !site || !original) continue;
      pages.push({
        repo,
        site,
        family: `${site} (${repo})`,
        path,
        text: readFileSync(join(corpus, repo, path), 'utf8'),
        manifestOriginal: original,
      });
    }
  }
  return pages;
}

export interface Expectations {
  /** The `###` line. */
  title: string | null;
  /** The `原文地址` line's URL. */
  originalUrl: string | null;
  /** Every text block of the article's body container, normalized (see `normalize`). */
  paragraphs: string[];
  /** The hero image's caption, normalized, when the page has a hero with one. */
  heroCaption: string | null;
  /** Text of the junk (navigation and promotion lines, site footer, hidden text), normalized. */
  junkText: string[];
  /** Markup of the junk: ad slots, the tracking host, pixels, the QR image, the blob URL. */
  junkMarkup: string[];
}

/** Text without any whitespace: extracts may rejoin lines differently, not change characters. */
export function normalize(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/g, '');
}

const BLOCK = new Set(
  (
    'address article aside blockquote br center dd div dl dt figcaption figure footer form h1 h2 ' +
    'h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul'
  ).split(' '),
);

const NOT_SHOWN = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'img']);

function isHiddenByStyle(el: Element): boolean {
  const style = (el.getAttribute('style') ?? '').toLowerCase().replace(/\s+/g, '');
  return (
    el.hasAttribute('hidden') || /(^|;)display:none/.test(style) || /visibility:hidden/.test(style)
  );
}

function isAd(el: Element): boolean {
  return (
    (el.tagName === 'INS' && el.classList.contains('adsbygoogle')) ||
    /^div-gpt-ad/.test(el.id) ||
    el.hasAttribute('data-ad-slot')
  );
}

/** Markdown link lines of the template: `#### [首页](…) | …`, `#### [ 🔥 …](…)`. */
function linkLines(text: string): { texts: string[]; urls: string[] } {
  const texts: string[] = [];
  const urls: string[] = [];
  for (const line of text.split('\n')) {
    if (!/^\s*#{1,6}/.test(line) || !line.includes('](')) continue;
    const links = [...line.matchAll(/\[([^\]]*)\]\(([^)]*)\)/g)];
    for (const [, label = '', url = ''] of links) {
      // Promotion titles are long; a short label (《九评共产党》) may be cited by an article.
      const t = normalize(label);
      if ([...t].length >= 12) texts.push(t);
      urls.push(url);
    }
    texts.push(normalize(links.map((m) => m[1]).join('')));
  }
  return { texts, urls };
}

/** Direct text plus text of paragraph-like children: how much article the element holds. */
function ownText(el: Element): number {
  let length = 0;
  for (const child of el.childNodes) {
    if (child.nodeType === 3) length += normalize(child.textContent ?? '').length;
    else if (child.nodeType === 1) {
      const tag = (child as Element).tagName.toLowerCase();
      if (/^(p|h[1-6]|blockquote|li|b|strong|span|ok|font|em|u)$/.test(tag)) {
        length += normalize(child.textContent ?? '').length;
      }
    }
  }
  return length;
}

/** The text blocks under `root`: runs of inline content between block edges and breaks. */
function textBlocks(root: Element, skip: (node: Node) => boolean): string[] {
  const blocks: string[] = [];
  let current = '';
  const flush = (): void => {
    const t = normalize(current);
    if (t !== '') blocks.push(t);
    current = '';
  };
  const visit = (node: Node): void => {
    if (skip(node)) return;
    if (node.nodeType === 3) {
      current += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    const tag = el.tagName.toLowerCase();
    const block = BLOCK.has(tag);
    if (block) flush();
    for (const child of el.childNodes) visit(child);
    if (block) flush();
  };
  visit(root);
  flush();
  return blocks;
}

export function expectationsOf(text: string, win: { DOMParser: typeof DOMParser }): Expectations {
  const lines = text.split('\n');
  const title =
    lines
      .find((l) => /^###\s/.test(l))
      ?.replace(/^###\s+/, '')
      .trim() ?? null;
  const originalUrl = /^原文地址[^：:\n]*[：:]\s*(\S+)/m.exec(text)?.[1] ?? null;
  const { texts: navTexts, urls: navUrls } = linkLines(text);

  // The template's Markdown lines (link lines, rules) are not the article, wherever they are.
  const html = lines
    .filter((l) => !(/^\s*#{1,6}/.test(l) && l.includes('](')) && !/^\s*-{3,}\s*$/.test(l))
    .join('\n');
  const doc = new win.DOMParser().parseFromString(html, 'text/html');
  const junkMarkup = ['adsbygoogle', 'div-gpt-ad', ...navUrls.filter((u) => u.length > 12)];
  const junkText: string[] = [...navTexts, '手机上长按', '原文地址'];

  // Pixels and the tracking host; the QR image and the page's own blob URL.
  for (const img of doc.querySelectorAll('img')) {
    const src = img.getAttribute('src') ?? '';
    const zero = ['width', 'height'].some((a) => /^0(px)?$/.test(img.getAttribute(a) ?? ''));
    if (zero) {
      junkMarkup.push(src);
      try {
        junkMarkup.push(new URL(src).host);
      } catch {
        // A relative pixel has no host of its own.
      }
    }
    if (/\.md\.png$/.test(src)) junkMarkup.push(src);
  }
  const blob = /https:\/\/github\.com\/\S+\/blob\/\S+\.md/.exec(text)?.[0];
  if (blob) junkMarkup.push(blob);

  // The site footer: a short-link box and all that follows it in its container.
  const footer = new Set<Node>();
  for (const input of doc.querySelectorAll('input')) {
    if (!/^https?:/.test(input.getAttribute('value') ?? '')) continue;
    const block = input.closest('p, div, li');
    if (!block) continue;
    for (let n: Node | null = block; n; n = n.nextSibling) footer.add(n);
  }
  for (const node of footer) {
    const blocks =
      node.nodeType === 1
        ? textBlocks(node as Element, () => false)
        : [normalize(node.textContent ?? '')];
    for (const t of blocks) if (t.length >= 6) junkText.push(t);
  }

  const hidden = [...doc.querySelectorAll('*')].filter(isHiddenByStyle);
  for (const el of hidden) {
    const t = normalize(el.textContent ?? '');
    if (t.length >= 4) junkText.push(t);
  }

  // The body container: the element holding the most article text of its own.
  let container: Element = doc.body;
  let best = -1;
  for (const el of doc.body.querySelectorAll('*')) {
    const score = ownText(el);
    if (score > best) {
      best = score;
      container = el;
    }
  }
  const skip = (node: Node): boolean => {
    if (footer.has(node)) return true;
    if (node.nodeType !== 1) return false;
    const el = node as Element;
    return NOT_SHOWN.has(el.tagName.toLowerCase()) || isHiddenByStyle(el) || isAd(el);
  };
  const paragraphs = textBlocks(container, skip);

  return {
    title,
    originalUrl,
    paragraphs,
    heroCaption: heroCaptionOf(doc, container),
    junkText: [...new Set(junkText)].filter((t) => t !== ''),
    junkMarkup: [...new Set(junkMarkup)].filter((m) => m !== ''),
  };
}

/**
 * The hero: the first image before the body's first text block; its caption is the nearest
 * element named caption (or a figcaption) around it, or the text beside it in its paragraph.
 */
function heroCaptionOf(doc: Document, container: Element): string | null {
  const firstText = [...container.childNodes].find(
    (n) => normalize(n.textContent ?? '').length > 20 && !(n as Element).querySelector?.('img'),
  );
  for (const img of doc.querySelectorAll('img')) {
    const src = img.getAttribute('src') ?? '';
    if (/\.md(\.png)?$/.test(src) || img.getAttribute('width') === '0px') continue;
    if (firstText && img.compareDocumentPosition(firstText) & 2 /* PRECEDING */) return null;
    let el: Element | null = img;
    for (let depth = 0; el && depth < 4; depth++, el = el.parentElement) {
      const caption = el.querySelector('[class*="caption"], [id*="caption"], figcaption');
      if (caption) return normalize(caption.textContent ?? '');
    }
    const p = img.closest('p');
    return p ? normalize(p.textContent ?? '') : null;
  }
  return null;
}

/** Sentences of the expected paragraphs (for the benchmark's retention figures). */
export function sentencesOf(paragraphs: string[]): string[] {
  return paragraphs.flatMap((p) => p.split(/(?<=[。！？!?])/)).filter((s) => [...s].length >= 4);
}
