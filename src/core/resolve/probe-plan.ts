/**
 * Which pages to probe for a key, in order: the ranked folders of every mirror still open
 * (probe-order.ts: index pages and earlier finds first), then every folder-shaped segment of
 * the original URL, each path once, at most `maxProbes` per mirror.
 */
import type { TriedMirror } from '../fetch/mirror-errors';
import type { Mirror, MirrorLocation } from '../sources/types';
import type { MirrorIndex } from './mirror-index';
import { probeOrder, rankProbes, type FolderEvidence, type MirrorCandidates } from './probe-order';
import type { FolderHistory } from './resolve-store';

/** Where the search for one key stands in one mirror. */
export interface Search {
  mirror: Mirror;
  at: (path: string) => MirrorLocation;
  template: string;
  folders: readonly string[];
  index?: MirrorIndex | null;
  tried: TriedMirror;
  /** Nothing more to try here (unreachable, or known to be absent). */
  done: boolean;
}

/** Fills `{folder}` and `{id}`; null when a value the template needs is missing or unsafe. */
export function fillTemplate(
  template: string,
  values: { id: string; folder?: string },
): string | null {
  let ok = true;
  const path = template.replace(/\{(id|folder)\}/g, (_, name: 'id' | 'folder') => {
    const value = values[name];
    if (!value || /[/\\]|^\.\.?$/.test(value)) ok = false;
    return value ?? '';
  });
  return ok ? path : null;
}

const listedIds = new WeakMap<MirrorIndex, Map<string, string[]>>();

/** The ids a mirror's index pages list, by folder. */
function idsByFolder(index: MirrorIndex | null | undefined): Map<string, string[]> {
  if (!index) return new Map();
  let byFolder = listedIds.get(index);
  if (!byFolder) {
    byFolder = new Map();
    for (const [id, path] of Object.entries(index.entries)) {
      const folder = path.split('/').at(-2);
      if (!folder) continue;
      const ids = byFolder.get(folder);
      if (ids) ids.push(id);
      else byFolder.set(folder, [id]);
    }
    listedIds.set(index, byFolder);
  }
  return byFolder;
}

/** One mirror's folders in its own order, with what is known of the ids each holds. */
function candidatesOf(key: string, search: Search, history: FolderHistory): MirrorCandidates {
  const folders = probeOrder({
    key,
    listed: search.folders,
    hits: history.hits,
    indexed: search.index?.folders ?? {},
  });
  const listed = idsByFolder(search.index);
  const evidence: Record<string, FolderEvidence> = {};
  for (const folder of folders) {
    const span = search.index?.folders[folder]?.span;
    evidence[folder] = {
      known: [...(listed.get(folder) ?? []), ...(history.finds[folder] ?? [])],
      ...(span ? { span } : {}),
    };
  }
  return { folders, evidence };
}

export function planProbes(
  key: string,
  open: readonly Search[],
  histories: readonly FolderHistory[],
  segments: readonly string[],
  maxProbes: number,
): MirrorLocation[] {
  const candidates = open.map((search, i) =>
    candidatesOf(key, search, histories[i] as FolderHistory),
  );
  const ranked = [
    ...rankProbes(key, candidates),
    ...open.flatMap((_, mirror) => segments.map((folder) => ({ mirror, folder }))),
  ];
  const budgets = open.map((search) => ({ asked: new Set(search.tried.paths), count: 0 }));
  const locations: MirrorLocation[] = [];
  for (const { mirror, folder } of ranked) {
    const search = open[mirror] as Search;
    const budget = budgets[mirror] as { asked: Set<string>; count: number };
    const path = fillTemplate(search.template, { id: key, folder });
    if (path === null || budget.asked.has(path) || budget.count >= maxProbes) continue;
    budget.asked.add(path);
    budget.count += 1;
    locations.push(search.at(path));
  }
  return locations;
}
