import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowserStorage } from '../helpers/fake-storage';
import { defaultSettings } from '../../src/core/settings/schema';
import { CUSTOM_SOURCE_PREFIX } from '../../src/core/sources/custom';

const browserFake = fakeBrowserStorage();
vi.mock('../../src/platform/api', () => ({ browser: browserFake }));

const store = await import('../../src/platform/settings-store');
const { getProblems } = await import('../../src/platform/storage-problems');
const { local, sync } = browserFake.storage;

const source = {
  id: 'example.org',
  name: { zh_CN: '例子', zh_TW: '例子', en: 'Example' },
  hosts: ['example.org'],
  patterns: [{ path: '/news/(?<id>\\d+)\\.html' }],
  mirrors: [
    {
      owner: 'someone',
      repo: 'news-mirror',
      branch: 'main',
      path: { kind: 'lookup', template: 'pages/{folder}/{id}.md', folders: ['a'] },
    },
  ],
};

beforeEach(async () => {
  await local.clear();
  await sync.clear();
});

describe('the settings store', () => {
  it('migrates a version 1 profile once: settings into sync, caches out of local', async () => {
    await local.set({
      storageVersion: 1,
      settings: { markLinks: false, readerOnError: 'off', fontSize: 18 },
      'mirror:page:x': { text: 'x' },
    });
    expect(await store.getSettings()).toEqual({
      ...defaultSettings,
      markLinks: false,
      readerOnError: 'off',
    });
    expect(await local.get(null)).toEqual({ storageVersion: 2 });
    // markLinks false is the default: not stored.
    expect(await sync.get(null)).toEqual({ schemaVersion: 2, readerOnError: 'off' });
  });

  it('writes only the fields changed, and only valid values', async () => {
    await store.updateSettings({ images: 'never', fontSize: 99 as number });
    const items = await sync.get(null);
    expect(items.images).toBe('never');
    expect(items.fontSize).toBeUndefined();
  });

  it('loses no update when two contexts change different settings at once', async () => {
    await Promise.all([
      store.updateSettings({ images: 'always' }),
      store.updateSettings({ markLinks: false }),
      store.toggleInList('disabledSources', 'rfa.org', true),
      store.toggleInList('disabledSources', 'ntdtv.com', true),
      store.toggleInList('disabledEndpoints', 'raw', true),
    ]);
    const settings = await store.getSettings();
    expect(settings.images).toBe('always');
    expect(settings.markLinks).toBe(false);
    expect([...settings.disabledSources].sort()).toEqual(['ntdtv.com', 'rfa.org']);
    expect(settings.disabledEndpoints).toEqual(['raw']);
  });

  it('drops a corrupt setting alone, reports it, and keeps the others', async () => {
    await sync.set({ markLinks: false, fontSize: 'huge', images: { a: 1 } });
    const settings = await store.getSettings();
    expect(settings.markLinks).toBe(false);
    expect(settings.fontSize).toBe(defaultSettings.fontSize);
    expect(await sync.get(['markLinks', 'fontSize', 'images'])).toEqual({ markLinks: false });
    expect((await getProblems()).map((p) => `${p.area}:${p.key}`).sort()).toEqual([
      'settings:fontSize',
      'settings:images',
    ]);
  });

  it('resets settings to the defaults and keeps custom sources', async () => {
    await store.updateSettings({ images: 'never', libraryLimit: 40 });
    await store.saveCustomSources([source as never]);
    expect(await store.resetSettings()).toEqual(defaultSettings);
    expect(await store.getSettings()).toEqual(defaultSettings);
    expect((await store.getCustomSources()).map((s) => s.id)).toEqual(['example.org']);
  });

  it('stores custom sources one item each and drops a corrupt one alone', async () => {
    await store.saveCustomSources([source as never]);
    await sync.set({ [`${CUSTOM_SOURCE_PREFIX}bad.org`]: { id: 'bad.org' } });
    expect((await store.getCustomSources()).map((s) => s.id)).toEqual(['example.org']);
    expect((await getProblems()).map((p) => p.key)).toEqual([`${CUSTOM_SOURCE_PREFIX}bad.org`]);
    const active = await store.getActiveSources();
    expect(active.at(-1)?.id).toBe('example.org');
    await store.toggleInList('disabledSources', 'rfa.org', true);
    expect((await store.getActiveSources()).some((s) => s.id === 'rfa.org')).toBe(false);
  });
});
