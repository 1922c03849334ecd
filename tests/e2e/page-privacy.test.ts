// Issue 17: with the default settings no page can tell that the extension is there. A page
// of 100 links (50 to blocked originals of the six sources, 50 ordinary) runs the published
// fingerprinting detectors (tests/fixtures/privacy/detector.js) while it is loaded,
// scrolled and hovered, and every request of the whole browser goes through a logging
// proxy. With marks off (the default) every detector finds nothing and the log stays empty,
// while the badge, the popup's list and the reader still work (the reader's requests show
// up in the same log: the control). Once the user turns marks on for the site in the
// popup, the detectors find them there, and only there.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchUrl } from '../../src/core/match/match';
import { DIST_DIR, MIRROR_HOSTS, REPO_ROOT, storedSiteMarks, useE2E, waitFor } from './harness';
import { LoggingProxy } from './harness/logging-proxy';

type Findings = Record<string, string[]>;

const ORIGINALS = [
  (i: number) => `https://www.epochtimes.com/gb/21/1/11/n126815${60 + i}.htm`,
  (i: number) => `https://www.ntdtv.com/gb/2022/07/03/a1034707${10 + i}.html`,
  (i: number) => `https://www.secretchina.com/news/gb/2022/10/26/10200${10 + i}.html`,
  (i: number) => `https://www.soundofhope.org/gb/2019/09/29/n32195${10 + i}.html`,
  (i: number) =>
    `https://www.rfa.org/mandarin/zhuanlan/butongdeshengyin/jkdv-053120191103${10 + i}.html`,
  (i: number) => `https://www.minghui.org/mh/articles/2020/3/30/标题-4031${10 + i}.html`,
];
const BLOCKED = Array.from({ length: 50 }, (_, i) => ORIGINALS[i % 6]!(i));
const ORDINARY = Array.from({ length: 50 }, (_, i) => `https://news.example.org/story/${i}.html`);

function linksPage(): string {
  const links = BLOCKED.flatMap((href, i) => [href, ORDINARY[i]!]).map(
    (href, i) => `<p><a href="${href}">链接 ${i} 新闻</a></p>`,
  );
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>100 links</title>
<script src="/detector.js"></script>
<style>body{font:15px/20px sans-serif;margin:8px}p{margin:0 0 24px}</style></head>
<body>${links.join('\n')}</body></html>
`;
}

/** Every file of the built extension, as a page that knows its id would try them. */
function extensionFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
    );
  return walk(DIST_DIR).map((file) => relative(DIST_DIR, file).split('\\').join('/'));
}

/**
 * Chromium's own background traffic to Google (update checks, account checks) still flows
 * with the quiet flags; it is the browser's, not the page's or ours, and is counted apart.
 */
const browserOwn = (host: string) => /(^|\.)(google\.com|googleapis\.com|gvt1\.com)$/.test(host);

let mirrorPort: number | undefined;
const mirrorHosts = new Set<string>(MIRROR_HOSTS);
// Started before the browser: its address is a launch flag. Loopback (the test pages) is
// never proxied; everything else the browser sends is logged here.
const proxy = await LoggingProxy.start((host) => (mirrorHosts.has(host) ? mirrorPort : undefined));
const e2e = useE2E({ launch: { args: [`--proxy-server=http://127.0.0.1:${proxy.port}`] } });

beforeAll(() => {
  mirrorPort = e2e.mirror.port;
  e2e.pages.mount('/', join(REPO_ROOT, 'tests/fixtures/privacy'));
  e2e.pages.set('/links.html', linksPage());
});
afterAll(() => proxy.close());

/** Loads the page, scrolls to the end and back, hovers every link: what a visit does. */
async function visit(url: string): Promise<Page> {
  const tab = await e2e.ext.openPage(url);
  for (let y = 0; y < 6; y += 1) {
    await tab.mouse.wheel(0, 800);
    await tab.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  }
  await tab.evaluate(() => scrollTo(0, 0));
  for (const link of await tab.locator('a').all()) await link.hover();
  return tab;
}

function detect(tab: Page): Promise<Findings> {
  return tab.evaluate(
    ([id, files]) =>
      (
        window as unknown as { detector: { report(id: string, f: string[]): Promise<Findings> } }
      ).detector.report(id, files),
    [e2e.ext.extensionId, extensionFiles()] as const,
  );
}

const counts = (found: Findings) =>
  Object.fromEntries(Object.entries(found).map(([name, list]) => [name, list.length]));

const results: Record<string, Record<string, number>> = {};
afterAll(() => {
  // The figures the closing note asks for.
  console.log('detector findings (marks off / on this site / another site):');
  console.table(results);
});

describe('a page with 100 links, with the default settings', () => {
  it('cannot observe the extension with any detector, and no request leaves the browser', async () => {
    expect(BLOCKED.every((url) => matchUrl(url) !== null)).toBe(true);
    const { ext } = e2e;
    const logged = proxy.requests.length;
    const tab = await visit(e2e.pages.url('/links.html'));
    const tabId = await ext.tabIdOf(tab);
    // The content script ran and counted (the badge works): the silence below is not vacuous.
    const report = await ext.waitForTabReport(tabId, { url: tab.url() });
    expect(report.linkCount).toBe(50);
    const found = await detect(tab);
    results['marks off'] = counts(found);
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((name) => [name, []])));
    const visiting = proxy.since(logged);
    expect(visiting.filter((r) => !browserOwn(r.host)).map((r) => r.line)).toEqual([]);

    // The popup lists the links; opening one reads it through the mirror: the control, in
    // the same log, only to mirror hosts.
    const popup = await ext.openToolbarPopup(tab);
    await popup.getByTestId('link-list').waitFor();
    expect(await popup.locator('.link-button').count()).toBe(50);
    // Link 6 is n12681566, an article of the fixture mirror.
    await popup.locator('.link-button').nth(6).click();
    await popup.getByTestId('article-title').waitFor({ timeout: 20_000 });
    const control = proxy.since(logged + visiting.length).filter((r) => !browserOwn(r.host));
    console.log(
      `requests while visiting: ${visiting.length - visiting.filter((r) => browserOwn(r.host)).length} ` +
        `(+${visiting.filter((r) => browserOwn(r.host)).length} of Chromium's own to Google); ` +
        `control, one article opened from the popup: ${control.length}`,
      control.map((r) => r.line),
    );
    expect(control.length).toBeGreaterThan(0);
    expect(control.filter((r) => !mirrorHosts.has(r.host))).toEqual([]);
    await popup.close();
    await tab.close();
  });
});

describe('marks, once the user turns them on for a site in the popup', () => {
  it('are found by the detectors on that site, and never appear on another', async () => {
    const { ext } = e2e;
    const tab = await ext.openPage(e2e.pages.url('/links.html'));
    await ext.waitForTabReport(await ext.tabIdOf(tab), { url: tab.url() });
    const popup = await ext.openToolbarPopup(tab);
    const toggle = popup.locator('input[name="siteMarks"]');
    await toggle.waitFor();
    expect(await toggle.isChecked()).toBe(false);
    // The line beside the switch says what it costs.
    expect(await popup.getByTestId('site-marks').textContent()).toContain(
      await popup.evaluate(() => chrome.i18n.getMessage('marksVisibleHint')),
    );
    await toggle.check();
    await waitFor(async () => (await storedSiteMarks(ext))['127.0.0.1'], {
      what: 'the per-site choice to be stored',
    });
    await popup.close();
    await tab.close();

    const marked = await visit(e2e.pages.url('/links.html'));
    await marked.waitForFunction(() => document.querySelectorAll('a > span').length === 50);
    const found = await detect(marked);
    results['marks on, this site'] = counts(found);
    for (const detector of ['mutations', 'children', 'markup', 'beside']) {
      expect(found[detector]!.length, detector).toBeGreaterThan(0);
    }
    await marked.close();

    // Another site the user did not allow (same server, another host name).
    const elsewhere = await visit(e2e.pages.url('/links.html').replace('127.0.0.1', 'localhost'));
    await ext.waitForTabReport(await ext.tabIdOf(elsewhere), { url: elsewhere.url() });
    const clean = await detect(elsewhere);
    results['marks on, another site'] = counts(clean);
    expect(Object.values(clean).flat()).toEqual([]);
    await elsewhere.close();

    // The choice names a site the user visits.
    // It stays on this device, never in sync, and not in storage.local, whose log keeps
    // removed values: in Cache Storage, which "Forget everything" deletes whole.
    expect(await storedSiteMarks(ext)).toEqual({ '127.0.0.1': true });
    expect(JSON.stringify(await ext.storage('sync'))).not.toContain('127.0.0.1');
    expect(JSON.stringify(await ext.storage('local'))).not.toContain('127.0.0.1');
  });
});

describe('the event and timing detectors', () => {
  it('see a script that handles blocked links (their silence above means something)', async () => {
    // On the host without marks: only the page's own script is there to be seen.
    const tab = await visit(e2e.pages.url('/links.html').replace('127.0.0.1', 'localhost'));
    // What a careless content script could do: stop clicks on blocked links, and spend time on
    // every event they get.
    await tab.evaluate(() => {
      const blocked = (e: Event) => {
        const a = (e.target as Element).closest?.('a');
        return a !== null && a !== undefined && !a.href.includes('news.example.org');
      };
      addEventListener(
        'click',
        (e) => {
          if (!blocked(e)) return;
          e.stopPropagation();
          e.preventDefault();
        },
        true,
      );
      for (const type of ['pointerover', 'mouseover', 'mousedown', 'contextmenu', 'focusin']) {
        addEventListener(
          type,
          (e) => {
            const until = performance.now() + 0.2;
            while (blocked(e) && performance.now() < until);
          },
          true,
        );
      }
    });
    const found = await detect(tab);
    results['a page script handling blocked links'] = counts(found);
    expect(found.events).toHaveLength(50);
    expect(found.timing).toHaveLength(1);
    await tab.close();
  });
});
