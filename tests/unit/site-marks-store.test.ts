import { beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeCaches } from '../helpers/fake-caches';
import { fakeBrowserStorage } from '../helpers/fake-storage';

const browserFake = fakeBrowserStorage();
const cachesFake = installFakeCaches();
vi.mock('../../src/platform/api', () => ({ browser: browserFake }));

const marks = await import('../../src/platform/site-marks');

beforeEach(async () => {
  cachesFake.caches.clear();
  await browserFake.storage.local.clear();
  await browserFake.storage.sync.clear();
});

describe('per-site choices of marks', () => {
  it('are kept in Cache Storage, never in local or sync storage, which get only a nudge', async () => {
    await marks.setSiteMarks('News.Example', true);
    await marks.setSiteMarks('other.example', false);
    expect(await marks.siteMarksChoice('news.example')).toBe(true);
    expect(await marks.siteMarksChoice('other.example')).toBe(false);
    expect(await marks.siteMarksChoice('third.example')).toBeNull();
    const local = await browserFake.storage.local.get(null);
    expect(Object.keys(local)).toEqual(['siteMarksChanged']);
    expect(await browserFake.storage.sync.get(null)).toEqual({});
  });

  it('win over the global setting, which applies elsewhere', async () => {
    await browserFake.storage.sync.set({ markLinks: true });
    await marks.setSiteMarks('news.example', false);
    expect(await marks.marksOnSite('news.example')).toBe(false);
    expect(await marks.marksOnSite('other.example')).toBe(true);
  });

  it('kept by an earlier build in storage.local move over once, newer choices winning', async () => {
    await browserFake.storage.local.set({
      siteMarks: { 'old.example': true, 'both.example': true, bad: 'yes' },
    });
    await marks.setSiteMarks('both.example', false);
    await marks.moveOldSiteMarks();
    expect(await browserFake.storage.local.get('siteMarks')).toEqual({});
    expect(await marks.siteMarksChoice('old.example')).toBe(true);
    expect(await marks.siteMarksChoice('both.example')).toBe(false);
    expect(await marks.siteMarksChoice('bad')).toBeNull();
    await marks.moveOldSiteMarks();
    expect(await marks.siteMarksChoice('old.example')).toBe(true);
  });
});
