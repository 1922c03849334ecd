/**
 * How stored data moved between layouts, one migration per version, each pure (stored items
 * in, changes out) so that every step is tested from every earlier layout.
 *
 * - 0: before versioning: `storage.local.settings`, any shape.
 * - 1: `storage.local` = { storageVersion: 1, settings: {…}, 'mirror:*' caches }.
 * - 2: settings in `storage.sync`, one item per field plus `customSource:<id>` items and
 *   `schemaVersion`; caches in IndexedDB; `storage.local` keeps only `storageVersion`.
 */
import { defaultSettings, normalizeSettings, readSettings, SETTING_KEYS } from './schema';

const V1_FIELDS = ['markLinks', 'readerOnError', 'fontSize'] as const;

function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, value[k]])) as Pick<T, K>;
}

export const STORAGE_VERSION = 2;
/** storage.local: the layout this browser profile is in. */
export const VERSION_KEY = 'storageVersion';
/** storage.sync: the layout of the synced settings. */
export const SYNC_VERSION_KEY = 'schemaVersion';

export interface StoredAreas {
  local: Record<string, unknown>;
  sync: Record<string, unknown>;
}

export interface AreaChanges {
  set: Record<string, unknown>;
  remove: string[];
}

export interface Migration {
  version: number;
  migrate(items: StoredAreas): { local: AreaChanges; sync: AreaChanges };
}

const none = (): AreaChanges => ({ set: {}, remove: [] });

export const migrations: readonly Migration[] = [
  {
    version: 1,
    migrate: ({ local }) => ({
      // Version 1 knew three fields.
      local: { set: { settings: pick(normalizeSettings(local.settings), V1_FIELDS) }, remove: [] },
      sync: none(),
    }),
  },
  {
    version: 2,
    migrate: ({ local, sync }) => {
      // Fields already in sync came from another device that migrated first: they win. Only
      // choices that differ from the defaults are kept, so later default changes still apply.
      const { settings } = readSettings(local.settings);
      const set: Record<string, unknown> = {};
      for (const key of SETTING_KEYS) {
        const value = settings[key];
        // Marks were on by default and stored as such, so `true` says nothing of a choice;
        // pages can see marks (#17): they start off again, and the user turns them on.
        if (key === 'markLinks' && value === true) continue;
        if (
          sync[key] === undefined &&
          JSON.stringify(value) !== JSON.stringify(defaultSettings[key])
        )
          set[key] = value;
      }
      set[SYNC_VERSION_KEY] = 2;
      // The caches start again in IndexedDB; a cache is only worth what it saves.
      const remove = Object.keys(local).filter((k) => k === 'settings' || k.startsWith('mirror:'));
      return { local: { set: {}, remove }, sync: { set, remove: [] } };
    },
  },
];

/** The stored layout version of this profile (0 when none). */
export function storedVersion(local: Record<string, unknown>): number {
  const v = local[VERSION_KEY];
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0;
}

/** The migrations still to run from `from`. */
export function pendingMigrations(from: number): Migration[] {
  return migrations.filter((m) => m.version > from).sort((a, b) => a.version - b.version);
}

/** Runs every pending migration over a copy of the items: the end state and each step. */
export function migrateAll(items: StoredAreas): {
  steps: { version: number; local: AreaChanges; sync: AreaChanges }[];
  result: StoredAreas;
} {
  const result = { local: { ...items.local }, sync: { ...items.sync } };
  const steps = [];
  const from = storedVersion(items.local);
  if (from > STORAGE_VERSION) return { steps: [], result };
  for (const migration of pendingMigrations(from)) {
    const change = migration.migrate(result);
    change.local.set[VERSION_KEY] = migration.version;
    for (const area of ['local', 'sync'] as const) {
      for (const key of change[area].remove) delete result[area][key];
      Object.assign(result[area], change[area].set);
    }
    steps.push({ version: migration.version, ...change });
  }
  return { steps, result };
}
