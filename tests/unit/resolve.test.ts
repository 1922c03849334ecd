import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EndpointId } from '../../src/core/fetch/endpoints';
import type { FetchLike } from '../../src/core/fetch/fetch-ladder';
import { createMemoryStore } from '../../src/core/cache/kv';
import {
  createMirrorClient,
  MirrorFetchError,
  MirrorNotFoundError,
  type MirrorClientOptions,
} from '../../src/core/mirror-client';
import type { RepoIndex } from '../../src/core/index/repo-index';
import type { Mirror, Source } from '../../src/core/sources/types';
import { createFakeNetwork, mirrorPage, type Behaviour } from '../helpers/fake-network';

const MH = 'gfw-breaker/mh-news';
const GOOD = 'begood0513/goodnews';
const lookup = (repo: string, folders: string[]): Mirror => {
  const [owner = '', name = ''] = repo.split('/');
  return {
    owner,
    repo: name,
    branch: 'master',
    path: { kind: 'lookup', template: 'pages/{folder}/{id}.md', folders },
  };
};
const names = { zh_CN: '测试', zh_TW: '測試', en: 'Test' };
const minghui: Source = {
  id: 'minghui.org',
  name: names,
  hosts: ['minghui.org'],
  patterns: [{ path: '/mh/articles/\\d{4}/\\d{1,2}/\\d{1,2}/(?:[^/]*-)?(?<id>\\d{3,8})\\.html' }],
  mirrors: [lookup(MH, ['91', '328', '81', '78', '251'])],
};
const epochtimes: Source = {
  id: 'epochtimes.com',
  name: names,
  hosts: ['epochtimes.com'],
  patterns: [{ path: '/gb/\\d{1,2}/\\d{1,2}/\\d{1,2}/(?<id>n\\d{3,12})\\.htm' }],
  mirrors: [lookup(GOOD, ['nsc423', 'nsc412']), lookup(MH, ['nf4778', 'nf4779'])],
};
const rfa: Source = {
  id: 'rfa.org',
  name: names,
  hosts: ['rfa.org'],
  patterns: [
    {
      path: '/mandarin/(?:[a-z0-9_-]+/){0,3}(?<folder>[a-z0-9_-]+)/(?<id>[A-Za-z0-9_-]{1,80}-\\d{8,14})\\.html',
    },
  ],
  mirrors: [
    {
      owner: 'begood0513',
      repo: 'goodnews',
      branch: 'master',
      path: { kind: 'template', template: 'pages/{folder}/{id}.md' },
    },
  ],
};
const sources = [minghui, epochtimes, rfa];
const mh = (id: string) => `http://www.minghui.org/mh/articles/2020/3/30/标题-${id}.html`;
const et = (id: string) => `https://www.epochtimes.com/gb/21/1/11/${id}.htm`;

function setup(
  opts: {
    options?: MirrorClientOptions;
    behaviours?: Partial<Record<EndpointId, Behaviour>>;
    repoIndex?: RepoIndex;
    fetch?: (inner: FetchLike) => FetchLike;
  } = {},
) {
  const network = createFakeNetwork(opts.behaviours);
  const page = (repo: string, path: string) =>
    network.addFile(repo, path, mirrorPage(path, repo, path, 'http://x/'));
  const clock = { t: 1_700_000_000_000 };
  const store = createMemoryStore();
  const client = createMirrorClient({
    fetch: opts.fetch ? opts.fetch(network.fetch) : network.fetch,
    store,
    now: () => clock.t,
    sources,
    options: { endpoints: ['raw'], ...opts.options },
    ...(opts.repoIndex ? { repoIndex: opts.repoIndex } : {}),
  });
  const paths = () => network.requests.map((r) => r.path);
  return { network, page, clock, store, client, paths };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('resolve', () => {
  it('answers from the cache with no request the second time', async () => {
    const { page, client, network } = setup();
    page(MH, 'pages/81/403141.md');
    const first = await client.resolve(mh('403141'));
    expect(first).toMatchObject({
      via: 'probe',
      location: { repo: 'mh-news', path: 'pages/81/403141.md' },
      mirrorUrl: 'https://github.com/gfw-breaker/mh-news/blob/master/pages/81/403141.md',
    });
    const count = network.requests.length;
    const second = await client.resolve(mh('403141'));
    expect(second).toMatchObject({ via: 'cache', location: first.location });
    expect(network.requests.length).toBe(count);
  });

  it('needs no lookup for a template rule', async () => {
    const { client, network } = setup();
    const result = await client.resolve(
      'https://www.rfa.org/mandarin/zhuanlan/butongdeshengyin/jkdv-05312019110343.html',
    );
    expect(result).toMatchObject({
      via: 'template',
      location: { repo: 'goodnews', path: 'pages/butongdeshengyin/jkdv-05312019110343.md' },
    });
    expect(network.requests).toEqual([]);
  });

  it('remembers a miss for a while, then looks again', async () => {
    const { client, network, clock, page } = setup({ options: { missTtlMs: 3_600_000 } });
    await expect(client.resolve(mh('999999'))).rejects.toBeInstanceOf(MirrorNotFoundError);
    const count = network.requests.length;
    await expect(client.resolve(mh('999999'))).rejects.toMatchObject({ code: 'not-found' });
    expect(network.requests.length).toBe(count);
    page(MH, 'pages/78/999999.md');
    clock.t += 3_600_001;
    await expect(client.resolve(mh('999999'))).resolves.toMatchObject({
      location: { path: 'pages/78/999999.md' },
    });
  });

  it('says where it looked when nothing is found, serializably', async () => {
    const { client } = setup();
    const error = (await client
      .resolve(mh('999999'))
      .catch((e: unknown) => e)) as MirrorNotFoundError;
    expect(error.code).toBe('not-found');
    expect(error.tried).toEqual([
      {
        repo: MH,
        paths: [
          'pages/91/999999.md',
          'pages/328/999999.md',
          'pages/81/999999.md',
          'pages/78/999999.md',
          'pages/251/999999.md',
          // Then each folder-shaped segment of the URL, deepest first.
          'pages/30/999999.md',
          'pages/3/999999.md',
          'pages/2020/999999.md',
          'pages/articles/999999.md',
          'pages/mh/999999.md',
        ],
        note: '10 folders probed',
      },
    ]);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      code: 'not-found',
      key: '999999',
      source: 'minghui.org',
    });
  });

  it("finds a key in the mirror's index pages; other indexed keys then cost one request, the page itself", async () => {
    const { client, network, page, paths } = setup();
    network.addFile(
      MH,
      'README.md',
      '### 明慧\n#### [时事评论](indexes/19.md?t=1) | [更多](indexes/365.md?t=1)',
    );
    network.addFile(
      MH,
      'indexes/19.md',
      '#### [a](../pages/19/428315.md?t=1)\n#### [b](../pages/19/428318.md?t=1)',
    );
    page(MH, 'pages/19/428315.md');
    page(MH, 'pages/19/428318.md');
    const result = await client.resolve(mh('428315'));
    expect(result).toMatchObject({ via: 'index', location: { path: 'pages/19/428315.md' } });
    expect(paths().slice(0, 3)).toEqual(['README.md', 'indexes/19.md', 'indexes/365.md']);
    expect(paths().filter((p) => p?.startsWith('pages/'))).toEqual(['pages/19/428315.md']);
    const count = network.requests.length;
    expect(await client.resolve(mh('428318'))).toMatchObject({
      via: 'index',
      location: { path: 'pages/19/428318.md' },
    });
    expect(paths().slice(count)).toEqual(['pages/19/428318.md']);
    // The page came with the resolve: opening it needs nothing more.
    expect(await client.fetchArticle(mh('428318'))).toMatchObject({ fromCache: true });
    expect(network.requests.length).toBe(count + 1);
  });

  it('looks further when an index page names a page the mirror no longer has', async () => {
    const { client, network, page, paths } = setup();
    network.addFile(MH, 'README.md', '#### [a](pages/251/418196.md)');
    page(MH, 'pages/78/418196.md');
    expect(await client.resolve(mh('418196'))).toMatchObject({
      via: 'probe',
      location: { path: 'pages/78/418196.md' },
    });
    const probes = paths().filter((p) => p?.startsWith('pages/'));
    expect(probes[0]).toBe('pages/251/418196.md');
    expect(probes.filter((p) => p === 'pages/251/418196.md')).toHaveLength(1);
  });

  it('reads indexes/<folder>.md for the folders of every source in the mirror that no linked index page covers', async () => {
    const { client, network, page, paths } = setup();
    network.addFile(MH, 'README.md', '#### [时事评论](indexes/19.md)');
    network.addFile(
      MH,
      'indexes/19.md',
      Array.from({ length: 5 }, (_, i) => `[x](../pages/19/${i + 100}.md)`).join('\n'),
    );
    network.addFile(MH, 'indexes/251.md', '#### [x](../pages/251/419031.md)');
    page(MH, 'pages/251/419031.md');
    expect(await client.resolve(mh('419031'))).toMatchObject({
      via: 'index',
      location: { path: 'pages/251/419031.md' },
    });
    expect(paths()).toEqual([
      'README.md',
      'indexes/19.md',
      'indexes/91.md',
      'indexes/328.md',
      'indexes/81.md',
      'indexes/78.md',
      'indexes/251.md',
      // epochtimes.com is mirrored here too.
      'indexes/nf4778.md',
      'indexes/nf4779.md',
      'pages/251/419031.md',
    ]);
  });

  it('probes folders the index pages name with ids shaped like the key, by what they list', async () => {
    const { client, network, page, paths } = setup();
    network.addFile(MH, 'README.md', '#### [x](pages/999/100001.md) [y](pages/nf1/n12345678.md)');
    page(MH, 'pages/251/403141.md');
    expect(await client.resolve(mh('403141'))).toMatchObject({
      via: 'probe',
      location: { path: 'pages/251/403141.md' },
    });
    const probes = paths().filter((p) => p?.startsWith('pages/'));
    // 999 lists an id of this numbering (the only thing known: first); nf1 holds ids of
    // another shape (n + 8 digits): not probed for a minghui key.
    expect(probes).toEqual([
      'pages/999/403141.md',
      'pages/91/403141.md',
      'pages/328/403141.md',
      'pages/81/403141.md',
      'pages/78/403141.md',
      'pages/251/403141.md',
    ]);
  });

  it('probes first the folders where this source was found before', async () => {
    const { client, page, paths } = setup();
    page(MH, 'pages/251/1001.md');
    page(MH, 'pages/251/1002.md');
    await client.resolve(mh('1001'));
    const before = paths().length;
    await client.resolve(mh('1002'));
    // 251 is last in the source's list; one find there moves it first.
    expect(paths().slice(before)).toEqual(['pages/251/1002.md']);
  });

  it('probes first the folder whose listed ids come nearest the key, last one whose own page rules it out', async () => {
    const { client, network, page, paths } = setup();
    const links = (folder: string, from: number) =>
      Array.from(
        { length: 10 },
        (_, i) => `#### [t](../pages/${folder}/${from + i * 100}.md)`,
      ).join('\n');
    network.addFile(MH, 'README.md', '[a](indexes/81.md) [b](indexes/78.md) [c](indexes/91.md)');
    network.addFile(MH, 'indexes/81.md', links('81', 415000)); // 415000–415900
    network.addFile(MH, 'indexes/78.md', links('78', 408000)); // 408000–408900: covers the key
    network.addFile(MH, 'indexes/91.md', links('91', 420000)); // 420000–420900
    page(MH, 'pages/251/408550.md');
    expect(await client.resolve(mh('408550'))).toMatchObject({
      location: { path: 'pages/251/408550.md' },
    });
    // 81 (6450 away) before 91 (11450); 328 and 251, of which nothing is known, rank as
    // typical folders, just after the median one (81).
    expect(paths().filter((p) => p?.startsWith('pages/'))).toEqual([
      'pages/81/408550.md',
      'pages/328/408550.md',
      'pages/251/408550.md',
    ]);
    page(MH, 'pages/78/408551.md');
    const before = paths().length;
    await client.resolve(mh('408551'));
    // 251 now holds a find 1 away; 78's page lists 408000–408900 without 408551: last.
    expect(paths().slice(before)).toEqual([
      'pages/251/408551.md',
      'pages/81/408551.md',
      'pages/328/408551.md',
      'pages/91/408551.md',
      'pages/78/408551.md',
    ]);
  });

  it("ranks the folders of a source's mirrors together once finds say where its ids go", async () => {
    const { client, page, paths } = setup();
    page(MH, 'pages/nf4779/n11930924.md');
    page(MH, 'pages/nf4779/n11930990.md');
    await client.resolve(et('n11930924'));
    const before = paths().length;
    expect(await client.resolve(et('n11930990'))).toMatchObject({
      via: 'probe',
      location: { repo: 'mh-news', path: 'pages/nf4779/n11930990.md' },
    });
    // Found near an earlier find in the second mirror: no probe in the first.
    expect(paths().slice(before)).toEqual(['pages/nf4779/n11930990.md']);
  });

  it("stops probing a mirror that fails, and goes on with the others' folders", async () => {
    const refused: string[] = [];
    const { client, page, network } = setup({
      fetch: (inner) => (url, init) => {
        if (!url.includes('/goodnews/')) return inner(url, init);
        refused.push(new URL(url).pathname.replace(/^.*?\/pages\//, 'pages/'));
        return Promise.reject(new TypeError('fetch failed: ECONNRESET'));
      },
    });
    page(MH, 'pages/nf4779/n11930924.md');
    expect(await client.resolve(et('n11930924'))).toMatchObject({
      location: { repo: 'mh-news', path: 'pages/nf4779/n11930924.md' },
    });
    expect(refused.filter((p) => p.startsWith('pages/'))).toEqual(['pages/nsc423/n11930924.md']);
    const probes = network.requests.filter((r) => r.path?.startsWith('pages/'));
    expect(probes.filter((r) => r.repo === MH).map((r) => r.path)).toEqual([
      'pages/nf4778/n11930924.md',
      'pages/nf4779/n11930924.md',
    ]);
    // Not found in a mirror that could not be asked is not a miss: the error says why.
    const error = await client.resolve(et('n11930925')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MirrorFetchError);
  });

  it('probes one folder after another on a fast network: as many requests as the hit position', async () => {
    const { client, network, page, paths } = setup();
    network.addFile(MH, 'README.md', '### 明慧');
    page(MH, 'pages/78/403141.md');
    expect(await client.resolve(mh('403141'))).toMatchObject({ via: 'probe' });
    expect(paths().filter((p) => p?.startsWith('pages/'))).toEqual([
      'pages/91/403141.md',
      'pages/328/403141.md',
      'pages/81/403141.md',
      'pages/78/403141.md',
    ]);
  });

  it('overlaps at most three slow probes, in order; the first hit aborts the others and stops new probes', async () => {
    vi.useFakeTimers();
    const log: { folder: string; signal: AbortSignal }[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const delays: Record<string, number> = { '91': 2000, '328': 1000, '81': 60_000 };
    const { client, network, page } = setup({
      options: { probeStaggerMs: 300 },
      fetch: (inner) => async (url, init) => {
        const folder = /pages\/([^/]+)\//.exec(url)?.[1];
        if (!folder) return inner(url, init);
        log.push({ folder, signal: init.signal });
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          await new Promise<void>((resolve, reject) => {
            const timer = setTimeout(resolve, delays[folder] ?? 0);
            init.signal.addEventListener('abort', () => {
              clearTimeout(timer);
              reject(new DOMException('aborted', 'AbortError'));
            });
          });
          return await inner(url, init);
        } finally {
          inFlight--;
        }
      },
    });
    network.addFile(MH, 'README.md', '### 明慧');
    page(MH, 'pages/328/403141.md');
    const promise = client.resolve(mh('403141'));
    // t=0: 91; t=300: 328; t=600: 81 (three in flight, so 78 waits); t=1300: 328 answers.
    await vi.advanceTimersByTimeAsync(1299);
    expect(log.map((l) => l.folder)).toEqual(['91', '328', '81']);
    await vi.advanceTimersByTimeAsync(1);
    expect(await promise).toMatchObject({
      via: 'probe',
      location: { path: 'pages/328/403141.md' },
    });
    expect(maxInFlight).toBe(3);
    expect(log.map((l) => [l.folder, l.signal.aborted])).toEqual([
      ['91', true],
      ['328', false],
      ['81', true],
    ]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(log).toHaveLength(3);
  });

  it("tries a source's mirrors in order", async () => {
    const { client, page, paths } = setup();
    page(MH, 'pages/nf4779/n11930924.md');
    expect(await client.resolve(et('n11930924'))).toMatchObject({
      via: 'probe',
      location: { repo: 'mh-news', path: 'pages/nf4779/n11930924.md' },
    });
    const probes = paths().filter((p) => p?.startsWith('pages/'));
    expect(probes).toEqual([
      'pages/nsc423/n11930924.md',
      'pages/nsc412/n11930924.md',
      'pages/nf4778/n11930924.md',
      'pages/nf4779/n11930924.md',
    ]);
  });

  it("finds an article in the second mirror's index pages before probing the first", async () => {
    const { client, network, page, paths } = setup();
    network.addFile(MH, 'README.md', '#### [x](indexes/nf4778.md)');
    network.addFile(MH, 'indexes/nf4778.md', '#### [x](../pages/nf4778/n13053291.md)');
    page(MH, 'pages/nf4778/n13053291.md');
    expect(await client.resolve(et('n13053291'))).toMatchObject({
      via: 'index',
      location: { repo: 'mh-news' },
    });
    expect(paths().filter((p) => p?.startsWith('pages/'))).toEqual(['pages/nf4778/n13053291.md']);
  });

  it('consults the repository index before index pages and probing', async () => {
    const calls: string[] = [];
    const repoIndex: RepoIndex = {
      lookup: (mirror, key) => {
        calls.push(`${mirror.repo}:${key}`);
        return Promise.resolve(
          mirror.repo === 'goodnews'
            ? undefined
            : {
                key,
                folder: 'nf9',
                path: `pages/nf9/${key}.md`,
                sha: '',
                size: 0,
                via: 'published',
              },
        );
      },
      idle: () => Promise.resolve(),
    };
    const { client, paths } = setup({ repoIndex });
    expect(await client.resolve(et('n11930924'))).toMatchObject({
      via: 'repo-index',
      location: { repo: 'mh-news', path: 'pages/nf9/n11930924.md' },
    });
    expect(calls).toEqual(['goodnews:n11930924', 'mh-news:n11930924']);
    expect(paths()).toEqual([]);
  });

  describe('the index this device builds while the probes run (nothing published)', () => {
    /** A repository index whose on-device build ends when `finish` is called. */
    function building() {
      let built = false;
      let finish = () => {};
      const done = new Promise<void>((resolve) => {
        finish = () => {
          built = true;
          resolve();
        };
      });
      const repoIndex: RepoIndex = {
        lookup: (mirror, key) =>
          Promise.resolve(
            built && mirror.repo === 'mh-news'
              ? {
                  key,
                  folder: 'unnamed',
                  path: `pages/unnamed/${key}.md`,
                  sha: '',
                  size: 0,
                  via: 'device',
                }
              : undefined,
          ),
        idle: () => done,
      };
      return { repoIndex, finish: () => finish() };
    }

    it('after a clean miss, waits for it and finds the page in a folder nothing names', async () => {
      const { repoIndex, finish } = building();
      const { client, page } = setup({ repoIndex });
      page(MH, 'pages/unnamed/n11930924.md');
      const resolving = client.resolve(et('n11930924'));
      setTimeout(finish, 20);
      expect(await resolving).toMatchObject({
        location: { repo: 'mh-news', path: 'pages/unnamed/n11930924.md' },
      });
    });

    it('does not wait for it when a mirror could not be reached: the failure comes at once', async () => {
      const { repoIndex } = building();
      const { client } = setup({ repoIndex, behaviours: { raw: 'reset' } });
      await expect(client.resolve(et('n11930924'))).rejects.toMatchObject({
        code: 'all-endpoints-failed',
      });
    });

    it('waits at most builtIndexWaitMs, says not found, and does not remember the miss', async () => {
      const { repoIndex, finish } = building();
      const { client, page } = setup({ repoIndex, options: { builtIndexWaitMs: 30 } });
      page(MH, 'pages/unnamed/n11930924.md');
      await expect(client.resolve(et('n11930924'))).rejects.toBeInstanceOf(MirrorNotFoundError);
      finish();
      expect(await client.resolve(et('n11930924'))).toMatchObject({
        location: { path: 'pages/unnamed/n11930924.md' },
      });
    });
  });

  it('reports an unreachable mirror as a fetch failure, and does not remember it as a miss', async () => {
    const { client, network, page } = setup({ behaviours: { raw: 'reset' } });
    page(MH, 'pages/91/777.md');
    const error = await client.resolve(mh('777')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MirrorFetchError);
    expect(error).toMatchObject({ code: 'all-endpoints-failed' });
    // It stopped after the first failed probe rather than trying every folder.
    expect(network.requests.filter((r) => r.path?.startsWith('pages/')).length).toBeLessThanOrEqual(
      3,
    );
    network.set('raw', 'ok');
    await expect(client.resolve(mh('777'))).resolves.toMatchObject({
      location: { path: 'pages/91/777.md' },
    });
  });

  it('only ever asks mirror endpoints, never the GitHub API', async () => {
    const hosts = new Set<string>();
    const { client, page, network } = setup({
      options: { endpoints: ['fastly', 'gcore', 'testingcf', 'cdn', 'raw', 'github'] },
      behaviours: { fastly: 'reset', gcore: 'server-error' },
      fetch: (inner) => (url, init) => {
        hosts.add(new URL(url).hostname);
        return inner(url, init);
      },
    });
    network.addFile(MH, 'README.md', '#### [x](indexes/19.md)');
    page(MH, 'pages/78/111.md');
    await client.fetchArticle(mh('111'));
    await client.resolve(mh('122')).catch(() => undefined);
    expect(hosts.has('api.github.com')).toBe(false);
    expect(
      [...hosts].every(
        (h) =>
          h.endsWith('jsdelivr.net') || h === 'raw.githubusercontent.com' || h === 'github.com',
      ),
    ).toBe(true);
  });

  it('refreshes a stale index in the background, answering from the stored one meanwhile', async () => {
    let gate: Promise<void> | undefined;
    let release: () => void = () => undefined;
    const { client, network, clock, page } = setup({
      options: { indexTtlMs: 1000 },
      fetch: (inner) => async (url, init) => {
        if (gate && url.endsWith('/README.md')) await gate;
        return inner(url, init);
      },
    });
    network.addFile(MH, 'README.md', '#### [a](pages/19/500.md) [c](pages/19/503.md)');
    for (const id of ['500', '501', '503']) page(MH, `pages/19/${id}.md`);
    expect(await client.resolve(mh('500'))).toMatchObject({ via: 'index' });
    network.addFile(MH, 'README.md', '#### [a](pages/19/500.md) [b](pages/19/501.md)');
    clock.t += 2000;
    gate = new Promise<void>((resolve) => (release = resolve));
    // The refresh is held up; the stored index answers at once.
    expect(await client.resolve(mh('503'))).toMatchObject({
      via: 'index',
      location: { path: 'pages/19/503.md' },
    });
    release();
    gate = undefined;
    await client.idle();
    expect(await client.resolve(mh('501'))).toMatchObject({
      via: 'index',
      location: { path: 'pages/19/501.md' },
    });
  });
});

describe('fetchArticle', () => {
  it('needs no second request for a page found by probing, and none at all once cached', async () => {
    const { client, page, network } = setup();
    page(MH, 'pages/81/420.md');
    const first = await client.fetchArticle(mh('420'));
    expect(first).toMatchObject({
      fromCache: false,
      endpoint: 'raw',
      location: { path: 'pages/81/420.md' },
    });
    expect(first.text).toContain('### pages/81/420.md');
    const pageRequests = network.requests.filter((r) => r.path === 'pages/81/420.md').length;
    expect(pageRequests).toBe(1);
    const count = network.requests.length;
    const second = await client.fetchArticle(mh('420'));
    expect(second).toMatchObject({ fromCache: true, text: first.text });
    expect(network.requests.length).toBe(count);
  });

  it('fetches a mirror URL directly, without resolving', async () => {
    const { client, page, network } = setup();
    page(MH, 'pages/19/77.md');
    const result = await client.fetchArticle(
      'https://github.com/gfw-breaker/mh-news/blob/master/pages/19/77.md',
    );
    expect(result).toMatchObject({
      fromCache: false,
      mirrorUrl: 'https://github.com/gfw-breaker/mh-news/blob/master/pages/19/77.md',
    });
    expect(network.requests.map((r) => r.path)).toEqual(['pages/19/77.md']);
    expect(
      await client.resolve(
        'https://fastly.jsdelivr.net/gh/gfw-breaker/mh-news@master/pages/19/77.md',
      ),
    ).toMatchObject({ via: 'mirror-url', location: { path: 'pages/19/77.md' } });
  });

  it('looks again when a remembered page has been deleted from the mirror', async () => {
    const { client, page, network } = setup();
    network.addFile(MH, 'README.md', '#### [a](pages/91/880.md)');
    page(MH, 'pages/78/880.md');
    const result = await client.fetchArticle(mh('880'));
    expect(result).toMatchObject({ location: { path: 'pages/78/880.md' } });
    expect(await client.resolve(mh('880'))).toMatchObject({
      via: 'cache',
      location: { path: 'pages/78/880.md' },
    });
  });

  it('rejects URLs that are neither originals nor mirror pages with a serializable error', async () => {
    const { client } = setup();
    const error = await client
      .fetchArticle('https://example.com/gb/1.html')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'not-mirrorable' });
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      code: 'not-mirrorable',
      url: 'https://example.com/gb/1.html',
    });
  });

  it('fails with what each endpoint did when the page cannot be fetched', async () => {
    const { client } = setup({
      options: { endpoints: ['fastly', 'raw'] },
      behaviours: { fastly: 'rate-limited-429', raw: 'html-error' },
    });
    const error = (await client
      .fetchArticle('https://github.com/gfw-breaker/mh-news/blob/master/pages/19/1.md')
      .catch((e: unknown) => e)) as MirrorFetchError;
    expect(error.code).toBe('all-endpoints-failed');
    expect(error.attempts.map((a) => a.outcome)).toEqual(['rate-limited', 'invalid']);
  });
});
