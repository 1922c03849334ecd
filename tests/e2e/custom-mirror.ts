/**
 * A news site that no built-in source knows, and its mirror repositories on the fake mirror:
 * what the custom-source and library tests read. Pages are synthetic, in the mirror format.
 */
import type { MirrorServer } from './harness';

export { CUSTOM } from '../fixtures/custom-source';

/** A second custom source, whose URLs lack the folder: its mirror is looked up. */
export const CUSTOM_LOOKUP = {
  id: 'other-news.net',
  name: { zh_CN: '另一新闻', zh_TW: '另一新聞', en: 'Other News' },
  hosts: ['other-news.net'],
  patterns: [{ path: '/story/(?<id>s\\d+)' }],
  mirrors: [
    {
      owner: 'example-mirror',
      repo: 'other-news',
      branch: 'main',
      path: { kind: 'lookup', template: 'pages/{folder}/{id}.md', folders: ['politics', 'world'] },
    },
  ],
};

export const customOriginal = (n: number) =>
  `https://www.example-news.org/articles/world/${20240100 + n}.html`;
export const customTitle = (n: number) => `例子新闻 #${n}：山村通了新路`;
export const lookupOriginal = 'https://other-news.net/story/s42';
export const lookupTitle = '另一新闻：河上建起新桥';

export function mirrorPage(
  repo: string,
  branch: string,
  path: string,
  title: string,
  original: string,
) {
  const blob = `https://github.com/${repo}/blob/${branch}/${path}`;
  return `### ${title}
------------------------

#### [首页](https://github.com/${repo}/blob/${branch}/README.md)

<div><p>
 【例子新闻讯】第一段：${title}。
</p>
<p>
 第二段：村民进城的时间缩短了一半。
</p>
</div>
<hr/>
手机上长按并复制下列链接或二维码分享本文章：<br/>
${blob} <br/>
原文地址（需翻墙访问）：${original}
`;
}

/** Serves `count` articles of CUSTOM and the one article of CUSTOM_LOOKUP. */
export function serveCustomMirrors(mirror: MirrorServer, count: number): Map<number, string> {
  const pages = new Map<number, string>();
  const daily = mirror.repo('example-mirror/daily-news', 'main');
  daily.put('README.md', '# 例子新闻镜像\n\n[第一篇](pages/world/20240101.md)\n');
  for (let n = 1; n <= count; n++) {
    const path = `pages/world/${20240100 + n}.md`;
    const text = mirrorPage(
      'example-mirror/daily-news',
      'main',
      path,
      customTitle(n),
      customOriginal(n),
    );
    daily.put(path, text);
    pages.set(n, text);
  }
  const other = mirror.repo('example-mirror/other-news', 'main');
  other.put('README.md', '# 另一新闻镜像\n');
  const path = 'pages/world/s42.md';
  other.put(
    path,
    mirrorPage('example-mirror/other-news', 'main', path, lookupTitle, lookupOriginal),
  );
  return pages;
}
