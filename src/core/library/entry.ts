/**
 * One article in the library: the mirror page as fetched (its Markdown source, from which
 * the article is extracted again when shown, so the sanitizer of the day applies) and what
 * the list shows. Stored entries are untrusted: `parseEntry` checks each on read.
 */
import type { MirrorLocation } from '../sources/types';

export const ENTRY_VERSION = 1;
/** A page over this is not kept (the largest mirror pages seen are under 1 MB). */
export const MAX_ENTRY_CHARS = 2_000_000;
const MAX_FIELD = 2000;

export interface LibraryEntry {
  v: typeof ENTRY_VERSION;
  /** The mirror location as one string: `owner/repo@branch:path`. */
  id: string;
  /** URLs that open this article: the original and the mirror page. */
  urls: string[];
  title: string;
  /** Source id, null when none matched. */
  source: string | null;
  published: string | null;
  originalUrl: string | null;
  mirrorUrl: string;
  location: MirrorLocation;
  /** The mirror page text. */
  text: string;
  /** First kept, and last opened (the list is newest first by this). */
  savedAt: number;
  openedAt: number;
  pinned: boolean;
}

/** What lists show: the entry without its page. */
export type LibrarySummary = Omit<LibraryEntry, 'text'> & { chars: number };

export function entryId(location: MirrorLocation): string {
  return `${location.owner}/${location.repo}@${location.branch}:${location.path}`;
}

export type EntryProblem = 'not-object' | 'version' | 'field' | 'huge';

const isText = (v: unknown, max = MAX_FIELD): v is string =>
  typeof v === 'string' && v.length <= max;
const isTextOrNull = (v: unknown): v is string | null => v === null || isText(v);
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function isLocation(v: unknown): v is MirrorLocation {
  const l = v as Partial<MirrorLocation> | null;
  return (
    typeof l === 'object' &&
    l !== null &&
    isText(l.owner) &&
    isText(l.repo) &&
    isText(l.branch) &&
    isText(l.path)
  );
}

/** The entry if it is well formed, else which class of problem it has. */
export function parseEntry(
  raw: unknown,
): { ok: true; entry: LibraryEntry } | { ok: false; problem: EntryProblem } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, problem: 'not-object' };
  }
  const e = raw as Partial<LibraryEntry>;
  if (e.v !== ENTRY_VERSION) return { ok: false, problem: 'version' };
  if (typeof e.text === 'string' && e.text.length > MAX_ENTRY_CHARS) {
    return { ok: false, problem: 'huge' };
  }
  const ok =
    isText(e.id) &&
    Array.isArray(e.urls) &&
    e.urls.length <= 10 &&
    e.urls.every((u) => isText(u)) &&
    isText(e.title) &&
    isTextOrNull(e.source) &&
    isTextOrNull(e.published) &&
    isTextOrNull(e.originalUrl) &&
    isText(e.mirrorUrl) &&
    isLocation(e.location) &&
    e.id === entryId(e.location) &&
    typeof e.text === 'string' &&
    isTime(e.savedAt) &&
    isTime(e.openedAt) &&
    typeof e.pinned === 'boolean';
  if (!ok) return { ok: false, problem: 'field' };
  return { ok: true, entry: e as LibraryEntry };
}

export function summarize(entry: LibraryEntry): LibrarySummary {
  const { text, ...rest } = entry;
  return { ...rest, chars: text.length };
}

/** Case- and width-insensitive title search; every word of the query must appear. */
export function matchesQuery(title: string, query: string): boolean {
  const norm = (s: string) => s.normalize('NFKC').toLowerCase();
  const hay = norm(title);
  return norm(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => hay.includes(word));
}

/**
 * Which entries to drop so that at most `limit` remain: the least recently opened unpinned
 * ones. Pinned entries are never chosen, even when they alone exceed the limit.
 */
export function evictionVictims(
  entries: readonly Pick<LibraryEntry, 'id' | 'openedAt' | 'pinned'>[],
  limit: number,
): string[] {
  const excess = entries.length - limit;
  if (excess <= 0) return [];
  return entries
    .filter((e) => !e.pinned)
    .sort((a, b) => a.openedAt - b.openedAt)
    .slice(0, excess)
    .map((e) => e.id);
}
