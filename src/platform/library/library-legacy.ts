/**
 * Version 1 of the library kept entries in the clear: on first open they are sealed into the
 * records, and their store emptied. Bad ones are dropped and reported.
 */
import type { IDBPDatabase } from 'idb';
import { parseEntry } from '../../core/library/entry';
import type { Sealed } from '../../core/library/seal';
import type { SealedRecord } from '../../core/library/sealed-record';
import { libraryKeysToSeal } from './library-key';
import { BODIES, LEGACY, RECORDS, sealStored } from './library-stores';
import { reportProblems } from '../storage-problems';

/** Seals what version 1 kept in the clear, then empties its store. */
export async function sealLegacy(db: IDBPDatabase): Promise<void> {
  const raws: unknown[] = await db.getAll(LEGACY);
  if (raws.length === 0) return;
  const keys = await libraryKeysToSeal();
  const sealed: { record: SealedRecord; body: Sealed }[] = [];
  const problems: string[] = [];
  for (const raw of raws) {
    const parsed = parseEntry(raw);
    if (!parsed.ok) problems.push(`version 1 (${parsed.problem})`);
    else {
      const { savedAt, openedAt, pinned, ...entry } = parsed.entry;
      sealed.push(await sealStored(keys, entry, { savedAt, openedAt, pinned }));
    }
  }
  const tx = db.transaction([LEGACY, RECORDS, BODIES], 'readwrite');
  for (const { record, body } of sealed) {
    // Another context may have sealed it already, or the article was opened since.
    if ((await tx.objectStore(RECORDS).getKey(record.id)) !== undefined) continue;
    await tx.objectStore(RECORDS).put(record);
    await tx.objectStore(BODIES).put(body, record.id);
  }
  await tx.objectStore(LEGACY).clear();
  await tx.done;
  await reportProblems(problems.map((key) => ({ area: 'library', key })));
}
