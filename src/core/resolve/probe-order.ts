/**
 * Which folders to probe for a key, most likely first, over all of a source's mirrors at once.
 *
 * Each source numbers its articles in time order (n12681566, a103470752, 403141), and a
 * folder is filled over a stretch of time, so the ids a folder is known to hold say where the
 * key may be. Known: listed on the mirror's index pages, or found there before on this device.
 * 1. A folder whose own index page lists a run of ids around the key, without the key, most
 *    likely does not hold it (such a page lists the folder's newest articles, all of them): it
 *    is probed last, not dropped (a page can miss one).
 * 2. The others by their known id numerically nearest the key: that folder was being filled
 *    when the key was published. Nearest, not "whose range covers the key": covering ranges
 *    favour sparse folders, which hold few pages. A folder nothing is known about ranks as a
 *    typical one, just after the median.
 * 3. Ties keep the mirrors in the source's order, then `probeOrder` within a mirror: earlier
 *    finds (most first), the source's list (most pages first), then folders the index pages
 *    name with ids shaped like the key.
 * Measured by `npm run bench resolve` on the mh-news tree, requests per older article (one
 * no index page lists): index pages listing each folder's 60 newest, on a fresh device 4.4 →
 * 2.7; listing 20, once the device has found the other half 4.7 → 1.9. Per-folder hit counts
 * alone barely help (they converge to the source's list order), and the date in an original
 * URL orders a source's articles as its ids do.
 */

/** `n12681566` → `n#8`: letters kept, digit runs replaced by their length. */
export function keyShape(id: string): string {
  return id.replace(/[0-9]+/g, (digits) => `#${digits.length}`);
}

/** Same letters and separators, digit runs within one digit of each other in length. */
export function shapesMatch(a: string, b: string): boolean {
  const split = (s: string) => s.split(/#(\d+)/);
  const pa = split(a);
  const pb = split(b);
  if (pa.length !== pb.length) return false;
  return pa.every((part, i) => {
    const other = pb[i] as string;
    return i % 2 === 0 ? part === other : Math.abs(Number(part) - Number(other)) <= 1;
  });
}

/**
 * How far apart two ids are in their source's numbering (their digits read as one number);
 * Infinity unless they have one shape (`keyShape`). Runs for every known id of every
 * candidate folder, so it compares in place instead of building shapes.
 */
export function idDistance(a: string, b: string): number {
  if (a.length !== b.length) return Infinity;
  let x = 0;
  let y = 0;
  let digits = 0;
  for (let i = 0; i < a.length; i++) {
    const ca = a.charCodeAt(i) - 48;
    const cb = b.charCodeAt(i) - 48;
    const da = ca >= 0 && ca <= 9;
    if (da !== (cb >= 0 && cb <= 9) || (!da && ca !== cb)) return Infinity;
    if (da) {
      x = x * 10 + ca;
      y = y * 10 + cb;
      digits++;
    }
  }
  return digits === 0 ? Infinity : Math.abs(x - y);
}

/** A run of ids an index page about one folder lists completely: its oldest and newest. */
export interface IdSpan {
  lo: string;
  hi: string;
}

export function inSpan(key: string, span: IdSpan): boolean {
  const width = idDistance(span.lo, span.hi);
  if (width === Infinity) return false;
  return idDistance(key, span.lo) <= width && idDistance(key, span.hi) <= width;
}

export interface FolderKnowledge {
  /** Articles an index page lists in the folder, and the shapes of their ids. */
  count: number;
  shapes: string[];
  /** Set when a page about this folder alone lists it (see mirror-index.ts). */
  span?: IdSpan;
}

export function probeOrder(input: {
  key: string;
  /** The source's likely folders, most frequent first. */
  listed: readonly string[];
  /** Earlier finds of this source's pages in this mirror, by folder. */
  hits: Readonly<Record<string, number>>;
  /** What the mirror's index pages say about its folders. */
  indexed: Readonly<Record<string, FolderKnowledge>>;
}): string[] {
  const shape = keyShape(input.key);
  const score = new Map<string, number>();
  const n = input.listed.length;
  // A listed folder's prior stays below 1, so one earlier find outranks list order.
  input.listed.forEach((folder, i) => {
    if (!score.has(folder)) score.set(folder, (n - i) / (n + 1));
  });
  for (const [folder, knowledge] of Object.entries(input.indexed)) {
    if (score.has(folder) || !knowledge.shapes.some((s) => shapesMatch(s, shape))) continue;
    // Unlisted but plausible: after the listed ones, the busier first.
    score.set(folder, -1 / (1 + knowledge.count));
  }
  for (const [folder, hits] of Object.entries(input.hits)) {
    if (hits > 0) score.set(folder, (score.get(folder) ?? 0) + hits);
  }
  return [...score.entries()].sort((a, b) => b[1] - a[1]).map(([folder]) => folder);
}

/** What is known about one folder of one mirror, for one key's source. */
export interface FolderEvidence {
  /** Ids the index pages list in the folder and ids found there before. */
  known: readonly string[];
  span?: IdSpan;
}

export interface MirrorCandidates {
  /** In `probeOrder`'s order. */
  folders: readonly string[];
  evidence: Readonly<Record<string, FolderEvidence>>;
}

export interface RankedProbe {
  /** Index into the mirrors given. */
  mirror: number;
  folder: string;
}

/** Every candidate folder of every mirror, in the order to probe them (see the top). */
export function rankProbes(key: string, mirrors: readonly MirrorCandidates[]): RankedProbe[] {
  const ranked = mirrors.flatMap((candidates, mirror) =>
    candidates.folders.map((folder, position) => {
      const evidence = candidates.evidence[folder];
      const span = evidence?.span;
      const known = evidence?.known ?? [];
      const ruledOut = span !== undefined && inSpan(key, span) && !known.includes(key);
      let nearest = Infinity;
      for (const id of known) nearest = Math.min(nearest, idDistance(key, id));
      return { mirror, folder, position, ruledOut, nearest };
    }),
  );
  // Nothing known is not evidence against a folder: it ranks as a typical one, just after the
  // median of those something is known about (measured: fewer probes while few folders have
  // index pages; no change once all have).
  const distances = ranked
    .filter((c) => !c.ruledOut && c.nearest !== Infinity)
    .map((c) => c.nearest)
    .sort((a, b) => a - b);
  const typical = distances[Math.floor((distances.length - 1) / 2)] ?? Infinity;
  const distance = (c: (typeof ranked)[number]) => (c.nearest === Infinity ? typical : c.nearest);
  const closer = (a: number, b: number) => (a === b ? 0 : a < b ? -1 : 1);
  ranked.sort(
    (a, b) =>
      Number(a.ruledOut) - Number(b.ruledOut) ||
      closer(distance(a), distance(b)) ||
      Number(a.nearest === Infinity) - Number(b.nearest === Infinity) ||
      a.mirror - b.mirror ||
      a.position - b.position,
  );
  return ranked.map(({ mirror, folder }) => ({ mirror, folder }));
}
