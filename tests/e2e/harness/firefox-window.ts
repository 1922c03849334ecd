/**
 * The parts of Firefox's own window the tests drive with system access: the toolbar popup
 * panel (drawn by the window: it is no BiDi browsing context), the page context menu (BiDi
 * sends input to pages only, so the item is picked by script) and the clipboard.
 */
import { waitFor } from './wait';
import type { FirefoxExtension } from './firefox';

/** The XUL menu elements of the browser window, as far as the tests use them. */
interface XulItem extends Element {
  hidden: boolean;
  openMenu(open: boolean): void;
}
interface XulPopup extends Element {
  state: string;
  activateItem(item: Element): void;
}

/** The popup panel's <browser>, whose page the parent process can draw. */
interface PopupBrowser extends Element {
  currentURI?: { spec: string };
  browsingContext?: {
    currentWindowGlobal?: {
      drawSnapshot(rect: null, scale: number, background: string): Promise<ImageBitmap>;
    };
  };
}

/**
 * Opens the real toolbar popup for the active tab with `action.openPopup()` (what the
 * toolbar button opens; the test profile lets it run without a click) and returns a PNG of
 * it once `ready` accepts one. The panel is no BiDi browsing context, so the browser window
 * draws it (`drawSnapshot`).
 */
export async function toolbarPopupSnapshot(
  ff: FirefoxExtension,
  ready: (png: Buffer) => boolean,
): Promise<Buffer> {
  await ff.evaluate(await ff.extensionPage(), () => browser.action.openPopup());
  const chrome = await ff.chromeContext();
  const popupUrl = ff.url('src/popup/index.html');
  return waitFor(
    async () => {
      const data = await ff.evaluate(
        chrome,
        async (url: string) => {
          const popup = document.querySelector(
            'browser[webextension-view-type="popup"]',
          ) as PopupBrowser | null;
          const page = popup?.browsingContext?.currentWindowGlobal;
          if (!page || popup?.currentURI?.spec !== url) return null;
          const bitmap = await page.drawSnapshot(null, 1, 'white');
          const canvas = document.createElementNS(
            'http://www.w3.org/1999/xhtml',
            'canvas',
          ) as HTMLCanvasElement;
          Object.assign(canvas, { width: bitmap.width, height: bitmap.height });
          canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
          return canvas.toDataURL('image/png').split(',')[1] ?? null;
        },
        popupUrl,
      );
      const png = data ? Buffer.from(data, 'base64') : undefined;
      return png && ready(png) ? png : undefined;
    },
    {
      timeoutMs: 20_000,
      intervalMs: 250,
      what: 'the toolbar popup to show what the test awaits',
    },
  );
}

/**
 * Chooses the item labelled `label` in the page's open context menu, as a user does: through
 * the submenu Firefox groups an extension's items in. Waits for the menu to open first.
 */
export async function chooseContextMenuItem(ff: FirefoxExtension, label: string): Promise<void> {
  const chrome = await ff.chromeContext();
  await ff.waitIn(chrome, 'the context menu to open', () => {
    const menu = document.getElementById('contentAreaContextMenu') as XulPopup | null;
    return menu?.state === 'open';
  });
  await ff.evaluate(
    chrome,
    async (wanted: string) => {
      const menu = document.getElementById('contentAreaContextMenu') as XulPopup | null;
      const items = [...(menu?.querySelectorAll<Element>('menuitem') ?? [])] as XulItem[];
      // Firefox keeps an item per context (link, page); the ones that do not apply are hidden.
      const item = items.find((i) => i.getAttribute('label') === wanted && !i.hidden);
      if (!item) throw new Error(`no menu item "${wanted}"`);
      const popup = item.parentNode as XulPopup;
      if (popup !== menu) {
        const shown = new Promise((resolve) =>
          popup.addEventListener('popupshown', resolve, { once: true }),
        );
        (popup.parentNode as XulItem).openMenu(true);
        await shown;
      }
      popup.activateItem(item);
    },
    label,
  );
}

/** The system clipboard's text, read by the browser itself (no page involved). */
export async function clipboardText(ff: FirefoxExtension): Promise<string> {
  return ff.evaluate(await ff.chromeContext(), () => navigator.clipboard.readText());
}

export async function setClipboardText(ff: FirefoxExtension, text: string): Promise<void> {
  await ff.evaluate(
    await ff.chromeContext(),
    (value: string) => navigator.clipboard.writeText(value),
    text,
  );
}
