/**
 * The start page `npm start` opens: sample links to blocked originals of every built-in
 * source, as a user meets them in a chat or a forum post, plus a mirror link and a link that
 * is not an article. Served over http (content scripts do not run on file: pages).
 */

export interface SampleLink {
  /** Source id (the site's domain), or "mirror" / "other". */
  source: string;
  label: string;
  href: string;
}

/** Originals whose mirror pages exist (see ../shared/DESIGN.md) and the variants users meet. */
export const SAMPLE_ORIGINALS: readonly SampleLink[] = [
  {
    source: 'epochtimes.com',
    label: '大纪元 · epochtimes.com',
    href: 'https://www.epochtimes.com/gb/21/1/11/n12681566.htm',
  },
  {
    source: 'epochtimes.com',
    label: '大紀元（正體版, /b5/） · epochtimes.com',
    href: 'https://www.epochtimes.com/b5/21/1/11/n12681566.htm',
  },
  {
    source: 'ntdtv.com',
    label: '新唐人电视台 · ntdtv.com',
    href: 'https://www.ntdtv.com/gb/2022/07/03/a103470752.html',
  },
  {
    source: 'secretchina.com',
    label: '看中国 · secretchina.com',
    href: 'https://www.secretchina.com/news/gb/2022/10/26/1020087.html',
  },
  {
    source: 'soundofhope.org',
    label: '希望之声 · soundofhope.org',
    href: 'http://www.soundofhope.org/gb/2019/09/29/n3219520.html',
  },
  {
    source: 'rfa.org',
    label: '自由亚洲电台 · rfa.org',
    href: 'https://www.rfa.org/mandarin/zhuanlan/butongdeshengyin/jkdv-05312019110343.html',
  },
  {
    source: 'minghui.org',
    label: '明慧网 · minghui.org',
    href: 'https://www.minghui.org/mh/articles/2020/3/30/403141.html',
  },
];

export const SAMPLE_MIRROR: SampleLink = {
  source: 'mirror',
  label: '镜像页面 · github.com',
  href: 'https://github.com/begood0513/goodnews/blob/master/pages/nsc412/n12681566.md',
};

export const SAMPLE_OTHER: SampleLink = {
  source: 'other',
  label: '不是文章（首页）',
  href: 'https://www.epochtimes.com/',
};

export const START_PAGE_TITLE = 'Mirror Reader — 示例链接 / sample blocked links';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function item(link: SampleLink): string {
  return `<li data-source="${escapeHtml(link.source)}"><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a><br><code>${escapeHtml(link.href)}</code></li>`;
}

export function startPageHtml(extensionDir: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(START_PAGE_TITLE)}</title>
<style>
  body { font: 16px/1.7 system-ui, "PingFang SC", "Noto Sans CJK SC", sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
  li { margin: .6rem 0; } code { font-size: .8rem; color: #666; word-break: break-all; }
</style></head>
<body>
<h1>Mirror Reader</h1>
<p>下面的链接指向通常被封锁的新闻网站。点击工具栏上的扩展图标，或直接打开链接：扩展会找到它的 GitHub 镜像并显示文章。<br>
The links below point at news sites that are usually blocked. Click the extension's toolbar icon, or open a link: the extension finds its GitHub mirror and shows the article.</p>
<h2>原文 · Originals</h2>
<ul id="originals">
${SAMPLE_ORIGINALS.map(item).join('\n')}
</ul>
<h2>镜像与其他 · Mirror and other</h2>
<ul id="others">
${[SAMPLE_MIRROR, SAMPLE_OTHER].map(item).join('\n')}
</ul>
<p>日常使用：在 Chrome / Edge 的扩展程序页面打开“开发者模式”，“加载已解压的扩展程序”，选择<br>
Daily use: enable Developer mode on the browser's extensions page, "Load unpacked", and pick<br>
<code>${escapeHtml(extensionDir)}</code></p>
</body></html>
`;
}
