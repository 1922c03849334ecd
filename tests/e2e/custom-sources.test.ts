// A source the extension does not ship, added by the user through the options form or a JSON
// file, works as a built-in one does: the reader resolves and reads its articles from its own
// mirror repository. A bad file is refused whole, with each problem naming its field.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readerPath } from '../../src/core/reader-url';
import {
  CUSTOM,
  CUSTOM_LOOKUP,
  customOriginal,
  customTitle,
  lookupOriginal,
  lookupTitle,
  serveCustomMirrors,
} from './custom-mirror';
import { useE2E, waitFor } from './harness';

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
