import { describe, expect, it } from 'vitest';
import type { ContentApi } from '../../src/content/extension-api';
import { watchMarkSetting } from '../../src/content/mark-setting';

type ChangeListener = Parameters<ContentApi['storage']['onChanged']['addListener']>[0];

function fakeApi(read: Promise<Record<string, unknown>>) {
  const listeners: ChangeListener[] = [];
  const api: ContentApi = {
    storage: {
      local: { get: () => read },
      onChanged: { addListener: (l) => void listeners.push(l) },
    },
    i18n: { getMessage: (name) => name },
  };
  const change = (area: string, key: string, value: unknown) => {
    for (const l of listeners) l({ [key]: { newValue: value } }, area);
  };
  return { api, change };
}

const settle = async (read: Promise<unknown>) => {
  await read.catch(() => undefined);
  await Promise.resolve();
};

describe('watchMarkSetting', () => {
  it('reports the stored value, then each change of markLinks in local storage', async () => {
    const read = Promise.resolve({ settings: { markLinks: false } });
    const { api, change } = fakeApi(read);
    const seen: boolean[] = [];
    watchMarkSetting(api, 'example.com', (v) => seen.push(v));
    await settle(read);
    change('local', 'settings', { markLinks: true, fontSize: 20 });
    change('local', 'settings', { markLinks: true, fontSize: 22 }); // unchanged: not reported
    change('session', 'settings', { markLinks: false }); // another area: ignored
    change('local', 'settings', { markLinks: false });
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
    const read = Promise.resolve({ siteMarks: { 'news.example': true } });
    const here = fakeApi(read);
    const elsewhere = fakeApi(read);
    const seenHere: boolean[] = [];
    const seenElsewhere: boolean[] = [];
    watchMarkSetting(here.api, 'news.example', (v) => seenHere.push(v));
    watchMarkSetting(elsewhere.api, 'other.example', (v) => seenElsewhere.push(v));
    await settle(read);
    here.change('local', 'siteMarks', { 'news.example': false });
    // Global marks on, but this site said never.
    here.change('local', 'settings', { markLinks: true });
    elsewhere.change('local', 'settings', { markLinks: true });
    expect(seenHere).toEqual([true, false]);
    expect(seenElsewhere).toEqual([false, true]);
  });

  it('lets a change that arrives before the first read win over that read', async () => {
    let resolve!: (v: Record<string, unknown>) => void;
    const read = new Promise<Record<string, unknown>>((r) => (resolve = r));
    const { api, change } = fakeApi(read);
    const seen: boolean[] = [];
    watchMarkSetting(api, 'example.com', (v) => seen.push(v));
    change('local', 'settings', { markLinks: false });
    resolve({ settings: { markLinks: true }, siteMarks: { 'example.com': true } });
    await settle(read);
    // The site choice from the read still counts: only `settings` changed before it.
    expect(seen).toEqual([false, true]);
  });
});
