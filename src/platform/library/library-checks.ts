/**
 * Records as pages read them: each head opened once per page (the list is read again at each
 * keystroke of a search), and records that cannot be opened dropped alone and reported — by
 * their tag's start only, never by what they hold.
 */
import type { IDBPDatabase } from 'idb';
import type { LibrarySummary } from '../../core/library/entry';
import type { LibraryKeys } from '../../core/library/seal';
import {
  openSummary,
  recordShape,
  type RecordProblem,
  type SealedRecord,
} from '../../core/library/sealed-record';
import { reportProblems } from '../storage-problems';
import { deleteEntry, ENTRY_STORES, RECORDS } from './library-stores';

export interface Bad {
  key: IDBValidKey;
  /** The seal of the head seen, if any: a record rewritten since is not dropped. */
  iv: Uint8Array<ArrayBuffer> | undefined;
  problem: RecordProblem;
}

/**
 * Heads opened in this page, by tag, with the seal they were opened from: the list is read
 * again at each keystroke of a search, and a head changes only when the article is saved again.
 */
const openedHeads = new Map<string, { iv: Uint8Array; summary: LibrarySummary }>();

export async function summaryOf(keys: LibraryKeys, record: SealedRecord) {
  const known = openedHeads.get(record.id);
  const { savedAt, openedAt, pinned } = record;
  if (known && sameSeal(known.iv, record.head.iv)) {
    return { ok: true, value: { ...known.summary, savedAt, openedAt, pinned } } as const;
  }
  const opened = await openSummary(keys, record);
  if (opened.ok) openedHeads.set(record.id, { iv: record.head.iv, summary: opened.value });
  return opened;
}

const sameSeal = (a: Uint8Array | undefined, b: Uint8Array | undefined) =>
  a?.length === b?.length && (a ?? []).every((byte, i) => byte === b?.[i]);

/** Deletes records still as they were seen (another page may have rewritten one). */
export async function dropBad(db: IDBPDatabase, bad: readonly Bad[]) {
  const tx = db.transaction(ENTRY_STORES, 'readwrite');
  const dropped: string[] = [];
  for (const { key, iv, problem } of bad) {
    const now: unknown = await tx.objectStore(RECORDS).get(key);
    if (now === undefined || !sameSeal(recordShape(now)?.head.iv, iv)) continue;
    await deleteEntry(tx, key);
    // Only the tag's start: the report must not name what was read.
    dropped.push(`${String(key).slice(0, 8)} (${problem})`);
  }
  await tx.done;
  await reportProblems(dropped.map((key) => ({ area: 'library', key })));
}
