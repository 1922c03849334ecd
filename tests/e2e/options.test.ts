// The settings page stores what the user chose, and it survives a reload and a restart of
// the service worker; a stored value that is broken costs only itself, and the page says so.
// Every control is reachable by keyboard and axe-core finds no violation.
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CUSTOM } from './custom-mirror';
import { setSettings, useE2E, waitFor } from './harness';

const e2e = useE2E();

async function storedSettings(): Promise<unknown> {
  return e2e.ext.storage('sync', ['markLinks', 'privateReading', 'readerOnError', 'fontSize']);
}

async function openOptions(hash = ''): Promise<Page> {
  const page = await e2e.ext.openExtensionPage(`${e2e.ext.optionsPath}${hash}`);
  await page.getByTestId('behaviour').waitFor();
  return page;
}

describe('the options page', () => {
  it('keeps the chosen settings across a reload and a worker restart', async () => {
    const { ext } = e2e;
    const page = await openOptions();
    // Off by default: turning it on is the change to keep.
    await page.locator('input[name="markLinks"]').check();
    await page.locator('input[name="privateReading"]').uncheck();
    await page.locator('select[name="readerOnError"]').selectOption('off');
    await page.locator('input[name="fontSize"]').fill('22');
    await page.locator('input[name="fontSize"]').blur();
    await page.getByTestId('options-notice').filter({ hasText: /\S/ }).waitFor();
    expect(await storedSettings()).toEqual({
      markLinks: true,
      privateReading: false,
      readerOnError: 'off',
      fontSize: 22,
    });

    await ext.stopServiceWorker();
    await page.reload();
    await page.getByTestId('behaviour').waitFor();
    expect(await page.locator('input[name="markLinks"]').isChecked()).toBe(true);
    expect(await page.locator('input[name="privateReading"]').isChecked()).toBe(false);
    expect(await page.locator('select[name="readerOnError"]').inputValue()).toBe('off');
    expect(await page.locator('input[name="fontSize"]').inputValue()).toBe('22');
    await page.close();
  });

  it('shows the defaults for broken stored values, keeps the valid ones, and reports what it dropped', async () => {
    const { ext } = e2e;
    await setSettings(ext, {
      markLinks: true,
      readerOnError: 42,
      fontSize: 'x',
      images: 'sometimes',
      'customSource:broken.example': { id: 'broken.example', hosts: 'nope' },
    });
    const page = await openOptions();
    expect(await page.locator('input[name="markLinks"]').isChecked()).toBe(true);
    expect(await page.locator('select[name="readerOnError"]').inputValue()).toBe('auto');
    expect(await page.locator('select[name="images"]').inputValue()).toBe('click');
    expect(await page.locator('input[name="fontSize"]').inputValue()).toBe('18');
    const report = page.getByTestId('storage-problems');
    await report.locator('li').nth(3).waitFor();
    const lines = (await report.locator('li').allTextContents()).join('\n');
    for (const key of ['readerOnError', 'fontSize', 'images', 'customSource:broken.example'])
      expect(lines).toContain(key);
    const stored = await ext.storage('sync');
    expect(stored).toMatchObject({ markLinks: true });
    expect(Object.keys(stored)).not.toContain('fontSize');
    expect(Object.keys(stored)).not.toContain('customSource:broken.example');
    await page.close();
  });

  it('lists a damaged cache entry it dropped, while the article still opens', async () => {
    const { ext } = e2e;
    const original = 'https://www.epochtimes.com/gb/21/1/11/n12681566.htm';
    const worker = await ext.worker();
    // A torn write in Cache Storage: where this article's lookup would be.
    await worker.evaluate(async (key) => {
      const cache = await caches.open('reading');
      await cache.put(`https://reading.invalid/${encodeURIComponent(key)}`, new Response('{"loc'));
    }, 'resolve:epochtimes.com:n12681566');
    const article = await ext.request('fetchArticle', { url: original });
    expect(article.location.path).toBe('pages/nsc412/n12681566.md');
    const page = await openOptions();
    const report = page.getByTestId('storage-problems');
    await report.locator('li', { hasText: 'resolve:… (json)' }).waitFor();
    // The report names no article (it stays on the device after the cache is gone).
    expect(await report.textContent()).not.toContain('n12681566');
    await page.close();
  });

  it('opens on the section its address names', async () => {
    const page = await openOptions('#endpoints');
    await page.getByTestId('endpoint-raw').waitFor();
    const top = await page
      .getByTestId('endpoints')
      .evaluate((el) => el.getBoundingClientRect().top);
    // At the top of the view, give or take a line the page added above it after scrolling.
    expect(top).toBeGreaterThan(-5);
    expect(top).toBeLessThan(60);
    await page.close();
  });

  it('shows what "test now" measured in the figures beside the endpoint', async () => {
    const page = await openOptions('#endpoints');
    const stats = page.getByTestId('endpoint-stats-raw');
    const [never, median] = await page.evaluate(() => [
      chrome.i18n.getMessage('endpointNever'),
      chrome.i18n.getMessage('endpointMedian', '§').split('§')[0] ?? '',
    ]);
    expect(await stats.textContent()).toContain(never);
    await page.getByTestId('endpoint-test-raw').click();
    const ok = await page.evaluate(() => chrome.i18n.getMessage('endpointTestOk', '§'));
    await page
      .getByTestId('endpoint-test-result-raw')
      .filter({ hasText: ok.split('§')[0] ?? '' })
      .waitFor({ timeout: 20_000 });
    await waitFor(async () => !(await stats.textContent())?.includes(never), {
      what: 'the last success to show',
    });
    expect(await stats.textContent()).toContain(median);
    await page.close();
  });

  it('resets the settings only after asking, all by keyboard', async () => {
    await setSettings(e2e.ext, { images: 'never' });
    const page = await openOptions();
    const focused = () =>
      page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
    // The question takes the focus to its safe answer (it renders after the key press).
    const asked = () =>
      waitFor(async () => (await focused()) === 'reset-cancel', {
        what: 'the question with the focus on Cancel',
      });
    await page.getByTestId('reset-settings').focus();
    await page.keyboard.press('Enter');
    await asked();
    // Cancel keeps everything.
    await page.keyboard.press('Enter');
    expect(await e2e.ext.storage('sync', 'images')).toEqual({ images: 'never' });
    await page.getByTestId('reset-settings').focus();
    await page.keyboard.press('Enter');
    await asked();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.locator('select[name="images"]').filter({ hasText: /./ }).waitFor();
    await waitFor(
      async () => (await page.locator('select[name="images"]').inputValue()) === 'click',
      {
        what: 'images back to its default',
      },
    );
    expect(await e2e.ext.storage('sync', 'images')).toEqual({});
    await page.close();
  });

  it('lets the keyboard reach every control', async () => {
    const page = await openOptions();
    await page.getByTestId('recent').waitFor();
    // A radio group is one stop (arrow keys move within it).
    const controls = await page.evaluate(() => {
      const all = [
        ...document.querySelectorAll<HTMLElement>(
          'main input, main select, main textarea, main button, main a',
        ),
      ].filter((el) => !(el as HTMLButtonElement).disabled);
      const radios = new Set(
        all
          .filter((el) => (el as HTMLInputElement).type === 'radio')
          .map((el) => (el as HTMLInputElement).name),
      );
      return all.filter((el) => (el as HTMLInputElement).type !== 'radio').length + radios.size;
    });
    const reached = new Set<string>();
    for (let i = 0; i < controls + 5; i++) {
      await page.keyboard.press('Tab');
      reached.add(
        await page.evaluate(() => {
          const el = document.activeElement;
          if (!el || el === document.body) return 'body';
          return [...document.querySelectorAll('*')].indexOf(el).toString();
        }),
      );
    }
    reached.delete('body');
    expect(reached.size).toBeGreaterThanOrEqual(controls);
    await page.close();
  });

  it('has no accessibility violations that axe-core finds', async () => {
    // With a source of the user's and the form's errors showing: every part of the page.
    await setSettings(e2e.ext, { [`customSource:${CUSTOM.id}`]: CUSTOM });
    const page = await openOptions();
    await page.getByTestId('custom-source').waitFor();
    await page.getByTestId('source-add').click();
    await page.getByTestId('error-id').waitFor();
    await page.getByTestId('recent').waitFor();
    // Injected through the DevTools protocol: the page's CSP allows no inline script.
    await page.evaluate(axe.source);
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: typeof axe }).axe.run(document);
      return result.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
    });
    expect(violations).toEqual([]);
    await page.close();
  });
});
