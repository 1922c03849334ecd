import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node_modules/.bin/tsx', ['src/cli/main.ts', ...args], { cwd: root }, (e, o, s) =>
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : -1) : 0, stdout: o, stderr: s }),
    );
  });
}

const source = {
  id: 'example-news.org',
  name: { zh_CN: '例子新闻', zh_TW: '例子新聞', en: 'Example News' },
  hosts: ['example-news.org'],
  patterns: [{ path: '/articles/(?<id>\\d+)\\.html' }],
  mirrors: [
    {
      owner: 'example-mirror',
      repo: 'daily-news',
      branch: 'main',
      path: { kind: 'lookup', template: 'pages/{folder}/{id}.md', folders: ['politics', 'world'] },
    },
  ],
};

const URL_ = 'https://www.example-news.org/articles/20240102.html';
const PAGE = `### 例子新闻：山村通了新路
------------------------

<div><p>第一段：山村通了新路。</p></div>
手机上长按并复制下列链接或二维码分享本文章：<br/>
https://github.com/example-mirror/daily-news/blob/main/pages/world/20240102.md <br/>
原文地址（需翻墙访问）：${URL_}
`;

let dir = '';
let sources = '';
let repo = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-sources-'));
  sources = join(dir, 'sources.json');
  writeFileSync(
    sources,
    JSON.stringify({ format: 'mirror-reader-sources', version: 1, sources: [source] }),
  );
  repo = join(dir, 'repo');
  mkdirSync(join(repo, 'pages/world'), { recursive: true });
  writeFileSync(join(repo, 'pages/world/20240102.md'), PAGE);
});

describe('cli --sources <file>', () => {
  it('match knows the sources of the file beside the built-in ones', async () => {
    const [without, run, builtin] = await Promise.all([
      cli('match', URL_),
      cli('match', URL_, '--sources', sources),
      cli('match', 'https://www.epochtimes.com/gb/21/1/11/n12681566.htm', `--sources=${sources}`),
    ]);
    expect(without.code).toBe(1);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual({ source: 'example-news.org', key: '20240102' });
    expect(builtin.code).toBe(0);
  }, 60_000);

  it('resolve finds the page in the mirror the file names', async () => {
    const run = await cli(
      'resolve',
      URL_,
      '--sources',
      sources,
      '--mirror',
      `example-mirror/daily-news=${repo}`,
    );
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({
      repo: 'example-mirror/daily-news',
      path: 'pages/world/20240102.md',
    });
  }, 60_000);

  it('extract gives the source of the file to an article of it', async () => {
    const run = await cli('extract', join(repo, 'pages/world/20240102.md'), '--sources', sources);
    expect(JSON.parse(run.stdout)).toMatchObject({ source: 'example-news.org', originalUrl: URL_ });
  }, 60_000);

  it('exits 1 naming each problem of a bad file, 2 without a file', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify([{ ...source, hosts: ['Example-News.org'] }]));
    const [run, missing, usage] = await Promise.all([
      cli('match', URL_, '--sources', bad),
      cli('match', URL_, '--sources', join(dir, 'none.json')),
      cli('match', URL_, '--sources'),
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('sources[0].hosts[0]');
    expect(missing.code).toBe(1);
    expect(usage.code).toBe(2);
  }, 60_000);
});
