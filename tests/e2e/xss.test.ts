// Issue 6 security: the extractor's payload pages, rendered in the real popup and in the
// reader, run nothing (a payload that ran sets window.__mirrorReaderXss) and load nothing
// from a host that is neither a mirror endpoint nor an article image.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sentencesAround, titleOf } from '../helpers/xss-pages';
import { MIRROR_HOSTS, useE2E } from './harness';

const XSS_DIR = join(import.meta.dirname, '../fixtures/xss');
const PAYLOADS = readdirSync(XSS_DIR).filter((f) => f.endsWith('.md'));
const REPO = 'begood0513/goodnews';
const blobUrl = (file: string) => `https://github.com/${REPO}/blob/master/pages/xss/${file}`;

const e2e = useE2E();

beforeAll(() => {
  e2e.mirror.repo(REPO).putDir('pages/xss', XSS_DIR);
});

/** Anything in the rendered article that could run code or fetch on its own. */
async function activeContent(view: Page): Promise<string[]> {
  return view.evaluate(() => {
    const found: string[] = [];
    if ((window as { __mirrorReaderXss?: unknown }).__mirrorReaderXss !== undefined)
      found.push('payload ran');
    for (const el of document.querySelectorAll('*')) {
      for (const attr of el.attributes) {
        if (/^on/i.test(attr.name)) found.push(`${el.tagName} ${attr.name}`);
        if (/^\s*(javascript|data|vbscript):/i.test(attr.value) && attr.name !== 'alt')
          found.push(`${el.tagName} ${attr.name}=${attr.value.slice(0, 40)}`);
      }
    }
    // Our own elements get CSSOM styles (font size, QR size); the mirror's HTML gets none.
    for (const el of document.querySelectorAll('.article-body *, .article-hero *')) {
      if (el.hasAttribute('style')) found.push(`${el.tagName} style`);
    }
    const article = document.querySelector('[data-testid="article"]');
    for (const tag of [
      'script',
      'iframe',
      'object',
      'embed',
      'form',
      'input',
      'base',
      'meta',
      'style',
      'svg',
      'math',
      'link',
    ]) {
      if (article?.querySelector(tag)) found.push(tag);
    }
    return found;
  });
}

/** Hosts of the images the article shows (hero and inline), after the user loaded them. */
async function articleImageHosts(view: Page): Promise<Set<string>> {
  const srcs = await view.evaluate(() =>
    [...document.querySelectorAll('[data-testid="article"] img[src]')].map(
      (img) => (img as HTMLImageElement).src,
    ),
  );
  return new Set(srcs.map((src) => new URL(src).host));
}

describe('payload pages', () => {
  for (const file of PAYLOADS) {
    it(`${file}: the reader runs nothing and loads only from mirrors and article images`, async () => {
      const { ext } = e2e;
      const page = await ext.context.newPage();
      const hosts: string[] = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.protocol !== 'chrome-extension:' && url.protocol !== 'data:') hosts.push(url.host);
      });
      await page.goto(ext.url(`reader.html?url=${encodeURIComponent(blobUrl(file))}`));
      await page.getByTestId('article-title').waitFor({ timeout: 20_000 });
      expect(await activeContent(page)).toEqual([]);
      // The payload costs only itself: the title and the sentences around it are shown.
      const text = readFileSync(join(XSS_DIR, file), 'utf8');
      expect(await page.getByTestId('article-title').textContent()).toBe(titleOf(text));
      const shown = (await page.getByTestId('article').textContent())?.replace(/\s+/g, ' ');
      for (const sentence of sentencesAround(text)) expect(shown).toContain(sentence);
      const load = page.getByTestId('load-images');
      if (await load.count()) {
        await load.click();
        await page.waitForLoadState('networkidle');
      }
      expect(await activeContent(page)).toEqual([]);
      const images = await articleImageHosts(page);
      const mirrors = new Set<string>(MIRROR_HOSTS);
      expect(hosts.filter((h) => !mirrors.has(h) && !images.has(h))).toEqual([]);
      expect(hosts.some((h) => h.endsWith('xss.invalid'))).toBe(false);
      await page.close();
    });

    it(`${file}: the toolbar popup runs nothing`, async () => {
      const { ext } = e2e;
      const tab = await ext.openPage(blobUrl(file));
      const popup = await ext.openToolbarPopup(tab);
      await popup.getByTestId('article-title').waitFor({ timeout: 20_000 });
      expect(await activeContent(popup)).toEqual([]);
      await popup.close();
      await tab.close();
    });
  }
});

describe('pages that are not text', () => {
  const GBK_TITLE = Buffer.from([0xb2, 0xe2, 0xca, 0xd4, 0xb1, 0xea, 0xcc, 0xe2]); // 测试标题
  const pages: [string, Buffer, RegExp][] = [
    [
      'a binary file',
      Buffer.concat([
        Buffer.from('### 二进制\n'),
        Buffer.from([0, 1, 2, 0xff, 0, 0x89, 0x50, 0x4e]),
      ]),
      /binary|二进制|二進位/i,
    ],
    [
      'a page in GBK, not UTF-8',
      Buffer.concat(
        Array.from({ length: 40 }, () =>
          Buffer.concat([Buffer.from('### '), GBK_TITLE, Buffer.from('\n')]),
        ).concat(
          Buffer.from(
            '原文地址（需翻墙访问）：https://www.epochtimes.com/gb/21/3/1/n90000201.htm\n',
          ),
        ),
      ),
      /UTF-8/,
    ],
  ];
  for (const [what, bytes, named] of pages) {
    it(`${what}: the reader names the problem`, async () => {
      const file = `bad-${what.length}.md`;
      e2e.mirror.repo(REPO).put(`pages/xss/${file}`, bytes);
      const page = await e2e.ext.context.newPage();
      await page.goto(e2e.ext.url(`reader.html?url=${encodeURIComponent(blobUrl(file))}`));
      const failed = page.getByTestId('article-failed');
      await failed.waitFor({ timeout: 20_000 });
      expect(await failed.textContent()).toMatch(named);
      await page.close();
    });
  }
});
