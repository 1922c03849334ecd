import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runResolve } from '../../src/cli/resolve';
import { mirrorPage } from '../helpers/fake-network';

let root: string;
const mh = () => join(root, 'mh-news');
const good = () => join(root, 'goodnews');

function write(dir: string, path: string, text: string) {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runResolve(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'cli-resolve-'));
  write(mh(), 'README.md', '#### [时事评论](indexes/19.md?t=1)');
  write(mh(), 'indexes/19.md', '#### [a](../pages/19/428315.md?t=1)');
  write(
    mh(),
    'pages/19/428315.md',
    mirrorPage('a', 'gfw-breaker/mh-news', 'pages/19/428315.md', 'http://x/'),
  );
  write(
    mh(),
    'pages/87/407623.md',
    mirrorPage('b', 'gfw-breaker/mh-news', 'pages/87/407623.md', 'http://x/'),
  );
  write(
    mh(),
    'pages/nf4780/n11938083.md',
    mirrorPage('c', 'gfw-breaker/mh-news', 'pages/nf4780/n11938083.md', 'http://x/'),
  );
  write(good(), 'README.md', '#### [首页](README.md)');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const mirrors = () => [
  '--mirror',
  `gfw-breaker/mh-news=${mh()}`,
  `--mirror=begood0513/goodnews=${good()}`,
];

describe('cli resolve', () => {
  it('prints repo, path and mirror URL for an indexed article', async () => {
    const out = await run(
      'http://www.minghui.org/mh/articles/2021/7/20/x-428315.html',
      ...mirrors(),
    );
    expect(out).toEqual({
      code: 0,
      stdout:
        '{"repo":"gfw-breaker/mh-news","path":"pages/19/428315.md","mirrorUrl":"https://github.com/gfw-breaker/mh-news/blob/master/pages/19/428315.md"}\n',
      stderr: '',
    });
  });

  it('finds an article by probing, and one in the second mirror of a source', async () => {
    expect(
      JSON.parse(
        (await run('http://www.minghui.org/mh/articles/2020/6/12/x-407623.html', ...mirrors()))
          .stdout,
      ),
    ).toMatchObject({ path: 'pages/87/407623.md' });
    expect(
      JSON.parse(
        (await run('https://www.epochtimes.com/gb/20/3/13/n11938083.htm', ...mirrors())).stdout,
      ),
    ).toMatchObject({ repo: 'gfw-breaker/mh-news', path: 'pages/nf4780/n11938083.md' });
  });

  it('finds the second mirror when the first is not given (unreachable)', async () => {
    const out = await run(
      'https://www.epochtimes.com/gb/20/3/13/n11938083.htm',
      '--mirror',
      `gfw-breaker/mh-news=${mh()}`,
    );
    expect(out.code).toBe(0);
  });

  it('exits 1 with the reason: not mirrorable, not found, no mirror given, unreachable', async () => {
    expect(await run('https://example.com/a.html', ...mirrors())).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^not mirrorable/),
    });
    const missing = await run(
      'http://www.minghui.org/mh/articles/2020/6/12/x-999999.html',
      ...mirrors(),
    );
    expect(missing).toMatchObject({
      code: 1,
      stdout: '',
      stderr: expect.stringMatching(/^not found: .*gfw-breaker\/mh-news/),
    });
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(
      await run(
        'https://www.ntdtv.com/gb/2019/03/18/a102535727.html',
        '--mirror',
        `gfw-breaker/mh-news=${mh()}`,
      ),
    ).toMatchObject({ code: 1, stderr: expect.stringMatching(/^no mirror given: ntdtv\.com/) });
    expect(
      await run(
        'https://www.ntdtv.com/gb/2019/03/18/a102535727.html',
        '--mirror',
        `begood0513/goodnews=${mh()}`,
        '--mirror',
        `gfw-breaker/mh-news=${mh()}`,
      ),
    ).toMatchObject({ code: 1, stderr: expect.stringMatching(/^not found/) });
  });

  it('exits 1 naming what each endpoint did when the mirror holding the article is not given', async () => {
    const out = await run(
      'https://www.epochtimes.com/gb/20/3/13/n11938083.htm',
      '--mirror',
      `begood0513/goodnews=${good()}`,
    );
    expect(out).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(
        /^unreachable: .*raw network \(gfw-breaker\/mh-news is not given with --mirror\)/,
      ),
    });
  });

  it('exits 2 on usage errors', async () => {
    expect((await run()).code).toBe(2);
    expect((await run('a', 'b', ...mirrors())).code).toBe(2);
    expect((await run('http://x/', '--mirror', 'nonsense')).code).toBe(2);
    expect((await run('http://x/', '--mirror', `a/b=${join(root, 'nope')}`)).code).toBe(2);
    expect((await run('http://x/', '--frobnicate')).code).toBe(2);
  });
});
