// Each context of the built extension works in real Chromium: the service worker, the
// content script on an http page, the real toolbar popup, the options page, messages, and
// the background's fetch through production URLs to the fake mirror.
import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLE_ORIGINALS } from '../../scripts/start-page';
import {
  FAULTS,
  FIXTURE_REPOS_DIR,
  JSDELIVR_HOSTS,
  launchExtension,
  readBuiltManifest,
  useE2E,
} from './harness';

const PAGE = 'pages/nsc412/n12681566.md';
const ORIGINAL = 'https://www.epochtimes.com/gb/21/1/11/n12681566.htm';
const version = readBuiltManifest().version as string;
const e2e = useE2E();

describe('the built extension in Chromium', () => {
  it('starts its service worker, whose manifest version is the built one', async () => {
    const { ext } = e2e;
    expect(ext.extensionId).toMatch(/^[a-p]{32}$/);
    const worker = await ext.worker();
    expect(worker.url()).toMatch(new RegExp(`^chrome-extension://${ext.extensionId}/`));
    expect(await worker.evaluate(() => chrome.runtime.getManifest().version)).toBe(version);
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    expect(version).toBe(pkg.version);
  });

  it('answers ping from an extension page (message round trip)', async () => {
    expect(await e2e.ext.sendMessage('ping', {})).toEqual({ ok: true, value: { version } });
  });

  it('runs the content script on a local http page, whose report reaches storage.session and the badge', async () => {
    const { ext, pages } = e2e;
    const url = pages.setLinks(
      '/links.html',
      '示例链接',
      SAMPLE_ORIGINALS.map((l) => ({ href: l.href, text: l.label })),
    );
    const page = await ext.openPage(url);
    const tabId = await ext.tabIdOf(page);
    const report = await ext.waitForTabReport(tabId, { url });
    expect(report.url).toBe(url);
    expect(report.linkCount).toBeGreaterThan(0);
    const worker = await ext.worker();
    expect(await worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe(
      String(report.linkCount),
    );
    await page.close();
  });

  it('opens the real toolbar popup for a tab, with the activeTab grant, and it shows the version', async () => {
    const { ext, pages } = e2e;
    const url = pages.setLinks('/popup-tab.html', 'popup tab', [
      { href: ORIGINAL, text: 'original' },
    ]);
    const tab = await ext.openPage(url);
    const popup = await ext.openToolbarPopup(tab);
    expect(popup.url()).toBe(ext.url(ext.popupPath));
    await popup.getByTestId('popup').waitFor();
    await popup.getByTestId('status').filter({ hasText: version }).waitFor({ timeout: 10_000 });
    // A real action click grants activeTab: the popup may read the tab's URL.
    const active = await popup.evaluate(() =>
      chrome.tabs
        .query({ active: true, currentWindow: true })
        .then((tabs) => tabs.map((t) => t.url)),
    );
    expect(active).toEqual([url]);
    await popup.close();
    await tab.close();
  });

  it('renders the popup page opened in a tab too (the fallback for tests)', async () => {
    const page = await e2e.ext.openPopupInTab();
    await page.getByTestId('status').filter({ hasText: version }).waitFor({ timeout: 10_000 });
    await page.close();
  });

  it('renders the options page', async () => {
    const page = await e2e.ext.openExtensionPage(e2e.ext.optionsPath);
    await page.getByTestId('options').waitFor({ timeout: 10_000 });
    await page.close();
  });

  it('fetches from the background through every production endpoint to the fake mirror', async () => {
    const { ext, mirror } = e2e;
    const expected = await readFile(
      join(FIXTURE_REPOS_DIR, 'begood0513/goodnews/master', PAGE),
      'utf8',
    );
    mirror.clearRequests();
    const worker = await ext.worker();
    const raw = await worker.evaluate(
      (url) => fetch(url).then((r) => r.text()),
      `https://raw.githubusercontent.com/begood0513/goodnews/master/${PAGE}`,
    );
    expect(raw).toBe(expected);
    // Only this test's requests: the background may fetch index pages of its own meanwhile.
    const ours = (): typeof mirror.requests => mirror.requests.filter((r) => r.path.endsWith(PAGE));
    expect(ours().map((r) => [r.host, r.path, r.status])).toEqual([
      ['raw.githubusercontent.com', `/begood0513/goodnews/master/${PAGE}`, 200],
    ]);

    const urls = [
      ...JSDELIVR_HOSTS.map((host) => `https://${host}/gh/begood0513/goodnews@master/${PAGE}`),
      `https://github.com/begood0513/goodnews/blob/master/${PAGE}`,
    ];
    const answers = await worker.evaluate(
      (list) =>
        Promise.all(
          list.map((u) => fetch(u).then(async (r) => ({ status: r.status, text: await r.text() }))),
        ),
      urls,
    );
    for (const [i, answer] of answers.entries()) {
      expect(answer.status, urls[i]).toBe(200);
      if (i < JSDELIVR_HOSTS.length) expect(answer.text).toBe(expected);
      else expect(answer.text).toContain('react-app.embeddedData');
    }
    const perHost: Record<string, number> = {};
    for (const r of ours()) perHost[r.host] = (perHost[r.host] ?? 0) + 1;
    expect(perHost).toEqual({
      'raw.githubusercontent.com': 1,
      'fastly.jsdelivr.net': 1,
      'gcore.jsdelivr.net': 1,
      'testingcf.jsdelivr.net': 1,
      'cdn.jsdelivr.net': 1,
      'github.com': 1,
    });
  });

  it("sees the fake mirror's faults as the browser would see a failing endpoint", async () => {
    const { ext, mirror } = e2e;
    const worker = await ext.worker();
    const url = `https://raw.githubusercontent.com/begood0513/goodnews/master/${PAGE}`;
    const outcomes: Record<string, string> = {};
    try {
      for (const fault of FAULTS) {
        mirror.setFault(
          'raw.githubusercontent.com',
          fault.kind === 'slow' ? { kind: 'slow', delayMs: 50 } : fault,
        );
        outcomes[fault.kind] = await worker.evaluate(async (u) => {
          try {
            // The hung request is given up on by the browser's own clock, as an extension would.
            const res = await fetch(u, { signal: AbortSignal.timeout(500) });
            const text = await res.text();
            return `${res.status} ${res.headers.get('content-type') ?? ''}${res.headers.get('x-ratelimit-remaining') === '0' ? ' rate-limited' : ''}${text.startsWith('### ') ? ' page' : ''}`;
          } catch (error) {
            return error instanceof DOMException ? error.name : 'network error';
          }
        }, url);
      }
    } finally {
      mirror.clearFaults();
    }
    expect(outcomes).toEqual({
      hang: 'TimeoutError',
      reset: 'network error',
      'not-found': '404 text/plain; charset=utf-8',
      'rate-limited': '403 application/json; charset=utf-8 rate-limited',
      'too-many-requests': '429 text/plain; charset=utf-8',
      'server-error': '500 text/plain; charset=utf-8',
      truncated: 'network error',
      'html-error': '200 text/html; charset=utf-8',
      slow: '200 text/plain; charset=utf-8 page',
    });
  });

  it('cannot reach a blocked original: its host does not resolve, as for our users', async () => {
    const { ext, mirror } = e2e;
    const worker = await ext.worker();
    const failure = await worker.evaluate(
      (url) =>
        fetch(url).then(
          (r) => `answered ${r.status}`,
          (e: unknown) => (e instanceof TypeError ? 'network error' : String(e)),
        ),
      ORIGINAL,
    );
    expect(failure).toBe('network error');
    const page = await ext.context.newPage();
    await expect(page.goto(ORIGINAL)).rejects.toThrow(/ERR_NAME_NOT_RESOLVED/);
    await page.close();
    expect(mirror.requests.filter((r) => r.host.includes('epochtimes'))).toEqual([]);
  });

  it('survives a service-worker stop: gone from the targets, woken by a message, answering again', async () => {
    const { ext } = e2e;
    const before = await ext.worker();
    await before.evaluate(() => {
      (globalThis as { inMemoryOnly?: boolean }).inMemoryOnly = true;
    });
    await ext.stopServiceWorker();
    expect(await ext.isServiceWorkerRunning()).toBe(false);
    const woken = await ext.wakeServiceWorker();
    expect(await ext.isServiceWorkerRunning()).toBe(true);
    // A fresh worker: what lived only in memory is gone.
    expect(
      await woken.evaluate(() => (globalThis as { inMemoryOnly?: boolean }).inMemoryOnly),
    ).toBeUndefined();
    expect(await ext.request('ping', {})).toEqual({ version });
  });
});

describe('the built manifest', () => {
  it('exposes no web_accessible_resources to web pages, so pages cannot detect the extension', async () => {
    const manifest = readBuiltManifest();
    const open = ((manifest.web_accessible_resources ?? []) as { matches?: string[] }[]).filter(
      (entry) =>
        (entry.matches ?? []).some((m) => m === '<all_urls>' || /^(\*|https?):\/\/\*\//.test(m)),
    );
    expect(open).toEqual([]);
    // And in the browser: a web page cannot load the content script's own file.
    const { ext, pages } = e2e;
    const page = await ext.openPage(
      pages.set('/probe.html', '<!DOCTYPE html><title>probe</title>'),
    );
    const scripts = ((manifest.content_scripts ?? []) as { js?: string[] }[]).flatMap(
      (c) => c.js ?? [],
    );
    expect(scripts.length).toBeGreaterThan(0);
    for (const file of scripts) {
      const loaded = await page.evaluate(
        (src) =>
          new Promise<boolean>((resolve) => {
            const s = document.createElement('script');
            s.src = src;
            s.onload = () => resolve(true);
            s.onerror = () => resolve(false);
            document.head.append(s);
          }),
        ext.url(file),
      );
      expect(loaded, file).toBe(false);
    }
    await page.close();
  });

  it('is required: launching without a build fails with a clear message', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'no-build-'));
    try {
      await expect(launchExtension({ extensionDir: empty })).rejects.toThrow(/npm run build/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
