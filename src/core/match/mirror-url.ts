/**
 * Mirror page URL → repository location, for the repositories the sources mirror to. Knows the
 * three ways a page is reached: github.com (`/blob/` or `/raw/`), raw.githubusercontent.com
 * and jsDelivr. Owner and repository compare case-insensitively (GitHub does); the location
 * carries the names as the sources spell them. Never throws.
 */
import { decodePathOnce } from './decode-path';
import { parseHttpUrl } from './http-url';
import { builtinSources } from '../sources/builtin';
import { SAFE_SEGMENT } from '../sources/safe-segment';
import type { MirrorLocation, Source } from '../sources/types';

/** jsDelivr hosts that serve `/gh/<owner>/<repo>@<ref>/<path>`. */
export const JSDELIVR_HOSTS = [
  'cdn.jsdelivr.net',
  'fastly.jsdelivr.net',
  'gcore.jsdelivr.net',
  'testingcf.jsdelivr.net',
] as const;

interface Repository {
  owner: string;
  repo: string;
  /** The branch the sources name, used when a URL gives none (jsDelivr without `@`). */
  branch: string;
  /** Page paths the repository's templates produce. */
  pages: RegExp[];
}

const REF = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,254}$/;
const SEGMENT = SAFE_SEGMENT.source.slice(1, -1);

function templateRegExp(template: string): RegExp {
  const parts = template.split(/(\{id\}|\{folder\})/).map((part) => {
    if (part === '{id}' || part === '{folder}') return SEGMENT;
    return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return new RegExp(`^${parts.join('')}$`);
}

const compiled = new WeakMap<readonly Source[], Map<string, Repository>>();

/** Repositories by lowercase `owner/repo`; the first source naming one sets its branch. */
export function mirrorRepositories(sources: readonly Source[]): Map<string, Repository> {
  let repos = compiled.get(sources);
  if (repos) return repos;
  repos = new Map();
  for (const source of sources) {
    for (const mirror of source.mirrors) {
      const id = `${mirror.owner}/${mirror.repo}`.toLowerCase();
      let repo = repos.get(id);
      if (!repo) {
        repo = { owner: mirror.owner, repo: mirror.repo, branch: mirror.branch, pages: [] };
        repos.set(id, repo);
      }
      // A former name leads to the repository under its current name.
      for (const former of mirror.formerNames ?? []) {
        if (!repos.has(former.toLowerCase())) repos.set(former.toLowerCase(), repo);
      }
      const pages = templateRegExp(mirror.path.template);
      if (!repo.pages.some((p) => p.source === pages.source)) repo.pages.push(pages);
    }
  }
  compiled.set(sources, repos);
  return repos;
}

/** Splits `<ref>/<file>` (optionally `refs/heads/<ref>/<file>`); the source's branch may hold `/`. */
function splitRef(rest: string[], branch: string): { ref: string; file: string[] } | null {
  const parts = rest[0] === 'refs' && rest[1] === 'heads' ? rest.slice(2) : rest;
  const branchParts = branch.split('/');
  if (branchParts.length > 1 && branchParts.every((b, i) => parts[i] === b)) {
    return { ref: branch, file: parts.slice(branchParts.length) };
  }
  const ref = parts[0];
  return ref !== undefined && REF.test(ref) ? { ref, file: parts.slice(1) } : null;
}

/** The repository location of a mirror page URL, or null when it is not one. */
export function parseMirrorUrl(
  input: string,
  sources: readonly Source[] = builtinSources,
): MirrorLocation | null {
  if (typeof input !== 'string' || input.length > 65_536) return null;
  const url = parseHttpUrl(input);
  if (url === null) return null;
  const path = decodePathOnce(url.pathname);
  if (path === null) return null;
  const host = url.hostname.replace(/\.$/, '');
  const segments = path.split('/').slice(1);

  let owner: string | undefined;
  let name: string | undefined;
  // undefined: the ref leads the rest of the path (github.com, raw); null: none given.
  let ref: string | null | undefined;
  let rest: string[];
  if (host === 'github.com' || host === 'www.github.com') {
    const [o, r, view, ...tail] = segments;
    if (view !== 'blob' && view !== 'raw') return null;
    [owner, name, rest] = [o, r, tail];
  } else if (host === 'raw.githubusercontent.com') {
    [owner, name, ...rest] = segments;
  } else if ((JSDELIVR_HOSTS as readonly string[]).includes(host)) {
    const [gh, o, r, ...tail] = segments;
    if (gh !== 'gh' || r === undefined) return null;
    const at = r.indexOf('@');
    [owner, name, rest] = [o, at < 0 ? r : r.slice(0, at), tail];
    ref = at < 0 ? null : r.slice(at + 1);
  } else {
    return null;
  }

  const repo = mirrorRepositories(sources).get(`${owner}/${name}`.toLowerCase());
  if (!repo) return null;
  let file = rest;
  if (ref === undefined) {
    const split = splitRef(rest, repo.branch);
    if (!split) return null;
    ({ ref, file } = split);
  } else if (ref === null) {
    // jsDelivr without a version serves the default branch.
    ref = repo.branch;
  } else if (!REF.test(ref)) {
    return null;
  }
  const pagePath = file.join('/');
  if (!repo.pages.some((p) => p.test(pagePath))) return null;
  return { owner: repo.owner, repo: repo.repo, branch: ref, path: pagePath };
}
