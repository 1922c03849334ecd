/**
 * The one facade the background uses: any URL (an original or a mirror page) → the mirror
 * location, and → the page text through the endpoint ladder, with the page cache in front.
 * Everything it needs is passed in; nothing here touches browser globals.
 */
import { createEndpointHealth, type EndpointHealth } from './endpoint-health';
import { blobUrl, type EndpointId } from './endpoints';
import { deadlineError, watchAttempts } from './fetch-deadline';
import { createFetchLadder, type FetchLike, type LadderOptions } from './fetch-ladder';
import type { KeyValueStore } from './kv';
import { matchUrl } from './match';
import { MirrorFetchError, NotMirrorableError } from './mirror-errors';
import { parseMirrorUrl } from './mirror-url';
import { createPageCache } from './page-cache';
import {
  createResolver,
  type FetchedPage,
  type RepoIndex,
  type ResolveResult,
  type ResolverOptions,
} from './resolve';
import { defaultSettings } from './settings/schema';
import { builtinSources } from './sources/builtin';
import type { MirrorLocation, Source } from './sources/types';

export type { ResolveResult, RepoIndex } from './resolve';
export { MirrorFetchError, MirrorNotFoundError, NotMirrorableError } from './mirror-errors';

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
  repoIndex?: RepoIndex;
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
  const resolver = createResolver({
    ladder,
    store,
    now,
    options,
    sources,
    repoIndex: deps.repoIndex,
  });
  const pages = createPageCache({ store, now, maxBytes: options?.pageCacheBytes });

  const locate = async (
    url: string,
    fresh = false,
  ): Promise<{ result: ResolveResult; page?: FetchedPage }> => {
    const location = parseMirrorUrl(url, sources);
    if (location) return { result: { location, mirrorUrl: blobUrl(location), via: 'mirror-url' } };
    const match = matchUrl(url, sources);
    if (!match) throw new NotMirrorableError(url);
    return resolver.resolve(match, { fresh });
  };

  const download = async (location: MirrorLocation) => {
    const { text, endpoint } = await ladder.fetch({ location, kind: 'page' });
    await pages.put(location, { text, endpoint });
    return { text, endpoint };
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
    idle: () => resolver.idle(),
  };

  async function fetchWhole(url: string): Promise<ArticleFetch> {
    let { result, page } = await locate(url);
    const article = (text: string, endpoint: EndpointId, fromCache: boolean): ArticleFetch => ({
      location: result.location,
      mirrorUrl: result.mirrorUrl,
      text,
      endpoint,
      fromCache,
    });
    if (page) {
      await pages.put(result.location, page);
      return article(page.text, page.endpoint, false);
    }
    const cached = await pages.get(result.location);
    if (cached) return article(cached.text, cached.endpoint, true);
    try {
      const fetched = await download(result.location);
      return article(fetched.text, fetched.endpoint, false);
    } catch (error) {
      // A remembered or indexed path can go stale: mirrors delete older pages. Look again.
      const stale = result.via === 'cache' || result.via === 'index';
      if (!(stale && error instanceof MirrorFetchError && error.code === 'not-found')) throw error;
      const match = matchUrl(url, sources);
      if (match) await resolver.forget(match.source, match.key);
      ({ result, page } = await locate(url, true));
      if (page) {
        await pages.put(result.location, page);
        return article(page.text, page.endpoint, false);
      }
      const fetched = await download(result.location);
      return article(fetched.text, fetched.endpoint, false);
    }
  }
}
