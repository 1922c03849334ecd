// The Firefox build in Debian's firefox-esr over WebDriver BiDi, against the fake mirror
// through the production host names (MirrorProxy): the failed load of a blocked original
// lands in the reader, the popup on an original shows the article and its QR code, and the
// right-click "Copy mirror link" puts the mirror link on the clipboard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { COPY_QUERY } from '../../src/core/copy/copy-job';
import { FirefoxExtension } from './harness/firefox';
import {
  chooseContextMenuItem,
  clipboardText,
  closePopup,
  popupSnapshot,
  setClipboardText,
  toolbarPopupSnapshot,
} from './harness/firefox-window';
import { startMirrorProxy, type MirrorProxy } from './harness/mirror-proxy';
import { startMirrorServer, type MirrorServer } from './harness/mirror-server';
import { startPageServer, type PageServer } from './harness/page-server';
import { waitFor } from './harness/wait';

const ORIGINAL = 'https://www.epochtimes.com/gb/21/1/11/n12681566.htm';
const MIRROR = 'https://github.com/begood0513/goodnews/blob/master/pages/nsc412/n12681566.md';
const TITLE = '夹具：大纪元测试文章 城市公园新增读书角';

let ff: FirefoxExtension;
let mirror: MirrorServer;
let proxy: MirrorProxy;
let pages: PageServer;

beforeAll(async () => {
  mirror = await startMirrorServer();
  proxy = await startMirrorProxy(mirror.port);
  pages = await startPageServer();
  ff = await FirefoxExtension.launch({ proxyPort: proxy.port });
});

afterAll(async () => {
  await ff?.close();
  await proxy?.close();
  await pages?.close();
  await mirror?.close();
});

/** What the article view shows: its title, once rendered. */
function articleTitle(): string | null {
  return document.querySelector('[data-testid="article-title"]')?.textContent ?? null;
}

async function setReaderOnError(value: 'auto' | 'off'): Promise<void> {
  await ff.evaluate(
    await ff.extensionPage(),
    // Settings live in storage.sync, one item per setting (src/platform/settings-store.ts).
    (v: string) => browser.storage.sync.set({ readerOnError: v }),
    value,
  );
}

function qrText(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}

describe('the Firefox build in firefox-esr', () => {
  it('lands in the reader with the clean article when a tab fails to load a blocked original', async () => {
    await setReaderOnError('auto');
    const tab = await ff.newTab('about:blank');
    await ff.navigate(tab, ORIGINAL, 'none').catch(() => undefined);
    const title = await ff.waitIn(tab, 'the reader to show the article', articleTitle);
    // Private reading (the default): an opaque id, never the original, in the address.
    expect(await ff.tabUrl(tab)).toMatch(/\/reader\.html\?id=[0-9a-f]{32}$/);
    expect(title).toBe(TITLE);
    expect(proxy.refused).toContain('www.epochtimes.com');
    // The article came through a production host name, to the fake mirror.
    expect(mirror.requests.some((r) => r.path.endsWith('/n12681566.md') && r.status === 200)).toBe(
      true,
    );
    await ff.closeTab(tab);
  });

  it('shows the article and a QR code of the mirror link in the popup page for a tab on an original', async () => {
    await setReaderOnError('off');
    const tab = await ff.newTab('about:blank');
    await ff.navigate(tab, ORIGINAL, 'none').catch(() => undefined);
    // The popup page in a background tab: the original's tab stays the active one it reads.
    const popup = await ff.newTab(ff.url('src/popup/index.html'), { background: true });
    expect(await ff.waitIn(popup, 'the popup to show the article', articleTitle)).toBe(TITLE);
    await ff.activate(popup);
    expect(qrText(await ff.screenshot(popup, '[data-testid="share-qr"]'))).toBe(MIRROR);
    await ff.closeTab(popup);
    await ff.closeTab(tab);
  });

  it('shows the QR code of the mirror link in the real toolbar popup for a tab on an original', async () => {
    await setReaderOnError('off');
    const tab = await ff.newTab('about:blank');
    await ff.navigate(tab, ORIGINAL, 'none').catch(() => undefined);
    const png = await toolbarPopupSnapshot(ff, (shot) => qrText(shot) !== undefined);
    expect(qrText(png)).toBe(MIRROR);
    await closePopup(ff);
    await ff.closeTab(tab);
  });

  it('puts the mirror link on the clipboard from the right-click menu on a link to the original', async () => {
    const url = pages.setLinks('/links.html', 'links', [{ href: ORIGINAL, text: '原文链接' }]);
    const tab = await ff.newTab(url);
    await setClipboardText(ff, 'before');
    await ff.rightClick(tab, `a[href="${ORIGINAL}"]`);
    await chooseContextMenuItem(ff, 'Copy mirror link');
    await waitFor(async () => (await clipboardText(ff)) === MIRROR, {
      timeoutMs: 20_000,
      what: `the clipboard to hold ${MIRROR}`,
    });
    // The copy job shows in the toolbar popup panel (not in a window): the copied link's QR code.
    const png = await popupSnapshot(ff, (shot) => qrText(shot) !== undefined, `?${COPY_QUERY}`);
    expect(qrText(png)).toBe(MIRROR);
    await ff.closeTab(tab);
  });
});
