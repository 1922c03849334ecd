/** The core's KeyValueStore over `browser.storage.local` (JSON values, shared by all contexts). */
import type { KeyValueStore } from '../core/cache/kv';
import { browser } from './api';

export const localStore: KeyValueStore = {
  async get<T>(key: string) {
    const items = await browser.storage.local.get(key);
    return items[key] as T | undefined;
  },
  async set<T>(key: string, value: T) {
    await browser.storage.local.set({ [key]: value });
  },
  async remove(key: string) {
    await browser.storage.local.remove(key);
  },
};
