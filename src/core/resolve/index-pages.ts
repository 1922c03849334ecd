/**
 * What a mirror publishes about itself: its README.md and indexes/*.md pages link index
 * pages and recent articles (`[title](../pages/251/403141.md?t=…)`, sometimes as full
 * github.com URLs). Parsing them gives folder names and article id → path entries without
 * listing the repository (the extension cannot) or calling GitHub's API.
 */

export interface IndexPageLinks {
  /** Repository paths of index pages linked (`indexes/<name>.md`). */
  indexPages: string[];
  /** Article pages linked, once each. */
  articles: IndexedArticle[];
}

export interface IndexedArticle {
  id: string;
  folder: string;
  /** `pages/<folder>/<id>.md` */
  path: string;
}

export interface IndexPageRef {
  owner: string;
  repo: string;
  /** Where the parsed page sits in the repository, e.g. `README.md`, `indexes/19.md`. */
  path: string;
}

const MARKDOWN_LINK = /\]\(\s*<?([^)\s>]+)>?[^)]*\)/g;
const HTML_LINK = /\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
const BARE_URL = /https?:\/\/[^\s<>()"'\]]+/gi;
// One path segment from a published link: any name (folders may be Chinese) but no separators,
// dot segments or control characters; URLs are built from it with percent-encoding.
const SEGMENT = /^(?!\.{1,2}$)[^/\\\p{Cc}]{1,128}$/u;

export function parseIndexPage(text: string, page: IndexPageRef): IndexPageLinks {
  const indexPages = new Set<string>();
  const articles = new Map<string, IndexedArticle>();
  for (const href of hrefs(text)) {
    const path = repoPath(href, page);
    if (!path) continue;
    const parts = path.split('/');
    if (parts.length === 3 && parts[0] === 'pages' && parts[2]?.endsWith('.md')) {
      const folder = parts[1] as string;
      const id = parts[2].slice(0, -3);
      if (id !== '' && !articles.has(id)) articles.set(id, { id, folder, path });
    } else if (parts.length === 2 && parts[0] === 'indexes' && /.\.md$/.test(parts[1] ?? '')) {
      if (path !== page.path) indexPages.add(path);
    }
  }
  return { indexPages: [...indexPages], articles: [...articles.values()] };
}

function* hrefs(text: string): Generator<string> {
  for (const m of text.matchAll(MARKDOWN_LINK)) if (m[1]) yield m[1];
  for (const m of text.matchAll(HTML_LINK)) {
    const value = m[1] ?? m[2] ?? m[3];
    if (value) yield value;
  }
  for (const m of text.matchAll(BARE_URL)) yield m[0];
}

/** The repository path a link points to inside this repository, or null. */
export function repoPath(href: string, page: IndexPageRef): string | null {
  const bare = href.replace(/[#?].*$/s, '').trim();
  if (bare === '') return null;
  let segments: string[] | null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(bare) || bare.startsWith('//')) {
    segments = absoluteSegments(bare, page);
  } else {
    const base = page.path.split('/').slice(0, -1);
    segments = resolveRelative(bare.startsWith('/') ? [] : base, bare.split('/'));
  }
  if (!segments || segments.length === 0) return null;
  const decoded: string[] = [];
  for (const segment of segments) {
    let name: string;
    try {
      name = decodeURIComponent(segment);
    } catch {
      return null;
    }
    if (!SEGMENT.test(name)) return null;
    decoded.push(name);
  }
  return decoded.join('/');
}

/** `..` above the repository root leaves it (links to sibling repositories): null. */
function resolveRelative(base: string[], parts: string[]): string[] | null {
  const out = [...base];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(part);
  }
  return out;
}

function absoluteSegments(href: string, page: IndexPageRef): string[] | null {
  let url: URL;
  try {
    url = new URL(href.startsWith('//') ? `https:${href}` : href);
  } catch {
    return null;
  }
  const parts = url.pathname.split('/').filter((p) => p !== '');
  const same = (owner?: string, repo?: string) =>
    owner?.toLowerCase() === page.owner.toLowerCase() &&
    repo?.toLowerCase() === page.repo.toLowerCase();
  const host = url.hostname.toLowerCase();
  if (host === 'github.com' || host === 'www.github.com') {
    const [owner, repo, view, , ...rest] = parts;
    return same(owner, repo) && (view === 'blob' || view === 'raw') ? rest : null;
  }
  if (host === 'raw.githubusercontent.com') {
    const [owner, repo, , ...rest] = parts;
    return same(owner, repo) ? rest : null;
  }
  if (host.endsWith('.jsdelivr.net') && parts[0] === 'gh') {
    const [, owner, repoAt = '', ...rest] = parts;
    return same(owner, repoAt.replace(/@.*$/, '')) ? rest : null;
  }
  return null;
}
