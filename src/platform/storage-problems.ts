/**
 * Stored entries found corrupt and dropped, kept for the options page to report. Bounded: a
 * profile full of junk must not grow this list without end.
 */
import { browser } from './api';
import { withLock } from './locks';

export type ProblemArea = 'settings' | 'sources' | 'library' | 'cache';

export interface StorageProblem {
  area: ProblemArea;
  /** The dropped entry: a setting's name, a source's item, an article's title or id. */
  key: string;
  at: number;
}

export const PROBLEMS_KEY = 'storageProblems';
const MAX_PROBLEMS = 50;
const AREAS: readonly string[] = ['settings', 'sources', 'library', 'cache'];

function isProblem(value: unknown): value is StorageProblem {
  const p = value as Partial<StorageProblem> | null;
  return (
    typeof p === 'object' &&
    p !== null &&
    AREAS.includes(p.area as string) &&
    typeof p.key === 'string' &&
    typeof p.at === 'number'
  );
}

export async function getProblems(): Promise<StorageProblem[]> {
  const { [PROBLEMS_KEY]: list } = await browser.storage.local.get(PROBLEMS_KEY);
  return Array.isArray(list) ? list.filter(isProblem) : [];
}

export function reportProblems(found: { area: ProblemArea; key: string }[]): Promise<void> {
  if (found.length === 0) return Promise.resolve();
  return withLock('mirror-reader-problems', async () => {
    const at = Date.now();
    const list = [
      ...(await getProblems()),
      ...found.map((p) => ({ ...p, key: p.key.slice(0, 120), at })),
    ];
    await browser.storage.local.set({ [PROBLEMS_KEY]: list.slice(-MAX_PROBLEMS) });
  });
}

export async function clearProblems(): Promise<void> {
  await browser.storage.local.remove(PROBLEMS_KEY);
}
