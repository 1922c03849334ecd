/**
 * Whether links get marks on a site. Marks are visible to the page (its scripts can see the
 * elements), so they appear only where the user chose them: on every site (`markLinks`), or
 * on this one from the popup. A per-site choice wins over the global one.
 *
 * Per-site choices name sites the user visits: they live in `storage.local` under
 * SITE_MARKS_KEY (never in sync), and "Forget everything" removes them.
 */
import { markLinksOf } from '../settings/mark-links';

export const SITE_MARKS_KEY = 'siteMarks';

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

/** Marks on `host`, from the stored `markLinks` item and per-site choices (raw, untrusted). */
export function marksOn(host: string, markLinks: unknown, siteMarks: unknown): boolean {
  const choice = siteMarksOf(siteMarks)[host.toLowerCase()];
  return choice ?? markLinksOf(markLinks);
}
