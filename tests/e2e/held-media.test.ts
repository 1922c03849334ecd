// Issue 11: no request the user did not ask for. Each form a mirror page can put an image or
// other media in is loaded in the real reader with a browser-level request log: no request to
// a host other than the mirror endpoints before the user's click, only the expected ones after
// it; media never autoplays; the `images` setting can load them at once or never.
import type { Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MIRROR_HOSTS, setSettings, useE2E, waitFor } from './harness';

const REPO = 'begood0513/goodnews';
const ORIGINAL = 'https://www.epochtimes.com/gb/21/3/1/n12800001.htm';

/** [form, the page's media markup, hosts requested once the user clicked] */
const FORMS: [string, string, string[]][] = [
  ['md-title', '![配图](https://title.example/a.jpg "图片标题")', ['title.example']],
  ['md-plain', '![配图](https://plain.example/a.jpg)', ['plain.example']],
  [
    'md-reference',
    '![配图][pic]\n\n[pic]: https://reference.example/a.jpg "图片标题"',
    ['reference.example'],
  ],
  [
    'html-img-in-md',
    '正文里的图片 <img src="https://htmlimg.example/a.jpg" alt="配图"> 在这里。',
    ['htmlimg.example'],
  ],
  [
    'picture-source',
    '<picture><source srcset="https://source.example/a.webp" type="image/webp"><img src="https://picture.example/a.jpg" alt="配图"></picture>',
    ['picture.example'],
  ],
  [
    'srcset',
    '<p><img src="https://srcset.example/a.jpg" srcset="https://srcset-2x.example/b.jpg 2x" alt="配图"></p>',
    ['srcset.example'],
  ],
  [
    'audio',
    '<audio src="https://audio.example/a.mp3" autoplay></audio>\n<audio autoplay controls><source src="https://audio-source.example/a.mp3" type="audio/mpeg"></audio>',
    [],
  ],
  [
    'video-poster',
    '<video src="https://video.example/a.mp4" poster="https://poster.example/p.jpg" autoplay></video>',
    [],
  ],
  [
    'css-url',
    '<div style="background:url(https://css.example/bg.jpg)">有背景的段落。</div>\n<style>p{background:url(https://css-sheet.example/x.jpg)}</style>',
    [],
  ],
  [
    'link-favicon-prefetch',
    '<link rel="stylesheet" href="https://link.example/s.css"><link rel="icon" href="https://favicon.example/f.ico"><link rel="prefetch" href="https://prefetch.example/x"><link rel="preload" as="image" href="https://preload.example/x.jpg">',
    [],
  ],
  [
    'object-embed',
    '<object data="https://object.example/o.swf"></object><embed src="https://embed.example/e.swf">',
    [],
  ],
  [
    'hero',
    '<div><img alt="头图" src="https://hero.example/h.jpg"/>\n<div class="caption">\n 头图的说明。\n</div></div><hr/>',
    ['hero.example'],
  ],
];

function page(form: string, media: string): string {
  return [
    `### 媒体测试：${form}`,
    '-----------------------',
    '',
    '这是媒体测试页面的第一段，图片之前的句子。',
    '',
    media,
    '',
    '这是媒体测试页面的最后一段，图片之后的句子。',
    '',
    `原文地址（需翻墙访问）：${ORIGINAL}`,
    '',
  ].join('\n');
}

const mirrorUrl = (form: string) => `https://github.com/${REPO}/blob/master/pages/media/${form}.md`;

const e2e = useE2E();
const held: Record<string, { elements: number; requests: number }> = {};

beforeAll(() => {
  const repo = e2e.mirror.repo(REPO);
  for (const [form, media] of FORMS) repo.put(`pages/media/${form}.md`, page(form, media));
});

async function setImages(images: 'always' | 'click' | 'never'): Promise<void> {
  await setSettings(e2e.ext, { images });
}

beforeEach(() => setImages('click'));

/** Opens the reader on a form's page; `hosts` logs every request the page makes elsewhere. */
async function openForm(form: string): Promise<{ reader: Page; hosts: string[] }> {
  const reader = await e2e.ext.context.newPage();
  const hosts: string[] = [];
  const mirrors = new Set<string>(MIRROR_HOSTS);
  reader.on('request', (request) => {
    const url = new URL(request.url());
    if (/^https?:$/.test(url.protocol) && !mirrors.has(url.hostname)) hosts.push(url.hostname);
  });
  await reader.goto(e2e.ext.url(`reader.html?url=${encodeURIComponent(mirrorUrl(form))}`));
  await reader.getByTestId('article-title').waitFor({ timeout: 20_000 });
  await reader.waitForLoadState('networkidle');
  return { reader, hosts };
}

/** Waits until the log holds a request to `host`. */
function requested(hosts: string[], host: string): Promise<boolean> {
  return waitFor(() => hosts.includes(host), { timeoutMs: 10_000, what: `a request to ${host}` });
}

async function heldElements(reader: Page): Promise<number> {
  return reader.locator('[data-held-src], [data-testid="hero-placeholder"]').count();
}

async function noAutoplay(reader: Page): Promise<boolean> {
  return reader.evaluate(() =>
    [...document.querySelectorAll('audio, video')].every(
      (m) => !(m as HTMLMediaElement).autoplay && (m as HTMLMediaElement).paused,
    ),
  );
}

describe('media from hosts other than the mirror endpoints', () => {
  for (const [form, , expected] of FORMS) {
    it(`${form}: nothing is requested before the click, only ${expected.join(', ') || 'nothing'} after`, async () => {
      const { reader, hosts } = await openForm(form);
      expect(await reader.getByTestId('article').textContent()).toContain('图片之后的句子');
      expect(hosts).toEqual([]);
      expect(await noAutoplay(reader)).toBe(true);
      const elements = await heldElements(reader);
      const button = reader.getByTestId('load-images');
      if (expected.length > 0) expect(await button.count()).toBe(1);
      if (await button.count()) {
        await button.click();
        for (const host of expected) await requested(hosts, host);
        await reader.waitForLoadState('networkidle');
      }
      expect([...new Set(hosts)].sort()).toEqual([...expected].sort());
      expect(await noAutoplay(reader)).toBe(true);
      held[form] = { elements, requests: hosts.length };
      await reader.close();
    });
  }

  it("loads them at once with images: 'always'", async () => {
    await setImages('always');
    const { reader, hosts } = await openForm('md-title');
    await requested(hosts, 'title.example');
    expect(await reader.getByTestId('load-images').count()).toBe(0);
    await reader.close();
  });

  it("never loads them with images: 'never', and offers no button", async () => {
    await setImages('never');
    const { reader, hosts } = await openForm('hero');
    expect(await reader.getByTestId('load-images').count()).toBe(0);
    expect(await heldElements(reader)).toBeGreaterThan(0);
    expect(hosts).toEqual([]);
    await reader.close();
  });

  it('prints how many requests each form held until the click', () => {
    console.log(`held per form: ${JSON.stringify(held)}`);
    expect(Object.keys(held)).toHaveLength(FORMS.length);
  });
});
