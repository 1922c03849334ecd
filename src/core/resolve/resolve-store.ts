/**
 * What the resolver remembers in its store: key → location found (or a recent miss), and per
 * mirror which folders answered (hits) and which ids were found in each (finds), which rank
 * the folders of the next search.
 */
import type { KeyValueStore } from '../cache/kv';
import type { Match, Mirror, MirrorLocation } from '../sources/types';
import type { PageBlob } from './types';

export type CacheEntry =
  { location: MirrorLocation; blob?: PageBlob; commit?: string } | { missUntil: number };

export function resolveKey(sourceId: string, key: string): string {
  return `resolve:${sourceId}:${key}`;
}

function hitsKey(sourceId: string, mirror: Mirror): string {
  return `hits:${sourceId}:${mirror.owner}/${mirror.repo}`;
}

/** Ids of this source found in each folder of a mirror, the latest last. */
function findsKey(sourceId: string, mirror: Mirror): string {
  return `finds:${sourceId}:${mirror.owner}/${mirror.repo}`;
}

/** Enough to know which stretch of ids each folder holds; bounds the stored record. */
const FINDS_PER_FOLDER = 200;

export interface FolderHistory {
  /** Articles found per folder. */
  hits: Record<string, number>;
  /** Ids found per folder, the latest last. */
  finds: Record<string, string[]>;
}

export async function folderHistory(
  store: KeyValueStore,
  sourceId: string,
  mirror: Mirror,
): Promise<FolderHistory> {
  return {
    hits: (await store.get<Record<string, number>>(hitsKey(sourceId, mirror))) ?? {},
    finds: (await store.get<Record<string, string[]>>(findsKey(sourceId, mirror))) ?? {},
  };
}

/** Counts a find in the folder of `path`. */
export async function countHit(
  store: KeyValueStore,
  match: Match,
  mirror: Mirror,
  path: string,
): Promise<void> {
  const folder = path.split('/').at(-2);
  if (!folder) return;
  const { hits, finds } = await folderHistory(store, match.source.id, mirror);
  hits[folder] = (hits[folder] ?? 0) + 1;
  await store.set(hitsKey(match.source.id, mirror), hits);
  const ids = (finds[folder] ?? []).filter((id) => id !== match.key);
  ids.push(match.key);
  finds[folder] = ids.slice(-FINDS_PER_FOLDER);
  await store.set(findsKey(match.source.id, mirror), finds);
}
