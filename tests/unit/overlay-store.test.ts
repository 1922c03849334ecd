import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/core/cache/kv';
import { isReadingKey, overlayStore, splitStore } from '../../src/core/privacy/overlay-store';

describe('overlayStore', () => {
  it('reads through to the persistent store and keeps chosen writes in memory only', async () => {
    const base = createMemoryStore({ 'page:a': { text: 'kept' }, 'endpoint-health': 1 });
    const store = overlayStore(base, isReadingKey);
    expect(await store.get('page:a')).toEqual({ text: 'kept' });
    await store.set('page:b', { text: 'read in private' });
    await store.set('endpoint-health', 2);
    expect(await store.get('page:b')).toEqual({ text: 'read in private' });
    expect(await base.get('page:b')).toBeUndefined();
    expect(await base.get('endpoint-health')).toBe(2);
  });

  it('hides a persistent entry on removal without touching it', async () => {
    const base = createMemoryStore({ 'pages:index': { n: 1 } });
    const store = overlayStore(base, () => true);
    await store.remove('pages:index');
    expect(await store.get('pages:index')).toBeUndefined();
    expect(await base.get('pages:index')).toEqual({ n: 1 });
  });

  it('copies values, as extension storage does', async () => {
    const store = overlayStore(createMemoryStore(), () => true);
    const value = { list: [1] };
    await store.set('resolve:x', value);
    value.list.push(2);
    expect(await store.get('resolve:x')).toEqual({ list: [1] });
  });
});

describe('isReadingKey', () => {
  it('names the keys that tell what was read, with or without a prefix', () => {
    for (const key of [
      'mirror:page:o/r@main:pages/a/n1.md',
      'mirror:pages:index',
      'mirror:resolve:epochtimes:n1',
      'finds:epochtimes:o/r',
      'hits:epochtimes:o/r',
    ]) {
      expect(isReadingKey(key), key).toBe(true);
    }
    for (const key of ['mirror:endpoint-health', 'mirror:index:o/r@main', 'settings']) {
      expect(isReadingKey(key), key).toBe(false);
    }
  });
});

describe('splitStore', () => {
  it('sends the chosen keys to the other store and the rest to the base', async () => {
    const base = createMemoryStore();
    const other = createMemoryStore();
    const store = splitStore(base, other, isReadingKey);
    await store.set('mirror:page:x', 'article');
    await store.set('mirror:endpoint-health', 'ok');
    expect([base.keys(), other.keys()]).toEqual([['mirror:endpoint-health'], ['mirror:page:x']]);
    expect(await store.get('mirror:page:x')).toBe('article');
    await store.remove('mirror:page:x');
    expect(other.keys()).toEqual([]);
  });
});
