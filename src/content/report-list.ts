/**
 * The links a content report lists (the first MAX_REPORTED_LINKS with distinct URLs, link
 * text as title). Reading them costs DOM calls per link, so a report whose list would be
 * the same as the last one sent leaves it out: the usual case when a page appends links.
 */
import { MAX_REPORTED_LINKS, type PageLink } from '../core/messages';
import { hrefOf, type LinkElement } from './link-scanner';

export interface ReportList {
  /** The list for a report, or undefined when it is the one sent last (unless `fresh`). */
  next(found: ReadonlySet<LinkElement>, fresh?: boolean): PageLink[] | undefined;
  /** A link may have changed (its href, or its text): the next report lists again. */
  touched(link: LinkElement): void;
  /** The last list did not arrive: the next report lists again. */
  forget(): void;
}

export function createReportList(): ReportList {
  // The links the last list was read from, in order, and whether it was full.
  let read: LinkElement[] = [];
  let full = false;
  let stale = true;

  /** Whether the set still starts with the links the last full list was read from. */
  const unchanged = (found: ReadonlySet<LinkElement>): boolean => {
    if (stale || !full) return false;
    let i = 0;
    for (const link of found) {
      if (i === read.length) return true;
      if (link !== read[i]) return false;
      i += 1;
    }
    return i === read.length;
  };

  return {
    next(found, fresh = false) {
      if (!fresh && unchanged(found)) return undefined;
      const links: PageLink[] = [];
      const seen = new Set<string>();
      read = [];
      for (const link of found) {
        if (links.length === MAX_REPORTED_LINKS) break;
        read.push(link);
        const url = hrefOf(link);
        if (seen.has(url)) continue;
        seen.add(url);
        links.push({ url, title: (link.textContent ?? '').trim().slice(0, 200) });
      }
      full = links.length === MAX_REPORTED_LINKS;
      stale = false;
      return links;
    },
    touched(link) {
      if (!stale && read.includes(link)) stale = true;
    },
    forget() {
      stale = true;
    },
  };
}
