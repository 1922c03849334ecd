/**
 * `npm run package` (after `npm run build`): the store uploads, in release/
 *   mirror-reader-chrome-<version>.zip    dist/, for the Chrome Web Store
 *   mirror-reader-firefox-<version>.zip   dist-firefox/, for addons.mozilla.org
 *   mirror-reader-source-<version>.zip    the tracked sources: the build minifies, and
 *                                         addons.mozilla.org reviews the code it came from
 * The version is package.json's; a build whose manifest says otherwise is refused.
 * Zips are reproducible: sorted entries, one fixed timestamp.
 * Exit 0 and one line per zip (name and bytes) on stdout; 1 with the reason on stderr.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { OUT_DIRS, STORE_NAMES, TARGETS } from './targets.ts';

/** Every entry's date: zip's own epoch is 1980, and a fixed one keeps the bytes stable. */
const ZIP_DATE = new Date('2026-01-01T00:00:00Z');

export interface Packaged {
  file: string;
  bytes: number;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(dir, path)).isFile())
    .map((path) => path.split(sep).join('/'))
    .sort();
}

function zip(root: string, paths: readonly string[]): Uint8Array {
  const entries: Zippable = {};
  for (const path of [...paths].sort()) {
    entries[path] = [readFileSync(join(root, path)), { mtime: ZIP_DATE }];
  }
  return zipSync(entries, { level: 9 });
}

/** The files git tracks (the source archive): what a reviewer needs to rebuild, nothing local. */
export function trackedFiles(root: string): string[] {
  try {
    const out = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' });
    return out.split('\0').filter((path) => path && statSync(join(root, path)).isFile());
  } catch {
    throw new Error(`${root} is not a git checkout: the source archive lists the tracked files`);
  }
}

/** Writes the three zips for the builds under `root` into `outDir`. */
export function packageRelease(root: string, outDir = join(root, 'release')): Packaged[] {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    version: string;
  };
  mkdirSync(outDir, { recursive: true });
  const written: Packaged[] = [];
  const write = (name: string, data: Uint8Array) => {
    const file = join(outDir, name);
    writeFileSync(file, data);
    written.push({ file, bytes: data.byteLength });
  };
  for (const target of TARGETS) {
    const dir = join(root, OUT_DIRS[target]);
    let built: { version?: string };
    try {
      built = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as typeof built;
    } catch {
      throw new Error(`${relative(root, dir)}/manifest.json is missing: run "npm run build" first`);
    }
    if (built.version !== version) {
      throw new Error(
        `${relative(root, dir)} is version ${String(built.version)}, package.json says ` +
          `${version}: run "npm run build" again`,
      );
    }
    write(`mirror-reader-${STORE_NAMES[target]}-${version}.zip`, zip(dir, filesUnder(dir)));
  }
  write(`mirror-reader-source-${version}.zip`, zip(root, trackedFiles(root)));
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const root = resolve(import.meta.dirname, '..');
    for (const { file, bytes } of packageRelease(root)) {
      console.log(`${relative(root, file)}\t${bytes}`);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
