// @vitest-environment jsdom
/**
 * Attack payloads in mirror pages (tests/fixtures/xss): script tags, event handlers,
 * javascript:/data: URLs, SVG and MathML tricks, pseudo-links with handlers, CSS, meta and
 * base tags, DOMPurify's mutation-XSS vectors, payloads in the Markdown and the template.
 * Each would set `window.__mirrorReaderXss` or load from `https://xss.invalid/` if it ran.
 * None may survive: checked on every page as a whole and on every payload alone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/article';
import { extractArticle } from '../../src/core/extract/extract-article';
import { ALLOWED_TAGS, sanitizeHtml } from '../../src/core/extract/sanitize';
import { validateMirrorPage } from '../../src/core/fetch/page-validity';
import { sentencesAround, titleOf } from '../helpers/xss-pages';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/xss');
const pages = readdirSync(dir)
  .filter((name) => name.endsWith('.md'))
  .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));

const MARKER = /【载荷 (\d+)】/g;
const ATTRIBUTES_ALLOWED = new Set([
  'href',
  'target',
  'rel',
  'data-mirror-reader',
  'src',
  'alt',
  'loading',
  'referrerpolicy',
  'controls',
  'preload',
  'type',
]);
const FORBIDDEN_MARKUP =
  /<(?:script|style|iframe|frame|object|embed|applet|form|input|button|select|textarea|base|meta|link|svg|math|template|noscript)\b/i;

function isHttp(url: string): boolean {
  return /^https?:\/\//i.test(url) && !url.includes('xss.invalid');
}

/** Every way a payload could have survived, as a list of findings (empty when safe). */
function findings(article: Article): string[] {
  const found: string[] = [];
  const html = article.bodyHtml;
  if (html.includes('xss.invalid')) found.push('a reference to xss.invalid');
  if (FORBIDDEN_MARKUP.test(html))
    found.push(`forbidden markup: ${FORBIDDEN_MARKUP.exec(html)?.[0]}`);
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const el of doc.body.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (!ALLOWED_TAGS.includes(tag)) found.push(`tag ${tag}`);
    for (const { name, value } of el.attributes) {
      if (!ATTRIBUTES_ALLOWED.has(name)) found.push(`attribute ${name} on ${tag}`);
      if ((name === 'href' || name === 'src') && !isHttp(value)) found.push(`${name}="${value}"`);
    }
  }
  for (const image of [article.hero, ...article.images]) {
    if (image && !isHttp(image.src)) found.push(`image ${image.src}`);
  }
  if (/[<>]/.test(article.title)) found.push(`markup in the title: ${article.title}`);
  // Stable when parsed and sanitized again: no markup that mutates on the way.
  if (sanitizeHtml(html, window) !== html) found.push('the body changes when sanitized again');
  return found;
}

/** Runs the body in a document that executes scripts, as a last resort check. */
function runsScript(html: string): boolean {
  const dom = new JSDOM(`<!doctype html><body>${html}</body>`, { runScripts: 'dangerously' });
  try {
    const win = dom.window as unknown as { __mirrorReaderXss?: unknown };
    for (const el of dom.window.document.querySelectorAll('*')) {
      el.dispatchEvent(new dom.window.MouseEvent('click', { bubbles: true }));
      el.dispatchEvent(new dom.window.MouseEvent('mouseover', { bubbles: true }));
    }
    return win.__mirrorReaderXss !== undefined;
  } finally {
    dom.window.close();
  }
}

/** The payloads of a fixture page: the HTML after each `【载荷 N】` paragraph. */
function payloadsOf(text: string): { n: number; payload: string }[] {
  const parts = text.split(/<p>\n 【载荷 (\d+)】[^\n]*\n<\/p>\n/);
  const out: { n: number; payload: string }[] = [];
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const payload = (parts[i + 1] ?? '').split(/\n<p>\n /)[0] ?? '';
    out.push({ n: Number(parts[i]), payload });
  }
  return out;
}

/** A mirror page with `payload` in the middle of its article. */
function pageWith(payload: string): string {
  const blob = 'https://github.com/begood0513/goodnews/blob/master/pages/nsc412/n90000199.md';
  return [
    '### 单个载荷的测试页面',
    '------------------------',
    '',
    '#### [首页](../../README.md)  &nbsp;&nbsp;|&nbsp;&nbsp; [美国新闻](../../indexes/E美国新闻.md)',
    '',
    `<div><p>\n 【大纪元2021年03月03日讯】正文开始。\n</p>\n${payload}\n<p>\n 正文结束。\n</p>\n</div>`,
    '<hr/>',
    '手机上长按并复制下列链接或二维码分享本文章：<br/>',
    `${blob} <br/>`,
    `<a href='${blob}'><img src='${blob}.png'/></a> <br/>`,
    '原文地址（需翻墙访问）：https://www.epochtimes.com/gb/21/3/3/n90000199.htm',
  ].join('\n');
}

describe('XSS payloads in mirror pages', () => {
  it('has checks that catch what they look for (they are not vacuous)', () => {
    const unsafe: Article = {
      title: 'x',
      source: null,
      published: null,
      hero: null,
      bodyHtml:
        '<p onclick="window.__mirrorReaderXss=true">a</p><a href="javascript:void 0">b</a>' +
        '<img src="https://xss.invalid/x.png"><svg></svg>',
      images: [],
      originalUrl: null,
      mirrorUrl: null,
      missing: [],
    };
    expect(findings(unsafe)).toEqual(
      expect.arrayContaining([
        'a reference to xss.invalid',
        'forbidden markup: <svg',
        'attribute onclick on p',
        'href="javascript:void 0"',
      ]),
    );
    expect(runsScript('<script>window.__mirrorReaderXss = true</script>')).toBe(true);
    expect(runsScript('<p onclick="window.__mirrorReaderXss = true">a</p>')).toBe(true);
  });

  it('has at least 100 distinct payloads', () => {
    const numbers = pages.flatMap(({ text }) => [...text.matchAll(MARKER)].map((m) => m[1]));
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.length).toBeGreaterThanOrEqual(100);
  });

  for (const { name, text } of pages) {
    describe(name, () => {
      const article = extractArticle(text, window);

      it('leaves no active markup, handler, unsafe URL or xss.invalid reference', () => {
        expect(findings(article)).toEqual([]);
      });

      it('runs no script when the body is put in a live document', () => {
        expect(runsScript(article.bodyHtml)).toBe(false);
      });

      it('still reads the page: title, original and mirror URLs, hero caption', () => {
        expect(article.title).toMatch(/^XSS：/);
        expect(article.originalUrl).toMatch(
          /^https:\/\/www\.epochtimes\.com\/gb\/21\/3\/\d\/n\d+\.htm$/,
        );
        expect(article.mirrorUrl).toMatch(/^https:\/\/github\.com\/begood0513\/goodnews\/blob\//);
        expect(article.hero?.caption).toMatch(/测试页面的配图/);
        expect(article.bodyHtml).not.toContain('手机上长按');
      });

      it('costs only itself: the title and every sentence around the payloads stay', () => {
        const body = new DOMParser().parseFromString(article.bodyHtml, 'text/html').body;
        const shown = (body.textContent ?? '').replace(/\s+/g, ' ');
        for (const sentence of sentencesAround(text)) expect(shown).toContain(sentence);
        expect(article.title).toBe(titleOf(text));
      });

      it('is taken for a mirror page on the way in (no endpoint answer is refused for it)', () => {
        expect(validateMirrorPage(text)).toEqual({ ok: true });
      });

      const payloads = payloadsOf(text);
      if (payloads.length > 0) {
        it('neutralizes each payload on its own', () => {
          for (const { n, payload } of payloads) {
            const alone = extractArticle(pageWith(payload), window);
            expect({ n, findings: findings(alone) }).toEqual({ n, findings: [] });
            expect({ n, runs: runsScript(alone.bodyHtml) }).toEqual({ n, runs: false });
          }
        });
      }
    });
  }
});
