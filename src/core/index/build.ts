/**
 * Listing → index: every `pages/<folder>/<key>.md` on the branch with its blob SHA and size,
 * and every such page deleted from the branch with the last commit that had it. Shards get
 * the fewest (a power of two) that keeps each near `targetBytes` and every one under
 * MAX_SHARD_BYTES. The CLI, the workflow and the on-device build all run this.
 */
import { gitBlobSha } from './blob-sha';
import type { DeletedFile, ListedFile } from './listing';
import {
  INDEX_VERSION,
  MAX_SHARD_BYTES,
  PAGE_PATH,
  shardFile,
  fnv1a32,
  type IndexManifest,
  type Shard,
  type ShardEntry,
} from './shard';
import { SAFE_SEGMENT } from '../sources/safe-segment';

export interface BuildInput {
  repo: string;
  branch: string;
  commit: string | null;
  builtAt: string;
  files: readonly ListedFile[];
  /** With `sha`/`size` when known (a clone can say). */
  deleted?: readonly (DeletedFile & { sha?: string; size?: number })[];
  /** Aim for shards about this big (default 16 KB). */
  targetBytes?: number;
  /**
   * At least this many shards (a power of two): the count clients already know (the shipped
   * snapshot's, the last build's), so that their first guess of a shard's name stays right.
   */
  minShards?: number;
}

export interface BuiltIndex {
  manifest: IndexManifest;
  shards: { file: string; text: string }[];
}

interface Row {
  key: string;
  folder: string;
  sha: string;
  size: number;
  commit?: string;
  hash: number;
}

function pageOf(path: string): { folder: string; key: string } | null {
  const m = PAGE_PATH.exec(path);
  if (!m || !SAFE_SEGMENT.test(m[1] as string) || !SAFE_SEGMENT.test(m[2] as string)) return null;
  return { folder: m[1] as string, key: m[2] as string };
}

function rowsOf(input: BuildInput): { rows: Row[]; pages: number; deleted: number } {
  const rows: Row[] = [];
  const present = new Set<string>();
  for (const file of input.files) {
    const page = pageOf(file.path);
    if (!page || present.has(file.path)) continue;
    present.add(file.path);
    rows.push({ ...page, sha: file.sha, size: file.size, hash: fnv1a32(page.key) });
  }
  const pages = rows.length;
  const gone = new Set<string>();
  for (const file of input.deleted ?? []) {
    const page = pageOf(file.path);
    // A page deleted and added back is on the branch.
    if (!page || present.has(file.path) || gone.has(file.path)) continue;
    gone.add(file.path);
    rows.push({
      ...page,
      sha: file.sha ?? '',
      size: file.size ?? 0,
      commit: file.commit,
      hash: fnv1a32(page.key),
    });
  }
  rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.folder < b.folder ? -1 : 1));
  return { rows, pages, deleted: rows.length - pages };
}

function shardOf(input: BuildInput, count: number, n: number, rows: readonly Row[]): Shard {
  const folders: string[] = [];
  const commits: string[] = [];
  const folderIds = new Map<string, number>();
  const commitIds = new Map<string, number>();
  const id = (map: Map<string, number>, list: string[], value: string) => {
    let i = map.get(value);
    if (i === undefined) {
      i = list.push(value) - 1;
      map.set(value, i);
    }
    return i;
  };
  const entries = rows.map((row): ShardEntry => {
    const entry: ShardEntry = [row.key, id(folderIds, folders, row.folder), row.sha, row.size];
    if (row.commit) entry.push(id(commitIds, commits, row.commit));
    return entry;
  });
  return {
    v: INDEX_VERSION,
    repo: input.repo,
    commit: input.commit,
    builtAt: input.builtAt,
    count,
    shard: n,
    folders,
    commits,
    entries,
  };
}

function split(rows: readonly Row[], count: number): Row[][] {
  const groups: Row[][] = Array.from({ length: count }, () => []);
  for (const row of rows) (groups[row.hash & (count - 1)] as Row[]).push(row);
  return groups;
}

export async function buildIndex(input: BuildInput): Promise<BuiltIndex> {
  const target = Math.min(input.targetBytes ?? 16_384, MAX_SHARD_BYTES);
  const { rows, pages, deleted } = rowsOf(input);
  // Start from the count the total size suggests; double while a shard is too big.
  const perRow = 72;
  let count = 1;
  while (count < (input.minShards ?? 1) && count < 1 << 20) count *= 2;
  while (count < 1 << 20 && (rows.length * perRow) / count > target) count *= 2;
  for (;;) {
    const texts = split(rows, count).map((group, n) =>
      JSON.stringify(shardOf(input, count, n, group)),
    );
    const largest = Math.max(...texts.map((t) => new TextEncoder().encode(t).length));
    if (largest <= MAX_SHARD_BYTES || count >= 1 << 20) {
      const shards = texts.map((text, n) => ({ file: shardFile(count, n), text }));
      const refs = await Promise.all(
        shards.map(async ({ file, text }) => {
          const bytes = new TextEncoder().encode(text);
          return { file, sha: await gitBlobSha(bytes), size: bytes.length };
        }),
      );
      const manifest: IndexManifest = {
        v: INDEX_VERSION,
        repo: input.repo,
        branch: input.branch,
        commit: input.commit,
        builtAt: input.builtAt,
        hash: 'fnv1a32',
        pages,
        deleted,
        shards: refs,
      };
      return { manifest, shards };
    }
    count *= 2;
  }
}
