/**
 * How a library entry is stored: a record in the clear holding only tags, times, the pinned
 * flag and the sealed head (what lists show), and the sealed page apart (read only when the
 * article is opened). Stored records are untrusted: each is checked, then opened, then its
 * entry checked as before (`parseEntry`).
 */
import {
  MAX_ENTRY_CHARS,
  parseEntry,
  summarize,
  type EntryProblem,
  type LibraryEntry,
  type LibrarySummary,
} from './entry';
import { isSealed, seal, tagOf, unseal, type LibraryKeys, type Sealed } from './seal';

/** Tags of the URLs that open an entry, at most this many (newest first). */
export const MAX_URL_TAGS = 10;

export interface SealedRecord {
  /** Tag of the entry id. */
  id: string;
  /** Tags of the URLs that open it (original, mirror). */
  urls: string[];
  savedAt: number;
  openedAt: number;
  pinned: boolean;
  /** Sealed bytes held, head and page (what the storage figures count). */
  bytes: number;
  head: Sealed;
}

type Head = Omit<LibraryEntry, 'text' | 'savedAt' | 'openedAt' | 'pinned'> & { chars: number };

export type RecordProblem = EntryProblem | 'sealed';
export type Opened<T> = { ok: true; value: T } | { ok: false; problem: RecordProblem };

const TAG = /^[0-9a-f]{32}$/;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** The record's fields in the clear, if it has the shape of one. */
export function recordShape(raw: unknown): SealedRecord | null {
  const r = raw as Partial<SealedRecord> | null;
  const ok =
    typeof r === 'object' &&
    r !== null &&
    typeof r.id === 'string' &&
    TAG.test(r.id) &&
    Array.isArray(r.urls) &&
    r.urls.length <= MAX_URL_TAGS &&
    r.urls.every((u) => typeof u === 'string' && TAG.test(u)) &&
    isTime(r.savedAt) &&
    isTime(r.openedAt) &&
    typeof r.pinned === 'boolean' &&
    isTime(r.bytes) &&
    isSealed(r.head);
  return ok ? (r as SealedRecord) : null;
}

/** The sealed parts of an entry: its tags, head and page; times and pin are set when stored. */
export async function sealEntry(
  keys: LibraryKeys,
  entry: Omit<LibraryEntry, 'savedAt' | 'openedAt' | 'pinned'>,
): Promise<{ id: string; urls: string[]; head: Sealed; body: Sealed }> {
  const { text, ...rest } = entry;
  const id = await tagOf(keys, entry.id);
  const head: Head = { ...rest, chars: text.length };
  const [urls, sealedHead, body] = await Promise.all([
    Promise.all(entry.urls.map((url) => tagOf(keys, url))),
    seal(keys, JSON.stringify(head), `${id}:head`),
    seal(keys, text, `${id}:body`),
  ]);
  return { id, urls, head: sealedHead, body };
}

/** What the lists show of a record. */
export async function openSummary(
  keys: LibraryKeys,
  record: SealedRecord,
): Promise<Opened<LibrarySummary>> {
  const json = await unseal(keys, record.head, `${record.id}:head`);
  if (json === null) return { ok: false, problem: 'sealed' };
  let head: Partial<Head>;
  try {
    head = JSON.parse(json) as Partial<Head>;
  } catch {
    return { ok: false, problem: 'not-object' };
  }
  const chars = head?.chars;
  if (typeof chars === 'number' && chars > MAX_ENTRY_CHARS) return { ok: false, problem: 'huge' };
  if (!isTime(chars)) return { ok: false, problem: 'field' };
  const { savedAt, openedAt, pinned } = record;
  const parsed = parseEntry({ ...head, text: '', savedAt, openedAt, pinned });
  if (!parsed.ok) return parsed;
  return { ok: true, value: { ...summarize(parsed.entry), chars } };
}

/** The whole entry of a record and its sealed page. */
export async function openEntry(
  keys: LibraryKeys,
  record: SealedRecord,
  body: unknown,
): Promise<Opened<LibraryEntry>> {
  const summary = await openSummary(keys, record);
  if (!summary.ok) return summary;
  if (!isSealed(body)) return { ok: false, problem: 'sealed' };
  const text = await unseal(keys, body, `${record.id}:body`);
  if (text === null) return { ok: false, problem: 'sealed' };
  const { chars, ...rest } = summary.value;
  if (text.length !== chars) return { ok: false, problem: 'field' };
  const parsed = parseEntry({ ...rest, text });
  return parsed.ok ? { ok: true, value: parsed.entry } : parsed;
}
