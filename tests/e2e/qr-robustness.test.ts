// Issue 14, sharing: the popup's QR code (and the share card's) scans from a phone's capture
// of the screen. The code is rendered by the real popup, captured, degraded as a phone photo
// of a screen is (scaled, blurred, rotated, skewed, JPEG, moiré/gamma) and every variant is
// decoded by two independent decoders, jsQR and ZXing; all must give exactly the link.
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { degradedVariants, type Rgba } from '../helpers/image-degrade';
import { decodeJsqr, decodeZxing } from '../helpers/qr-decode';
import { FIXTURE_REPOS_DIR, useE2E } from './harness';

const ORIGINAL = 'https://www.epochtimes.com/gb/21/1/11/n12681566.htm';
const MIRROR = 'https://github.com/begood0513/goodnews/blob/master/pages/nsc412/n12681566.md';
const LONG_PATH = 'pages/prog1138/a199999999.md';
const LONG_MIRROR = `https://github.com/begood0513/goodnews/blob/master/${LONG_PATH}`;
const LONG_TITLE = `${'这是一个非常长的标题，用来检查分享卡片上的文字不会溢出，'.repeat(6)}结尾`;

const e2e = useE2E();
const table: string[] = [];

function rgba(png: PNG): Rgba {
  return { width: png.width, height: png.height, data: new Uint8ClampedArray(png.data) };
}

/** Decodes every degraded variant with both decoders; one table row per variant. */
function decodeAll(label: string, capture: Rgba) {
  return degradedVariants(capture).map((variant) => {
    const jsqr = decodeJsqr(variant.image).text;
    const zxing = decodeZxing(variant.image).text;
    table.push(
      `| ${label} | ${variant.name} | ${variant.image.width}×${variant.image.height} | ${jsqr === null ? 'no code' : jsqr} | ${zxing === null ? 'no code' : zxing} |`,
    );
    return { name: variant.name, jsqr, zxing };
  });
}

async function setReaderOnError(value: 'auto' | 'off'): Promise<void> {
  const worker = await e2e.ext.worker();
  await worker.evaluate(async (v) => {
    const { settings } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({ settings: { ...(settings ?? {}), readerOnError: v } });
  }, value);
}

afterAll(() => {
  console.log(
    ['| capture | variant | size | jsQR | ZXing |', '|---|---|---|---|---|', ...table].join('\n'),
  );
});

// The share card first: a CDP connection to find the popup changes where downloads go.
describe('the share card', () => {
  let reader: Page;

  beforeAll(async () => {
    const ntdtv = readFileSync(
      join(FIXTURE_REPOS_DIR, 'begood0513/goodnews/master/pages/prog1138/a103470752.md'),
      'utf8',
    );
    e2e.mirror
      .repo('begood0513/goodnews')
      .put(
        LONG_PATH,
        ntdtv.replace(/^### .*$/m, `### ${LONG_TITLE}`).replaceAll('a103470752', 'a199999999'),
      );
    reader = await e2e.ext.openExtensionPage(`reader.html?url=${encodeURIComponent(LONG_MIRROR)}`);
    // Downloads from a background tab are dropped.
    await reader.bringToFront();
    await reader.getByTestId('article-title').waitFor({ timeout: 20_000 });
  });

  afterAll(() => reader.close());

  async function card(): Promise<PNG> {
    const [download] = await Promise.all([
      reader.waitForEvent('download'),
      reader.getByTestId('save-card').click(),
    ]);
    return PNG.sync.read(await readFile(await download.path()));
  }

  it('wraps a long title to at most three lines and keeps the card its size', async () => {
    expect(await reader.getByTestId('article-title').textContent()).toBe(LONG_TITLE);
    const png = await card();
    // Padding, three 50 px title lines, byline, QR code (360), hint, padding: share-card.ts.
    expect(png.height).toBe(48 + 3 * 50 + 16 + 32 + 24 + 360 + 24 + 28 + 48);
    expect(png.width).toBe(720);
  });

  it('decodes to exactly the link from every degraded capture, with both decoders', async () => {
    const results = decodeAll('share card', rgba(await card()));
    for (const r of results)
      expect({ variant: r.name, jsqr: r.jsqr, zxing: r.zxing }).toEqual({
        variant: r.name,
        jsqr: LONG_MIRROR,
        zxing: LONG_MIRROR,
      });
  });
});

describe("the popup's QR code", () => {
  let popup: Page;
  let tab: Page;

  beforeAll(async () => {
    await setReaderOnError('off');
    tab = await e2e.ext.openBlockedOriginal(ORIGINAL);
    popup = await e2e.ext.openToolbarPopup(tab);
    await popup.getByTestId('article-title').waitFor({ timeout: 20_000 });
  });

  afterAll(async () => {
    await popup.close();
    await tab.close();
  });

  it('is visible without scrolling, ≥ 4 CSS px per module, EC level M, 4-module quiet zone', async () => {
    const qr = popup.getByTestId('share-qr');
    const box = (await qr.boundingBox())!;
    const viewport = await popup.evaluate(() => ({
      height: window.innerHeight,
      width: window.innerWidth,
      scrolled: window.scrollY,
    }));
    expect(viewport.scrolled).toBe(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);

    const capture = rgba(PNG.sync.read(await qr.screenshot()));
    const jsqr = decodeJsqr(capture);
    const zxing = decodeZxing(capture);
    expect(jsqr.text).toBe(MIRROR);
    expect(['M', 'Q', 'H']).toContain(zxing.ecLevel);
    const modules = 17 + 4 * jsqr.version! + 8;
    const modulePx = box.width / modules;
    expect(modulePx).toBeGreaterThanOrEqual(4);
    expect(Number.isInteger(modulePx)).toBe(true);
    // The quiet zone: the outer four modules of the capture are white all round.
    const band = Math.floor(4 * modulePx * (capture.width / box.width)) - 1;
    let dark = 0;
    for (let y = 0; y < capture.height; y++) {
      for (let x = 0; x < capture.width; x++) {
        const inside =
          x >= band && y >= band && x < capture.width - band && y < capture.height - band;
        if (!inside && capture.data[(y * capture.width + x) * 4]! < 200) dark++;
      }
    }
    expect(dark).toBe(0);
  });

  it('decodes to exactly the link from every degraded capture, with both decoders', async () => {
    const capture = rgba(PNG.sync.read(await popup.getByTestId('share-qr').screenshot()));
    const results = decodeAll('popup', capture);
    expect(results.length).toBe(9);
    for (const r of results)
      expect({ variant: r.name, jsqr: r.jsqr, zxing: r.zxing }).toEqual({
        variant: r.name,
        jsqr: MIRROR,
        zxing: MIRROR,
      });
  });

  it('enlarges to fill the window with one click, and Escape closes it', async () => {
    await popup.getByTestId('qr-enlarge').click();
    const big = popup.getByTestId('qr-overlay-code');
    await big.waitFor();
    const box = (await big.boundingBox())!;
    const size = await popup.evaluate(() => Math.min(window.innerWidth, window.innerHeight));
    expect(box.width).toBeGreaterThanOrEqual(size * 0.8);
    expect(decodeJsqr(rgba(PNG.sync.read(await big.screenshot()))).text).toBe(MIRROR);
    await popup.keyboard.press('Escape');
    await popup.getByTestId('qr-overlay').waitFor({ state: 'detached' });
  });
});
