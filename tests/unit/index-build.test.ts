import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runIndex } from '../../src/cli/index-command';
import { buildIndex } from '../../src/core/index/build';
import { createIndexView } from '../../src/core/index/index-view';
import {
  parseDeletedTsv,
  parseDeletionLog,
  parseLsTree,
  parseTrees,
  unquoteGitPath,
  type ListedFile,
} from '../../src/core/index/listing';
import {
  lookupShard,
  MAX_SHARD_BYTES,
  parseManifest,
  parseShard,
  shardNumber,
} from '../../src/core/index/shard';

const sha = (text: string) =>
  createHash('sha1')
    .update(`blob ${Buffer.byteLength(text)}\0`)
    .update(text)
    .digest('hex');
const C1 = 'a'.repeat(40);
const C2 = 'b'.repeat(40);

const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'index-build-'));
  temps.push(dir);
  return dir;
}

function viewOf(built: Awaited<ReturnType<typeof buildIndex>>) {
  const files = new Map([
    ['manifest.json', JSON.stringify(built.manifest)],
    ...built.shards.map((s) => [s.file, s.text] as [string, string]),
  ]);
  return createIndexView((file) => Promise.resolve(files.get(file) ?? null));
}

describe('listing parsers', () => {
  it('reads ls-tree lines, unquotes C-quoted paths and skips bad lines', () => {
    const text = [
      `100644 blob ${sha('a')}       1\tpages/91/1.md`,
      `100644 blob ${sha('b')}     BAD\tindexes/236.md`,
      `100644 blob ${sha('c')}      12\t"indexes/\\344\\270\\252.md"`,
      `040000 tree ${sha('d')}       -\tpages`,
      'garbage',
      `100644 blob nothex       3\tpages/91/2.md`,
    ].join('\n');
    const parsed = parseLsTree(text);
    expect(parsed.items.map((f) => f.path)).toEqual(['pages/91/1.md', 'indexes/个.md']);
    expect(parsed.skipped).toBe(3);
    expect(parsed.problems[0]).toContain('bad size BAD');
    expect(unquoteGitPath('"a\\tb\\"c"')).toBe('a\tb"c');
    expect(unquoteGitPath('"\\377"')).toBeNull();
  });

  it('reads a recursive git-trees answer', () => {
    const parsed = parseTrees([
      {
        sha: 't0',
        truncated: false,
        tree: [
          { path: 'pages', type: 'tree', sha: 't1' },
          { path: 'pages/91/1.md', type: 'blob', sha: sha('x'), size: 1 },
          { path: 'pages/91/2.md', type: 'blob', sha: 'short', size: 1 },
          { path: 'pages/91/3.md', type: 'blob', sha: sha('y') },
        ],
      },
    ]);
    expect(parsed.items).toEqual([{ path: 'pages/91/1.md', sha: sha('x'), size: 1 }]);
    expect(parsed.skipped).toBe(2);
  });

  it('joins the per-folder answers of a truncated tree by their tree SHA', () => {
    const parsed = parseTrees([
      { sha: 'root', truncated: false, tree: [{ path: 'pages', type: 'tree', sha: 'p' }] },
      {
        sha: 'p',
        tree: [
          { path: '91', type: 'tree', sha: 'f91' },
          { path: 'nf1', type: 'tree', sha: 'fnf1' },
        ],
      },
      { sha: 'f91', tree: [{ path: '5.md', type: 'blob', sha: sha('5'), size: 1 }] },
      { sha: 'fnf1', tree: [{ path: 'n6.md', type: 'blob', sha: sha('6'), size: 1 }] },
    ]);
    expect(parsed.items.map((f) => f.path)).toEqual(['pages/91/5.md', 'pages/nf1/n6.md']);
  });

  it('says which folders a truncated answer left without a listing', () => {
    const parsed = parseTrees([
      {
        sha: 'r',
        truncated: true,
        tree: [
          { path: 'pages/91', type: 'tree', sha: 'a' },
          { path: 'pages/91/1.md', type: 'blob', sha: sha('1'), size: 1 },
          { path: 'pages/92', type: 'tree', sha: 'b' },
        ],
      },
    ]);
    expect(parsed.incomplete).toEqual(['pages/92']);
  });

  it('reads deletions from the listings TSV and from git log, newest deletion first', () => {
    const tsv = parseDeletedTsv(
      `path\tdeleted_in_commit\tlast_commit_with_path\npages/91/1.md\t${C2}\t${C1}\npages/91/1.md\t${C1}\t${C2}\nbad line\n`,
    );
    expect(tsv.items).toEqual([{ path: 'pages/91/1.md', commit: C1 }]);
    expect(tsv.skipped).toBe(1);
    const log = parseDeletionLog(`commit ${C2} ${C1}\n\npages/91/1.md\npages/91/1.md.png\n`);
    expect(log.items).toEqual([
      { path: 'pages/91/1.md', commit: C1 },
      { path: 'pages/91/1.md.png', commit: C1 },
    ]);
  });
});

describe('buildIndex', () => {
  const files: ListedFile[] = [
    { path: 'README.md', sha: sha('r'), size: 1 },
    { path: 'pages/91/1001.md', sha: sha('p1'), size: 2 },
    { path: 'pages/91/1001.md.png', sha: sha('png'), size: 3 },
    { path: 'pages/nf1/n77.md', sha: sha('p2'), size: 2 },
    { path: 'pages/x y/1.md', sha: sha('bad'), size: 3 },
  ];

  it('indexes pages on the branch and deleted ones, with a manifest naming every shard', async () => {
    const built = await buildIndex({
      repo: 'gfw-breaker/mh-news',
      branch: 'master',
      commit: C2,
      builtAt: '2026-01-01T00:00:00.000Z',
      files,
      deleted: [
        { path: 'pages/91/999.md', commit: C1 },
        { path: 'pages/91/1001.md', commit: C1 },
      ],
    });
    const manifest = parseManifest(JSON.stringify(built.manifest));
    expect(manifest).toMatchObject({
      repo: 'gfw-breaker/mh-news',
      commit: C2,
      pages: 2,
      deleted: 1,
    });
    expect(manifest?.shards.map((s) => s.sha)).toEqual(built.shards.map((s) => sha(s.text)));
    const view = viewOf(built);
    expect((await view.lookup('1001'))?.hits).toEqual([
      { key: '1001', folder: '91', path: 'pages/91/1001.md', sha: sha('p1'), size: 2 },
    ]);
    expect((await view.lookup('999'))?.hits).toEqual([
      { key: '999', folder: '91', path: 'pages/91/999.md', sha: '', size: 0, commit: C1 },
    ]);
    expect((await view.lookup('1'))?.hits).toEqual([]);
  });

  it('splits a large repository into shards under the cap, each found by its key alone', async () => {
    const many = Array.from({ length: 20_000 }, (_, i) => ({
      path: `pages/f${i % 37}/${100_000 + i}.md`,
      sha: sha(String(i)),
      size: i,
    }));
    const built = await buildIndex({
      repo: 'o/r',
      branch: 'main',
      commit: null,
      builtAt: new Date(0).toISOString(),
      files: many,
    });
    const count = built.shards.length;
    expect(count).toBeGreaterThan(16);
    expect(Math.max(...built.manifest.shards.map((s) => s.size))).toBeLessThanOrEqual(
      MAX_SHARD_BYTES,
    );
    const key = '112345';
    const shard = parseShard(built.shards[shardNumber(key, count)]!.text)!;
    expect(lookupShard(shard, key)).toMatchObject([{ folder: `f${12_345 % 37}`, size: 12_345 }]);
  });

  it('drops shards and manifests that do not check out', async () => {
    const built = await buildIndex({
      repo: 'o/r',
      branch: 'main',
      commit: null,
      builtAt: new Date(0).toISOString(),
      files,
    });
    expect(parseShard('{"v":1}')).toBeNull();
    expect(parseShard('<html>')).toBeNull();
    expect(parseManifest(JSON.stringify({ ...built.manifest, shards: [] }))).toBeNull();
    // A shard whose bytes are not the blob the manifest names is not used.
    const tampered = createIndexView((file) =>
      Promise.resolve(
        file === 'manifest.json'
          ? JSON.stringify(built.manifest)
          : built.shards[0]!.text.replace('"91"', '"92"'),
      ),
    );
    expect(await tampered.lookup('1001')).toBeUndefined();
    // Entries that are not well formed miss instead of throwing.
    const bad = JSON.parse(built.shards[0]!.text) as { entries: unknown[] };
    bad.entries = [['1001', 9, 'x', -1], ['1002', 0, '', 0, 7], 'junk'];
    expect(lookupShard(parseShard(JSON.stringify(bad))!, '1001')).toEqual([]);
    expect(lookupShard(parseShard(JSON.stringify(bad))!, '1002')).toEqual([]);
  });
});

describe('cli index build', () => {
  const run = async (...args: string[]) => {
    const out = { code: 0, stdout: '', stderr: '' };
    out.code = await runIndex(args, {
      stdout: (t) => (out.stdout += t),
      stderr: (t) => (out.stderr += t),
    });
    return out;
  };

  it('builds from a clone, with deletions from its history and their last blob ids', async () => {
    const repo = temp();
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', repo, ...args], {
        encoding: 'utf8',
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 't',
          GIT_AUTHOR_EMAIL: 't@t',
          GIT_COMMITTER_NAME: 't',
          GIT_COMMITTER_EMAIL: 't@t',
        },
      }).trim();
    const put = (path: string, text: string) => {
      mkdirSync(dirname(join(repo, path)), { recursive: true });
      writeFileSync(join(repo, path), text);
    };
    git('init', '-q', '-b', 'master');
    put('pages/91/1.md', 'one\n');
    put('pages/91/2.md', 'two\n');
    git('add', '.');
    git('commit', '-qm', 'a');
    const first = git('rev-parse', 'HEAD');
    git('rm', '-q', 'pages/91/1.md');
    git('commit', '-qm', 'b');
    const out = temp();
    const result = await run('build', '--repo', 'o/r', '--clone', repo, '--out', out);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ repo: 'o/r', pages: 1, deleted: 1 });
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ branch: 'master', commit: git('rev-parse', 'HEAD') });
    const shards = manifest.shards.map((s: { file: string }) =>
      parseShard(readFileSync(join(out, s.file), 'utf8')),
    );
    const hit = shards.flatMap((s: never) => lookupShard(s, '1'));
    expect(hit).toEqual([
      { key: '1', folder: '91', path: 'pages/91/1.md', sha: sha('one\n'), size: 4, commit: first },
    ]);
  });

  it('answers usage errors with exit 2', async () => {
    expect((await run('build', '--repo', 'o/r', '--out', '/tmp/x')).code).toBe(2);
    expect((await run('build', '--repo', 'nope', '--tree', 'a', '--out', 'b')).code).toBe(2);
    const both = await run('build', '--repo', 'o/r', '--tree', 'a', '--clone', 'b', '--out', 'c');
    expect(both.code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
  });

  it('fails with exit 1 and a reason on an unreadable listing', async () => {
    const result = await run('build', '--repo', 'o/r', '--tree', '/nonexistent', '--out', temp());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('index build failed');
  });
});
