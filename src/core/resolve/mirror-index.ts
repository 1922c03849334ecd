/**
 * One mirror's own index, assembled from its README.md and indexes/*.md pages: article id →
 * path and what each folder holds. Kept in the store; once stale it is refreshed in the
 * background while the stored copy keeps answering. Only the first load blocks.
 */
import type { FetchLadder } from '../fetch/fetch-ladder';
import { parseIndexPage } from './index-pages';
import type { KeyValueStore } from '../cache/kv';
import { MirrorFetchError } from '../fetch/mirror-errors';
import { keyShape, type FolderKnowledge, type IdSpan } from './probe-order';

export interface RepoRef {
  owner: string;
  repo: string;
  branch: string;
}

export interface MirrorIndex {
  version: 1;
  /** After this (ms since epoch) the index is refreshed in the background. */
  refreshAfter: number;
  /** Article id → `pages/<folder>/<id>.md`. */
  entries: Record<string, string>;
  folders: Record<string, FolderKnowledge>;
  /** Index pages read. */
  pages: string[];
}

export interface MirrorIndexOptions {
  /** How long a complete index stays fresh, ms (default 6 h). */
  indexTtlMs?: number;
  /** How soon an index with pages that failed to load is retried, ms (default 10 min). */
  indexRetryMs?: number;
  /** At most this many index pages per mirror (README.md included). */
  maxIndexPages?: number;
  indexConcurrency?: number;
}

export interface MirrorIndexes {
  /**
   * The index of `repo`: the stored one (refreshed in the background when stale), or loaded
   * now when there is none. `folders` are worth an `indexes/<folder>.md` look when no index
   * page covers them. Null when the mirror could not be reached.
   */
  get(repo: RepoRef, folders: readonly string[]): Promise<MirrorIndex | null>;
  /** Resolves when no background refresh is running (tests, benchmarks). */
  idle(): Promise<void>;
}

const SHAPES_PER_FOLDER = 8;
/**
 * A page about one folder (`indexes/19.md`) lists that folder's newest articles, all of them:
 * its run of ids says which ids the folder does not hold. A page is taken to be about one
 * folder when at least this many of its articles, and nine in ten, are there.
 */
const FOLDER_PAGE_MIN_ARTICLES = 10;
/** A failed first load is not retried for this long, so resolves do not each pay for it. */
const UNREACHABLE_MS = 60_000;

export function indexKey(repo: RepoRef): string {
  return `index:${repo.owner}/${repo.repo}@${repo.branch}`;
}

/** The folder a page is about and the run of ids it lists there, or null. */
export function folderPageSpan(
  articles: readonly { id: string; folder: string }[],
): (IdSpan & { folder: string }) | null {
  const byFolder = new Map<string, string[]>();
  for (const { id, folder } of articles) {
    const ids = byFolder.get(folder);
    if (ids) ids.push(id);
    else byFolder.set(folder, [id]);
  }
  const [folder, ids] = [...byFolder].sort((a, b) => b[1].length - a[1].length)[0] ?? [];
  if (!folder || !ids) return null;
  if (ids.length < FOLDER_PAGE_MIN_ARTICLES || ids.length * 10 < articles.length * 9) return null;
  // The run in the ids' usual shape (odd old ids of another length are left out).
  const shapes = new Map<string, number>();
  for (const id of ids) shapes.set(keyShape(id), (shapes.get(keyShape(id)) ?? 0) + 1);
  const shape = [...shapes].sort((a, b) => b[1] - a[1])[0]?.[0];
  // Ids of one shape have one length, so their string order is their numeric order.
  const run = ids.filter((id) => keyShape(id) === shape).sort();
  return { folder, lo: run[0] as string, hi: run.at(-1) as string };
}

/** Two pages about one folder (two categories filed together): only the common run is complete. */
function mergeSpans(a: IdSpan | null | undefined, b: IdSpan): IdSpan | null {
  if (a === undefined) return { lo: b.lo, hi: b.hi };
  if (a === null || keyShape(a.lo) !== keyShape(b.lo)) return null;
  const lo = a.lo < b.lo ? b.lo : a.lo;
  const hi = a.hi < b.hi ? a.hi : b.hi;
  return hi < lo ? null : { lo, hi };
}

export function createMirrorIndexes(deps: {
  ladder: FetchLadder;
  store: KeyValueStore;
  now: () => number;
  options?: MirrorIndexOptions;
}): MirrorIndexes {
  const { ladder, store, now } = deps;
  const ttl = deps.options?.indexTtlMs ?? 6 * 3_600_000;
  const retry = deps.options?.indexRetryMs ?? 10 * 60_000;
  const maxPages = deps.options?.maxIndexPages ?? 48;
  const concurrency = deps.options?.indexConcurrency ?? 4;
  const memory = new Map<string, MirrorIndex>();
  const loading = new Map<string, Promise<MirrorIndex | null>>();
  const unreachableUntil = new Map<string, number>();

  const load = (
    repo: RepoRef,
    folders: readonly string[],
    previous?: MirrorIndex,
  ): Promise<MirrorIndex | null> => {
    const key = indexKey(repo);
    let running = loading.get(key);
    if (!running) {
      running = build(repo, folders, previous)
        .then(async (index) => {
          if (index) {
            memory.set(key, index);
            await store.set(key, index);
          } else unreachableUntil.set(key, now() + UNREACHABLE_MS);
          return index;
        })
        .finally(() => loading.delete(key));
      loading.set(key, running);
    }
    return running;
  };

  const build = async (
    repo: RepoRef,
    folders: readonly string[],
    previous?: MirrorIndex,
  ): Promise<MirrorIndex | null> => {
    const index: MirrorIndex = { version: 1, refreshAfter: 0, entries: {}, folders: {}, pages: [] };
    let failed = false;
    // Folder → the run its pages list; null when two pages disagree on the shape of its ids.
    const spans = new Map<string, IdSpan | null>();
    const read = async (path: string): Promise<string[]> => {
      try {
        const { text } = await ladder.fetch({
          location: { ...repo, path },
          kind: 'index',
          firstNotFoundIsFinal: true,
        });
        const links = parseIndexPage(text, { owner: repo.owner, repo: repo.repo, path });
        index.pages.push(path);
        for (const article of links.articles) {
          index.entries[article.id] ??= article.path;
          const folder = (index.folders[article.folder] ??= { count: 0, shapes: [] });
          folder.count += 1;
          const shape = keyShape(article.id);
          if (folder.shapes.length < SHAPES_PER_FOLDER && !folder.shapes.includes(shape)) {
            folder.shapes.push(shape);
          }
        }
        const span = folderPageSpan(links.articles);
        if (span) spans.set(span.folder, mergeSpans(spans.get(span.folder), span));
        return links.indexPages;
      } catch (error) {
        if (!(error instanceof MirrorFetchError && error.code === 'not-found')) failed = true;
        return [];
      }
    };

    const seen = new Set<string>(['README.md']);
    const readmeLinks = await read('README.md');
    if (failed) return null;
    const queue = readmeLinks.filter((p) => !seen.has(p));
    queue.forEach((p) => seen.add(p));
    const drain = async () => {
      const worker = async () => {
        for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
          for (const link of await read(path)) {
            if (!seen.has(link) && seen.size < maxPages) {
              seen.add(link);
              queue.push(link);
            }
          }
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
    };
    await drain();
    // Folders no index page was about: the mirror may still publish `indexes/<folder>.md`.
    const covered = new Set(
      Object.keys(index.folders).filter((f) => (index.folders[f]?.count ?? 0) >= 5),
    );
    for (const folder of folders) {
      const path = `indexes/${folder}.md`;
      if (!covered.has(folder) && !seen.has(path) && seen.size < maxPages) {
        seen.add(path);
        queue.push(path);
      }
    }
    await drain();
    for (const [name, span] of spans) {
      const folder = index.folders[name];
      if (folder && span) folder.span = span;
    }
    if (failed && previous) {
      // Some pages did not load this time: keep what they said last time.
      for (const [id, path] of Object.entries(previous.entries)) index.entries[id] ??= path;
      for (const [name, folder] of Object.entries(previous.folders)) index.folders[name] ??= folder;
    }
    index.refreshAfter = now() + (failed ? retry : ttl);
    return index;
  };

  return {
    async get(repo, folders) {
      const key = indexKey(repo);
      let index = memory.get(key);
      if (!index) {
        const stored = await store.get<MirrorIndex>(key);
        if (stored && stored.version === 1) {
          index = stored;
          memory.set(key, stored);
        }
      }
      if (index) {
        const reachable = (unreachableUntil.get(key) ?? 0) <= now();
        if (now() >= index.refreshAfter && reachable) {
          void load(repo, folders, index).catch(() => undefined);
        }
        return index;
      }
      if ((unreachableUntil.get(key) ?? 0) > now()) return null;
      return load(repo, folders);
    },
    async idle() {
      while (loading.size > 0) await Promise.allSettled([...loading.values()]);
    },
  };
}
