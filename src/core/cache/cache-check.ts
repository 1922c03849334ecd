/**
 * Cache entries as they are read back (IndexedDB `mirror-reader-cache`, Cache Storage
 * `reading`): stored data is untrusted, since a crash, an older version or a manual edit can
 * leave anything there, and a consumer that trips on a bad entry would fail every read of
 * that article. Each kind of key has its shape; an entry that cannot be parsed or has the
 * wrong shape is dropped alone (if still bad when looked at again) and reported, and the read
 * answers "not cached". Keys of kinds this module does not know are passed through.
 */
import type { KeyValueStore } from './kv';
import { isReadingKey } from '../privacy/overlay-store';

export type CacheProblem = 'json' | 'version' | 'field';

/** A store's read found an entry it could not parse (Cache Storage: not JSON). */
export class DamagedEntryError extends Error {
  constructor(readonly key: string) {
    super(`cache entry ${key} cannot be parsed`);
    this.name = 'DamagedEntryError';
  }
}

type Value = Record<string, unknown>;

const isObject = (v: unknown): v is Value =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const values = (v: unknown, each: (x: unknown) => boolean) =>
  isObject(v) && Object.values(v).every(each);
const strings = (v: unknown) => Array.isArray(v) && v.every(isString);
const optional = (v: unknown, check: (x: unknown) => boolean) => v === undefined || check(v);

const isLocation = (v: unknown) =>
  isObject(v) && isString(v.owner) && isString(v.repo) && isString(v.branch) && isString(v.path);

type Verdict = boolean | 'version';

/** An object with `version: 1` whose fields pass `fields`. */
const versioned =
  (fields: (v: Value) => boolean) =>
  (v: unknown): Verdict =>
    !isObject(v) ? false : v.version !== 1 ? 'version' : fields(v);

/** Each kind's check: 'version' for an unknown version, false for another wrong shape. */
const SHAPES: Record<string, (v: unknown, file: string) => Verdict> = {
  'endpoint-health': isObject,
  pages: versioned((v) =>
    values(v.entries, (e) => isObject(e) && isNumber(e.bytes) && isNumber(e.usedAt)),
  ),
  page: (v) => isObject(v) && isString(v.text) && isString(v.endpoint) && isNumber(v.storedAt),
  resolve: (v) =>
    isObject(v) &&
    (isLocation(v.location)
      ? optional(v.blob, (b) => isObject(b) && isString(b.sha) && isNumber(b.size)) &&
        optional(v.commit, isString)
      : isNumber(v.missUntil)),
  hits: (v) => values(v, isNumber),
  finds: (v) => values(v, strings),
  index: versioned(
    (v) =>
      isNumber(v.refreshAfter) &&
      values(v.entries, isString) &&
      values(v.folders, isObject) &&
      strings(v.pages),
  ),
  pubindex: (v, file) =>
    isObject(v) && isNumber(v.at) && isObject(file === 'manifest.json' ? v.manifest : v.shard),
  devindex: (v, file) => (file === 'attempt' ? isNumber(v) : isString(v)),
};

/** What is wrong with a cache entry read back, or null when nothing is (or it is not ours). */
export function cacheEntryProblem(key: string, value: unknown): CacheProblem | null {
  if (value === undefined) return null;
  const colon = key.indexOf(':');
  const kind = colon < 0 ? key : key.slice(0, colon);
  const check = SHAPES[kind];
  if (!check) return null;
  const verdict = check(value, key.slice(key.lastIndexOf(':') + 1));
  return verdict === true ? null : verdict === 'version' ? 'version' : 'field';
}

/**
 * How a dropped entry is named in the report: keys of what the user read (an article's
 * path or id) by their kind alone, since the report stays on the device outside the cache
 * that "Forget everything" deletes whole.
 */
export function reportedCacheKey(key: string, problem: CacheProblem): string {
  const shown = isReadingKey(key) ? `${key.slice(0, key.indexOf(':'))}:…` : key;
  return `${shown} (${problem})`;
}

/** `store` with every read checked: a damaged entry is removed, reported, and reads as absent. */
export function checkedStore(
  store: KeyValueStore,
  report: (key: string, problem: CacheProblem) => Promise<void> | void,
): KeyValueStore {
  const read = async (key: string): Promise<{ value?: unknown; problem: CacheProblem | null }> => {
    try {
      const value = await store.get<unknown>(key);
      return { value, problem: cacheEntryProblem(key, value) };
    } catch (error) {
      if (error instanceof DamagedEntryError) return { problem: 'json' };
      throw error;
    }
  };
  return {
    async get<T>(key: string) {
      const first = await read(key);
      if (first.problem === null) return first.value as T | undefined;
      // Another context may have written a good entry since: look again before dropping.
      const again = await read(key);
      if (again.problem === null) return again.value as T | undefined;
      await store.remove(key);
      await Promise.resolve(report(key, again.problem)).catch(() => undefined);
      return undefined;
    },
    set: (key, value) => store.set(key, value),
    remove: (key) => store.remove(key),
  };
}
