import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { packageRelease } from '../../scripts/package';

let root: string;

function put(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** A checkout with package.json at `version`, both builds at `built`, and one source file. */
function checkout(version: string, built = version): void {
  root = mkdtempSync(join(tmpdir(), 'mirror-reader-package-'));
  put('package.json', JSON.stringify({ version }));
  put('src/main.ts', 'export {};\n');
  put('dist/manifest.json', JSON.stringify({ version: built }));
  put('dist/assets/a.js', 'chrome');
  put('dist-firefox/manifest.json', JSON.stringify({ version: built }));
  put('dist-firefox/assets/a.js', 'firefox');
  execFileSync('git', ['init', '-q'], { cwd: root });
  execFileSync('git', ['add', 'package.json', 'src'], { cwd: root });
}

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('npm run package', () => {
  it('writes a zip per store and a source zip, named with the package version', () => {
    checkout('1.2.3');
    const written = packageRelease(root);
    expect(written.map((w) => basename(w.file))).toEqual([
      'mirror-reader-chrome-1.2.3.zip',
      'mirror-reader-firefox-1.2.3.zip',
      'mirror-reader-source-1.2.3.zip',
    ]);
    const entries = written.map((w) => unzipSync(readFileSync(w.file)));
    expect(Object.keys(entries[0]!)).toEqual(['assets/a.js', 'manifest.json']);
    expect(new TextDecoder().decode(entries[1]!['assets/a.js'])).toBe('firefox');
    // Only what git tracks: no build output in the source archive.
    expect(Object.keys(entries[2]!).sort()).toEqual(['package.json', 'src/main.ts']);
    expect(written.every((w) => w.bytes === readFileSync(w.file).byteLength)).toBe(true);
  });

  it('writes the same bytes twice', () => {
    checkout('1.2.3');
    const first = packageRelease(root).map((w) => readFileSync(w.file));
    const second = packageRelease(root).map((w) => readFileSync(w.file));
    expect(second).toEqual(first);
  });

  it('refuses a build whose version is not the package version', () => {
    checkout('1.2.4', '1.2.3');
    expect(() => packageRelease(root)).toThrow(/dist is version 1.2.3, package.json says 1.2.4/);
  });
});
