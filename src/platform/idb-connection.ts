/**
 * One lazily opened IndexedDB connection per database and context. A connection that blocks
 * a deletion or an upgrade from another context closes itself, and the next use reopens it:
 * "forget everything" in the options page must not wait for the worker to stop.
 */
import { deleteDB, openDB, type IDBPDatabase } from 'idb';

export function idbConnection(
  name: string,
  version: number,
  upgrade: (db: IDBPDatabase, oldVersion: number) => void,
): { open(): Promise<IDBPDatabase>; destroy(): Promise<void> } {
  let db: Promise<IDBPDatabase> | undefined;
  const forget = () => {
    const current = db;
    db = undefined;
    void current?.then((d) => d.close()).catch(() => undefined);
  };
  return {
    open() {
      db ??= openDB(name, version, {
        upgrade: (d, oldVersion) => upgrade(d, oldVersion),
        blocking: forget,
        terminated: forget,
      });
      db.catch(forget);
      return db;
    },
    async destroy() {
      forget();
      await deleteDB(name);
    },
  };
}
