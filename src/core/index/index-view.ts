/**
 * One built index read through a file reader (the package's snapshot, a folder the CLI was
 * given, an on-device index): the manifest once, then the one shard a key needs, each kept
 * in memory once parsed.
 */
import { gitBlobSha } from './blob-sha';
import {
  lookupShard,
  parseManifest,
  parseShard,
  shardNumber,
  type IndexHit,
  type IndexManifest,
  type Shard,
} from './shard';

/** One file of an index (`manifest.json`, `shards/…`); null when it is not there. */
export type IndexFileReader = (file: string) => Promise<string | null>;

export interface IndexAnswer {
  hits: IndexHit[];
  /** When the index that answered was built (ISO time). */
  builtAt: string;
  commit: string | null;
}

export interface IndexView {
  manifest(): Promise<IndexManifest | null>;
  /** Undefined when the index cannot be read. */
  lookup(key: string): Promise<IndexAnswer | undefined>;
}

export function createIndexView(read: IndexFileReader): IndexView {
  let manifest: Promise<IndexManifest | null> | undefined;
  const shards = new Map<string, Promise<Shard | null>>();

  const loadManifest = () => {
    manifest ??= read('manifest.json').then(
      (text) => (text === null ? null : parseManifest(text)),
      () => null,
    );
    return manifest;
  };

  const loadShard = (m: IndexManifest, n: number): Promise<Shard | null> => {
    const ref = m.shards[n];
    if (!ref) return Promise.resolve(null);
    let loading = shards.get(ref.file);
    if (!loading) {
      loading = read(ref.file).then(
        async (text) => {
          if (text === null) return null;
          // The manifest names each shard's blob id: a shard that is not that one is not used.
          const bytes = new TextEncoder().encode(text);
          if (bytes.length !== ref.size || (await gitBlobSha(bytes)) !== ref.sha) return null;
          const shard = parseShard(text);
          return shard && shard.count === m.shards.length && shard.shard === n ? shard : null;
        },
        () => null,
      );
      shards.set(ref.file, loading);
    }
    return loading;
  };

  return {
    manifest: loadManifest,
    async lookup(key) {
      const m = await loadManifest();
      if (!m) return undefined;
      const shard = await loadShard(m, shardNumber(key, m.shards.length));
      if (!shard) return undefined;
      return { hits: lookupShard(shard, key), builtAt: shard.builtAt, commit: shard.commit };
    },
  };
}
