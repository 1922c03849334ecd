/**
 * User settings: the defaults object is the schema. Stored values are normalized field by
 * field, so one bad value never costs the user the rest of their settings.
 */

export const READER_ON_ERROR = ['auto', 'notify', 'off'] as const;
export type ReaderOnError = (typeof READER_ON_ERROR)[number];

export const defaultSettings = {
  /** Mark links to mirrorable originals on every site (pages can see marks: off by default). */
  markLinks: false,
  /** The reader's address and tab title name no article (browser history, tab restore). */
  privateReading: true,
  /** Keep what the user read (cached pages, the library) on the device. */
  keepLibrary: true,
  /** When a blocked original fails to load: open the reader, offer it, or do nothing. */
  readerOnError: 'auto' as ReaderOnError,
  /** Article font size in CSS px. */
  fontSize: 18,
};

export type Settings = typeof defaultSettings;

export const FONT_SIZE_MIN = 14;
export const FONT_SIZE_MAX = 28;

/** The `markLinks` field of stored settings, normalized: all the content script reads. */
export function markLinksOf(raw: unknown): boolean {
  const value = typeof raw === 'object' && raw !== null ? (raw as Settings).markLinks : undefined;
  return typeof value === 'boolean' ? value : defaultSettings.markLinks;
}

export function normalizeSettings(raw: unknown): Settings {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const settings = { ...defaultSettings, markLinks: markLinksOf(raw) };
  for (const key of ['privateReading', 'keepLibrary'] as const) {
    if (typeof input[key] === 'boolean') settings[key] = input[key];
  }
  if (READER_ON_ERROR.includes(input.readerOnError as ReaderOnError)) {
    settings.readerOnError = input.readerOnError as ReaderOnError;
  }
  if (
    typeof input.fontSize === 'number' &&
    Number.isFinite(input.fontSize) &&
    input.fontSize >= FONT_SIZE_MIN &&
    input.fontSize <= FONT_SIZE_MAX
  ) {
    settings.fontSize = Math.round(input.fontSize);
  }
  return settings;
}

/** Storage layout version; each migration moves stored data from `version - 1` to `version`. */
export const STORAGE_VERSION = 1;

export interface Migration {
  version: number;
  /** Receives every stored item, returns the keys to set and to remove. */
  migrate(items: Record<string, unknown>): { set: Record<string, unknown>; remove: string[] };
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    migrate: (items) => ({ set: { settings: normalizeSettings(items.settings) }, remove: [] }),
  },
];

/** The migrations still to run from `from` (the stored version, 0 when none). */
export function pendingMigrations(from: number): Migration[] {
  return migrations.filter((m) => m.version > from).sort((a, b) => a.version - b.version);
}
