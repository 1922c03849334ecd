/**
 * The content script in real Chromium, on a page of 10,000 links of which 1,000 are
 * originals (all six source families), with two mixes of other links: main-thread time of
 * the first scan, its longest task, and the time for 1,000 links the page adds later (100 of
 * them originals). Also the bundle's size. Prints figures; asserts nothing.
 *
 * Measured with Chromium's tracing (categories `devtools.timeline` and `toplevel`): the
 * content script's time is the sum of the outermost trace slices attributed to content.js
 * (EvaluateScript for the first run, FunctionCall for its observer, idle and message
 * callbacks) on the page's main thread, as thread (CPU) time and as wall time; a task is a
 * `RunTask` slice that holds such work. Script time includes what the script's DOM calls
 * cost (querySelectorAll, attachShadow, observe), not the style and layout work the browser
 * does afterwards for the dots it added. It also includes any V8 garbage collection that
 * ran inside those slices; that is printed apart, since a collection of the whole heap (the
 * page's 20,000 elements and the objects of its own script) falls on whichever script runs
 * when it is due.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import {
  browserVersion,
  DIST_DIR,
  findBrowser,
  launchExtension,
  linksPageHtml,
  startPageServer,
  waitFor,
  type ExtensionBrowser,
  type PageLink,
  type PageServer,
} from '../e2e/harness';

const TOTAL = 10_000;
const ORIGINALS = 1_000;
const ADDED = 1_000;
const ADDED_ORIGINALS = 100;
const RUNS = 9;

const ORIGINAL_SHAPES = [
  (n: number) => `https://www.epochtimes.com/gb/21/1/11/n${12_000_000 + n}.htm`,
  (n: number) => `https://www.ntdtv.com/gb/2022/07/03/a${103_000_000 + n}.html`,
  (n: number) => `https://www.secretchina.com/news/gb/2022/10/26/${1_000_000 + n}.html`,
  (n: number) => `http://www.soundofhope.org/gb/2019/09/29/n${3_000_000 + n}.html`,
  (n: number) =>
    `https://www.rfa.org/mandarin/zhuanlan/butongdeshengyin/jkdv-${20_190_000_000 + n}.html`,
  (n: number) => `https://www.minghui.org/mh/articles/2020/3/30/title-${400_000 + n}.html`,
];

// The other links, as a forum or a search page has them: other sites, relative links and
// fragments. The "tricky" mix makes one in nine of them a non-article on a listed host or a
// look-alike host (both pass the cheaper checks, the first one reaches the matcher).
const PLAIN_SHAPES = [
  (n: number) => `https://example.com/forum/thread/${n}?page=2`,
  (n: number) => `/local/path/${n}.html`,
  (n: number) => `https://news.example.org/${n}`,
  (n: number) => `#section-${n}`,
  (n: number) => `https://www.example.net/search?q=${n}`,
  (n: number) => `https://cdn.example.com/img/${n}.jpg`,
  (n: number) => `/tag/${n}`,
  (n: number) => `https://another.example/${n}/`,
  (n: number) => `https://example.org/u/${n}`,
];
const TRICKY_SHAPES = [
  ...PLAIN_SHAPES.slice(0, -1),
  (n: number) =>
    n % 2 === 0
      ? `https://www.epochtimes.com/gb/ncid${n}.htm`
      : `https://epochtimes.com.evil.example/gb/21/1/11/n${n}.htm`,
];

interface Mix {
  name: string;
  others: readonly ((n: number) => string)[];
}

const MIXES: Mix[] = [
  { name: 'plain (9,000 links elsewhere)', others: PLAIN_SHAPES },
  {
    name: 'tricky (500 non-articles on listed hosts, 500 look-alikes among them)',
    others: TRICKY_SHAPES,
  },
];

function links(mix: Mix, count: number, originals: number, offset: number): PageLink[] {
  const every = count / originals;
  return Array.from({ length: count }, (_, i) => {
    const n = offset + i;
    const href =
      i % every === 0
        ? ORIGINAL_SHAPES[(i / every) % ORIGINAL_SHAPES.length]!(n)
        : mix.others[i % mix.others.length]!(n);
    return { href, text: `链接 ${n}` };
  });
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the slice: what the main thread really spent, load or not. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string } };
}

/** Wall-clock and thread (CPU) time, ms. */
interface Time {
  wall: number;
  cpu: number;
}

interface Slices {
  /** All content-script work. */
  script: Time;
  /**
   * V8 garbage collection inside those slices. A collection of the whole heap (the page's
   * DOM and objects too) runs in whatever script comes next once it is due: when that is
   * ours, the trace puts it inside our slice.
   */
  gc: Time;
  /** The longest RunTask that holds content-script work (with whatever else it ran). */
  longestTask: Time;
  /** The longest single content-script slice. */
  longestSlice: Time;
}

function analyse(trace: Buffer, scriptUrl: string): Slices {
  const { traceEvents } = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] };
  const complete = traceEvents.filter((e) => e.ph === 'X' && e.dur !== undefined);
  const ours = complete
    .filter(
      (e) =>
        (e.name === 'EvaluateScript' || e.name === 'FunctionCall') &&
        e.args?.data?.url === scriptUrl,
    )
    .sort((a, b) => a.ts - b.ts);
  // Outermost slices only (a callback can run inside another one's slice).
  const outer: TraceEvent[] = [];
  for (const e of ours) {
    const last = outer.at(-1);
    if (last && e.ts < last.ts + last.dur!) continue;
    outer.push(e);
  }
  const threads = new Set(ours.map((e) => `${e.pid}:${e.tid}`));
  const gc = complete.filter(
    (e) =>
      (e.name === 'MajorGC' || e.name === 'MinorGC') &&
      threads.has(`${e.pid}:${e.tid}`) &&
      outer.some((o) => e.ts >= o.ts && e.ts < o.ts + o.dur!),
  );
  const tasks = complete.filter(
    (e) =>
      (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') &&
      threads.has(`${e.pid}:${e.tid}`) &&
      ours.some((o) => o.ts >= e.ts && o.ts < e.ts + e.dur!),
  );
  const longest = tasks.reduce<TraceEvent | undefined>(
    (a, b) => (a && a.dur! >= b.dur! ? a : b),
    undefined,
  );
  const sum = (events: TraceEvent[], key: 'dur' | 'tdur') =>
    events.reduce((total, e) => total + (e[key] ?? e.dur!), 0) / 1000;
  return {
    script: { wall: sum(outer, 'dur'), cpu: sum(outer, 'tdur') },
    gc: { wall: sum(gc, 'dur'), cpu: sum(gc, 'tdur') },
    longestTask: longest
      ? { wall: longest.dur! / 1000, cpu: (longest.tdur ?? longest.dur!) / 1000 }
      : { wall: 0, cpu: 0 },
    longestSlice: {
      wall: Math.max(0, ...outer.map((e) => e.dur!)) / 1000,
      cpu: Math.max(0, ...outer.map((e) => e.tdur ?? e.dur!)) / 1000,
    },
  };
}

async function traced<T>(
  ext: ExtensionBrowser,
  page: Page,
  work: () => Promise<T>,
): Promise<{ result: T; trace: Buffer }> {
  const browser = ext.context.browser();
  if (!browser) throw new Error('no Browser for tracing');
  await browser.startTracing(page, { categories: ['devtools.timeline', 'toplevel'] });
  try {
    const result = await work();
    return { result, trace: await browser.stopTracing() };
  } catch (error) {
    await browser.stopTracing().catch(() => undefined);
    throw error;
  }
}

async function linkCount(ext: ExtensionBrowser, tabId: number): Promise<number> {
  const { tabs } = (await ext.storage('session', 'tabs')) as {
    tabs?: Record<string, { linkCount: number }>;
  };
  return tabs?.[String(tabId)]?.linkCount ?? -1;
}

/** Two animation frames: the IntersectionObserver batch after a change has run by then. */
function frames(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
      ),
  );
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

/** "CPU median 12.3 ms (worst 15.0); wall median 20.1 ms (worst 31.2)". */
function summary(times: Time[]): string {
  const cpu = times.map((t) => t.cpu);
  const wall = times.map((t) => t.wall);
  return (
    `CPU median ${median(cpu).toFixed(1)} ms (worst ${Math.max(...cpu).toFixed(1)}); ` +
    `wall median ${median(wall).toFixed(1)} ms (worst ${Math.max(...wall).toFixed(1)})`
  );
}

/** The collections inside our slices, and the script time without them. */
function withoutGc(slices: Slices[]): string {
  const loads = slices.filter((s) => s.gc.cpu > 0).length;
  const gc = slices.map((s) => s.gc.cpu);
  const rest = slices.map((s) => s.script.cpu - s.gc.cpu);
  return (
    `of which V8 garbage collection in ${loads} of ${slices.length} loads (CPU median ${median(gc).toFixed(1)} ms, worst ${Math.max(...gc).toFixed(1)}); ` +
    `without it: CPU median ${median(rest).toFixed(1)} ms (worst ${Math.max(...rest).toFixed(1)})`
  );
}

interface MixResult {
  first: Slices[];
  added: Slices[];
  dots: number;
}

async function measure(
  ext: ExtensionBrowser,
  pages: PageServer,
  mix: Mix,
  path: string,
): Promise<MixResult> {
  const scriptUrl = ext.url('content.js');
  const result: MixResult = { first: [], added: [], dots: 0 };
  const url = pages.set(path, linksPageHtml('bench', links(mix, TOTAL, ORIGINALS, 0)));
  for (let run = 0; run < RUNS; run++) {
    const page = await ext.context.newPage();
    const { trace } = await traced(ext, page, async () => {
      await page.goto(url, { waitUntil: 'load' });
      const tabId = await ext.tabIdOf(page);
      await waitFor(async () => (await linkCount(ext, tabId)) === ORIGINALS, {
        timeoutMs: 20_000,
        what: `the report of ${ORIGINALS} links`,
      });
      await frames(page);
    });
    result.first.push(analyse(trace, scriptUrl));
    // Dots exist only near the viewport; count them (hosts are the <span>s in links).
    result.dots = await page.evaluate(() => document.querySelectorAll('a > span').length);

    const tabId = await ext.tabIdOf(page);
    const more = links(mix, ADDED, ADDED_ORIGINALS, TOTAL + run * ADDED);
    const { trace: later } = await traced(ext, page, async () => {
      // As an infinite-scroll page does: ten appends of 100 list items.
      await page.evaluate((items: PageLink[]) => {
        const list = document.querySelector('ul')!;
        for (let i = 0; i < items.length; i += 100) {
          const chunk = document.createDocumentFragment();
          for (const item of items.slice(i, i + 100)) {
            const li = document.createElement('li');
            const a = document.createElement('a');
            a.href = item.href;
            a.textContent = item.text;
            li.append(a);
            chunk.append(li);
          }
          list.append(chunk);
        }
      }, more);
      await waitFor(async () => (await linkCount(ext, tabId)) === ORIGINALS + ADDED_ORIGINALS, {
        timeoutMs: 20_000,
        what: 'the report of the added links',
      });
      await frames(page);
    });
    result.added.push(analyse(later, scriptUrl));
    await page.close();
  }
  return result;
}

export default async function (): Promise<void> {
  const bundle = readFileSync(join(DIST_DIR, 'content.js'));
  console.log(
    `content script bundle: ${bundle.length} bytes minified, ${gzipSync(bundle, { level: 9 }).length} bytes gzipped (budget 10,240 minified)`,
  );
  console.log(`browser: ${browserVersion(findBrowser())}`);
  console.log(
    'method: Chromium trace (devtools.timeline, toplevel): the EvaluateScript and FunctionCall slices of content.js on the page main thread, outermost only; CPU = thread time (tdur), wall = duration; a task = the RunTask around them. ' +
      `${RUNS} fresh page loads per mix.`,
  );

  const pages = await startPageServer();
  const ext = await launchExtension();
  try {
    for (const [i, mix] of MIXES.entries()) {
      const { first, added, dots } = await measure(ext, pages, mix, `/bench-${i}.html`);
      console.log(`\npage: ${TOTAL} links, ${ORIGINALS} originals, others ${mix.name}`);
      console.log(
        `  first scan, content-script main-thread time: ${summary(first.map((s) => s.script))} (budget 30 ms)`,
      );
      console.log(`    ${withoutGc(first)}`);
      console.log(
        `  first scan, longest task holding content-script work: ${summary(first.map((s) => s.longestTask))} (budget 50 ms)`,
      );
      console.log(
        `  ${ADDED} links added later (${ADDED_ORIGINALS} originals, 10 appends in one task): ${summary(added.map((s) => s.script))} (budget 10 ms); longest content-script slice ${summary(added.map((s) => s.longestSlice))}`,
      );
      console.log(`    ${withoutGc(added)}`);
      console.log(`  dots drawn: ${dots} (only links near the viewport get one)`);
    }
  } finally {
    await ext.close();
    await pages.close();
  }
  console.log(
    `\nload average: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} cores (wall time grows with load; thread time much less)`,
  );
}
