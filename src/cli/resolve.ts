/**
 * `cli resolve <url> [--index <dir> ...] [--mirror <owner/name>=<dir> ...]`: resolves an
 * original (or mirror) URL with the extension's own strategies — built repository indexes
 * (`cli index build`; no copy of the pages needed), then local copies of mirror repositories
 * (the mirror's index pages, probing) — and prints
 * `{"repo":"owner/name","path":"pages/…","mirrorUrl":"https://github.com/…/blob/…","commit":null}`
 * (exit 0): `commit` is the last commit that had a page deleted from the branch, and
 * `mirrorUrl` is then pinned to it. Else the reason on stderr (exit 1). A repository not
 * given is unreachable. Other tools read this output: keep it stable.
 */
import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IndexFileReader } from '../core/index/index-view';
import { parseManifest } from '../core/index/shard';
import { processIo, type Io } from './io';
import { createMemoryStore } from '../core/cache/kv';
import { matchUrl } from '../core/match/match';
import { createMirrorClient } from '../core/mirror-client';
import {
  MirrorFetchError,
  MirrorNotFoundError,
  NotMirrorableError,
} from '../core/fetch/mirror-errors';
import { parseMirrorUrl } from '../core/match/mirror-url';
import { localMirrorFetch } from './local-mirror-fetch';
import { takeSourcesOption } from './sources-option';

const USAGE =
  'usage: cli resolve <url> [--index <dir> ...] [--mirror <owner/name>=<dir> ...] [--sources <file>] (--index or --mirror at least once)\n';
const REPO = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/;

interface Parsed {
  url: string;
  mirrors: Map<string, string>;
  /** owner/name (lowercase) → folder of a built index. */
  indexes: Map<string, string>;
}

/** The repository a built index in `dir` covers, or an error. */
function indexRepo(dir: string): string {
  let manifest;
  try {
    manifest = parseManifest(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  } catch {
    manifest = null;
  }
  if (!manifest) throw new Error(`--index: ${dir} holds no index manifest (cli index build)`);
  return manifest.repo.toLowerCase();
}

function parseArgs(args: string[]): Parsed | string {
  const mirrors = new Map<string, string>();
  const indexes = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    let spec: string | undefined;
    if (arg === '--index' || arg.startsWith('--index=')) {
      const dir = arg === '--index' ? args[++i] : arg.slice('--index='.length);
      if (!dir || !isDirectory(dir)) return `--index: ${dir ?? ''} is not a directory`;
      indexes.set(dir, dir);
      continue;
    }
    if (arg === '--mirror') spec = args[++i];
    else if (arg.startsWith('--mirror=')) spec = arg.slice('--mirror='.length);
    else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else {
      positional.push(arg);
      continue;
    }
    const eq = spec?.indexOf('=') ?? -1;
    if (spec === undefined || eq < 0) return '--mirror needs <owner/name>=<dir>';
    const repo = spec.slice(0, eq);
    const dir = spec.slice(eq + 1);
    if (!REPO.test(repo)) return `--mirror: ${repo} is not owner/name`;
    if (!isDirectory(dir)) return `--mirror: ${dir} is not a directory`;
    mirrors.set(repo.toLowerCase(), dir);
  }
  if (positional.length !== 1) return 'one URL expected';
  if (mirrors.size === 0 && indexes.size === 0) return 'give --index or --mirror';
  return { url: positional[0] as string, mirrors, indexes };
}

/** A built index's files in a local folder. */
function folderReader(dir: string | undefined): IndexFileReader | null {
  if (dir === undefined) return null;
  return (file) => readFile(join(dir, file), 'utf8').catch(() => null);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export async function runResolve(argv: string[], io: Io = processIo): Promise<number> {
  const option = await takeSourcesOption(argv);
  if (!option.ok) {
    io.stderr(`${option.message}\n${option.exit === 2 ? USAGE : ''}`);
    return option.exit;
  }
  const { sources } = option;
  const parsed = parseArgs(option.args);
  if (typeof parsed === 'string') {
    io.stderr(`${parsed}\n${USAGE}`);
    return 2;
  }
  const { url, mirrors } = parsed;
  const indexes = new Map<string, string>();
  try {
    for (const dir of parsed.indexes.keys()) indexes.set(indexRepo(dir), dir);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n`);
    return 1;
  }
  const match = matchUrl(url, sources);
  if (!match && !parseMirrorUrl(url, sources)) {
    io.stderr(`not mirrorable: ${url}\n`);
    return 1;
  }
  const needed = match ? match.source.mirrors.map((m) => `${m.owner}/${m.repo}`) : [];
  const given = (repo: string) =>
    mirrors.has(repo.toLowerCase()) || indexes.has(repo.toLowerCase());
  if (match && !needed.some(given)) {
    io.stderr(`no mirror given: ${match.source.id} is mirrored in ${needed.join(', ')}\n`);
    return 1;
  }
  const client = createMirrorClient({
    fetch: localMirrorFetch(mirrors),
    store: createMemoryStore(),
    sources,
    index: { snapshot: (repo) => folderReader(indexes.get(repo)) },
  });
  try {
    const { location, mirrorUrl, commit } = await client.resolve(url);
    const repo = `${location.owner}/${location.repo}`;
    // With --index the output names the commit; without, it keeps its earlier three fields.
    const out =
      parsed.indexes.size > 0
        ? { repo, path: location.path, mirrorUrl, commit: commit ?? null }
        : { repo, path: location.path, mirrorUrl };
    io.stdout(`${JSON.stringify(out)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof NotMirrorableError) io.stderr(`not mirrorable: ${url}\n`);
    else if (error instanceof MirrorNotFoundError) io.stderr(`not found: ${error.message}\n`);
    else if (error instanceof MirrorFetchError && mirrors.size === 0 && match) {
      io.stderr(`not found: ${match.key} is in no index given\n`);
    } else if (error instanceof MirrorFetchError) io.stderr(`unreachable: ${error.message}\n`);
    else throw error;
    return 1;
  }
}

export const resolveCommand = (args: string[]): Promise<number> => runResolve(args);
