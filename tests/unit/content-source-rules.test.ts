import { describe, expect, it } from 'vitest';
import type { ContentApi, StorageChange } from '../../src/content/extension-api';
import { candidateSelector, isMirrorableUrl } from '../../src/content/mirrorable';
import { watchSourceRules } from '../../src/content/source-rules';
import { matchUrl } from '../../src/core/match/match';
import { builtinSources } from '../../src/core/sources/builtin';
import { builtinUrlRules } from '../../src/core/sources/builtin-url-rules';
import { contentUrlRules } from '../../src/core/sources/content-rules';
import { activeSources, readCustomSources } from '../../src/core/sources/custom';
import type { UrlRules } from '../../src/core/sources/types';
import { CUSTOM } from '../fixtures/custom-source';

const CUSTOM_URL = 'https://www.example-news.org/articles/world/20240101.html';
const ET_URL = 'https://www.epochtimes.com/gb/21/1/11/n12681566.htm';
const NTD_URL = 'https://www.ntdtv.com/gb/2022/07/03/a103470752.html';
const item = { [`customSource:${CUSTOM.id}`]: CUSTOM };

describe('contentUrlRules', () => {
  it('is the built-in rules themselves with nothing switched off and no custom source', () => {
    expect(contentUrlRules({}, builtinUrlRules)).toBe(builtinUrlRules);
    const unrelated = { markLinks: true, fontSize: 20, disabledSources: ['unknown.example'] };
    expect(contentUrlRules(unrelated, builtinUrlRules)).toBe(builtinUrlRules);
  });

  it("adds a custom source's hosts and patterns: its links match and pass the pre-filter", () => {
    const rules = contentUrlRules(item, builtinUrlRules);
    expect(rules.at(-1)).toEqual({ id: CUSTOM.id, hosts: CUSTOM.hosts, patterns: CUSTOM.patterns });
    expect(isMirrorableUrl(CUSTOM_URL, rules)).toBe(true);
    expect(isMirrorableUrl(CUSTOM_URL)).toBe(false);
    expect(isMirrorableUrl(ET_URL, rules)).toBe(true);
    expect(candidateSelector('https://forum.example/', rules)).toContain('example-news.org/');
  });

  it('leaves out built-in sources the user switched off, as the worker does', () => {
    const rules = contentUrlRules({ disabledSources: ['ntdtv.com'] }, builtinUrlRules);
    expect(isMirrorableUrl(NTD_URL, rules)).toBe(false);
    expect(isMirrorableUrl(ET_URL, rules)).toBe(true);
    expect(candidateSelector('https://forum.example/', rules)).not.toContain('ntdtv.com');
  });

  it('matches exactly what the worker matches with the same stored items', () => {
    const items = { ...item, disabledSources: ['ntdtv.com'] };
    const worker = activeSources(
      builtinSources,
      items.disabledSources,
      readCustomSources(
        items,
        builtinSources.map((s) => s.id),
      ).sources,
    );
    const rules = contentUrlRules(items, builtinUrlRules);
    for (const url of [CUSTOM_URL, ET_URL, NTD_URL, 'https://example-news.org/about.html']) {
      expect(isMirrorableUrl(url, rules), url).toBe(matchUrl(url, worker) !== null);
    }
  });

  it('ignores damaged items without throwing: wrong shapes, a key that names another id, a built-in id', () => {
    const bad: Record<string, unknown> = {
      'customSource:a.example': null,
      'customSource:b.example': 'text',
      'customSource:c.example': { ...CUSTOM, id: 'other.example' },
      'customSource:epochtimes.com': { ...CUSTOM, id: 'epochtimes.com' },
      'customSource:d.example': { ...CUSTOM, id: 'd.example', hosts: [42] },
      'customSource:e.example': { ...CUSTOM, id: 'e.example', hosts: [] },
      'customSource:f.example': {
        ...CUSTOM,
        id: 'f.example',
        patterns: [{ path: 'x'.repeat(501) }],
      },
      'customSource:g.example': { ...CUSTOM, id: 'g.example', patterns: 'nope' },
      disabledSources: 'ntdtv.com',
    };
    expect(contentUrlRules(bad, builtinUrlRules)).toBe(builtinUrlRules);
    // A pattern that does not compile matches nothing (the matcher never throws).
    const broken = {
      'customSource:h.example': { ...CUSTOM, id: 'h.example', patterns: [{ path: '(' }] },
    };
    expect(isMirrorableUrl(CUSTOM_URL, contentUrlRules(broken, builtinUrlRules))).toBe(false);
  });
});

/** storage.sync as the content script sees it; `areaEvent`: only storage.onChanged exists. */
function fakeApi(read: Promise<Record<string, unknown>>, areaEvent = false) {
  type Listener = (changes: Record<string, StorageChange>, area: string) => void;
  const listeners: Listener[] = [];
  const api: ContentApi = {
    storage: {
      sync: {
        get: (key) => {
          expect(key).toBeNull();
          return read;
        },
        ...(areaEvent
          ? {}
          : { onChanged: { addListener: (l) => void listeners.push((c) => l(c)) } }),
      },
      onChanged: { addListener: (l) => void listeners.push(l) },
    },
    i18n: { getMessage: (name) => name },
  };
  const change = (area: string, changes: Record<string, unknown>) => {
    const event = Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, { newValue: v }]));
    for (const l of listeners) l(event, area);
  };
  return { api, change };
}

const settle = async (read: Promise<unknown>) => {
  await read.catch(() => undefined);
  await Promise.resolve();
};

const matches = (seen: (readonly UrlRules[])[], url: string) =>
  seen.map((rules) => isMirrorableUrl(url, rules));

describe('watchSourceRules', () => {
  it('gives the stored rules once read, then new rules when a source is added, switched off or removed', async () => {
    const read = Promise.resolve({ markLinks: false });
    const { api, change } = fakeApi(read);
    const seen: (readonly UrlRules[])[] = [];
    watchSourceRules(api, (rules) => seen.push(rules));
    expect(seen).toEqual([]); // the first scan waits for the read
    await settle(read);
    expect(seen).toEqual([builtinUrlRules]);
    change('sync', item);
    change('sync', { fontSize: 22, markLinks: true }); // other items: no new scan
    change('sync', { disabledSources: ['epochtimes.com'] });
    change('sync', { [`customSource:${CUSTOM.id}`]: undefined, disabledSources: [] });
    expect(matches(seen, CUSTOM_URL)).toEqual([false, true, true, false]);
    expect(matches(seen, ET_URL)).toEqual([true, true, false, true]);
    expect(seen.at(-1)).toBe(builtinUrlRules);
  });

  it('keeps a change that arrives before the read over the older value read', async () => {
    let resolve!: (items: Record<string, unknown>) => void;
    const read = new Promise<Record<string, unknown>>((r) => (resolve = r));
    const { api, change } = fakeApi(read);
    const seen: (readonly UrlRules[])[] = [];
    watchSourceRules(api, (rules) => seen.push(rules));
    change('sync', { [`customSource:${CUSTOM.id}`]: undefined });
    resolve(item);
    await settle(read);
    expect(seen).toEqual([builtinUrlRules]);
  });

  it('falls back to the built-in rules when storage cannot be read', async () => {
    const read = Promise.reject(new Error('Extension context invalidated'));
    const { api } = fakeApi(read);
    const seen: (readonly UrlRules[])[] = [];
    watchSourceRules(api, (rules) => seen.push(rules));
    await settle(read);
    expect(seen).toEqual([builtinUrlRules]);
  });

  it('follows sync changes through storage.onChanged where storage.sync has no event of its own', async () => {
    const read = Promise.resolve({});
    const { api, change } = fakeApi(read, true);
    const seen: (readonly UrlRules[])[] = [];
    watchSourceRules(api, (rules) => seen.push(rules));
    await settle(read);
    change('local', item); // another area: not the sources
    change('sync', item);
    expect(matches(seen, CUSTOM_URL)).toEqual([false, true]);
  });
});
