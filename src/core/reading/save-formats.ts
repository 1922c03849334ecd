/**
 * "Save as Markdown" and "save as HTML": the article as the reader shows it, with its
 * metadata. The HTML file stands alone (its style inline, no script) and names images by
 * link instead of loading them: opening the file later must not request a blocked host.
 */
import type { Article } from '../article';
import type { ParserWindow } from './convert-article';

export interface SaveMeta {
  sourceName: string | null;
  mirrorUrl: string;
  /** The `lang` of the text as shown (zh-Hans, zh-Hant-TW …). */
  lang: string;
  /** Localized labels: 来源, 发布, 原文地址（需翻墙）, 镜像, 图片. */
  labels: { source: string; published: string; original: string; mirror: string; image: string };
}

type Win = ParserWindow & { Node: typeof Node };

function parseBody(html: string, win: Win): HTMLElement {
  return new win.DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** Markdown's special characters at the places they would change the text's meaning. */
const escapeMd = (text: string) => text.replace(/([\\`*_[\]<>#|])/g, '\\$1');

function metaLines(article: Article, meta: SaveMeta): [string, string][] {
  const lines: [string, string][] = [];
  if (meta.sourceName) lines.push([meta.labels.source, meta.sourceName]);
  if (article.published) lines.push([meta.labels.published, article.published]);
  if (article.originalUrl) lines.push([meta.labels.original, article.originalUrl]);
  lines.push([meta.labels.mirror, meta.mirrorUrl]);
  return lines;
}

function inlineMd(node: Node, win: Win, label: string): string {
  if (node.nodeType === win.Node.TEXT_NODE)
    return escapeMd((node.nodeValue ?? '').replace(/\s+/g, ' '));
  if (node.nodeType !== win.Node.ELEMENT_NODE) return '';
  const el = node as Element;
  const inner = () => [...el.childNodes].map((c) => inlineMd(c, win, label)).join('');
  switch (el.tagName) {
    case 'BR':
      return '  \n';
    case 'A': {
      const href = el.getAttribute('href');
      return href ? `[${inner()}](<${href}>)` : inner();
    }
    case 'IMG': {
      const src = el.getAttribute('src') ?? el.getAttribute('data-held-src');
      return src
        ? `[${label}${el.getAttribute('alt') ? `: ${escapeMd(el.getAttribute('alt') ?? '')}` : ''}](<${src}>)`
        : '';
    }
    case 'STRONG':
    case 'B':
      return `**${inner()}**`;
    case 'EM':
    case 'I':
      return `*${inner()}*`;
    default:
      return inner();
  }
}

function blockMd(el: Element, win: Win, label: string): string[] {
  const text = () =>
    [...el.childNodes]
      .map((c) => inlineMd(c, win, label))
      .join('')
      .trim();
  const children = () =>
    [...el.children].flatMap((child) => blockMd(child, win, label)).filter(Boolean);
  const tag = el.tagName;
  if (/^H[1-6]$/.test(tag)) return [`${'#'.repeat(Math.min(6, Number(tag[1]) + 1))} ${text()}`];
  if (tag === 'UL' || tag === 'OL') {
    return [
      [...el.children]
        .map(
          (li, i) =>
            `${tag === 'OL' ? `${i + 1}.` : '-'} ${[...li.childNodes]
              .map((c) => inlineMd(c, win, label))
              .join('')
              .trim()}`,
        )
        .join('\n'),
    ];
  }
  if (tag === 'BLOCKQUOTE') return children().map((block) => block.replace(/^/gm, '> '));
  if (tag === 'FIGURE' || tag === 'DIV' || tag === 'SECTION') {
    const hasBlocks = [...el.children].some((c) =>
      /^(P|DIV|H\d|UL|OL|BLOCKQUOTE|FIGURE|FIGCAPTION|SECTION)$/.test(c.tagName),
    );
    return hasBlocks ? children() : [text()];
  }
  return [inlineMd(el, win, label).trim()];
}

export function articleToMarkdown(article: Article, meta: SaveMeta, win: Win): string {
  const parts = [`# ${escapeMd(article.title)}`];
  parts.push(
    metaLines(article, meta)
      .map(([k, v]) => `${k}: ${v}`)
      .join('  \n'),
  );
  if (article.hero) {
    const { src, caption } = article.hero;
    parts.push(`[${meta.labels.image}](<${src}>)${caption ? `  \n${escapeMd(caption)}` : ''}`);
  }
  const body = parseBody(article.bodyHtml, win);
  for (const el of body.children) parts.push(...blockMd(el, win, meta.labels.image));
  return `${parts.filter((p) => p.trim()).join('\n\n')}\n`;
}

const STYLE = `body{max-width:42em;margin:2em auto;padding:0 1em;line-height:1.8;font-family:'PingFang SC','Hiragino Sans GB','Noto Sans CJK SC','Microsoft YaHei',system-ui,sans-serif;color:#1d1d1f}
:lang(zh-Hant){font-family:'PingFang TC','Noto Sans CJK TC','Microsoft JhengHei',system-ui,sans-serif}
.meta{color:#555;font-size:.85em;overflow-wrap:anywhere}a{color:#a01c24}img{max-width:100%}`;

/** Replaces each image by a link to it (with its alt text): nothing loads when the file opens. */
function imagesAsLinks(body: HTMLElement, label: string): void {
  for (const img of [...body.querySelectorAll('img')]) {
    const src = img.getAttribute('src') ?? img.getAttribute('data-held-src') ?? '';
    const link = body.ownerDocument.createElement('a');
    link.setAttribute('href', src);
    link.textContent = img.getAttribute('alt') ? `${label}: ${img.getAttribute('alt')}` : label;
    img.replaceWith(link);
  }
  // Only the elements the sanitizer allowed reach here; scripts cannot, but a file on disk
  // must hold none whatever happened upstream.
  for (const el of [...body.querySelectorAll('script, iframe, object, embed, style, link')])
    el.remove();
  for (const el of body.querySelectorAll('*')) {
    for (const attr of [...el.attributes])
      if (/^on/i.test(attr.name)) el.removeAttribute(attr.name);
  }
}

export function articleToHtml(article: Article, meta: SaveMeta, win: Win): string {
  const body = parseBody(article.bodyHtml, win);
  imagesAsLinks(body, meta.labels.image);
  const metaHtml = metaLines(article, meta)
    .map(([k, v]) =>
      /^https?:/.test(v) && v === meta.mirrorUrl
        ? `${escapeHtml(k)}: <a href="${escapeHtml(v)}">${escapeHtml(v)}</a>`
        : `${escapeHtml(k)}: ${escapeHtml(v)}`,
    )
    .join('<br>');
  const hero = article.hero
    ? `<p><a href="${escapeHtml(article.hero.src)}">${escapeHtml(meta.labels.image)}</a>${article.hero.caption ? `<br>${escapeHtml(article.hero.caption)}` : ''}</p>`
    : '';
  return `<!doctype html>
<html lang="${escapeHtml(meta.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(article.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<article>
<h1>${escapeHtml(article.title)}</h1>
<p class="meta">${metaHtml}</p>
${hero}
${body.innerHTML}
</article>
</body>
</html>
`;
}
