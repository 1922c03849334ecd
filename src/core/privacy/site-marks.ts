/**
 * Whether links get marks on a site. Marks are visible to the page (its scripts can see the
 * elements), so they appear only where the user chose them: on every site (`markLinks`), or
 * on this one from the popup. A per-site choice wins over the global one.
 *
 * Per-site choices name sites the user visits: they live in Cache Storage, whose deletion
 * removes its files ("Forget everything" deletes it whole), never in sync, and not in
 * storage.local, whose LevelDB log keeps removed values readable across restarts. The
 * content script asks the background for its site's choice; storage.local holds only a
 * nudge (SITE_MARKS_NUDGE, a time) that tells open pages to ask again.
 */
import { markLinksOf } from '../settings/mark-links';

/** Where builds before this one kept the choices (storage.local); moved on startup. */
export const SITE_MARKS_KEY = 'siteMarks';
/** storage.local item changed whenever a choice changes: it names nothing. */
export const SITE_MARKS_NUDGE = 'siteMarksChanged';

/** host → true (mark here) or false (never here). */
export type SiteMarks = Record<string, boolean>;

/** The stored map, keeping only well-formed entries. */
export function siteMarksOf(raw: unknown): SiteMarks {
  const marks: SiteMarks = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return marks;
  for (const [host, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value === 'boolean' && host.length > 0 && host.length <= 253) marks[host] = value;
  }
  return marks;
}

/** The site a page belongs to, as choices are keyed: its lower-case host name. */
export function siteOf(url: string): string | null {
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? hostname.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** The user's choice for `host`, if any, from stored per-site choices (raw, untrusted). */
export function siteChoice(host: string, siteMarks: unknown): boolean | null {
  return siteMarksOf(siteMarks)[host.toLowerCase()] ?? null;
}

/** Marks on a site: its own choice, else the stored `markLinks` item (raw, untrusted). */
export function marksOn(choice: boolean | null, markLinks: unknown): boolean {
  return choice ?? markLinksOf(markLinks);
}
