/**
 * The matcher (see url-matcher) over the built-in sources unless told otherwise: what every
 * context but the content script uses. The content script calls url-matcher with the
 * URL rules alone (sources/content-rules.ts), so that it does not carry names and mirror folders.
 */
import { builtinSources } from '../sources/builtin';
import type { Match, Source } from '../sources/types';
import { hostListedIn, matchUrlIn } from './url-matcher';

/** The source and article key of an original URL, or null when it is not one. Never throws. */
export function matchUrl(input: string, sources: readonly Source[] = builtinSources): Match | null {
  return matchUrlIn(input, sources);
}

/** Whether `host` (a URL's hostname) is a listed host or a subdomain of one. */
export function hostMatches(host: string, sources: readonly Source[] = builtinSources): boolean {
  return hostListedIn(host, sources);
}
