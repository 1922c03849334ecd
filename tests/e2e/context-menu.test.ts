// Context menus in real Chromium, against the fake mirror. Playwright cannot click native
// menus, so each test dispatches the registered listener in the service worker with
// `chrome.contextMenus.onClicked.dispatch(info, tab)` — the listener Chromium would call —
// and reads the system clipboard back from a focused page.
import { describe, expect, it } from 'vitest';
import type { Page, Worker } from 'playwright-core';
import { readBuiltManifest, useE2E, waitFor, type ExtensionBrowser } from './harness';

const e2e = useE2E();

const ORIGINAL = 'https://www.epochtimes.com/gb/21/1/11/n12681566.htm';
const MIRROR = 'https://github.com/begood0513/goodnews/blob/master/pages/nsc412/n12681566.md';
const RAW_MIRROR =
  'https://raw.githubusercontent.com/begood0513/goodnews/master/pages/nsc412/n12681566.md';
/** A well-formed original that no mirror holds. */
const MISSING = 'https://www.epochtimes.com/gb/21/1/11/n99999999.htm';

const MENU_IDS = [
  'copy-mirror-link@link',
  'open-in-reader@link',
  'show-qr@link',
  'copy-mirror-link@page',
  'open-in-reader@page',
  'show-qr@page',
];

/** Calls the worker's onClicked listeners as Chromium does for a menu click in `tabId`. */
async function clickMenu(
  ext: ExtensionBrowser,
  tabId: number,
  info: { menuItemId: string; linkUrl?: string; pageUrl: string },
): Promise<void> {
  const worker = await ext.worker();
  await worker.evaluate(
    async ([id, data]) => {
      const tab = await chrome.tabs.get(id);
      const event = chrome.contextMenus.onClicked as unknown as {
        dispatch(info: chrome.contextMenus.OnClickData, tab: chrome.tabs.Tab): void;
      };
      event.dispatch({ editable: false, ...data }, tab);
    },
    [tabId, info] as const,
  );
}

function action(worker: Worker, tabId: number): Promise<{ badge: string; title: string }> {
  return worker.evaluate(
    async (id) => ({
      badge: await chrome.action.getBadgeText({ tabId: id }),
      title: await chrome.action.getTitle({ tabId: id }),
    }),
    tabId,
  );
}

/** A page that may read and write the clipboard, focused (reading needs focus). */
async function clipboardPage(ext: ExtensionBrowser, url: string): Promise<Page> {
  const origin = new URL(url).origin;
  await ext.cdp.send('Browser.grantPermissions', {
    origin,
    permissions: ['clipboardReadWrite', 'clipboardSanitizedWrite'],
  });
  const tab = await ext.openPage(url);
  await tab.bringToFront();
  return tab;
}

const readClipboard = (tab: Page) => tab.evaluate(() => navigator.clipboard.readText());
const writeClipboard = (tab: Page, text: string) =>
  tab.evaluate((t) => navigator.clipboard.writeText(t), text);

/** Whether each of our items exists: `update` fails for an unknown id. */
function menuItemsExist(worker: Worker, ids: string[]): Promise<Record<string, boolean>> {
  return worker.evaluate(
    (list) =>
      Promise.all(
        list.map(
          (id) =>
            new Promise<[string, boolean]>((resolve) =>
              chrome.contextMenus.update(id, {}, () => resolve([id, !chrome.runtime.lastError])),
            ),
        ),
      ).then(Object.fromEntries),
    ids,
  );
}

describe('context menus', () => {
  it('exist for links and for pages, and are created again without duplicates after a worker restart and an update', async () => {
    const { ext } = e2e;
    const expected = Object.fromEntries(
      [...MENU_IDS, 'not-ours'].map((id) => [id, id !== 'not-ours']),
    );
    // onInstalled creates the items one by one: wait until the last one is there.
    const first = await ext.worker();
    await waitFor(
      async () =>
        JSON.stringify(await menuItemsExist(first, [...MENU_IDS, 'not-ours'])) ===
        JSON.stringify(expected),
      { timeoutMs: 5_000, what: 'the menus created on install' },
    );

    await ext.stopServiceWorker();
    const worker = await ext.wakeServiceWorker();
    const warnings: string[] = [];
    worker.on('console', (message) => {
      if (message.type() === 'warning' || message.type() === 'error') warnings.push(message.text());
    });
    // An item an older version left behind must go: menus are rebuilt, not added to.
    await worker.evaluate(
      () =>
        new Promise<void>((resolve) =>
          chrome.contextMenus.create({ id: 'left-by-old-version', title: 'old' }, () => resolve()),
        ),
    );
    // What Chromium fires when the extension updates: onInstalled, with the menus still there.
    await worker.evaluate(() => {
      const event = chrome.runtime.onInstalled as unknown as {
        dispatch(details: chrome.runtime.InstalledDetails): void;
      };
      event.dispatch({
        reason: 'update',
        previousVersion: '0.0.1',
      } as chrome.runtime.InstalledDetails);
    });
    const ids = [...MENU_IDS, 'left-by-old-version'];
    const rebuilt = JSON.stringify(
      Object.fromEntries(ids.map((id) => [id, id !== 'left-by-old-version'])),
    );
    await waitFor(async () => JSON.stringify(await menuItemsExist(worker, ids)) === rebuilt, {
      timeoutMs: 5_000,
      what: 'the menus to be rebuilt after the update',
    });
    expect(warnings).toEqual([]);
  });

  it('Copy mirror link on a link waits for the lookup and puts exactly the mirror link on the clipboard', async () => {
    const { ext, pages, mirror } = e2e;
    const url = pages.setLinks('/copy.html', 'copy', [{ href: ORIGINAL, text: '文章' }]);
    const tab = await clipboardPage(ext, url);
    const tabId = await ext.tabIdOf(tab);
    await ext.waitForTabReport(tabId, { url });
    await writeClipboard(tab, 'sentinel');
    expect(await readClipboard(tab)).toBe('sentinel');
    mirror.clearRequests();

    await clickMenu(ext, tabId, {
      menuItemId: 'copy-mirror-link@link',
      linkUrl: ORIGINAL,
      pageUrl: url,
    });
    const worker = await ext.worker();
    const done = await waitFor(
      async () => {
        const state = await action(worker, tabId);
        return state.badge === '✓' || state.badge === '!' ? state : undefined;
      },
      { timeoutMs: 20_000, what: 'the badge to confirm the copy' },
    );
    expect(done.badge).toBe('✓');
    expect(done.title).toContain(MIRROR);
    // The folder is not in the URL: the background had to look it up on the mirror.
    expect(mirror.requests.length).toBeGreaterThan(0);
    await tab.bringToFront();
    expect(await readClipboard(tab)).toBe(MIRROR);

    // The flash ends and the badge shows the tab's count again.
    await waitFor(async () => (await action(worker, tabId)).badge === '1', {
      timeoutMs: 10_000,
      what: 'the badge to show the link count again',
    });
    await tab.close();
  });

  it('Copy mirror link on a mirror page itself gives its github.com link', async () => {
    const { ext, pages } = e2e;
    const url = pages.setLinks('/copy-page.html', 'copy page', []);
    const tab = await clipboardPage(ext, url);
    const tabId = await ext.tabIdOf(tab);
    await writeClipboard(tab, 'sentinel');
    await clickMenu(ext, tabId, { menuItemId: 'copy-mirror-link@page', pageUrl: RAW_MIRROR });
    const worker = await ext.worker();
    await waitFor(async () => (await action(worker, tabId)).badge === '✓', {
      timeoutMs: 20_000,
      what: 'the badge to confirm the copy',
    });
    await tab.bringToFront();
    expect(await readClipboard(tab)).toBe(MIRROR);
    await tab.close();
  });

  it('tells the user why when there is no mirror, and leaves the clipboard alone', async () => {
    const { ext, pages } = e2e;
    const url = pages.setLinks('/missing.html', 'missing', [{ href: MISSING, text: '不在镜像里' }]);
    const tab = await clipboardPage(ext, url);
    const tabId = await ext.tabIdOf(tab);
    await writeClipboard(tab, 'sentinel');
    await clickMenu(ext, tabId, {
      menuItemId: 'copy-mirror-link@link',
      linkUrl: MISSING,
      pageUrl: url,
    });
    const worker = await ext.worker();
    const failed = await waitFor(
      async () => {
        const state = await action(worker, tabId);
        return state.badge === '!' || state.badge === '✓' ? state : undefined;
      },
      { timeoutMs: 30_000, what: 'the badge to report the failure' },
    );
    expect(failed.badge).toBe('!');
    const reason = await worker.evaluate(() => chrome.i18n.getMessage('copyFailNotFound'));
    expect(reason).not.toBe('');
    expect(failed.title).toContain(reason);
    await tab.bringToFront();
    expect(await readClipboard(tab)).toBe('sentinel');
    await tab.close();
  });

  it('Open in reader and Show QR code open the reader beside the tab (QR: on its share panel)', async () => {
    const { ext, pages } = e2e;
    const url = pages.setLinks('/open.html', 'open', [{ href: ORIGINAL, text: '文章' }]);
    const tab = await ext.openPage(url);
    const tabId = await ext.tabIdOf(tab);

    let opened = ext.context.waitForEvent('page', { timeout: 10_000 });
    await clickMenu(ext, tabId, {
      menuItemId: 'open-in-reader@link',
      linkUrl: ORIGINAL,
      pageUrl: url,
    });
    const reader = await opened;
    // Private reading (the default): the address names no article, only an opaque id.
    expect(reader.url()).toMatch(new RegExp(`^${ext.url('reader.html')}\\?id=[0-9a-f]{32}$`));

    opened = ext.context.waitForEvent('page', { timeout: 10_000 });
    await clickMenu(ext, tabId, { menuItemId: 'show-qr@page', pageUrl: MIRROR });
    const share = await opened;
    expect(share.url()).toMatch(new RegExp(`^${ext.url('reader.html')}\\?id=[0-9a-f]{32}#share$`));
    await reader.getByTestId('article-title').waitFor({ timeout: 20_000 });

    const worker = await ext.worker();
    const [readerTab, shareTab] = await worker.evaluate(
      (id) =>
        chrome.tabs.query({}).then((tabs) =>
          tabs
            .filter((t) => t.openerTabId === id)
            .sort((a, b) => a.id! - b.id!)
            .map((t) => t.index),
        ),
      tabId,
    );
    const own = await worker.evaluate((id) => chrome.tabs.get(id).then((t) => t.index), tabId);
    // Each opens right after the tab it came from.
    expect([readerTab, shareTab].every((index) => index === own + 1 || index === own + 2)).toBe(
      true,
    );
    await share.close();
    await reader.close();
    await tab.close();
  });

  it('has a keyboard shortcut that opens the popup (the _execute_action command)', async () => {
    const manifest = readBuiltManifest() as {
      commands?: Record<string, { suggested_key?: { default?: string } }>;
      action?: { default_popup?: string };
    };
    expect(manifest.commands?._execute_action?.suggested_key?.default).toBe('Alt+Shift+M');
    expect(manifest.action?.default_popup).toBeTruthy();
    // Chromium took the suggested key (no clash): the command is bound.
    const worker = await e2e.ext.worker();
    const commands = await worker.evaluate(() => chrome.commands.getAll());
    expect(commands.find((c) => c.name === '_execute_action')?.shortcut).toBe('Alt+Shift+M');
  });
});
