/**
 * (a) Requests per article opened (resolve + page) over a list of originals, once the mirrors'
 * index pages are known, and again when the pages are cached. With the corpus: its MANIFEST
 * originals against a fake mirror holding the corpus, plus the originals of the articles the
 * corpus index pages list (the pages users meet most: recent ones). Without it: synthetic.
 * (b) Failover: the first endpoint hangs; time until the page arrives, against the hedge delay
 * plus one round trip to a local HTTP server.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { blobUrl } from '../../src/core/endpoints';
import type { FetchLike } from '../../src/core/fetch-ladder';
import { createMemoryStore } from '../../src/core/kv';
import { createMirrorClient, type MirrorClient } from '../../src/core/mirror-client';
import { builtinSources } from '../../src/core/sources/builtin';
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

interface Lists {
  network: FakeNetwork;
  lists: { name: string; urls: string[] }[];
}

function corpusLists(): Lists {
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
  return {
    network,
    lists: [
      { name: 'corpus MANIFEST originals', urls: shuffle(manifest, 1) },
      { name: 'originals of articles the index pages list', urls: shuffle([...indexed], 2) },
    ],
  };
}

function syntheticLists(): Lists {
  const network = createFakeNetwork();
  const repo = 'gfw-breaker/mh-news';
  const minghui = builtinSources.find((s) => s.id === 'minghui.org');
  const rule = minghui?.mirrors[0]?.path;
  const folders = rule?.kind === 'lookup' ? rule.folders : [];
  const listed: string[] = [];
  const unlisted: string[] = [];
  const readme: string[] = [];
  let id = 400_000;
  for (const folder of folders) {
    const lines: string[] = [];
    for (let i = 0; i < 10; i++) {
      const key = String(id++);
      const path = `pages/${folder}/${key}.md`;
      const url = `http://www.minghui.org/mh/articles/2021/1/1/标题-${key}.html`;
      network.addFile(repo, path, mirrorPage(key, repo, path, url));
      if (i < 8) {
        lines.push(`#### [${key}](../${path}?t=1)`);
        listed.push(url);
      } else unlisted.push(url);
    }
    network.addFile(repo, `indexes/${folder}.md`, lines.join('\n\n'));
    readme.push(`[${folder}](indexes/${folder}.md?t=1)`);
  }
  network.addFile(repo, 'README.md', `### 明慧\n#### ${readme.join(' | ')}`);
  return {
    network,
    lists: [
      {
        name: 'synthetic: listed in index pages (80%) and not (20%)',
        urls: shuffle([...listed, ...unlisted], 3),
      },
    ],
  };
}

async function count(network: FakeNetwork, task: () => Promise<unknown>): Promise<number> {
  const before = network.requests.length;
  await task();
  return network.requests.length - before;
}

function report(name: string, counts: number[]): void {
  const total = counts.reduce((a, b) => a + b, 0);
  const histogram = new Map<number, number>();
  for (const c of counts) histogram.set(c, (histogram.get(c) ?? 0) + 1);
  const distribution = [...histogram.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([requests, n]) => `${requests}:${n}`)
    .join('  ');
  console.log(
    `  ${name}: ${counts.length} articles, ${total} requests, average ${(total / counts.length).toFixed(2)}`,
  );
  console.log(`    distribution (requests:articles)  ${distribution}`);
}

async function requestsPerResolve(): Promise<void> {
  const { network, lists } = existsSync(CORPUS) ? corpusLists() : syntheticLists();
  console.log(
    `(a) requests per article opened (resolve + page), ${existsSync(CORPUS) ? 'corpus' : 'synthetic'} mirror, every endpoint answering`,
  );
  for (const { name, urls } of lists) {
    const client: MirrorClient = createMirrorClient({
      fetch: network.fetch,
      store: createMemoryStore(),
    });
    // Learn the mirrors' index pages first: one resolve per source that needs a lookup.
    const warmup = [
      'http://www.minghui.org/mh/articles/2021/1/1/x-9999999.html',
      'https://www.epochtimes.com/gb/21/1/1/n99999999.htm',
      'https://www.ntdtv.com/gb/2021/01/01/a999999999.html',
      'https://www.secretchina.com/news/gb/2021/01/01/9999999.html',
      'https://www.soundofhope.org/gb/2021/01/01/n9999999.html',
    ];
    let indexRequests = 0;
    for (const url of warmup) {
      indexRequests += await count(network, () => client.resolve(url).catch(() => undefined));
    }
    console.log(`  [${name}] index pages and warm-up misses: ${indexRequests} requests`);
    const first: number[] = [];
    for (const url of urls) first.push(await count(network, () => client.fetchArticle(url)));
    report('first open', first);
    const again: number[] = [];
    for (const url of urls) again.push(await count(network, () => client.fetchArticle(url)));
    report('second open (page cached)', again);
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
