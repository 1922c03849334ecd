/**
 * The index built on this device, for a mirror no published index covers (one a user added,
 * our branch blocked, an old snapshot). Built with the CLI's code from the mirror's own
 * listing: GitHub's git-trees API (one request, or one per folder when the answer is
 * `truncated`), else jsDelivr's directory listing of `pages/` (names only: no blob ids, so
 * those pages stay unverified). At most one attempt a day per repository: the API allows 60
 * unauthenticated requests an hour per IP, shared by everyone behind it, so 403 and 429 are
 * expected and simply end the attempt. Kept in the store as the files of a built index.
 */
import type { FetchLike } from '../fetch/fetch-ladder';
import type { KeyValueStore } from '../cache/kv';
import { SAFE_SEGMENT } from '../sources/safe-segment';
import type { Mirror } from '../sources/types';
import { buildIndex } from './build';
import { createIndexView, type IndexAnswer, type IndexView } from './index-view';
import { parseTrees, type ListedFile } from './listing';

export interface DeviceIndexes {
  lookup(mirror: Mirror, key: string): Promise<IndexAnswer | undefined>;
  /** Starts a build in the background unless one ran in the last day. */
  refresh(mirror: Mirror): void;
  idle(): Promise<void>;
}

const DAY_MS = 24 * 3_600_000;
const MAX_FOLDERS = 200;
const TIMEOUT_MS = 20_000;

const repoId = (m: Mirror) => `${m.owner}/${m.repo}`.toLowerCase();
const fileKey = (m: Mirror, file: string) => `devindex:${repoId(m)}@${m.branch}:${file}`;

class ListingError extends Error {}

async function getText(fetch: FetchLike, url: string): Promise<string> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const response = await fetch(url, { signal: controller.signal });
    if (response.status !== 200) throw new ListingError(`HTTP ${response.status} from ${url}`);
    return await response.text();
  } finally {
    clearTimeout(timer);
  }
}

async function getJson(fetch: FetchLike, url: string): Promise<unknown> {
  try {
    return JSON.parse(await getText(fetch, url)) as unknown;
  } catch (error) {
    throw error instanceof ListingError ? error : new ListingError(`not JSON: ${url}`);
  }
}

function treeEntries(answer: unknown): { path: string; type: string; sha: string }[] {
  const tree = (answer as { tree?: unknown } | null)?.tree;
  return Array.isArray(tree) ? (tree as { path: string; type: string; sha: string }[]) : [];
}

/** The listing from the git-trees API, folder by folder when the recursive answer is cut. */
async function fromTrees(fetch: FetchLike, m: Mirror): Promise<ListedFile[]> {
  const base = `https://api.github.com/repos/${encodeURIComponent(m.owner)}/${encodeURIComponent(m.repo)}/git/trees/`;
  const whole = await getJson(fetch, `${base}${encodeURIComponent(m.branch)}?recursive=1`);
  const answers: unknown[] = [whole];
  if ((whole as { truncated?: unknown }).truncated === true) {
    const root = await getJson(fetch, `${base}${encodeURIComponent(m.branch)}`);
    const pages = treeEntries(root).find((e) => e.path === 'pages' && e.type === 'tree');
    if (!pages) throw new ListingError('no pages folder');
    const folders = await getJson(fetch, base + pages.sha);
    answers.splice(0, 1, root, folders);
    for (const folder of treeEntries(folders)
      .filter((e) => e.type === 'tree')
      .slice(0, MAX_FOLDERS)) {
      answers.push(await getJson(fetch, base + folder.sha));
    }
  }
  const listed = parseTrees(answers);
  return listed.items;
}

/** Names in a jsDelivr directory listing page. */
function listedNames(html: string): string[] {
  const names = [...html.matchAll(/href="([^"?#]+)"/g)].map((m) => {
    try {
      return (
        decodeURIComponent(m[1] as string)
          .replace(/\/$/, '')
          .split('/')
          .at(-1) ?? ''
      );
    } catch {
      return '';
    }
  });
  return [...new Set(names)];
}

async function fromJsdelivr(fetch: FetchLike, m: Mirror): Promise<ListedFile[]> {
  const base = `https://fastly.jsdelivr.net/gh/${encodeURIComponent(m.owner)}/${encodeURIComponent(m.repo)}@${encodeURIComponent(m.branch)}/pages/`;
  const folders = listedNames(await getText(fetch, base)).filter((n) => SAFE_SEGMENT.test(n));
  const files: ListedFile[] = [];
  for (const folder of folders.slice(0, MAX_FOLDERS)) {
    for (const name of listedNames(await getText(fetch, `${base}${folder}/`))) {
      if (name.endsWith('.md')) files.push({ path: `pages/${folder}/${name}`, sha: '', size: 0 });
    }
  }
  return files;
}

export function createDeviceIndexes(deps: {
  fetch: FetchLike;
  store: KeyValueStore;
  now: () => number;
}): DeviceIndexes {
  const { fetch, store, now } = deps;
  const views = new Map<string, IndexView>();
  const running = new Map<string, Promise<void>>();

  const view = (m: Mirror) => {
    let v = views.get(fileKey(m, ''));
    if (!v) {
      v = createIndexView(async (file) => (await store.get<string>(fileKey(m, file))) ?? null);
      views.set(fileKey(m, ''), v);
    }
    return v;
  };

  const build = async (m: Mirror) => {
    await store.set(fileKey(m, 'attempt'), now());
    let files: ListedFile[];
    try {
      files = await fromTrees(fetch, m);
    } catch {
      try {
        files = await fromJsdelivr(fetch, m);
      } catch {
        return;
      }
    }
    const built = await buildIndex({
      repo: `${m.owner}/${m.repo}`,
      branch: m.branch,
      commit: null,
      builtAt: new Date(now()).toISOString(),
      files,
    });
    for (const shard of built.shards) await store.set(fileKey(m, shard.file), shard.text);
    await store.set(fileKey(m, 'manifest.json'), JSON.stringify(built.manifest));
    views.delete(fileKey(m, ''));
  };

  return {
    async lookup(m, key) {
      return view(m).lookup(key);
    },
    refresh(m) {
      const id = fileKey(m, '');
      if (running.has(id)) return;
      const job = (async () => {
        const last = await store.get<number>(fileKey(m, 'attempt'));
        if (last !== undefined && now() - last < DAY_MS) return;
        await build(m);
      })()
        .catch(() => undefined)
        .finally(() => running.delete(id));
      running.set(id, job);
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running.values()]);
    },
  };
}
