import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/article';
import {
  articleToHtml,
  articleToMarkdown,
  type SaveMeta,
} from '../../src/core/reading/save-formats';

const { window } = new JSDOM('');

const article: Article = {
  title: '标题 *重要* [一]',
  source: 'epochtimes.com',
  published: '2021-01-11',
  hero: { src: 'https://i.epochtimes.com/a.jpg', alt: '', caption: '图说' },
  bodyHtml:
    '<p>第一段<strong>加粗</strong>，<a href="https://example.org/x">链接</a>。</p>' +
    '<h2>小标题</h2>' +
    '<figure><img src="https://i.epochtimes.com/b.jpg" alt="街景"><figcaption>街上</figcaption></figure>' +
    '<ul><li>甲</li><li>乙</li></ul>' +
    '<blockquote><p>引文</p></blockquote>' +
    '<p onclick="alert(1)">末段<br>换行</p>',
  images: [],
  originalUrl: 'https://www.epochtimes.com/gb/21/1/11/n1.htm',
  mirrorUrl: 'https://github.com/begood0513/goodnews/blob/master/pages/nsc412/n1.md',
  missing: [],
};

const meta: SaveMeta = {
  sourceName: '大纪元',
  mirrorUrl: article.mirrorUrl!,
  lang: 'zh-Hans',
  labels: {
    source: '来源',
    published: '发布日期',
    original: '原文地址',
    mirror: '镜像链接',
    image: '图片',
  },
};

describe('articleToMarkdown', () => {
  const md = articleToMarkdown(article, meta, window);

  it('starts with the title (Markdown characters escaped) and the metadata', () => {
    expect(md.startsWith('# 标题 \\*重要\\* \\[一\\]\n\n')).toBe(true);
    expect(md).toContain(
      '来源: 大纪元  \n发布日期: 2021-01-11  \n原文地址: https://www.epochtimes.com/gb/21/1/11/n1.htm  \n镜像链接: https://github.com/begood0513/goodnews/blob/master/pages/nsc412/n1.md',
    );
  });

  it('keeps paragraphs, emphasis, links, headings, lists and quotes', () => {
    expect(md).toContain('第一段**加粗**，[链接](<https://example.org/x>)。');
    expect(md).toContain('\n\n### 小标题\n\n');
    expect(md).toContain('- 甲\n- 乙');
    expect(md).toContain('> 引文');
    expect(md).toContain('末段  \n换行');
  });

  it('names images by link, hero included', () => {
    expect(md).toContain('[图片](<https://i.epochtimes.com/a.jpg>)  \n图说');
    expect(md).toContain('[图片: 街景](<https://i.epochtimes.com/b.jpg>)');
  });
});

describe('articleToHtml', () => {
  const html = articleToHtml(article, meta, window);
  const doc = new JSDOM(html).window.document;

  it("is one document in the text's language with its title and metadata", () => {
    expect(doc.documentElement.lang).toBe('zh-Hans');
    expect(doc.title).toBe(article.title);
    expect(doc.querySelector('h1')?.textContent).toBe(article.title);
    const metaText = doc.querySelector('.meta')?.textContent ?? '';
    expect(metaText).toContain('原文地址: https://www.epochtimes.com/gb/21/1/11/n1.htm');
    expect(doc.querySelector('.meta a')?.getAttribute('href')).toBe(article.mirrorUrl);
  });

  it('stands alone: style inline, no script, no handler, nothing loaded from elsewhere', () => {
    expect(doc.querySelectorAll('script, link, iframe, img').length).toBe(0);
    expect(doc.querySelector('style')?.textContent).toContain('font-family');
    expect(html).not.toMatch(/\son\w+=/i);
    expect(
      doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
    ).toContain("default-src 'none'");
  });

  it('turns images into links to them', () => {
    const hrefs = [...doc.querySelectorAll('a')].map((a) => [
      a.getAttribute('href'),
      a.textContent,
    ]);
    expect(hrefs).toContainEqual(['https://i.epochtimes.com/a.jpg', '图片']);
    expect(hrefs).toContainEqual(['https://i.epochtimes.com/b.jpg', '图片: 街景']);
  });
});
