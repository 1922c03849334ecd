import { describe, expect, it } from 'vitest';
import type { ContentApi } from '../../src/content/extension-api';
import { watchMarkSetting } from '../../src/content/mark-setting';

type ChangeListener = Parameters<ContentApi['storage']['onChanged']['addListener']>[0];

/** `markLinks` read from sync, `siteMarks` from local. */
function fakeApi(sync: Promise<Record<string, unknown>>, local = Promise.resolve({})) {
  const listeners: ChangeListener[] = [];
  const api: ContentApi = {
    storage: {
      sync: { get: () => sync },
      local: { get: () => local },
      onChanged: { addListener: (l) => void listeners.push(l) },
    },
    i18n: { getMessage: (name) => name },
  };
  const change = (area: string, key: string, value: unknown) => {
    for (const l of listeners) l({ [key]: { newValue: value } }, area);
  };
  return { api, change };
}

const settle = async (...reads: Promise<unknown>[]) => {
  for (const read of reads) await read.catch(() => undefined);
  await Promise.resolve();
  await Promise.resolve();
};

describe('watchMarkSetting', () => {
  it('reports the stored value, then each change of markLinks in sync storage', async () => {
    const read = Promise.resolve({ markLinks: false });
    const { api, change } = fakeApi(read);
    const seen: boolean[] = [];
    watchMarkSetting(api, 'example.com', (v) => seen.push(v));
    await settle(read);
    change('sync', 'markLinks', true);
    change('sync', 'fontSize', 22); // another item: not reported
    change('local', 'markLinks', false); // another area: ignored
    change('sync', 'markLinks', false);
    expect(seen).toEqual([false, true, false]);
  });

  it('marks nowhere by default: nothing stored, or storage unreadable', async () => {
    const empty = Promise.resolve({});
    const a = fakeApi(empty);
    const seenA: boolean[] = [];
    watchMarkSetting(a.api, 'example.com', (v) => seenA.push(v));
    await settle(empty);

    const failed = Promise.reject(new Error('extension context invalidated'));
    const b = fakeApi(failed);
    const seenB: boolean[] = [];
    watchMarkSetting(b.api, 'example.com', (v) => seenB.push(v));
    await settle(failed);
    expect([seenA, seenB]).toEqual([[false], [false]]);
  });

  it("follows the user's choice for this site, and only this site", async () => {
    const sync = Promise.resolve({});
    const local = Promise.resolve({ siteMarks: { 'news.example': true } });
    const here = fakeApi(sync, local);
    const elsewhere = fakeApi(sync, local);
    const seenHere: boolean[] = [];
    const seenElsewhere: boolean[] = [];
    watchMarkSetting(here.api, 'news.example', (v) => seenHere.push(v));
    watchMarkSetting(elsewhere.api, 'other.example', (v) => seenElsewhere.push(v));
    await settle(sync, local);
    here.change('local', 'siteMarks', { 'news.example': false });
    // Marks on everywhere, but this site said never.
    here.change('sync', 'markLinks', true);
    elsewhere.change('sync', 'markLinks', true);
    expect(seenHere).toEqual([true, false]);
    expect(seenElsewhere).toEqual([false, true]);
  });

  it('lets a change that arrives before the first read win over that read', async () => {
    let resolve!: (v: Record<string, unknown>) => void;
    const sync = new Promise<Record<string, unknown>>((r) => (resolve = r));
    const local = Promise.resolve({ siteMarks: { 'example.com': true } });
    const { api, change } = fakeApi(sync, local);
    const seen: boolean[] = [];
    watchMarkSetting(api, 'example.com', (v) => seen.push(v));
    change('sync', 'markLinks', false);
    resolve({ markLinks: true });
    await settle(sync, local);
    // The site choice from the read still counts: only markLinks changed before it.
    expect(seen).toEqual([false, true]);
  });
});
