/**
 * The one facade the background uses: any URL (an original or a mirror page) → the mirror
 * location, and → the page text through the endpoint ladder, with the page cache in front.
 * Everything it needs is passed in; nothing here touches browser globals.
 */
import { createEndpointHealth, type EndpointHealth } from './fetch/endpoint-health';
import { blobUrl, type EndpointId } from './fetch/endpoints';
import { deadlineError, watchAttempts } from './fetch/fetch-deadline';
import { createFetchLadder, type FetchLike, type LadderOptions } from './fetch/fetch-ladder';
import type { KeyValueStore } from './cache/kv';
import { matchUrl } from './match/match';
import { MirrorFetchError, NotMirrorableError } from './fetch/mirror-errors';
import { parseMirrorUrl } from './match/mirror-url';
import { folderCandidates } from './resolve/url-segments';
import { createPageCache } from './cache/page-cache';
import { textMatchesBlob } from './index/blob-sha';
import { repairDeadLink } from './index/dead-link';
import { createRepoIndex, type RepoIndex, type RepoIndexDeps } from './index/repo-index';
import {
  createResolver,
  type FetchedPage,
  type PageBlob,
  type ResolveResult,
  type ResolverOptions,
} from './resolve/resolve';
import { defaultSettings } from './settings/schema';
import { builtinSources } from './sources/builtin';
import type { MirrorLocation, Source } from './sources/types';

export type { ResolveResult } from './resolve/resolve';
export type { RepoIndex } from './index/repo-index';
export { MirrorFetchError, MirrorNotFoundError, NotMirrorableError } from './fetch/mirror-errors';

export interface MirrorClientOptions extends LadderOptions, ResolverOptions {
  /** Page cache size cap in bytes (default 4 MB). */
  pageCacheBytes?: number;
}

export interface ArticleFetch {
  location: MirrorLocation;
  mirrorUrl: string;
  text: string;
  endpoint: EndpointId;
  /** True when no request was needed. */
  fromCache: boolean;
  /** Set when the page is gone from the branch: the last commit that had it. */
  commit?: string;
  /** True when the bytes are the blob the repository index names; false when no index knows it. */
  verified: boolean;
}

export interface FetchArticleOptions {
  /**
   * The user's wait, ms, for everything (resolve, probes, every endpoint); default the
   * settings' `fetchDeadlineMs`. Past it the call fails with code `timeout`, saying what each
   * endpoint did; the work goes on for a while (each file at most LATE_ANSWER_FACTOR times
   * the deadline) and an article it still finds is cached and announced by `onLateAnswer`.
   */
  deadlineMs?: number;
  onLateAnswer?(): void;
}

/** How many deadlines a file may take in all, so that a late answer can still come. */
export const LATE_ANSWER_FACTOR = 4;

export interface MirrorClient {
  /** Throws NotMirrorableError, MirrorNotFoundError or MirrorFetchError (each with `code`). */
  resolve(url: string): Promise<ResolveResult>;
  fetchArticle(url: string, options?: FetchArticleOptions): Promise<ArticleFetch>;
  /** Resolves when background work (index refreshes) has settled. */
  idle(): Promise<void>;
  readonly health: EndpointHealth;
}

export function createMirrorClient(deps: {
  fetch: FetchLike;
  store: KeyValueStore;
  now?: () => number;
  sources?: readonly Source[];
  options?: MirrorClientOptions;
  /** A ready repository index (tests), or what to build one from. */
  repoIndex?: RepoIndex;
  index?: RepoIndexDeps;
}): MirrorClient {
  const now = deps.now ?? (() => Date.now());
  const sources = deps.sources ?? builtinSources;
  const { store, options } = deps;
  const health = createEndpointHealth(store, now);
  // Each file's own limit follows the deadline of the latest call (options may fix it).
  let fileDeadlineMs = defaultSettings.fetchDeadlineMs * LATE_ANSWER_FACTOR;
  const ladder = createFetchLadder({
    fetch: deps.fetch,
    health,
    now,
    options: { ...options, deadlineMs: options?.deadlineMs ?? (() => fileDeadlineMs) },
  });
  const repoIndex =
    deps.repoIndex ??
    (deps.index
      ? createRepoIndex({ ...deps.index, ladder, fetch: deps.fetch, store, now })
      : undefined);
  const resolver = createResolver({ ladder, store, now, options, sources, repoIndex });
  const pages = createPageCache({ store, now, maxBytes: options?.pageCacheBytes });

  const locate = async (
    url: string,
    fresh = false,
  ): Promise<{ result: ResolveResult; page?: FetchedPage }> => {
    const location = parseMirrorUrl(url, sources);
    if (location) return { result: { location, mirrorUrl: blobUrl(location), via: 'mirror-url' } };
    const match = matchUrl(url, sources);
    if (!match) throw new NotMirrorableError(url);
    const segments = folderCandidates(url);
    return resolver.resolve(segments.length > 0 ? { ...match, segments } : match, { fresh });
  };

  const download = async (location: MirrorLocation, blob?: PageBlob) => {
    const { text, endpoint, unverified } = await ladder.fetch({
      location,
      kind: 'page',
      ...(blob ? { expect: blob } : {}),
    });
    await pages.put(location, { text, endpoint });
    return { text, endpoint, verified: blob !== undefined && !unverified };
  };

  return {
    health,
    async resolve(url) {
      const { result, page } = await locate(url);
      if (page) await pages.put(result.location, page);
      return result;
    },
    async fetchArticle(url, opts = {}) {
      const deadlineMs = opts.deadlineMs ?? defaultSettings.fetchDeadlineMs;
      fileDeadlineMs = deadlineMs * LATE_ANSWER_FACTOR;
      const watch = watchAttempts(ladder, now);
      const work = fetchWhole(url);
      let late = false;
      void work.then(
        () => (late ? opts.onLateAnswer?.() : undefined),
        () => undefined,
      );
      void work.finally(watch.stop).catch(() => undefined);
      return new Promise<ArticleFetch>((resolve, reject) => {
        const timer = setTimeout(() => {
          late = true;
          reject(deadlineError(url, watch.attempts()));
        }, deadlineMs);
        work.then(resolve, reject).finally(() => clearTimeout(timer));
      });
    },
    async idle() {
      await Promise.all([resolver.idle(), repoIndex?.idle()]);
    },
  };

  async function fetchWhole(url: string): Promise<ArticleFetch> {
    let { result, page } = await locate(url);
    const article = (
      text: string,
      endpoint: EndpointId,
      fromCache: boolean,
      verified = false,
    ): ArticleFetch => ({
      location: result.location,
      mirrorUrl: result.mirrorUrl,
      text,
      endpoint,
      fromCache,
      ...(result.commit ? { commit: result.commit } : {}),
      verified,
    });
    if (page) {
      await pages.put(result.location, page);
      return article(page.text, page.endpoint, false);
    }
    const cached = await pages.get(result.location);
    if (cached) {
      const { blob } = result;
      const verified = blob ? await textMatchesBlob(cached.text, blob.sha, blob.size) : false;
      return article(cached.text, cached.endpoint, true, verified);
    }
    try {
      const fetched = await download(result.location, result.blob);
      return article(fetched.text, fetched.endpoint, false, fetched.verified);
    } catch (error) {
      if (!(error instanceof MirrorFetchError && error.code === 'not-found')) throw error;
      // A remembered or indexed path can go stale: mirrors delete older pages. Look again; a
      // shared branch link to a deleted page is pinned to the last commit that had it.
      const stale = result.via === 'cache' || result.via === 'index' || result.via === 'repo-index';
      const dead =
        result.via === 'mirror-url'
          ? await repairDeadLink(result.location, sources, repoIndex)
          : null;
      if (dead) result = dead;
      else if (stale || result.via === 'template') {
        const match = matchUrl(url, sources);
        if (match) await resolver.forget(match.source, match.key);
        ({ result, page } = await locate(url, true));
      } else throw error;
      if (page) {
        await pages.put(result.location, page);
        return article(page.text, page.endpoint, false);
      }
      const fetched = await download(result.location, result.blob);
      return article(fetched.text, fetched.endpoint, false, fetched.verified);
    }
  }
}
