import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { matchUrl } from '../../src/core/match/match';
import { parseMirrorUrl } from '../../src/core/match/mirror-url';
import { builtinSources } from '../../src/core/sources/builtin';

const root = fileURLToPath(new URL('../../', import.meta.url));
const corpus = join(root, '../shared/corpus');

interface Row {
  repo: string;
  path: string;
  site: string;
  originalUrl: string;
}

function manifests(): Row[] {
  return readdirSync(corpus).flatMap((repo) => {
    const file = join(corpus, repo, 'MANIFEST.tsv');
    if (!existsSync(file)) return [];
    const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
    expect(header?.split('\t').slice(0, 3)).toEqual(['path', 'site', 'original_url']);
    return lines.map((line) => {
      const [path = '', site = '', originalUrl = ''] = line.split('\t');
      return { repo, path, site, originalUrl };
    });
  });
}

/** Every mirror page in the corpus, as [repository folder, path]. */
function pages(): [string, string][] {
  return readdirSync(corpus).flatMap((repo) => {
    const dir = join(corpus, repo, 'pages');
    if (!existsSync(dir)) return [];
    return readdirSync(dir).flatMap((folder) =>
      readdirSync(join(dir, folder))
        .filter((f) => f.endsWith('.md'))
        .map((f): [string, string] => [repo, `pages/${folder}/${f}`]),
    );
  });
}

describe.runIf(existsSync(corpus))('match over the corpus', () => {
  const rows = manifests();

  it('reads the manifests', () => {
    expect(rows.length).toBeGreaterThan(0);
  });

  it.each(rows.map((r) => [r.originalUrl, r] as const))('%s', (_, row) => {
    const [, folder, file] = row.path.split('/');
    const found = matchUrl(row.originalUrl);
    expect(found?.source.id).toBe(row.site);
    expect(found?.key).toBe(file?.replace(/\.md$/, ''));
    const mirror = found?.source.mirrors.find((m) => m.repo.toLowerCase().endsWith(row.repo));
    expect(mirror, `${row.site} lists a mirror in ${row.repo}`).toBeDefined();
    // The page's folder is in the URL (template) or among the folders to probe (lookup).
    if (mirror?.path.kind === 'lookup') expect(mirror.path.folders).toContain(folder);
    else expect(found?.folder).toBe(folder);
  });

  it('matches every 原文地址 line of every page to that page', () => {
    const problems: string[] = [];
    const all = pages();
    for (const [repo, path] of all) {
      const text = readFileSync(join(corpus, repo, path), 'utf8');
      const line = /原文地址[^：:]*[：:]\s*(\S+?)(?:<|\s|$)/.exec(text);
      if (!line?.[1]) {
        problems.push(`${repo}/${path}: no 原文地址 line`);
        continue;
      }
      const found = matchUrl(line[1]);
      const key = path.split('/').pop()!.replace(/\.md$/, '');
      if (found?.key !== key) problems.push(`${repo}/${path}: ${line[1]} → ${found?.key}`);
    }
    expect(problems).toEqual([]);
    expect(all.length).toBeGreaterThan(0);
  });

  it('parses every mirror link of a known repository in the pages to its own path', () => {
    // Current repository names and their former names (old pages link to those).
    const known = new Set(
      builtinSources
        .flatMap((s) =>
          s.mirrors.flatMap((m) => [`${m.owner}/${m.repo}`, ...(m.formerNames ?? [])]),
        )
        .map((name) => name.toLowerCase()),
    );
    let checked = 0;
    for (const [repo, path] of pages()) {
      const text = readFileSync(join(corpus, repo, path), 'utf8');
      const links = text.match(
        /https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/blob\/[\w.-]+\/pages\/[\w-]+\/[\w-]+\.md(?![.\w])/g,
      );
      for (const link of links ?? []) {
        const [owner, name] = link.split('/').slice(3, 5);
        const location = parseMirrorUrl(link);
        if (!known.has(`${owner}/${name}`.toLowerCase())) {
          expect(location, link).toBeNull();
          continue;
        }
        expect(location?.path, link).toBe(link.slice(link.indexOf('/pages/') + 1));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
