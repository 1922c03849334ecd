import { describe, expect, it } from 'vitest';
import type { ContentApi } from '../../src/content/extension-api';
import { watchMarkSetting } from '../../src/content/mark-setting';

type ChangeListener = Parameters<ContentApi['storage']['onChanged']['addListener']>[0];

/** `markLinks` read from sync; the site's choice answered by the background (`choices`). */
function fakeApi(sync: Promise<Record<string, unknown>>, choices: (boolean | null)[] = [null]) {
  const listeners: ChangeListener[] = [];
  const api: ContentApi = {
    storage: {
      sync: { get: () => sync },
      onChanged: { addListener: (l) => void listeners.push(l) },
    },
    i18n: { getMessage: (name) => name },
  };
  let asked = 0;
  const ask = async () => {
    const answer = choices[Math.min(asked, choices.length - 1)] ?? null;
    asked += 1;
    return answer;
  };
  const change = (area: string, key: string, value: unknown) => {
    for (const l of listeners) l({ [key]: { newValue: value } }, area);
  };
  return { api, ask, change, asked: () => asked };
}

const settle = async (...reads: Promise<unknown>[]) => {
  for (const read of reads) await read.catch(() => undefined);
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('watchMarkSetting', () => {
  it('reports the stored value, then each change of markLinks in sync storage', async () => {
    const read = Promise.resolve({ markLinks: false });
    const { api, ask, change } = fakeApi(read);
    const seen: boolean[] = [];
    watchMarkSetting(api, ask, (v) => seen.push(v));
    await settle(read);
    change('sync', 'markLinks', true);
    change('sync', 'fontSize', 22); // another item: not reported
    change('local', 'markLinks', false); // another area: ignored
    change('sync', 'markLinks', false);
    expect(seen).toEqual([false, true, false]);
  });

  it('marks nowhere by default: nothing stored, storage unreadable, or no answer', async () => {
    const empty = Promise.resolve({});
    const a = fakeApi(empty);
    const seenA: boolean[] = [];
    watchMarkSetting(a.api, a.ask, (v) => seenA.push(v));
    await settle(empty);

    const failed = Promise.reject(new Error('extension context invalidated'));
    const b = fakeApi(failed);
    const seenB: boolean[] = [];
    watchMarkSetting(b.api, b.ask, (v) => seenB.push(v));
    await settle(failed);

    const c = fakeApi(empty);
    const seenC: boolean[] = [];
    watchMarkSetting(
      c.api,
      () => Promise.reject(new Error('worker restarting')),
      (v) => seenC.push(v),
    );
    await settle(empty);
    expect([seenA, seenB, seenC]).toEqual([[false], [false], [false]]);
  });

  it("follows the user's choice for this site, asked again when the nudge says it changed", async () => {
    const sync = Promise.resolve({});
    const here = fakeApi(sync, [true, false]);
    const seen: boolean[] = [];
    watchMarkSetting(here.api, here.ask, (v) => seen.push(v));
    await settle(sync);
    expect(here.asked()).toBe(1);
    here.change('local', 'siteMarksChanged', 2);
    await settle();
    // Marks on everywhere, but this site said never.
    here.change('sync', 'markLinks', true);
    expect(seen).toEqual([true, false]);
    expect(here.asked()).toBe(2);
  });

  it('lets a change that arrives before the first read win over that read', async () => {
    let resolve!: (v: Record<string, unknown>) => void;
    const sync = new Promise<Record<string, unknown>>((r) => (resolve = r));
    const { api, ask, change } = fakeApi(sync, [null]);
    const seen: boolean[] = [];
    watchMarkSetting(api, ask, (v) => seen.push(v));
    change('sync', 'markLinks', true);
    resolve({ markLinks: false });
    await settle(sync);
    expect(seen).toEqual([true]);
  });
});
