import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { FetchLike } from '../../src/core/fetch/fetch-ladder';
import { buildIndex } from '../../src/core/index/build';
import type { IndexFileReader } from '../../src/core/index/index-view';
import type { ListedFile } from '../../src/core/index/listing';
import { shardNumber } from '../../src/core/index/shard';
import { createMemoryStore } from '../../src/core/cache/kv';
import { createMirrorClient } from '../../src/core/mirror-client';
import type { EndpointId } from '../../src/core/fetch/endpoints';
import type { Source } from '../../src/core/sources/types';
import { folderCandidates } from '../../src/core/resolve/url-segments';
import { createFakeNetwork, mirrorPage, response } from '../helpers/fake-network';

const MH = 'gfw-breaker/mh-news';
const HOME = { repo: 'idx/home', branch: 'mirror-index', path: 'gfw-breaker/mh-news' };
const C = 'c'.repeat(40);
const names = { zh_CN: '测试', zh_TW: '測試', en: 'Test' };
const minghui = (index = true): Source => ({
  id: 'minghui.org',
  name: names,
  hosts: ['minghui.org'],
  patterns: [{ path: '/mh/articles/\\d{4}/\\d{1,2}/\\d{1,2}/(?:[^/]*-)?(?<id>\\d{3,8})\\.html' }],
  mirrors: [
    {
      owner: 'gfw-breaker',
      repo: 'mh-news',
      branch: 'master',
      path: { kind: 'lookup', template: 'pages/{folder}/{id}.md', folders: ['91', '328'] },
      ...(index ? { index: HOME } : {}),
    },
  ],
});
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
const mh = (id: string) => `http://www.minghui.org/mh/articles/2020/3/30/x-${id}.html`;
const blobSha = (text: string) =>
  createHash('sha1')
    .update(`blob ${Buffer.byteLength(text)}\0`)
    .update(text)
    .digest('hex');
const pageText = (path: string) => mirrorPage(path, MH, path, 'http://x/');
const listed = (path: string): ListedFile => ({
  path,
  sha: blobSha(pageText(path)),
  size: Buffer.byteLength(pageText(path)),
});

async function built(files: ListedFile[], deleted: { path: string; commit: string }[] = []) {
  const index = await buildIndex({
    repo: MH,
    branch: 'master',
    commit: null,
    builtAt: '2026-01-01T00:00:00.000Z',
    files,
    deleted,
  });
  const all = new Map([
    ['manifest.json', JSON.stringify(index.manifest)],
    ...index.shards.map((s) => [s.file, s.text] as [string, string]),
  ]);
  return {
    index,
    all,
    reader: ((file) => Promise.resolve(all.get(file) ?? null)) as IndexFileReader,
  };
}

async function setup(
  opts: {
    snapshot?: ListedFile[];
    published?: ListedFile[];
    deleted?: { path: string; commit: string }[];
    endpoints?: EndpointId[];
    wrap?: (inner: FetchLike) => FetchLike;
    sources?: Source[];
    onDevice?: boolean;
  } = {},
) {
  const network = createFakeNetwork();
  const snapshot = opts.snapshot ? await built(opts.snapshot) : undefined;
  if (opts.published) {
    const pub = await built(opts.published, opts.deleted);
    for (const [file, text] of pub.all) network.addFile(HOME.repo, `${HOME.path}/${file}`, text);
  }
  for (const file of [...(opts.snapshot ?? []), ...(opts.published ?? [])]) {
    network.addFile(MH, file.path, pageText(file.path));
  }
  const client = createMirrorClient({
    fetch: opts.wrap ? opts.wrap(network.fetch) : network.fetch,
    store: createMemoryStore(),
    sources: opts.sources ?? [minghui()],
    options: { endpoints: opts.endpoints ?? ['raw'], hedgeDelayMs: 5_000 },
    index: {
      snapshot: (repo) => (repo === MH && snapshot ? snapshot.reader : null),
      onDevice: opts.onDevice ?? false,
    },
  });
  return { network, client };
}

describe('resolving with the repository index', () => {
  it('needs only the page for an article the shipped snapshot lists, and checks its bytes', async () => {
    const { network, client } = await setup({ snapshot: [listed('pages/nf9/888.md')] });
    const article = await client.fetchArticle(mh('888'));
    expect(article).toMatchObject({ location: { path: 'pages/nf9/888.md' }, verified: true });
    expect(network.requests.map((r) => r.path)).toEqual(['pages/nf9/888.md']);
  });

  it('costs shard + page cold for an article in a folder nothing names, and only the page warm', async () => {
    const count = (await built([listed('pages/nf9/888.md')])).index.shards.length;
    // Another key of the same shard: its lookup finds the shard already stored.
    let twin = 1000;
    while (shardNumber(String(twin), count) !== shardNumber('777', count)) twin++;
    const { network, client } = await setup({
      snapshot: [listed('pages/nf9/888.md')],
      published: [
        listed('pages/nf9/888.md'),
        listed('pages/x7/777.md'),
        listed(`pages/x7/${twin}.md`),
      ],
    });
    const cold = await client.fetchArticle(mh('777'));
    expect(cold).toMatchObject({ location: { path: 'pages/x7/777.md' }, verified: true });
    expect(network.requests.map((r) => r.path)).toEqual([
      `${HOME.path}/shards/${count}-${shardNumber('777', count)}.json`,
      'pages/x7/777.md',
    ]);
    network.requests.length = 0;
    await client.fetchArticle(mh(String(twin)));
    expect(network.requests.map((r) => r.path)).toEqual([`pages/x7/${twin}.md`]);
  });

  it('resolves a page deleted from the branch to its last commit, link and fetch pinned there', async () => {
    const { network, client } = await setup({
      published: [listed('pages/91/1.md')],
      deleted: [{ path: 'pages/91/555.md', commit: C }],
    });
    network.addFile(MH, 'pages/91/555.md', pageText('pages/91/555.md'));
    const article = await client.fetchArticle(mh('555'));
    expect(article).toMatchObject({
      commit: C,
      mirrorUrl: `https://github.com/${MH}/blob/${C}/pages/91/555.md`,
      location: { branch: C },
    });
    expect(network.requests.at(-1)?.url).toBe(
      `https://raw.githubusercontent.com/${MH}/${C}/pages/91/555.md`,
    );
  });

  it('repairs a shared branch link to a deleted page with the last commit that had it', async () => {
    const { network, client } = await setup({
      published: [listed('pages/91/1.md')],
      deleted: [{ path: 'pages/91/555.md', commit: C }],
      // The branch no longer has the page; the commit does.
      wrap: (inner) => (url, init) =>
        url.includes('/master/pages/91/555.md')
          ? Promise.resolve(response(404, '404: Not Found'))
          : inner(url, init),
    });
    network.addFile(MH, 'pages/91/555.md', pageText('pages/91/555.md'));
    const article = await client.fetchArticle(
      `https://github.com/${MH}/blob/master/pages/91/555.md`,
    );
    expect(article.mirrorUrl).toBe(`https://github.com/${MH}/blob/${C}/pages/91/555.md`);
  });

  it('skips an endpoint that answers other bytes than the indexed blob', async () => {
    const { client } = await setup({
      snapshot: [listed('pages/nf9/888.md')],
      endpoints: ['fastly', 'raw'],
      wrap: (inner) => async (url, init) => {
        const answer = await inner(url, init);
        if (!url.includes('fastly')) return answer;
        const text = (await answer.text()).replace('正文', '假文');
        return response(200, text);
      },
    });
    const article = await client.fetchArticle(mh('888'));
    expect(article).toMatchObject({ endpoint: 'raw', verified: true });
  });

  it('shows a page two endpoints agree on, unverified, when it changed after the index', async () => {
    const stale = { ...listed('pages/nf9/888.md'), sha: blobSha('older text') };
    const { client } = await setup({ snapshot: [stale], endpoints: ['fastly', 'raw'] });
    expect(await client.fetchArticle(mh('888'))).toMatchObject({ verified: false });
  });

  it('still shows the page, unverified, when the one endpoint that answers has other bytes', async () => {
    const stale = { ...listed('pages/nf9/888.md'), sha: blobSha('older text') };
    const { client } = await setup({ snapshot: [stale], endpoints: ['github'] });
    expect(await client.fetchArticle(mh('888'))).toMatchObject({ verified: false });
  });

  it('marks a page no index knows as unverified', async () => {
    const { network, client } = await setup({ sources: [minghui(false)] });
    network.addFile(MH, 'pages/91/4242.md', pageText('pages/91/4242.md'));
    expect(await client.fetchArticle(mh('4242'))).toMatchObject({ verified: false });
  });
});

describe('probing the segments of the URL', () => {
  it('lists every folder-shaped segment, deepest first', () => {
    expect(
      folderCandidates('https://www.rfa.org/mandarin/yataibaodao/renquan/a-1234567890.html'),
    ).toEqual(['renquan', 'yataibaodao', 'mandarin']);
    expect(folderCandidates('https://x.org/a/%E4%B8%AD/b/c.html')).toEqual(['b', 'a']);
    expect(folderCandidates('not a url')).toEqual([]);
  });

  it('finds an rfa page filed under its channel, not the column its template names', async () => {
    const { network, client } = await setup({ sources: [rfa] });
    const path = 'pages/yataibaodao/a-1234567890.md';
    network.addFile('begood0513/goodnews', path, mirrorPage('t', 'begood0513/goodnews', path, 'x'));
    const article = await client.fetchArticle(
      'https://www.rfa.org/mandarin/yataibaodao/renquan/a-1234567890.html',
    );
    expect(article.location.path).toBe(path);
  });
});

describe('the on-device index', () => {
  const trees =
    (files: ListedFile[], status = 200) =>
    (inner: FetchLike): FetchLike =>
    (url, init) => {
      if (!url.startsWith('https://api.github.com/')) return inner(url, init);
      const body = JSON.stringify({
        sha: 't',
        truncated: false,
        tree: files.map((f) => ({ path: f.path, type: 'blob', sha: f.sha, size: f.size })),
      });
      return Promise.resolve(status === 200 ? response(200, body) : response(status, '{}'));
    };

  for (const [mirrorNames, withHome] of [
    ['no index home', false],
    ['an index home where nothing is published (404)', true],
  ] as const) {
    it(`is built from the git-trees API for a mirror with ${mirrorNames}: the first article waits for it, the next costs its page alone`, async () => {
      const files = [listed('pages/zz/31337.md'), listed('pages/zz/31338.md')];
      const { network, client } = await setup({
        sources: [minghui(withHome)],
        onDevice: true,
        wrap: trees(files),
      });
      for (const f of files) network.addFile(MH, f.path, pageText(f.path));
      // The first lookup misses everywhere else, starts the build and finds the page in it.
      await expect(client.resolve(mh('31337'))).resolves.toMatchObject({
        location: { path: 'pages/zz/31337.md' },
      });
      await client.idle();
      network.requests.length = 0;
      await expect(client.fetchArticle(mh('31338'))).resolves.toMatchObject({
        location: { path: 'pages/zz/31338.md' },
        verified: true,
      });
      expect(network.requests.map((r) => r.path)).toEqual(['pages/zz/31338.md']);
    });
  }

  it('is built too when the shipped snapshot lacks the key and nothing newer is published', async () => {
    const old = listed('pages/91/1001.md');
    const added = listed('pages/newfolder/31339.md');
    const { network, client } = await setup({
      snapshot: [old],
      onDevice: true,
      wrap: trees([old, added]),
    });
    network.addFile(MH, added.path, pageText(added.path));
    await expect(client.resolve(mh('31339'))).resolves.toMatchObject({
      location: { path: 'pages/newfolder/31339.md' },
    });
  });

  it('gives up quietly when the API answers 403, and tries no more that day', async () => {
    let asked = 0;
    const { client } = await setup({
      sources: [minghui(false)],
      onDevice: true,
      wrap: (inner) => (url, init) => {
        if (url.startsWith('https://api.github.com/')) asked++;
        return trees([], 403)(inner)(url, init);
      },
    });
    await client.resolve(mh('9999')).catch(() => undefined);
    await client.idle();
    await client.resolve(mh('10000')).catch(() => undefined);
    await client.idle();
    expect(asked).toBe(1);
  });
});
