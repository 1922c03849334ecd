/**
 * Cache Storage in memory (Node has none): named caches of responses by URL, bodies stored
 * as bytes and handed out as new responses, as the browser does. Enough for the platform
 * modules that keep things there.
 */
type Url = string | Request | URL;
const href = (url: Url) =>
  typeof url === 'string' ? url : url instanceof URL ? url.href : url.url;

class FakeCache {
  readonly entries = new Map<string, { body: ArrayBuffer; headers: [string, string][] }>();
  async put(url: Url, response: Response): Promise<void> {
    const body = await response.arrayBuffer();
    this.entries.set(href(url), { body, headers: [...response.headers] });
  }
  async match(url: Url): Promise<Response | undefined> {
    const entry = this.entries.get(href(url));
    return entry && new Response(entry.body.slice(0), { headers: entry.headers });
  }
  async delete(url: Url): Promise<boolean> {
    return this.entries.delete(href(url));
  }
  async keys(): Promise<Request[]> {
    return [...this.entries.keys()].map((u) => new Request(u));
  }
}

export function fakeCaches() {
  const caches = new Map<string, FakeCache>();
  return {
    caches,
    async open(name: string) {
      if (!caches.has(name)) caches.set(name, new FakeCache());
      return caches.get(name)!;
    },
    async has(name: string) {
      return caches.has(name);
    },
    async delete(name: string) {
      return caches.delete(name);
    },
    async keys() {
      return [...caches.keys()];
    },
    async match(url: Url, options: { cacheName?: string } = {}) {
      const names = options.cacheName ? [options.cacheName] : [...caches.keys()];
      for (const name of names) {
        const found = await caches.get(name)?.match(url);
        if (found) return found;
      }
      return undefined;
    },
  };
}

/** Installs a fresh fake as `globalThis.caches`; returns it. */
export function installFakeCaches(): ReturnType<typeof fakeCaches> {
  const fake = fakeCaches();
  (globalThis as unknown as { caches: unknown }).caches = fake;
  return fake;
}
