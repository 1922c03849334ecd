import { describe, expect, it } from 'vitest';
import type { ContentApi } from '../../src/content/extension-api';
import { watchMarkSetting } from '../../src/content/mark-setting';

type ChangeListener = Parameters<ContentApi['storage']['onChanged']['addListener']>[0];

function fakeApi(read: Promise<Record<string, unknown>>) {
  const listeners: ChangeListener[] = [];
  const api: ContentApi = {
    storage: {
      sync: { get: () => read },
      onChanged: { addListener: (l) => void listeners.push(l) },
    },
    i18n: { getMessage: (name) => name },
  };
  const change = (area: string, markLinks: unknown) => {
    for (const l of listeners) l({ markLinks: { newValue: markLinks } }, area);
  };
  return { api, change };
}

describe('watchMarkSetting', () => {
  it('reports the stored value, then each change of markLinks in sync storage', async () => {
    const read = Promise.resolve({ markLinks: false });
    const { api, change } = fakeApi(read);
    const seen: boolean[] = [];
    watchMarkSetting(api, (v) => seen.push(v));
    await read;
    await Promise.resolve();
    change('sync', true);
    change('sync', true); // unchanged: not reported
    change('local', false); // another area: ignored
    change('sync', 'no'); // not a boolean: the default (mark)
    change('sync', false);
    expect(seen).toEqual([false, true, false]);
  });

  it('uses the default (no marks) when nothing is stored or storage cannot be read', async () => {
    const empty = Promise.resolve({});
    const a = fakeApi(empty);
    const seenA: boolean[] = [];
    watchMarkSetting(a.api, (v) => seenA.push(v));
    await empty;
    await Promise.resolve();

    const failed = Promise.reject(new Error('extension context invalidated'));
    const b = fakeApi(failed);
    const seenB: boolean[] = [];
    watchMarkSetting(b.api, (v) => seenB.push(v));
    await failed.catch(() => undefined);
    await Promise.resolve();
    expect([seenA, seenB]).toEqual([[false], [false]]);
  });

  it('lets a change that arrives before the first read win over that read', async () => {
    let resolve!: (v: Record<string, unknown>) => void;
    const read = new Promise<Record<string, unknown>>((r) => (resolve = r));
    const { api, change } = fakeApi(read);
    const seen: boolean[] = [];
    watchMarkSetting(api, (v) => seen.push(v));
    change('sync', false);
    resolve({ markLinks: true });
    await read;
    await Promise.resolve();
    expect(seen).toEqual([false]);
  });
});
