import { JSDOM } from 'jsdom';
import { Converter as toTraditional } from 'opencc-js/cn2t';
import { Converter as toSimplified } from 'opencc-js/t2cn';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/article';
import { convertArticle } from '../../src/core/reading/convert-article';
import { converterSpec, convertKeepingUrls } from '../../src/core/reading/convert-text';

const { window } = new JSDOM('');
const upper = (text: string) => text.toUpperCase();

const article: Article = {
  title: '中国经济发展报告',
  source: 'epochtimes.com',
  published: '2021-01-11',
  hero: { src: 'https://i.epochtimes.com/国/头发.jpg', alt: '头发', caption: '图为北京的街头' },
  bodyHtml:
    '<p>这个国家的人民说：<a href="https://www.epochtimes.com/gb/21/1/11/n1.htm">点击这里阅读</a>。</p>' +
    '<p>镜像：<a href="https://github.com/begood0513/goodnews/blob/master/pages/a/说.md">https://github.com/begood0513/goodnews/blob/master/pages/a/说.md</a></p>' +
    '<p>原文见 https://www.ntdtv.com/gb/2022/07/03/a1.html 后面的话</p>',
  images: [{ src: 'https://example.org/a.jpg', alt: '', caption: '头发' }],
  originalUrl: 'https://www.epochtimes.com/gb/21/1/11/n1.htm',
  mirrorUrl: 'https://github.com/begood0513/goodnews/blob/master/pages/a/说.md',
  missing: [],
};

describe('converterSpec', () => {
  it('uses the small traditional→simplified bundle for 简 and the regional tables for 繁', () => {
    expect(converterSpec('cn')).toEqual({ bundle: 't2cn', from: 'tw', to: 'cn' });
    expect(converterSpec('tw')).toEqual({ bundle: 'cn2t', from: 'cn', to: 'tw' });
    expect(converterSpec('hk')).toEqual({ bundle: 'cn2t', from: 'cn', to: 'hk' });
  });
});

describe('convertKeepingUrls', () => {
  it('converts the words around web addresses and leaves the addresses as they are', () => {
    expect(convertKeepingUrls('see https://a.example/x?q=1 and www.b.example/y now', upper)).toBe(
      'SEE https://a.example/x?q=1 AND www.b.example/y NOW',
    );
  });

  it('stops an address at Chinese punctuation', () => {
    expect(convertKeepingUrls('见https://a.example/x。ok', upper)).toBe(
      '见https://a.example/x。OK',
    );
  });
});

describe('convertArticle', () => {
  const traditional = convertArticle(article, toTraditional({ from: 'cn', to: 'tw' }), window);

  it('converts title, caption and body text to traditional (Taiwan)', () => {
    expect(traditional.title).toBe('中國經濟發展報告');
    expect(traditional.hero?.caption).toBe('圖為北京的街頭');
    expect(traditional.images[0]?.caption).toBe('頭髮');
    expect(traditional.bodyHtml).toContain('這個國家的人民說');
    expect(traditional.bodyHtml).toContain('點擊這裡閱讀');
  });

  it('never converts links, link targets, image sources or addresses in the text', () => {
    expect(traditional.hero?.src).toBe(article.hero?.src);
    expect(traditional.mirrorUrl).toBe(article.mirrorUrl);
    expect(traditional.originalUrl).toBe(article.originalUrl);
    const body = new JSDOM(`<body>${traditional.bodyHtml}</body>`).window.document;
    const links = [...body.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://www.epochtimes.com/gb/21/1/11/n1.htm',
      'https://github.com/begood0513/goodnews/blob/master/pages/a/说.md',
    ]);
    expect(links[1]?.textContent).toBe(links[1]?.getAttribute('href'));
    expect(body.body.textContent).toContain('https://www.ntdtv.com/gb/2022/07/03/a1.html 後面的話');
  });

  it('converts Hong Kong and back to simplified', () => {
    const hk = convertArticle(article, toTraditional({ from: 'cn', to: 'hk' }), window);
    expect(hk.title).toBe('中國經濟發展報告');
    const back = convertArticle(traditional, toSimplified({ from: 'tw', to: 'cn' }), window);
    expect(back.title).toBe(article.title);
    expect(back.hero?.caption).toBe(article.hero?.caption);
  });
});
