/**
 * The library: every article opened, kept in its own IndexedDB database, sealed with a key
 * kept apart (library-key.ts): records hold tags, times and the sealed head, and the
 * sealed page sits in a second store, read only when the article is opened. Each change is
 * one transaction (sealing happens before it), so a worker or page stopped in the middle of
 * a save leaves the entry either whole or absent, and the eviction that goes with it happens
 * with it or not at all. Records are checked on read; a bad one is dropped alone and reported.
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import {
  entryId,
  ENTRY_VERSION,
  evictionVictims,
  matchesQuery,
  MAX_ENTRY_CHARS,
  type LibraryEntry,
  type LibrarySummary,
} from '../../core/library/entry';
import { tagOf, type LibraryKeys } from '../../core/library/seal';
import {
  MAX_URL_TAGS,
  openEntry,
  recordShape,
  type SealedRecord,
} from '../../core/library/sealed-record';
import type { MirrorLocation } from '../../core/sources/types';
import { dropBad, summaryOf, type Bad } from './library-checks';
import { existingLibraryKeys, libraryKeysToSeal } from './library-key';
import { sealLegacy } from './library-legacy';
import {
  BODIES,
  connection,
  deleteEntry,
  ENTRY_STORES,
  IMAGES,
  LEGACY,
  LIBRARY_DB,
  RECORDS,
  sealStored,
  type Times,
} from './library-stores';
export { LIBRARY_DB };
/** For library-images: the same connection, legacy entries sealed first. */
export { open as openLibrary };

const legacySealed = new WeakMap<IDBPDatabase, Promise<void>>();

async function open(): Promise<IDBPDatabase> {
  const db = await connection.open();
  if (!db.objectStoreNames.contains(LEGACY)) return db;
  if (!legacySealed.has(db)) legacySealed.set(db, sealLegacy(db));
  await legacySealed.get(db);
  return db;
}

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
  const { url, ...fields } = article;
  const base: Omit<LibraryEntry, keyof Times> = {
    ...fields,
    v: ENTRY_VERSION,
    id: entryId(article.location),
    urls: [...new Set([url, article.mirrorUrl])],
  };
  const sealed = await sealStored(await libraryKeysToSeal(), base, {
    savedAt: now,
    openedAt: now,
    pinned: false,
  });
  const tx = (await open()).transaction(ENTRY_STORES, 'readwrite');
  const previous = recordShape(await tx.objectStore(RECORDS).get(sealed.record.id));
  const record: SealedRecord = {
    ...sealed.record,
    urls: [...new Set([...sealed.record.urls, ...(previous?.urls ?? [])])].slice(0, MAX_URL_TAGS),
    savedAt: previous?.savedAt ?? now,
    pinned: previous?.pinned ?? false,
  };
  await tx.objectStore(RECORDS).put(record);
  await tx.objectStore(BODIES).put(sealed.body, record.id);
  await evictWithin(tx, ctx.limit, record.id);
  await tx.done;
  const { savedAt, openedAt, pinned } = record;
  return { kept: true, entry: { ...base, savedAt, openedAt, pinned } };
}

type WriteTx = IDBPTransaction<unknown, string[], 'readwrite'>;

/** Evicts over the limit; never `keep`, the article being opened. */
async function evictWithin(tx: WriteTx, limit: number, keep?: string): Promise<void> {
  const records = tx.objectStore(RECORDS);
  if ((await records.count()) <= limit) return;
  const shapes = (await records.getAll()).map((raw: unknown) => {
    const r = recordShape(raw);
    const id = String((raw as { id?: unknown } | null)?.id);
    return { id, openedAt: r?.openedAt ?? 0, pinned: r?.pinned === true || id === keep };
  });
  for (const id of evictionVictims(shapes, limit)) await deleteEntry(tx, id);
}

/** Applies a new limit now (the user lowered it). */
export async function applyLimit(limit: number): Promise<void> {
  const tx = (await open()).transaction(ENTRY_STORES, 'readwrite');
  await evictWithin(tx, limit);
  await tx.done;
}

/**
 * Every entry's summary, newest first, dropping and reporting the bad ones. One read sees
 * one state of the store: an entry another page adds meanwhile is neither missed half-way nor
 * taken for a bad one. Records are read before the key: a record seen was sealed with a key
 * already stored.
 */
async function readAll(): Promise<LibrarySummary[]> {
  const db = await open();
  const tx = db.transaction(RECORDS);
  const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
  const sealKeys = values.length > 0 ? await existingLibraryKeys() : null;
  const entries: LibrarySummary[] = [];
  const bad: Bad[] = [];
  for (const [i, raw] of values.entries()) {
    const record = recordShape(raw);
    const opened =
      record && sealKeys
        ? await summaryOf(sealKeys, record)
        : ({ ok: false, problem: 'sealed' } as const);
    if (opened.ok) entries.push(opened.value);
    else bad.push({ key: keys[i] ?? i, iv: record?.head.iv, problem: opened.problem });
  }
  if (bad.length > 0) await dropBad(db, bad);
  return entries.sort((a, b) => b.openedAt - a.openedAt);
}

/** Summaries newest first; `query` filters by title. */
export async function listArticles(query = ''): Promise<LibrarySummary[]> {
  return (await readAll()).filter((e) => matchesQuery(e.title, query));
}

async function getByTag(keys: LibraryKeys, tag: string): Promise<LibraryEntry | undefined> {
  const db = await open();
  const tx = db.transaction([RECORDS, BODIES]);
  const [raw, body] = await Promise.all([
    tx.objectStore(RECORDS).get(tag) as Promise<unknown>,
    tx.objectStore(BODIES).get(tag) as Promise<unknown>,
  ]);
  if (raw === undefined) return undefined;
  const record = recordShape(raw);
  const opened = record
    ? await openEntry(keys, record, body)
    : ({ ok: false, problem: 'sealed' } as const);
  if (opened.ok) return opened.value;
  await dropBad(db, [{ key: tag, iv: record?.head.iv, problem: opened.problem }]);
  return undefined;
}

export async function getArticle(id: string): Promise<LibraryEntry | undefined> {
  const keys = await existingLibraryKeys();
  return keys ? getByTag(keys, await tagOf(keys, id)) : undefined;
}

/** The saved article a URL (original or mirror) opens, if any. */
export async function findArticleByUrl(url: string): Promise<LibraryEntry | undefined> {
  const keys = await existingLibraryKeys();
  if (!keys) return undefined;
  const tag = await (await open()).getKeyFromIndex(RECORDS, 'url', await tagOf(keys, url));
  return tag === undefined ? undefined : getByTag(keys, String(tag));
}

/** Edits what a record holds in the clear (times, pin). */
async function change(id: string, edit: (record: SealedRecord) => void): Promise<boolean> {
  const keys = await existingLibraryKeys();
  if (!keys) return false;
  const tag = await tagOf(keys, id);
  const tx = (await open()).transaction(RECORDS, 'readwrite');
  const record = recordShape(await tx.store.get(tag));
  if (record) {
    edit(record);
    await tx.store.put(record);
  }
  await tx.done;
  return record !== null;
}

export function pinArticle(id: string, pinned: boolean): Promise<boolean> {
  return change(id, (r) => (r.pinned = pinned));
}

/** Marks a saved article opened again (it moves to the top). */
export function touchArticle(id: string, now = Date.now()): Promise<boolean> {
  return change(id, (r) => (r.openedAt = now));
}

export async function removeArticle(id: string): Promise<void> {
  const keys = await existingLibraryKeys();
  if (!keys) return;
  const tag = await tagOf(keys, id);
  const tx = (await open()).transaction(ENTRY_STORES, 'readwrite');
  await deleteEntry(tx, tag);
  await tx.done;
}

/** Puts entries back as they were (an import); existing entries with the same id are replaced. */
export async function restoreArticles(entries: readonly LibraryEntry[]): Promise<void> {
  const keys = await libraryKeysToSeal();
  const sealed = await Promise.all(
    entries.map(({ savedAt, openedAt, pinned, ...entry }) =>
      sealStored(keys, entry, { savedAt, openedAt, pinned }),
    ),
  );
  const tx = (await open()).transaction([RECORDS, BODIES], 'readwrite');
  for (const { record, body } of sealed) {
    await tx.objectStore(RECORDS).put(record);
    await tx.objectStore(BODIES).put(body, record.id);
  }
  await tx.done;
}

export async function clearLibrary(): Promise<void> {
  const tx = (await open()).transaction(ENTRY_STORES, 'readwrite');
  await Promise.all(ENTRY_STORES.map((store) => tx.objectStore(store).clear()));
  await tx.done;
}

/** Articles held and the bytes they take (sealed, kept images included), without opening any. */
export async function libraryUsage(): Promise<{ articles: number; bytes: number }> {
  const tx = (await open()).transaction([RECORDS, IMAGES]);
  const [records, images] = await Promise.all([
    tx.objectStore(RECORDS).getAll(),
    tx.objectStore(IMAGES).getAll() as Promise<{ bytes?: unknown }[]>,
  ]);
  const valid = records.map(recordShape).filter((r): r is SealedRecord => r !== null);
  const imageBytes = images.reduce(
    (sum, i) => sum + (typeof i.bytes === 'number' ? i.bytes : 0),
    0,
  );
  return { articles: valid.length, bytes: valid.reduce((sum, r) => sum + r.bytes, imageBytes) };
}

/** Deletes the whole database ("forget everything"). */
export function deleteLibraryDatabase(): Promise<void> {
  return connection.destroy();
}
