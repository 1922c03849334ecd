import { describe, expect, it } from 'vitest';
import { createEndpointHealth } from '../../src/core/endpoint-health';
import { createFetchLadder, type FetchLike } from '../../src/core/fetch-ladder';
import { createMemoryStore } from '../../src/core/kv';
import { createMirrorIndexes, indexKey } from '../../src/core/mirror-index';
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
});
