/**
 * The Markdown layer of a mirror page, line by line: the `###` title, the mirror's navigation
 * and promotion lines (`#### [首页](…) | …`, `#### [ 🔥 …](…)`, also when injected inside the
 * article HTML), rules, the share block, the `原文地址` line and the template after it.
 * What is left is the article as HTML (Markdown paragraphs converted).
 *
 * Junk is recognized by its shape — a heading made of links, a line of nothing but links, a
 * bare github.com blob URL, `label：URL` — never by the words of article text.
 */
import { decodeEntities, plainText } from './entities';

export interface PageParts {
  /** The `###` (or any level 1–3 heading) line before the article, when there is one. */
  title: string | null;
  /** The URL of the `原文地址` line. */
  originalUrl: string | null;
  /** The github.com blob URL of the share block. */
  mirrorUrl: string | null;
  /** The rest of the page as HTML. */
  html: string;
}

export interface SplitOptions {
  /** Whether a URL is an original we know (used when the original line has no label we know). */
  isOriginal?: (url: string) => boolean;
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))??(?:[ \t]+#+)?[ \t]*$/;
const MD_LINK = /!?\[[^\]\n]*\]\([^)\n]*\)/g;
const HAS_MD_LINK = /\[[^\]\n]*\]\([^)\n]*\)/;
const TEXT_LINK = /(?<!!)\[[^\]\n]*\]\([^)\n]*\)/g;
const RULE = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:=[ \t]*){3,})$/;
// What separates the links of a navigation line.
const LINK_SEPARATORS = /(?:&nbsp;|&#160;|[\s|｜·•/\\,，、\-–—])+/g;
const BLOB_LINE =
  /^\s*(https:\/\/github\.com\/[^\s/<>"']+\/[^\s/<>"']+\/blob\/[^\s<>"']+)\s*(?:<br\s*\/?>\s*)*$/i;
const ORIGINAL_LINE =
  /^(\s*)([^<>\s][^<>\n]{0,40}?)\s*[：:]\s*(https?:\/\/[^\s<>"']+)\s*(?:<br\s*\/?>\s*)*$/i;
const ORIGINAL_LABEL = /原文|原始|original/i;
/** The label a navigation line may carry before its links (`导航：`). */
const NAV_LABEL_MAX = 8;
const TAGS = /<[^>]*>/g;
const BR = /<br\s*\/?>/gi;

/** The text a line shows, roughly: no tags, no Markdown links, no separators. */
function visibleText(line: string): string {
  return line.replace(TAGS, '').replace(MD_LINK, '').replace(LINK_SEPARATORS, '');
}

/**
 * Navigation and promotion: a heading with links, a line of nothing but links, or links with
 * no more than a short label (`导航：[首页](…) | [目录](…)`).
 */
function isLinkLine(line: string): boolean {
  if (!HAS_MD_LINK.test(line)) return false;
  if (ATX.test(line)) return true;
  const links = line.match(TEXT_LINK)?.length ?? 0;
  if (links === 0) return false; // Images alone are content.
  const rest = line
    .replace(MD_LINK, '')
    .replace(/^\s*(?:>\s*)*(?:[-*+]\s+)?/, '')
    .replace(LINK_SEPARATORS, '');
  return rest === '' || (links >= 2 && [...rest].length <= NAV_LABEL_MAX);
}

function headingTitle(line: string): string | null {
  const m = ATX.exec(line);
  if (!m || (m[1]?.length ?? 7) > 3 || HAS_MD_LINK.test(line)) return null;
  const text = plainText(decodeEntities(unescapeMarkdown(m[2] ?? '').replace(TAGS, ''))).trim();
  return text === '' ? null : text;
}

function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

export function splitPage(text: string, options: SplitOptions = {}): PageParts {
  const lines = text.split(/\r\n?|\n/);
  const drop = new Uint8Array(lines.length);

  // The title: the first heading of level 1-3 before the article's HTML starts.
  let title: string | null = null;
  for (let i = 0; i < lines.length && i < 60; i++) {
    const line = lines[i] ?? '';
    if (isBlank(line)) continue;
    if (line.trimStart().startsWith('<')) break;
    const heading = headingTitle(line);
    if (heading !== null) {
      title = heading;
      drop[i] = 1;
      break;
    }
    // Setext: a plain line underlined with `===` or `---`.
    const next = lines[i + 1];
    if (next !== undefined && /^ {0,3}(?:=+|-+)[ \t]*$/.test(next) && !HAS_MD_LINK.test(line)) {
      const plain = plainText(decodeEntities(line.replace(TAGS, ''))).trim();
      if (plain !== '' && !ATX.test(line)) {
        title = plain;
        drop[i] = 1;
        drop[i + 1] = 1;
        break;
      }
    }
  }

  lines.forEach((line, i) => {
    if (RULE.test(line) || isLinkLine(line)) drop[i] = 1;
  });

  // The share block: a prompt line, the page's github.com blob URL alone on a line, the QR image.
  let mirrorUrl: string | null = null;
  let shareEnd = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = BLOB_LINE.exec(lines[i] ?? '');
    if (!m?.[1]) continue;
    mirrorUrl = m[1];
    drop[i] = 1;
    shareEnd = i;
    for (let j = i - 1; j >= Math.max(0, i - 2); j--) {
      const prompt = (lines[j] ?? '').replace(BR, '').trim();
      if (prompt === '') continue;
      if (!prompt.includes('<') && prompt.length <= 120 && /[：:]$/.test(prompt)) drop[j] = 1;
      break;
    }
    for (let j = i + 1; j < lines.length && j <= i + 3; j++) {
      const line = lines[j] ?? '';
      if (isBlank(line)) continue;
      const rest = line.replace(/<\/?a\b[^>]*>|<img\b[^>]*>|<br\s*\/?>/gi, '').trim();
      if (rest === '' && /<img\b/i.test(line)) {
        drop[j] = 1;
        shareEnd = j;
      }
      break;
    }
    break;
  }

  // The original URL: `原文地址（需翻墙访问）：<url>`. Another label is accepted at the start of a
  // line after the share block when the URL is an original we know.
  let originalUrl: string | null = null;
  let originalAt = -1;
  let fallbackAt = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = ORIGINAL_LINE.exec(lines[i] ?? '');
    if (!m) continue;
    if (ORIGINAL_LABEL.test(m[2] ?? '')) {
      originalAt = i;
      break;
    }
    const url = m[3] ?? '';
    if (
      fallbackAt < 0 &&
      m[1] === '' &&
      i > shareEnd &&
      shareEnd >= 0 &&
      options.isOriginal?.(url)
    ) {
      fallbackAt = i;
    }
  }
  if (originalAt < 0) originalAt = fallbackAt;
  if (originalAt >= 0) {
    originalUrl = ORIGINAL_LINE.exec(lines[originalAt] ?? '')?.[3] ?? null;
    drop[originalAt] = 1;
  }

  // After the original line (or the share block) comes the template's footer: rules,
  // navigation and a tracking pixel. Cut it when it holds no text worth showing.
  const tailFrom = Math.max(originalAt, shareEnd);
  if (tailFrom >= 0) {
    let rest = 0;
    for (let i = tailFrom + 1; i < lines.length && rest < 100; i++) {
      if (!drop[i]) rest += visibleText(lines[i] ?? '').length;
    }
    if (rest < 100) drop.fill(1, tailFrom + 1);
  }

  return { title, originalUrl, mirrorUrl, html: toHtml(lines, drop) };
}

/**
 * Blocks (runs of lines between blank or dropped lines) that start with a tag are raw HTML,
 * as in CommonMark; others are Markdown paragraphs or headings, converted.
 */
function toHtml(lines: string[], drop: Uint8Array): string {
  const out: string[] = [];
  let block: string[] = [];
  // Reference definitions (`[id]: url "title"`) serve `![alt][id]` and `[text][id]`; they show nothing.
  const refs: References = new Map();
  lines.forEach((line, i) => {
    const def = drop[i] ? null : REF_DEF.exec(line);
    if (def?.[1] && def[2] && !refs.has(def[1].toLowerCase())) {
      refs.set(def[1].toLowerCase(), def[2]);
      drop[i] = 1;
    }
  });
  const flush = (): void => {
    if (block.length === 0) return;
    const first = block[0] ?? '';
    if (first.trimStart().startsWith('<')) out.push(block.join('\n'));
    else out.push(markdownBlock(block, refs));
    block = [];
  };
  // A dropped line is gone, not a break: an HTML block around it goes on (a promotion line
  // injected inside a paragraph must not split it).
  lines.forEach((line, i) => {
    if (drop[i]) return;
    if (isBlank(line)) flush();
    else block.push(line);
  });
  flush();
  return out.join('\n');
}

type References = Map<string, string>;

const REF_DEF =
  /^ {0,3}\[([^\]\n]{1,100})\]:[ \t]*<?([^\s>]+)>?(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$/;

function markdownBlock(block: string[], refs: References): string {
  const parts: string[] = [];
  let paragraph: string[] = [];
  const flushParagraph = (): void => {
    if (paragraph.length > 0) parts.push(`<p>${markdownInline(paragraph.join('\n'), refs)}</p>`);
    paragraph = [];
  };
  for (const line of block) {
    const heading = ATX.exec(line);
    if (heading && heading[2] !== undefined) {
      flushParagraph();
      const level = Math.max(2, heading[1]?.length ?? 2);
      parts.push(`<h${level}>${markdownInline(heading[2], refs)}</h${level}>`);
    } else {
      paragraph.push(line.trim());
    }
  }
  flushParagraph();
  return parts.join('\n');
}

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** Images, links (inline and by reference), autolinks, strong emphasis and escapes; inline HTML passes as it is. */
function markdownInline(text: string, refs: References): string {
  const ref = (label: string, fallback: string): string | undefined =>
    refs.get((label || fallback).toLowerCase());
  return text
    .replace(/!\[([^\]\n]*)\]\[([^\]\n]*)\]/g, (m, alt: string, label: string) => {
      const src = ref(label, alt);
      return src ? `<img src="${attribute(src)}" alt="${attribute(alt)}">` : m;
    })
    .replace(/(?<!!)\[([^\]\n]+)\]\[([^\]\n]*)\]/g, (m, text: string, label: string) => {
      const href = ref(label, text);
      return href ? `<a href="${attribute(href)}">${text}</a>` : m;
    })
    .replace(
      /!\[([^\]\n]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g,
      (_m, alt: string, src: string) => `<img src="${attribute(src)}" alt="${attribute(alt)}">`,
    )
    .replace(
      /\[([^\]\n]+)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g,
      (_m, label: string, href: string) => `<a href="${attribute(href)}">${label}</a>`,
    )
    .replace(
      /<(https?:\/\/[^\s<>]+)>/g,
      (_m, href: string) => `<a href="${attribute(href)}">${href}</a>`,
    )
    .replace(
      /\*\*([^*\n]+)\*\*|__([^_\n]+)__/g,
      (_m, a?: string, b?: string) => `<strong>${a ?? b}</strong>`,
    )
    .replace(/\\([!-/:-@[-`{-~])/g, (_m, ch: string) =>
      ch === '<' ? '&lt;' : ch === '&' ? '&amp;' : ch,
    );
}
