import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/core/cache/kv';
import { createPageCache, pageKey } from '../../src/core/cache/page-cache';
import type { MirrorLocation } from '../../src/core/sources/types';

const at = (path: string): MirrorLocation => ({ owner: 'o', repo: 'r', branch: 'master', path });

function setup(maxBytes: number) {
  let t = 0;
  const store = createMemoryStore();
  const cache = createPageCache({ store, now: () => ++t, maxBytes });
  return { store, cache };
}

describe('page cache', () => {
  it('returns a stored page, each under its own key', async () => {
    const { store, cache } = setup(1000);
    await cache.put(at('pages/1/a.md'), { text: '### a', endpoint: 'raw' });
    expect(await cache.get(at('pages/1/a.md'))).toMatchObject({ text: '### a', endpoint: 'raw' });
    expect(await cache.get(at('pages/1/b.md'))).toBeUndefined();
    expect(store.keys()).toContain(pageKey(at('pages/1/a.md')));
  });

  it('evicts the least recently used pages once the total size passes the cap', async () => {
    const { store, cache } = setup(250);
    const text = (c: string) => c.repeat(100);
    await cache.put(at('a'), { text: text('a'), endpoint: 'raw' });
    await cache.put(at('b'), { text: text('b'), endpoint: 'raw' });
    await cache.get(at('a')); // a is now more recent than b
    await cache.put(at('c'), { text: text('c'), endpoint: 'raw' });
    expect(await cache.get(at('b'))).toBeUndefined();
    expect(await cache.get(at('a'))).toBeDefined();
    expect(await cache.get(at('c'))).toBeDefined();
    expect(await cache.usage()).toEqual({ bytes: 200, pages: 2 });
    expect(store.keys()).not.toContain(pageKey(at('b')));
  });

  it('counts size in UTF-8 bytes and never stores a page larger than the cap', async () => {
    const { cache } = setup(100);
    await cache.put(at('zh'), { text: '中'.repeat(30), endpoint: 'raw' });
    expect(await cache.usage()).toEqual({ bytes: 90, pages: 1 });
    await cache.put(at('big'), { text: 'x'.repeat(101), endpoint: 'raw' });
    expect(await cache.get(at('big'))).toBeUndefined();
    expect(await cache.get(at('zh'))).toBeDefined();
  });

  it('keeps every entry when puts run concurrently', async () => {
    const { cache } = setup(10_000);
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((p) => cache.put(at(p), { text: p, endpoint: 'fastly' })),
    );
    expect((await cache.usage()).pages).toBe(4);
  });

  it('drops an index entry whose page is missing from the store, and removes pages', async () => {
    const { store, cache } = setup(1000);
    await cache.put(at('a'), { text: 'a', endpoint: 'raw' });
    await cache.put(at('b'), { text: 'b', endpoint: 'raw' });
    await store.remove(pageKey(at('a')));
    expect(await cache.get(at('a'))).toBeUndefined();
    await cache.remove(at('b'));
    expect(await cache.usage()).toEqual({ bytes: 0, pages: 0 });
  });
});
