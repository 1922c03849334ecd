import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `cli match ...args` as a child process, the way other tools call it. */
function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      'node_modules/.bin/tsx',
      ['src/cli/main.ts', 'match', ...args],
      { cwd: root },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('cli match', () => {
  it('prints one line of JSON with the source and key, and exits 0', async () => {
    const run = await cli('https://www.epochtimes.com/gb/21/1/11/n12681566.htm');
    expect(run).toEqual({
      code: 0,
      stdout: '{"source":"epochtimes.com","key":"n12681566"}\n',
      stderr: '',
    });
  });

  it('gives the rfa key without its folder, and no other fields', async () => {
    const run = await cli(
      'https://www.rfa.org/mandarin/zhuanlan/butongdeshengyin/jkdv-05312019110343.html',
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ source: 'rfa.org', key: 'jkdv-05312019110343' });
  });

  it('exits 1 with the reason on stderr for a URL that is not mirrorable', async () => {
    const foreign = await cli('https://epochtimes.com.evil.example/gb/21/1/11/n12681566.htm');
    expect(foreign.code).toBe(1);
    expect(foreign.stdout).toBe('');
    expect(foreign.stderr).toMatch(/^not mirrorable: .*not a host of a known source\n$/);

    const notArticle = await cli('https://www.epochtimes.com/gb/tag/x.html');
    expect(notArticle.code).toBe(1);
    expect(notArticle.stderr).toMatch(/not an article path/);
  });

  it('exits 2 with usage when the URL is missing or extra arguments are given', async () => {
    const missing = await cli();
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/usage: cli match <url>/);
    expect((await cli('a', 'b')).code).toBe(2);
  });
});
