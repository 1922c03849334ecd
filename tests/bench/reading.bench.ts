/**
 * `npm run bench reading`: the reading and sharing figures of issue 14 — OpenCC's dictionary
 * (chunk size, load and build time), the conversion of a 5,000-character article once the
 * dictionary is loaded, the QR code's and the share card's render time. In Chromium (real
 * canvas, the chunk as built in dist/), and the dictionary figures in Node as well.
 * Prints figures; asserts nothing.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { JSDOM } from 'jsdom';
import type { Article } from '../../src/core/article';
import { convertArticle } from '../../src/core/reading/convert-article';
import { warmUp } from '../../src/core/reading/convert-text';
import type * as Entry from './reading-entry';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '../../dist');
const CHROMIUM = '/usr/bin/chromium';
const RUNS = 21;
const LINK = 'https://github.com/begood0513/goodnews/blob/master/pages/prog1138/a103470752.md';
const ORIGIN = 'https://bench.invalid';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

/** A simplified-Chinese article whose body is 5,000 characters of text, in paragraphs with links. */
function article5000(): Article {
  const sentence =
    '这个国家的人民对于历史的记忆仍然很深，经济发展的报道说明了许多问题。志愿者们在夏季清理河道，' +
    '当地政府发表讲话，认为这项工作对环境保护有重要意义。';
  const paragraphs: string[] = [];
  let text = '';
  const link = '相关报道';
  while (text.length < 5000) {
    const p = sentence.repeat(3).slice(0, Math.min(150, 5000 - text.length) - link.length);
    text += p + link;
    paragraphs.push(
      `<p>${p.slice(0, 40)}<a href="https://www.ntdtv.com/gb/n${paragraphs.length}.html">${link}</a>${p.slice(40)}</p>`,
    );
  }
  return {
    title: '夹具：新唐人测试文章 夏季志愿者清理河道',
    source: 'ntdtv.com',
    published: '2022-07-03',
    hero: null,
    bodyHtml: paragraphs.join(''),
    images: [],
    originalUrl: null,
    mirrorUrl: LINK,
    missing: [],
  };
}

function chunk(prefix: string): string | undefined {
  const dir = join(dist, 'assets');
  return existsSync(dir)
    ? readdirSync(dir).find((f) => f.startsWith(`${prefix}-`) && f.endsWith('.js'))
    : undefined;
}

function sizes(): void {
  for (const [name, what] of [
    ['cn2t', 'simplified → traditional (繁台/繁港)'],
    ['t2cn', 'traditional → simplified (简)'],
  ] as const) {
    const file = chunk(name);
    if (!file) {
      console.log(`${name}: no chunk in dist/assets (build first)`);
      continue;
    }
    const bytes = readFileSync(join(dist, 'assets', file));
    console.log(
      `OpenCC chunk ${file}, ${what}: ${kb(statSync(join(dist, 'assets', file)).size)}, gzip ${kb(gzipSync(bytes).length)}`,
    );
  }
}

async function inNode(article: Article): Promise<void> {
  const start = performance.now();
  const lib = await import('opencc-js/cn2t');
  const imported = performance.now();
  const convert = lib.Converter({ from: 'cn', to: 'tw' });
  const built = performance.now();
  warmUp(convert);
  const warm = performance.now();
  const { window } = new JSDOM('');
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    convertArticle(article, convert, window);
    times.push(performance.now() - t0);
  }
  const sorted = times.slice(1).sort((a, b) => a - b);
  console.log(
    `Node ${process.version}: dictionary import ${(imported - start).toFixed(0)} ms + build ${(built - imported).toFixed(0)} ms + warm-up ${(warm - built).toFixed(0)} ms; ` +
      `5,000-character article (jsdom): first ${times[0]!.toFixed(1)} ms, median ${sorted[sorted.length >> 1]!.toFixed(1)} ms`,
  );
}

async function inChromium(article: Article): Promise<void> {
  const cn2t = chunk('cn2t');
  if (!existsSync(CHROMIUM) || !cn2t) {
    console.log(`(no ${CHROMIUM} or no built chunk: no browser figures)`);
    return;
  }
  const { build } = await import('vite');
  const built = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: { entry: join(here, 'reading-entry.ts'), formats: ['iife'], name: 'readingBench' },
    },
  });
  const code =
    ((Array.isArray(built) ? built[0] : built) as { output: { code?: string }[] }).output[0]
      ?.code ?? '';
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const tab = await browser.newPage();
    // The chunk served as the extension serves it: a module file fetched by URL.
    await tab.route(`${ORIGIN}/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/')
        return route.fulfill({
          contentType: 'text/html',
          body: '<!doctype html><meta charset="utf-8"><body></body>',
        });
      return route.fulfill({
        contentType: 'text/javascript',
        body: readFileSync(join(dist, path)),
      });
    });
    await tab.goto(`${ORIGIN}/`);
    await tab.addScriptTag({ content: code });
    type Bench = typeof Entry;
    const call = <T>(expr: string) => tab.evaluate(expr) as Promise<T>;
    const dict = await call<Awaited<ReturnType<Bench['loadDictionary']>>>(
      `readingBench.loadDictionary(${JSON.stringify(`${ORIGIN}/assets/${cn2t}`)})`,
    );
    const conv = await call<Awaited<ReturnType<Bench['convertArticleMs']>>>(
      `readingBench.convertArticleMs(${JSON.stringify(article)}, ${RUNS})`,
    );
    const qr = await call<Awaited<ReturnType<Bench['qrMs']>>>(
      `readingBench.qrMs(${JSON.stringify(LINK)}, ${RUNS})`,
    );
    const card = await call<Awaited<ReturnType<Bench['cardMs']>>>(
      `readingBench.cardMs(${JSON.stringify('一'.repeat(120))}, ${JSON.stringify(LINK)}, ${RUNS})`,
    );
    console.log(
      `Chromium ${browser.version()}, ${RUNS} runs each (first, then median of the rest):`,
    );
    console.log(
      `  OpenCC dictionary load: fetch + parse ${dict.importMs.toFixed(0)} ms, build ${dict.buildMs.toFixed(0)} ms, warm-up ${dict.warmUpMs.toFixed(0)} ms`,
    );
    console.log(
      `  convert (after the load) an article of ${conv.chars.toLocaleString('en')} body characters (title, body; links kept): first ${conv.first.toFixed(1)} ms, median ${conv.median.toFixed(1)} ms`,
    );
    console.log(
      `  QR code render (drawQr, popup size): first ${qr.first.toFixed(1)} ms, median ${qr.median.toFixed(1)} ms`,
    );
    console.log(
      `  share card render (3-line title, QR code): first ${card.first.toFixed(1)} ms, median ${card.median.toFixed(1)} ms`,
    );
  } finally {
    await browser.close();
  }
}

export default async function (): Promise<void> {
  const article = article5000();
  sizes();
  await inNode(article);
  await inChromium(article);
}
