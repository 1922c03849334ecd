import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { matchUrl } from '../../src/core/match/match';
import { parseMirrorUrl } from '../../src/core/match/mirror-url';

const ORIGINAL = 'https://www.epochtimes.com/gb/21/1/11/n12681566.htm';
const MIRROR = 'https://github.com/begood0513/goodnews/blob/master/pages/nsc412/n12681566.md';

// ------------------------------------------------------------------ fakes of the browser

const copyMirrorLink = vi.fn<(url: string, tab?: unknown) => Promise<null>>(async () => null);

interface Call {
  api: string;
  args: unknown;
}
const calls: Call[] = [];
const record =
  (api: string, result: unknown = undefined) =>
  async (args: unknown) => {
    calls.push({ api, args });
    return result;
  };

const browserFake = {
  i18n: {
    getMessage: (key: string, subs?: string[]) => (subs ? `${key}(${subs.join(',')})` : key),
  },
  runtime: {
    getURL: (path: string) => `chrome-extension://id/${path}`,
    getManifest: () => ({ action: { default_popup: 'popup.html' } }),
  },
  tabs: { create: record('tabs.create') },
  action: {
    setPopup: record('action.setPopup'),
    openPopup: vi.fn<(options: unknown) => Promise<void>>(async (options) => {
      calls.push({ api: 'action.openPopup', args: options });
    }),
  },
};
const PRIVATE_ID = 'a'.repeat(32);

vi.mock('../../src/platform/api', () => ({ browser: browserFake }));
vi.mock('../../src/background/copy-link', () => ({ copyMirrorLink }));
// The address form (private or not) is the settings' business, tested on its own.
vi.mock('../../src/platform/reader-address', async () => {
  const { privateReaderPath, readerPath } = await import('../../src/core/pages/reader-url');
  return {
    rememberUrl: async () => PRIVATE_ID,
    readerUrlFor: async (url: string, options?: { share?: boolean; incognito?: boolean }) =>
      `chrome-extension://id/${options?.incognito ? privateReaderPath(PRIVATE_ID, options) : readerPath(url, options)}`,
  };
});

/** Chrome's menu registry: it outlives the worker, and refuses a duplicate id. */
const registry = new Map<string, chrome.contextMenus.CreateProperties>();
const listeners = {
  onClicked: [] as unknown[],
  onInstalled: [] as unknown[],
  onStartup: [] as unknown[],
  onStorageChanged: [] as unknown[],
};
const runtime: { lastError?: { message: string } } = {};
const chromeFake = {
  runtime: {
    get lastError() {
      return runtime.lastError;
    },
    onInstalled: { addListener: (l: unknown) => listeners.onInstalled.push(l) },
    onStartup: { addListener: (l: unknown) => listeners.onStartup.push(l) },
  },
  i18n: { getMessage: (key: string) => key },
  storage: { onChanged: { addListener: (l: unknown) => listeners.onStorageChanged.push(l) } },
  contextMenus: {
    removeAll: (done: () => void) => {
      registry.clear();
      setTimeout(done, 1);
    },
    create: (item: chrome.contextMenus.CreateProperties, done: () => void) => {
      const id = String(item.id);
      setTimeout(() => {
        if (registry.has(id))
          runtime.lastError = { message: `Cannot create item with duplicate id ${id}` };
        else registry.set(id, item);
        done();
        runtime.lastError = undefined;
      }, 1);
      return id;
    },
    onClicked: { addListener: (l: unknown) => listeners.onClicked.push(l) },
  },
};

beforeEach(() => {
  vi.stubGlobal('chrome', chromeFake);
  calls.length = 0;
  copyMirrorLink.mockClear();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

async function load() {
  return import('../../src/background/context-menus');
}

function info(menuItemId: string, extra: Partial<chrome.contextMenus.OnClickData> = {}) {
  return { menuItemId, editable: false, pageUrl: 'http://127.0.0.1/page.html', ...extra };
}
const tab = { id: 7, index: 2, windowId: 1 } as chrome.tabs.Tab;
const incognitoTab = { id: 9, index: 0, windowId: 2, incognito: true } as chrome.tabs.Tab;

// ------------------------------------------------------------------ tests

describe('menuItems', () => {
  it('offers the three actions on links and on pages, titled from _locales, with unique ids', async () => {
    const { menuItems } = await load();
    const items = menuItems((key) => `«${key}»`);
    expect(items.map((i) => [i.id, i.title, i.contexts])).toEqual([
      ['copy-mirror-link@link', '«menuCopyMirrorLink»', ['link']],
      ['open-in-reader@link', '«menuOpenInReader»', ['link']],
      ['show-qr@link', '«menuShowQr»', ['link']],
      ['copy-mirror-link@page', '«menuCopyMirrorLink»', ['page']],
      ['open-in-reader@page', '«menuOpenInReader»', ['page']],
      ['show-qr@page', '«menuShowQr»', ['page']],
    ]);
  });

  it('shows link items only for links to originals or mirrors, page items only on such pages', async () => {
    const { menuItems } = await load();
    const [link, , , page] = menuItems((k) => k);
    expect(link!.documentUrlPatterns).toBeUndefined();
    expect(page!.targetUrlPatterns).toBeUndefined();
    const patterns = link!.targetUrlPatterns!;
    expect(page!.documentUrlPatterns).toEqual(patterns);
    expect(patterns).toContain('*://*.epochtimes.com/*');
    expect(patterns).toContain('*://github.com/begood0513/goodnews/*');
    expect(patterns).not.toContain('<all_urls>');
    expect(patterns.every((p) => !p.startsWith('*://*/'))).toBe(true);
    expect(matchUrl(ORIGINAL)).not.toBeNull();
    expect(parseMirrorUrl(MIRROR)).not.toBeNull();
  });
});

describe('parseMenuId', () => {
  it('reads our ids and refuses anything else', async () => {
    const { parseMenuId } = await load();
    expect(parseMenuId('show-qr@page')).toEqual({ action: 'show-qr', place: 'page' });
    expect(parseMenuId('show-qr@frame')).toBeNull();
    expect(parseMenuId('other-extension-item')).toBeNull();
    expect(parseMenuId(42)).toBeNull();
  });
});

describe('createContextMenus', () => {
  it('removes everything, then creates; running again (install, update, startup, a restarted worker) gives no duplicate', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    registry.clear();
    registry.set('copy-mirror-link@link', { id: 'copy-mirror-link@link', title: 'stale' });
    const first = await load();
    await Promise.all([first.createContextMenus(), first.createContextMenus()]);
    // A restarted worker has fresh module state but the same registry.
    vi.resetModules();
    const second = await load();
    await second.createContextMenus();
    expect([...registry.keys()].sort()).toEqual(
      [
        'copy-mirror-link@link',
        'copy-mirror-link@page',
        'open-in-reader@link',
        'open-in-reader@page',
        'show-qr@link',
        'show-qr@page',
      ].sort(),
    );
    expect(registry.get('copy-mirror-link@link')!.title).toBe('menuCopyMirrorLink');
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it('checks runtime.lastError in each create callback and says which item failed', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const create = chromeFake.contextMenus.create;
    chromeFake.contextMenus.create = (item, done) => {
      setTimeout(() => {
        runtime.lastError = { message: 'Invalid url pattern' };
        done();
        runtime.lastError = undefined;
      }, 1);
      return String(item.id);
    };
    try {
      vi.resetModules();
      await (await load()).createContextMenus();
      expect(warn).toHaveBeenCalledWith('context menu copy-mirror-link@link: Invalid url pattern');
    } finally {
      chromeFake.contextMenus.create = create;
      warn.mockRestore();
    }
  });
});

describe('registerContextMenus', () => {
  it('registers the click, install, startup and source-change listeners at once (synchronously)', async () => {
    listeners.onClicked.length = listeners.onInstalled.length = listeners.onStartup.length = 0;
    listeners.onStorageChanged.length = 0;
    (await load()).registerContextMenus();
    expect(
      [
        listeners.onClicked,
        listeners.onInstalled,
        listeners.onStartup,
        listeners.onStorageChanged,
      ].map((l) => l.length),
    ).toEqual([1, 1, 1, 1]);
  });
});

describe('onMenuClick', () => {
  it('copy mirror link runs the copy job for the link, or for the page itself, with the tab it came from', async () => {
    const { onMenuClick } = await load();
    await onMenuClick(info('copy-mirror-link@link', { linkUrl: ORIGINAL }), tab);
    await onMenuClick(info('copy-mirror-link@page', { pageUrl: MIRROR }), tab);
    expect(copyMirrorLink.mock.calls).toEqual([
      [ORIGINAL, tab],
      [MIRROR, tab],
    ]);
  });

  it('open in reader and show QR code open the reader next to the tab (QR: on its share panel)', async () => {
    const { onMenuClick } = await load();
    await onMenuClick(info('open-in-reader@link', { linkUrl: ORIGINAL }), tab);
    await onMenuClick(info('show-qr@page', { pageUrl: MIRROR }), tab);
    expect(calls.filter((c) => c.api === 'tabs.create').map((c) => c.args)).toEqual([
      {
        url: `chrome-extension://id/reader.html?url=${encodeURIComponent(ORIGINAL)}`,
        index: 3,
        windowId: 1,
        openerTabId: 7,
      },
      {
        url: `chrome-extension://id/reader.html?url=${encodeURIComponent(MIRROR)}#share`,
        index: 3,
        windowId: 1,
        openerTabId: 7,
      },
    ]);
    expect(copyMirrorLink).not.toHaveBeenCalled();
  });

  it('from an incognito tab, shows the article in the popup over it, keeping nothing, with no tab in a normal window', async () => {
    const { onMenuClick } = await load();
    await onMenuClick(info('open-in-reader@link', { linkUrl: ORIGINAL }), incognitoTab);
    expect(calls).toEqual([
      {
        api: 'action.setPopup',
        args: { tabId: 9, popup: `popup.html?id=${PRIVATE_ID}&incognito` },
      },
      { api: 'action.openPopup', args: { windowId: 2 } },
      { api: 'action.setPopup', args: { tabId: 9, popup: 'popup.html' } },
    ]);
  });

  it('from an incognito tab whose popup cannot open, opens a reader flagged to keep nothing', async () => {
    const { onMenuClick } = await load();
    vi.mocked(browserFake.action.openPopup).mockRejectedValueOnce(new Error('no window'));
    vi.spyOn(console, 'warn').mockImplementationOnce(() => undefined);
    await onMenuClick(info('show-qr@link', { linkUrl: ORIGINAL }), incognitoTab);
    expect(calls.filter((c) => c.api === 'tabs.create').map((c) => c.args)).toEqual([
      { url: `chrome-extension://id/reader.html?id=${PRIVATE_ID}&incognito#share` },
    ]);
  });

  it('ignores items that are not ours', async () => {
    const { onMenuClick } = await load();
    await onMenuClick(info('someone-else', { linkUrl: ORIGINAL }), tab);
    expect(calls).toEqual([]);
  });
});
