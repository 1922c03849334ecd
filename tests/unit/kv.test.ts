import { describe, expect, it } from 'vitest';
import { createMemoryStore, prefixedStore } from '../../src/core/cache/kv';

describe('key-value store', () => {
  it('stores copies, as extension storage does', async () => {
    const store = createMemoryStore();
    const value = { a: [1] };
    await store.set('k', value);
    value.a.push(2);
    const read = await store.get<{ a: number[] }>('k');
    expect(read).toEqual({ a: [1] });
    await store.remove('k');
    expect(await store.get('k')).toBeUndefined();
  });

  it('keeps prefixed keys apart', async () => {
    const store = createMemoryStore();
    await prefixedStore(store, 'mirror:').set('x', 1);
    expect(store.keys()).toEqual(['mirror:x']);
    expect(await prefixedStore(store, 'mirror:').get('x')).toBe(1);
  });
});
