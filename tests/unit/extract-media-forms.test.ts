// @vitest-environment jsdom
// Issue 11: every Markdown and HTML form of an image comes out of extraction as one plain
// image the reader can hold back (titles, reference-style, HTML in Markdown, <picture>);
// srcset, poster, CSS and embeds come out as nothing, and audio never autoplays.
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/core/extract/extract-article';

const ORIGINAL = 'https://www.epochtimes.com/gb/21/3/1/n12800001.htm';

function page(media: string): string {
  return `### 媒体\n-----\n\n第一段文字。\n\n${media}\n\n最后一段文字。\n\n原文地址（需翻墙访问）：${ORIGINAL}\n`;
}

/** Every URL the article would show or load. */
function urls(media: string): string[] {
  const article = extractArticle(page(media), window);
  const found = [...article.bodyHtml.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
  if (article.hero) found.push(article.hero.src);
  return [...new Set(found)].map((u) => new URL(u ?? '').host);
}

describe('media forms in extraction', () => {
  it.each([
    ['an image with a title', '![配图](https://a.example/x.jpg "标题")', ['a.example']],
    ['a reference-style image', '![配图][p]\n\n[p]: https://b.example/x.jpg "t"', ['b.example']],
    ['a collapsed reference image', '![p][]\n\n[P]: <https://c.example/x.jpg>', ['c.example']],
    ['an HTML image in Markdown', '文字 <img src="https://d.example/x.jpg"> 文字', ['d.example']],
    [
      'a picture with sources',
      '<picture><source srcset="https://e1.example/x.webp"><img src="https://e2.example/x.jpg"></picture>',
      ['e2.example'],
    ],
    [
      'srcset',
      '<p><img src="https://f.example/a.jpg" srcset="https://f2.example/b.jpg 2x"></p>',
      ['f.example'],
    ],
    [
      'a video with a poster',
      '<video src="https://g.example/v.mp4" poster="https://g2.example/p.jpg"></video>',
      [],
    ],
    ['CSS url()', '<div style="background:url(https://h.example/x.jpg)">有背景。</div>', []],
    [
      'object and embed',
      '<object data="https://i.example/o"></object><embed src="https://i2.example/e">',
      [],
    ],
    [
      'link tags',
      '<link rel="icon" href="https://j.example/f.ico"><link rel="prefetch" href="https://j2.example/">',
      [],
    ],
  ])('%s', (_what, media, hosts) => {
    expect(urls(media)).toEqual(hosts);
  });

  it('keeps a reference definition out of the text, and links by reference', () => {
    const article = extractArticle(page('见[这里][r]。\n\n[r]: https://k.example/page'), window);
    expect(article.bodyHtml).toContain('href="https://k.example/page"');
    expect(article.bodyHtml).not.toContain('[r]:');
  });

  it('writes audio without autoplay and with preload none', () => {
    const article = extractArticle(
      page('<audio src="https://l.example/a.mp3" autoplay></audio>'),
      window,
    );
    expect(article.bodyHtml).toContain('preload="none"');
    expect(article.bodyHtml).not.toContain('autoplay');
  });
});
