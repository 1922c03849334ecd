import { describe, expect, it } from 'vitest';
import {
  cacheEntryProblem,
  checkedStore,
  DamagedEntryError,
  reportedCacheKey,
  type CacheProblem,
} from '../../src/core/cache/cache-check';
import { createMemoryStore, type KeyValueStore } from '../../src/core/cache/kv';
import { createMirrorClient } from '../../src/core/mirror-client';
import { createFakeNetwork, mirrorPage } from '../helpers/fake-network';

const REPO = 'begood0513/goodnews';
const RFA = 'https://www.rfa.org/mandarin/zhuanlan/butongdeshengyin/jkdv-05312019110343.html';
const RFA_PATH = 'pages/butongdeshengyin/jkdv-05312019110343.md';
const NTDTV = 'https://www.ntdtv.com/gb/2022/07/03/a103470752.html';
const NTDTV_PATH = 'pages/prog1138/a103470752.md';

function network() {
  const net = createFakeNetwork();
  net.addFile(REPO, RFA_PATH, mirrorPage('自由亚洲电台的文章', REPO, RFA_PATH, RFA));
  net.addFile(REPO, NTDTV_PATH, mirrorPage('新唐人的文章', REPO, NTDTV_PATH, NTDTV));
  net.addFile(REPO, 'README.md', `# goodnews\n\n[新唐人的文章](${NTDTV_PATH})\n`);
  return net;
}

/** A store that reports what the check dropped. */
function checked(base: KeyValueStore) {
  const reported: [string, CacheProblem][] = [];
  const store = checkedStore(base, (key, problem) => void reported.push([key, problem]));
  return { store, reported };
}

describe('cache entries read back', () => {
  it('pass the check as the mirror client writes them, every kind', async () => {
    const store = createMemoryStore();
    const client = createMirrorClient({ fetch: network().fetch, store });
    await client.fetchArticle(RFA);
    await client.fetchArticle(NTDTV);
    await client.idle();
    const kinds = new Set<string>();
    for (const key of store.keys()) {
      const value = await store.get(key);
      expect(cacheEntryProblem(key, value), key).toBeNull();
      kinds.add(key.split(':')[0]!);
    }
    expect([...kinds]).toEqual(
      expect.arrayContaining(['endpoint-health', 'page', 'pages', 'resolve']),
    );
  });

  it('are dropped alone when damaged, each reported with its class, the rest kept', async () => {
    const good = { text: '# 文章', endpoint: 'raw', storedAt: 1 };
    const base = createMemoryStore({
      'page:a/b@master:pages/x/1.md': good,
      'page:a/b@master:pages/x/2.md': { text: 42, endpoint: 'raw', storedAt: 1 },
      'resolve:rfa.org:jkdv-1': null,
      'resolve:rfa.org:jkdv-2': { missUntil: 5 },
      'hits:ntdtv.com:a/b': 'garbage',
      'finds:ntdtv.com:a/b': { prog1138: ['a1', 7] },
      'pages:index': { version: 2, entries: {} },
      'index:a/b@master': { version: 1, refreshAfter: 0, entries: [], folders: {}, pages: [] },
      'pubindex:a/b@main/x:manifest.json': { at: 1 },
      'devindex:a/b@master:attempt': 'yesterday',
      'endpoint-health': [],
      'unknown-kind': 'left alone',
    });
    const { store, reported } = checked(base);
    for (const key of base.keys()) await store.get(key);
    expect(base.keys().sort()).toEqual([
      'page:a/b@master:pages/x/1.md',
      'resolve:rfa.org:jkdv-2',
      'unknown-kind',
    ]);
    expect(await store.get('page:a/b@master:pages/x/1.md')).toEqual(good);
    expect(Object.fromEntries(reported)).toEqual({
      'page:a/b@master:pages/x/2.md': 'field',
      'resolve:rfa.org:jkdv-1': 'field',
      'hits:ntdtv.com:a/b': 'field',
      'finds:ntdtv.com:a/b': 'field',
      'pages:index': 'version',
      'index:a/b@master': 'field',
      'pubindex:a/b@main/x:manifest.json': 'field',
      'devindex:a/b@master:attempt': 'field',
      'endpoint-health': 'field',
    });
  });

  it('that cannot be parsed (Cache Storage) read as absent and are removed', async () => {
    const base = createMemoryStore({ 'page:a/b@master:p.md': 'kept until checked' });
    const removed: string[] = [];
    const broken: KeyValueStore = {
      get: (key) => Promise.reject(new DamagedEntryError(key)),
      set: (key, value) => base.set(key, value),
      remove: (key) => {
        removed.push(key);
        return base.remove(key);
      },
    };
    const { store, reported } = checked(broken);
    expect(await store.get('page:a/b@master:p.md')).toBeUndefined();
    expect(removed).toEqual(['page:a/b@master:p.md']);
    expect(reported).toEqual([['page:a/b@master:p.md', 'json']]);
    // Other read errors (a closed database) are not damage: nothing is removed.
    const failing = checked({ ...broken, get: () => Promise.reject(new Error('closed')) });
    await expect(failing.store.get('page:a/b@master:p.md')).rejects.toThrow('closed');
    expect(removed).toHaveLength(1);
  });

  it('are kept when another context rewrote them good before the second look', async () => {
    const good = { missUntil: 9 };
    let reads = 0;
    const base = createMemoryStore({ 'resolve:rfa.org:x': good });
    const racing: KeyValueStore = {
      ...base,
      get: async <T>(key: string) => ((reads += 1) === 1 ? ('torn' as T) : base.get<T>(key)),
    };
    const { store, reported } = checked(racing);
    expect(await store.get('resolve:rfa.org:x')).toEqual(good);
    expect(reported).toEqual([]);
    expect(base.keys()).toEqual(['resolve:rfa.org:x']);
  });

  it('do not stop an article from loading: it is fetched again, and the report names no article', async () => {
    const base = createMemoryStore({
      'resolve:rfa.org:jkdv-05312019110343': 'torn write',
      'pages:index': { version: 1, entries: 'torn' },
    });
    const { store, reported } = checked(base);
    const client = createMirrorClient({ fetch: network().fetch, store });
    const article = await client.fetchArticle(RFA);
    expect(article.fromCache).toBe(false);
    expect(article.text).toContain('自由亚洲电台的文章');
    expect(reported.map(([key]) => key).sort()).toEqual([
      'pages:index',
      'resolve:rfa.org:jkdv-05312019110343',
    ]);
    expect(reportedCacheKey('resolve:rfa.org:jkdv-05312019110343', 'field')).toBe(
      'resolve:… (field)',
    );
    expect(reportedCacheKey('index:a/b@master', 'version')).toBe('index:a/b@master (version)');
  });
});
