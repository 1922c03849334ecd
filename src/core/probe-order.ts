/**
 * Which folders to probe for a key, most likely first. Three signals, strongest first: the
 * folders this source's pages were found in before on this device (hit counts), the source's
 * own list (ordered by how many pages each folder holds), and folders the mirror's index pages
 * name whose article ids look like this key (`n12681566` is not a minghui id).
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

export interface FolderKnowledge {
  /** Articles an index page lists in the folder, and the shapes of their ids. */
  count: number;
  shapes: string[];
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
