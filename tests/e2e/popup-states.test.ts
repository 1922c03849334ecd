// Issue 6: every state of the popup has a clear message and a way forward — not mirrored,
// every endpoint failed (retry), a page of links, anything else (paste a link) — and the
// reader opened after a failed load does not loop when the user goes Back.
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  CACHE_DB,
  clearSettings,
  deleteDatabase,
  deleteReadingCache,
  LIBRARY_DB,
  setSettings,
  useE2E,
  waitFor,
} from './harness';

const RFA = 'https://www.rfa.org/mandarin/zhuanlan/butongdeshengyin/jkdv-05312019110343.html';
const NTDTV = 'https://www.ntdtv.com/gb/2022/07/03/a103470752.html';
const MISSING = 'https://www.ntdtv.com/gb/2022/07/04/a109999999.html';

const e2e = useE2E();

async function settings(readerOnError: 'auto' | 'off'): Promise<void> {
  await deleteDatabase(e2e.ext, CACHE_DB);
  await deleteReadingCache(e2e.ext);
  await clearSettings(e2e.ext);
  await setSettings(e2e.ext, { readerOnError });
}

async function popupFor(url: string): Promise<{ tab: Page; popup: Page }> {
  const tab = await e2e.ext.openBlockedOriginal(url);
  return { tab, popup: await e2e.ext.openToolbarPopup(tab) };
}

beforeEach(async () => {
  e2e.mirror.clearFaults();
  await settings('off');
});

describe('the popup', () => {
  it('says an article is not mirrored, and links to the original', async () => {
    const { tab, popup } = await popupFor(MISSING);
    const failed = popup.getByTestId('article-failed');
    await failed.waitFor({ timeout: 30_000 });
    expect(await failed.getAttribute('data-code')).toBe('not-found');
    expect(await popup.getByTestId('open-original').getAttribute('href')).toBe(MISSING);
    await popup.close();
    await tab.close();
  });

  it('lists what each endpoint did when all failed, and retry then shows the article', async () => {
    e2e.mirror.setFault('*', { kind: 'server-error' });
    const { tab, popup } = await popupFor(RFA);
    const failed = popup.getByTestId('article-failed');
    await failed.waitFor({ timeout: 30_000 });
    expect(await failed.getAttribute('data-code')).toBe('all-endpoints-failed');
    const lines = await popup.getByTestId('failure-details').locator('li').allTextContents();
    expect(lines).toHaveLength(6);
    expect(lines.every((line) => line.includes('500'))).toBe(true);
    e2e.mirror.clearFaults();
    await popup.getByTestId('retry').click();
    await popup.getByTestId('article-title').waitFor({ timeout: 20_000 });
    await popup.close();
    await tab.close();
  });

  it('shows a skeleton while loading, and which host it is trying once that takes a while', async () => {
    e2e.mirror.setFault('*', { kind: 'slow', delayMs: 4_000 });
    // Read earlier in this file, the article is in the library and would show at once.
    await deleteDatabase(e2e.ext, LIBRARY_DB);
    const { tab, popup } = await popupFor(RFA);
    await popup.getByTestId('article-loading').waitFor();
    const status = popup.getByTestId('loading-status');
    await status.filter({ hasText: /jsdelivr\.net|githubusercontent\.com|github\.com/ }).waitFor({
      timeout: 10_000,
    });
    await popup.getByTestId('article-title').waitFor({ timeout: 20_000 });
    await popup.close();
    await tab.close();
  });

  it('lists the mirrorable links of a page by their text, and opens one', async () => {
    const url = e2e.pages.setLinks('/links.html', '链接页', [
      { href: NTDTV, text: '新唐人的一篇文章' },
      { href: 'https://example.com/other', text: '别的链接' },
      { href: RFA, text: '自由亚洲的一篇文章' },
    ]);
    const tab = await e2e.ext.openPage(url);
    await e2e.ext.waitForTabReport(await e2e.ext.tabIdOf(tab), { url });
    const popup = await e2e.ext.openToolbarPopup(tab);
    const list = popup.getByTestId('link-list');
    await list.waitFor();
    expect(await list.locator('li').allTextContents()).toEqual([
      '新唐人的一篇文章',
      '自由亚洲的一篇文章',
    ]);
    await list.getByText('自由亚洲的一篇文章').click();
    await popup.getByTestId('article-title').waitFor({ timeout: 20_000 });
    await popup.getByTestId('back').click();
    await list.waitFor();
    await popup.close();
    await tab.close();
  });

  it('explains itself on any other page, takes a pasted link, and rejects an unknown one', async () => {
    const url = e2e.pages.set('/plain.html', '<!doctype html><title>plain</title><p>nothing</p>');
    const tab = await e2e.ext.openPage(url);
    const popup = await e2e.ext.openToolbarPopup(tab);
    await popup.getByTestId('explain').waitFor();
    await popup.getByTestId('paste-input').fill('https://example.com/not-an-article');
    await popup.getByTestId('paste-open').click();
    await popup.getByTestId('paste-error').waitFor();
    await popup.getByTestId('paste-input').fill(RFA);
    await popup.getByTestId('paste-open').click();
    await popup.getByTestId('article-title').waitFor({ timeout: 20_000 });
    await popup.close();
    await tab.close();
  });
});

describe('the reader after a failed load', () => {
  it('does not open again when the user goes Back from it', async () => {
    await settings('auto');
    const tab = await e2e.ext.context.newPage();
    await tab.goto(NTDTV).catch(() => undefined);
    const reader = e2e.ext.url('reader.html');
    await waitFor(async () => tab.url().startsWith(reader), {
      timeoutMs: 15_000,
      what: 'the tab to land on the reader',
    });
    await tab.getByTestId('article-title').waitFor({ timeout: 20_000 });
    const worker = await e2e.ext.worker();
    const tabId = await e2e.ext.tabIdOf(tab);
    await tab.goBack().catch(() => undefined);
    // The worker has seen the second failure once the tab's failed URL is stored again.
    await waitFor(
      async () =>
        worker.evaluate(async (id) => {
          const { tabs } = await chrome.storage.session.get('tabs');
          return (tabs as Record<string, { failedUrl?: string }> | undefined)?.[id]?.failedUrl;
        }, tabId),
      { timeoutMs: 15_000, what: 'the second failure to be seen' },
    );
    await e2e.ext.request('ping', {});
    // Still on Chromium's error page for the original, not sent to the reader again.
    expect(tab.url()).not.toContain(reader);
    expect(tab.url()).toMatch(/^chrome-error:|^https:\/\/www\.ntdtv\.com\//);
    await tab.close();
  });
});
