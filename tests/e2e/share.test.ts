// Issue 6 share panel, in the reader tab (the same component as the popup's): copy link and
// copy "title + link" put exactly that on the clipboard with a visible confirmation; the
// saved QR code and the saved share card are PNGs whose QR code decodes to the mirror link.
import { readFile } from 'node:fs/promises';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useE2E, waitFor } from './harness';

const ORIGINAL = 'https://www.ntdtv.com/gb/2022/07/03/a103470752.html';
const MIRROR = 'https://github.com/begood0513/goodnews/blob/master/pages/prog1138/a103470752.md';

const e2e = useE2E();
let reader: Page;

beforeAll(async () => {
  const { ext } = e2e;
  await ext.cdp.send('Browser.grantPermissions', {
    origin: ext.url('').replace(/\/$/, ''),
    permissions: ['clipboardReadWrite', 'clipboardSanitizedWrite'],
  });
  reader = await ext.openExtensionPage(`reader.html?url=${encodeURIComponent(ORIGINAL)}#share`);
  await reader.bringToFront();
  await reader.getByTestId('article-title').waitFor({ timeout: 20_000 });
});

const readClipboard = () => reader.evaluate(() => navigator.clipboard.readText());

async function savedPng(button: string): Promise<PNG> {
  const [download] = await Promise.all([
    reader.waitForEvent('download'),
    reader.getByTestId(button).click(),
  ]);
  const path = await download.path();
  return PNG.sync.read(await readFile(path));
}

function qrText(png: PNG): string | undefined {
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

describe('the share panel', () => {
  it('copies exactly the mirror link, and says so', async () => {
    await reader.getByTestId('copy-link').click();
    await reader.getByTestId('share-notice').filter({ hasText: /\S/ }).waitFor();
    expect(await readClipboard()).toBe(MIRROR);
  });

  it('copies the title and the link', async () => {
    const title = await reader.getByTestId('article-title').textContent();
    await reader.getByTestId('copy-title-link').click();
    await waitFor(async () => (await readClipboard()) !== MIRROR, {
      what: 'the clipboard to change',
    });
    expect(await readClipboard()).toBe(`${title}\n${MIRROR}`);
  });

  it('saves the QR code as a PNG that decodes to the mirror link', async () => {
    const png = await savedPng('save-qr');
    expect(png.width).toBeGreaterThanOrEqual(200);
    expect(qrText(png)).toBe(MIRROR);
  });

  it('saves a share card: one PNG with a QR code of the mirror link', async () => {
    const png = await savedPng('save-card');
    expect(png.width).toBeGreaterThanOrEqual(600);
    expect(qrText(png)).toBe(MIRROR);
  });
});
