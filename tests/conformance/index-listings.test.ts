/**
 * The index of gfw-breaker/mh-news built from its real listing (../shared/listings: the tree
 * at one commit, with malformed lines, and the deletion history): every page on the branch
 * and every deleted page resolves through `cli resolve --index` alone; deleted ones to the
 * last commit that had them. Also checks the snapshot shipped in public/index is that index.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIndexBuild } from '../../src/cli/index-build';
import { runResolve } from '../../src/cli/resolve';
import { parseDeletedTsv, parseLsTree } from '../../src/core/index/listing';
import { parseManifest, parseShard } from '../../src/core/index/shard';

const LISTINGS = '../shared/listings';
const SNAPSHOT = 'public/index/gfw-breaker/mh-news';

function capture() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t) },
  };
}

const original = (id: string) => `https://www.minghui.org/mh/articles/2021/1/1/x-${id}.html`;

describe.runIf(existsSync(LISTINGS))('the mh-news index from its real listing', () => {
  let dir: string;
  let summary: Record<string, unknown>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mh-index-'));
    const { out, io } = capture();
    const code = await runIndexBuild(
      [
        '--repo',
        'gfw-breaker/mh-news',
        '--tree',
        join(LISTINGS, 'mh-news.ls-tree.txt'),
        '--deleted',
        join(LISTINGS, 'mh-news.deleted.tsv'),
        '--out',
        dir,
      ],
      io,
    );
    expect(code).toBe(0);
    summary = JSON.parse(out.stdout) as Record<string, unknown>;
    // The malformed line (size "BAD") is reported, not fatal.
    expect(out.stderr).toContain('BAD');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const resolve = async (url: string) => {
    const { out, io } = capture();
    const code = await runResolve([url, '--index', dir], io);
    return { code, json: code === 0 ? (JSON.parse(out.stdout) as Record<string, unknown>) : null };
  };

  it('names the listing commit and counts every page', () => {
    const head = readFileSync(join(LISTINGS, 'mh-news.HEAD'), 'utf8').trim();
    const pages = parseLsTree(readFileSync(join(LISTINGS, 'mh-news.ls-tree.txt'), 'utf8')).items;
    expect(summary).toMatchObject({
      repo: 'gfw-breaker/mh-news',
      commit: head,
      pages: pages.filter((f) => /^pages\/[^/]+\/[^/]+\.md$/.test(f.path)).length,
      skipped: 1,
    });
    expect(summary.largestShard).toBeLessThanOrEqual(65_536);
  });

  it('resolves every deleted minghui page to the last commit that had it', async () => {
    // A few ids were deleted from one folder and are still on the branch in another.
    const onBranch = new Set(
      parseLsTree(readFileSync(join(LISTINGS, 'mh-news.ls-tree.txt'), 'utf8')).items.map((f) =>
        f.path.split('/').at(-1),
      ),
    );
    const deleted = parseDeletedTsv(
      readFileSync(join(LISTINGS, 'mh-news.deleted.tsv'), 'utf8'),
    ).items.filter(
      (d) => /^pages\/\d+\/\d+\.md$/.test(d.path) && !onBranch.has(d.path.split('/').at(-1)),
    );
    expect(deleted.length).toBeGreaterThan(100);
    for (const { path, commit } of deleted) {
      const id = /(\d+)\.md$/.exec(path)![1]!;
      const { json } = await resolve(original(id));
      expect(json).toEqual({
        repo: 'gfw-breaker/mh-news',
        path,
        mirrorUrl: `https://github.com/gfw-breaker/mh-news/blob/${commit}/${path}`,
        commit,
      });
    }
  });

  it('resolves pages on the branch with a null commit, also when another folder deleted the id', async () => {
    expect((await resolve(original('403141'))).json).toMatchObject({
      path: 'pages/251/403141.md',
      commit: null,
    });
    expect((await resolve(original('407452'))).json).toMatchObject({
      path: 'pages/251/407452.md',
      commit: null,
    });
  });

  it('ships the same index as the snapshot in the build', () => {
    const read = (root: string) => {
      const manifest = parseManifest(readFileSync(join(root, 'manifest.json'), 'utf8'))!;
      const shards = manifest.shards.map((s) => {
        const shard = parseShard(readFileSync(join(root, s.file), 'utf8'))!;
        return { folders: shard.folders, commits: shard.commits, entries: shard.entries };
      });
      return { commit: manifest.commit, pages: manifest.pages, deleted: manifest.deleted, shards };
    };
    expect(read(SNAPSHOT)).toEqual(read(dir));
  });
});
