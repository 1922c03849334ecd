import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeCaches } from '../helpers/fake-caches';
import { fakeBrowserStorage } from '../helpers/fake-storage';

const browserFake = fakeBrowserStorage();
const cachesFake = installFakeCaches();
vi.mock('../../src/platform/api', () => ({ browser: browserFake }));

const library = await import('../../src/platform/library/library-db');
const { getProblems } = await import('../../src/platform/storage-problems');
const { existingLibraryKeys, LIBRARY_KEY_CACHE } =
  await import('../../src/platform/library/library-key');
const { sealEntry } = await import('../../src/core/library/sealed-record');
const { tagOf } = await import('../../src/core/library/seal');

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

/** Writes a raw record the way a corrupt profile would have left it. */
async function putRaw(value: unknown, body?: unknown): Promise<void> {
  const { openDB } = await import('idb');
  const db = await openDB(library.LIBRARY_DB);
  await db.put('records', value);
  const id = (value as { id?: IDBValidKey }).id;
  if (body !== undefined && id !== undefined) await db.put('bodies', body, id);
  db.close();
}

/** Every value the database holds, as text: what a copy of its files could show at most. */
async function rawText(): Promise<string> {
  const { openDB } = await import('idb');
  const db = await openDB(library.LIBRARY_DB);
  const values = [...(await db.getAll('records')), ...(await db.getAll('bodies'))];
  const keys = [...(await db.getAllKeys('records')), ...(await db.getAllKeys('bodies'))];
  db.close();
  const decoder = new TextDecoder();
  const text = (v: unknown): string =>
    v instanceof ArrayBuffer || ArrayBuffer.isView(v)
      ? decoder.decode(v as ArrayBuffer)
      : typeof v === 'object' && v !== null
        ? Object.entries(v)
            .map(([k, x]) => `${k}:${text(x)}`)
            .join(' ')
        : String(v);
  return [...keys, ...values].map(text).join('\n');
}

beforeEach(async () => {
  await library.clearLibrary();
  cachesFake.caches.clear();
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

  it('drops corrupt records one by one, reports them without naming them, keeps the rest', async () => {
    await library.keepArticle(article(1), ctx(1));
    const good = await library.keepArticle(article(2), ctx(2));
    if (!good.kept) throw new Error('not kept');
    const keys = (await existingLibraryKeys())!;
    const { entry } = good;
    /** A record sealed with the right key around a bad entry, as a bug or old build could. */
    const sealedBad = async (n: string, edit: Record<string, unknown>) => {
      const { savedAt, openedAt, pinned, ...rest } = entry;
      const location = { ...entry.location, path: `pages/p/${n}.md` };
      const bad = { ...rest, id: `o/r@master:${location.path}`, location, ...edit };
      const parts = await sealEntry(keys, bad as typeof rest);
      await putRaw({ ...parts, body: undefined, savedAt, openedAt, pinned, bytes: 1 }, parts.body);
      return parts.id.slice(0, 8);
    };
    const expected = [
      `${await sealedBad('old', { v: 0 })} (version)`,
      `${await sealedBad('new', { v: 7 })} (version)`,
      `${await sealedBad('typed', { title: 42 })} (field)`,
      `${await sealedBad('noMirror', { mirrorUrl: null })} (field)`,
      `${await sealedBad('huge', { text: 'x'.repeat(2_000_001) })} (huge)`,
    ];
    // Not a record at all, and a record whose sealed head was altered on disk.
    await putRaw({ id: 'f'.repeat(32), text: 'no openedAt' });
    expected.push('ffffffff (sealed)');
    const altered = await sealedBad('altered', {});
    const { openDB } = await import('idb');
    const db = await openDB(library.LIBRARY_DB);
    const record = await db.get(
      'records',
      (await db.getAllKeys('records')).find((k) => String(k).startsWith(altered))!,
    );
    new Uint8Array(record.head.data)[3]! ^= 1;
    await db.put('records', record);
    db.close();
    expected.push(`${altered} (sealed)`);

    expect((await library.listArticles()).map((a) => a.title)).toEqual(['Story 2', '新闻 1']);
    const problems = await getProblems();
    expect(problems.map((p) => p.area)).toEqual(Array(expected.length).fill('library'));
    expect(problems.map((p) => p.key).sort()).toEqual(expected.sort());
    expect(await library.listArticles()).toHaveLength(2);
  });

  it('drops an entry whose page is missing when it is opened, and keeps the others', async () => {
    await library.keepArticle(article(1), ctx(1));
    const kept = await library.keepArticle(article(2), ctx(2));
    if (!kept.kept) throw new Error('not kept');
    const { openDB } = await import('idb');
    const db = await openDB(library.LIBRARY_DB);
    const tag = await tagOf((await existingLibraryKeys())!, kept.entry.id);
    await db.delete('bodies', tag);
    db.close();
    expect(await library.getArticle(kept.entry.id)).toBeUndefined();
    expect((await getProblems()).map((p) => p.key)).toEqual([`${tag.slice(0, 8)} (sealed)`]);
    expect((await library.listArticles()).map((a) => a.title)).toEqual(['新闻 1']);
  });

  it('holds no title, URL, path or page text in the clear', async () => {
    for (let n = 1; n <= 3; n++) await library.keepArticle(article(n), ctx(n));
    const raw = await rawText();
    for (let n = 1; n <= 3; n++) {
      const a = article(n);
      for (const clear of [a.title, a.url, a.mirrorUrl, a.location.path, `body ${n}`]) {
        expect(raw).not.toContain(clear);
      }
    }
    expect(raw).toContain('openedAt:3');
  });

  it('opens nothing once its key is gone ("forget everything" deletes it first)', async () => {
    for (let n = 1; n <= 2; n++) await library.keepArticle(article(n), ctx(n));
    await caches.delete(LIBRARY_KEY_CACHE);
    expect(await library.findArticleByUrl(article(1).url)).toBeUndefined();
    expect(await library.listArticles()).toEqual([]);
    expect((await getProblems()).map((p) => p.key.replace(/^\w{8}/, 'tag'))).toEqual([
      'tag (sealed)',
      'tag (sealed)',
    ]);
    // The next article read is sealed with a new key and opens.
    await library.keepArticle(article(3), ctx(3));
    expect((await library.findArticleByUrl(article(3).url))?.title).toBe('新闻 3');
  });

  it('seals the entries version 1 kept in the clear, and drops the bad ones', async () => {
    await library.deleteLibraryDatabase();
    const { openDB } = await import('idb');
    const v1 = await openDB(library.LIBRARY_DB, 1, {
      upgrade(db) {
        const store = db.createObjectStore('articles', { keyPath: 'id' });
        store.createIndex('openedAt', 'openedAt');
        store.createIndex('url', 'urls', { multiEntry: true });
      },
    });
    const old = (n: number) => {
      const a = article(n);
      const id = `${a.location.owner}/${a.location.repo}@${a.location.branch}:${a.location.path}`;
      const { url, ...rest } = a;
      return {
        ...rest,
        v: 1,
        id,
        urls: [url, a.mirrorUrl],
        savedAt: n,
        openedAt: n,
        pinned: n === 1,
      };
    };
    await v1.put('articles', old(1));
    await v1.put('articles', old(2));
    await v1.put('articles', { ...old(3), v: 9 });
    v1.close();
    vi.resetModules();
    const fresh = await import('../../src/platform/library/library-db');
    expect((await fresh.listArticles()).map((a) => [a.title, a.pinned])).toEqual([
      ['Story 2', false],
      ['新闻 1', true],
    ]);
    expect((await fresh.findArticleByUrl(article(2).url))?.text).toBe(article(2).text);
    expect((await getProblems()).map((p) => p.key)).toEqual(['version 1 (version)']);
    const db = await openDB(library.LIBRARY_DB);
    expect(await db.count('articles')).toBe(0);
    db.close();
    await fresh.deleteLibraryDatabase();
  });

  it('never takes an entry saved during a list for a bad one', async () => {
    for (let n = 1; n <= 20; n++) {
      await Promise.all([library.listArticles(), library.keepArticle(article(n), ctx(n))]);
    }
    expect(await library.listArticles()).toHaveLength(20);
    expect(await getProblems()).toEqual([]);
  });

  it('loses no save when two saves run at once', async () => {
    await Promise.all([1, 2, 3, 4, 5, 6].map((n) => library.keepArticle(article(n), ctx(n))));
    expect(await library.listArticles()).toHaveLength(6);
  });
});
