/**
 * The library database's layout: records (tags, times, pin, sealed head), the sealed pages
 * apart, the sealed images kept on request (keyed `<entry tag>/<url tag>`), and how an entry
 * is sealed into them. Version 1 kept entries in the clear in
 * `articles` (library-legacy seals them).
 */
import type { LibraryEntry } from '../../core/library/entry';
import type { LibraryKeys, Sealed } from '../../core/library/seal';
import { sealEntry, type SealedRecord } from '../../core/library/sealed-record';
import { idbConnection } from '../idb-connection';

export const LIBRARY_DB = 'mirror-reader-library';
export const RECORDS = 'records';
export const BODIES = 'bodies';
export const IMAGES = 'images';
/** The stores an entry spans: a change that drops entries opens all of them. */
export const ENTRY_STORES = [RECORDS, BODIES, IMAGES];
/** Version 1's store of entries in the clear. */
export const LEGACY = 'articles';

export const connection = idbConnection(LIBRARY_DB, 3, (db) => {
  if (!db.objectStoreNames.contains(RECORDS)) {
    const store = db.createObjectStore(RECORDS, { keyPath: 'id' });
    store.createIndex('openedAt', 'openedAt');
    store.createIndex('url', 'urls', { multiEntry: true });
  }
  if (!db.objectStoreNames.contains(BODIES)) db.createObjectStore(BODIES);
  if (!db.objectStoreNames.contains(IMAGES)) db.createObjectStore(IMAGES);
});

/** The key range of an entry's images. */
export const imagesOf = (tag: string) => IDBKeyRange.bound(`${tag}/`, `${tag}/\uffff`);

/** Deletes an entry's record, page and images within a transaction over ENTRY_STORES. */
export async function deleteEntry(
  tx: { objectStore(name: string): { delete(key: IDBValidKey | IDBKeyRange): Promise<void> } },
  tag: IDBValidKey,
): Promise<void> {
  await tx.objectStore(RECORDS).delete(tag);
  await tx.objectStore(BODIES).delete(tag);
  await tx.objectStore(IMAGES).delete(imagesOf(String(tag)));
}

export type Times = Pick<LibraryEntry, 'savedAt' | 'openedAt' | 'pinned'>;

/** A record and its page, ready to store. */
export async function sealStored(
  keys: LibraryKeys,
  entry: Omit<LibraryEntry, keyof Times>,
  times: Times,
): Promise<{ record: SealedRecord; body: Sealed }> {
  const { id, urls, head, body } = await sealEntry(keys, entry);
  const bytes = head.data.byteLength + body.data.byteLength;
  return { record: { id, urls, ...times, bytes, head }, body };
}
