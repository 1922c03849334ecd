/**
 * `cli index build --repo <owner/name> (--tree <file> | --clone <dir>) [--deleted <file>]
 * --out <dir> [--branch <name>] [--commit <sha>]`: writes `<out>/manifest.json` and
 * `<out>/shards/*.json` (see src/core/index/shard.ts) and prints a summary
 * `{"repo","commit","pages","deleted","shards","bytes","largestShard","skipped"}`.
 * `--tree` takes `git ls-tree -r -l` output or git-trees API JSON (one answer, an array of
 * answers, or answers one after another: the per-folder form of a truncated tree).
 * `--deleted` takes `path \t deleted_in \t last_commit` rows (../shared/listings) or
 * `git log --diff-filter=D --name-only --format='commit %H %P'` output. Exit 0 ok, 1 failure,
 * 2 usage error. An index already at --out keeps its shard count (clients guess shard names
 * from the count they know) unless the shards would outgrow the cap.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { buildIndex } from '../core/index/build';
import { parseManifest } from '../core/index/shard';
import {
  parseDeletedTsv,
  parseDeletionLog,
  parseLsTree,
  parseTrees,
  splitJsonAnswers,
  type DeletedFile,
  type ListedFile,
  type Parsed,
} from '../core/index/listing';
import type { Io } from './io';

const USAGE =
  'usage: cli index build --repo <owner/name> (--tree <file> | --clone <dir>) [--deleted <file>] --out <dir> [--branch <name>] [--commit <sha>]\n';
const REPO = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/;
const SHA = /^[0-9a-f]{40}$/;
const OPTIONS = ['repo', 'tree', 'clone', 'deleted', 'out', 'branch', 'commit'] as const;
type Options = Partial<Record<(typeof OPTIONS)[number], string>>;

function parseArgs(args: string[]): Options | string {
  const options: Options = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const eq = arg.indexOf('=');
    const name = (eq > 0 ? arg.slice(2, eq) : arg.slice(2)) as (typeof OPTIONS)[number];
    if (!arg.startsWith('--') || !OPTIONS.includes(name)) return `unknown argument ${arg}`;
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === '') return `--${name} needs a value`;
    if (options[name] !== undefined) return `--${name} given twice`;
    options[name] = value;
  }
  if (!options.repo || !REPO.test(options.repo)) return '--repo <owner/name> is required';
  if (!options.out) return '--out <dir> is required';
  if ((options.tree === undefined) === (options.clone === undefined))
    return 'give one of --tree <file> or --clone <dir>';
  if (options.commit !== undefined && !SHA.test(options.commit))
    return '--commit must be 40 hex digits';
  return options;
}

function git(dir: string, args: string[], input?: string): string {
  return execFileSync('git', ['-C', dir, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    ...(input === undefined ? {} : { input }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

function readTree(file: string): Parsed<ListedFile> & { incomplete?: string[] } {
  const text = readFileSync(file, 'utf8');
  if (/^\s*[[{]/.test(text)) {
    const answers = splitJsonAnswers(text);
    if (!answers) throw new Error(`${file}: neither ls-tree output nor git-trees JSON`);
    return parseTrees(answers);
  }
  return parseLsTree(text);
}

function readDeleted(file: string): Parsed<DeletedFile> {
  const text = readFileSync(file, 'utf8');
  return /^commit [0-9a-f]{40}/m.test(text) ? parseDeletionLog(text) : parseDeletedTsv(text);
}

/** The sibling `<name>.HEAD` of `<name>.ls-tree.txt` (../shared/listings), when present. */
function siblingHead(treeFile: string): string | null {
  const head = join(dirname(treeFile), `${treeFile.split('/').at(-1)?.split('.')[0]}.HEAD`);
  if (!existsSync(head)) return null;
  const sha = readFileSync(head, 'utf8').trim();
  return SHA.test(sha) ? sha : null;
}

/** A clone's branch listing, deletions (with their last blob ids) and commit. */
function readClone(dir: string, deletedFile: string | undefined) {
  const files = parseLsTree(git(dir, ['ls-tree', '-r', '-l', 'HEAD']));
  const deleted = deletedFile
    ? readDeleted(deletedFile)
    : parseDeletionLog(
        git(dir, ['log', '--diff-filter=D', '--name-only', '--format=commit %H %P', '--', 'pages']),
      );
  const pages = deleted.items.filter((d) => d.path.endsWith('.md'));
  const blobs = pages.length
    ? git(
        dir,
        ['cat-file', '--batch-check'],
        pages.map((d) => `${d.commit}:${d.path}`).join('\n') + '\n',
      )
    : '';
  const known = blobs.split('\n').map((line) => /^([0-9a-f]{40}) blob (\d+)$/.exec(line));
  const withBlobs = pages.map((d, i) => {
    const m = known[i];
    return m ? { ...d, sha: m[1] as string, size: Number(m[2]) } : d;
  });
  let branch = 'master';
  try {
    branch = git(dir, ['symbolic-ref', '--short', 'HEAD']).trim() || branch;
  } catch {
    // A detached clone: the mirror's usual branch.
  }
  return {
    files,
    deleted: { ...deleted, items: withBlobs },
    commit: git(dir, ['rev-parse', 'HEAD']).trim(),
    branch,
  };
}

/** Writes the index, leaving no shard of an earlier build behind. */
function writeIndex(out: string, built: Awaited<ReturnType<typeof buildIndex>>): void {
  mkdirSync(join(out, 'shards'), { recursive: true });
  const keep = new Set(built.shards.map((s) => s.file));
  for (const name of readdirSync(join(out, 'shards'))) {
    if (/^\d+-\d+\.json$/.test(name) && !keep.has(`shards/${name}`))
      rmSync(join(out, 'shards', name));
  }
  for (const shard of built.shards) writeFileSync(join(out, shard.file), shard.text);
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(built.manifest, null, 1)}\n`);
}

export async function runIndexBuild(args: string[], io: Io): Promise<number> {
  const options = parseArgs(args);
  if (typeof options === 'string') {
    io.stderr(`${options}\n${USAGE}`);
    return 2;
  }
  const { repo, tree, clone, out } = options as Required<Pick<Options, 'repo' | 'out'>> & Options;
  try {
    if (clone !== undefined && !statSync(clone).isDirectory())
      throw new Error(`${clone} is not a directory`);
    const input =
      clone !== undefined
        ? readClone(clone, options.deleted)
        : {
            files: readTree(tree as string),
            deleted: options.deleted ? readDeleted(options.deleted) : undefined,
            commit: siblingHead(tree as string),
            branch: 'master',
          };
    // Keep the shard count of the index already at --out (clients guess names from it).
    const previous = existsSync(join(out, 'manifest.json'))
      ? parseManifest(readFileSync(join(out, 'manifest.json'), 'utf8'))
      : null;
    const built = await buildIndex({
      ...(previous?.repo === repo ? { minShards: previous.shards.length } : {}),
      repo,
      branch: options.branch ?? input.branch,
      commit: options.commit ?? input.commit,
      builtAt: new Date().toISOString(),
      files: input.files.items,
      deleted: input.deleted?.items ?? [],
    });
    writeIndex(out, built);
    const sizes = built.manifest.shards.map((s) => s.size);
    const skipped = input.files.skipped + (input.deleted?.skipped ?? 0);
    for (const problem of [...input.files.problems, ...(input.deleted?.problems ?? [])]) {
      io.stderr(`skipped: ${problem}\n`);
    }
    const incomplete = (input.files as { incomplete?: string[] }).incomplete ?? [];
    if (incomplete.length) io.stderr(`incomplete: no listing for ${incomplete.join(', ')}\n`);
    io.stdout(
      `${JSON.stringify({
        repo,
        commit: built.manifest.commit,
        pages: built.manifest.pages,
        deleted: built.manifest.deleted,
        shards: sizes.length,
        bytes: sizes.reduce((a, b) => a + b, 0),
        largestShard: Math.max(...sizes),
        skipped,
      })}\n`,
    );
    return 0;
  } catch (error) {
    io.stderr(`index build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
