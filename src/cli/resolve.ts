/**
 * `cli resolve <url> --mirror <owner/name>=<dir> ...`: resolves an original (or mirror) URL
 * against local copies of mirror repositories with the extension's own strategies (cache,
 * the mirror's index pages, probing), and prints
 * `{"repo":"owner/name","path":"pages/…","mirrorUrl":"https://github.com/…/blob/…"}` (exit 0),
 * or the reason on stderr (exit 1). A repository not given is unreachable. Other tools read
 * this output: keep it stable.
 */
import { statSync } from 'node:fs';
import { createMemoryStore } from '../core/kv';
import { matchUrl } from '../core/match';
import { createMirrorClient } from '../core/mirror-client';
import { MirrorFetchError, MirrorNotFoundError, NotMirrorableError } from '../core/mirror-errors';
import { parseMirrorUrl } from '../core/mirror-url';
import { localMirrorFetch } from './local-mirror-fetch';
import { takeSourcesOption } from './sources-option';

const USAGE =
  'usage: cli resolve <url> --mirror <owner/name>=<dir> [--mirror ...] [--sources <file>]\n';
const REPO = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/;

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

function parseArgs(args: string[]): { url: string; mirrors: Map<string, string> } | string {
  const mirrors = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    let spec: string | undefined;
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
  return { url: positional[0] as string, mirrors };
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
  const match = matchUrl(url, sources);
  if (!match && !parseMirrorUrl(url, sources)) {
    io.stderr(`not mirrorable: ${url}\n`);
    return 1;
  }
  const needed = match ? match.source.mirrors.map((m) => `${m.owner}/${m.repo}`) : [];
  if (match && !needed.some((repo) => mirrors.has(repo.toLowerCase()))) {
    io.stderr(`no mirror given: ${match.source.id} is mirrored in ${needed.join(', ')}\n`);
    return 1;
  }
  const client = createMirrorClient({
    fetch: localMirrorFetch(mirrors),
    store: createMemoryStore(),
    sources,
  });
  try {
    const { location, mirrorUrl } = await client.resolve(url);
    io.stdout(
      `${JSON.stringify({ repo: `${location.owner}/${location.repo}`, path: location.path, mirrorUrl })}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof NotMirrorableError) io.stderr(`not mirrorable: ${url}\n`);
    else if (error instanceof MirrorNotFoundError) io.stderr(`not found: ${error.message}\n`);
    else if (error instanceof MirrorFetchError) io.stderr(`unreachable: ${error.message}\n`);
    else throw error;
    return 1;
  }
}

export const resolveCommand = (args: string[]): Promise<number> => runResolve(args);
