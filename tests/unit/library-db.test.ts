import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowserStorage } from '../helpers/fake-storage';

const browserFake = fakeBrowserStorage();
vi.mock('../../src/platform/api', () => ({ browser: browserFake }));

const library = await import('../../src/platform/library-db');
const { getProblems } = await import('../../src/platform/storage-problems');

function article(n: number) {
  const location = { owner: 'o', repo: 'r', branch: 'master', path: `pages/p/${n}.md` };
  return {
    url: `https://www.example.org/a/${n}.html`,
    location,
    mirrorUrl: `https://github.com/o/r/blob/master/pages/p/${n}.md`,
    text: `### Title ${n}\n\nbody ${n}`,
    title: n % 2 ? `新闻 ${n}` : `Story ${n}`,
    source: 'example.org',
    published: '2024-01-02',
    originalUrl: `https://www.example.org/a/${n}.html`,
  };
}

const ctx = (now: number, limit = 500) => ({ incognito: false, keepLibrary: true, limit, now });

/** Writes a raw record the way a corrupt profile or an old version would have left it. */
async function putRaw(value: unknown): Promise<void> {
  const { openDB } = await import('idb');
  const db = await openDB(library.LIBRARY_DB);
  await db.put('articles', value);
  db.close();
}

beforeEach(async () => {
  await library.clearLibrary();
  await browserFake.storage.local.clear();
});

describe('the library', () => {
  it('keeps each article opened, newest first, and finds it by either URL', async () => {
    for (let n = 1; n <= 3; n++) await library.keepArticle(article(n), ctx(n));
    expect((await library.listArticles()).map((a) => a.title)).toEqual([
      '新闻 3',
      'Story 2',
      '新闻 1',
    ]);
    const byOriginal = await library.findArticleByUrl(article(2).url);
    expect(byOriginal?.text).toBe(article(2).text);
    expect((await library.findArticleByUrl(article(2).mirrorUrl))?.id).toBe(byOriginal?.id);
  });

  it('moves an article opened again to the top and keeps its first save date', async () => {
    await library.keepArticle(article(1), ctx(10));
    await library.keepArticle(article(2), ctx(20));
    const again = await library.keepArticle(article(1), ctx(30));
    expect(again.kept && [again.entry.savedAt, again.entry.openedAt]).toEqual([10, 30]);
    expect((await library.listArticles()).map((a) => a.title)).toEqual(['新闻 1', 'Story 2']);
  });

  it('searches titles by every word, ignoring case and width', async () => {
    for (let n = 1; n <= 4; n++) await library.keepArticle(article(n), ctx(n));
    expect((await library.listArticles('STORY')).map((a) => a.title)).toEqual([
      'Story 4',
      'Story 2',
    ]);
    expect((await library.listArticles('新闻 ３')).map((a) => a.title)).toEqual(['新闻 3']);
    expect(await library.listArticles('nothing')).toEqual([]);
  });

  it('evicts the least recently opened beyond the limit, never a pinned one', async () => {
    for (let n = 1; n <= 3; n++) await library.keepArticle(article(n), ctx(n, 3));
    const oldest = (await library.listArticles()).at(-1)!;
    await library.pinArticle(oldest.id, true);
    await library.keepArticle(article(4), ctx(4, 3));
    await library.keepArticle(article(5), ctx(5, 3));
    expect((await library.listArticles()).map((a) => a.title)).toEqual([
      '新闻 5',
      'Story 4',
      '新闻 1',
    ]);
  });

  it('keeps pinned articles even when they alone pass the limit, and the one just opened', async () => {
    for (let n = 1; n <= 3; n++) {
      const kept = await library.keepArticle(article(n), ctx(n, 2));
      if (kept.kept && n < 3) await library.pinArticle(kept.entry.id, true);
    }
    expect(await library.listArticles()).toHaveLength(3);
    await library.pinArticle((await library.listArticles())[0]!.id, true);
    await library.applyLimit(1);
    expect(await library.listArticles()).toHaveLength(3);
  });

  it('applies a lowered limit at once', async () => {
    for (let n = 1; n <= 5; n++) await library.keepArticle(article(n), ctx(n));
    await library.applyLimit(2);
    expect((await library.listArticles()).map((a) => a.title)).toEqual(['新闻 5', 'Story 4']);
  });

  it('keeps nothing from an incognito tab or when keeping is off', async () => {
    expect(await library.keepArticle(article(1), { ...ctx(1), incognito: true })).toEqual({
      kept: false,
      reason: 'incognito',
    });
    expect(await library.keepArticle(article(1), { ...ctx(1), keepLibrary: false })).toEqual({
      kept: false,
      reason: 'off',
    });
    expect(await library.listArticles()).toEqual([]);
  });

  it('deletes one article, or all, and counts what it holds', async () => {
    for (let n = 1; n <= 3; n++) await library.keepArticle(article(n), ctx(n));
    const [first] = await library.listArticles();
    await library.removeArticle(first!.id);
    expect((await library.libraryUsage()).articles).toBe(2);
    expect((await library.libraryUsage()).bytes).toBeGreaterThan(100);
    await library.clearLibrary();
    expect(await library.libraryUsage()).toEqual({ articles: 0, bytes: 0 });
  });

  it('drops corrupt entries one by one, reports them, and keeps the rest', async () => {
    await library.keepArticle(article(1), ctx(1));
    const good = await library.keepArticle(article(2), ctx(2));
    if (!good.kept) throw new Error('not kept');
    const { entry } = good;
    const id = (n: string) => `o/r@master:pages/p/${n}.md`;
    const loc = (n: string) => ({ ...entry.location, path: `pages/p/${n}.md` });
    await putRaw({ ...entry, id: id('old'), location: loc('old'), v: 0 }); // old version
    await putRaw({ ...entry, id: id('new'), location: loc('new'), v: 7 }); // unknown version
    await putRaw({ ...entry, id: id('typed'), location: loc('typed'), title: 42 }); // wrong type
    await putRaw({ ...entry, id: id('missing'), location: loc('missing'), urls: undefined });
    await putRaw({ ...entry, id: id('huge'), location: loc('huge'), text: 'x'.repeat(2_000_001) });
    await putRaw({ id: id('noTime'), text: 'no openedAt' }); // outside the openedAt index
    expect((await library.listArticles()).map((a) => a.title)).toEqual(['Story 2', '新闻 1']);
    const problems = await getProblems();
    expect(problems.map((p) => p.area)).toEqual(Array(6).fill('library'));
    expect(problems.map((p) => p.key).sort()).toEqual([
      `${id('huge')} (huge)`,
      `${id('missing')} (field)`,
      `${id('new')} (version)`,
      `${id('noTime')} (field)`,
      `${id('old')} (version)`,
      `${id('typed')} (field)`,
    ]);
    expect(await library.listArticles()).toHaveLength(2);
  });

  it('loses no save when two saves run at once', async () => {
    await Promise.all([1, 2, 3, 4, 5, 6].map((n) => library.keepArticle(article(n), ctx(n))));
    expect(await library.listArticles()).toHaveLength(6);
  });
});
