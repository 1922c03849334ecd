// A source the extension does not ship, added by the user through the options form or a JSON
// file, works as a built-in one does: the reader resolves and reads its articles from its own
// mirror repository. A bad file is refused whole, with each problem naming its field. On web
// pages the content script counts, lists and marks its links as it does a built-in one's, and
// follows the sources as the user changes them.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readerPath } from '../../src/core/pages/reader-url';
import {
  CUSTOM,
  CUSTOM_LOOKUP,
  customOriginal,
  customTitle,
  lookupOriginal,
  lookupTitle,
  serveCustomMirrors,
} from './custom-mirror';
import { storedSiteMarks, useE2E, waitFor, type ExtensionBrowser } from './harness';

const e2e = useE2E();

beforeAll(() => void serveCustomMirrors(e2e.mirror, 2));

async function options(): Promise<Page> {
  const page = await e2e.ext.openExtensionPage(e2e.ext.optionsPath);
  await page.getByTestId('source-form').waitFor();
  return page;
}

async function readInReader(url: string): Promise<string> {
  const reader = await e2e.ext.openExtensionPage(readerPath(url));
  const title = await reader.getByTestId('article-title').textContent({ timeout: 20_000 });
  await reader.close();
  return title ?? '';
}

const file = (sources: unknown[]) => ({
  name: 'sources.json',
  mimeType: 'application/json',
  buffer: Buffer.from(JSON.stringify({ format: 'mirror-reader-sources', version: 1, sources })),
});

describe('custom sources', () => {
  it('are added through the form, with each problem shown beside its field', async () => {
    const page = await options();
    const form = page.getByTestId('source-form');
    const fill = async (values: Record<string, string>) => {
      for (const [name, value] of Object.entries(values)) {
        await form.locator(`[name="${name}"]`).fill(value);
      }
    };
    await fill({
      id: CUSTOM.id,
      nameZhCN: CUSTOM.name.zh_CN,
      nameZhTW: CUSTOM.name.zh_TW,
      nameEn: CUSTOM.name.en,
      hosts: CUSTOM.hosts.join(', '),
      patterns: CUSTOM.patterns[0]!.path,
      owner: 'example-mirror/oops',
      repo: 'daily-news',
      branch: 'main',
      template: 'pages/{folder}/{id}',
    });
    await page.getByTestId('source-add').click();
    const ownerError = await page.getByTestId('error-owner').textContent();
    const templateError = await page.getByTestId('error-template').textContent();
    expect(ownerError).toContain('mirrors[0].owner');
    expect(ownerError).toContain('"example-mirror/oops"');
    expect(templateError).toContain('mirrors[0].path.template');
    expect(await page.locator('[name="owner"]').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('custom-source').count()).toBe(0);

    await fill({ owner: 'example-mirror', template: 'pages/{folder}/{id}.md' });
    await page.getByTestId('source-add').click();
    await page.getByTestId('custom-source').first().waitFor();
    expect(await e2e.ext.storage('sync', `customSource:${CUSTOM.id}`)).toEqual({
      [`customSource:${CUSTOM.id}`]: CUSTOM,
    });
    await page.close();

    expect(await readInReader(customOriginal(1))).toBe(customTitle(1));
  });

  it('are imported from JSON all or nothing, and an export restores them exactly', async () => {
    const page = await options();
    const bad = { ...CUSTOM_LOOKUP, hosts: ['Other-News.net'], mirrors: [{ owner: 'x' }] };
    await page.getByTestId('sources-import').setInputFiles(file([CUSTOM_LOOKUP, bad]));
    const errors = await page.getByTestId('sources-import-errors').locator('li').allTextContents();
    expect(errors.some((e) => e.startsWith('sources[1].hosts[0]'))).toBe(true);
    expect(errors.some((e) => e.startsWith('sources[1].mirrors[0].repo'))).toBe(true);
    expect(await page.getByTestId('custom-source').count()).toBe(1);

    await page.getByTestId('sources-import').setInputFiles(file([CUSTOM_LOOKUP]));
    await page.getByTestId('custom-source').nth(1).waitFor();
    expect(await readInReader(lookupOriginal)).toBe(lookupTitle);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('sources-export').click(),
    ]);
    const exported = await readFile((await download.path())!, 'utf8');
    expect(JSON.parse(exported)).toEqual({
      format: 'mirror-reader-sources',
      version: 1,
      sources: [CUSTOM, CUSTOM_LOOKUP],
    });

    // Removed, then imported back from the export: the same items as before.
    const before = await e2e.ext.storage('sync');
    const remove = page.getByRole('button', { name: /example-news|other-news/ });
    for (let left = 2; left > 0; left--) {
      await remove.first().click();
      await waitFor(async () => (await page.getByTestId('custom-source').count()) < left, {
        what: 'a custom source removed',
      });
    }
    await page.getByTestId('sources-import').setInputFiles({
      name: 'export.json',
      mimeType: 'application/json',
      buffer: Buffer.from(exported),
    });
    await page.getByTestId('custom-source').nth(1).waitFor();
    expect(await e2e.ext.storage('sync')).toEqual(before);
    await page.close();
  });

  it('are recognized by the popup, where a pasted link of one opens its article', async () => {
    const popup = await e2e.ext.openPopupInTab();
    await popup.getByTestId('paste-input').fill(customOriginal(2));
    await popup.getByTestId('paste-open').click();
    expect(await popup.getByTestId('article-title').textContent({ timeout: 20_000 })).toBe(
      customTitle(2),
    );
    await popup.close();
  });

  it('are recognized by a reader tab whose article is no longer known, where a pasted link opens', async () => {
    // A private id this browser session never gave: a tab restored after a restart.
    const reader = await e2e.ext.openExtensionPage(`reader.html?id=${'0'.repeat(32)}`);
    await reader.getByTestId('reader-gone').waitFor();
    await reader.getByTestId('paste-input').fill('https://example.com/not-an-article');
    await reader.getByTestId('paste-open').click();
    await reader.getByTestId('paste-error').waitFor();
    await reader.getByTestId('paste-input').fill(customOriginal(2));
    await reader.getByTestId('paste-open').click();
    expect(await reader.getByTestId('article-title').textContent({ timeout: 20_000 })).toBe(
      customTitle(2),
    );
    await reader.close();
  });
});

/** What the worker recorded of the tab's links, and its badge. */
async function tabLinks(ext: ExtensionBrowser, tabId: number) {
  const worker = await ext.worker();
  return worker.evaluate(async (id) => {
    const { tabs } = (await chrome.storage.session.get('tabs')) as {
      tabs?: Record<string, { linkCount: number; links: { url: string }[] }>;
    };
    const badge = await chrome.action.getBadgeText({ tabId: id });
    return { count: tabs?.[id]?.linkCount, urls: tabs?.[id]?.links.map((l) => l.url), badge };
  }, tabId);
}

/** The hrefs of the links that carry a mark (the marker's host is their last element child). */
function markedHrefs(tab: Page): Promise<string[]> {
  return tab.evaluate(() =>
    [...document.querySelectorAll('a')]
      .filter((a) => a.lastElementChild?.localName === 'span')
      .map((a) => a.getAttribute('href') ?? ''),
  );
}

describe('links to a custom source on a web page', () => {
  const builtin = 'https://www.epochtimes.com/gb/21/1/11/n12681566.htm';
  const originals = [customOriginal(1), lookupOriginal, builtin];
  const others = ['https://www.example-news.org/about.html', 'https://news.example.org/1.html'];

  it('are counted on the badge, listed in the popup and marked once marks are on for the site', async () => {
    const { ext } = e2e;
    const items = [...originals, ...others].map((href) => `<p><a href="${href}">${href}</a></p>`);
    const url = e2e.pages.set('/custom-links.html', `<!DOCTYPE html><body>${items.join('')}`);
    const tab = await ext.openPage(url);
    const tabId = await ext.tabIdOf(tab);
    await ext.waitForTabReport(tabId, { url: tab.url() });
    const seen = await tabLinks(ext, tabId);
    expect(seen.count).toBe(3);
    expect(seen.badge).toBe('3');
    expect(seen.urls?.sort()).toEqual([...originals].sort());

    const popup = await ext.openToolbarPopup(tab);
    const list = popup.getByTestId('link-list');
    await list.waitFor();
    const titles = await list.locator('.link-button').allTextContents();
    expect(titles.sort()).toEqual([...originals].sort());
    // Marks are off by default: none yet. The user turns them on for this site.
    expect(await markedHrefs(tab)).toEqual([]);
    await popup.locator('input[name="siteMarks"]').check();
    await waitFor(async () => (await storedSiteMarks(ext))[new URL(url).hostname], {
      what: 'the per-site choice to be stored',
    });
    await popup.close();
    await tab.waitForFunction(() => document.querySelectorAll('a > span').length === 3);
    expect((await markedHrefs(tab)).sort()).toEqual([...originals].sort());

    // The open page follows the options: a source switched off loses its count and marks,
    // a custom source removed too; switched on again, its link comes back.
    const page = await options();
    // A click, not uncheck(): the box shows the stored settings, which follow a moment later.
    await page.getByTestId('source-epochtimes.com').click();
    await tab.waitForFunction(() => document.querySelectorAll('a > span').length === 2);
    await page.getByRole('button', { name: /other-news/ }).click();
    await tab.waitForFunction(() => document.querySelectorAll('a > span').length === 1);
    expect(await markedHrefs(tab)).toEqual([customOriginal(1)]);
    await waitFor(async () => (await tabLinks(ext, tabId)).badge === '1', {
      what: 'the badge to count the one link left',
    });
    await page.getByTestId('source-epochtimes.com').click();
    await tab.waitForFunction(() => document.querySelectorAll('a > span').length === 2);
    await waitFor(async () => (await tabLinks(ext, tabId)).badge === '2', {
      what: 'the badge to count the built-in link again',
    });
    await page.close();
    await tab.close();
  });
});
