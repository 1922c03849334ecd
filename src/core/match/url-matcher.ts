/**
 * Original URL → (source, key). Pure, strict and cheap: the content script runs it on every
 * candidate link of every page, so it never throws and rejects most URLs after one regular
 * expression and one lookup of the host.
 *
 * Host rules: a listed host or a real subdomain of one (`www.` is just a subdomain); any case;
 * one trailing dot ignored; userinfo rejects the URL (`http://epochtimes.com@evil.example/`
 * tricks readers); ports are ignored — a non-default port still names the same site and the
 * article id is the same, so it still matches. Host extraction follows the WHATWG URL parser
 * (`new URL`), so look-alike Unicode hosts arrive as `xn--` names and match nothing.
 */
import { decodePathOnce } from './decode-path';
import { parseHttpUrl } from './http-url';
import { compilePathPattern } from '../sources/path-pattern';
import { SAFE_SEGMENT } from '../sources/safe-segment';
import type { Match, UrlRules } from '../sources/types';

/** A source's patterns, compiled. */
interface CompiledSource {
  source: UrlRules;
  patterns: RegExp[];
}

interface Compiled {
  /** Listed host → the sources that list it. */
  hosts: Map<string, CompiledSource[]>;
  /** The most labels a listed host has: longer suffixes of a host need no lookup. */
  maxLabels: number;
  /** Recent hosts → their suffix lists: a page's links name few hosts, many times. */
  recent: Map<string, readonly CompiledSource[][]>;
}

const RECENT_HOSTS = 256;

// Longer inputs are not links worth mirroring; refusing them bounds the work per call.
const MAX_INPUT = 65_536;

const compiled = new WeakMap<readonly UrlRules[], Compiled>();
// Nearly every call names the same sources: one comparison instead of a map lookup.
let last: { sources: readonly UrlRules[]; compiled: Compiled } | undefined;

function compile(sources: readonly UrlRules[]): Compiled {
  if (last?.sources === sources) return last.compiled;
  const result = compiled.get(sources) ?? compileNew(sources);
  last = { sources, compiled: result };
  return result;
}

function compileNew(sources: readonly UrlRules[]): Compiled {
  const result: Compiled = { hosts: new Map(), maxLabels: 0, recent: new Map() };
  for (const source of sources) {
    const patterns: RegExp[] = [];
    for (const pattern of source.patterns) {
      try {
        patterns.push(compilePathPattern(pattern.path));
      } catch {
        // Unvalidated user data: a broken pattern matches nothing rather than throwing.
      }
    }
    const entry = { source, patterns };
    for (const listed of source.hosts) {
      const host = listed.toLowerCase();
      const list = result.hosts.get(host);
      if (list) list.push(entry);
      else result.hosts.set(host, [entry]);
      result.maxLabels = Math.max(result.maxLabels, host.split('.').length);
    }
  }
  compiled.set(sources, result);
  return result;
}

/*
 * Written for few calls: the content script runs this on every candidate link in cold code,
 * where each call and each iterator costs (hence indexed loops and no helpers).
 */

/**
 * Where in `host` the longest listed suffix starts (a listed host or the parent of a
 * subdomain), at `from` or after, or -1. One trailing dot is ignored (WHATWG keeps it).
 */
function listedFrom(compiled: Compiled, host: string, from: number): number {
  const end = host.charCodeAt(host.length - 1) === 46 ? host.length - 1 : host.length;
  // Suffixes with more labels than any listed host are not looked up.
  let at = end;
  for (let labels = 0; labels < compiled.maxLabels && at > 0; labels++) {
    at = host.lastIndexOf('.', at - 2) + 1;
  }
  if (at < from) at = from;
  while (at < end) {
    if (compiled.hosts.has(at === 0 && end === host.length ? host : host.slice(at, end))) {
      return at;
    }
    const dot = host.indexOf('.', at);
    if (dot < 0 || dot >= end) return -1;
    at = dot + 1;
  }
  return -1;
}

const UNLISTED: readonly CompiledSource[][] = [];

/**
 * The sources of each listed suffix of `host`, most specific first (none: the host is not
 * listed), remembered for the last few hundred hosts.
 */
function suffixLists(compiled: Compiled, host: string): readonly CompiledSource[][] {
  const { recent } = compiled;
  const known = recent.get(host);
  if (known !== undefined) return known;
  const end = host.charCodeAt(host.length - 1) === 46 ? host.length - 1 : host.length;
  const lists: CompiledSource[][] = [];
  for (let at = listedFrom(compiled, host, 0); at >= 0;) {
    lists.push(compiled.hosts.get(host.slice(at, end)) ?? []);
    const dot = host.indexOf('.', at);
    at = dot < 0 ? -1 : listedFrom(compiled, host, dot + 1);
  }
  const result = lists.length === 0 ? UNLISTED : lists;
  if (recent.size === RECENT_HOSTS) recent.clear();
  recent.set(host, result);
  return result;
}

/** Tries the sources of each listed suffix in turn against the decoded path. */
function matchPath(lists: readonly CompiledSource[][], path: string): Match<UrlRules> | null {
  for (let l = 0; l < lists.length; l++) {
    const list = lists[l] as CompiledSource[];
    for (let i = 0; i < list.length; i++) {
      const { source, patterns } = list[i] as CompiledSource;
      for (let j = 0; j < patterns.length; j++) {
        const groups = (patterns[j] as RegExp).exec(path)?.groups;
        if (!groups) continue;
        const key = groups.id;
        const folder = groups.folder;
        if (key === undefined || !SAFE_SEGMENT.test(key)) continue;
        if (folder === undefined) return { source, key };
        if (SAFE_SEGMENT.test(folder)) return { source, key, folder };
      }
    }
  }
  return null;
}

/*
 * A cheap first look, without `new URL`, at inputs written the plain way (lowercase scheme and
 * host, no userinfo, no whitespace): one regular expression, run natively, gives the host,
 * port and path. WHATWG reads the same host from every input whose authority PLAIN accepts
 * (a `host:port@other` userinfo fails its lookahead), and the same path from every path PLAIN
 * captures that has no dot segment. The content script runs this on every candidate link in
 * cold code, so it is written for few calls and no allocation beyond the match itself.
 */
const PLAIN =
  /^https?:\/\/([a-z0-9.-]+)(?::(\d{0,5}))?(?![^/?#])(\/[A-Za-z0-9\-._~!$&'()*+,;=:@/%|[\]]*(?![^?#]))?/;
// A `.` or `..` segment, perhaps encoded: the parser removes it.
const DOT_SEGMENT = /\/(?:\.|%2e)/i;
// What a plain URL's path needs a closer look for: the common URL has none of it.
const UNUSUAL = /%|\/\.|xn--/;
// A scheme as the parser reads it: leading controls and spaces, tabs and newlines dropped.
const SCHEME = /^[\0- ]*([A-Za-z][A-Za-z0-9+.\-\t\n\r]*):/;

/** Whether `input` is an http(s) URL as the parser reads its scheme (relative ones are not). */
function hasHttpScheme(input: string): boolean {
  const scheme = SCHEME.exec(input)?.[1]
    ?.replace(/[\t\n\r]/g, '')
    .toLowerCase();
  return scheme === 'http' || scheme === 'https';
}

/** Whether `host` (a URL's hostname) is a listed host or a subdomain of one. */
export function hostListedIn(host: string, sources: readonly UrlRules[]): boolean {
  return suffixLists(compile(sources), host.toLowerCase()).length > 0;
}

/**
 * The source and article key of an original URL, or null when it is not one. Never throws.
 * `source` is one of `sources`, as given.
 */
export function matchUrlIn<S extends UrlRules>(
  input: string,
  sources: readonly S[],
): Match<S> | null {
  if (typeof input !== 'string' || input.length === 0 || input.length > MAX_INPUT) return null;
  const listed = compile(sources);
  const plain = PLAIN.exec(input);
  if (plain !== null) {
    const host = plain[1] ?? '';
    const lists = suffixLists(listed, host);
    if (lists.length === 0) return null;
    const port = plain[2];
    let pathname = plain[3];
    if (pathname !== undefined && port === undefined && !UNUSUAL.test(input)) {
      return matchPath(lists, pathname) as Match<S> | null;
    }
    // Punycode labels and out-of-range ports are for the parser to judge.
    if (host.includes('xn--') || (port !== undefined && Number(port) > 65_535)) {
      pathname = undefined;
    } else if (pathname === undefined) {
      // Nothing after the authority but a query or fragment (else a path PLAIN does not read).
      if (input.charCodeAt(plain[0].length) !== 47) pathname = '/';
    } else if (pathname.includes('%')) {
      const decoded = DOT_SEGMENT.test(pathname) ? undefined : decodePathOnce(pathname);
      if (decoded === null) return null;
      pathname = decoded;
    } else if (pathname.includes('/.')) {
      pathname = undefined;
    }
    if (pathname !== undefined) return matchPath(lists, pathname) as Match<S> | null;
  } else if (!hasHttpScheme(input)) {
    return null;
  }

  // Unusual spelling: the full parser decides.
  const url = parseHttpUrl(input);
  if (url === null) return null;
  const lists = suffixLists(listed, url.hostname);
  if (lists.length === 0) return null;
  const path = decodePathOnce(url.pathname);
  return path === null ? null : (matchPath(lists, path) as Match<S> | null);
}
