/**
 * The index's files. A key's shard is `fnv1a32(key) mod count` (count a power of two), so a
 * client that knows the count fetches `shards/<count>-<n>.json` straight away. A shard lists
 * its entries sorted by key: `[key, folder#, sha, size]` on the branch, plus `, commit#` for
 * a page deleted from it (its last commit; sha "" and size 0 when unknown). Each shard
 * repeats the build's commit and time, so a shard fetched alone says how new it is.
 * Everything read here is untrusted: bad parts parse to null or miss, never throw.
 */
import { SAFE_SEGMENT } from '../sources/safe-segment';

export const INDEX_VERSION = 1;
/** One lookup reads one shard of at most this many bytes. */
export const MAX_SHARD_BYTES = 65_536;
/** Pages are `pages/<folder>/<key>.md` in every mirror the index covers. */
export const PAGE_PATH = /^pages\/([^/]+)\/([^/]+)\.md$/;

export type ShardEntry = [key: string, folder: number, sha: string, size: number, commit?: number];

export interface Shard {
  v: 1;
  repo: string;
  commit: string | null;
  builtAt: string;
  count: number;
  shard: number;
  folders: string[];
  commits: string[];
  entries: ShardEntry[];
}

export interface ShardRef {
  file: string;
  /** git blob SHA-1 of the file: fetched shards are checked like pages. */
  sha: string;
  size: number;
}

export interface IndexManifest {
  v: 1;
  repo: string;
  branch: string;
  /** The mirror's commit the listing was taken at, when known. */
  commit: string | null;
  builtAt: string;
  hash: 'fnv1a32';
  pages: number;
  deleted: number;
  shards: ShardRef[];
}

/** Where a key is: on the branch (no commit), or only in `commit`, its last version. */
export interface IndexHit {
  key: string;
  folder: string;
  path: string;
  /** Empty when unknown (some deleted pages). */
  sha: string;
  size: number;
  commit?: string;
}

export function fnv1a32(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function shardNumber(key: string, count: number): number {
  return fnv1a32(key) & (count - 1);
}

export function shardFile(count: number, shard: number): string {
  return `shards/${count}-${shard}.json`;
}

const SHA = /^[0-9a-f]{40}$/;
const REPO = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/;

function isPowerOfTwo(n: unknown): n is number {
  return (
    Number.isInteger(n) &&
    (n as number) >= 1 &&
    (n as number) <= 1 << 20 &&
    ((n as number) & ((n as number) - 1)) === 0
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A shard's text → the shard, or null when it is not one. Entries are checked on lookup. */
export function parseShard(text: string): Shard | null {
  if (text.length > MAX_SHARD_BYTES * 2) return null;
  const value = parseJson(text);
  if (!isRecord(value) || value.v !== INDEX_VERSION) return null;
  const { repo, commit, builtAt, count, shard, folders, commits, entries } = value;
  if (typeof repo !== 'string' || !REPO.test(repo)) return null;
  if (commit !== null && !(typeof commit === 'string' && SHA.test(commit))) return null;
  if (typeof builtAt !== 'string' || Number.isNaN(Date.parse(builtAt))) return null;
  if (!isPowerOfTwo(count) || !Number.isInteger(shard) || (shard as number) >= count) return null;
  if (
    !Array.isArray(folders) ||
    !folders.every((f) => typeof f === 'string' && SAFE_SEGMENT.test(f))
  )
    return null;
  if (!Array.isArray(commits) || !commits.every((c) => typeof c === 'string' && SHA.test(c)))
    return null;
  if (!Array.isArray(entries)) return null;
  const parsed = value as unknown as Shard;
  keyMap(parsed);
  return parsed;
}

function hitOf(shard: Shard, entry: unknown): IndexHit | null {
  if (!Array.isArray(entry) || entry.length < 4 || entry.length > 5) return null;
  const [key, f, sha, size, c] = entry as unknown[];
  const folder = typeof f === 'number' ? shard.folders[f] : undefined;
  if (typeof key !== 'string' || !SAFE_SEGMENT.test(key) || folder === undefined) return null;
  if (typeof sha !== 'string' || (sha !== '' && !SHA.test(sha))) return null;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return null;
  const commit = c === undefined ? undefined : typeof c === 'number' ? shard.commits[c] : null;
  if (commit === null || (c !== undefined && commit === undefined)) return null;
  return {
    key,
    folder,
    path: `pages/${folder}/${key}.md`,
    sha,
    size,
    ...(commit ? { commit } : {}),
  };
}

/** Per parsed shard: key → its checked entries, built on first lookup (lookups stay O(1)). */
const byKey = new WeakMap<Shard, Map<string, IndexHit[]>>();

function keyMap(shard: Shard): Map<string, IndexHit[]> {
  let map = byKey.get(shard);
  if (map) return map;
  map = new Map();
  for (const entry of shard.entries as unknown[]) {
    const hit = hitOf(shard, entry);
    if (!hit) continue;
    const hits = map.get(hit.key);
    if (!hits) map.set(hit.key, [hit]);
    // Pages on the branch first.
    else if (hit.commit) hits.push(hit);
    else hits.unshift(hit);
  }
  byKey.set(shard, map);
  return map;
}

/** Every entry of `key` in the shard (one per folder), pages on the branch first. */
export function lookupShard(shard: Shard, key: string): IndexHit[] {
  return keyMap(shard).get(key) ?? [];
}

/** A manifest's text → the manifest, or null when it is not one. */
export function parseManifest(text: string): IndexManifest | null {
  const value = parseJson(text);
  if (!isRecord(value) || value.v !== INDEX_VERSION || value.hash !== 'fnv1a32') return null;
  const { repo, branch, commit, builtAt, pages, deleted, shards } = value;
  if (typeof repo !== 'string' || !REPO.test(repo)) return null;
  if (typeof branch !== 'string' || !/^[A-Za-z0-9._/-]{1,255}$/.test(branch)) return null;
  if (commit !== null && !(typeof commit === 'string' && SHA.test(commit))) return null;
  if (typeof builtAt !== 'string' || Number.isNaN(Date.parse(builtAt))) return null;
  if (!Number.isSafeInteger(pages) || !Number.isSafeInteger(deleted)) return null;
  if (!Array.isArray(shards) || !isPowerOfTwo(shards.length)) return null;
  const count = shards.length;
  const ok = shards.every(
    (s: unknown, i) =>
      isRecord(s) &&
      s.file === shardFile(count, i) &&
      typeof s.sha === 'string' &&
      SHA.test(s.sha) &&
      Number.isSafeInteger(s.size) &&
      (s.size as number) <= MAX_SHARD_BYTES,
  );
  return ok ? (value as unknown as IndexManifest) : null;
}
