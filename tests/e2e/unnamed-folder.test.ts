// The user's path with the default settings on what the fixtures lack: a traditional (b5)
// original in a folder no source or index page names, nothing published for the mirror, and a
// page shaped unlike the others (figure + picture hero, nested quotes, a table, a script).
// The navigation fails, the reader opens, the device builds the mirror's index from its tree
// while the probes miss and finds the page (one tree request per mirror repository); the
// article comes out clean; the toolbar popup's QR code is the mirror link. Then a minghui
// original newer than the snapshot shipped for mh-news, in a folder it does not know: found
// in the mirror's tree, read once for both.
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { useE2E, waitFor } from './harness';

const e2e = useE2E();
const MH_ORIGINAL = 'https://www.minghui.org/mh/articles/2026/12/1/夹具新栏目-999001.html';
const MH_PATH = 'pages/9999/999001.md';
const MH_MIRROR = `https://github.com/gfw-breaker/mh-news/blob/master/${MH_PATH}`;
const MH_PAGE = `### 夹具：新栏目里的新文章
------------------------

#### [首页](https://github.com/gfw-breaker/mh-news/blob/master/README.md)

<div class="ar_articleContent">
 【明慧夹具讯】新栏目第一段。
 <p>新栏目第二段。</p>
</div>
<hr/>
手机上长按并复制下列链接或二维码分享本文章：<br/>
${MH_MIRROR} <br/>
原文地址（需翻墙访问）：${MH_ORIGINAL}

<img src='http://tracker.example.invalid/mh-news/${MH_PATH}' width='0px' height='0px'/>
`;
const ORIGINAL = 'https://www.epochtimes.com/b5/24/3/5/n14195001.htm';
const PATH = 'pages/nsc999/n14195001.md';
const MIRROR = `https://github.com/begood0513/goodnews/blob/master/${PATH}`;
const PAGE = `### 新形狀：山區學校&amp;圖書館 <b>開放</b>日
------------------------

#### [首页](../../README.md)  &nbsp;&nbsp;|&nbsp;&nbsp; [热点推荐](../../indexes/热点推荐.md)

<figure><picture><source srcset="https://i.epochtimes.com/x/hero.webp" type="image/webp"><img alt="頭圖" src="https://i.epochtimes.com/x/hero.jpg"></picture><figcaption>圖說：學生在新圖書館裏閱讀。</figcaption></figure>
<hr/>

#### [ 💌 推广](https://github.com/begood0513/goodnews/blob/master/pages/recommended/000001.md)

<section><blockquote><blockquote><p>引言裏的引言。</p></blockquote></blockquote>
<table><tr><td>開放時間</td><td>每天九點</td></tr></table>
<p>正文第一段：山區學校的圖書館今天第一次向村民開放。</p>
<p>正文第二段：<a href="https://www.epochtimes.com/b5/24/3/1/n14190000.htm">相關報導</a>。</p>
<script>alert(1)</script>
</section>
<hr/>
手机上长按并复制下列链接或二维码分享本文章：<br/>
${MIRROR} <br/>
原文地址（需翻墙访问）：${ORIGINAL}

<img src='http://tracker.example.invalid/goodnews/${PATH}' width='0px' height='0px'/>
`;

/**
 * The user opens a blocked original in `tab`: the load fails, the reader takes its place and
 * shows the article (not a failure).
 */
async function openFailingOriginal(tab: Page, original: string): Promise<void> {
  await tab.goto(original).catch(() => undefined);
  await waitFor(async () => tab.url().startsWith(e2e.ext.url('reader.html')), {
    timeoutMs: 15_000,
    what: 'reader',
  });
  await tab
    .locator('[data-testid="article-title"],[data-testid="article-failed"]')
    .first()
    .waitFor({ timeout: 40_000 });
  expect(await tab.getByTestId('article-failed').count()).toBe(0);
}

beforeAll(() => {
  e2e.mirror.repo('gfw-breaker/mh-news', 'master').put(MH_PATH, MH_PAGE);
});

it('reads an original in a folder nothing names, on a page of a new shape, and shares it by QR code', async () => {
  const { ext, mirror } = e2e;
  mirror.repo('begood0513/goodnews', 'master').put(PATH, PAGE);
  const tab = await ext.context.newPage();
  const requests: string[] = [];
  tab.on('request', (r) => requests.push(r.url()));
  await openFailingOriginal(tab, ORIGINAL);
  expect(await tab.getByTestId('article-title').textContent()).toBe(
    '新形狀：山區學校&圖書館 開放日',
  );
  expect(await tab.getByTestId('hero-caption').textContent()).toBe('圖說：學生在新圖書館裏閱讀。');
  const body = (await tab.getByTestId('article-body').textContent()) ?? '';
  expect(body).toContain('正文第一段：山區學校的圖書館今天第一次向村民開放。');
  expect(body).toContain('每天九點');
  // The tab asked for nothing but the original the user opened (images wait for a click).
  expect(requests.filter((u) => !u.startsWith('chrome-extension://'))).toEqual([ORIGINAL]);
  // One tree request per mirror repository of the source (both lack the folder; neither has
  // anything published), none after.
  expect(
    mirror
      .requestsTo('api.github.com')
      .map((r) => r.path)
      .sort(),
  ).toEqual([
    '/repos/begood0513/goodnews/git/trees/master?recursive=1',
    '/repos/gfw-breaker/mh-news/git/trees/master?recursive=1',
  ]);
  const popup = await ext.openToolbarPopup(tab);
  const canvas = popup.getByTestId('share-qr');
  await popup.getByTestId('article-title').waitFor({ timeout: 20_000 });
  await waitFor(async () => (await canvas.evaluate((c: HTMLCanvasElement) => c.width)) > 0, {
    what: 'qr',
  });
  const dataUrl = await canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL('image/png'));
  const png = PNG.sync.read(Buffer.from(dataUrl.split(',')[1] ?? '', 'base64'));
  const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
  expect(qr).toBe(MIRROR);
  expect(body).not.toMatch(/推广|首页|alert/);
});

it('reads a minghui original newer than the shipped snapshot, found in the mirror’s tree (read once)', async () => {
  const { ext, mirror } = e2e;
  const tab = await ext.context.newPage();
  await openFailingOriginal(tab, MH_ORIGINAL);
  expect(await tab.getByTestId('article-title').textContent()).toBe('夹具：新栏目里的新文章');
  expect(await tab.getByTestId('article-body').textContent()).toContain('新栏目第二段。');
  expect(await tab.getByTestId('open-mirror').getAttribute('href')).toBe(MH_MIRROR);
  // mh-news's tree was read once, for this article or the one before: never again.
  const trees = mirror.requestsTo('api.github.com').filter((r) => r.path.includes('/mh-news/'));
  expect(trees).toHaveLength(1);
  await tab.close();
});
