// Issue 14, accessibility in real Chromium: axe-core finds no violation on the popup, the
// reader in each theme, and the options page; every reading control is reached and used by
// keyboard with a visible focus ring; the article reflows at 200% zoom without horizontal
// scrolling.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSettings, useE2E, waitFor } from './harness';

const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

const ORIGINAL = 'https://www.ntdtv.com/gb/2022/07/03/a103470752.html';

const e2e = useE2E();
const report: string[] = [];

interface Violation {
  id: string;
  impact: string | null;
  targets: string[];
}

/** Runs axe-core in the page (all rules of its default run) and returns the violations. */
async function axe(page: Page, label: string): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const { violations } = await (
      window as unknown as {
        axe: {
          run(ctx: Document): Promise<{
            violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe.run(document);
    return violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  report.push(
    `| ${label} | ${violations.length === 0 ? 'no violation' : violations.map((v) => `${v.id} (${v.targets.length})`).join(', ')} |`,
  );
  return violations;
}

async function openReader(): Promise<Page> {
  const page = await e2e.ext.openExtensionPage(`reader.html?url=${encodeURIComponent(ORIGINAL)}`);
  await page.getByTestId('article-title').waitFor({ timeout: 20_000 });
  return page;
}

afterAll(() => {
  console.log(['| page | axe-core result |', '|---|---|', ...report].join('\n'));
});

describe('axe-core', () => {
  let reader: Page;
  beforeAll(async () => {
    reader = await openReader();
  });
  afterAll(() => reader.close());

  for (const theme of ['system', 'light', 'sepia', 'dark'] as const) {
    it(`finds no violation on the reader in the ${theme} theme`, async () => {
      await reader.getByTestId('theme').selectOption(theme);
      await waitFor(
        () =>
          reader.evaluate((t) => (document.documentElement.dataset.theme ?? 'system') === t, theme),
        { what: `the ${theme} theme` },
      );
      expect(await axe(reader, `reader, ${theme} theme`)).toEqual([]);
    });
  }

  it('finds no violation on the reader following a dark system theme', async () => {
    await reader.getByTestId('theme').selectOption('system');
    await reader.emulateMedia({ colorScheme: 'dark' });
    try {
      expect(await axe(reader, 'reader, system theme, system in dark mode')).toEqual([]);
    } finally {
      await reader.emulateMedia({ colorScheme: 'light' });
    }
  });

  it('finds no violation on the options page', async () => {
    const page = await e2e.ext.openExtensionPage(e2e.ext.optionsPath);
    await page.getByTestId('options').locator('form').first().waitFor();
    expect(await axe(page, 'options')).toEqual([]);
    await page.close();
  });

  it('finds no violation on the toolbar popup showing an article', async () => {
    await setSettings(e2e.ext, { readerOnError: 'off' });
    const tab = await e2e.ext.openBlockedOriginal(ORIGINAL);
    const popup = await e2e.ext.openToolbarPopup(tab);
    await popup.getByTestId('article-title').waitFor({ timeout: 20_000 });
    expect(await axe(popup, 'popup with an article')).toEqual([]);
    await popup.close();
    await tab.close();
  });
});

describe('keyboard and zoom', () => {
  let reader: Page;
  beforeAll(async () => {
    reader = await openReader();
  });
  afterAll(() => reader.close());

  it('reaches every reading control by Tab, each with a visible focus ring', async () => {
    const wanted = [
      'font-smaller',
      'font-larger',
      'line-height',
      'content-width',
      'theme',
      'script-original',
      'script-cn',
      'script-tw',
      'script-hk',
      'speech-play',
      'speech-rate',
      'print-article',
      'save-markdown',
      'save-html',
      'qr-enlarge',
      'copy-link',
    ];
    const seen = new Map<string, { style: string; width: number }>();
    await reader.locator('body').click({ position: { x: 1, y: 1 } });
    for (let i = 0; i < 60 && seen.size < wanted.length; i++) {
      await reader.keyboard.press('Tab');
      const focused = await reader.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el?.dataset.testid) return null;
        const style = getComputedStyle(el);
        return {
          id: el.dataset.testid,
          style: style.outlineStyle,
          width: parseFloat(style.outlineWidth),
        };
      });
      if (focused && wanted.includes(focused.id)) seen.set(focused.id, focused);
    }
    expect([...seen.keys()].sort()).toEqual([...wanted].sort());
    for (const [id, ring] of seen)
      expect({ id, visible: ring.style !== 'none' && ring.width >= 2 }).toEqual({
        id,
        visible: true,
      });
  });

  it('uses the reading bar by keyboard', async () => {
    const size = () =>
      reader.getByTestId('article').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const before = await size();
    await reader.getByTestId('font-larger').focus();
    await reader.keyboard.press('Enter');
    await waitFor(async () => (await size()) === before + 1, {
      what: 'Enter on A+ to enlarge the text',
    });
    await reader.getByTestId('font-smaller').focus();
    await reader.keyboard.press('Space');
    await waitFor(async () => (await size()) === before, {
      what: 'Space on A− to shrink the text',
    });
    await reader.getByTestId('theme').focus();
    await reader.keyboard.press('ArrowDown');
    await waitFor(() => reader.evaluate(() => document.documentElement.dataset.theme === 'light'), {
      what: 'ArrowDown on the theme to choose the next theme',
    });
    await reader.getByTestId('theme').selectOption('system');
  });

  it('reflows at 200% zoom (a 1280 px window: 640 CSS px) without horizontal scrolling', async () => {
    await reader.setViewportSize({ width: 640, height: 800 });
    for (let i = 0; i < 10; i++) await reader.getByTestId('font-larger').click();
    await reader.getByTestId('content-width').selectOption('48');
    const overflow = await reader.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
      // Elements reaching past the right edge, named for the failure message.
      wide: [...document.querySelectorAll('*')]
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth)
        .map((el) => `${el.tagName}.${el.className}: ${el.textContent?.slice(0, 40)}`),
    }));
    expect(overflow.wide).toEqual([]);
    expect(overflow.scroll).toBeLessThanOrEqual(overflow.client);
    const box = (await reader.getByTestId('article').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(640);
  });
});
