/**
 * User settings: the defaults object is the schema. Stored values are normalized field by
 * field, so one bad value never costs the user the rest of their settings.
 *
 * In `storage.sync` each field is its own item (see settings/layout.ts): a context writes only
 * the fields it changes, so two contexts writing at once lose no update.
 */
import { DEFAULT_ENDPOINT_ORDER, isEndpointId, type EndpointId } from '../fetch/endpoints';
import { readingChecks, readingDefaults } from '../reading/reading-settings';
import { MARK_LINKS_DEFAULT } from './mark-links';

// The content script reads these alone, from mark-links.ts.
export { MARK_LINKS_DEFAULT, markLinksOf } from './mark-links';

export const READER_ON_ERROR = ['auto', 'instant', 'notify', 'off'] as const;
export type ReaderOnError = (typeof READER_ON_ERROR)[number];

export const IMAGES = ['always', 'click', 'never'] as const;
export type ImagesMode = (typeof IMAGES)[number];
export type ImagesSetting = ImagesMode;

export const defaultSettings = {
  /** Mark links to mirrorable originals on web pages. */
  markLinks: MARK_LINKS_DEFAULT,
  /** When a blocked original fails to load: open the reader, offer it, or do nothing. */
  readerOnError: 'auto' as ReaderOnError,
  /** Article font size in CSS px. */
  fontSize: 18,
  /** Images in articles: requests to blocked hosts fail and tell the network what you read. */
  images: 'click' as ImagesMode,
  /** How long the user waits for an article at most (resolve, probes, every endpoint), ms. */
  fetchDeadlineMs: 15_000,
  /** Keep each article opened in the library ("keep what I read"). */
  keepLibrary: true,
  /** Reading leaves no title or address in the browser's history. */
  privateReading: true,
  /** How many articles the library keeps (pinned ones are never evicted). */
  libraryLimit: 500,
  /** Endpoints in the order the user wants them tried first. */
  endpointOrder: [...DEFAULT_ENDPOINT_ORDER] as EndpointId[],
  /** Endpoints the user switched off. */
  disabledEndpoints: [] as EndpointId[],
  /** Built-in sources the user switched off. */
  disabledSources: [] as string[],
  /** theme, lineHeight, contentWidth, script (原文/简/繁), speechRate (#14). */
  ...readingDefaults,
};

export type Settings = typeof defaultSettings;

export const FONT_SIZE_MIN = 14;
export const FONT_SIZE_MAX = 28;
export const FETCH_DEADLINE_MIN_MS = 1_000;
export const FETCH_DEADLINE_MAX_MS = 120_000;
export const LIBRARY_LIMIT_MIN = 10;
export const LIBRARY_LIMIT_MAX = 5000;

type Check<T> = (value: unknown) => T | undefined;

const oneOf =
  <T extends string>(values: readonly T[]): Check<T> =>
  (v) =>
    values.includes(v as T) ? (v as T) : undefined;

const wholeIn =
  (min: number, max: number): Check<number> =>
  (v) =>
    typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? Math.round(v) : undefined;

const bool: Check<boolean> = (v) => (typeof v === 'boolean' ? v : undefined);

function endpointList(v: unknown, complete: boolean): EndpointId[] | undefined {
  if (!Array.isArray(v) || !v.every(isEndpointId) || new Set(v).size !== v.length) return undefined;
  if (complete && v.length !== DEFAULT_ENDPOINT_ORDER.length) return undefined;
  return [...v];
}

const SOURCE_ID = /^[a-z0-9.-]{1,253}$/;

/** One check per field; a field whose stored value fails it takes the default. */
export const settingChecks: { [K in keyof Settings]: Check<Settings[K]> } = {
  markLinks: bool,
  readerOnError: oneOf(READER_ON_ERROR),
  fontSize: wholeIn(FONT_SIZE_MIN, FONT_SIZE_MAX),
  images: oneOf(IMAGES),
  fetchDeadlineMs: wholeIn(FETCH_DEADLINE_MIN_MS, FETCH_DEADLINE_MAX_MS),
  keepLibrary: bool,
  privateReading: bool,
  libraryLimit: wholeIn(LIBRARY_LIMIT_MIN, LIBRARY_LIMIT_MAX),
  endpointOrder: (v) => endpointList(v, true),
  disabledEndpoints: (v) => endpointList(v, false),
  disabledSources: (v) =>
    Array.isArray(v) &&
    v.length <= 100 &&
    v.every((s) => typeof s === 'string' && SOURCE_ID.test(s))
      ? [...(v as string[])]
      : undefined,
  ...readingChecks,
};

export const SETTING_KEYS = Object.keys(defaultSettings) as (keyof Settings)[];

export function isSettingKey(key: string): key is keyof Settings {
  return (SETTING_KEYS as string[]).includes(key);
}

export interface SettingProblem {
  key: string;
  reason: 'invalid';
}

/** Settings from stored fields, and the fields present but invalid (to drop and report). */
export function readSettings(raw: unknown): { settings: Settings; problems: SettingProblem[] } {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const settings: Record<string, unknown> = { ...defaultSettings };
  const problems: SettingProblem[] = [];
  for (const key of SETTING_KEYS) {
    if (input[key] === undefined) continue;
    const value = settingChecks[key](input[key]);
    if (value === undefined) problems.push({ key, reason: 'invalid' });
    else settings[key] = value;
  }
  return { settings: settings as Settings, problems };
}

export function normalizeSettings(raw: unknown): Settings {
  return readSettings(raw).settings;
}

/** Endpoints to use, in the user's order, without the switched-off ones. */
export function activeEndpoints(settings: Settings): EndpointId[] {
  return settings.endpointOrder.filter((id) => !settings.disabledEndpoints.includes(id));
}
