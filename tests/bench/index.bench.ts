/**
 * The repository index (issue 12): build time and shard sizes from the mh-news listing and
 * from a synthetic 500,000-page repository; the snapshot's size in the build (dist/index);
 * lookup time once a shard is in memory and shard parse time; requests per resolve over every
 * original in the mh-news listing with the snapshot, with their distribution. Without
 * ../shared/listings, the mh-news figures are left out. Lookup and parse times are CPU time.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildIndex, type BuiltIndex } from '../../src/core/index/build';
import { parseDeletedTsv, parseLsTree, type ListedFile } from '../../src/core/index/listing';
import { lookupShard, parseShard, shardNumber, type Shard } from '../../src/core/index/shard';
import { createMemoryStore } from '../../src/core/cache/kv';
import { createMirrorClient } from '../../src/core/mirror-client';
import { createFakeNetwork, mirrorPage } from '../helpers/fake-network';

const LISTINGS = '../shared/listings';
const MH = 'gfw-breaker/mh-news';

/**
 * CPU time of this process, ms: the machine running the bench is often shared, and wall time
 * then counts other processes' turns.
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function sizes(built: BuiltIndex): string {
  const each = built.manifest.shards.map((s) => s.size);
  const total = each.reduce((a, b) => a + b, 0);
  const gz = built.shards.reduce((a, s) => a + gzipSync(s.text).length, 0);
  return `${each.length} shards, ${kb(total)} (gzip ${kb(gz)}), largest ${kb(Math.max(...each))}`;
}

async function timedBuild(
  label: string,
  files: ListedFile[],
  deleted: { path: string; commit: string }[],
) {
  const start = performance.now();
  const built = await buildIndex({
    repo: MH,
    branch: 'master',
    commit: null,
    builtAt: new Date().toISOString(),
    files,
    deleted,
  });
  console.log(`${label}: built in ${(performance.now() - start).toFixed(0)} ms; ${sizes(built)}`);
  return built;
}

function timeLookups(shards: Shard[], keys: string[]): void {
  const rounds = 200_000;
  // Each key with its own shard, already parsed: what a lookup does once the shard is loaded.
  const pairs = keys.map((key) => [shards[shardNumber(key, shards.length)] as Shard, key] as const);
  let found = 0;
  const start = cpuMs();
  for (let i = 0; i < rounds; i++) {
    const [shard, key] = pairs[i % pairs.length]!;
    found += lookupShard(shard, key).length;
  }
  const us = ((cpuMs() - start) * 1000) / rounds;
  console.log(
    `  lookup in a parsed shard: ${us.toFixed(3)} µs (budget 2 µs; ${found} of ${rounds} found)`,
  );
}

function timeParse(built: BuiltIndex): Shard[] {
  const largest = [...built.shards].sort((a, b) => b.text.length - a.text.length)[0]!;
  const rounds = 200;
  const start = cpuMs();
  for (let i = 0; i < rounds; i++) parseShard(largest.text);
  const ms = (cpuMs() - start) / rounds;
  console.log(
    `  parse of the largest shard (${kb(largest.text.length)}): ${ms.toFixed(3)} ms (budget 2 ms)`,
  );
  return built.shards.map((s) => parseShard(s.text)!);
}

function synthetic(count: number): ListedFile[] {
  return Array.from({ length: count }, (_, i) => ({
    path: `pages/f${i % 400}/${1_000_000 + i}.md`,
    sha: createHash('sha1').update(String(i)).digest('hex'),
    size: 4_000 + (i % 20_000),
  }));
}

function snapshotInBuild(): void {
  const dir = 'dist/index';
  if (!existsSync(dir))
    return console.log('snapshot in the build: dist/index missing (run vite build)');
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((n) =>
      statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)],
    );
  const files = walk(dir);
  const bytes = files.reduce((a, f) => a + statSync(f).size, 0);
  const gz = files.reduce((a, f) => a + gzipSync(readFileSync(f)).length, 0);
  console.log(`snapshot in the build: ${files.length} files, ${kb(bytes)} (${kb(gz)} compressed)`);
}

/** Every original of the listing, against a fake mirror holding its pages and the snapshot. */
async function requestsPerResolve(
  files: ListedFile[],
  deleted: { path: string; commit: string }[],
) {
  const network = createFakeNetwork();
  const pages = [...files.map((f) => f.path), ...deleted.map((d) => d.path)].filter((p) =>
    /^pages\/[^/]+\/[^/]+\.md$/.test(p),
  );
  // The fake serves pages we write, so the snapshot is built over their blob ids.
  const listed: ListedFile[] = [];
  for (const path of pages) {
    const text = mirrorPage(path, MH, path, 'http://x/');
    network.addFile(MH, path, text);
    const bytes = Buffer.from(text);
    listed.push({
      path,
      size: bytes.length,
      sha: createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex'),
    });
  }
  const live = new Set(files.map((f) => f.path));
  const snapshot = await buildIndex({
    repo: MH,
    branch: 'master',
    commit: null,
    builtAt: new Date().toISOString(),
    files: listed.filter((f) => live.has(f.path)),
    deleted: deleted.map((d) => ({ ...d, ...listed.find((f) => f.path === d.path) })),
  });
  const all = new Map([
    ['manifest.json', JSON.stringify(snapshot.manifest)],
    ...snapshot.shards.map((s) => [s.file, s.text] as [string, string]),
  ]);
  const client = createMirrorClient({
    fetch: network.fetch,
    store: createMemoryStore(),
    options: { endpoints: ['fastly'] },
    index: {
      snapshot: (repo) => (repo === MH ? (f) => Promise.resolve(all.get(f) ?? null) : null),
    },
  });
  const histogram = new Map<number, number>();
  const ids = [...new Set(pages.map((p) => p.split('/')[2]!.replace(/\.md$/, '')))];
  let total = 0;
  for (const id of ids) {
    const url = /^\d+$/.test(id)
      ? `http://www.minghui.org/mh/articles/2021/1/1/x-${id}.html`
      : `https://www.epochtimes.com/gb/21/1/1/${id}.htm`;
    const before = network.requests.length;
    await client.fetchArticle(url).catch(() => undefined);
    const used = network.requests.length - before;
    total += used;
    histogram.set(used, (histogram.get(used) ?? 0) + 1);
  }
  const dist = [...histogram]
    .sort((a, b) => a[0] - b[0])
    .map(([n, c]) => `${n} request${n === 1 ? '' : 's'}: ${c}`);
  console.log(
    `requests per article over every original in the mh-news listing (${ids.length}, on the branch and deleted), with the snapshot: ${(total / ids.length).toFixed(4)} average (budget 1.05); ${dist.join(', ')}`,
  );
}

export default async function (): Promise<void> {
  if (existsSync(LISTINGS)) {
    const files = parseLsTree(readFileSync(join(LISTINGS, 'mh-news.ls-tree.txt'), 'utf8')).items;
    const deleted = parseDeletedTsv(
      readFileSync(join(LISTINGS, 'mh-news.deleted.tsv'), 'utf8'),
    ).items;
    const built = await timedBuild('mh-news listing', files, deleted);
    const shards = timeParse(built);
    const keys = files.map((f) => f.path.split('/').at(-1)!.replace(/\.md$/, ''));
    timeLookups(shards, keys);
    await requestsPerResolve(files, deleted);
  } else {
    console.log(`mh-news figures skipped: ${LISTINGS} missing`);
  }
  const big = await timedBuild('synthetic 500,000-page repository', synthetic(500_000), []);
  const bigShards = timeParse(big);
  timeLookups(
    bigShards,
    Array.from({ length: 1000 }, (_, i) => String(1_000_000 + i * 499)),
  );
  snapshotInBuild();
}
