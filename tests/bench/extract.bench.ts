/**
 * `npm run bench extract`: our extractor beside @mozilla/readability (what a user would
 * otherwise use for a clean view, given the page as GitHub renders it from Markdown), on the
 * same pages — the corpus when ../shared/corpus exists, else the fixtures. Per source family
 * and in total: time per page, junk markers left, body sentences kept, hero captions kept
 * (by corpus-oracle.ts). Under jsdom, then in Chromium when /usr/bin/chromium is there.
 * Prints figures; asserts nothing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readability } from '@mozilla/readability';
import { JSDOM } from 'jsdom';
import { marked } from 'marked';
import type { Article } from '../../src/core/article';
import { extractArticle } from '../../src/core/extract/extract-article';
import type { SanitizeWindow } from '../../src/core/extract/sanitize';
import type { BrowserInput, BrowserOutput, run as runInBrowser } from './browser-entry';
import {
  corpusPages,
  expectationsOf,
  normalize,
  sentencesOf,
  type Expectations,
} from '../conformance/corpus-oracle';

const here = dirname(fileURLToPath(import.meta.url));
const corpus = join(here, '../../../shared/corpus');
const CHROMIUM = '/usr/bin/chromium';
const RUNS = 5;

/** What the oracle and the tools need of a window. */
type ParserWindow = SanitizeWindow & { DOMParser: typeof DOMParser };

interface Page {
  family: string;
  text: string;
  /** The page as GitHub shows it: Markdown rendered to HTML. */
  rendered: string;
  want: Expectations;
}

interface Output {
  /** Text shown to the reader (hero caption included), normalized. */
  shown: string;
  html: string;
  /** What the tool gives as the hero caption, or its whole text when it has no hero notion. */
  caption: string;
}

interface Score {
  ms: number[];
  junk: number;
  pagesWithJunk: number;
  sentences: number;
  sentencesKept: number;
  captions: number;
  captionsKept: number;
}

function loadPages(win: ParserWindow): Page[] {
  const raw = existsSync(corpus)
    ? corpusPages(corpus).map((p) => ({ family: p.family, text: p.text }))
    : readdirSync(join(here, '../fixtures/pages')).map((name) => ({
        family: `fixture ${name.replace(/\.md$/, '')}`,
        text: readFileSync(join(here, '../fixtures/pages', name), 'utf8'),
      }));
  return raw.map((p) => ({
    ...p,
    rendered: marked.parse(p.text, { async: false }),
    want: expectationsOf(p.text, win),
  }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length === 0
    ? NaN
    : sorted.length % 2
      ? sorted[mid]!
      : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** The median of RUNS timed calls, after one untimed warm-up. */
function time<T>(run: () => T): { ms: number; value: T } {
  let value = run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    value = run();
    times.push(performance.now() - start);
  }
  return { ms: median(times), value };
}

function score(pages: Page[], outputs: Output[], ms: number[]): Score {
  const s: Score = {
    ms,
    junk: 0,
    pagesWithJunk: 0,
    sentences: 0,
    sentencesKept: 0,
    captions: 0,
    captionsKept: 0,
  };
  pages.forEach((page, i) => {
    const out = outputs[i]!;
    const junk =
      page.want.junkText.filter((j) => out.shown.includes(j)).length +
      page.want.junkMarkup.filter((j) => out.html.includes(j)).length;
    s.junk += junk;
    if (junk > 0) s.pagesWithJunk++;
    const sentences = sentencesOf(page.want.paragraphs);
    s.sentences += sentences.length;
    s.sentencesKept += sentences.filter((x) => out.shown.includes(x)).length;
    if (page.want.heroCaption) {
      s.captions++;
      if (normalize(out.caption).includes(page.want.heroCaption)) s.captionsKept++;
    }
  });
  return s;
}

function shownOf(article: Article, win: ParserWindow): Output {
  const body = new win.DOMParser().parseFromString(article.bodyHtml, 'text/html');
  const caption = article.hero?.caption ?? '';
  return {
    shown: normalize(`${body.body.textContent ?? ''}${caption}`),
    html: article.bodyHtml,
    caption,
  };
}

function readabilityOf(html: string, win: ParserWindow): ReturnType<Readability['parse']> {
  return new Readability(new win.DOMParser().parseFromString(html, 'text/html')).parse();
}

function readOutput(result: ReturnType<Readability['parse']>): Output {
  const text = result?.textContent ?? '';
  // Readability has no caption field: a caption is kept when its text is in the article.
  return { shown: normalize(text), html: result?.content ?? '', caption: text };
}

const pct = (a: number, b: number): string => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)}%`);

function row(name: string, a: Score, b: Score): string {
  const cell = (s: Score): string =>
    [
      `${median(s.ms).toFixed(2)}/${mean(s.ms).toFixed(2)}`.padStart(12),
      `${s.junk} (${s.pagesWithJunk}p)`.padStart(9),
      pct(s.sentencesKept, s.sentences).padStart(7),
      `${s.captionsKept}/${s.captions}`.padStart(6),
    ].join(' ');
  return `${name.padEnd(27)} ${String(a.ms.length).padStart(3)} | ${cell(a)} | ${cell(b)}`;
}

function table(
  title: string,
  pages: Page[],
  a: Output[],
  b: Output[],
  aMs: number[],
  bMs: number[],
): void {
  const families = [...new Set(pages.map((p) => p.family))].sort();
  const header =
    `${'family'.padEnd(27)} pgs | ${'ms med/mean'.padStart(12)} ${'junk'.padStart(9)} ${'sent.'.padStart(7)} ${'capt.'.padStart(6)}` +
    ` | ${'ms med/mean'.padStart(12)} ${'junk'.padStart(9)} ${'sent.'.padStart(7)} ${'capt.'.padStart(6)}`;
  console.log(`\n${title}\n${' '.repeat(34)}ours${' '.repeat(36)}@mozilla/readability\n${header}`);
  for (const family of families) {
    const idx = pages.map((p, i) => (p.family === family ? i : -1)).filter((i) => i >= 0);
    const pick = <T>(xs: T[]): T[] => idx.map((i) => xs[i]!);
    const ps = pick(pages);
    console.log(row(family, score(ps, pick(a), pick(aMs)), score(ps, pick(b), pick(bMs))));
  }
  console.log(row('total', score(pages, a, aMs), score(pages, b, bMs)));
}

/** A page of about `bytes` UTF-8 bytes: the longest page's article repeated. */
function bigPage(pages: Page[], bytes: number): string {
  const longest = [...pages].sort((x, y) => y.text.length - x.text.length)[0]!.text;
  const start = longest.search(/^<div/m);
  const end = longest.lastIndexOf('<hr/>');
  const body = longest.slice(start, end);
  const size = new TextEncoder().encode(body).length;
  return (
    longest.slice(0, start) +
    body.repeat(Math.max(1, Math.round(bytes / size))) +
    longest.slice(end)
  );
}

async function inChromium(pages: Page[], big: string): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.log(`\n(no ${CHROMIUM}: no browser figures)`);
    return;
  }
  const { build } = await import('vite');
  const built = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: { entry: join(here, 'browser-entry.ts'), formats: ['iife'], name: 'bench' },
    },
  });
  const bundle = (Array.isArray(built) ? built[0] : built) as { output: { code?: string }[] };
  const code = bundle.output[0]?.code ?? '';
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const tab = await browser.newPage();
    await tab.setContent('<!doctype html><html><body></body></html>');
    await tab.addScriptTag({ content: code });
    const input: BrowserInput = {
      pages: pages.map((p) => ({ text: p.text, rendered: p.rendered })),
      runs: RUNS,
      big,
    };
    // An expression, not a function: tsx's helpers would not exist in the page.
    const results = (await tab.evaluate(
      `window.bench.run(${JSON.stringify(input)})`,
    )) as ReturnType<typeof runInBrowser>;
    const outputs = (xs: BrowserOutput[]): Output[] =>
      xs.map((x) => ({ shown: normalize(x.text), html: x.html, caption: x.caption }));
    table(
      `In Chromium (${await browser.version()}), ms per page: median/mean of per-page medians`,
      pages,
      outputs(results.ours),
      outputs(results.readability),
      results.ours.map((r) => r.ms),
      results.readability.map((r) => r.ms),
    );
    console.log(`1 MB page in Chromium: ours ${results.bigMs.toFixed(1)} ms`);
  } finally {
    await browser.close();
  }
}

export default async function (): Promise<void> {
  const { window } = new JSDOM('');
  const win = window as unknown as ParserWindow;
  const pages = loadPages(win);
  console.log(
    `${pages.length} pages from ${existsSync(corpus) ? 'the corpus' : 'the fixtures'}; ` +
      `junk = markers left (pages with any); sent. = body sentences kept; capt. = hero captions kept`,
  );

  const oursOut: Output[] = [];
  const oursMs: number[] = [];
  const readOut: Output[] = [];
  const readMs: number[] = [];
  const renderMs: number[] = [];
  // Warm up both on every page first, so that the first pages timed do not pay for the JIT.
  for (const page of pages) {
    extractArticle(page.text, win);
    readabilityOf(page.rendered, win);
  }
  for (const page of pages) {
    const a = time(() => extractArticle(page.text, win));
    oursOut.push(shownOf(a.value, win));
    oursMs.push(a.ms);
    renderMs.push(time(() => marked.parse(page.text, { async: false })).ms);
    const b = time(() => readabilityOf(page.rendered, win));
    readOut.push(readOutput(b.value));
    readMs.push(b.ms);
  }
  table(
    'Under jsdom, ms per page: median/mean of per-page medians',
    pages,
    oursOut,
    readOut,
    oursMs,
    readMs,
  );
  console.log(
    `(Readability's input is rendered by marked first: ${median(renderMs).toFixed(2)} ms a page, not counted.)`,
  );

  const big = bigPage(pages, 1_000_000);
  const bigMs = time(() => extractArticle(big, win)).ms;
  const bigHtml = marked.parse(big, { async: false });
  const bigRead = time(() => readabilityOf(bigHtml, win)).ms;
  console.log(
    `1 MB page (${new TextEncoder().encode(big).length} bytes) under jsdom: ours ${bigMs.toFixed(0)} ms, ` +
      `Readability ${bigRead.toFixed(0)} ms`,
  );

  await inChromium(pages, big);
  window.close();
}
