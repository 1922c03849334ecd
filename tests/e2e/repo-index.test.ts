// Issue 12 end to end, on the fake GitHub: the index this project publishes (built here with
// the CLI's code, as the workflow builds it) finds an article in a folder nothing names with
// the shard and the page alone; the shipped snapshot needs only the page; a page purged from
// the branch opens at its last commit, and that is the link shown and in the QR code; an
// endpoint serving other bytes than the indexed blob is skipped.
import { existsSync, readFileSync } from 'node:fs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/core/index/build';
import { parseManifest, shardNumber } from '../../src/core/index/shard';
import { INDEX_HOME } from '../../src/core/sources/builtin';
import { mirrorPage } from '../helpers/fake-network';
import { gitBlobSha, useE2E } from './harness';

const MH = 'gfw-breaker/mh-news';
const PURGED_AT = '5'.repeat(40);
const SNAPSHOT = JSON.parse(
  readFileSync('public/index/gfw-breaker/mh-news/manifest.json', 'utf8'),
) as unknown;
const COUNT = parseManifest(JSON.stringify(SNAPSHOT))!.shards.length;
// A real page the shipped snapshot lists, with its real bytes (the corpus, when present).
const CORPUS_PAGE = '../shared/corpus/mh-news/pages/251/406378.md';

const e2e = useE2E();
const original = (id: string) => `http://www.minghui.org/mh/articles/2024/5/1/标题-${id}.html`;
const page = (path: string, title = `索引测试 ${path}`) =>
  mirrorPage(title, MH, path, original(path.replace(/\D/g, '')));
/** Another key in the same shard as `key`. */
function twinOf(key: string): string {
  let n = Number(key) + 1;
  while (shardNumber(String(n), COUNT) !== shardNumber(key, COUNT)) n++;
  return String(n);
}
const KEY = '777001';
const TWIN = twinOf(KEY);
const shardPath = (key: string) => `${MH}/shards/${COUNT}-${shardNumber(key, COUNT)}.json`;

/**
 * The files asked for, one entry per request. On a loaded machine the ladder may hedge (ask
 * the next endpoint when the first has not answered in 800 ms): such a second request for
 * the same file is left out, a request for any other file is not.
 */
/** The repository path a request asked for, whichever endpoint it went to. */
function fileOf(host: string, path: string): string {
  if (path.startsWith('/gh/')) return path.replace(/^\/gh\/[^/]+\/[^@/]+@[^/]+\//, '');
  if (host === 'github.com') return path.replace(/^\/[^/]+\/[^/]+\/blob\/[^/]+\//, '');
  return path.replace(/^\/[^/]+\/[^/]+\/[^/]+\//, '');
}

function filesAsked(): string[] {
  const first = new Map<string, number>();
  const files: string[] = [];
  for (const r of e2e.mirror.requests) {
    const file = fileOf(r.host, decodeURIComponent(r.path).split('?')[0]!);
    const at = first.get(file);
    if (at !== undefined && r.time - at >= 700) continue;
    if (at === undefined) first.set(file, r.time);
    files.push(file);
  }
  return files;
}

beforeAll(async () => {
  const { mirror } = e2e;
  const mh = mirror.repo(MH);
  for (const id of [KEY, TWIN, '777003', '777004'])
    mh.put(`pages/zz9/${id}.md`, page(`pages/zz9/${id}.md`));
  const purged = page('pages/91/555001.md', '已从分支删除的文章');
  mirror.repo(MH, PURGED_AT).put('pages/91/555001.md', purged);
  const files = [...mh.files].map(([path, body]) => ({
    path,
    sha: gitBlobSha(body),
    size: body.length,
  }));
  const built = await buildIndex({
    repo: MH,
    branch: 'master',
    commit: mh.commitSha,
    builtAt: new Date().toISOString(),
    files,
    deleted: [
      {
        path: 'pages/91/555001.md',
        commit: PURGED_AT,
        sha: gitBlobSha(purged),
        size: Buffer.byteLength(purged),
      },
    ],
    minShards: COUNT,
  });
  const home = mirror.repo(INDEX_HOME.repo, INDEX_HOME.branch);
  home.put(`${MH}/manifest.json`, JSON.stringify(built.manifest));
  for (const shard of built.shards) home.put(`${MH}/${shard.file}`, shard.text);
});

describe('the repository index', () => {
  it('finds an article in a folder nothing names with the shard and the page, then the page alone', async () => {
    const { ext, mirror } = e2e;
    mirror.clearRequests();
    const cold = await ext.request('fetchArticle', { url: original(KEY) });
    expect(cold).toMatchObject({ location: { path: `pages/zz9/${KEY}.md` }, verified: true });
    expect(filesAsked()).toEqual([shardPath(KEY), `pages/zz9/${KEY}.md`]);
    mirror.clearRequests();
    await ext.request('fetchArticle', { url: original(TWIN) });
    expect(filesAsked()).toEqual([`pages/zz9/${TWIN}.md`]);
  });

  it.runIf(existsSync(CORPUS_PAGE))(
    'needs only the page for an article the shipped snapshot lists',
    async () => {
      const { ext, mirror } = e2e;
      mirror.repo(MH).put('pages/251/406378.md', readFileSync(CORPUS_PAGE));
      mirror.clearRequests();
      const found = await ext.request('fetchArticle', { url: original('406378') });
      expect(found).toMatchObject({ location: { path: 'pages/251/406378.md' }, verified: true });
      expect(mirror.requests).toHaveLength(1);
    },
  );

  it('opens a page purged from the branch at its last commit, and shares that link', async () => {
    const { ext } = e2e;
    const pinned = `https://github.com/${MH}/blob/${PURGED_AT}/pages/91/555001.md`;
    const reader = await ext.openExtensionPage(
      `reader.html?url=${encodeURIComponent(original('555001'))}`,
    );
    await reader.getByTestId('article-title').waitFor({ timeout: 20_000 });
    expect(await reader.getByTestId('article-title').textContent()).toContain('已从分支删除');
    expect(await reader.getByTestId('open-mirror').getAttribute('href')).toBe(pinned);
    await reader.getByTestId('page-pinned').waitFor();
    const png = PNG.sync.read(await reader.getByTestId('share-qr').screenshot());
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(pinned);
    await reader.close();
  });

  it('skips an endpoint that answers other bytes than the indexed blob', async () => {
    const { ext, mirror } = e2e;
    // The endpoint that answered last is asked first next time: that one alters the page.
    mirror.clearRequests();
    await ext.request('fetchArticle', { url: original('777004') });
    const first = mirror.requests.at(-1)!.host;
    const path = 'pages/zz9/777003.md';
    const altered = page(path).replace('的正文', '被改过的正文');
    mirror.setFault(
      first,
      { kind: 'status', status: 200, body: altered, headers: { 'content-type': 'text/plain' } },
      { path: /777003/ },
    );
    mirror.clearRequests();
    const found = await ext.request('fetchArticle', { url: original('777003') });
    mirror.clearFault(first);
    expect(found).toMatchObject({ verified: true });
    expect(found.text).not.toContain('被改过');
    expect(mirror.requestsTo(first).some((r) => r.path.includes('777003'))).toBe(true);
    expect(mirror.requests.filter((r) => r.path.includes('777003')).length).toBe(2);
  });
});
