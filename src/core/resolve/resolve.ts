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
 * 5. when all that missed, the index this device began building in step 2 (no published
 *    index or shipped snapshot knew the key), once it is there.
 * Steps 1 and 2 ask a source's mirrors in order before the next step starts. Probing never
 * uses GitHub's REST API (60 unauthenticated requests an hour per IP, shared by everyone
 * behind it); only the device index asks it for a tree, at most once a day per repository.
 */
import { blobUrl } from '../fetch/endpoints';
import type { FetchLadder } from '../fetch/fetch-ladder';
import type { KeyValueStore } from '../cache/kv';
import { MirrorFetchError, MirrorNotFoundError } from '../fetch/mirror-errors';
import type { RepoIndex, RepoIndexHit } from '../index/repo-index';
import type { Match, Mirror, MirrorLocation, Source } from '../sources/types';
import { createMirrorIndexes, type MirrorIndexes } from './mirror-index';
import { probeInOrder, repoOf } from './probe';
import { fillTemplate, planProbes, type Search } from './probe-plan';
import { countHit, folderHistory, resolveKey, type CacheEntry } from './resolve-store';
import type { FetchedPage, PageBlob, ResolveResult, Resolver, ResolverOptions } from './types';

export type { FetchedPage, PageBlob, ResolveResult, Resolver, ResolverOptions } from './types';
export { fillTemplate } from './probe-plan';
export { resolveKey } from './resolve-store';

type Found = { result: ResolveResult; page?: FetchedPage };

function found(
  location: MirrorLocation,
  via: ResolveResult['via'],
  match: Match,
  page?: FetchedPage,
  known: { blob?: PageBlob; commit?: string } = {},
): Found {
  return {
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
  };
}

/** An index entry → where to fetch it: on the branch, or at the last commit that had it. */
function indexed(mirror: Mirror, hit: RepoIndexHit) {
  return {
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
  };
}

/** A mirror's search as its path rule starts it (template or lookup). */
function startSearch(mirror: Mirror, match: Match, fresh: boolean): Search {
  const at = (path: string): MirrorLocation => ({
    owner: mirror.owner,
    repo: mirror.repo,
    branch: mirror.branch,
    path,
  });
  const tried = { repo: `${mirror.owner}/${mirror.repo}`, paths: [], note: '' };
  const rule = mirror.path;
  if (rule.kind === 'lookup') {
    return { mirror, at, tried, done: false, folders: rule.folders, template: rule.template };
  }
  // A template mirror is probed only when its page was not at its path last time (`fresh`):
  // its folder may be another segment of the URL.
  const probe = fresh && rule.template.includes('{folder}') && (match.segments ?? []).length > 0;
  if (!probe) tried.note = 'the URL lacks the folder its template needs';
  return { mirror, at, tried, done: !probe, folders: [], template: rule.template };
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
  const builtIndexWaitMs = deps.options?.builtIndexWaitMs ?? 10_000;
  const indexes: MirrorIndexes = createMirrorIndexes({ ladder, store, now, options: deps.options });
  const inFlight = new Map<string, Promise<Found>>();

  /** 1. What the store says: found before, or missed lately (then: not found, at once). */
  const fromStore = async (match: Match): Promise<Found | null> => {
    const { source, key } = match;
    const cached = await store.get<CacheEntry>(resolveKey(source.id, key));
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
    return null;
  };

  /** 2. The repository-wide index of each mirror, in order. */
  const fromRepoIndex = async (match: Match, fresh: boolean): Promise<Found | null> => {
    for (const mirror of repoIndex ? match.source.mirrors : []) {
      const hit = await repoIndex?.lookup(mirror, match.key, { fresh });
      if (!hit) continue;
      const { location, known } = indexed(mirror, hit);
      await store.set<CacheEntry>(resolveKey(match.source.id, match.key), { location, ...known });
      return found(location, 'repo-index', match, undefined, known);
    }
    return null;
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

  /**
   * 3. A template mirror's own path; a lookup mirror's index pages, the page fetched to be
   * sure (index pages lag behind deletions: not found there, the search goes on).
   */
  const fromIndexPages = async (
    match: Match,
    search: Search,
    fresh: boolean,
    failures: MirrorFetchError[],
  ): Promise<Found | null> => {
    const { mirror } = search;
    if (mirror.path.kind === 'template') {
      const path = fillTemplate(mirror.path.template, { id: match.key, folder: match.folder });
      return path && !fresh ? found(search.at(path), 'template', match) : null;
    }
    search.index = await indexes.get(mirror, indexFolders(mirror, search.folders));
    const listed = fresh ? undefined : search.index?.entries[match.key];
    if (!listed) return null;
    search.tried.paths.push(listed);
    try {
      const { text, endpoint } = await ladder.fetch({ location: search.at(listed), kind: 'page' });
      await store.set<CacheEntry>(resolveKey(match.source.id, match.key), {
        location: search.at(listed),
      });
      await countHit(store, match, mirror, listed);
      return found(search.at(listed), 'index', match, { text, endpoint });
    } catch (error) {
      if (!(error instanceof MirrorFetchError)) throw error;
      if (error.code !== 'not-found') {
        failures.push(error);
        search.done = true;
        search.tried.note = `stopped: ${error.code}`;
      }
      return null;
    }
  };

  /** 4. Probing the likely folders of every mirror still open, first hit wins. */
  const byProbing = async (
    match: Match,
    open: readonly Search[],
    failures: MirrorFetchError[],
  ): Promise<Found | null> => {
    const histories = await Promise.all(
      open.map((search) => folderHistory(store, match.source.id, search.mirror)),
    );
    const plan = planProbes(match.key, open, histories, match.segments ?? [], maxProbes);
    const outcome = await probeInOrder(ladder, plan, { concurrency, staggerMs });
    if (outcome.hit) {
      const { location, text, endpoint } = outcome.hit;
      const search = open.find((s) => repoOf(s.mirror) === repoOf(location)) as Search;
      await store.set<CacheEntry>(resolveKey(match.source.id, match.key), { location });
      await countHit(store, match, search.mirror, location.path);
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
    return null;
  };

  /**
   * 5. The index this device started building (step 2 found the key nowhere): it ran while
   * the probes did; once it is there, it may know the folder nothing named. Waited for only
   * after a clean miss (every mirror answered) and at most `builtIndexWaitMs`; 'pending' when
   * the build is still running then (the miss is not remembered: the next try may find it).
   */
  const fromBuiltIndex = async (match: Match): Promise<Found | null | 'pending'> => {
    if (!repoIndex) return null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), builtIndexWaitMs);
    });
    const waited = await Promise.race([repoIndex.idle(), late]).finally(() => clearTimeout(timer));
    return waited === 'late' ? 'pending' : fromRepoIndex(match, false);
  };

  /** Steps 3 to 5 over the source's mirrors; then why nothing was found. */
  const search = async (match: Match, fresh: boolean): Promise<Found> => {
    const failures: MirrorFetchError[] = [];
    const searches: Search[] = [];
    // Each step runs over every mirror before the next, costlier step starts: an article in
    // the second mirror's index pages should not cost probes in the first mirror.
    for (const mirror of match.source.mirrors) {
      const started = startSearch(mirror, match, fresh);
      searches.push(started);
      const hit = await fromIndexPages(match, started, fresh, failures);
      if (hit) return hit;
    }
    const open = searches.filter((s) => !s.done);
    const probed = await byProbing(match, open, failures);
    if (probed) return probed;
    // Unreachable is not absent: only a search that reached every mirror is remembered.
    if (failures[0]) throw failures[0];
    const built = await fromBuiltIndex(match);
    if (built && built !== 'pending') return built;
    const { source, key } = match;
    if (!built)
      await store.set<CacheEntry>(resolveKey(source.id, key), { missUntil: now() + missTtl });
    throw new MirrorNotFoundError(
      source.id,
      key,
      searches.map((s) => s.tried),
    );
  };

  const run = async (match: Match, fresh: boolean): Promise<Found> =>
    (fresh ? null : await fromStore(match)) ??
    (await fromRepoIndex(match, fresh)) ??
    (await search(match, fresh));

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
