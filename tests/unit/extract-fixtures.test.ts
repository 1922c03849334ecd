// @vitest-environment jsdom
/**
 * One synthetic mirror page per layout family and per kind of junk (tests/fixtures/pages):
 * what the reader must show, what it must say is missing, and the junk it must never show.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Article, ArticlePart } from '../../src/core/article';
import { extractArticle } from '../../src/core/extract/extract-article';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/pages');

function extract(name: string): Article {
  return extractArticle(readFileSync(join(dir, name), 'utf8'), window);
}

/** The text of each top-level block of the body. */
function blocks(html: string): string[] {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return [...doc.body.children].map((el) => el.textContent ?? '');
}

/** Junk every page of the mirror template carries. */
const TEMPLATE_JUNK = [
  '手机上长按',
  '原文地址',
  '首页',
  '翻墙教程',
  'github.com',
  'gfw-breaker.win',
  '.md.png',
  '退出中共组织',
  '禁书下载',
  '推广',
];

interface Expected {
  title: string;
  source: string | null;
  published: string | null;
  hero: { src: string; caption: string } | null;
  first: string;
  last: string;
  originalUrl: string | null;
  mirrorUrl: string | null;
  missing: ArticlePart[];
  images?: { src: string; caption: string }[];
  /** Text or markup the body must hold. */
  contains?: string[];
  /** Text or markup the body must not hold, beyond the template's junk. */
  junk?: string[];
  /** Words of the template junk that this page's own text uses. */
  ownWords?: string[];
}

const GOODNEWS = 'https://github.com/begood0513/goodnews/blob/master/pages';

const cases: Record<string, Expected> = {
  'epochtimes-old.md': {
    title: '示例：港口城市举办灯会 游客络绎不绝',
    source: 'epochtimes.com',
    published: '2019-07-30',
    hero: {
      src: 'https://i.epochtimes.com/assets/uploads/2019/07/example-lanterns-600x400.jpg',
      caption: '港口城市的灯会现场人潮涌动，孩子们提着花灯。(示例图片/大纪元)',
    },
    first:
      '【大纪元2019年07月30日讯】（大纪元记者林示例报导）本周末，港口城市举办了一年一度的灯会，吸引了数万名市民和游客前来观赏。',
    last: '责任编辑：林示例',
    originalUrl: 'https://www.epochtimes.com/gb/19/7/30/n90000101.htm',
    mirrorUrl: `${GOODNEWS}/nsc423/n90000101.md`,
    missing: [],
    junk: ['特稿', '翻墙必看视频', 'main_content'],
  },
  'epochtimes-new.md': {
    title: '示例：大学图书馆延长开放时间 学生叫好',
    source: 'epochtimes.com',
    published: '2021-01-12',
    hero: {
      src: 'https://i.epochtimes.com/assets/uploads/2021/01/example-library-600x400.jpg',
      caption: '学生在图书馆里自习。(示例图片/Getty Images)',
    },
    first:
      '【大纪元2021年01月12日讯】（大纪元记者周示例综合报导）周一（1月11日），一所大学宣布图书馆将延长开放时间，以方便学生在考试期间复习。',
    last: '责任编辑：周示例#',
    originalUrl: 'https://www.epochtimes.com/gb/21/1/11/n90000102.htm',
    mirrorUrl: `${GOODNEWS}/nsc412/n90000102.md`,
    missing: [],
    contains: ['<h4>学生反应热烈</h4>', '<em>（英文大纪元记者Jane Example对本文有贡献）</em>'],
    junk: ['示例纪录片', '198.51.100.7', '翻墙必看视频'],
  },
  'mh-news-epochtimes.md': {
    title: '示例乐团音乐会 观众赞旋律优美',
    source: 'epochtimes.com',
    published: '2020-03-15',
    hero: {
      src: 'https://i.epochtimes.com/assets/uploads/2020/03/example-concert-600x400.jpg',
      caption: '2020年3月14日晚，观众在剧院观看示例音乐会。（示例摄影／大纪元）',
    },
    first:
      '【大纪元2020年03月15日讯】（大纪元记者吴示例美国报导）3月14日晚，示例乐团在剧院（Example Theater）举行了今年的第二场音乐会。',
    last: '责任编辑：吴示例',
    originalUrl: 'https://www.epochtimes.com/gb/20/3/15/n90000103.htm',
    mirrorUrl: 'https://github.com/gfw-breaker/mh-news/blob/master/pages/nf4778/n90000103.md',
    missing: [],
    images: [
      {
        src: 'https://i.epochtimes.com/assets/uploads/2020/03/example-engineer-450x300.jpg',
        caption: '工程师John Example先生与太太一起观看了音乐会。（示例摄影／大纪元）',
      },
    ],
    contains: ['<h4>工程师：旋律令人难忘</h4>'],
  },
  'ntdtv.md': {
    title: '示例：跨海大桥通车 通勤时间缩短一半',
    source: 'ntdtv.com',
    published: '2019-08-08',
    hero: {
      src: 'https://i.ntdtv.com/assets/uploads/2019/08/example-bridge-800x450.jpg',
      caption: '新建成的跨海大桥正式通车，车辆排队通过。（示例图片）',
    },
    first: '【新唐人北京时间2019年08月08日讯】沿海城市的跨海大桥周四正式通车，全长二十多公里。',
    last: '（记者示例报导/责任编辑：示例）',
    originalUrl: 'https://www.ntdtv.com/gb/2019/08/08/a90000104.html',
    mirrorUrl: `${GOODNEWS}/prog1138/a90000104.md`,
    missing: [],
    images: [
      {
        src: 'https://i.ntdtv.com/assets/uploads/2019/08/example-traffic-600x319.jpg',
        caption: '通车首日，大桥上车流不断。（示例图片）',
      },
    ],
    contains: ['<strong>通勤时间大幅缩短</strong>'],
    junk: ['single_ad', 'example-bridge.jpg'],
  },
  'secretchina.md': {
    title: '示例：菜价上涨 市民叫苦(图)',
    source: 'secretchina.com',
    published: '2022-04-15',
    hero: {
      src: 'https://img5.secretchina.com/pic/2022/4-15/example-market-ss.jpg',
      caption: '菜市场里的摊贩在等待顾客。（图片来源：示例摄影）',
    },
    first:
      '【看中国2022年4月15日讯】（看中国记者示例综合报导）近日一段名为“菜价上涨”的视频在网上流传。',
    last: '来源:看中国',
    originalUrl: 'https://www.secretchina.com/news/gb/2022/04/15/1000105.html',
    mirrorUrl: `${GOODNEWS}/p1/1000105.md`,
    missing: [],
    contains: [
      // A pseudo-link to an article we can mirror becomes a reader link.
      '<a href="https://www.secretchina.com/news/gb/2022/04/10/1000001.html" data-mirror-reader="reader">相关文章</a>',
      '<blockquote><p>菜价一天一个样，老百姓怎么过日子？pic.twitter.com/example1</p>',
      '一位摊主则表示，进货价也涨了，自己也没有办法。<br>另一位摊主说：“生意一天比一天难做。”',
    ],
    junk: [
      '隐藏的站名',
      '本文短网址',
      'kzg.io',
      '版权所有',
      '严禁建立镜像网站',
      '荣誉会员',
      'kzgmembership',
      'adsbygoogle',
      'div-gpt-ad',
      'txt-mid',
      '<hr>',
    ],
  },
  'soundofhope.md': {
    title: '示例：前议员称文件公开将改变看法',
    source: 'soundofhope.org',
    published: '2019-05-20',
    hero: {
      src: 'http://img.soundofhope.org/2019/05/example-smith-600x400.jpg',
      caption: '前议员史密斯-视频截图',
    },
    first:
      '【希望之声2019年5月20日】（本台记者示例综合编译）来自示例州的前议员史密斯（John Smith）5月19日告诉记者，FBI的文件显示，调查从2016年就开始了。',
    last: '（希望之声版权所有，未经希望之声书面允许，不得转载，违者必究。）',
    originalUrl: 'http://www.soundofhope.org/gb/2019/05/20/n90000106.html',
    mirrorUrl: 'https://github.com/begood0513/banned-news/blob/master/pages/soh_rdzz/n90000106.md',
    missing: [],
    contains: ['<p>责任编辑：示例</p>'],
    junk: ['adsbygoogle', 'ad-300x250', 'Example Post Embed', 'Lucida'],
  },
  'rfa.md': {
    title: '专栏 | 示例的声音：三十年前的往事',
    source: 'rfa.org',
    // No dateline: the original URL's id carries the time.
    published: '2019-05-31T11:03',
    hero: {
      src: 'https://www.rfa.org/mandarin/zhuanlan/example/example-photo.jpg/image',
      caption: '图片：示例人物近照（示例提供）',
    },
    first: '【编者按：这是一段示例引言，介绍本期节目的主题。】',
    last: '第三段：节目的最后，受访者谈到了对未来的期望。',
    originalUrl: 'https://www.rfa.org/mandarin/zhuanlan/example_column/jkdv-05312019110343.html',
    mirrorUrl:
      'https://github.com/begood0513/banned-news/blob/master/pages/example_column/jkdv-05312019110343.md',
    missing: [],
    images: [
      {
        src: 'https://www.rfa.org/mandarin/zhuanlan/example/book.jpg',
        caption: '示例书籍封面。（示例出版社）',
      },
    ],
    // Two line breaks in a row split a paragraph.
    contains: [
      '<p>第一段：记者与受访者谈起了三十年前的往事。</p><p>第二段：受访者说，那段日子至今难忘。</p>',
    ],
    junk: ['<br>', 'zoomattribute', 'slot_header'],
  },
  'minghui.md': {
    title: '示例学员讲述亲身经历（图）',
    source: 'minghui.org',
    published: '2020-03-30',
    hero: null,
    first:
      '【明慧网二零二零年三月三十日】（明慧网通讯员示例报道）第一段：示例地区的法轮功学员讲述了她们的经历。',
    last: '最后一段：示例正文到此结束。',
    originalUrl:
      'http://www.minghui.org/mh/articles/2020/3/30/示例学员讲述亲身经历（图）-400108.html',
    mirrorUrl: 'https://github.com/gfw-breaker/mh-news/blob/master/pages/251/400108.md',
    missing: ['hero'],
    images: [
      {
        src: 'http://www.minghui.org/mh/article_images/2020-3-30-example_01--ss.jpg',
        caption: '图1：示例图片说明一',
      },
      { src: 'http://www.minghui.org/mh/article_images/2020-3-30-example_02--ss.jpg', caption: '' },
    ],
    contains: [
      '<a href="http://www.minghui.org/mh/articles/2020/3/10/400107.html" data-mirror-reader="reader"><u>示例相关报道</u></a>',
      '<p>第25段：示例正文，用来构成二十层以上的嵌套段落。</p>',
      '<img src="http://www.minghui.org/mh/article_images/2020-3-30-example_01--ss.jpg" alt="图1：示例图片说明一"',
    ],
    junk: ['glossary', '&amp;#039', '<table', '<center'],
  },
  'promo-mid-article.md': {
    title: '示例：网友翻墙保存截图',
    source: 'epochtimes.com',
    published: '2021-02-01',
    hero: {
      src: 'https://i.epochtimes.com/assets/uploads/2021/02/example-promo-600x400.jpg',
      caption: '示例配图说明：山间小路。(示例图片)',
    },
    // The promotion line inside the paragraph is gone and the sentence joins across it.
    first:
      '【大纪元2021年02月01日讯】第一段：很多网友需要翻墙才能看到这篇报道，他们说，翻墙已经成了日常生活的一部分。',
    last: '第三段：示例正文结束。',
    originalUrl: 'https://www.epochtimes.com/gb/21/2/1/n90000110.htm',
    mirrorUrl: `${GOODNEWS}/nsc412/n90000110.md`,
    missing: [],
    contains: ['第二段：网站首页上的新闻被删除了，但是网友们保存了截图。'],
    junk: ['插入段落中间的推广链接', '段落之间的推广链接', '198.51.100.7', '美国新闻'],
    ownWords: ['首页'],
  },
  'ads.md': {
    title: '示例：各种广告都不该出现',
    source: 'epochtimes.com',
    published: '2021-02-02',
    hero: {
      src: 'https://i.epochtimes.com/assets/uploads/2021/02/example-ads-600x400.jpg',
      caption: '示例配图说明：会场外景。(示例图片)',
    },
    first: '【大纪元2021年02月02日讯】第一段：示例正文开始。',
    last: '第四段：示例正文结束。',
    originalUrl: 'https://www.epochtimes.com/gb/21/2/1/n90000111.htm',
    mirrorUrl: `${GOODNEWS}/nsc412/n90000111.md`,
    missing: [],
    // A long text in a container whose name mentions `ad` is the article's.
    contains: ['第三段：这一段属于正文'],
    junk: ['广告', '赞助', 'ads.example', '数据属性标记的广告'],
  },
  'hidden.md': {
    title: '示例：隐藏内容不该出现',
    source: 'epochtimes.com',
    published: '2021-02-03',
    hero: {
      src: 'https://i.epochtimes.com/assets/uploads/2021/02/example-hidden-600x400.jpg',
      caption: '示例配图说明：街景。(示例图片)',
    },
    first: '【大纪元2021年02月03日讯】第一段：示例正文开始。',
    last: '第三段：示例正文结束。',
    originalUrl: 'https://www.epochtimes.com/gb/21/2/1/n90000112.htm',
    mirrorUrl: `${GOODNEWS}/nsc412/n90000112.md`,
    missing: [],
    contains: ['<p>第二段：示例正文继续。</p>'],
    junk: ['隐藏'],
  },
  'pseudo-links.md': {
    title: '示例：链接的各种写法',
    source: 'epochtimes.com',
    published: '2021-02-04',
    hero: {
      src: 'https://i.epochtimes.com/assets/uploads/2021/02/example-links-600x400.jpg',
      caption: '示例配图说明：书架。(示例图片)',
    },
    first:
      '【大纪元2021年02月04日讯】第一段：标签示例标签变成文字；可镜像的文章变成阅读器链接；新唐人的文章也是；相对地址的文章按原文地址解析。',
    last: '第三段：页内锚点只留文字；伪链接指向普通网站只留文字。',
    originalUrl: 'https://www.epochtimes.com/gb/21/2/1/n90000113.htm',
    mirrorUrl: `${GOODNEWS}/nsc412/n90000113.md`,
    missing: [],
    contains: [
      '标签示例标签变成文字',
      '<a href="https://www.epochtimes.com/gb/21/1/11/n90000120.htm" data-mirror-reader="reader">可镜像的文章</a>',
      '<a href="https://www.ntdtv.com/gb/2022/07/03/a90000121.html" data-mirror-reader="reader">新唐人的文章</a>',
      '<a href="https://www.epochtimes.com/gb/21/1/12/n90000122.htm" data-mirror-reader="reader">相对地址的文章</a>',
      '<a href="https://example.com/report.html" target="_blank" rel="noopener noreferrer">外部报告</a>',
      '脚本链接、数据链接、邮件链接只留文字',
      '<a href="https://www.epochtimes.com/gb/21/1/13/n90000123.htm" data-mirror-reader="reader">真链接指向可镜像文章</a>',
    ],
    junk: [
      'javascript:',
      'data:',
      'mailto:',
      '/tag/',
      '#section',
      'evil',
      '_self',
      'not-an-article',
    ],
    ownWords: ['原文地址'],
  },
  'inputs.md': {
    title: '示例：正文里的输入框',
    source: 'epochtimes.com',
    published: '2021-02-05',
    hero: {
      src: 'https://i.epochtimes.com/assets/uploads/2021/02/example-inputs-600x400.jpg',
      caption: '示例配图说明：表格。(示例图片)',
    },
    first: '【大纪元2021年02月05日讯】第一段：示例正文开始。',
    last: '第四段：示例正文结束。',
    originalUrl: 'https://www.epochtimes.com/gb/21/2/1/n90000114.htm',
    mirrorUrl: `${GOODNEWS}/nsc412/n90000114.md`,
    missing: [],
    contains: ['<p>第二段：表单里的正文保留。</p>', '第三段：示例正文继续'],
    junk: ['<input', '<form', '<button', '按钮文字', '选项一', '文本框内容', 'javascript', 'alert'],
  },
  'split-spans.md': {
    title: '示例：被拆散的句子',
    source: 'epochtimes.com',
    published: '2021-02-06',
    hero: {
      src: 'https://i.epochtimes.com/assets/uploads/2021/02/example-spans-600x400.jpg',
      caption: '示例配图说明：拼图。(示例图片)',
    },
    // Joined without the pretty-printer's line breaks; spaces only between Latin words.
    first:
      '【大纪元2021年02月06日讯】这是一句被拆成许多小片段的话，其中还有English words和数字2021年。',
    last: '第二段：中文加粗文字和Latin words mixed together，结束。',
    originalUrl: 'https://www.epochtimes.com/gb/21/2/1/n90000115.htm',
    mirrorUrl: `${GOODNEWS}/nsc412/n90000115.md`,
    missing: [],
    contains: ['中文<strong>加粗</strong>文字和<em>Latin words'],
    junk: ['<span', 'class='],
  },
  'last-paragraph.md': {
    title: '示例：最后一段里的编辑署名和推广',
    source: 'secretchina.com',
    published: '2022-05-01',
    hero: null,
    first:
      '【看中国2022年5月1日讯】第一段：示例正文开始，这是一篇没有配图的文章。示例正文，示例正文，示例正文，示例正文，示例正文，示例正文，示例正文。',
    // The editor's credit stays; the short-link box and the members' drive after it go.
    last: '责任编辑：示例编辑',
    originalUrl: 'https://www.secretchina.com/news/gb/2022/05/01/1000116.html',
    mirrorUrl: `${GOODNEWS}/p1/1000116.md`,
    missing: ['hero'],
    contains: ['<p>最后一段：示例正文结束。</p>'],
    junk: ['本文短网址', 'kzg.io', '版权所有', '荣誉会员', 'membership', '<img'],
  },
  'audio-only.md': {
    title: '示例：广播节目（音频）',
    source: 'soundofhope.org',
    published: '2019-05-22',
    hero: null,
    first: '',
    last: '',
    originalUrl: 'http://www.soundofhope.org/gb/2019/05/22/n90000117.html',
    mirrorUrl: 'https://github.com/begood0513/banned-news/blob/master/pages/soh_rdzz/n90000117.md',
    missing: ['hero', 'body'],
    contains: [
      '<audio controls="" preload="none"><source src="https://media.soundofhope.org/audio/2019/05/example-program.mp3" type="audio/mpeg"></audio>',
    ],
    junk: ['javascript', 'onplay', '您的浏览器不支持'],
  },
  'no-hero.md': {
    title: '示例：没有配图的文章',
    source: 'epochtimes.com',
    published: '2021-02-07',
    hero: null,
    first: '【大纪元2021年02月07日讯】第一段：这篇示例文章没有配图。',
    last: '第二段：示例正文结束。',
    originalUrl: 'https://www.epochtimes.com/gb/21/2/1/n90000118.htm',
    mirrorUrl: `${GOODNEWS}/nsc412/n90000118.md`,
    missing: ['hero'],
  },
  'no-title.md': {
    // Derived from the first sentence, without its dateline.
    title: '第一段：这个页面没有标题行。',
    source: 'epochtimes.com',
    published: '2021-02-08',
    hero: {
      src: 'https://i.epochtimes.com/assets/uploads/2021/02/example-notitle-600x400.jpg',
      caption: '示例配图说明：空白的标题栏。(示例图片)',
    },
    first: '【大纪元2021年02月08日讯】第一段：这个页面没有标题行。标题应从第一句话得出。',
    last: '第二段：示例正文结束。',
    originalUrl: 'https://www.epochtimes.com/gb/21/2/1/n90000119.htm',
    mirrorUrl: `${GOODNEWS}/nsc412/n90000119.md`,
    missing: ['title'],
  },
  'no-original.md': {
    title: '示例：没有原文地址的页面',
    source: null,
    published: null,
    hero: {
      src: 'https://i.epochtimes.com/assets/uploads/2021/02/example-noorig-600x400.jpg',
      caption: '示例配图说明：没有原文地址。(示例图片)',
    },
    first: '第一段：这个页面没有原文地址一行，也没有日期。',
    last: '第二段：示例正文结束。',
    originalUrl: null,
    mirrorUrl: `${GOODNEWS}/nsc412/n90000124.md`,
    missing: ['originalUrl', 'published'],
    ownWords: ['原文地址'],
  },
  'unknown-layout.md': {
    title: '示例：从未见过的模板',
    source: 'epochtimes.com',
    published: '2023-03-03',
    hero: null,
    first:
      '【示例新闻2023年3月3日】 第一段：这是用Markdown写的正文，软换行之后的文字应该连在一起。',
    last: '列表第一项列表第二项',
    originalUrl: 'https://www.epochtimes.com/gb/23/3/3/n90000125.htm',
    mirrorUrl: null,
    missing: ['hero', 'mirrorUrl'],
    images: [{ src: 'https://img.example.org/2023/03/example.jpg', caption: '' }],
    contains: [
      '<a href="https://example.com/page" target="_blank" rel="noopener noreferrer">外部链接</a>',
      '<h2>HTML小标题</h2>',
      '<p>第三段：HTML 写的正文也要保留。</p>',
      '<ul><li>列表第一项</li><li>列表第二项</li></ul>',
    ],
    junk: ['导航', '目录', '推广链接', '<section', '<article'],
  },
};

describe('extractArticle on each layout family and kind of junk', () => {
  for (const [name, want] of Object.entries(cases)) {
    describe(name, () => {
      const article = extract(name);
      const texts = blocks(article.bodyHtml).filter((t) => t !== '');

      it('finds the title, source, date, original and mirror URLs', () => {
        expect(article.title).toBe(want.title);
        expect(article.source).toBe(want.source);
        expect(article.published).toBe(want.published);
        expect(article.originalUrl).toBe(want.originalUrl);
        expect(article.mirrorUrl).toBe(want.mirrorUrl);
      });

      it('finds the hero image and its caption, and the inline images with theirs', () => {
        expect(article.hero && { src: article.hero.src, caption: article.hero.caption }).toEqual(
          want.hero,
        );
        expect(article.images.map(({ src, caption }) => ({ src, caption }))).toEqual(
          want.images ?? [],
        );
      });

      it('keeps the body from its first paragraph to its last', () => {
        expect(texts[0] ?? '').toBe(want.first);
        expect(texts[texts.length - 1] ?? '').toBe(want.last);
        for (const piece of want.contains ?? []) expect(article.bodyHtml).toContain(piece);
      });

      it('says what the page lacks', () => {
        expect(article.missing).toEqual(want.missing);
      });

      it('shows none of the junk', () => {
        const everything = `${article.bodyHtml}\n${article.hero?.caption ?? ''}`;
        const own = new Set(want.ownWords ?? []);
        for (const junk of [...TEMPLATE_JUNK, ...(want.junk ?? [])]) {
          if (!own.has(junk)) expect(everything).not.toContain(junk);
        }
        // The hero is shown apart from the body, not twice.
        if (article.hero) expect(article.bodyHtml).not.toContain(article.hero.src);
      });
    });
  }
});
