/**
 * User settings: the defaults object is the schema. Stored values are normalized field by
 * field, so one bad value never costs the user the rest of their settings.
 */

import { normalizeReading, readingDefaults } from './reading/reading-settings';

export const READER_ON_ERROR = ['auto', 'notify', 'off'] as const;
export type ReaderOnError = (typeof READER_ON_ERROR)[number];

export const defaultSettings = {
  /** Mark links to mirrorable originals on web pages. */
  markLinks: true,
  /** When a blocked original fails to load: open the reader, offer it, or do nothing. */
  readerOnError: 'auto' as ReaderOnError,
  /** Article font size in CSS px. */
  fontSize: 18,
  /** theme, lineHeight, contentWidth, script, speechRate (#14). */
  ...readingDefaults,
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
  const settings = { ...defaultSettings, ...normalizeReading(input), markLinks: markLinksOf(raw) };
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
