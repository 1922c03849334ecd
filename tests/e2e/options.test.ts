// The settings page stores what the user chose, and it survives a reload and a restart of
// the service worker; a stored value that is broken costs only itself, not the others.
import { describe, expect, it } from 'vitest';
import { setSettings, useE2E } from './harness';

const e2e = useE2E();

async function storedSettings(): Promise<unknown> {
  return e2e.ext.storage('sync', ['markLinks', 'privateReading', 'readerOnError', 'fontSize']);
}

describe('the options page', () => {
  it('keeps the chosen settings across a reload and a worker restart', async () => {
    const { ext } = e2e;
    const page = await ext.openExtensionPage(ext.optionsPath);
    await page.getByTestId('options').locator('form').waitFor();
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
    await page.getByTestId('options').locator('form').waitFor();
    expect(await page.locator('input[name="markLinks"]').isChecked()).toBe(true);
    expect(await page.locator('input[name="privateReading"]').isChecked()).toBe(false);
    expect(await page.locator('select[name="readerOnError"]').inputValue()).toBe('off');
    expect(await page.locator('input[name="fontSize"]').inputValue()).toBe('22');
    await page.close();
  });

  it('shows the defaults for a broken stored value and keeps the valid ones', async () => {
    const { ext } = e2e;
    await setSettings(ext, {
      markLinks: true,
      readerOnError: 42,
      fontSize: 'x',
      images: 'sometimes',
    });
    const page = await ext.openExtensionPage(ext.optionsPath);
    await page.getByTestId('options').locator('form').waitFor();
    expect(await page.locator('input[name="markLinks"]').isChecked()).toBe(true);
    expect(await page.locator('select[name="readerOnError"]').inputValue()).toBe('auto');
    expect(await page.locator('select[name="images"]').inputValue()).toBe('click');
    expect(await page.locator('input[name="fontSize"]').inputValue()).toBe('18');
    await page.close();
  });
});
