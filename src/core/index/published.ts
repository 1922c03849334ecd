/**
 * The index our workflow publishes for a mirror (the mirror's `index` field says where),
 * fetched shard by shard through the endpoint ladder as pages are. A key's shard is named by
 * the shard count, so a known count (the last manifest seen, else the snapshot's) costs one
 * request; a 404 means the count changed, and the manifest is read once to learn it. Shards
 * are kept in the store and fetched again after a while.
 */
import type { FetchLadder } from '../fetch/fetch-ladder';
import type { KeyValueStore } from '../cache/kv';
import { MirrorFetchError } from '../fetch/mirror-errors';
import type { IndexLocation, Mirror } from '../sources/types';
import type { IndexAnswer } from './index-view';
import {
  lookupShard,
  parseManifest,
  parseShard,
  shardFile,
  shardNumber,
  type IndexManifest,
  type Shard,
} from './shard';

export interface PublishedOptions {
  /** A stored shard is used without asking again for this long, ms (default 6 h). */
  shardTtlMs?: number;
  /** When the page it named was gone: ask again if older than this, ms (default 10 min). */
  freshTtlMs?: number;
}

/**
 * The published shard's answer; 'unpublished' when nothing is published for the mirror (its
 * manifest is not there), 'unreachable' when it could not be asked; undefined otherwise.
 */
export type PublishedAnswer = IndexAnswer | 'unreachable' | 'unpublished' | undefined;

export interface PublishedIndexes {
  lookup(
    mirror: Mirror,
    key: string,
    opts: { fresh: boolean; knownCount?: number },
  ): Promise<PublishedAnswer>;
}

const UNREACHABLE_MS = 10 * 60_000;
/** No index published there (yet): not asked again for this long. */
const ABSENT_MS = 3_600_000;

function storeKey(at: IndexLocation, file: string): string {
  return `pubindex:${at.repo}@${at.branch}/${at.path}:${file}`;
}

export function createPublishedIndexes(deps: {
  ladder: FetchLadder;
  store: KeyValueStore;
  now: () => number;
  options?: PublishedOptions;
}): PublishedIndexes {
  const { ladder, store, now } = deps;
  const ttl = deps.options?.shardTtlMs ?? 6 * 3_600_000;
  const freshTtl = deps.options?.freshTtlMs ?? 10 * 60_000;
  const unreachableUntil = new Map<string, number>();
  const absentUntil = new Map<string, number>();

  const get = async (at: IndexLocation, file: string, expect?: { sha: string; size: number }) => {
    const [owner = '', repo = ''] = at.repo.split('/');
    const { text } = await ladder.fetch({
      location: { owner, repo, branch: at.branch, path: `${at.path}/${file}` },
      kind: 'data',
      // Our branch is not a mirror that lags: its first 404 settles it.
      firstNotFoundIsFinal: true,
      ...(expect ? { expect } : {}),
    });
    return text;
  };

  const manifestOf = async (at: IndexLocation): Promise<IndexManifest | null> => {
    const text = await get(at, 'manifest.json');
    const manifest = parseManifest(text);
    if (manifest) await store.set(storeKey(at, 'manifest.json'), { manifest, at: now() });
    return manifest;
  };

  const shardOf = async (
    at: IndexLocation,
    key: string,
    count: number,
    manifest?: IndexManifest,
  ) => {
    const n = shardNumber(key, count);
    const file = shardFile(count, n);
    const ref = manifest && manifest.shards.length === count ? manifest.shards[n] : undefined;
    const text = await get(at, file, ref);
    const shard = parseShard(text);
    if (!shard || shard.count !== count || shard.shard !== n) return null;
    await store.set(storeKey(at, file), { shard, at: now() });
    return shard;
  };

  const answer = (shard: Shard, key: string): IndexAnswer => ({
    hits: lookupShard(shard, key),
    builtAt: shard.builtAt,
    commit: shard.commit,
  });

  return {
    async lookup(mirror, key, { fresh, knownCount }) {
      const at = mirror.index;
      if (!at) return undefined;
      const id = storeKey(at, '');
      if ((unreachableUntil.get(id) ?? 0) > now()) return 'unreachable';
      if ((absentUntil.get(id) ?? 0) > now()) return 'unpublished';
      const known = await store.get<{ manifest: IndexManifest; at: number }>(
        storeKey(at, 'manifest.json'),
      );
      let manifest = known
        ? (parseManifest(JSON.stringify(known.manifest)) ?? undefined)
        : undefined;
      let count = manifest?.shards.length ?? knownCount;
      const cachedFor = async (c: number) => {
        const stored = await store.get<{ shard: Shard; at: number }>(
          storeKey(at, shardFile(c, shardNumber(key, c))),
        );
        return stored && parseShard(JSON.stringify(stored.shard)) ? stored : undefined;
      };
      const cached = count ? await cachedFor(count) : undefined;
      if (cached && now() - cached.at < (fresh ? freshTtl : ttl)) return answer(cached.shard, key);
      try {
        if (!count) {
          manifest = (await manifestOf(at)) ?? undefined;
          count = manifest?.shards.length;
          if (!count) return undefined;
        }
        let shard: Shard | null;
        try {
          shard = await shardOf(at, key, count, manifest);
        } catch (error) {
          // The shard count changed since the count we knew: the manifest says the new one.
          if (!(error instanceof MirrorFetchError && error.code === 'not-found')) throw error;
          manifest = (await manifestOf(at)) ?? undefined;
          if (!manifest) {
            absentUntil.set(id, now() + ABSENT_MS);
            return 'unpublished';
          }
          if (manifest.shards.length === count) return undefined;
          shard = await shardOf(at, key, manifest.shards.length, manifest);
        }
        return shard ? answer(shard, key) : undefined;
      } catch (error) {
        if (!(error instanceof MirrorFetchError)) throw error;
        if (error.code === 'not-found') {
          absentUntil.set(id, now() + ABSENT_MS);
          return cached ? answer(cached.shard, key) : 'unpublished';
        }
        unreachableUntil.set(id, now() + UNREACHABLE_MS);
        // An older copy still says more than nothing.
        return cached ? answer(cached.shard, key) : 'unreachable';
      }
    },
  };
}
