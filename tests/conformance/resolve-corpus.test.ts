/**
 * Every original in the corpus MANIFEST.tsv files resolves to its mirror path through the
 * `resolve` command, against the local copies of both mirrors, with the extension's own
 * strategies (index pages, probing) and no directory listing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runResolve } from '../../src/cli/resolve';

const CORPUS = '../shared/corpus';
const MIRRORS: Record<string, string> = {
  goodnews: 'begood0513/goodnews',
  'mh-news': 'gfw-breaker/mh-news',
};
const mirrorArgs = Object.entries(MIRRORS).flatMap(([dir, repo]) => [
  '--mirror',
  `${repo}=${join(CORPUS, dir)}`,
]);

function manifest(): { repo: string; path: string; url: string }[] {
  return Object.entries(MIRRORS).flatMap(([dir, repo]) =>
    readFileSync(join(CORPUS, dir, 'MANIFEST.tsv'), 'utf8')
      .split('\n')
      .slice(1)
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const [path = '', , url = ''] = line.split('\t');
        return { repo, path, url };
      }),
  );
}

describe.runIf(existsSync(CORPUS))('resolve over the corpus', () => {
  const entries = existsSync(CORPUS) ? manifest() : [];

  it('has originals to check', () => {
    expect(entries.length).toBeGreaterThan(40);
  });

  it.each(entries)('$url → $repo $path', async ({ repo, path, url }) => {
    let stdout = '';
    let stderr = '';
    const code = await runResolve([url, ...mirrorArgs], {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
    });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const [owner, name] = repo.split('/');
    expect(stdout).toBe(
      `${JSON.stringify({ repo, path, mirrorUrl: `https://github.com/${owner}/${name}/blob/master/${path}` })}\n`,
    );
  });

  it('keeps the command-line contract: one JSON line on stdout, exit 0', () => {
    const entry = entries.find((e) => e.path.startsWith('pages/nf'));
    if (!entry) throw new Error('the corpus has no nf* page');
    const result = spawnSync(
      'npx',
      ['tsx', 'src/cli/main.ts', 'resolve', entry.url, ...mirrorArgs],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      repo: entry.repo,
      path: entry.path,
      mirrorUrl: `https://github.com/${entry.repo}/blob/master/${entry.path}`,
    });
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
  });
});
