// The fake mirror itself, checked from Node without a browser: it must answer as the
// production hosts do, or the end-to-end tests prove nothing about the real network.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  FIXTURE_REPOS_DIR,
  FixtureRepo,
  gitBlobSha,
  JSDELIVR_HOSTS,
  startMirrorServer,
  type MirrorServer,
} from './harness';

interface Got {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const PAGE = 'pages/nsc412/n12681566.md';
const fixture = (repo: string, path: string): string =>
  readFileSync(join(FIXTURE_REPOS_DIR, repo, 'master', path), 'utf8');

let mirror: MirrorServer;

/** GET https://<host><path> at the fake server, as Chromium would after host resolution. */
function get(host: string, path: string, headers: Record<string, string> = {}): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: mirror.port,
        path,
        servername: host,
        rejectUnauthorized: false,
        headers: { host, ...headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('aborted', () => reject(new Error('aborted')));
        res.on('end', () => {
          if (!res.complete) reject(new Error('incomplete body'));
          else
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The JSON github.com embeds in a blob page. */
function embedded(html: string): {
  payload: Record<string, { rawLines?: string[] } & Record<string, unknown>>;
} {
  const match =
    /<script type="application\/json" data-target="react-app.embeddedData">([\s\S]*?)<\/script>/.exec(
      html,
    );
  if (!match?.[1]) throw new Error('no embedded data');
  return JSON.parse(match[1]) as { payload: Record<string, { rawLines?: string[] }> };
}

beforeAll(async () => {
  mirror = await startMirrorServer();
});

afterAll(async () => {
  await mirror.close();
});

describe('raw.githubusercontent.com', () => {
  it('serves a fixture file as text/plain with CORS and a weak SHA-256 ETag, and 304 on revalidation', async () => {
    const res = await get('raw.githubusercontent.com', `/begood0513/goodnews/master/${PAGE}`);
    expect(res.status).toBe(200);
    expect(res.body).toBe(fixture('begood0513/goodnews', PAGE));
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers.etag).toMatch(/^W\/"[0-9a-f]{64}"$/);
    const again = await get('raw.githubusercontent.com', `/begood0513/goodnews/master/${PAGE}`, {
      'if-none-match': String(res.headers.etag),
    });
    expect(again.status).toBe(304);
  });

  it('answers 404 "404: Not Found" for a missing file, branch or repository', async () => {
    for (const path of [
      '/begood0513/goodnews/master/pages/nsc412/n0.md',
      `/begood0513/goodnews/main/${PAGE}`,
      `/begood0513/nothing/master/${PAGE}`,
    ]) {
      const res = await get('raw.githubusercontent.com', path);
      expect([res.status, res.body]).toEqual([404, '404: Not Found']);
    }
  });

  it('decodes percent-encoded paths (index pages have Chinese names)', async () => {
    const res = await get(
      'raw.githubusercontent.com',
      `/begood0513/goodnews/master/${encodeURI('indexes/E美国新闻.md')}`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toContain('../pages/nsc412/n12681566.md');
  });
});

describe('jsDelivr', () => {
  it('serves /gh/<owner>/<repo>@<branch>/<path> on every jsDelivr host, and the default branch without @', async () => {
    for (const host of JSDELIVR_HOSTS) {
      const res = await get(host, `/gh/gfw-breaker/mh-news@master/pages/251/403141.md`);
      expect(res.status, host).toBe(200);
      expect(res.body).toBe(fixture('gfw-breaker/mh-news', 'pages/251/403141.md'));
      expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
      expect(res.headers['access-control-allow-origin']).toBe('*');
    }
    const latest = await get('cdn.jsdelivr.net', `/gh/begood0513/goodnews/${PAGE}.png`);
    expect([latest.status, latest.headers['content-type']]).toEqual([200, 'image/png']);
  });

  it('pins by commit, 404s a missing file, and 403s directory listings of a large repository', async () => {
    const commit = mirror.repo('begood0513/goodnews').commitSha;
    const pinned = await get('fastly.jsdelivr.net', `/gh/begood0513/goodnews@${commit}/${PAGE}`);
    expect(pinned.status).toBe(200);
    expect(pinned.headers['cache-control']).toContain('immutable');
    const missing = await get('fastly.jsdelivr.net', '/gh/begood0513/goodnews@master/pages/x/1.md');
    expect(missing.status).toBe(404);
    const listing = await get('fastly.jsdelivr.net', '/gh/begood0513/goodnews@master/pages/');
    expect(listing.status).toBe(403);
  });
});

describe('github.com', () => {
  it('embeds the file lines in payload["codeViewBlobLayoutRoute.StyledBlob"].rawLines by default', async () => {
    const res = await get('github.com', `/begood0513/goodnews/blob/master/${PAGE}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const lines = embedded(res.body).payload['codeViewBlobLayoutRoute.StyledBlob']?.rawLines;
    expect(`${lines?.join('\n')}\n`).toBe(fixture('begood0513/goodnews', PAGE));
    // The file's markup travels only inside the JSON, never as live HTML of the page.
    expect(res.body).not.toContain('<div class="caption">');
  });

  it('serves the older payload.blob.rawLines shape, and no rawLines for a large file, when told', async () => {
    try {
      mirror.blobShape = 'legacy';
      const legacy = embedded(
        (await get('github.com', `/begood0513/goodnews/blob/master/${PAGE}`)).body,
      );
      expect(legacy.payload.blob?.rawLines?.[0]).toBe(
        '### 夹具：大纪元测试文章 城市公园新增读书角',
      );
      mirror.blobShape = 'none';
      const large = embedded(
        (await get('github.com', `/begood0513/goodnews/blob/master/${PAGE}?plain=1`)).body,
      );
      expect(large.payload['codeViewBlobLayoutRoute.StyledBlob']?.rawLines).toBeUndefined();
    } finally {
      mirror.blobShape = 'styled';
    }
  });

  it('redirects /raw/ to raw.githubusercontent.com and 404s a missing blob with an HTML page', async () => {
    const raw = await get('github.com', `/begood0513/goodnews/raw/master/${PAGE}`);
    expect(raw.status).toBe(302);
    expect(raw.headers.location).toBe(
      `https://raw.githubusercontent.com/begood0513/goodnews/master/${PAGE}`,
    );
    const missing = await get('github.com', '/begood0513/goodnews/blob/master/pages/x/1.md');
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('Page not found');
  });
});

describe('api.github.com', () => {
  it('lists the repository tree recursively with the SHA-1s git itself computes', async () => {
    const repo = mirror.repo('gfw-breaker/mh-news');
    const res = await get(
      'api.github.com',
      '/repos/gfw-breaker/mh-news/git/trees/master?recursive=1',
    );
    expect(res.status).toBe(200);
    expect(res.headers['x-ratelimit-limit']).toBe('60');
    const json = JSON.parse(res.body) as {
      sha: string;
      truncated: boolean;
      tree: { path: string; mode: string; type: string; sha: string; size?: number; url: string }[];
    };
    expect(json.truncated).toBe(false);

    const dir = mkdtempSync(join(tmpdir(), 'fake-mirror-git-'));
    try {
      for (const [path, content] of repo.files) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), content);
      }
      const git = (...args: string[]): string =>
        execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
      git('init', '-q');
      git('add', '-A');
      expect(json.sha).toBe(git('write-tree').trim());
      const listed = git('ls-tree', '-r', '-t', '-l', json.sha)
        .trim()
        .split('\n')
        .map((line) => {
          const [meta = '', path = ''] = line.split('\t');
          const [mode = '', type = '', sha = '', size = ''] = meta.split(/\s+/);
          return {
            path,
            mode: mode.padStart(6, '0'),
            type,
            sha,
            ...(type === 'blob' ? { size: Number(size) } : {}),
          };
        });
      expect(json.tree.map(({ url: _url, ...entry }) => entry)).toEqual(listed);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const readme = json.tree.find((e) => e.path === 'README.md');
    expect(readme?.url).toBe(
      `https://api.github.com/repos/gfw-breaker/mh-news/git/blobs/${readme?.sha}`,
    );
  });

  it('lists only the top level without recursive=1, accepts a tree SHA as ref, and 404s in JSON', async () => {
    const top = JSON.parse(
      (await get('api.github.com', '/repos/gfw-breaker/mh-news/git/trees/master')).body,
    ) as {
      tree: { path: string; sha: string }[];
    };
    expect(top.tree.map((e) => e.path)).toEqual(['README.md', 'indexes', 'pages']);
    const pages = top.tree.find((e) => e.path === 'pages')!;
    const sub = JSON.parse(
      (await get('api.github.com', `/repos/gfw-breaker/mh-news/git/trees/${pages.sha}`)).body,
    ) as {
      tree: { path: string }[];
    };
    expect(sub.tree.map((e) => e.path)).toEqual(['251', 'nf4778']);
    const missing = await get('api.github.com', '/repos/gfw-breaker/nothing/git/trees/master');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ message: 'Not Found' });
  });
});

describe('api.github.com rate limit', () => {
  it('counts down x-ratelimit-remaining and answers 403 rate-limited once the allowance is spent', async () => {
    const own = await startMirrorServer({ apiRateLimit: 2 });
    const saved = mirror;
    mirror = own;
    try {
      const path = '/repos/gfw-breaker/mh-news/git/trees/master';
      expect((await get('api.github.com', path)).headers['x-ratelimit-remaining']).toBe('1');
      expect((await get('api.github.com', path)).headers['x-ratelimit-remaining']).toBe('0');
      const spent = await get('api.github.com', path);
      expect(spent.status).toBe(403);
      expect(JSON.parse(spent.body)).toMatchObject({
        message: expect.stringContaining('rate limit exceeded'),
      });
      own.resetApiRateLimit();
      expect((await get('api.github.com', path)).status).toBe(200);
    } finally {
      mirror = saved;
      await own.close();
    }
  });
});

describe('mounting files at test time', () => {
  it('serves files put into a repository, new repositories included, with git blob ids', async () => {
    mirror.repo('begood0513/goodnews').put('pages/nsc999/n1.md', '### mounted\n');
    const res = await get(
      'raw.githubusercontent.com',
      '/begood0513/goodnews/master/pages/nsc999/n1.md',
    );
    expect(res.body).toBe('### mounted\n');
    mirror.repo('someone/else', 'main').put('a.md', 'x');
    expect((await get('cdn.jsdelivr.net', '/gh/someone/else/a.md')).body).toBe('x');
    expect(gitBlobSha('x')).toBe(
      execFileSync('git', ['hash-object', '--stdin'], { input: 'x', encoding: 'utf8' }).trim(),
    );
    const repo = new FixtureRepo('o', 'r').putDir(
      'pages/p',
      join(FIXTURE_REPOS_DIR, 'gfw-breaker/mh-news/master/pages/251'),
    );
    expect([...repo.files.keys()]).toEqual(['pages/p/403141.md', 'pages/p/403141.md.png']);
  });
});

describe('faults', () => {
  const url = `/begood0513/goodnews/master/${PAGE}`;

  it('answers 404, 403 rate-limited, 429, 500 and a 200 HTML error page, per host, until cleared', async () => {
    mirror.setFault('raw.githubusercontent.com', 'not-found');
    expect((await get('raw.githubusercontent.com', url)).status).toBe(404);
    expect((await get('cdn.jsdelivr.net', `/gh/begood0513/goodnews@master/${PAGE}`)).status).toBe(
      200,
    );

    mirror.setFault('raw.githubusercontent.com', 'rate-limited');
    const limited = await get('raw.githubusercontent.com', url);
    expect(limited.status).toBe(403);
    expect(limited.headers).toMatchObject({
      'x-ratelimit-limit': '60',
      'x-ratelimit-remaining': '0',
    });
    expect(Number(limited.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);

    mirror.setFault('raw.githubusercontent.com', 'too-many-requests');
    expect((await get('raw.githubusercontent.com', url)).status).toBe(429);
    mirror.setFault('raw.githubusercontent.com', 'server-error');
    expect((await get('raw.githubusercontent.com', url)).status).toBe(500);
    mirror.setFault('raw.githubusercontent.com', 'html-error');
    const html = await get('raw.githubusercontent.com', url);
    expect([html.status, html.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);

    mirror.clearFault('raw.githubusercontent.com');
    expect((await get('raw.githubusercontent.com', url)).status).toBe(200);
    expect(
      mirror
        .requestsTo('raw.githubusercontent.com')
        .slice(-6)
        .map((r) => r.fault),
    ).toEqual([
      'not-found',
      'rate-limited',
      'too-many-requests',
      'server-error',
      'html-error',
      undefined,
    ]);
  });

  it('resets the connection, truncates the body, and answers late when slow', async () => {
    mirror.setFault('github.com', 'reset');
    await expect(get('github.com', `/begood0513/goodnews/blob/master/${PAGE}`)).rejects.toThrow(
      /ECONNRESET|socket hang up/,
    );
    mirror.setFault('github.com', 'truncated');
    await expect(get('github.com', `/begood0513/goodnews/blob/master/${PAGE}`)).rejects.toThrow(
      /aborted|incomplete|ECONNRESET/,
    );
    mirror.setFault('github.com', { kind: 'slow', delayMs: 50 });
    expect((await get('github.com', `/begood0513/goodnews/blob/master/${PAGE}`)).status).toBe(200);
    mirror.clearFaults();
  });

  it('applies a fault only to matching paths and only as many times as asked', async () => {
    mirror.setFault('*', 'server-error', { path: /\.md$/, times: 1 });
    expect(
      (await get('gcore.jsdelivr.net', `/gh/begood0513/goodnews@master/${PAGE}.png`)).status,
    ).toBe(200);
    expect((await get('gcore.jsdelivr.net', `/gh/begood0513/goodnews@master/${PAGE}`)).status).toBe(
      500,
    );
    expect((await get('gcore.jsdelivr.net', `/gh/begood0513/goodnews@master/${PAGE}`)).status).toBe(
      200,
    );
    mirror.clearFaults();
  });

  it('counts requests per host', () => {
    const counts = mirror.countByHost();
    expect(counts['raw.githubusercontent.com']).toBe(
      mirror.requestsTo('raw.githubusercontent.com').length,
    );
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(mirror.requests.length);
  });

  it('hangs without answering, and close() ends the hung connection', async () => {
    const own = await startMirrorServer({ repos: [] });
    own.setFault('raw.githubusercontent.com', 'hang');
    const saved = mirror;
    mirror = own;
    const pending = get('raw.githubusercontent.com', '/a/b/master/c.md');
    mirror = saved;
    const seen = await own.waitForRequest((r) => r.path === '/a/b/master/c.md');
    expect(seen.status).toBeUndefined();
    await own.close();
    await expect(pending).rejects.toThrow();
  });
});
