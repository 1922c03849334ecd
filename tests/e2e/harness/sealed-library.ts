/**
 * The library as stored, read raw in an extension page and opened with the key from Cache
 * Storage. The sealed format is spelled out here on purpose (src/core/library/seal.ts and
 * sealed-record.ts): a change to it shows up as a change to the tests.
 */
import type { Page } from 'playwright-core';
import { LIBRARY_DB } from './stored';

export interface OpenedRecord {
  title: string;
  text: string;
  urls: string[];
  /** The record as stored, as JSON with its binary parts as text: what a disk copy shows. */
  raw: string;
}

export async function sealedLibrary(page: Page): Promise<OpenedRecord[]> {
  return page.evaluate(async (name) => {
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error ?? new Error('request failed'));
      });
    const db = await request(indexedDB.open(name));
    const tx = db.transaction(['records', 'bodies']);
    type Sealed = { iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer };
    type Record = { id: string; urls: string[]; head: Sealed };
    const [records, bodyKeys, bodies] = await Promise.all([
      request(tx.objectStore('records').getAll() as IDBRequest<Record[]>),
      request(tx.objectStore('bodies').getAllKeys()),
      request(tx.objectStore('bodies').getAll() as IDBRequest<Sealed[]>),
    ]);
    db.close();
    const stored = await caches.match('https://library-key.invalid/key', {
      cacheName: 'library-key',
    });
    if (!stored) throw new Error('no library key');
    const bytes = new Uint8Array(await stored.arrayBuffer());
    const key = await crypto.subtle.importKey('raw', bytes.slice(0, 32), 'AES-GCM', false, [
      'decrypt',
    ]);
    const open = async (sealed: Sealed, context: string) =>
      new TextDecoder().decode(
        await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: sealed.iv, additionalData: new TextEncoder().encode(context) },
          key,
          sealed.data,
        ),
      );
    const asText = (v: unknown): unknown =>
      v instanceof ArrayBuffer || ArrayBuffer.isView(v)
        ? new TextDecoder().decode(v as ArrayBuffer)
        : v;
    return Promise.all(
      records.map(async (record) => {
        const head = JSON.parse(await open(record.head, `${record.id}:head`)) as {
          title: string;
          urls: string[];
        };
        const body = bodies[bodyKeys.findIndex((k) => k === record.id)];
        const text = body ? await open(body, `${record.id}:body`) : '';
        const raw = JSON.stringify(record, (_k, v: unknown) => asText(v));
        return { title: head.title, urls: head.urls, text, raw };
      }),
    );
  }, LIBRARY_DB);
}
