// Issue 4 end to end: through the background worker, a blocked original of each built-in
// source resolves to its mirror path and its text arrives; with every endpoint but one
// failing in each way, the page still arrives; with all failing, the error names each one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  CACHE_DB,
  deleteDatabase,
  deleteReadingCache,
  FAULTS,
  FIXTURE_REPOS_DIR,
  JSDELIVR_HOSTS,
  useE2E,
} from './harness';

const CASES = [
  [
    'https://www.epochtimes.com/gb/21/1/11/n12681566.htm',
    'begood0513/goodnews',
    'pages/nsc412/n12681566.md',
  ],
  [
    'https://www.ntdtv.com/gb/2022/07/03/a103470752.html',
    'begood0513/goodnews',
    'pages/prog1138/a103470752.md',
  ],
  [
    'https://www.secretchina.com/news/gb/2022/10/26/1020087.html',
    'begood0513/goodnews',
    'pages/p1/1020087.md',
  ],
  [
    'http://www.soundofhope.org/gb/2019/09/29/n3219520.html',
    'begood0513/goodnews',
    'pages/soh_rdzz/n3219520.md',
  ],
  [
    'https://www.rfa.org/mandarin/zhuanlan/butongdeshengyin/jkdv-05312019110343.html',
    'begood0513/goodnews',
    'pages/butongdeshengyin/jkdv-05312019110343.md',
  ],
  [
    'http://www.minghui.org/mh/articles/2020/3/30/夹具春天的种子-403141.html',
    'gfw-breaker/mh-news',
    'pages/251/403141.md',
  ],
  // Only in the second mirror of epochtimes.
  [
    'https://www.epochtimes.com/gb/21/2/1/n13000001.htm',
    'gfw-breaker/mh-news',
    'pages/nf4778/n13000001.md',
  ],
] as const;

const ENDPOINT_HOSTS = [...JSDELIVR_HOSTS, 'raw.githubusercontent.com', 'github.com'];

// github.com's blob page gives the file as lines: the final newline does not survive.
const fixture = (repo: string, path: string) =>
  readFileSync(join(FIXTURE_REPOS_DIR, repo, 'master', path), 'utf8').trimEnd();

const e2e = useE2E();

/** A fresh user: no cached paths, pages or endpoint health. */
async function forgetEverything(): Promise<void> {
  await deleteDatabase(e2e.ext, CACHE_DB);
  await deleteReadingCache(e2e.ext);
  e2e.mirror.clearFaults();
}

beforeEach(forgetEverything);

describe('the background worker', () => {
  for (const [original, repo, path] of CASES) {
    it(`resolves ${new URL(original).hostname} ${path} and fetches its text`, async () => {
      const { ext } = e2e;
      const resolved = await ext.request('resolveMirror', { url: original });
      expect(`${resolved.location.owner}/${resolved.location.repo}`).toBe(repo);
      expect(resolved.location.path).toBe(path);
      expect(resolved.mirrorUrl).toBe(`https://github.com/${repo}/blob/master/${path}`);
      const page = await ext.request('fetchArticle', { url: original });
      expect(page.text.trimEnd()).toBe(fixture(repo, path));
    });
  }

  it('serves a second open from its cache, with no request', async () => {
    const [original] = CASES[0];
    await e2e.ext.request('fetchArticle', { url: original });
    e2e.mirror.clearRequests();
    const again = await e2e.ext.request('fetchArticle', { url: original });
    expect(again.fromCache).toBe(true);
    expect(e2e.mirror.requests).toEqual([]);
  });

  FAULTS.forEach((fault, i) => {
    const working = ENDPOINT_HOSTS[i % ENDPOINT_HOSTS.length]!;
    it(`gets the page through ${working} when every other endpoint answers ${fault.kind}`, async () => {
      const [original, repo, path] = CASES[i % CASES.length]!;
      e2e.mirror.setFault(
        ENDPOINT_HOSTS.filter((h) => h !== working),
        fault,
      );
      const page = await e2e.ext.request('fetchArticle', { url: original });
      expect(page.text.trimEnd()).toBe(fixture(repo, path));
      expect(page.location.path).toBe(path);
    });
  });

  it('starts with the endpoint that worked lately, also after the worker restarted', async () => {
    const { ext, mirror } = e2e;
    // The worker's clients keep endpoint health in memory and write it back after the
    // database was deleted: start from a new worker so only this test's answers count.
    await ext.stopServiceWorker();
    await forgetEverything();
    mirror.setFault(['fastly.jsdelivr.net', 'gcore.jsdelivr.net'], { kind: 'server-error' });
    await ext.request('fetchArticle', { url: CASES[4][0] });
    mirror.clearFaults();
    await ext.stopServiceWorker();
    mirror.clearRequests();
    const page = await ext.request('fetchArticle', { url: CASES[5][0] });
    expect(page.fromCache).toBe(false);
    const first = mirror.requests[0]?.host;
    expect(first).not.toBe('fastly.jsdelivr.net');
    expect(first).not.toBe('gcore.jsdelivr.net');
  });

  it('names what every endpoint did when all of them fail', async () => {
    const [original] = CASES[4]; // rfa: the path comes from the URL, so only the page is fetched
    e2e.mirror.setFault('*', { kind: 'server-error' });
    const reply = await e2e.ext.sendMessage('fetchArticle', { url: original });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('all-endpoints-failed');
    const attempts = (reply.error.details as { attempts: { endpoint: string; status?: number }[] })
      .attempts;
    expect(new Set(attempts.map((a) => a.endpoint))).toEqual(
      new Set(['fastly', 'gcore', 'testingcf', 'cdn', 'raw', 'github']),
    );
    expect(attempts.every((a) => a.status === 500)).toBe(true);
    for (const endpoint of ['fastly', 'gcore', 'testingcf', 'cdn', 'raw', 'github']) {
      expect(reply.error.message).toContain(endpoint);
    }
  });

  it('says an unknown URL is not mirrorable', async () => {
    const reply = await e2e.ext.sendMessage('fetchArticle', { url: 'https://example.com/a.html' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'not-mirrorable' } });
  });
});
