/**
 * `browser.storage` with its local, sync and session areas in memory, values copied in and
 * out as the browser does, and onChanged events: enough for the platform modules in Node.
 */
type Listener = (
  changes: Record<string, { oldValue?: unknown; newValue?: unknown }>,
  area: string,
) => void;

function area(name: string, listeners: Set<Listener>, data = new Map<string, unknown>()) {
  const copy = (v: unknown) =>
    v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as unknown);
  const emit = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>) => {
    if (Object.keys(changes).length) for (const l of listeners) l(changes, name);
  };
  return {
    data,
    async get(keys?: string | string[] | null) {
      const wanted = keys == null ? [...data.keys()] : Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(
        wanted.filter((k) => data.has(k)).map((k) => [k, copy(data.get(k))]),
      );
    },
    async set(items: Record<string, unknown>) {
      const changes: Record<string, { oldValue?: unknown; newValue?: unknown }> = {};
      for (const [k, v] of Object.entries(items)) {
        changes[k] = { oldValue: data.get(k), newValue: copy(v) };
        data.set(k, copy(v));
      }
      emit(changes);
    },
    async remove(keys: string | string[]) {
      const changes: Record<string, { oldValue?: unknown }> = {};
      for (const k of Array.isArray(keys) ? keys : [keys]) {
        if (data.has(k)) changes[k] = { oldValue: data.get(k) };
        data.delete(k);
      }
      emit(changes);
    },
    async clear() {
      await this.remove([...data.keys()]);
    },
  };
}

export function fakeBrowserStorage() {
  const listeners = new Set<Listener>();
  return {
    storage: {
      local: area('local', listeners),
      sync: area('sync', listeners),
      session: area('session', listeners),
      onChanged: {
        addListener: (l: Listener) => void listeners.add(l),
        removeListener: (l: Listener) => void listeners.delete(l),
      },
    },
  };
}
