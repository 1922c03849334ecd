/**
 * (a) Requests per article opened (resolve + page) over a list of originals, once the mirrors'
 * index pages are known, and again when the pages are cached. With the corpus: its MANIFEST
 * originals against a fake mirror holding the corpus (by source and by how each was found;
 * then held out: learn from one half, measure the other), plus the originals of the articles
 * the corpus index pages list (the pages users meet most: recent ones). Without it:
 * synthetic. (a') With the mh-news tree listing: a mirror whose index pages list each
 * folder's newest ids, measured on the older ones — on a fresh device, on one device learning
 * as it goes, and held out.
 * (b) Failover: the first endpoint hangs; time until the page arrives, against the hedge delay
 * plus one round trip to a local HTTP server.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { blobUrl } from '../../src/core/fetch/endpoints';
import type { FetchLike } from '../../src/core/fetch/fetch-ladder';
import { createMemoryStore } from '../../src/core/cache/kv';
import { matchUrl } from '../../src/core/match/match';
import { createMirrorClient, type MirrorClient } from '../../src/core/mirror-client';
import { builtinSources } from '../../src/core/sources/builtin';
import type { Source } from '../../src/core/sources/types';
import {
  createFakeNetwork,
  mirrorPage,
  parseEndpointUrl,
  type FakeNetwork,
} from '../helpers/fake-network';

const CORPUS = '../shared/corpus';
const REPOS: Record<string, string> = {
  goodnews: 'begood0513/goodnews',
  'mh-news': 'gfw-breaker/mh-news',
};

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], seed: number): T[] {
  const random = prng(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** An original URL for an article id, in the shape of the source that owns ids like it. */
function originalFor(repo: string, folder: string, id: string): string | undefined {
  if (repo === 'gfw-breaker/mh-news' && /^\d+$/.test(id)) {
    return `http://www.minghui.org/mh/articles/2021/1/1/标题-${id}.html`;
  }
  if (/^n\d{8}$/.test(id) && (folder.startsWith('nf') || folder.startsWith('nsc'))) {
    return `https://www.epochtimes.com/gb/21/1/1/${id}.htm`;
  }
  if (/^a\d+$/.test(id)) return `https://www.ntdtv.com/gb/2021/01/01/${id}.html`;
  if (/^\d+$/.test(id)) return `https://www.secretchina.com/news/gb/2021/01/01/${id}.html`;
  return undefined;
}

type Store = ReturnType<typeof createMemoryStore>;

/** One article opened: its source, how it was found and what it cost. */
interface Opened {
  source: string;
  via: string;
  requests: number;
}

const LISTINGS = '../shared/listings/mh-news.ls-tree.txt';

/** Lookups that miss, one per source, so that the index pages are loaded before counting. */
const WARMUP = [
  'http://www.minghui.org/mh/articles/2021/1/1/x-9999999.html',
  'https://www.epochtimes.com/gb/21/1/1/n99999999.htm',
  'https://www.ntdtv.com/gb/2021/01/01/a999999999.html',
  'https://www.secretchina.com/news/gb/2021/01/01/9999999.html',
  'https://www.soundofhope.org/gb/2021/01/01/n9999999.html',
];

/** A device: a client over a store of its own. */
function device(
  network: FakeNetwork,
  sources: readonly Source[],
  store: Store = createMemoryStore(),
  pageCacheBytes = 64 << 10,
) {
  // A page cache no larger than needed: the in-memory store copies whole values, and the
  // cache's own index grows with every page.
  const options = { pageCacheBytes };
  return { store, client: createMirrorClient({ fetch: network.fetch, store, sources, options }) };
}

async function warm(network: FakeNetwork, client: MirrorClient): Promise<number> {
  const before = network.requests.length;
  for (const url of WARMUP) await client.resolve(url).catch(() => undefined);
  await client.idle();
  return network.requests.length - before;
}

/** Opens one article (resolve, then the page: found pages are cached on the way). */
async function open(
  network: FakeNetwork,
  client: MirrorClient,
  sources: readonly Source[],
  url: string,
): Promise<Opened> {
  const before = network.requests.length;
  const { via } = await client.resolve(url);
  await client.fetchArticle(url);
  return {
    source: matchUrl(url, sources)?.source.id ?? '?',
    via,
    requests: network.requests.length - before,
  };
}

/** Every article opened on a copy of one device: what each costs with nothing learned since. */
async function openFrozen(
  network: FakeNetwork,
  sources: readonly Source[],
  store: Store,
  urls: readonly string[],
): Promise<Opened[]> {
  const state: Record<string, unknown> = {};
  // What the resolver learned, less what cannot matter to the articles measured (none of
  // them was opened on the device): its cache of keys and pages.
  for (const key of store.keys().filter((k) => !/^(page|resolve:)/.test(k))) {
    state[key] = await store.get(key);
  }
  const out: Opened[] = [];
  for (const url of urls) {
    const { client } = device(network, sources, createMemoryStore(state));
    out.push(await open(network, client, sources, url));
  }
  return out;
}

function distribution(counts: readonly number[]): string {
  const histogram = new Map<number, number>();
  for (const c of counts) histogram.set(c, (histogram.get(c) ?? 0) + 1);
  return [...histogram.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([requests, n]) => `${requests}:${n}`)
    .join('  ');
}

function average(counts: readonly number[]): string {
  return (counts.reduce((a, b) => a + b, 0) / Math.max(1, counts.length)).toFixed(2);
}

function report(name: string, opened: readonly Opened[], groups: ('source' | 'via')[] = []): void {
  const counts = opened.map((o) => o.requests);
  const total = counts.reduce((a, b) => a + b, 0);
  console.log(
    `  ${name}: ${counts.length} articles, ${total} requests, average ${average(counts)}`,
  );
  console.log(`    distribution (requests:articles)  ${distribution(counts)}`);
  for (const group of groups) {
    const by = new Map<string, number[]>();
    for (const o of opened) by.set(o[group], [...(by.get(o[group]) ?? []), o.requests]);
    for (const [name, c] of [...by].sort()) {
      console.log(
        `    ${group === 'via' ? 'found by ' : ''}${name}: ${c.length}, average ${average(c)}  (${distribution(c)})`,
      );
    }
  }
}

/** Learns from one half (opened on one device), then measures the other half frozen; both ways. */
async function heldOut(
  network: FakeNetwork,
  sources: readonly Source[],
  urls: readonly string[],
  seed: number,
  /** Articles measured per half at most (each costs a device of its own). */
  sample = Infinity,
): Promise<Opened[]> {
  const mixed = shuffle([...urls], seed);
  const halves = [mixed.slice(0, mixed.length >> 1), mixed.slice(mixed.length >> 1)];
  const measured: Opened[] = [];
  for (const [learn, test] of [halves, [...halves].reverse()] as string[][][]) {
    const { client, store } = device(network, sources);
    await warm(network, client);
    for (const url of learn ?? []) await open(network, client, sources, url);
    measured.push(...(await openFrozen(network, sources, store, (test ?? []).slice(0, sample))));
  }
  return measured;
}

async function corpusFigures(): Promise<void> {
  const network = createFakeNetwork();
  const manifest: string[] = [];
  const indexed = new Set<string>();
  for (const [dir, repo] of Object.entries(REPOS)) {
    const root = join(CORPUS, dir);
    for (const file of walk(root)) {
      const path = relative(root, file).split('\\').join('/');
      if (path.endsWith('.md')) network.addFile(repo, path, readFileSync(file, 'utf8'));
    }
    for (const line of readFileSync(join(root, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1)) {
      const url = line.split('\t')[2];
      if (url) manifest.push(url);
    }
    // The articles the mirror's own index pages list, with a page for each (the real mirror
    // has them; the corpus keeps only a few).
    const indexText = [
      'README.md',
      ...readdirSync(join(root, 'indexes')).map((f) => `indexes/${f}`),
    ]
      .map((p) => readFileSync(join(root, p), 'utf8'))
      .join('\n');
    for (const [, folder = '', id = ''] of indexText.matchAll(
      /pages\/([^/)?\s]+)\/([^/)?\s.]+)\.md/g,
    )) {
      const url = originalFor(repo, folder, id);
      if (!url) continue;
      const path = `pages/${folder}/${id}.md`;
      if (!network.files.get(repo)?.has(path))
        network.addFile(repo, path, mirrorPage(id, repo, path, url));
      indexed.add(url);
    }
  }
  const sources = builtinSources;
  console.log(
    '(a) requests per article opened (resolve + page), corpus mirror, every endpoint answering',
  );
  const lists = [
    { name: 'corpus MANIFEST originals', urls: shuffle(manifest, 1), groups: ['source', 'via'] },
    {
      name: 'originals of articles the index pages list',
      urls: shuffle([...indexed], 2),
      groups: [],
    },
  ] as const;
  for (const { name, urls, groups } of lists) {
    const { client } = device(network, sources, createMemoryStore(), 1 << 20);
    const indexRequests = await warm(network, client);
    console.log(`  [${name}] index pages and warm-up misses: ${indexRequests} requests`);
    const first: Opened[] = [];
    for (const url of urls) first.push(await open(network, client, sources, url));
    report('first open, one device, in turn', first, [...groups]);
    const again: Opened[] = [];
    for (const url of urls) again.push(await open(network, client, sources, url));
    report('second open (page cached)', again);
  }
  report(
    'corpus MANIFEST, held out: learn from one half on one device, open the other half with nothing learned since (both ways)',
    await heldOut(network, sources, manifest, 4),
    ['source'],
  );
}

/**
 * The full mh-news tree as a mirror whose index pages list the `listed` newest ids of each
 * folder, README.md linking them; measured on the older ids (the ones no index page lists).
 * `full`: also one device opening all of them in turn, and held out.
 */
async function treeFigures(listed: number, full: boolean): Promise<void> {
  const repo = 'gfw-breaker/mh-news';
  const network = createFakeNetwork();
  const byFolder = new Map<string, string[]>();
  for (const line of readFileSync(LISTINGS, 'utf8').split('\n')) {
    const path = line.split('\t')[1] ?? '';
    const [, folder, id] = /^pages\/([^/]+)\/([^/]+)\.md$/.exec(path) ?? [];
    if (!folder || !id) continue;
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), id]);
  }
  // Measured with nothing learned since: each article on a device of its own, a sample.
  const sample = 1000;
  const older: string[] = [];
  const readme: string[] = [];
  for (const [folder, ids] of byFolder) {
    // Ids of one source have one length (or nearly): numeric order.
    ids.sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
    const lines: string[] = [];
    ids.forEach((id, i) => {
      const path = `pages/${folder}/${id}.md`;
      const url = originalFor(repo, folder, id);
      network.addFile(repo, path, mirrorPage(id, repo, path, url ?? 'http://x/'));
      if (i >= ids.length - listed) lines.unshift(`#### [${id}](../${path}?t=1)`);
      else if (url) older.push(url);
    });
    network.addFile(repo, `indexes/${folder}.md`, lines.join('\n\n'));
    readme.push(`[${folder}](indexes/${folder}.md?t=1)`);
  }
  network.addFile(repo, 'README.md', `### 明慧\n#### ${readme.join(' | ')}`);
  // Only this mirror: the figures are about predicting its folders.
  const sources = builtinSources
    .map((s) => ({ ...s, mirrors: s.mirrors.filter((m) => `${m.owner}/${m.repo}` === repo) }))
    .filter((s) => s.mirrors.length > 0);
  const urls = [...new Set(older)];
  console.log(
    `(a') the mh-news tree (${LISTINGS}), index pages listing the ${listed} newest ids per folder; ${urls.length} older ids`,
  );
  const { client, store } = device(network, sources);
  await warm(network, client);
  report(
    `each on a fresh device (index pages only), ${Math.min(sample, urls.length)} of them`,
    await openFrozen(network, sources, store, shuffle(urls, 7).slice(0, sample)),
    ['source'],
  );
  if (!full) return;
  const sequence: Opened[] = [];
  for (const url of shuffle(urls, 5)) sequence.push(await open(network, client, sources, url));
  report('all in turn on one device, learning from its finds', sequence, ['source']);
  for (const source of new Set(sequence.map((o) => o.source))) {
    const mine = sequence.filter((o) => o.source === source).map((o) => o.requests);
    const stages = [0, 20, 100, 500]
      .filter((from) => from < mine.length)
      .map((from, i, all) => {
        const to = Math.min(all[i + 1] ?? Infinity, mine.length);
        return `${from + 1}-${to}: ${average(mine.slice(from, to))}`;
      });
    console.log(`    ${source} by how many it had opened before: ${stages.join('  ')}`);
  }
  report(
    `held out: learn from one half, open ${sample / 2} of the other half with nothing learned since (both ways)`,
    await heldOut(network, sources, urls, 6, sample / 2),
    ['source'],
  );
}

async function syntheticFigures(): Promise<void> {
  const network = createFakeNetwork();
  const repo = 'gfw-breaker/mh-news';
  const minghui = builtinSources.find((s) => s.id === 'minghui.org');
  const rule = minghui?.mirrors[0]?.path;
  const folders = rule?.kind === 'lookup' ? rule.folders : [];
  const urls: string[] = [];
  const readme: string[] = [];
  let id = 400_000;
  for (const folder of folders) {
    const lines: string[] = [];
    for (let i = 0; i < 10; i++) {
      const key = String(id++);
      const path = `pages/${folder}/${key}.md`;
      const url = `http://www.minghui.org/mh/articles/2021/1/1/标题-${key}.html`;
      network.addFile(repo, path, mirrorPage(key, repo, path, url));
      if (i < 8) lines.push(`#### [${key}](../${path}?t=1)`);
      urls.push(url);
    }
    network.addFile(repo, `indexes/${folder}.md`, lines.join('\n\n'));
    readme.push(`[${folder}](indexes/${folder}.md?t=1)`);
  }
  network.addFile(repo, 'README.md', `### 明慧\n#### ${readme.join(' | ')}`);
  console.log('(a) requests per article opened (resolve + page), synthetic mirror');
  const { client } = device(network, builtinSources);
  console.log(`  index pages and warm-up misses: ${await warm(network, client)} requests`);
  const first: Opened[] = [];
  for (const url of shuffle(urls, 3)) first.push(await open(network, client, builtinSources, url));
  report('listed in index pages (80%) and not (20%), first open', first, ['via']);
}

async function requestsPerResolve(): Promise<void> {
  if (existsSync(CORPUS)) await corpusFigures();
  else await syntheticFigures();
  if (existsSync(LISTINGS)) {
    await treeFigures(20, true);
    // As many as the real index pages list (the corpus's list about 60).
    await treeFigures(60, false);
  }
}

async function failover(): Promise<void> {
  const page = mirrorPage('标题', 'gfw-breaker/mh-news', 'pages/19/428315.md', 'http://x/');
  const held = new Set<import('node:http').ServerResponse>();
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/hang/')) {
      held.add(res);
      res.on('close', () => held.delete(res));
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/plain; charset=utf-8',
      'content-length': Buffer.byteLength(page),
    });
    res.end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // fastly (first on a fresh network) hangs; the others answer from the local server.
  const local: FetchLike = (url, init) => {
    const { endpoint } = parseEndpointUrl(url);
    return fetch(`${base}/${endpoint === 'fastly' ? 'hang' : 'ok'}/${endpoint}`, init);
  };
  const median = (xs: number[]) =>
    [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const mirrorUrl = blobUrl({
    owner: 'gfw-breaker',
    repo: 'mh-news',
    branch: 'master',
    path: 'pages/19/428315.md',
  });
  /** fetchArticle on a fresh client (no cache, no health) over `fetch`, timed, n times. */
  const timeFetch = async (fetchLike: FetchLike, hedgeDelayMs: number, n: number) => {
    const times: number[] = [];
    let endpoint = '';
    for (let i = 0; i < n; i++) {
      const client = createMirrorClient({
        fetch: fetchLike,
        store: createMemoryStore(),
        options: { hedgeDelayMs },
      });
      const t0 = performance.now();
      endpoint = (await client.fetchArticle(mirrorUrl)).endpoint;
      times.push(performance.now() - t0);
    }
    return { median: median(times), max: Math.max(...times), endpoint };
  };
  // One round trip through the same client path, nothing hanging (new connection each time,
  // as the hedged request needs one while the hanging request holds the first).
  const direct: FetchLike = (url, init) =>
    fetch(`${base}/ok/${parseEndpointUrl(url).endpoint}`, {
      ...init,
      headers: { connection: 'close' },
    });
  await timeFetch(direct, 800, 3);
  const trip = await timeFetch(direct, 800, 21);
  console.log(
    `(b) failover, first endpoint (fastly) hanging; one local round trip through the client: median ${trip.median.toFixed(1)} ms`,
  );
  for (const hedgeDelayMs of [800, 300]) {
    const hedged = await timeFetch(local, hedgeDelayMs, 9);
    console.log(
      `  hedge ${hedgeDelayMs} ms: page from ${hedged.endpoint} in median ${hedged.median.toFixed(1)} ms (max ${hedged.max.toFixed(1)}); ` +
        `hedge + round trip = ${(hedgeDelayMs + trip.median).toFixed(1)} ms; excess ${(hedged.median - hedgeDelayMs - trip.median).toFixed(1)} ms`,
    );
  }
  for (const res of held) res.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export default async function (): Promise<void> {
  await requestsPerResolve();
  await failover();
}
