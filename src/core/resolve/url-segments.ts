/**
 * Every folder-shaped segment of an original URL's path, deepest first: a mirror may file the
 * page under any of them (rfa.org: `/mandarin/<channel>/<column>/<id>.html` sits in
 * `pages/<channel>/` or `pages/<column>/`, and shapes not seen yet may differ again).
 */
import { decodePathOnce } from '../match/decode-path';
import { parseHttpUrl } from '../match/http-url';
import { SAFE_SEGMENT } from '../sources/safe-segment';

const MAX_SEGMENTS = 8;

export function folderCandidates(input: string): string[] {
  const url = parseHttpUrl(input);
  const path = url ? decodePathOnce(url.pathname) : null;
  if (path === null) return [];
  const segments = path
    .split('/')
    .slice(1, -1)
    .filter((s) => SAFE_SEGMENT.test(s));
  return [...new Set(segments.reverse())].slice(0, MAX_SEGMENTS);
}
