/**
 * The library: every article opened, kept in its own IndexedDB database (deleted whole by
 * "forget everything"). Each change is one transaction, so a worker or page stopped in the
 * middle of a save leaves the entry either whole or absent, and the eviction that goes with
 * it happens with it or not at all. Entries are checked on read; a bad one is dropped alone
 * and reported.
 */
import type { IDBPDatabase, IDBPObjectStore } from 'idb';
import {
  entryId,
  ENTRY_VERSION,
  evictionVictims,
  matchesQuery,
  MAX_ENTRY_CHARS,
  parseEntry,
  summarize,
  type LibraryEntry,
  type LibrarySummary,
} from '../core/library/entry';
import type { MirrorLocation } from '../core/sources/types';
import { idbConnection } from './idb-connection';
import { reportProblems } from './storage-problems';

export const LIBRARY_DB = 'mirror-reader-library';
const STORE = 'articles';

const connection = idbConnection(LIBRARY_DB, 1, (db) => {
  if (db.objectStoreNames.contains(STORE)) return;
  const store = db.createObjectStore(STORE, { keyPath: 'id' });
  store.createIndex('openedAt', 'openedAt');
  store.createIndex('url', 'urls', { multiEntry: true });
});

export interface ArticleToKeep {
  url: string;
  location: MirrorLocation;
  mirrorUrl: string;
  text: string;
  title: string;
  source: string | null;
  published: string | null;
  originalUrl: string | null;
}

export interface KeepContext {
  /** The tab the article is read in is incognito: never kept. */
  incognito: boolean;
  keepLibrary: boolean;
  limit: number;
  now?: number;
}

export type KeepResult = { kept: true; entry: LibraryEntry } | { kept: false; reason: string };

/** Saves an article opened (or refreshes it: it moves to the top), then evicts over the limit. */
export async function keepArticle(article: ArticleToKeep, ctx: KeepContext): Promise<KeepResult> {
  if (ctx.incognito) return { kept: false, reason: 'incognito' };
  if (!ctx.keepLibrary) return { kept: false, reason: 'off' };
  if (article.text.length > MAX_ENTRY_CHARS) return { kept: false, reason: 'too-large' };
  const now = ctx.now ?? Date.now();
  const id = entryId(article.location);
  const db = await connection.open();
  const tx = db.transaction(STORE, 'readwrite');
  const old = parseEntry(await tx.store.get(id));
  const previous = old.ok ? old.entry : undefined;
  const urls = [...new Set([article.url, article.mirrorUrl, ...(previous?.urls ?? [])])];
  const entry: LibraryEntry = {
    v: ENTRY_VERSION,
    id,
    urls: urls.slice(0, 10),
    title: article.title,
    source: article.source,
    published: article.published,
    originalUrl: article.originalUrl,
    mirrorUrl: article.mirrorUrl,
    location: article.location,
    text: article.text,
    savedAt: previous?.savedAt ?? now,
    openedAt: now,
    pinned: previous?.pinned ?? false,
  };
  await tx.store.put(entry);
  await evictWithin(tx.store, ctx.limit, id);
  await tx.done;
  return { kept: true, entry };
}

type ArticleStore = IDBPObjectStore<unknown, ['articles'], 'articles', 'readwrite'>;

/** Evicts over the limit; never `keep`, the article being opened. */
async function evictWithin(store: ArticleStore, limit: number, keep?: string): Promise<void> {
  const count = await store.count();
  if (count <= limit) return;
  const all = (await store.getAll()) as Partial<LibraryEntry>[];
  const shapes = all.map((e) => ({
    id: String(e.id),
    openedAt: typeof e.openedAt === 'number' ? e.openedAt : 0,
    pinned: e.pinned === true || e.id === keep,
  }));
  for (const id of evictionVictims(shapes, limit)) await store.delete(id);
}

/** Applies a new limit now (the user lowered it). */
export async function applyLimit(limit: number): Promise<void> {
  const tx = (await connection.open()).transaction(STORE, 'readwrite');
  await evictWithin(tx.store, limit);
  await tx.done;
}

/** Reads every entry, newest first, dropping and reporting the bad ones. */
async function readAll(): Promise<LibraryEntry[]> {
  const db = await connection.open();
  const entries: LibraryEntry[] = [];
  const bad: { key: IDBValidKey; label: string }[] = [];
  let cursor = await db.transaction(STORE).store.index('openedAt').openCursor(null, 'prev');
  while (cursor) {
    const parsed = parseEntry(cursor.value);
    if (parsed.ok) entries.push(parsed.entry);
    else
      bad.push({
        key: cursor.primaryKey,
        label: `${String(cursor.primaryKey)} (${parsed.problem})`,
      });
    cursor = await cursor.continue();
  }
  // Entries the openedAt index leaves out (no valid openedAt) are found by a key scan.
  const keys = await db.getAllKeys(STORE);
  if (keys.length > entries.length + bad.length) {
    const seen = new Set<IDBValidKey>([...entries.map((e) => e.id), ...bad.map((b) => b.key)]);
    for (const key of keys) if (!seen.has(key)) bad.push({ key, label: `${String(key)} (field)` });
  }
  if (bad.length > 0) await dropBad(db, bad);
  return entries;
}

async function dropBad(db: IDBPDatabase, bad: { key: IDBValidKey; label: string }[]) {
  const tx = db.transaction(STORE, 'readwrite');
  for (const { key } of bad) await tx.store.delete(key);
  await tx.done;
  await reportProblems(bad.map((b) => ({ area: 'library', key: b.label })));
}

/** Summaries newest first; `query` filters by title. */
export async function listArticles(query = ''): Promise<LibrarySummary[]> {
  return (await readAll()).filter((e) => matchesQuery(e.title, query)).map(summarize);
}

export async function getArticle(id: string): Promise<LibraryEntry | undefined> {
  const db = await connection.open();
  const raw: unknown = await db.get(STORE, id);
  if (raw === undefined) return undefined;
  const parsed = parseEntry(raw);
  if (parsed.ok) return parsed.entry;
  await dropBad(db, [{ key: id, label: `${id} (${parsed.problem})` }]);
  return undefined;
}

/** The saved article a URL (original or mirror) opens, if any. */
export async function findArticleByUrl(url: string): Promise<LibraryEntry | undefined> {
  const db = await connection.open();
  const key = await db.getKeyFromIndex(STORE, 'url', url);
  return key === undefined ? undefined : getArticle(String(key));
}

async function change(id: string, edit: (entry: LibraryEntry) => void): Promise<boolean> {
  const tx = (await connection.open()).transaction(STORE, 'readwrite');
  const parsed = parseEntry(await tx.store.get(id));
  if (parsed.ok) {
    edit(parsed.entry);
    await tx.store.put(parsed.entry);
  }
  await tx.done;
  return parsed.ok;
}

export function pinArticle(id: string, pinned: boolean): Promise<boolean> {
  return change(id, (e) => (e.pinned = pinned));
}

/** Marks a saved article opened again (it moves to the top). */
export function touchArticle(id: string, now = Date.now()): Promise<boolean> {
  return change(id, (e) => (e.openedAt = now));
}

export async function removeArticle(id: string): Promise<void> {
  await (await connection.open()).delete(STORE, id);
}

/** Puts entries back as they were (an import); existing entries with the same id are replaced. */
export async function restoreArticles(entries: readonly LibraryEntry[]): Promise<void> {
  const tx = (await connection.open()).transaction(STORE, 'readwrite');
  for (const entry of entries) await tx.store.put(entry);
  await tx.done;
}

export async function clearLibrary(): Promise<void> {
  await (await connection.open()).clear(STORE);
}

export async function libraryUsage(): Promise<{ articles: number; bytes: number }> {
  const entries = await readAll();
  const bytes = entries.reduce((sum, e) => sum + JSON.stringify(e).length, 0);
  return { articles: entries.length, bytes };
}

/** Deletes the whole database ("forget everything"). */
export function deleteLibraryDatabase(): Promise<void> {
  return connection.destroy();
}
