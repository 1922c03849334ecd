// @vitest-environment jsdom
/**
 * The extractor over every real mirror page in ../shared/corpus (both repositories), checked
 * against what corpus-oracle.ts reads from each raw page: the title line, the original URL,
 * every text block of the body container, the hero caption — and none of the junk.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/core/extract/extract-article';
import { corpusPages, expectationsOf, normalize } from './corpus-oracle';

const corpus = join(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus');

interface Tally {
  pages: number;
  paragraphs: number;
  kept: number;
  junkLeft: number;
  captions: number;
  captionsFound: number;
}

const tallies = new Map<string, Tally>();

function tally(family: string): Tally {
  let t = tallies.get(family);
  if (!t) {
    t = { pages: 0, paragraphs: 0, kept: 0, junkLeft: 0, captions: 0, captionsFound: 0 };
    tallies.set(family, t);
  }
  return t;
}

describe.runIf(existsSync(corpus))('extractArticle over the corpus', () => {
  const pages = corpusPages(corpus);

  it('finds pages of every source family in both repositories', () => {
    expect(new Set(pages.map((p) => p.site))).toEqual(
      new Set([
        'epochtimes.com',
        'ntdtv.com',
        'secretchina.com',
        'soundofhope.org',
        'rfa.org',
        'minghui.org',
      ]),
    );
    expect(new Set(pages.map((p) => p.repo))).toEqual(new Set(['goodnews', 'mh-news']));
  });

  for (const page of pages) {
    describe(`${page.repo}/${page.path}`, () => {
      const want = expectationsOf(page.text, window);
      const article = extractArticle(page.text, window);
      const doc = new DOMParser().parseFromString(article.bodyHtml, 'text/html');
      const shown = normalize(`${doc.body.textContent ?? ''}${article.hero?.caption ?? ''}`);
      const t = tally(page.family);
      t.pages++;

      it('has the title line as its title and the 原文地址 URL as its original', () => {
        expect(want.title).not.toBeNull();
        expect(article.title).toBe(want.title);
        expect(article.originalUrl).toBe(want.originalUrl);
        expect(article.originalUrl).toBe(page.manifestOriginal);
        expect(article.source).toBe(page.site);
      });

      it('keeps every paragraph of the body container', () => {
        const lost = want.paragraphs.filter((p) => !shown.includes(p));
        t.paragraphs += want.paragraphs.length;
        t.kept += want.paragraphs.length - lost.length;
        expect(want.paragraphs.length).toBeGreaterThan(0);
        expect(lost).toEqual([]);
      });

      it('shows none of the junk', () => {
        const text = want.junkText.filter((j) => shown.includes(j));
        const markup = want.junkMarkup.filter((j) => article.bodyHtml.includes(j));
        t.junkLeft += text.length + markup.length;
        expect({ text, markup }).toEqual({ text: [], markup: [] });
        // No pixel: no image keeps a size, and none is tiny.
        expect(article.bodyHtml).not.toMatch(/<img[^>]*\s(?:width|height)=/);
      });

      it('finds the hero caption where the page has one', () => {
        if (want.heroCaption) t.captions++;
        const caption = article.hero ? normalize(article.hero.caption) : null;
        if (want.heroCaption && caption === want.heroCaption) t.captionsFound++;
        expect(caption).toBe(want.heroCaption);
      });
    });
  }

  afterAll(() => {
    const rows = [...tallies].sort(([a], [b]) => a.localeCompare(b));
    const total = rows.reduce<Tally>(
      (sum, [, t]) => ({
        pages: sum.pages + t.pages,
        paragraphs: sum.paragraphs + t.paragraphs,
        kept: sum.kept + t.kept,
        junkLeft: sum.junkLeft + t.junkLeft,
        captions: sum.captions + t.captions,
        captionsFound: sum.captionsFound + t.captionsFound,
      }),
      { pages: 0, paragraphs: 0, kept: 0, junkLeft: 0, captions: 0, captionsFound: 0 },
    );
    const line = (name: string, t: Tally): string =>
      `${name.padEnd(28)} ${String(t.pages).padStart(5)} ${`${t.kept}/${t.paragraphs}`.padStart(11)} ` +
      `${String(t.junkLeft).padStart(9)} ${`${t.captionsFound}/${t.captions}`.padStart(9)}`;
    console.log(
      [
        'extract conformance over the corpus',
        `${'family'.padEnd(28)} pages  paragraphs junk left  captions`,
        ...rows.map(([name, t]) => line(name, t)),
        line('total', total),
      ].join('\n'),
    );
  });
});
