// Issue 14 in the reader tab: each control of the reading bar changes the rendering and
// survives a reload; 简/繁 conversion of a fixture article (dictionary loaded only on demand,
// links and the QR code untouched); read aloud started, paused and stopped with speech
// synthesis mocked at the browser boundary; print media; save as Markdown and HTML.
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Converter as toTraditional } from 'opencc-js/cn2t';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertKeepingUrls } from '../../src/core/reading/convert-text';
import { DIST_DIR, useE2E, waitFor } from './harness';
import { decodeJsqr } from '../helpers/qr-decode';

const ORIGINAL = 'https://www.ntdtv.com/gb/2022/07/03/a103470752.html';
const MIRROR = 'https://github.com/begood0513/goodnews/blob/master/pages/prog1138/a103470752.md';

/** speechSynthesis and SpeechSynthesisUtterance replaced before any page script runs. */
function mockSpeech() {
  class Utterance {
    text: string;
    lang = '';
    rate = 1;
    voice: unknown = null;
    onstart: ((e: Event) => void) | null = null;
    onend: ((e: Event) => void) | null = null;
    onerror: ((e: { error: string }) => void) | null = null;
    constructor(text: string) {
      this.text = text;
    }
  }
  const state = {
    voices: [{ lang: 'zh-CN', name: 'Mock Mandarin', localService: true, default: true }],
    spoken: [] as { text: string; lang: string; rate: number }[],
    current: null as Utterance | null,
    paused: false,
    cancels: 0,
  };
  const synth = {
    getVoices: () => state.voices,
    speak(u: Utterance) {
      state.spoken.push({ text: u.text, lang: u.lang, rate: u.rate });
      state.current = u;
      queueMicrotask(() => u.onstart?.(new Event('start')));
    },
    cancel() {
      state.cancels++;
      const u = state.current;
      state.current = null;
      u?.onerror?.({ error: 'interrupted' });
    },
    pause() {
      state.paused = true;
    },
    resume() {
      state.paused = false;
    },
    addEventListener() {},
    removeEventListener() {},
  };
  Object.assign(window, {
    __speech: {
      state,
      finish() {
        const u = state.current;
        state.current = null;
        u?.onend?.(new Event('end'));
      },
    },
  });
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', {
    value: Utterance,
    configurable: true,
  });
}

interface SpeechState {
  spoken: { text: string; lang: string; rate: number }[];
  paused: boolean;
  cancels: number;
  voices: unknown[];
}

const e2e = useE2E();
let reader: Page;
let originalTitle: string;
/** Every URL the reader tab requested: the dictionaries must appear only when asked for. */
const requested: string[] = [];

async function openReader(log?: string[]): Promise<Page> {
  const page = await e2e.ext.context.newPage();
  if (log) page.on('request', (request) => log.push(request.url()));
  await page.goto(e2e.ext.url(`reader.html?url=${encodeURIComponent(ORIGINAL)}`));
  await page.getByTestId('article-title').waitFor({ timeout: 20_000 });
  return page;
}

const articleStyle = (page: Page) =>
  page.getByTestId('article').evaluate((el) => {
    const style = getComputedStyle(el);
    return {
      fontSize: parseFloat(style.fontSize),
      lineHeight: parseFloat(style.lineHeight) / parseFloat(style.fontSize),
      width: el.getBoundingClientRect().width,
      background: getComputedStyle(document.documentElement).backgroundColor,
    };
  });

async function reload(page: Page): Promise<void> {
  await page.reload();
  await page.getByTestId('article-title').waitFor({ timeout: 20_000 });
}

beforeAll(async () => {
  await e2e.ext.context.addInitScript(mockSpeech);
  reader = await openReader(requested);
  await reader.setViewportSize({ width: 1400, height: 900 });
  originalTitle = (await reader.getByTestId('article-title').textContent()) ?? '';
});

describe('the reading bar', () => {
  it('A+ and A− change the font size, and the size survives a reload', async () => {
    const before = (await articleStyle(reader)).fontSize;
    await reader.getByTestId('font-larger').click();
    await reader.getByTestId('font-larger').click();
    await waitFor(async () => (await articleStyle(reader)).fontSize === before + 2, {
      what: 'the font to grow by 2 px',
    });
    await reader.getByTestId('font-smaller').click();
    await waitFor(async () => (await articleStyle(reader)).fontSize === before + 1, {
      what: 'the font to shrink by 1 px',
    });
    await reload(reader);
    expect((await articleStyle(reader)).fontSize).toBe(before + 1);
  });

  it('line height, width and theme change the rendering and survive a reload', async () => {
    const before = await articleStyle(reader);
    await reader.getByTestId('line-height').selectOption('2.4');
    await reader.getByTestId('content-width').selectOption('24');
    await reader.getByTestId('theme').selectOption('sepia');
    await waitFor(async () => (await articleStyle(reader)).background === 'rgb(244, 236, 216)', {
      what: 'the sepia background',
    });
    const after = await articleStyle(reader);
    expect(after.lineHeight).toBeCloseTo(2.4, 1);
    expect(before.lineHeight).toBeCloseTo(1.8, 1);
    expect(after.width).toBeLessThan(before.width);
    expect(after.width).toBeCloseTo(24 * after.fontSize, 0);

    await reload(reader);
    expect(await articleStyle(reader)).toEqual(after);
    expect(await reader.getByTestId('theme').inputValue()).toBe('sepia');

    await reader.getByTestId('theme').selectOption('dark');
    await waitFor(async () => (await articleStyle(reader)).background === 'rgb(28, 28, 30)', {
      what: 'the dark background',
    });
    await reader.getByTestId('theme').selectOption('system');
    await reader.getByTestId('content-width').selectOption('40');
    await waitFor(async () => (await articleStyle(reader)).background === 'rgb(255, 255, 255)', {
      what: 'the light background of the system theme',
    });
  });

  it('applies a change made in another page at once (popup and reader stay in step)', async () => {
    const other = await openReader();
    await other.getByTestId('line-height').selectOption('1.5');
    await waitFor(async () => Math.abs((await articleStyle(reader)).lineHeight - 1.5) < 0.05, {
      what: 'the first reader to follow the line height set in the second',
    });
    await other.close();
  });
});

describe('简/繁 conversion', () => {
  it('loads no dictionary until asked; the content script holds none', async () => {
    // The reader's own chunks were requested (the log works), whatever the bundler names them.
    expect(requested.some((url) => /\/assets\/[^/]+\.js$/.test(url))).toBe(true);
    expect(requested.some((url) => /cn2t|t2cn/.test(url))).toBe(false);
    const content = readFileSync(join(DIST_DIR, 'content.js'), 'utf8');
    expect(content).not.toMatch(/STCharacters|opencc|Converter/);
  });

  it('converts title and body to traditional (Taiwan), links and QR code untouched', async () => {
    const hrefs = () =>
      reader.locator('.article-body a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const hrefsBefore = await hrefs();
    const bodyBefore = (await reader.locator('.article-body').textContent()) ?? '';
    await reader.getByTestId('script-tw').click();
    const convert = toTraditional({ from: 'cn', to: 'tw' });
    const want = convertKeepingUrls(originalTitle, convert);
    expect(want).not.toBe(originalTitle);
    await waitFor(async () => (await reader.getByTestId('article-title').textContent()) === want, {
      timeoutMs: 15_000,
      what: 'the title in traditional characters',
    });
    expect(await reader.locator('.article-body').textContent()).toBe(
      convertKeepingUrls(bodyBefore, convert),
    );
    expect(await reader.getByTestId('article').getAttribute('lang')).toBe('zh-Hant-TW');
    expect(await hrefs()).toEqual(hrefsBefore);
    expect(await reader.getByTestId('share-link').textContent()).toBe(MIRROR);
    expect(await reader.getByTestId('script-tw').getAttribute('aria-pressed')).toBe('true');
    expect(requested.some((url) => /\/assets\/cn2t-[\w-]+\.js$/.test(url))).toBe(true);
  });

  it('remembers the choice across a reload, and 原文 brings the original back', async () => {
    await reload(reader);
    await waitFor(
      async () => (await reader.getByTestId('article-title').textContent()) !== originalTitle,
      {
        timeoutMs: 15_000,
        what: 'the remembered conversion',
      },
    );
    await reader.getByTestId('script-original').click();
    await waitFor(
      async () => (await reader.getByTestId('article-title').textContent()) === originalTitle,
      {
        what: 'the original title',
      },
    );
  });
});

describe('read aloud', () => {
  const speech = () =>
    reader.evaluate(
      () => (window as unknown as { __speech: { state: SpeechState } }).__speech.state,
    );
  const highlighted = () =>
    reader.evaluate(() => {
      const h = CSS.highlights.get('mr-reading');
      return h ? [...h].map((r) => r.toString()).join('') : null;
    });
  const finish = () =>
    reader.evaluate(() =>
      (window as unknown as { __speech: { finish(): void } }).__speech.finish(),
    );

  it('reads sentence by sentence with a Chinese voice, highlighting the one being read', async () => {
    await reader.getByTestId('speech-rate').selectOption('1.5');
    await reader.getByTestId('speech-play').click();
    await waitFor(async () => (await highlighted()) === originalTitle, {
      what: 'the title highlighted as it is read',
    });
    let state = await speech();
    expect(state.spoken[0]).toEqual({ text: originalTitle, lang: 'zh-CN', rate: 1.5 });
    await finish();
    await waitFor(async () => (await speech()).spoken.length === 2, { what: 'the next sentence' });
    state = await speech();
    const second = state.spoken[1]!.text;
    expect(second.length).toBeGreaterThan(0);
    await waitFor(async () => (await highlighted()) === second, { what: 'the second highlight' });
  });

  it('pauses, resumes and stops', async () => {
    const play = reader.getByTestId('speech-play');
    await play.click();
    expect((await speech()).paused).toBe(true);
    expect(await play.getAttribute('data-state')).toBe('paused');
    await play.click();
    expect((await speech()).paused).toBe(false);
    const cancels = (await speech()).cancels;
    await reader.getByTestId('speech-stop').click();
    expect((await speech()).cancels).toBeGreaterThan(cancels);
    expect(await play.getAttribute('data-state')).toBe('idle');
    expect(await highlighted()).toBeNull();
  });

  it('says so clearly when the system has no Chinese voice', async () => {
    await reader.evaluate(() => {
      (window as unknown as { __speech: { state: SpeechState } }).__speech.state.voices = [
        { lang: 'en-US', name: 'English' },
      ];
    });
    await reader.getByTestId('speech-play').click();
    await reader.getByTestId('speech-status').filter({ hasText: /\S/ }).waitFor();
    expect(await reader.getByTestId('speech-status').textContent()).toMatch(
      /中文语音|Chinese voice/,
    );
    expect(await reader.getByTestId('speech-play').getAttribute('data-state')).toBe('idle');
  });
});

describe('print and save', () => {
  it('prints the article only, with the QR code of the mirror link in a corner', async () => {
    await reader.emulateMedia({ media: 'print' });
    try {
      expect(await reader.getByTestId('share-panel').isVisible()).toBe(false);
      expect(await reader.getByTestId('reading-bar').isVisible()).toBe(false);
      expect(await reader.getByTestId('article-title').isVisible()).toBe(true);
      const qr = reader.getByTestId('print-qr');
      expect(await qr.isVisible()).toBe(true);
      const [box, article] = [
        await qr.boundingBox(),
        await reader.getByTestId('article').boundingBox(),
      ];
      expect(box!.x + box!.width).toBeCloseTo(article!.x + article!.width, 0);
      expect(box!.y).toBeCloseTo(article!.y, 0);
      const png = PNG.sync.read(await qr.screenshot());
      expect(decodeJsqr({ ...png, data: new Uint8ClampedArray(png.data) }).text).toBe(MIRROR);
    } finally {
      await reader.emulateMedia({ media: 'screen' });
    }
    expect(await reader.getByTestId('print-qr').isVisible()).toBe(false);
  });

  async function saved(button: string): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([
      reader.waitForEvent('download'),
      reader.getByTestId(button).click(),
    ]);
    return {
      name: download.suggestedFilename(),
      text: await readFile(await download.path(), 'utf8'),
    };
  }

  it('saves the article as Markdown with its metadata', async () => {
    const { name, text } = await saved('save-markdown');
    expect(name).toBe('a103470752.md');
    expect(text.startsWith(`# ${originalTitle}\n`)).toBe(true);
    expect(text).toContain(MIRROR);
    expect(text).toContain(ORIGINAL);
  });

  it('saves the article as one HTML file with no script and images as links', async () => {
    const { name, text } = await saved('save-html');
    expect(name).toBe('a103470752.html');
    expect(text).toContain(`<title>${originalTitle}</title>`);
    expect(text).not.toMatch(/<script|<img|<iframe/i);
    expect(text).toContain(`href="${MIRROR}"`);
  });
});
