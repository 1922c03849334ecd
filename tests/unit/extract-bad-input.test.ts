// @vitest-environment jsdom
/**
 * Input that is no page, or a page built to break the extractor: a typed error or an article,
 * never a hang, a crash or a blown stack.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  decodePage,
  extractArticle,
  ExtractError,
  MAX_PAGE_CHARS,
  type ExtractOptions,
} from '../../src/core/extract/extract-article';
import type { SanitizeWindow } from '../../src/core/extract/sanitize';

const noHero = readFileSync(
  join(dirname(fileURLToPath(import.meta.url)), '../fixtures/pages/no-hero.md'),
  'utf8',
);
const [head = '', tail = ''] = noHero.split(/<div><p>[\s\S]*?<\/div>\n/);

/** The no-hero fixture with `body` as its article HTML. */
function pageWith(body: string): string {
  return `${head}${body}\n${tail}`;
}

function errorOf(run: () => unknown): ExtractError {
  try {
    run();
  } catch (error) {
    if (error instanceof ExtractError) return error;
    throw error;
  }
  throw new Error('expected an ExtractError');
}

function extract(text: string, options?: ExtractOptions) {
  return extractArticle(text, window, options);
}

function bodyText(html: string): string {
  return new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '';
}

describe('extractArticle on bad input', () => {
  it('refuses empty text, whitespace and a lone byte-order mark as empty', () => {
    for (const text of ['', '   \n\t ', '\uFEFF'])
      expect(errorOf(() => extract(text)).code).toBe('empty');
    expect(errorOf(() => extract(undefined as unknown as string)).code).toBe('empty');
  });

  it('refuses binary garbage as binary', () => {
    const bytes = new Uint8Array(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
    expect(errorOf(() => decodePage(bytes)).code).toBe('binary');
    const controls = Array.from({ length: 2000 }, (_, i) => String.fromCharCode((i % 8) + 1)).join(
      '',
    );
    expect(errorOf(() => extract(`### 标题\n${controls}`)).code).toBe('binary');
  });

  it('refuses bytes that are mostly invalid UTF-8, and reads a page with a few bad bytes', () => {
    const invalid = new Uint8Array(3000).fill(0xff);
    expect(errorOf(() => decodePage(invalid)).code).toBe('encoding');
    const good = new TextEncoder().encode(noHero);
    const spoiled = new Uint8Array([...good.slice(0, 200), 0xc3, 0x28, ...good.slice(200)]);
    expect(extract(decodePage(spoiled)).title).toBe('示例：没有配图的文章');
  });

  it('says what it refused and why, and serializes to JSON', () => {
    const error = errorOf(() => extract(''));
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/empty/);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'ExtractError',
      code: 'empty',
      message: error.message,
    });
  });

  it(`refuses pages over ${MAX_PAGE_CHARS} characters as too large`, () => {
    const error = errorOf(() => extract(`### 标题\n${'字'.repeat(MAX_PAGE_CHARS)}`));
    expect(error.code).toBe('too-large');
    expect(error.message).toContain(String(MAX_PAGE_CHARS));
  });

  it('reads a 5 MB page of one long text', () => {
    const text = '一段很长的正文，'.repeat(5_000_000 / 24);
    const article = extract(pageWith(`<div><p>${text}</p></div>`));
    expect(article.title).toBe('示例：没有配图的文章');
    expect(bodyText(article.bodyHtml).length).toBe(text.length);
  });

  it('reads a 1 MB page of dense paragraphs', () => {
    const paragraph =
      '<p>\n 一段普通的正文，有<b>粗体</b>也有<ok href="https://example.com/">链接</ok>。\n</p>\n';
    const body = `<div>${paragraph.repeat(1_000_000 / 3 / paragraph.length)}</div>`;
    const article = extract(pageWith(body));
    expect(article.bodyHtml.match(/<p>/g)?.length).toBe(
      Math.floor(1_000_000 / 3 / paragraph.length),
    );
  });

  it('refuses a 5 MB page of dense paragraphs as too large, past the body limit', () => {
    const paragraph = '<p>短段落。</p>\n';
    const error = errorOf(() => extract(pageWith(paragraph.repeat(5_000_000 / 3 / 10))));
    expect(error.code).toBe('too-large');
  });

  it('reads HTML nested 10,000 levels deep without growing the stack', () => {
    const divs = pageWith(`${'<div>层'.repeat(10_000)}最深处${'</div>'.repeat(10_000)}`);
    expect(bodyText(extract(divs).bodyHtml)).toContain('最深处');
    const spans = pageWith(`<p>${'<span><b>'.repeat(5_000)}句子${'</b></span>'.repeat(5_000)}</p>`);
    expect(bodyText(extract(spans).bodyHtml)).toBe('句子');
    // Minghui nests <p> like this; each <p> closes the one before, as in browsers.
    const paragraphs = pageWith(`${'<p>\n 段落\n'.repeat(10_000)}${'</p>\n'.repeat(10_000)}`);
    expect(extract(paragraphs).bodyHtml.match(/<p>段落<\/p>/g)?.length).toBe(10_000);
  });

  it('reads what comes before unclosed tags, comments and attributes', () => {
    const cases: [string, string][] = [
      ['<div><p>正文一<b>粗体<ok href="https://example.com/">链接', '正文一粗体链接'],
      ['<div><p>正文二</p><!-- 没有结束的注释 <p>看不见</p>', '正文二'],
      ['<div><p>正文三</p><img src="https://img.example.org/a.jpg', '正文三'],
      ['<div><p>正文四</p><script>alert(1)', '正文四'],
      ['<div><p>正文五</p><table><tr><td>单元格', '正文五单元格'],
    ];
    for (const [body, text] of cases) {
      const article = extract(pageWith(body));
      expect(article.title).toBe('示例：没有配图的文章');
      expect(bodyText(article.bodyHtml)).toBe(text);
      expect(article.originalUrl).toBe('https://www.epochtimes.com/gb/21/2/1/n90000118.htm');
    }
  });

  it('gives a page with a title and nothing else as an article that lacks a body', () => {
    const article = extract(`${head}\n${tail}`);
    expect(article.title).toBe('示例：没有配图的文章');
    expect(article.bodyHtml).toBe('');
    expect(article.missing).toEqual(['hero', 'body']);
    // No dateline to read: the date comes from the original URL.
    expect(article.published).toBe('2021-02-01');
  });

  it('refuses a page of nothing but the mirror template as no content', () => {
    const template = noHero
      .split('\n')
      .filter((line) => line.startsWith('#### ') || line.startsWith('---'))
      .join('\n');
    expect(errorOf(() => extract(template)).code).toBe('no-content');
  });

  it('refuses a window without a DOM as no-dom', () => {
    const error = errorOf(() => extractArticle(noHero, {} as SanitizeWindow));
    expect(error.code).toBe('no-dom');
  });

  it('computes the mirror URL from the location when the page has no share block', () => {
    const page = pageWith('<p>正文。</p>')
      .split('\n')
      .filter((line) => !line.includes('github.com/begood0513'))
      .join('\n');
    const location = {
      owner: 'begood0513',
      repo: 'goodnews',
      branch: 'master',
      path: 'pages/目录/n90000118.md',
    };
    expect(extract(page).mirrorUrl).toBeNull();
    expect(extract(page, { location }).mirrorUrl).toBe(
      'https://github.com/begood0513/goodnews/blob/master/pages/%E7%9B%AE%E5%BD%95/n90000118.md',
    );
  });
});
