/**
 * Bundled for the benchmark's Chromium run: the extractor and Readability on a real DOM, timed
 * in the page (the bench passes the pages in and reads the figures and outputs back).
 */
import { Readability } from '@mozilla/readability';
import { extractArticle } from '../../src/core/extract/extract-article';

export interface BrowserInput {
  pages: { text: string; rendered: string }[];
  runs: number;
  big: string;
}

export interface BrowserOutput {
  ms: number;
  text: string;
  html: string;
  caption: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
}

function timed<T>(runs: number, run: () => T): { ms: number; value: T } {
  let value = run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    value = run();
    times.push(performance.now() - start);
  }
  return { ms: median(times), value };
}

export function run(input: BrowserInput): {
  ours: BrowserOutput[];
  readability: BrowserOutput[];
  bigMs: number;
} {
  const ours: BrowserOutput[] = [];
  const readability: BrowserOutput[] = [];
  // Warm up both on every page first, so that the first pages timed do not pay for the JIT.
  for (const page of input.pages) {
    extractArticle(page.text, window);
    new Readability(new DOMParser().parseFromString(page.rendered, 'text/html')).parse();
  }
  for (const page of input.pages) {
    const a = timed(input.runs, () => extractArticle(page.text, window));
    const body = new DOMParser().parseFromString(a.value.bodyHtml, 'text/html');
    const caption = a.value.hero?.caption ?? '';
    ours.push({
      ms: a.ms,
      text: `${body.body.textContent ?? ''}${caption}`,
      html: a.value.bodyHtml,
      caption,
    });
    const b = timed(input.runs, () =>
      new Readability(new DOMParser().parseFromString(page.rendered, 'text/html')).parse(),
    );
    const text = b.value?.textContent ?? '';
    readability.push({ ms: b.ms, text, html: b.value?.content ?? '', caption: text });
  }
  const bigMs = timed(input.runs, () => extractArticle(input.big, window)).ms;
  return { ours, readability, bigMs };
}
