/**
 * Original URL → (source, key). Pure, strict and cheap: the content script runs it on every
 * link of every page, so it never throws and rejects most URLs before any regular expression.
 *
 * Host rules: a listed host or a real subdomain of one (`www.` is just a subdomain); any case;
 * one trailing dot ignored; userinfo rejects the URL (`http://epochtimes.com@evil.example/`
 * tricks readers); ports are ignored — a non-default port still names the same site and the
 * article id is the same, so it still matches. Host extraction follows the WHATWG URL parser
 * (`new URL`), so look-alike Unicode hosts arrive as `xn--` names and match nothing.
 */
import { decodePathOnce } from './decode-path';
import { builtinSources } from './sources/builtin';
import { compilePathPattern } from './sources/path-pattern';
import { SAFE_SEGMENT } from './sources/safe-segment';
import type { Match, Source } from './sources/types';

interface CompiledSource {
  source: Source;
  patterns: RegExp[];
}

/** Listed host → the sources that list it. */
type HostMap = Map<string, CompiledSource[]>;

// Longer inputs are not links worth mirroring; refusing them bounds the work per call.
const MAX_INPUT = 65_536;

const compiled = new WeakMap<readonly Source[], HostMap>();

function compile(sources: readonly Source[]): HostMap {
  let hostMap = compiled.get(sources);
  if (hostMap) return hostMap;
  hostMap = new Map();
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
    for (const host of source.hosts) {
      const list = hostMap.get(host.toLowerCase());
      if (list) list.push(entry);
      else hostMap.set(host.toLowerCase(), [entry]);
    }
  }
  compiled.set(sources, hostMap);
  return hostMap;
}

/**
 * Where in `host` the longest listed suffix starts (a listed host or the parent of a
 * subdomain), or -1. Labels are dropped from the left, one lookup each.
 */
function listedFrom(hostMap: HostMap, host: string, from = 0): number {
  const end = host.endsWith('.') ? host.length - 1 : host.length;
  for (let at = from; at < end;) {
    if (hostMap.has(at === 0 && end === host.length ? host : host.slice(at, end))) return at;
    const dot = host.indexOf('.', at);
    if (dot < 0 || dot >= end) return -1;
    at = dot + 1;
  }
  return -1;
}

/** Where the label after the one at `at` starts (the end of `host` if none). */
function nextLabel(host: string, at: number): number {
  const dot = host.indexOf('.', at);
  return dot < 0 ? host.length : dot + 1;
}

/** Tries the sources of every listed suffix of `host` from `at`, most specific first. */
function matchPath(hostMap: HostMap, host: string, at: number, path: string): Match | null {
  const end = host.endsWith('.') ? host.length - 1 : host.length;
  for (; at >= 0; at = listedFrom(hostMap, host, nextLabel(host, at))) {
    const list = hostMap.get(host.slice(at, end)) ?? [];
    for (const { source, patterns } of list) {
      for (const pattern of patterns) {
        const groups = pattern.exec(path)?.groups;
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
 * host, no userinfo, no whitespace): regular expressions run natively, far faster than a
 * character loop. WHATWG reads the same host from every input PLAIN_AUTHORITY accepts (a
 * `host:port@other` userinfo fails its lookahead), and the same path from every path
 * PLAIN_PATH accepts that has no dot segment.
 */
const PLAIN_AUTHORITY = /^https?:\/\/([a-z0-9.-]+)(?::(\d{0,5}))?(?![^/?#])/;
// Characters WHATWG leaves as they are in an http(s) path (no backslash, nothing it encodes).
const PLAIN_PATH = /\/[A-Za-z0-9\-._~!$&'()*+,;=:@/%|[\]]*(?![^?#])/y;
// A `.` or `..` segment, perhaps encoded: the parser removes it.
const DOT_SEGMENT = /\/(?:\.|%2e)/i;
// A scheme as the parser reads it: leading controls and spaces, tabs and newlines dropped.
const SCHEME = /^[\0- ]*([A-Za-z][A-Za-z0-9+.\-\t\n\r]*):/;

/** What a cheap scan learns about an input before the full URL parser. */
interface Scan {
  /** The WHATWG host (lowercase ASCII), exact except for the trailing-dot rule. */
  host: string;
  /** The WHATWG pathname, or undefined when only the full parser can tell. */
  path: string | undefined;
}

/**
 * null: certainly not an http(s) URL (another scheme, or relative — which fails without a
 * base). undefined: unusual; the full parser must decide. Else the host, and the path if plain.
 */
function scan(input: string): Scan | null | undefined {
  const authority = PLAIN_AUTHORITY.exec(input);
  if (!authority) {
    const scheme = SCHEME.exec(input)?.[1]
      ?.replace(/[\t\n\r]/g, '')
      .toLowerCase();
    return scheme === 'http' || scheme === 'https' ? undefined : null;
  }
  const host = authority[1] ?? '';
  const port = authority[2];
  // Punycode labels and out-of-range ports are for the parser to judge.
  if (host.includes('xn--') || (port !== undefined && Number(port) > 65_535)) {
    return { host, path: undefined };
  }
  const at = authority[0].length;
  if (at === input.length || input.charCodeAt(at) !== 47) return { host, path: '/' };
  PLAIN_PATH.lastIndex = at;
  const path = PLAIN_PATH.exec(input)?.[0];
  return { host, path: path === undefined || DOT_SEGMENT.test(path) ? undefined : path };
}

/** Whether `host` (a URL's hostname) is a listed host or a subdomain of one. */
export function hostMatches(host: string, sources: readonly Source[] = builtinSources): boolean {
  return listedFrom(compile(sources), host.toLowerCase()) >= 0;
}

/** The source and article key of an original URL, or null when it is not one. Never throws. */
export function matchUrl(input: string, sources: readonly Source[] = builtinSources): Match | null {
  if (typeof input !== 'string' || input.length === 0 || input.length > MAX_INPUT) return null;
  const hostMap = compile(sources);
  const quick = scan(input);
  if (quick === null) return null;
  let at = quick === undefined ? -1 : listedFrom(hostMap, quick.host);
  if (quick !== undefined && at < 0) return null;

  let host: string;
  let pathname: string;
  if (quick?.path !== undefined) {
    host = quick.host;
    pathname = quick.path;
  } else {
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      return null;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (url.username !== '' || url.password !== '') return null;
    host = url.hostname;
    pathname = url.pathname;
    at = listedFrom(hostMap, host);
    if (at < 0) return null;
  }
  const path = decodePathOnce(pathname);
  return path === null ? null : matchPath(hostMap, host, at, path);
}
