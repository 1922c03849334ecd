/**
 * A mirror's repository-wide index, from the freshest place that answers without waste:
 * 1. the snapshot shipped in the package (no request): a page it lists on the branch is
 *    taken as is (the page fetch confirms it);
 * 2. the published index (one shard request), when the snapshot does not list the key on the
 *    branch, or the page it named was gone (`fresh`);
 * 3. the index built on this device, when no published index answers (and a build started
 *    when there is none: the mirror names no published index, or nothing is published there;
 *    at most once a day per repository, see device.ts).
 * A page listed only as deleted resolves to its last commit. No answer is never "absent":
 * the page may be newer than every index, and the resolver goes on to look for it.
 */
import type { FetchLadder, FetchLike } from '../fetch/fetch-ladder';
import type { KeyValueStore } from '../cache/kv';
import type { Mirror } from '../sources/types';
import { createDeviceIndexes } from './device';
import {
  createIndexView,
  type IndexAnswer,
  type IndexFileReader,
  type IndexView,
} from './index-view';
import { createPublishedIndexes, type PublishedOptions } from './published';
import type { IndexHit } from './shard';

export type IndexVia = 'snapshot' | 'published' | 'device';

export interface RepoIndexHit extends IndexHit {
  via: IndexVia;
}

export interface RepoIndex {
  lookup(
    mirror: Mirror,
    key: string,
    opts?: { fresh?: boolean },
  ): Promise<RepoIndexHit | undefined>;
  idle(): Promise<void>;
}

/** The snapshot's files of `owner/repo` (lowercase), or null when none was shipped. */
export type SnapshotFiles = (repo: string) => IndexFileReader | null;

export interface RepoIndexDeps {
  snapshot?: SnapshotFiles;
  /** Build on the device from the mirror's listing when nothing published answers. */
  onDevice?: boolean;
  published?: PublishedOptions;
}

function pick(answer: IndexAnswer | undefined, via: IndexVia, onBranch: boolean) {
  const hit = answer?.hits.find((h) => !h.commit === onBranch);
  return hit ? { ...hit, via } : undefined;
}

export function createRepoIndex(
  deps: RepoIndexDeps & {
    ladder: FetchLadder;
    fetch: FetchLike;
    store: KeyValueStore;
    now: () => number;
  },
): RepoIndex {
  const published = createPublishedIndexes({ ...deps, options: deps.published });
  const device = createDeviceIndexes(deps);
  const snapshots = new Map<string, IndexView | null>();

  const snapshotOf = (m: Mirror): IndexView | null => {
    const id = `${m.owner}/${m.repo}`.toLowerCase();
    let view = snapshots.get(id);
    if (view === undefined) {
      const files = deps.snapshot?.(id) ?? null;
      view = files ? createIndexView(files) : null;
      snapshots.set(id, view);
    }
    return view;
  };

  return {
    async lookup(mirror, key, opts = {}) {
      const fresh = opts.fresh ?? false;
      const snapshot = snapshotOf(mirror);
      const shipped = await snapshot?.lookup(key);
      if (!fresh) {
        const hit = pick(shipped, 'snapshot', true);
        if (hit) return hit;
      }
      const count = (await snapshot?.manifest())?.shards.length;
      const newer = await published.lookup(mirror, key, {
        fresh,
        ...(count ? { knownCount: count } : {}),
      });
      if (typeof newer === 'object') {
        const hit = pick(newer, 'published', true) ?? pick(newer, 'published', false);
        if (hit) return hit;
      }
      const built = deps.onDevice ? await device.lookup(mirror, key) : undefined;
      const local = pick(built, 'device', true);
      if (local) return local;
      // A shipped snapshot is as old as the package: a key it lacks starts a build too.
      const nonePublished = newer === 'unpublished' || !mirror.index;
      if (deps.onDevice && (newer === 'unreachable' || nonePublished)) device.refresh(mirror);
      return pick(shipped, 'snapshot', false);
    },
    idle: () => device.idle(),
  };
}
