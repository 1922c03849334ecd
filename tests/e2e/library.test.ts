// What the user read stays: each article opened is kept whole even when the worker is stopped
// or the tab closed right away, opens with every endpoint failing, and survives a reload of
// the extension with the settings. The endpoint order the user sets is what the next fetch
// follows.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readerPath } from '../../src/core/pages/reader-url';
import {
  CUSTOM,
  customOriginal,
  customTitle,
  mirrorPage,
  serveCustomMirrors,
} from './custom-mirror';
import {
  CACHE_DB,
  deleteDatabase,
  MIRROR_HOSTS,
  reloadExtension,
  sealedLibrary,
  setSettings,
  useE2E,
  waitFor,
} from './harness';

const e2e = useE2E();
const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const ROUNDS = 20;
let served = new Map<number, string>();

beforeAll(async () => {
  served = serveCustomMirrors(e2e.mirror, ROUNDS + 2);
  await setSettings(e2e.ext, { [`customSource:${CUSTOM.id}`]: CUSTOM });
});

async function openReader(url: string): Promise<Page> {
  return e2e.ext.openExtensionPage(readerPath(url));
}

/** The saved article `n` opens with every endpoint failing, its kept image shown, no request. */
async function expectImageOffline(n: number): Promise<void> {
  const { mirror } = e2e;
  mirror.setFault([...MIRROR_HOSTS], 'reset');
  mirror.clearRequests();
  try {
    const offline = await openReader(customOriginal(n));
    await offline.getByTestId('saved-note').waitFor();
    const shown = offline.locator('[data-testid="article"] img[src^="blob:"]');
    await shown.first().waitFor();
    await offline.waitForFunction(() =>
      [...document.querySelectorAll<HTMLImageElement>('img[src^="blob:"]')].some(
        (img) => img.complete && img.naturalWidth === 1,
      ),
    );
    expect(mirror.requests.map((r) => `${r.host}${r.path}`)).toEqual([]);
    await offline.close();
  } finally {
    mirror.clearFaults();
  }
}

describe('the library', () => {
  it(`keeps every article whole with the worker stopped mid-save or the tab closed, ${ROUNDS} times`, async () => {
    const { ext, mirror } = e2e;
    const log: string[] = [];
    for (let n = 1; n <= ROUNDS; n++) {
      const requested = mirror.waitForRequest((r) => r.path.includes(`${20240100 + n}.md`), 20_000);
      const reader = await openReader(customOriginal(n));
      // The page text has left the fake mirror: stop the worker while it is handed over and
      // kept (odd rounds), or close the tab as soon as the article shows (even rounds).
      await requested;
      if (n % 2) await ext.stopServiceWorker();
      const outcome = reader.locator(
        '[data-testid="article-title"],[data-testid="article-failed"]',
      );
      await outcome.first().waitFor({ timeout: 20_000 });
      const shown = (await reader.getByTestId('article-title').count()) > 0;
      log.push(`${n}:${shown ? 'shown' : 'retried'}`);
      if (!shown) {
        // The worker died before it answered: the page says so and a retry gets the article.
        await reader.getByTestId('retry').click();
        await reader.getByTestId('article-title').waitFor({ timeout: 20_000 });
      }
      await reader.close();
    }
    const options = await ext.openExtensionPage(ext.optionsPath);
    const records = await sealedLibrary(options);
    const missing = [...served.keys()].filter(
      (n) => n <= ROUNDS && !records.some((r) => r.urls.includes(customOriginal(n))),
    );
    expect({ missing, log }).toEqual({ missing: [], log });
    expect(records).toHaveLength(ROUNDS);
    for (let n = 1; n <= ROUNDS; n++) {
      const record = records.find((r) => r.urls.includes(customOriginal(n)));
      expect(record?.title, `article ${n}`).toBe(customTitle(n));
      expect(record?.text.trimEnd()).toBe(served.get(n)?.trimEnd());
      // Sealed: the stored record names neither the article nor its address.
      expect(record?.raw).not.toContain(customTitle(n));
      expect(record?.raw).not.toContain(customOriginal(n));
    }
    await options.getByTestId('recent-item').first().waitFor();
    expect(await options.getByTestId('recent-item').count()).toBe(ROUNDS);
    expect(await options.getByTestId('storage-problems').count()).toBe(0);
    await options.close();
  });

  it('opens a saved article with every endpoint failing, marked saved with its date', async () => {
    const { mirror } = e2e;
    mirror.setFault([...MIRROR_HOSTS], 'reset');
    mirror.clearRequests();
    try {
      const reader = await openReader(customOriginal(3));
      expect(await reader.getByTestId('article-title').textContent()).toBe(customTitle(3));
      const note = await reader.getByTestId('saved-note').textContent();
      expect(note).toContain(String(new Date().getFullYear()));
      expect(mirror.requests).toEqual([]);
      await reader.close();

      // The popup lists it under "recently read", found by its title.
      const popup = await e2e.ext.openPopupInTab();
      await popup.getByTestId('recent-search').fill('#3：');
      // The search answers asynchronously: wait for the filtered list.
      await waitFor(async () => (await popup.getByTestId('recent-item').count()) === 1, {
        what: 'one article whose title matches',
      });
      await popup.getByTestId('recent-open').click();
      expect(await popup.getByTestId('article-title').textContent()).toBe(customTitle(3));
      await popup.close();
    } finally {
      mirror.clearFaults();
    }
  });

  it("shows a saved article's note in words when the browser's i18n answers nothing", async () => {
    const page = await e2e.ext.context.newPage();
    // As a renderer whose messages came back empty answers (see src/ui/i18n.ts).
    await page.addInitScript(() => {
      chrome.i18n.getMessage = () => '';
    });
    await page.goto(e2e.ext.url(readerPath(customOriginal(3))));
    expect(await page.evaluate(() => chrome.i18n.getMessage('extName'))).toBe('');
    expect(await page.getByTestId('article-title').textContent()).toBe(customTitle(3));
    const note = await page.getByTestId('saved-note').textContent();
    expect(note).not.toContain('savedOn');
    expect(note).toContain(String(new Date().getFullYear()));
    await page.close();
  });

  it('keeps settings and library through a reload of the extension', async () => {
    const { ext } = e2e;
    const options = await ext.openExtensionPage(ext.optionsPath);
    await options.locator('select[name="images"]').selectOption('never');
    await options.locator('input[name="libraryLimit"]').fill('300');
    await options.locator('input[name="libraryLimit"]').blur();
    await options.getByTestId('recent-item').first().waitFor();
    const pin = options.getByTestId('recent-pin').first();
    await pin.click();
    await options.locator('[data-testid="recent-pin"][aria-pressed="true"]').waitFor();
    await options.close();

    await reloadExtension(ext);
    const after = await ext.openExtensionPage(ext.optionsPath);
    await after.getByTestId('behaviour').waitFor();
    expect(await after.locator('select[name="images"]').inputValue()).toBe('never');
    expect(await after.locator('input[name="libraryLimit"]').inputValue()).toBe('300');
    expect((await sealedLibrary(after)).length).toBe(ROUNDS);
    await after.locator('[data-testid="recent-pin"][aria-pressed="true"]').waitFor();
    await after.close();
  });

  it('keeps an article’s images when asked, shows them with every endpoint failing, and carries them through an HTML export and import', async () => {
    const { ext, mirror } = e2e;
    const n = 99;
    const image = 'https://raw.githubusercontent.com/example-mirror/daily-news/main/images/a.png';
    const path = `pages/world/${20240100 + n}.md`;
    const page = mirrorPage(
      'example-mirror/daily-news',
      'main',
      path,
      customTitle(n),
      customOriginal(n),
    );
    const daily = mirror.repo('example-mirror/daily-news', 'main');
    daily.put('images/a.png', ONE_PIXEL_PNG);
    // The test before set images to "never", which offers no keeping either.
    await setSettings(ext, { images: 'click' });
    daily.put(path, page.replace('<div><p>', `![配图](${image})\n\n<div><p>`));

    const reader = await openReader(customOriginal(n));
    await reader.getByTestId('keep-images').click();
    await reader.getByTestId('keep-images-status').filter({ hasText: /1\D+1/ }).waitFor();
    // Every image kept: the button goes once the kept images are read back.
    await reader.getByTestId('keep-images').waitFor({ state: 'detached' });
    await reader.close();

    await expectImageOffline(n);
    expect(await ext.storage('local', 'storageProblems')).toEqual({});

    // Exported as a self-contained page, the article carries its kept image inside.
    const options = await ext.openExtensionPage(ext.optionsPath);
    await options.getByTestId('recent-search').fill(`#${n}：`);
    await waitFor(async () => (await options.getByTestId('recent-item').count()) === 1, {
      what: 'the article in the options’ list',
    });
    const [download] = await Promise.all([
      options.waitForEvent('download'),
      options.getByTestId('recent-export-html').click(),
    ]);
    const html = await readFile((await download.path())!, 'utf8');
    expect(html).toContain(`data:image/png;base64,${ONE_PIXEL_PNG.toString('base64')}`);
    expect(html).not.toContain(`src="${image}"`);
    expect(html).toContain('img-src data:');

    // Deleted, then imported from that file: the article and its image are back.
    await options.getByTestId('recent-delete').click();
    await options.getByTestId('recent-item').waitFor({ state: 'detached' });
    await options.getByTestId('library-import').setInputFiles((await download.path())!);
    await options.getByTestId('library-notice').waitFor();
    await options.close();
    await expectImageOffline(n);
  });

  it('opens a saved article from the options in a private reader tab', async () => {
    const { ext } = e2e;
    const options = await ext.openExtensionPage(ext.optionsPath);
    await options.getByTestId('recent-search').fill('#3：');
    await waitFor(async () => (await options.getByTestId('recent-item').count()) === 1, {
      what: 'one article whose title matches',
    });
    const opened = ext.context.waitForEvent('page', { timeout: 10_000 });
    await options.getByTestId('recent-open').click();
    const reader = await opened;
    await reader.getByTestId('article-title').waitFor({ timeout: 20_000 });
    expect(await reader.getByTestId('article-title').textContent()).toBe(customTitle(3));
    expect(reader.url()).toMatch(new RegExp(`^${ext.url('reader.html')}\\?id=[0-9a-f]{32}$`));
    expect(await reader.title()).not.toContain(customTitle(3));
    await reader.close();
    await options.close();
  });

  it('fetches through the endpoints in the order set, skipping the disabled ones', async () => {
    const { ext, mirror } = e2e;
    await deleteDatabase(ext, CACHE_DB);
    const options = await ext.openExtensionPage(`${ext.optionsPath}#endpoints`);
    const raw = options.getByTestId('endpoint-raw');
    await raw.waitFor();
    // raw.githubusercontent.com is fifth by default: four moves up make it first.
    for (let i = 0; i < 4; i++) await raw.getByRole('button', { name: /↑|up|上移/i }).click();
    await options.getByTestId('endpoint-fastly').getByRole('checkbox').uncheck();
    await options.waitForFunction(
      () =>
        document.querySelector('[data-testid="endpoints"] li')?.getAttribute('data-testid') ===
        'endpoint-raw',
    );
    expect(await ext.storage('sync', ['endpointOrder', 'disabledEndpoints'])).toMatchObject({
      endpointOrder: ['raw', 'fastly', 'gcore', 'github', 'testingcf', 'cdn'],
      disabledEndpoints: ['fastly'],
    });
    await options.close();

    mirror.clearRequests();
    const reader = await openReader(customOriginal(ROUNDS + 1));
    await reader.getByTestId('article-title').waitFor();
    const pageRequests = mirror.requests.filter((r) =>
      r.path.includes(`${20240100 + ROUNDS + 1}.md`),
    );
    expect(pageRequests[0]?.host).toBe('raw.githubusercontent.com');
    expect(mirror.requestsTo('fastly.jsdelivr.net')).toEqual([]);
    await reader.close();
  });
});
