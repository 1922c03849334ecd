import { describe, expect, it } from 'vitest';
import {
  markLinksOf,
  defaultSettings,
  migrations,
  normalizeSettings,
  pendingMigrations,
  STORAGE_VERSION,
} from '../../src/core/settings';

describe('normalizeSettings', () => {
  it('returns the defaults for nothing stored', () => {
    expect(normalizeSettings(undefined)).toEqual(defaultSettings);
    expect(normalizeSettings('junk')).toEqual(defaultSettings);
  });

  it('keeps every valid field and replaces only the invalid ones', () => {
    expect(
      normalizeSettings({ markLinks: false, readerOnError: 'sometimes', fontSize: 20 }),
    ).toEqual({
      ...defaultSettings,
      markLinks: false,
      fontSize: 20,
    });
  });

  it('marks no page, reads privately and keeps what was read, by default', () => {
    expect(defaultSettings).toMatchObject({
      markLinks: false,
      privateReading: true,
      keepLibrary: true,
    });
    expect(normalizeSettings({ privateReading: false, keepLibrary: 'no' })).toMatchObject({
      privateReading: false,
      keepLibrary: true,
    });
  });

  it('rejects font sizes outside the range and non-numbers', () => {
    expect(normalizeSettings({ fontSize: 2 }).fontSize).toBe(defaultSettings.fontSize);
    expect(normalizeSettings({ fontSize: Number.NaN }).fontSize).toBe(defaultSettings.fontSize);
    expect(normalizeSettings({ fontSize: '20' }).fontSize).toBe(defaultSettings.fontSize);
  });
});

describe('markLinksOf', () => {
  it('reads the stored choice and falls back to the default for anything else', () => {
    expect(markLinksOf({ markLinks: false, fontSize: 'x' })).toBe(false);
    expect(markLinksOf({ markLinks: true })).toBe(true);
    for (const raw of [undefined, null, 'off', 0, [], { markLinks: 'no' }]) {
      expect(markLinksOf(raw)).toBe(defaultSettings.markLinks);
    }
  });
});

describe('migrations', () => {
  it('end at the current storage version, in order, without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(
      Array.from({ length: STORAGE_VERSION }, (_, i) => i + 1),
    );
  });

  it('run all from an empty store and none from the current version', () => {
    expect(pendingMigrations(0)).toHaveLength(STORAGE_VERSION);
    expect(pendingMigrations(STORAGE_VERSION)).toHaveLength(0);
  });

  it('keep the valid settings a first install or an old version stored', () => {
    const { set } = migrations[0]!.migrate({ settings: { markLinks: false, fontSize: 99 } });
    expect(set.settings).toEqual({ ...defaultSettings, markLinks: false });
  });
});
