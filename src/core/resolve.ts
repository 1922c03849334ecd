/**
 * Article key → mirror path, in order, stopping at the first answer:
 * 1. the store: key → location found earlier, and recent misses (they expire);
 * 2. the repository-wide index (index/repo-index.ts: shipped snapshot, published shard,
 *    on-device build), which also knows pages deleted from the branch (→ their last commit)
 *    and each page's blob id (the fetch checks the bytes against it);
 * 3. the mirror's own index pages (README.md, indexes/*.md; see mirror-index.ts), the page
 *    fetched to confirm it (index pages lag behind deletions);
 * 4. probing `pages/<folder>/<key>.md` in the likely folders, a few at a time, first hit
 *    wins and the rest are aborted (probe.ts). The folders of all the source's mirrors are
 *    ranked together (probe-order.ts): what index pages and earlier finds say first, the
 *    mirrors' order next, so an epochtimes id near the ids of an mh-news folder does not
 *    first cost a probe in every goodnews folder. Then every folder-shaped segment of the
 *    original URL (url-segments.ts); a template mirror whose page was not at its template
 *    path (`fresh`) is probed that way too.
 * Steps 1 and 2 ask a source's mirrors in order before the next step starts. GitHub's REST
 * API is never used here: it allows 60 unauthenticated requests an hour per IP, and many
 * users share one IP.
 */
import { blobUrl, type EndpointId } from './endpoints';
import type { FetchLadder } from './fetch-ladder';
import type { KeyValueStore } from './kv';
import { MirrorFetchError, MirrorNotFoundError, type TriedMirror } from './mirror-errors';
import {
  createMirrorIndexes,
  type MirrorIndex,
  type MirrorIndexOptions,
  type MirrorIndexes,
} from './mirror-index';
import { probeInOrder, repoOf } from './probe';
import { probeOrder, rankProbes, type FolderEvidence, type MirrorCandidates } from './probe-order';
import type { RepoIndex, RepoIndexHit } from './index/repo-index';
import type { Match, Mirror, MirrorLocation, Source } from './sources/types';

export interface ResolveResult {
  location: MirrorLocation;
  /** The share link (github.com blob URL; at `commit` for a page gone from the branch). */
  mirrorUrl: string;
  /** How the location was found. */
  via: 'mirror-url' | 'template' | 'cache' | 'index' | 'repo-index' | 'probe';
  source?: string;
  key?: string;
  /** Set when the page is gone from the branch: the last commit that had it (= location.branch). */
  commit?: string;
  /** The page's git blob, when an index knows it: the fetched bytes must be this. */
  blob?: PageBlob;
}

export interface PageBlob {
  sha: string;
  size: number;
}

export interface ResolverOptions extends MirrorIndexOptions {
  /** How long a miss is remembered, ms (default 6 h). */
  missTtlMs?: number;
  /** Probes in flight at once (default 3). */
  probeConcurrency?: number;
  /** Start the next probe when the last has not answered within this, ms (default 300). */
  probeStaggerMs?: number;
  /** Probes per mirror at most (default 40). */
  maxProbes?: number;
}

/** A page fetched on the way (a probe hit, an index entry checked): no need to fetch it again. */
export interface FetchedPage {
  text: string;
  endpoint: EndpointId;
}

export interface Resolver {
  resolve(
    match: Match,
    opts?: { fresh?: boolean },
  ): Promise<{ result: ResolveResult; page?: FetchedPage }>;
  /** Drop what the store says about a key (its page is gone). */
  forget(source: Source, key: string): Promise<void>;
  idle(): Promise<void>;
}

type CacheEntry =
  { location: MirrorLocation; blob?: PageBlob; commit?: string } | { missUntil: number };

/** Where the search for one key stands in one mirror. */
interface Search {
  mirror: Mirror;
  at: (path: string) => MirrorLocation;
  template: string;
  folders: readonly string[];
  index?: MirrorIndex | null;
  tried: TriedMirror;
  /** Nothing more to try here (unreachable, or known to be absent). */
  done: boolean;
}

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

const listedIds = new WeakMap<MirrorIndex, Map<string, string[]>>();

/** The ids a mirror's index pages list, by folder. */
function idsByFolder(index: MirrorIndex | null | undefined): Map<string, string[]> {
  if (!index) return new Map();
  let byFolder = listedIds.get(index);
  if (!byFolder) {
    byFolder = new Map();
    for (const [id, path] of Object.entries(index.entries)) {
      const folder = path.split('/').at(-2);
      if (!folder) continue;
      const ids = byFolder.get(folder);
      if (ids) ids.push(id);
      else byFolder.set(folder, [id]);
    }
    listedIds.set(index, byFolder);
  }
  return byFolder;
}

/** Fills `{folder}` and `{id}`; null when a value the template needs is missing or unsafe. */
export function fillTemplate(
  template: string,
  values: { id: string; folder?: string },
): string | null {
  let ok = true;
  const path = template.replace(/\{(id|folder)\}/g, (_, name: 'id' | 'folder') => {
    const value = values[name];
    if (!value || /[/\\]|^\.\.?$/.test(value)) ok = false;
    return value ?? '';
  });
  return ok ? path : null;
}

export function createResolver(deps: {
  ladder: FetchLadder;
  store: KeyValueStore;
  now: () => number;
  repoIndex?: RepoIndex;
  /** All sources, so that one mirror's index covers the folders of every source it holds. */
  sources?: readonly Source[];
  options?: ResolverOptions;
}): Resolver {
  const { ladder, store, now, repoIndex } = deps;
  const missTtl = deps.options?.missTtlMs ?? 6 * 3_600_000;
  const concurrency = deps.options?.probeConcurrency ?? 3;
  const maxProbes = deps.options?.maxProbes ?? 40;
  const staggerMs = deps.options?.probeStaggerMs ?? 300;
  const indexes: MirrorIndexes = createMirrorIndexes({ ladder, store, now, options: deps.options });
  const inFlight = new Map<string, Promise<{ result: ResolveResult; page?: FetchedPage }>>();

  const found = (
    location: MirrorLocation,
    via: ResolveResult['via'],
    match: Match,
    page?: FetchedPage,
    known: { blob?: PageBlob; commit?: string } = {},
  ) => ({
    result: {
      location,
      mirrorUrl: blobUrl(location),
      via,
      source: match.source.id,
      key: match.key,
      ...(known.commit ? { commit: known.commit } : {}),
      ...(known.blob ? { blob: known.blob } : {}),
    },
    ...(page ? { page } : {}),
  });

  /** An index entry → where to fetch it: on the branch, or at the last commit that had it. */
  const indexed = (mirror: Mirror, hit: RepoIndexHit) => ({
    location: {
      owner: mirror.owner,
      repo: mirror.repo,
      branch: hit.commit ?? mirror.branch,
      path: hit.path,
    },
    known: {
      ...(hit.commit ? { commit: hit.commit } : {}),
      ...(hit.sha ? { blob: { sha: hit.sha, size: hit.size } } : {}),
    },
  });

  const countHit = async (match: Match, mirror: Mirror, path: string) => {
    const folder = path.split('/').at(-2);
    if (!folder) return;
    const key = hitsKey(match.source.id, mirror);
    const hits = (await store.get<Record<string, number>>(key)) ?? {};
    hits[folder] = (hits[folder] ?? 0) + 1;
    await store.set(key, hits);
    const where = findsKey(match.source.id, mirror);
    const finds = (await store.get<Record<string, string[]>>(where)) ?? {};
    const ids = (finds[folder] ?? []).filter((id) => id !== match.key);
    ids.push(match.key);
    finds[folder] = ids.slice(-FINDS_PER_FOLDER);
    await store.set(where, finds);
  };

  /** Listed folders of every source mirrored in this repository: worth an index page look. */
  const indexFolders = (mirror: Mirror, own: readonly string[]): string[] => {
    const folders = new Set(own);
    for (const source of deps.sources ?? []) {
      for (const other of source.mirrors) {
        const same =
          other.owner.toLowerCase() === mirror.owner.toLowerCase() &&
          other.repo.toLowerCase() === mirror.repo.toLowerCase();
        if (same && other.path.kind === 'lookup') other.path.folders.forEach((f) => folders.add(f));
      }
    }
    return [...folders];
  };

  const run = async (match: Match, fresh: boolean) => {
    const { source, key } = match;
    const cacheKey = resolveKey(source.id, key);
    if (!fresh) {
      const cached = await store.get<CacheEntry>(cacheKey);
      if (cached && 'location' in cached) {
        return found(cached.location, 'cache', match, undefined, {
          ...(cached.blob ? { blob: cached.blob } : {}),
          ...(cached.commit ? { commit: cached.commit } : {}),
        });
      }
      if (cached && cached.missUntil > now()) {
        throw new MirrorNotFoundError(source.id, key, [
          {
            repo: source.mirrors.map((m) => `${m.owner}/${m.repo}`).join(' + '),
            paths: [],
            note: 'a recent search found nothing',
          },
        ]);
      }
    }
    // Each step runs over every mirror before the next, costlier step starts: an article in
    // the second mirror's index pages should not cost probes in the first mirror.
    for (const mirror of repoIndex ? source.mirrors : []) {
      const hit = await repoIndex?.lookup(mirror, key, { fresh });
      if (!hit) continue;
      const { location, known } = indexed(mirror, hit);
      await store.set<CacheEntry>(cacheKey, { location, ...known });
      return found(location, 'repo-index', match, undefined, known);
    }
    const segments = match.segments ?? [];
    const failures: MirrorFetchError[] = [];
    const searches: Search[] = [];
    for (const mirror of source.mirrors) {
      const repo = `${mirror.owner}/${mirror.repo}`;
      const at = (path: string): MirrorLocation => ({
        owner: mirror.owner,
        repo: mirror.repo,
        branch: mirror.branch,
        path,
      });
      const rule = mirror.path;
      if (rule.kind === 'template') {
        const path = fillTemplate(rule.template, { id: key, folder: match.folder });
        // Not there last time (`fresh`): its folder may be another segment of the URL.
        if (path && !fresh) return found(at(path), 'template', match);
        const probe = fresh && rule.template.includes('{folder}') && segments.length > 0;
        searches.push({
          mirror,
          at,
          tried: {
            repo,
            paths: [],
            note: probe ? '' : 'the URL lacks the folder its template needs',
          },
          done: !probe,
          folders: [],
          template: rule.template,
        });
        continue;
      }
      const search: Search = {
        mirror,
        at,
        tried: { repo, paths: [], note: '' },
        done: false,
        folders: rule.folders,
        template: rule.template,
      };
      searches.push(search);
      search.index = await indexes.get(mirror, indexFolders(mirror, rule.folders));
      const indexed = fresh ? undefined : search.index?.entries[key];
      if (!indexed) continue;
      // Index pages lag behind deletions: fetch the page to be sure (the caller needs it
      // anyway). Not found there: look further, as if the index had not named it.
      search.tried.paths.push(indexed);
      try {
        const { text, endpoint } = await ladder.fetch({ location: at(indexed), kind: 'page' });
        await store.set<CacheEntry>(cacheKey, { location: at(indexed) });
        await countHit(match, mirror, indexed);
        return found(at(indexed), 'index', match, { text, endpoint });
      } catch (error) {
        if (!(error instanceof MirrorFetchError)) throw error;
        if (error.code !== 'not-found') {
          failures.push(error);
          search.done = true;
          search.tried.note = `stopped: ${error.code}`;
        }
      }
    }

    const open = searches.filter((search) => !search.done);
    const candidates: MirrorCandidates[] = [];
    for (const search of open) {
      const hits =
        (await store.get<Record<string, number>>(hitsKey(source.id, search.mirror))) ?? {};
      const finds =
        (await store.get<Record<string, string[]>>(findsKey(source.id, search.mirror))) ?? {};
      const folders = probeOrder({
        key,
        listed: search.folders,
        hits,
        indexed: search.index?.folders ?? {},
      });
      const listed = idsByFolder(search.index);
      const evidence: Record<string, FolderEvidence> = {};
      for (const folder of folders) {
        const span = search.index?.folders[folder]?.span;
        evidence[folder] = {
          known: [...(listed.get(folder) ?? []), ...(finds[folder] ?? [])],
          ...(span ? { span } : {}),
        };
      }
      candidates.push({ folders, evidence });
    }
    const locations: MirrorLocation[] = [];
    const perMirror = open.map((search) => ({ asked: new Set(search.tried.paths), count: 0 }));
    // After the ranked folders, every folder-shaped segment of the URL, in each mirror.
    const ranked = [
      ...rankProbes(key, candidates),
      ...open.flatMap((_, mirror) => segments.map((folder) => ({ mirror, folder }))),
    ];
    for (const { mirror, folder } of ranked) {
      const search = open[mirror] as Search;
      const budget = perMirror[mirror] as { asked: Set<string>; count: number };
      const path = fillTemplate(search.template, { id: key, folder });
      if (path === null || budget.asked.has(path) || budget.count >= maxProbes) continue;
      budget.asked.add(path);
      budget.count += 1;
      locations.push(search.at(path));
    }
    const outcome = await probeInOrder(ladder, locations, { concurrency, staggerMs });
    if (outcome.hit) {
      const { location, text, endpoint } = outcome.hit;
      const search = open.find((s) => repoOf(s.mirror) === repoOf(location)) as Search;
      await store.set<CacheEntry>(cacheKey, { location });
      await countHit(match, search.mirror, location.path);
      return found(location, 'probe', match, { text, endpoint });
    }
    for (const search of open) {
      const repo = repoOf(search.mirror);
      const probed = outcome.probed.filter((l) => repoOf(l) === repo).map((l) => l.path);
      const failure = outcome.failures.get(repo);
      if (failure) failures.push(failure);
      search.tried.paths.push(...probed);
      search.tried.note = failure
        ? `stopped: ${failure.code}`
        : `${probed.length} folder${probed.length === 1 ? '' : 's'} probed`;
    }
    const tried = searches.map((search) => search.tried);
    const failure = failures[0];
    // Unreachable is not absent: only a search that reached every mirror is remembered.
    if (failure) throw failure;
    await store.set<CacheEntry>(cacheKey, { missUntil: now() + missTtl });
    throw new MirrorNotFoundError(source.id, key, tried);
  };

  return {
    resolve(match, opts = {}) {
      const fresh = opts.fresh ?? false;
      const id = `${fresh ? 'fresh' : 'any'}:${resolveKey(match.source.id, match.key)}:${match.folder ?? ''}`;
      let running = inFlight.get(id);
      if (!running) {
        running = run(match, fresh).finally(() => inFlight.delete(id));
        inFlight.set(id, running);
      }
      return running;
    },
    forget: (source, key) => store.remove(resolveKey(source.id, key)),
    idle: () => indexes.idle(),
  };
}
