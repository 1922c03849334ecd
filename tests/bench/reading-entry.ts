/**
 * Bundled for the reading benchmark's Chromium run: QR code and share card drawn on real
 * canvases, and the 简/繁 conversion of an article with OpenCC's chunk as the extension
 * ships it (loaded by URL, as the reader loads it).
 */
import type { Article } from '../../src/core/article';
import { convertArticle } from '../../src/core/reading/convert-article';
import { warmUp, type Convert } from '../../src/core/reading/convert-text';
import { drawQr } from '../../src/ui/qr-canvas';
import { drawShareCard } from '../../src/ui/share-card';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] ?? NaN;
}

async function timed(runs: number, run: () => unknown): Promise<{ first: number; median: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return { first: times[0] ?? NaN, median: median(times.slice(1)) };
}

let convert: Convert | undefined;

export async function loadDictionary(
  url: string,
): Promise<{ importMs: number; buildMs: number; warmUpMs: number }> {
  const start = performance.now();
  // A classic script may import a module by URL; the bundler must leave this call alone.
  const load = new Function('u', 'return import(u)') as (u: string) => Promise<{
    Converter(o: { from: string; to: string }): Convert;
  }>;
  const lib = await load(url);
  const imported = performance.now();
  convert = lib.Converter({ from: 'cn', to: 'tw' });
  const built = performance.now();
  warmUp(convert);
  return {
    importMs: imported - start,
    buildMs: built - imported,
    warmUpMs: performance.now() - built,
  };
}

export async function convertArticleMs(article: Article, runs: number) {
  const c = convert;
  if (!c) throw new Error('load the dictionary first');
  let chars = 0;
  const result = await timed(runs, () => {
    const out = convertArticle(article, c, window);
    chars =
      out.title.length +
      (new DOMParser().parseFromString(out.bodyHtml, 'text/html').body.textContent ?? '').length;
  });
  return { ...result, chars };
}

export function qrMs(link: string, runs: number) {
  const canvas = document.createElement('canvas');
  return timed(runs, () => drawQr(canvas, link));
}

export function cardMs(title: string, link: string, runs: number) {
  return timed(runs, () =>
    drawShareCard({ title, byline: '新唐人 · 2022-07-03', link, hint: '扫码阅读全文' }),
  );
}
