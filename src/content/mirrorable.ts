/**
 * What the content script looks for: originals of the sources in use (source-rules.ts). The
 * core's matcher decides (one source of truth); a CSS pre-filter built from the same hosts keeps the browser from handing every
 * link on the page to script: on a page of 10,000 links, reading each `href` costs more
 * than everything else together.
 */
import { builtinUrlRules } from '../core/sources/builtin-url-rules';
import type { UrlRules } from '../core/sources/types';
import { hostListedIn, matchUrlIn } from '../core/match/url-matcher';

export function isMirrorableUrl(
  href: string,
  sources: readonly UrlRules[] = builtinUrlRules,
): boolean {
  return matchUrlIn(href, sources) !== null;
}

const ALL_LINKS = 'a[href],area[href]';

/**
 * A selector for links whose raw `href` holds a listed host followed by a path (`host/`, as
 * links to articles are written), or every link when relative links on this page resolve to
 * a listed host (the page is on an original site or its `<base>` points there). The slash
 * keeps look-alikes such as `host.evil.example` from script at no cost. Not candidates,
 * because a case-insensitive or longer selector costs every page more than they are worth:
 * hosts spelled in capitals or with an explicit port, and hrefs that only the URL parser
 * turns into a listed host (percent-encoded or full-width names). Missing such a link costs
 * a mark, never a false one.
 */
export function candidateSelector(
  baseUri: string,
  sources: readonly UrlRules[] = builtinUrlRules,
): string {
  let base = '';
  try {
    base = new URL(baseUri).hostname;
  } catch {
    // No usable base: relative links resolve to nothing mirrorable.
  }
  if (base && hostListedIn(base, sources)) return ALL_LINKS;
  // Each substring costs a pass over every href on the page. Hosts sharing a last label are
  // looked for only in hrefs holding `.label/` (one pass instead of one per host).
  const byLabel = new Map<string, string[]>();
  for (const source of sources) {
    for (const listed of source.hosts) {
      const host = listed.toLowerCase();
      const dot = host.lastIndexOf('.');
      const label = dot < 0 ? host : host.slice(dot);
      const group = byLabel.get(label) ?? [];
      if (!group.includes(host)) group.push(host);
      byLabel.set(label, group);
    }
  }
  const names = [...byLabel]
    .map(([label, group]) => {
      const hosts = group.map((host) => contains(`${host}/`)).join(',');
      return group.length > 1 && label.startsWith('.')
        ? `${contains(`${label}/`)}:is(${hosts})`
        : hosts;
    })
    .join(',');
  // One tag test per element, then the substrings: about three times faster than a flat list.
  return `a:is(${names}),area:is(${names})`;
}

function contains(text: string): string {
  return `[href*="${text.replace(/["\\]/g, '\\$&')}"]`;
}
