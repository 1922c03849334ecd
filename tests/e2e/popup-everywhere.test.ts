// Issue 11: the toolbar popup works on every page where the user can be looking at an
// article, QR code first and then the article: the reader tab reached through a failed
// navigation with the default settings, and mirror pages in each view.
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { CACHE_DB, clearSettings, deleteDatabase, useE2E, waitFor } from './harness';

const NTDTV = 'https://www.ntdtv.com/gb/2022/07/03/a103470752.html';
const PAGE = 'pages/prog1138/a103470752.md';
const REPO = 'begood0513/goodnews';
const MIRROR = `https://github.com/${REPO}/blob/master/${PAGE}`;

const e2e = useE2E();

beforeEach(async () => {
  e2e.mirror.clearFaults();
  // Default settings: nothing stored.
  await clearSettings(e2e.ext);
  await deleteDatabase(e2e.ext, CACHE_DB);
});

/** The popup's QR code, decoded from its canvas. */
async function popupQr(popup: Page): Promise<string | undefined> {
  const canvas = popup.getByTestId('share-qr');
  await waitFor(async () => (await canvas.evaluate((c: HTMLCanvasElement) => c.width)) > 0, {
    what: 'the QR code to be drawn',
  });
  const dataUrl = await canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL('image/png'));
  const png = PNG.sync.read(Buffer.from(dataUrl.split(',')[1] ?? '', 'base64'));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

/** The QR code comes before the article, in the page and on the screen. */
async function qrFirst(popup: Page): Promise<boolean> {
  return popup.evaluate(() => {
    const qr = document.querySelector('[data-testid="share-qr"]');
    const title = document.querySelector('[data-testid="article-title"]');
    if (!qr || !title) return false;
    const before = Boolean(qr.compareDocumentPosition(title) & Node.DOCUMENT_POSITION_FOLLOWING);
    return before && qr.getBoundingClientRect().top <= title.getBoundingClientRect().top;
  });
}

async function expectArticlePopup(popup: Page, mirrorUrl: string): Promise<void> {
  await popup.getByTestId('article-title').waitFor({ timeout: 20_000 });
  expect(await popup.getByTestId('share-link').textContent()).toBe(mirrorUrl);
  expect(await popupQr(popup)).toBe(mirrorUrl);
  expect(await qrFirst(popup)).toBe(true);
  expect(await popup.getByTestId('article-title').textContent()).toMatch(/\S/);
}

describe('the toolbar popup', () => {
  it('on the reader tab a failed navigation opened with the default settings: QR code, then the article', async () => {
    const tab = await e2e.ext.context.newPage();
    await tab.goto(NTDTV).catch(() => undefined);
    await waitFor(async () => tab.url().startsWith(e2e.ext.url('reader.html')), {
      timeoutMs: 15_000,
      what: 'the tab to become the reader',
    });
    await tab.getByTestId('article-title').waitFor({ timeout: 20_000 });
    const popup = await e2e.ext.openToolbarPopup(tab);
    await expectArticlePopup(popup, MIRROR);
    expect(await popup.getByTestId('explain').count()).toBe(0);
    await popup.close();
    await tab.close();
  });

  const views: [string, (sha: string) => string, (sha: string) => string][] = [
    ['github.com blob view', () => MIRROR, () => MIRROR],
    ['github.com raw view', () => `https://github.com/${REPO}/raw/master/${PAGE}`, () => MIRROR],
    [
      'raw.githubusercontent.com',
      () => `https://raw.githubusercontent.com/${REPO}/master/${PAGE}`,
      () => MIRROR,
    ],
    [
      'cdn.jsdelivr.net at the branch',
      () => `https://cdn.jsdelivr.net/gh/${REPO}@master/${PAGE}`,
      () => MIRROR,
    ],
    [
      'fastly.jsdelivr.net pinned to a commit',
      (sha) => `https://fastly.jsdelivr.net/gh/${REPO}@${sha}/${PAGE}`,
      (sha) => `https://github.com/${REPO}/blob/${sha}/${PAGE}`,
    ],
  ];
  for (const [what, address, mirrorUrl] of views) {
    it(`on a mirror page, ${what}: QR code, then the article`, async () => {
      const sha = e2e.mirror.repo(REPO).commitSha;
      const tab = await e2e.ext.openPage(address(sha));
      const popup = await e2e.ext.openToolbarPopup(tab);
      await expectArticlePopup(popup, mirrorUrl(sha));
      await popup.close();
      await tab.close();
    });
  }
});
