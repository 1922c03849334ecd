import { describe, expect, it } from 'vitest';
import { createEndpointHealth } from '../../src/core/fetch/endpoint-health';
import { createFetchLadder, type FetchLike } from '../../src/core/fetch/fetch-ladder';
import { createMemoryStore } from '../../src/core/cache/kv';
import { createMirrorIndexes, folderPageSpan, indexKey } from '../../src/core/resolve/mirror-index';
import { createFakeNetwork } from '../helpers/fake-network';

const REPO = { owner: 'gfw-breaker', repo: 'mh-news', branch: 'master' };
const MH = 'gfw-breaker/mh-news';

function setup(wrap?: (inner: FetchLike) => FetchLike) {
  const network = createFakeNetwork();
  const clock = { t: 1_000_000 };
  const store = createMemoryStore();
  const now = () => clock.t;
  const fetch = wrap ? wrap(network.fetch) : network.fetch;
  const ladder = createFetchLadder({
    fetch,
    health: createEndpointHealth(store, now),
    now,
    options: { endpoints: ['raw'] },
  });
  const indexes = createMirrorIndexes({
    ladder,
    store,
    now,
    options: { indexTtlMs: 10_000, indexRetryMs: 1_000 },
  });
  return { network, clock, store, indexes };
}

describe('mirror index', () => {
  it('assembles entries and folder knowledge from README.md and the index pages it links, and stores it', async () => {
    const { network, store, indexes } = setup();
    network.addFile(
      MH,
      'README.md',
      '#### [时事评论](indexes/19.md?t=1) [推荐](pages/nsc424/n11355551.md)',
    );
    network.addFile(
      MH,
      'indexes/19.md',
      '#### [a](../pages/19/428315.md)\n#### [b](../pages/19/428318.md)\n[更多](../indexes/more.md)',
    );
    network.addFile(MH, 'indexes/more.md', '#### [c](../pages/81/416007.md)');
    const index = await indexes.get(REPO, []);
    expect(index?.entries).toEqual({
      n11355551: 'pages/nsc424/n11355551.md',
      '428315': 'pages/19/428315.md',
      '428318': 'pages/19/428318.md',
      '416007': 'pages/81/416007.md',
    });
    expect(index?.folders['19']).toEqual({ count: 2, shapes: ['#6'] });
    expect(index?.pages.sort()).toEqual(['README.md', 'indexes/19.md', 'indexes/more.md']);
    expect(await store.get(indexKey(REPO))).toEqual(index);
  });

  it('returns null when the mirror cannot be reached, and does not try again for a minute', async () => {
    let calls = 0;
    const { indexes, clock } = setup(() => () => {
      calls++;
      return Promise.reject(new TypeError('fetch failed'));
    });
    expect(await indexes.get(REPO, [])).toBeNull();
    expect(await indexes.get(REPO, [])).toBeNull();
    expect(calls).toBe(1);
    clock.t += 61_000;
    await indexes.get(REPO, []);
    expect(calls).toBe(2);
  });

  it('keeps what a page said last time when it fails to load on refresh, and retries sooner', async () => {
    let failMore = false;
    const { network, clock, indexes } = setup(
      (inner) => (url, init) =>
        failMore && url.includes('more.md')
          ? Promise.reject(new TypeError('reset'))
          : inner(url, init),
    );
    network.addFile(MH, 'README.md', '[m](indexes/more.md) [x](pages/1/100.md)');
    network.addFile(MH, 'indexes/more.md', '[c](../pages/81/416007.md)');
    await indexes.get(REPO, []);
    failMore = true;
    network.addFile(MH, 'README.md', '[m](indexes/more.md) [y](pages/1/101.md)');
    clock.t += 20_000;
    await indexes.get(REPO, []); // stale: refresh in the background
    await indexes.idle();
    const refreshed = await indexes.get(REPO, []);
    expect(refreshed?.entries).toMatchObject({
      '101': 'pages/1/101.md',
      '416007': 'pages/81/416007.md',
    });
    expect(refreshed?.refreshAfter).toBe(clock.t + 1_000);
  });

  it('shares one load between concurrent callers', async () => {
    let calls = 0;
    const { network, indexes } = setup((inner) => (url, init) => {
      calls++;
      return inner(url, init);
    });
    network.addFile(MH, 'README.md', '[x](pages/1/100.md)');
    const [a, b] = await Promise.all([indexes.get(REPO, []), indexes.get(REPO, [])]);
    expect(a).toEqual(b);
    expect(calls).toBe(1);
  });

  it('takes a page about one folder as listing all its ids between its oldest and newest', async () => {
    const { network, indexes } = setup();
    const links = (folder: string, ids: number[]) =>
      ids.map((id) => `#### [t](../pages/${folder}/${id}.md?t=1)`).join('\n');
    const run = (from: number) => Array.from({ length: 12 }, (_, i) => from + i * 10);
    network.addFile(MH, 'README.md', '[a](indexes/19.md) [b](indexes/hot.md) [c](indexes/78a.md)');
    // About 19 (one stray link elsewhere is allowed), newest first as the mirror writes them.
    network.addFile(
      MH,
      'indexes/19.md',
      `${links('19', run(422000).reverse())}\n${links('91', [1])}`,
    );
    // Mixed: no folder's page.
    network.addFile(
      MH,
      'indexes/hot.md',
      `${links('81', run(416000))}\n${links('73', run(415000))}`,
    );
    // Two pages about 78 (two categories filed together): only the run both cover is complete.
    network.addFile(MH, 'indexes/78a.md', `${links('78', run(408000))}\n[d](78b.md)`);
    network.addFile(MH, 'indexes/78b.md', links('78', run(408050)));
    const index = await indexes.get(REPO, []);
    expect(index?.folders['19']?.span).toEqual({ lo: '422000', hi: '422110' });
    expect(index?.folders['81']?.span).toBeUndefined();
    expect(index?.folders['73']?.span).toBeUndefined();
    expect(index?.folders['78']?.span).toEqual({ lo: '408050', hi: '408110' });
  });

  it("needs ten articles on a page to call it a folder's, and leaves ids of odd shapes out of its run", () => {
    const page = (ids: string[]) => ids.map((id) => ({ id, folder: '245' }));
    const nine = Array.from({ length: 9 }, (_, i) => String(403000 + i));
    expect(folderPageSpan(page(nine))).toBeNull();
    expect(folderPageSpan(page([...nine, '7647']))).toEqual({
      folder: '245',
      lo: '403000',
      hi: '403008',
    });
    expect(folderPageSpan([])).toBeNull();
  });
});
