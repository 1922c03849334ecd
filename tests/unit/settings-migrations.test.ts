import { describe, expect, it } from 'vitest';
import {
  migrateAll,
  migrations,
  pendingMigrations,
  STORAGE_VERSION,
  SYNC_VERSION_KEY,
  VERSION_KEY,
} from '../../src/core/settings/migrations';

/** What each earlier version left in storage. */
const layouts = {
  0: { local: { settings: { markLinks: false, fontSize: 22, theme: 'x' } }, sync: {} },
  1: {
    local: {
      [VERSION_KEY]: 1,
      settings: { markLinks: false, readerOnError: 'notify', fontSize: 18 },
      'mirror:pages:index': { version: 1, entries: {} },
      'mirror:page:a/b@master:pages/p/1.md': { text: 'x' },
      'mirror:endpoint-health': {},
    },
    sync: {},
  },
};

describe('migrations', () => {
  it('end at the current storage version, in order, without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(
      Array.from({ length: STORAGE_VERSION }, (_, i) => i + 1),
    );
    expect(pendingMigrations(0)).toHaveLength(STORAGE_VERSION);
    expect(pendingMigrations(STORAGE_VERSION)).toHaveLength(0);
  });

  it('from nothing stored (a first install): version set, no setting written', () => {
    const { result } = migrateAll({ local: {}, sync: {} });
    expect(result.local).toEqual({ [VERSION_KEY]: STORAGE_VERSION });
    expect(result.sync).toEqual({ [SYNC_VERSION_KEY]: 2 });
  });

  it('from version 0: the valid choices move to sync, the rest is dropped', () => {
    const { result, steps } = migrateAll(layouts[0]);
    expect(steps.map((s) => s.version)).toEqual([1, 2]);
    expect(result.local).toEqual({ [VERSION_KEY]: 2 });
    // markLinks false is the default now: nothing to keep.
    expect(result.sync).toEqual({ [SYNC_VERSION_KEY]: 2, fontSize: 22 });
  });

  it('from version 1: settings move to sync, the old caches in local storage go', () => {
    const { result, steps } = migrateAll(layouts[1]);
    expect(steps.map((s) => s.version)).toEqual([2]);
    expect(result.local).toEqual({ [VERSION_KEY]: 2 });
    expect(result.sync).toEqual({ [SYNC_VERSION_KEY]: 2, readerOnError: 'notify' });
  });

  it('keeps what another device already synced over this profile’s old settings', () => {
    const { result } = migrateAll({ ...layouts[1], sync: { markLinks: true, images: 'never' } });
    expect(result.sync).toMatchObject({
      markLinks: true,
      images: 'never',
      readerOnError: 'notify',
    });
  });

  it('from the current version: nothing to do', () => {
    const items = { local: { [VERSION_KEY]: STORAGE_VERSION }, sync: { fontSize: 20 } };
    expect(migrateAll(items).steps).toEqual([]);
  });

  it('leaves data of a newer version (a downgrade) as it is', () => {
    const items = { local: { [VERSION_KEY]: 99, settings: 1 }, sync: { fontSize: 'big' } };
    const { steps, result } = migrateAll(items);
    expect(steps).toEqual([]);
    expect(result).toEqual(items);
  });

  it('treats a corrupt stored version as none', () => {
    const { steps } = migrateAll({ local: { [VERSION_KEY]: 'two' }, sync: {} });
    expect(steps.map((s) => s.version)).toEqual([1, 2]);
  });
});
