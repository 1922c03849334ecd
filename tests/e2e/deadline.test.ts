// Issue 11: nothing waits forever. One deadline (settings.fetchDeadlineMs, shortened here so
// the test is quick) covers a whole fetch, resolve and probes included. While waiting, the
// reader says which endpoint it is trying and for how long; past the deadline the reader and
// the popup say what each endpoint did, offer Retry and link to the endpoint settings; an
// answer that comes later still replaces the error.
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { CACHE_DB, clearSettings, deleteDatabase, setSettings, useE2E } from './harness';

const DEADLINE_MS = 3_000;
/** Time for the page to start, message the worker and render, on a busy machine. */
const SLACK_MS = 5_000;
const NTDTV = 'https://www.ntdtv.com/gb/2022/07/03/a103470752.html';
const RFA = 'https://www.rfa.org/mandarin/zhuanlan/butongdeshengyin/jkdv-05312019110343.html';
const HOST = /jsdelivr\.net|githubusercontent\.com|github\.com/;

const e2e = useE2E();

beforeEach(async () => {
  e2e.mirror.clearFaults();
  await deleteDatabase(e2e.ext, CACHE_DB);
  await clearSettings(e2e.ext);
  await setSettings(e2e.ext, { fetchDeadlineMs: DEADLINE_MS });
});

async function openReader(url: string): Promise<{ reader: Page; started: number }> {
  const reader = await e2e.ext.context.newPage();
  const started = Date.now();
  await reader.goto(e2e.ext.url(`reader.html?url=${encodeURIComponent(url)}`));
  return { reader, started };
}

/** The failure a view shows once the deadline passed, checked for every part the user needs. */
async function expectDeadlineFailure(view: Page): Promise<string[]> {
  const failed = view.getByTestId('article-failed');
  await failed.waitFor({ timeout: DEADLINE_MS + SLACK_MS });
  expect(await failed.getAttribute('data-code')).toBe('timeout');
  const lines = await view.getByTestId('failure-details').locator('li').allTextContents();
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.every((line) => HOST.test(line))).toBe(true);
  expect(await view.getByTestId('retry').isVisible()).toBe(true);
  const link = await view.getByTestId('endpoints-link').getAttribute('href');
  expect(link).toBe(e2e.ext.url(`${e2e.ext.optionsPath}#endpoints`));
  return lines;
}

describe('the deadline', () => {
  it('ends the wait when every host hangs: progress, then what each endpoint did, in the reader and the popup', async () => {
    e2e.mirror.setFault('*', 'hang');
    const { reader, started } = await openReader(NTDTV);
    // Progress: which endpoint, and the seconds so far.
    await reader
      .getByTestId('loading-status')
      .filter({ hasText: HOST })
      .filter({ hasText: /[1-9]/ })
      .waitFor({ timeout: DEADLINE_MS });
    const lines = await expectDeadlineFailure(reader);
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(DEADLINE_MS);
    expect(waited).toBeLessThan(DEADLINE_MS + SLACK_MS);
    expect(lines.some((line) => /\d/.test(line))).toBe(true);
    // The message names the deadline set.
    const message = await reader.getByTestId('article-failed').locator('p').first().textContent();
    expect(message).toMatch(new RegExp(`\\b${DEADLINE_MS / 1000}\\b`));

    const popup = await e2e.ext.openToolbarPopup(reader);
    await popup.getByTestId('article-loading').waitFor();
    await expectDeadlineFailure(popup);
    await popup.close();

    e2e.mirror.clearFaults();
    await reader.getByTestId('retry').click();
    await reader.getByTestId('article-title').waitFor({ timeout: 20_000 });
    await reader.close();
  });

  it('ends the wait when every host answers one byte a second', async () => {
    e2e.mirror.setFault('*', 'trickle');
    const { reader, started } = await openReader(RFA);
    await expectDeadlineFailure(reader);
    expect(Date.now() - started).toBeLessThan(DEADLINE_MS + SLACK_MS);
    const popup = await e2e.ext.openToolbarPopup(reader);
    await expectDeadlineFailure(popup);
    await popup.close();
    await reader.close();
  });

  it('shows an answer that comes after the deadline in place of the error', async () => {
    // Late by more than the slack, so that the error is surely seen first on a busy machine.
    e2e.mirror.setFault('*', { kind: 'slow', delayMs: DEADLINE_MS + SLACK_MS + 1_000 });
    const { reader } = await openReader(RFA);
    await expectDeadlineFailure(reader);
    await reader.getByTestId('article-title').waitFor({ timeout: 15_000 });
    expect(await reader.getByTestId('article-failed').count()).toBe(0);
    await reader.close();
  });
});
