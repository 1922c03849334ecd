// @vitest-environment jsdom
/** The extractor's parts, one behaviour at a time. */
import { describe, expect, it } from 'vitest';
import { cleanTree, isHidden } from '../../src/core/extract/dom-clean';
import { decodeEntities, plainText, UNKNOWN_REF } from '../../src/core/extract/entities';
import { findFigures, findHero, measure } from '../../src/core/extract/hero';
import { parseHtml } from '../../src/core/extract/html-parse';
import { elementsOf, textOf, type HElement } from '../../src/core/extract/html-tree';
import { httpUrl, imageUrl, linkTarget } from '../../src/core/extract/link-policy';
import { splitPage } from '../../src/core/extract/markdown-lines';
import { checkPageText } from '../../src/core/extract/page-text';
import { findPublished, isoDate } from '../../src/core/extract/published';
import { renderBody } from '../../src/core/extract/render-body';
import { sanitizeHtml } from '../../src/core/extract/sanitize';
import { joinedText, spaceBetween } from '../../src/core/extract/text-join';

/** The tree as nested tags, for structure checks: `div(p,p)`. */
function shape(el: HElement): string {
  const kids = el.children
    .filter((c) => !c.dead && (c.type === 'el' || c.text.trim() !== ''))
    .map((c) => (c.type === 'el' ? shape(c) : '#'));
  return `${el.tag}${kids.length ? `(${kids.join(',')})` : ''}`;
}

function render(html: string, base: string | null = null): string {
  const root = parseHtml(html);
  const ctx = { base: base ? new URL(base) : null, isMirrorable: () => false, originalUrl: null };
  cleanTree(root, ctx);
  const figures = findFigures(root, measure(root));
  return renderBody(root, {
    figures,
    link: (el) => linkTarget(el, ctx),
    mediaUrl: (raw) => httpUrl(raw, ctx.base)?.href ?? null,
  }).html;
}

describe('entities', () => {
  it('decodes named, decimal and hexadecimal references', () => {
    expect(decodeEntities('a&nbsp;b&amp;c&#x4E2D;&#25991;&hellip;')).toBe('a\u00a0b&c中文…');
  });

  it('keeps an unknown name for the browser, marked, and refuses NUL and surrogates', () => {
    expect(decodeEntities('x&colon;y')).toBe(`x${UNKNOWN_REF}colon;y`);
    expect(plainText(decodeEntities('x&colon;y'))).toBe('x&colon;y');
    expect(decodeEntities('&#0;&#xD800;')).toBe('\uFFFD\uFFFD');
  });

  it('reads legacy names without a semicolon in text but not before = in attributes', () => {
    expect(decodeEntities('&amp a')).toBe('& a');
    expect(decodeEntities('?a=1&copy=2', true)).toBe('?a=1&copy=2');
  });
});

describe('html-parse', () => {
  it('closes a <p> at the next block, as browsers do with minghui`s nested paragraphs', () => {
    expect(shape(parseHtml('<div>a<p>b<p>c<div>d</div></p></p></div>'))).toBe(
      '#root(div(#,p(#),p(#),div(#)))',
    );
  });

  it('reads </br> as a line break and ignores end tags that close nothing', () => {
    expect(shape(parseHtml('<p>a</br>b</span></p></p>'))).toBe('#root(p(#,br,#))');
  });

  it('keeps table cells in their rows and lists in their items', () => {
    expect(shape(parseHtml('<table><tr><td>a<td>b<tr><td>c</table><ul><li>x<li>y</ul>'))).toBe(
      '#root(table(tr(td(#),td(#)),tr(td(#))),ul(li(#),li(#)))',
    );
  });

  it('skips script and style content, and breaks out of an unclosed svg at a paragraph', () => {
    const root = parseHtml('<script>x<p>y</p></script><style>p{}</style><svg><g><p>正文</p>');
    expect(shape(root)).toBe('#root(script,style,svg(g),p(#))');
  });

  it('drops a tag cut off by the end of the input and reads quoted attributes with >', () => {
    const root = parseHtml('<p title="a>b" data-x=\'1\' hidden>t</p><img src="x');
    const p = elementsOf(root)[0]!;
    expect([...p.attrs]).toEqual([
      ['title', 'a>b'],
      ['data-x', '1'],
      ['hidden', ''],
    ]);
    expect(shape(root)).toBe('#root(p(#))');
  });

  it('caps nesting: deeper start tags are ignored and their text kept', () => {
    const root = parseHtml(`${'<div>'.repeat(1000)}深${'</div>'.repeat(1000)}`);
    expect(elementsOf(root).length).toBe(255);
    expect(textOf(root)).toBe('深');
  });
});

describe('text-join', () => {
  it('drops line breaks next to CJK text and keeps one space between Latin words', () => {
    expect(spaceBetween(2, '诉', '亚')).toBe('');
    expect(spaceBetween(2, 'x', '，')).toBe('');
    expect(spaceBetween(2, 'Trey', 'Gowdy')).toBe(' ');
    expect(spaceBetween(1, '诉', '亚')).toBe(' ');
    expect(
      joinedText(parseHtml('起诉\n <ok>\n  亚马逊\n </ok>\n ，指控 Amazon\n <b>Web</b>')),
    ).toBe('起诉亚马逊，指控 Amazon Web');
  });

  it('separates blocks in joined text', () => {
    expect(joinedText(parseHtml('<div><p>one</p>two</div><p>三</p>'))).toBe('one two三');
  });
});

describe('markdown-lines', () => {
  const share = [
    '<hr/>',
    '手机上长按并复制下列链接或二维码分享本文章：<br/>',
    'https://github.com/o/r/blob/master/pages/x/n1.md <br/>',
    "<a href='https://github.com/o/r/blob/master/pages/x/n1.md'><img src='https://x/n1.md.png'/></a> <br/>",
    '原文地址（需翻墙访问）：https://www.epochtimes.com/gb/21/1/1/n1.htm',
    '',
    '------------------------',
    '#### [首页](../../README.md)',
    "<img src='http://tracker.example/pages/x/n1.md' width='0px' height='0px'/>",
  ].join('\n');

  it('takes the title, the share block`s blob URL and the original URL, and drops them', () => {
    const parts = splitPage(`### 标题 A&amp;B\n-----\n\n<p>正文</p>\n${share}`);
    expect(parts.title).toBe('标题 A&B');
    expect(parts.mirrorUrl).toBe('https://github.com/o/r/blob/master/pages/x/n1.md');
    expect(parts.originalUrl).toBe('https://www.epochtimes.com/gb/21/1/1/n1.htm');
    expect(parts.html).toBe('<p>正文</p>\n<hr/>');
  });

  it('takes a level-one heading or a setext title, and none when the page starts with HTML', () => {
    expect(splitPage('# 一级标题\n<p>x</p>').title).toBe('一级标题');
    expect(splitPage('底线标题\n=====\n<p>x</p>').title).toBe('底线标题');
    expect(splitPage('#### [首页](x)\n<p>x</p>\n### 迟到的标题').title).toBeNull();
  });

  it('drops headings made of links, lines of links and labelled link lines, not images', () => {
    const html = splitPage(
      [
        '### T',
        '#### [ 🔥 推广](http://x/)',
        ' #### [推荐](https://github.com/a) &nbsp; | &nbsp; [更多](https://github.com/b)',
        '[一](http://a) | [二](http://b)',
        '> 导航：[首页](../x.md) | [目录](../y.md)',
        '',
        '![图片说明](https://img.example.org/a.jpg)',
        '',
        '参见[这篇报道](https://example.com/)的说明。',
      ].join('\n'),
    ).html;
    expect(html).toBe(
      '<p><img src="https://img.example.org/a.jpg" alt="图片说明"></p>\n' +
        '<p>参见<a href="https://example.com/">这篇报道</a>的说明。</p>',
    );
  });

  it('keeps an HTML block whole across a dropped promotion line', () => {
    const html = splitPage('<p>\n 第一句，\n#### [ 🔥 推广](http://x/)\n 第二句。\n</p>').html;
    expect(html).toBe('<p>\n 第一句，\n 第二句。\n</p>');
  });

  it('accepts another label on the original line only after the share block, for known originals', () => {
    const page = `<p>正文</p>\n${share.replace('原文地址（需翻墙访问）', 'Source')}`;
    const isOriginal = (url: string) => url.startsWith('https://www.epochtimes.com/');
    expect(splitPage(page, { isOriginal }).originalUrl).toBe(
      'https://www.epochtimes.com/gb/21/1/1/n1.htm',
    );
    expect(splitPage(page).originalUrl).toBeNull();
    expect(
      splitPage('来源：https://www.epochtimes.com/gb/1/1/1/n1.htm', { isOriginal }).originalUrl,
    ).toBeNull();
  });

  it('keeps what follows the original line when it is text, not the template footer', () => {
    const page = `${share}\n\n${'<p>后面还有很长的正文。</p>\n'.repeat(20)}`;
    expect(splitPage(page).html).toContain('后面还有很长的正文');
    expect(splitPage(share).html).not.toContain('tracker.example');
  });
});

describe('published', () => {
  it('reads datelines in Arabic and Chinese numerals', () => {
    expect(findPublished(['【大纪元2021年01月12日讯】正文'], null)).toBe('2021-01-12');
    expect(findPublished(['【新唐人北京时间2019年08月08日讯】'], null)).toBe('2019-08-08');
    expect(findPublished(['【明慧网二零二零年八月二十五日】'], null)).toBe('2020-08-25');
    expect(findPublished(['【明慧网二零一六年十一月十日】'], null)).toBe('2016-11-10');
    expect(findPublished(['【明慧网二零二一年一月三十一日】'], null)).toBe('2021-01-31');
  });

  it('reads a short dated byline, with its time', () => {
    expect(findPublished(['更新 2022-03-04 08:15', '正文'], null)).toBe('2022-03-04T08:15');
    expect(findPublished(['2020年5月6日 10:30', '正文'], null)).toBe('2020-05-06T10:30');
  });

  it('ignores dates inside long text and quotes; falls back to the original URL', () => {
    const quote = `【${'很长的引言'.repeat(10)}2019年5月28日】`;
    expect(
      findPublished([quote], 'https://www.rfa.org/mandarin/a/b/jkdv-05312019110343.html'),
    ).toBe('2019-05-31T11:03');
    expect(findPublished([], 'https://www.epochtimes.com/gb/19/7/31/n11421628.htm')).toBe(
      '2019-07-31',
    );
    expect(findPublished([], 'https://www.ntdtv.com/gb/2022/07/03/a103470752.html')).toBe(
      '2022-07-03',
    );
    expect(findPublished([], null)).toBeNull();
  });

  it('refuses dates that do not exist', () => {
    expect(isoDate(2021, 2, 30)).toBeNull();
    expect(isoDate(1850, 1, 1)).toBeNull();
    expect(isoDate(2021, 1, 1, 25, 0)).toBe('2021-01-01');
  });
});

describe('link-policy', () => {
  const base = new URL('https://www.epochtimes.com/gb/21/1/1/n1.htm');

  it('accepts http(s) only, reads relative URLs against the original, refuses unknown references', () => {
    expect(httpUrl('/gb/x.htm', base)?.href).toBe('https://www.epochtimes.com/gb/x.htm');
    expect(httpUrl('//cdn.example/x.jpg', null)?.href).toBe('https://cdn.example/x.jpg');
    for (const bad of [
      'javascript:alert(1)',
      ' JaVa\tscript:x',
      'data:text/html,x',
      'mailto:a@b',
    ]) {
      expect(httpUrl(bad, base)).toBeNull();
    }
    expect(httpUrl(`javascript${UNKNOWN_REF}colon;x`, base)).toBeNull();
    expect(httpUrl('https://user:pw@example.com/', null)).toBeNull();
  });

  it('makes pseudo-links links only to mirrorable articles; anchors go', () => {
    const [ok, a, anchor] = elementsOf(
      parseHtml(
        '<ok href="https://x.example/a">t</ok><a href="https://x.example/b">u</a><a href="#s">v</a>',
      ),
    );
    const ctx = { base, isMirrorable: (url: string) => url.endsWith('/a') };
    expect(linkTarget(ok!, ctx)).toEqual({ href: 'https://x.example/a', reader: true });
    expect(linkTarget(a!, ctx)).toEqual({ href: 'https://x.example/b', reader: false });
    expect(linkTarget(anchor!, ctx)).toBeNull();
    expect(linkTarget(ok!, { base, isMirrorable: () => false })).toBeNull();
  });

  it('takes a lazy-loading source when src is a placeholder', () => {
    const [img] = elementsOf(
      parseHtml('<img src="/img/blank.gif" data-src="https://i.example/a.jpg">'),
    );
    expect(imageUrl(img!, base)?.href).toBe('https://i.example/a.jpg');
  });
});

describe('dom-clean', () => {
  it('finds hidden elements by attribute and inline style', () => {
    const hidden = [
      '<span hidden>',
      '<span style="display:none">',
      '<span style="DISPLAY : NONE !important">',
      '<span style="visibility:hidden">',
      '<span style="opacity:0">',
      '<span style="font-size:0px">',
      '<span style="height:0;overflow:hidden">',
      '<span style="position:absolute;left:-9999px">',
    ];
    for (const html of hidden) expect(isHidden(elementsOf(parseHtml(html))[0]!)).toBe(true);
    const shown = [
      '<span style="display:block;overflow:hidden">',
      '<span style="opacity:0.5">',
      '<span>',
    ];
    for (const html of shown) expect(isHidden(elementsOf(parseHtml(html))[0]!)).toBe(false);
  });

  it('drops pixels, QR images, ads and the short-link footer, keeping the article', () => {
    const html = render(
      [
        '<p>正文第一段，足够长的正文，足够长的正文，足够长的正文，足够长的正文，足够长的正文，足够长的正文。</p>',
        '<img src="https://t.example/p.gif" width="1" height="1">',
        '<a href="https://github.com/o/r/blob/master/p/n1.md"><img src="https://x/n1.md.png"></a>',
        '<div class="ad-slot">广告</div><ins class="adsbygoogle"></ins>',
        '<p>来源：示例</p>',
        '<p>本文短网址: <input value="http://kzg.io/x"> 版权所有</p>',
        '<p>【推广】订阅我们</p>',
      ].join(''),
    );
    expect(html).toBe(
      '<p>正文第一段，足够长的正文，足够长的正文，足够长的正文，足够长的正文，足够长的正文，足够长的正文。</p><p>来源：示例</p>',
    );
  });
});

describe('hero and figures', () => {
  it('takes the first image before the text as the hero, with its caption', () => {
    const root = parseHtml(
      '<div><img src="https://i/a.jpg"><div class="caption"> 说明 </div></div><p>正文</p>',
    );
    const hero = findHero(root, measure(root));
    expect(hero && { src: hero.src, caption: hero.caption }).toEqual({
      src: 'https://i/a.jpg',
      caption: '说明',
    });
  });

  it('does not take an image after the text as the hero', () => {
    const root = parseHtml(
      '<p>一段正文在图片之前，这段文字比二十个字还要长一些。</p><p><img src="https://i/a.jpg"></p>',
    );
    expect(findHero(root, measure(root))).toBeNull();
  });

  it('keeps a paragraph next to an image as text, not as its caption', () => {
    expect(render('<div><img src="https://i/a.jpg"><p>正文段落</p></div>')).toBe(
      '<figure><img src="https://i/a.jpg" alt="" loading="lazy" referrerpolicy="no-referrer"></figure><p>正文段落</p>',
    );
    expect(render('<div>前面的文字<img src="https://i/a.jpg"></div>')).toContain(
      '<p>前面的文字</p><figure>',
    );
  });
});

describe('render-body', () => {
  it('writes only its own tags and attributes, escaped', () => {
    expect(
      render('<p class="x" style="color:red" onclick="y">a &lt;b&gt; &amp; &quot;c&quot;</p>'),
    ).toBe('<p>a &lt;b&gt; &amp; "c"</p>');
  });

  it('reopens inline marks across a paragraph break and drops empty blocks', () => {
    expect(render('<b>粗<p>体</p></b><p> </p><blockquote> </blockquote>')).toBe(
      '<p><strong>粗</strong></p><p><strong>体</strong></p>',
    );
  });

  it('splits paragraphs at two line breaks and keeps one', () => {
    expect(render('<p>一<br><br>二<br>三<br><br><br></p>')).toBe('<p>一</p><p>二<br>三</p>');
  });

  it('keeps lists, quotes and headings; h1 becomes h2', () => {
    expect(
      render('<h1>大</h1><ol><li>一</li><li>二<p>段</p></li></ol><blockquote>引</blockquote>'),
    ).toBe('<h2>大</h2><ol><li>一</li><li>二<br>段</li></ol><blockquote><p>引</p></blockquote>');
  });
});

describe('sanitize', () => {
  it('keeps the allowlist and forces safe link and image attributes', () => {
    expect(
      sanitizeHtml(
        '<p><a href="https://a.example/" target="_self">x</a><img src="https://i/a.jpg" width="9"></p>',
        window,
      ),
    ).toBe(
      '<p><a href="https://a.example/" target="_blank" rel="noopener noreferrer">x</a><img src="https://i/a.jpg" loading="lazy" referrerpolicy="no-referrer"></p>',
    );
  });

  it('keeps data-mirror-reader only as a reader link`s mark', () => {
    expect(
      sanitizeHtml(
        '<a href="https://a.example/" data-mirror-reader="reader">x</a><p data-mirror-reader="reader">y</p><a data-mirror-reader="reader">z</a>',
        window,
      ),
    ).toBe('<a href="https://a.example/" data-mirror-reader="reader">x</a><p>y</p><a>z</a>');
  });

  it('removes what is not allowed: scripts, styles, handlers, other schemes', () => {
    expect(
      sanitizeHtml(
        '<p style="x" onclick="y">a</p><script>b</script><a href="javascript:c">d</a><img src="data:x">',
        window,
      ),
    ).toBe('<p>a</p><a>d</a><img loading="lazy" referrerpolicy="no-referrer">');
  });
});

describe('page-text', () => {
  it('strips a byte-order mark and accepts ordinary text', () => {
    expect(checkPageText('\uFEFF### 标题')).toBe('### 标题');
  });
});
