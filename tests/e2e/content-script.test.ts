// The content script in real Chromium, with marks turned on: it marks exactly the links to mirrorable originals,
// the toolbar badge counts them per tab, links added later are found too, the dot opens
// the reader without the link navigating, the setting turns marking off and on, and a page
// without matches is left byte for byte as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  findBrowser,
  setSettings,
  useE2E,
  waitFor,
  withTimeout,
  type ExtensionBrowser,
} from './harness';

const e2e = useE2E();

interface TestLink {
  href: string;
  /** Whether the content script must mark (and count) it. */
  original: boolean;
}

const title = encodeURIComponent('中共操控舆论遭抵制');

/** Originals of every source family, in the shapes users meet them. */
const ORIGINALS: TestLink[] = [
  'https://www.epochtimes.com/gb/21/1/11/n12681566.htm',
  'http://epochtimes.com/b5/21/1/11/n12681566.htm?utm_source=chat#top',
  '//www.epochtimes.com/gb/20/3/1/n11111111.htm',
  'https://m.ntdtv.com/gb/2022/07/03/a103470752.html',
  'https://www.secretchina.com/news/gb/2022/10/26/1020087.html',
  'http://www.soundofhope.org/gb/2019/09/29/n3219520.html',
  'https://www.rfa.org/mandarin/zhuanlan/butongdeshengyin/jkdv-05312019110343.html',
  `https://www.minghui.org/mh/articles/2020/3/30/${title}-403141.html`,
].map((href) => ({ href, original: true }));

/** Look-alikes, non-articles on listed hosts, mirror links and other links: never marked. */
const OTHERS: TestLink[] = [
  'https://epochtimes.com.evil.example/gb/21/1/11/n12681566.htm',
  'http://epochtimes.com@evil.example/gb/21/1/11/n12681566.htm',
  'https://notepochtimes.com/gb/21/1/11/n12681566.htm',
  'https://www.epochtimes.com.cn/gb/21/1/11/n12681566.htm',
  'https://example.com/?ref=www.epochtimes.com/gb/21/1/11/n12681566.htm',
  'https://www.epochtimes.com/gb/ncid1453669.htm',
  'https://www.minghui.org/',
  'https://github.com/begood0513/goodnews/blob/master/pages/nsc412/n12681566.md',
  'https://raw.githubusercontent.com/begood0513/goodnews/master/pages/nsc412/n12681566.md',
  'https://cdn.jsdelivr.net/gh/begood0513/goodnews@master/pages/nsc412/n12681566.md',
  'https://example.com/',
  '/relative/page.html',
  '#section',
  'mailto:someone@example.com',
].map((href) => ({ href, original: false }));

const AREA_ORIGINAL = 'https://www.ntdtv.com/b5/2022/07/03/a103470752.html';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Compact, so that every link is in the viewport (dots are drawn near the viewport). */
function page(links: readonly TestLink[], area?: string): string {
  const items = links
    .map((l, i) => `<a href="${escapeHtml(l.href)}">link ${i}</a> after ${i}<br>`)
    .join('\n');
  const map = area
    ? `<map name="m"><area shape="rect" coords="0,0,10,10" href="${escapeHtml(area)}" alt="a"></map>`
    : '';
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>links</title>
<style>body{font:13px/15px sans-serif;margin:4px}</style></head>
<body><p id="links">
${items}
</p>${map}<p id="tail">end</p></body></html>
`;
}

/** The hrefs (as written) of the links that carry a mark: our host is the only element child. */
function markedHrefs(tab: Page): Promise<string[]> {
  return tab.evaluate(() =>
    [...document.querySelectorAll('a')]
      .filter((a) => a.lastElementChild?.localName === 'span')
      .map((a) => a.getAttribute('href') ?? ''),
  );
}

function badge(ext: ExtensionBrowser, tabId: number): Promise<string> {
  return ext
    .worker()
    .then((w) => w.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId));
}

async function setMarkLinks(ext: ExtensionBrowser, markLinks: boolean): Promise<void> {
  await setSettings(ext, { markLinks });
}

/** Resolves once our content script's isolated world exists in the page (it has then run). */
async function contentScriptRan(ext: ExtensionBrowser, tab: Page): Promise<void> {
  const session = await ext.context.newCDPSession(tab);
  const origin = `chrome-extension://${ext.extensionId}`;
  const seen = new Promise<void>((resolve) => {
    session.on('Runtime.executionContextCreated', ({ context }) => {
      if (context.origin === origin) resolve();
    });
  });
  // Enabling reports every context that exists already.
  await session.send('Runtime.enable');
  await withTimeout(seen, 10_000, "the content script's isolated world");
  await session.detach();
}

/** Two animation frames in the page: any batch of dots after a change has been written. */
function frames(tab: Page): Promise<void> {
  return tab.evaluate(
    () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
  );
}

// Marks are the user's choice (off by default, see privacy.test.ts): this file is about
// what they do once the user turned them on everywhere.
beforeAll(() => setMarkLinks(e2e.ext, true));

/** The same page in a Chromium without the extension. */
let plain: Browser;
beforeAll(async () => {
  // Marks are off by default; these tests are about marking.
  await setMarkLinks(e2e.ext, true);
  plain = await chromium.launch({
    executablePath: findBrowser(),
    headless: true,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu'],
  });
});
afterAll(async () => {
  await plain?.close();
});

async function withoutExtension(url: string): Promise<{ html: string; globals: string[] }> {
  const tab = await plain.newPage();
  try {
    await tab.goto(url, { waitUntil: 'load' });
    await frames(tab);
    return await tab.evaluate(() => ({
      html: document.documentElement.outerHTML,
      globals: Object.getOwnPropertyNames(window).sort(),
    }));
  } finally {
    await tab.close();
  }
}

describe('content script', () => {
  it('marks exactly the originals of every source family, and the badge counts them', async () => {
    const { ext, pages } = e2e;
    const links = [...ORIGINALS, ...OTHERS].sort((a, b) => a.href.localeCompare(b.href));
    const url = pages.set('/mix.html', page(links, AREA_ORIGINAL));
    const tab = await ext.openPage(url);
    const tabId = await ext.tabIdOf(tab);
    const report = await ext.waitForTabReport(tabId, { url });
    // Every original <a>, plus the <area> (counted; it has no box to draw a dot on).
    expect(report.linkCount).toBe(ORIGINALS.length + 1);
    expect(await badge(ext, tabId)).toBe(String(ORIGINALS.length + 1));
    await tab.waitForFunction(
      (n) => document.querySelectorAll('a > span').length >= n,
      ORIGINALS.length,
    );
    await frames(tab);
    expect((await markedHrefs(tab)).sort()).toEqual(
      links
        .filter((l) => l.original)
        .map((l) => l.href)
        .sort(),
    );
    // The link text is what the page wrote: the mark adds no text.
    expect(await tab.evaluate(() => document.querySelector('a')!.innerText)).toBe('link 0');
    await tab.close();
  });

  it('marks links the page adds or changes later, and counts removals', async () => {
    const { ext, pages } = e2e;
    const url = pages.set('/dynamic.html', page([...ORIGINALS.slice(0, 2), ...OTHERS.slice(0, 3)]));
    const tab = await ext.openPage(url);
    const tabId = await ext.tabIdOf(tab);
    await ext.waitForTabReport(tabId, { url });
    expect(await badge(ext, tabId)).toBe('2');

    await tab.evaluate(
      ([added, other]) => {
        const box = document.getElementById('links')!;
        const div = document.createElement('div');
        for (const href of [...added, other]) {
          const a = document.createElement('a');
          a.href = href;
          a.textContent = 'added';
          div.append(a, document.createElement('br'));
        }
        box.append(div);
        // An unrelated link becomes an original; one original goes away.
        const links = box.querySelectorAll('a');
        links[2]!.setAttribute('href', 'https://www.soundofhope.org/b5/2019/09/29/n3219521.html');
        links[0]!.remove();
      },
      [
        [
          'https://www.epochtimes.com/gb/21/1/12/n12681999.htm',
          'https://www.rfa.org/mandarin/yataibaodao/gangtai/abc-01022023101010.html',
        ],
        'https://example.org/not-an-original',
      ] as const,
    );
    await waitFor(async () => (await badge(ext, tabId)) === '4', {
      timeoutMs: 10_000,
      what: 'the badge to count 2 - 1 + 1 + 2 = 4 links',
    });
    await tab.waitForFunction(() => document.querySelectorAll('a > span').length === 4);
    expect((await markedHrefs(tab)).sort()).toEqual(
      [
        ORIGINALS[1]!.href,
        'https://www.soundofhope.org/b5/2019/09/29/n3219521.html',
        'https://www.epochtimes.com/gb/21/1/12/n12681999.htm',
        'https://www.rfa.org/mandarin/yataibaodao/gangtai/abc-01022023101010.html',
      ].sort(),
    );
    await tab.close();
  });

  it('keeps the listed links when a page whose list is full appends more', async () => {
    const { ext, pages } = e2e;
    const ntd = (n: number) => `https://www.ntdtv.com/gb/2022/07/03/a${103_000_000 + n}.html`;
    const url = pages.set(
      '/full-list.html',
      page(Array.from({ length: 105 }, (_, n) => ({ href: ntd(n), original: true }))),
    );
    const tab = await ext.openPage(url);
    const tabId = await ext.tabIdOf(tab);
    const first = await ext.waitForTabReport(tabId, { url });
    expect(first.linkCount).toBe(105);
    expect(first.links.map((l) => l.url)).toEqual(Array.from({ length: 100 }, (_, n) => ntd(n)));

    await tab.evaluate(
      (hrefs) => {
        const box = document.getElementById('links')!;
        for (const href of hrefs) {
          const a = document.createElement('a');
          a.href = href;
          a.textContent = 'more';
          box.append(a);
        }
      },
      [ntd(200), ntd(201)],
    );
    await waitFor(async () => (await badge(ext, tabId)) === '107', {
      timeoutMs: 10_000,
      what: 'the badge to count the appended links',
    });
    const { tabs } = (await ext.storage('session', 'tabs')) as {
      tabs: Record<string, { links: { url: string; title: string }[] }>;
    };
    expect(tabs[String(tabId)]!.links).toEqual(first.links);
    await tab.close();
  });

  it('opens the reader from the dot, while the link itself neither navigates nor hears the click', async () => {
    const { ext, pages } = e2e;
    const original = ORIGINALS[0]!.href;
    const url = pages.set('/click.html', page([ORIGINALS[0]!, OTHERS[0]!]));
    const tab = await ext.openPage(url);
    await tab.waitForFunction(() => document.querySelector('a > span') !== null);
    await frames(tab);
    await tab.evaluate(() => {
      const w = window as { heard?: string[] };
      w.heard = [];
      const a = document.querySelector('a')!;
      a.addEventListener('click', (event) => {
        w.heard!.push('link');
        event.preventDefault(); // the page's own handler: no navigation in this test
      });
      document.addEventListener('click', () => w.heard!.push('document'));
    });
    // The dot: 10 px at the host's static position (1 px right, 2 px up).
    const host = await tab.evaluate(() => {
      const r = document.querySelector('a > span')!.getBoundingClientRect();
      return { x: r.x, y: r.y };
    });
    const opened = ext.context.waitForEvent('page', { timeout: 10_000 });
    await tab.mouse.click(host.x + 6, host.y + 3);
    const reader = await opened;
    await reader.waitForLoadState('domcontentloaded');
    // Private reading (the default): the reader's address is an opaque id for this article.
    expect(reader.url()).toMatch(/\/reader\.html\?id=[0-9a-f]{32}$/);
    const shown = await ext.request('pageArticle', { address: reader.url() });
    expect(shown.url).toBe(original);
    expect(tab.url()).toBe(url);
    expect(await tab.evaluate(() => (window as { heard?: string[] }).heard)).toEqual([]);

    // A click on the link text still reaches the page's listeners as the page intended.
    const box = await tab.locator('a').first().boundingBox();
    await tab.mouse.click(box!.x + 3, box!.y + box!.height / 2);
    expect(await tab.evaluate(() => (window as { heard?: string[] }).heard)).toEqual([
      'link',
      'document',
    ]);
    await reader.close();
    await tab.close();
  });

  it('takes its marks away when the setting is off, leaving the page as it was, and puts them back', async () => {
    const { ext, pages } = e2e;
    const url = pages.set('/setting.html', page([...ORIGINALS.slice(0, 3), ...OTHERS.slice(0, 3)]));
    const tab = await ext.openPage(url);
    const tabId = await ext.tabIdOf(tab);
    await tab.waitForFunction(() => document.querySelectorAll('a > span').length === 3);
    const rects = () =>
      tab.evaluate(() =>
        [...document.querySelectorAll('a, #tail')].map((e) => {
          const r = e.getBoundingClientRect();
          return [r.x, r.y, r.width, r.height];
        }),
      );
    const marked = await rects();
    try {
      await setMarkLinks(ext, false);
      await tab.waitForFunction(() => document.querySelectorAll('a > span').length === 0);
      // No layout shift: every link and what follows is where it was with the marks.
      expect(await rects()).toEqual(marked);
      const clean = await tab.evaluate(() => document.documentElement.outerHTML);
      expect(clean).toBe((await withoutExtension(url)).html);
      // Counting goes on: the badge is not a mark.
      expect(await badge(ext, tabId)).toBe('3');
    } finally {
      await setMarkLinks(ext, true);
    }
    await tab.waitForFunction(() => document.querySelectorAll('a > span').length === 3);
    await tab.close();
  });

  it('leaves a page without matches byte for byte as it was, with no globals and no message', async () => {
    const { ext, pages } = e2e;
    const url = pages.set('/none.html', page(OTHERS));
    const tab = await ext.openPage(url);
    await contentScriptRan(ext, tab);
    await frames(tab);
    const withExtension = await tab.evaluate(() => ({
      html: document.documentElement.outerHTML,
      globals: Object.getOwnPropertyNames(window).sort(),
      resources: performance.getEntriesByType('resource').map((r) => r.name),
    }));
    const without = await withoutExtension(url);
    expect(withExtension.html).toBe(without.html);
    expect(withExtension.globals).toEqual(without.globals);
    expect(withExtension.resources.filter((r) => r.startsWith('chrome-extension:'))).toEqual([]);

    const tabId = await ext.tabIdOf(tab);
    expect(await badge(ext, tabId)).toBe('');
    const { tabs } = (await ext.storage('session', 'tabs')) as { tabs?: Record<string, unknown> };
    expect(tabs?.[String(tabId)]).toBeUndefined();

    // The script is alive on this page (the comparison above was not vacuous): a link the
    // page adds now is marked, and the same comparison then tells the pages apart.
    await tab.evaluate((href) => {
      const a = document.createElement('a');
      a.href = href;
      a.textContent = 'late';
      document.getElementById('links')!.append(a);
    }, ORIGINALS[0]!.href);
    await tab.waitForFunction(() => document.querySelector('a > span') !== null);
    expect(await tab.evaluate(() => document.documentElement.outerHTML)).not.toBe(without.html);
    await tab.close();
  });
});
