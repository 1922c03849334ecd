/**
 * `cli extract <file.md>` as other tools run it: one JSON line with its keys in a fixed order,
 * exit 1 with `<code>: <message>` for what is no article, exit 2 on a usage error.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = join(root, 'tests/fixtures/pages');
const scratch = mkdtempSync(join(tmpdir(), 'cli-extract-'));

// Each run starts tsx and loads jsdom: seconds on a busy machine.
interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      join(root, 'node_modules/.bin/tsx'),
      ['src/cli/main.ts', 'extract', ...args],
      { cwd: root, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('cli extract', () => {
  it('prints one JSON line with the contract`s keys in order, and exits 0', async () => {
    const [secretchina, noHero] = await Promise.all([
      cli(join(fixtures, 'secretchina.md')),
      cli(join(fixtures, 'no-hero.md')),
    ]);
    expect(secretchina.code).toBe(0);
    expect(secretchina.stderr).toBe('');
    expect(secretchina.stdout.endsWith('\n')).toBe(true);
    expect(secretchina.stdout.trimEnd().includes('\n')).toBe(false);
    const article = JSON.parse(secretchina.stdout) as Record<string, unknown>;
    expect(Object.keys(article)).toEqual([
      'title',
      'source',
      'published',
      'hero',
      'bodyHtml',
      'originalUrl',
      'mirrorUrl',
    ]);
    expect(Object.keys(article.hero as object)).toEqual(['src', 'alt', 'caption']);
    expect(article).toMatchObject({
      title: '示例：菜价上涨 市民叫苦(图)',
      source: 'secretchina.com',
      published: '2022-04-15',
      originalUrl: 'https://www.secretchina.com/news/gb/2022/04/15/1000105.html',
      mirrorUrl: 'https://github.com/begood0513/goodnews/blob/master/pages/p1/1000105.md',
    });
    expect(article.bodyHtml).toMatch(/^<p>【看中国2022年4月15日讯】/);
    expect(JSON.parse(noHero.stdout)).toMatchObject({ hero: null, title: '示例：没有配图的文章' });
  }, 60_000);

  it('exits 1 with the typed error on stderr for an empty, binary or unreadable file', async () => {
    const empty = join(scratch, 'empty.md');
    const binary = join(scratch, 'binary.md');
    writeFileSync(empty, '  \n');
    writeFileSync(
      binary,
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    );
    const runs = await Promise.all([cli(empty), cli(binary), cli(join(scratch, 'absent.md'))]);
    expect(runs.map((r) => r.code)).toEqual([1, 1, 1]);
    expect(runs.map((r) => r.stdout)).toEqual(['', '', '']);
    expect(runs[0]?.stderr).toMatch(/^empty: .+\n$/);
    expect(runs[1]?.stderr).toMatch(/^binary: .+\n$/);
    expect(runs[2]?.stderr).toMatch(/^unreadable: cannot read .*absent\.md: ENOENT\n$/);
  }, 60_000);

  it('exits 2 with its usage when the file is missing or extra arguments come', async () => {
    const runs = await Promise.all([cli(), cli('a.md', 'b.md')]);
    expect(runs.map((r) => r.code)).toEqual([2, 2]);
    for (const run of runs) expect(run.stderr).toMatch(/^usage: cli extract <file\.md>/);
  }, 60_000);
});
