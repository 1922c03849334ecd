/**
 * The sealed library (issue 17): what sealing costs where the user waits. Keeping an article
 * (tags, head and page sealed), listing 500 saved articles (every head opened), opening one
 * (head and page). Wall time of Web Crypto in Node, median of 15 rounds, on an article of
 * 50,000 characters (the larger mirror pages) and a 500-entry library (the default limit).
 */
import { entryId, ENTRY_VERSION, type LibraryEntry } from '../../src/core/library/entry';
import { importKeys, newKeyBytes } from '../../src/core/library/seal';
import { openEntry, openSummary, sealEntry } from '../../src/core/library/sealed-record';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function timed(rounds: number, task: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  return median(times);
}

function entry(n: number, chars: number): Omit<LibraryEntry, 'savedAt' | 'openedAt' | 'pinned'> {
  const location = { owner: 'o', repo: 'r', branch: 'master', path: `pages/p/${n}.md` };
  return {
    v: ENTRY_VERSION,
    id: entryId(location),
    urls: [`https://www.example.org/a/${n}.html`, `https://github.com/o/r/blob/master/${n}.md`],
    title: `新闻标题 ${n}：山村通了新路`,
    source: 'example.org',
    published: '2024-01-02',
    originalUrl: `https://www.example.org/a/${n}.html`,
    mirrorUrl: `https://github.com/o/r/blob/master/pages/p/${n}.md`,
    location,
    text: '正文'.repeat(chars / 2),
  };
}

export default async function bench(): Promise<void> {
  const keys = (await importKeys(newKeyBytes()))!;
  const times = { savedAt: 1, openedAt: 1, pinned: false };
  const big = entry(0, 50_000);
  const keep = await timed(15, () => sealEntry(keys, big));

  const library = await Promise.all(
    Array.from({ length: 500 }, async (_, n) => {
      const parts = await sealEntry(keys, entry(n, 5_000));
      return { record: { ...parts, ...times, bytes: 0 }, body: parts.body };
    }),
  );
  const list = await timed(15, () =>
    Promise.all(library.map(({ record }) => openSummary(keys, record))),
  );
  const sealedBig = await sealEntry(keys, big);
  const open = await timed(15, () =>
    openEntry(keys, { ...sealedBig, ...times, bytes: 0 }, sealedBig.body),
  );
  console.log(`seal an article of 50,000 characters (keeping it): ${keep.toFixed(2)} ms`);
  console.log(`open the 500 heads of a full library (the list): ${list.toFixed(2)} ms`);
  console.log(`open one article of 50,000 characters: ${open.toFixed(2)} ms`);
}
