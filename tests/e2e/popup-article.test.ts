// Issue 6 end to end: the real toolbar popup and the reader show the clean article of each
// layout family, for an original's tab and for a mirror page's tab; the QR code in a
// screenshot decodes to exactly the mirror link; a failed load of a blocked original lands
// on the reader.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/article';
import { extractArticle } from '../../src/core/extract/extract-article';
import { FIXTURE_REPOS_DIR, setSettings, useE2E, waitFor } from './harness';

interface Family {
  name: string;
  repo: string;
  path: string;
}

const FAMILIES: Family[] = [
  { name: 'epochtimes', repo: 'begood0513/goodnews', path: 'pages/nsc412/n12681566.md' },
  { name: 'ntdtv', repo: 'begood0513/goodnews', path: 'pages/prog1138/a103470752.md' },
  { name: 'soundofhope', repo: 'begood0513/goodnews', path: 'pages/soh_rdzz/n3219520.md' },
  {
    name: 'rfa',
    repo: 'begood0513/goodnews',
    path: 'pages/butongdeshengyin/jkdv-05312019110343.md',
  },
  { name: 'secretchina', repo: 'begood0513/goodnews', path: 'pages/p1/1020087.md' },
  { name: 'minghui', repo: 'gfw-breaker/mh-news', path: 'pages/251/403141.md' },
  { name: 'epochtimes in mh-news', repo: 'gfw-breaker/mh-news', path: 'pages/nf4778/n13000001.md' },
];

const dom = new JSDOM('');

/** What the page should show, from the extractor (unit- and corpus-tested on its own). */
function expected(family: Family): Article & { paragraphs: string[] } {
  const text = readFileSync(join(FIXTURE_REPOS_DIR, family.repo, 'master', family.path), 'utf8');
  const article = extractArticle(
    text,
    dom.window as unknown as Parameters<typeof extractArticle>[1],
  );
  const body = new JSDOM(`<body>${article.bodyHtml}</body>`).window.document;
  const paragraphs = [...body.querySelectorAll('p')]
    .map((p) => p.textContent?.trim() ?? '')
    .filter(Boolean);
  return { ...article, paragraphs };
}

/** Marks of the mirror's template that must never reach the rendered article. */
async function junkIn(view: Page): Promise<string[]> {
  return view.evaluate(() => {
    const found: string[] = [];
    const root = document.querySelector('[data-testid="article"]');
    if (!root) return ['no article'];
    const text = root.textContent ?? '';
    for (const marker of ['手机上长按', '原文地址', '💌', '🔥', '🎬']) {
      if (text.includes(marker)) found.push(marker);
    }
    if (root.querySelector('ins, script, style, iframe, form, input, [class*="adsbygoogle"]'))
      found.push('ad or active element');
    for (const img of root.querySelectorAll('img')) {
      const src = img.getAttribute('src') ?? img.getAttribute('data-held-src') ?? '';
      if (/tracker|\.md\.png$/.test(src)) found.push(`image ${src}`);
    }
    for (const a of root.querySelectorAll('a')) {
      if (/README\.md|indexes\//.test(a.getAttribute('href') ?? '')) found.push('navigation link');
    }
    return found;
  });
}

async function expectArticle(view: Page, family: Family): Promise<void> {
  const want = expected(family);
  await view.getByTestId('article-title').waitFor({ timeout: 20_000 });
  expect(await view.getByTestId('article-title').textContent()).toBe(want.title);
  if (want.hero?.caption) {
    expect(await view.getByTestId('hero-caption').textContent()).toBe(want.hero.caption);
  }
  const body = (await view.locator('.article-body').textContent()) ?? '';
  expect(want.paragraphs.length).toBeGreaterThan(0);
  expect(body).toContain(want.paragraphs[0]);
  expect(body).toContain(want.paragraphs.at(-1));
  expect(await junkIn(view)).toEqual([]);
}

function originalOf(family: Family): string {
  const text = readFileSync(join(FIXTURE_REPOS_DIR, family.repo, 'master', family.path), 'utf8');
  const url = /原文地址[^：:]*[：:]\s*(\S+)/.exec(text)?.[1];
  if (!url) throw new Error(`${family.path} has no 原文地址 line`);
  return url;
}

const blobUrl = (family: Family) => `https://github.com/${family.repo}/blob/master/${family.path}`;

const e2e = useE2E();

async function setReaderOnError(value: 'auto' | 'notify' | 'off'): Promise<void> {
  await setSettings(e2e.ext, { readerOnError: value });
}

/** A tab on the original, as a user who clicked a blocked link has it: Chromium's error page. */
const tabOnOriginal = (url: string): Promise<Page> => e2e.ext.openBlockedOriginal(url);

describe('the toolbar popup', () => {
  for (const family of FAMILIES) {
    it(`shows the clean ${family.name} article for a tab on its blocked original`, async () => {
      await setReaderOnError('off');
      const tab = await tabOnOriginal(originalOf(family));
      const popup = await e2e.ext.openToolbarPopup(tab);
      await expectArticle(popup, family);
      expect(await popup.getByTestId('share-link').textContent()).toBe(blobUrl(family));
      await popup.close();
      await tab.close();
    });

    it(`shows the clean ${family.name} article for a tab on its mirror page`, async () => {
      const tab = await e2e.ext.openPage(blobUrl(family));
      const popup = await e2e.ext.openToolbarPopup(tab);
      await expectArticle(popup, family);
      await popup.close();
      await tab.close();
    });
  }

  it('shows a QR code that decodes to exactly the mirror link', async () => {
    await setReaderOnError('off');
    const family = FAMILIES[0]!;
    const tab = await tabOnOriginal(originalOf(family));
    const popup = await e2e.ext.openToolbarPopup(tab);
    const qr = popup.getByTestId('share-qr');
    await popup.getByTestId('article-title').waitFor({ timeout: 20_000 });
    const box = await qr.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(200);
    const png = PNG.sync.read(await qr.screenshot());
    const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(code?.data).toBe(blobUrl(family));
    await popup.close();
    await tab.close();
  });

  it('holds back images on blocked hosts until the user asks for them', async () => {
    await setReaderOnError('off');
    const family = FAMILIES[0]!;
    const before = e2e.mirror.requests.length;
    const tab = await tabOnOriginal(originalOf(family));
    const popup = await e2e.ext.openToolbarPopup(tab);
    await popup.getByTestId('hero-placeholder').waitFor({ timeout: 20_000 });
    expect(await popup.locator('[data-testid="article"] img[src*="epochtimes.com"]').count()).toBe(
      0,
    );
    await popup.getByTestId('load-images').click();
    await popup.locator('[data-testid="article-hero"] img').waitFor();
    expect(await popup.locator('[data-testid="article-hero"] img').getAttribute('src')).toMatch(
      /^https:\/\/i\.epochtimes\.com\//,
    );
    expect(e2e.mirror.requests.length).toBeGreaterThanOrEqual(before);
    await popup.close();
    await tab.close();
  });
});

describe('the reader tab', () => {
  it('opens in the tab whose navigation to a blocked original failed, with the article, privately', async () => {
    await setReaderOnError('auto');
    const family = FAMILIES[1]!;
    const original = originalOf(family);
    const tab = await e2e.ext.context.newPage();
    await tab.goto(original).catch(() => undefined);
    const reader = e2e.ext.url('reader.html');
    await waitFor(async () => tab.url().startsWith(reader), {
      timeoutMs: 15_000,
      what: 'the tab to land on the reader',
    });
    // Private reading (the default): an opaque id, and a title that names no article.
    expect(new URL(tab.url()).searchParams.get('id')).toMatch(/^[0-9a-f]{32}$/);
    expect(tab.url()).not.toContain(encodeURIComponent(original));
    await expectArticle(tab, family);
    expect(await tab.title()).not.toContain(expected(family).title);
    await tab.close();
  });

  it('shows the same article again on reload (its address is the article)', async () => {
    const family = FAMILIES[5]!;
    const tab = await e2e.ext.openExtensionPage(
      `reader.html?url=${encodeURIComponent(originalOf(family))}`,
    );
    await expectArticle(tab, family);
    await tab.reload();
    await expectArticle(tab, family);
    await tab.close();
  });
});
