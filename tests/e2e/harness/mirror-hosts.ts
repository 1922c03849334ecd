/**
 * What each production host answers, given the fixture repositories:
 * raw.githubusercontent.com, jsDelivr (cdn., fastly., gcore., testingcf.), github.com's blob
 * pages and /raw/ redirect, and api.github.com's git trees. The server (mirror-server.ts)
 * adds recording and faults on top.
 */
import { createHash, randomBytes } from 'node:crypto';
import { FixtureRepo, type TreeEntry } from './fixture-repo';

export const RAW_HOST = 'raw.githubusercontent.com';
export const GITHUB_HOST = 'github.com';
export const API_HOST = 'api.github.com';
export const JSDELIVR_HOSTS = [
  'fastly.jsdelivr.net',
  'gcore.jsdelivr.net',
  'testingcf.jsdelivr.net',
  'cdn.jsdelivr.net',
] as const;
export const MIRROR_HOSTS = [RAW_HOST, GITHUB_HOST, API_HOST, ...JSDELIVR_HOSTS] as const;

/**
 * Chromium's --host-resolver-rules: the mirror hosts go to the fake server on `port`, every
 * other host fails to resolve as a blocked one does for our users; loopback stays reachable
 * for the plain test-page server. Without a port, nothing but loopback resolves.
 */
export function hostResolverRules(port?: number, extra: Record<string, number> = {}): string {
  const to = `127.0.0.1:${port}`;
  const mirror =
    port === undefined
      ? []
      : [RAW_HOST, GITHUB_HOST, API_HOST, '*.jsdelivr.net'].map((host) => `MAP ${host} ${to}`);
  const others = Object.entries(extra).map(([host, at]) => `MAP ${host} 127.0.0.1:${at}`);
  return [...mirror, ...others, 'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1', 'EXCLUDE localhost'].join(
    ', ',
  );
}

/** Which shape github.com's blob page embeds the file's lines in. */
export type BlobShape =
  /** 2025–26: payload["codeViewBlobLayoutRoute.StyledBlob"].rawLines */
  | 'styled'
  /** older captures: payload.blob.rawLines */
  | 'legacy'
  /** large files: no rawLines at all */
  | 'none';

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

export const TEXT = 'text/plain; charset=utf-8';
export const HTML = 'text/html; charset=utf-8';
export const JSON_TYPE = 'application/json; charset=utf-8';

function contentTypeOf(path: string, markdown: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  const images: Record<string, string> = {
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    gif: 'image/gif',
    webp: 'image/webp',
  };
  return images[ext] ?? (ext === 'md' ? markdown : TEXT);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON inside <script>: GitHub escapes "<" so no "</script>" can end it early. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function requestId(): string {
  return randomBytes(8).toString('hex').toUpperCase();
}

export interface MirrorHostsOptions {
  blobShape?: BlobShape;
  /**
   * jsDelivr answers 403 for directory listings of repositories over 50 MB (ours are) but
   * still serves their files; 'html' lists folders as for a small repository.
   */
  jsdelivrListing?: 'forbidden' | 'html';
  /** Requests api.github.com allows before answering 403 rate-limited (GitHub: 60 an hour). */
  apiRateLimit?: number;
}

/** The production hosts' answers over a set of repositories; settings changeable at run time. */
export class MirrorHosts {
  blobShape: BlobShape;
  jsdelivrListing: 'forbidden' | 'html';
  private readonly repos = new Map<string, FixtureRepo>();
  private apiRemaining: number;
  private readonly apiLimit: number;
  private readonly apiReset = Math.floor(Date.now() / 1000) + 3600;

  constructor(repos: Iterable<FixtureRepo>, options: MirrorHostsOptions = {}) {
    for (const repo of repos) this.addRepo(repo);
    this.blobShape = options.blobShape ?? 'styled';
    this.jsdelivrListing = options.jsdelivrListing ?? 'forbidden';
    this.apiLimit = options.apiRateLimit ?? 60;
    this.apiRemaining = this.apiLimit;
  }

  addRepo(repo: FixtureRepo): FixtureRepo {
    this.repos.set(`${repo.fullName}@${repo.branch}`.toLowerCase(), repo);
    return repo;
  }

  /** The repository served as owner/name on `branch`, created empty if missing. */
  repo(fullName: string, branch = 'master'): FixtureRepo {
    const found = this.repos.get(`${fullName}@${branch}`.toLowerCase());
    if (found) return found;
    const [owner, name] = fullName.split('/');
    if (!owner || !name) throw new Error(`not owner/name: ${fullName}`);
    return this.addRepo(new FixtureRepo(owner, name, branch));
  }

  /** api.github.com's allowance back to full (it is counted per server, like GitHub's per IP). */
  resetApiRateLimit(): void {
    this.apiRemaining = this.apiLimit;
  }

  /** The answer `host` gives to `method` `path` (with query). */
  route(host: string, method: string, path: string): Answer {
    const url = new URL(path, `https://${host}`);
    if (method === 'OPTIONS') {
      return {
        status: 204,
        headers: {
          ...this.cors(host),
          'access-control-allow-methods': 'GET, HEAD, OPTIONS',
          'access-control-allow-headers': '*',
          'access-control-max-age': '86400',
        },
        body: '',
      };
    }
    if (host === RAW_HOST) return this.raw(url);
    if (host === API_HOST) return this.api(url);
    if (host === GITHUB_HOST) return this.github(url);
    if (host.endsWith('.jsdelivr.net')) return this.jsdelivr(host, url);
    return {
      status: 421,
      headers: { 'content-type': TEXT },
      body: `the fake mirror does not serve ${host}`,
    };
  }

  cors(host: string): Record<string, string> {
    // Both raw.githubusercontent.com and jsDelivr (and the API) allow any origin; github.com's pages do not.
    return host.replace(/:\d+$/, '') === GITHUB_HOST ? {} : { 'access-control-allow-origin': '*' };
  }

  /** A file of a repository at a ref (branch name or head commit), if it exists. */
  private lookup(
    owner: string,
    name: string,
    ref: string,
    path: string,
  ): { repo: FixtureRepo; file?: Buffer } | undefined {
    for (const repo of this.repos.values()) {
      if (
        repo.owner.toLowerCase() !== owner.toLowerCase() ||
        repo.name.toLowerCase() !== name.toLowerCase()
      )
        continue;
      if (ref !== repo.branch && ref !== repo.commitSha) continue;
      return { repo, file: repo.get(path) };
    }
    return undefined;
  }

  private defaultBranch(owner: string, name: string): string | undefined {
    const repos = [...this.repos.values()].filter(
      (r) =>
        r.owner.toLowerCase() === owner.toLowerCase() &&
        r.name.toLowerCase() === name.toLowerCase(),
    );
    return (repos.find((r) => r.branch === 'master' || r.branch === 'main') ?? repos[0])?.branch;
  }

  notFound(host: string, pathname: string): Answer {
    if (host === GITHUB_HOST) {
      return {
        status: 404,
        headers: { 'content-type': HTML, 'x-github-request-id': requestId() },
        body: '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Page not found · GitHub</title></head><body><main><h1>404</h1><p>This is not the web page you are looking for.</p></main></body></html>',
      };
    }
    if (host === API_HOST) {
      return {
        status: 404,
        headers: { 'content-type': JSON_TYPE, ...this.cors(host), ...this.apiHeaders() },
        body: JSON.stringify({
          message: 'Not Found',
          documentation_url: 'https://docs.github.com/rest/git/trees#get-a-tree',
          status: '404',
        }),
      };
    }
    if (host.endsWith('.jsdelivr.net')) {
      return {
        status: 404,
        headers: {
          'content-type': TEXT,
          ...this.cors(host),
          'cache-control': 'public, max-age=600',
        },
        body: `Couldn't find the requested file ${pathname}.`,
      };
    }
    return {
      status: 404,
      headers: {
        'content-type': TEXT,
        ...this.cors(host),
        'x-content-type-options': 'nosniff',
        'x-github-request-id': requestId(),
      },
      body: '404: Not Found',
    };
  }

  rateLimited(): Answer {
    return {
      status: 403,
      headers: {
        'content-type': JSON_TYPE,
        'access-control-allow-origin': '*',
        'x-ratelimit-limit': String(this.apiLimit),
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(this.apiReset),
        'x-ratelimit-used': String(this.apiLimit),
        'x-ratelimit-resource': 'core',
        'x-github-request-id': requestId(),
      },
      body: JSON.stringify({
        message:
          "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)",
        documentation_url:
          'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting',
      }),
    };
  }

  /** raw.githubusercontent.com/<owner>/<repo>/<ref>/<path> */
  private raw(url: URL): Answer {
    const [owner = '', name = '', ...rest] = url.pathname
      .slice(1)
      .split('/')
      .map(decodeURIComponent);
    let ref = rest.shift() ?? '';
    if (ref === 'refs' && rest[0] === 'heads') {
      rest.shift();
      ref = rest.shift() ?? '';
    }
    const path = rest.join('/');
    const found = this.lookup(owner, name, ref, path);
    if (!found?.file) return this.notFound(RAW_HOST, url.pathname);
    const body = found.file;
    return {
      status: 200,
      headers: {
        'content-type': contentTypeOf(path, TEXT),
        'access-control-allow-origin': '*',
        'cache-control': 'max-age=300',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
        'cross-origin-resource-policy': 'cross-origin',
        // raw's ETag is a weak SHA-256 of the body, not the git blob id.
        etag: `W/"${createHash('sha256').update(body).digest('hex')}"`,
        'strict-transport-security': 'max-age=31536000',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'deny',
        'x-github-request-id': requestId(),
        'accept-ranges': 'bytes',
      },
      body,
    };
  }

  /** <host>.jsdelivr.net/gh/<owner>/<repo>[@<ref>]/<path> */
  private jsdelivr(host: string, url: URL): Answer {
    const parts = url.pathname.split('/').map(decodeURIComponent);
    // ["", "gh", owner, "repo@ref", ...path]
    if (parts[1] !== 'gh' || !parts[2] || !parts[3]) return this.notFound(host, url.pathname);
    const owner = parts[2];
    const [name, version] = parts[3].split('@') as [string, string | undefined];
    const ref = version ?? this.defaultBranch(owner, name) ?? '';
    const path = parts.slice(4).join('/');
    const found = this.lookup(owner, name, ref, path);
    const common = {
      'access-control-allow-origin': '*',
      'access-control-expose-headers': '*',
      'timing-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
      'strict-transport-security': 'max-age=31536000; includeSubDomains; preload',
      'x-content-type-options': 'nosniff',
      'x-jsd-version': ref,
      'x-jsd-version-type': version && /^[0-9a-f]{40}$/.test(version) ? 'commit' : 'branch',
    };
    if (!found) {
      return {
        status: 404,
        headers: { 'content-type': TEXT, ...common },
        body: `Couldn't find the requested release version ${ref}.`,
      };
    }
    if (found.file) {
      return {
        status: 200,
        headers: {
          'content-type': contentTypeOf(path, 'text/markdown; charset=utf-8'),
          ...common,
          // Branches are cached for 12 hours, commit-pinned files for good.
          'cache-control':
            common['x-jsd-version-type'] === 'commit'
              ? 'public, max-age=31536000, s-maxage=31536000, immutable'
              : 'public, max-age=604800, s-maxage=43200',
          etag: `W/"${found.file.length.toString(16)}-${createHash('sha1').update(found.file).digest('base64url').slice(0, 27)}"`,
        },
        body: found.file,
      };
    }
    if (url.pathname.endsWith('/') && found.repo.isFolder(path)) {
      if (this.jsdelivrListing === 'forbidden') {
        return {
          status: 403,
          headers: { 'content-type': TEXT, ...common },
          body: `Package size exceeded the configured limit of 50 MB. Try https://github.com/${found.repo.fullName}/tree/${ref}/${path} instead.`,
        };
      }
      const items = found.repo
        .list(path)
        .map((n) => `<tr><td><a href="${escapeHtml(n)}">${escapeHtml(n)}</a></td></tr>`)
        .join('');
      return {
        status: 200,
        headers: { 'content-type': HTML, ...common },
        body: `<!DOCTYPE html><html><head><title>CDN files</title></head><body><table class="listing">${items}</table></body></html>`,
      };
    }
    return this.notFound(host, url.pathname);
  }

  /** github.com/<owner>/<repo>/blob/<ref>/<path>[?plain=1] and /raw/ (→ 302 to raw). */
  private github(url: URL): Answer {
    const [owner = '', name = '', kind = '', ref = '', ...rest] = url.pathname
      .slice(1)
      .split('/')
      .map(decodeURIComponent);
    const path = rest.join('/');
    if (kind === 'raw' && owner && name && ref) {
      return {
        status: 302,
        headers: {
          location: `https://${RAW_HOST}/${owner}/${name}/${ref}/${rest.map(encodeURIComponent).join('/')}`,
          'content-type': HTML,
        },
        body: '',
      };
    }
    if (kind !== 'blob') return this.notFound(GITHUB_HOST, url.pathname);
    const found = this.lookup(owner, name, ref, path);
    if (!found?.file) return this.notFound(GITHUB_HOST, url.pathname);
    const text = found.file.toString('utf8');
    const plain = url.searchParams.get('plain') === '1';
    const body = blobPage(found.repo, ref, path, text, this.blobShape, plain);
    return {
      status: 200,
      headers: {
        'content-type': HTML,
        'cache-control': 'max-age=0, private, must-revalidate',
        etag: `W/"${createHash('md5').update(body).digest('hex')}"`,
        'x-frame-options': 'deny',
        'x-content-type-options': 'nosniff',
        'x-github-request-id': requestId(),
        vary: 'X-PJAX, X-PJAX-Container, Turbo-Visit, Turbo-Frame, Accept-Encoding, Accept, X-Requested-With',
      },
      body,
    };
  }

  private apiHeaders(): Record<string, string> {
    return {
      'x-github-media-type': 'github.v3; format=json',
      'x-ratelimit-limit': String(this.apiLimit),
      'x-ratelimit-remaining': String(Math.max(0, this.apiRemaining)),
      'x-ratelimit-reset': String(this.apiReset),
      'x-ratelimit-used': String(this.apiLimit - Math.max(0, this.apiRemaining)),
      'x-ratelimit-resource': 'core',
      'x-github-request-id': requestId(),
      'access-control-expose-headers':
        'ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset',
    };
  }

  /** api.github.com/repos/<owner>/<repo>/git/trees/<ref>[?recursive=1] */
  private api(url: URL): Answer {
    if (this.apiRemaining <= 0) return this.rateLimited();
    this.apiRemaining--;
    const match = /^\/repos\/([^/]+)\/([^/]+)\/git\/trees\/(.+)$/.exec(url.pathname);
    if (!match) return this.notFound(API_HOST, url.pathname);
    const [, owner = '', name = '', ref = ''] = match.map(decodeURIComponent);
    const recursive = ['1', 'true'].includes(url.searchParams.get('recursive') ?? '');
    const repos = [...this.repos.values()].filter(
      (r) =>
        r.owner.toLowerCase() === owner.toLowerCase() &&
        r.name.toLowerCase() === name.toLowerCase(),
    );
    const tree = repos.map((r) => r.treeFor(ref, recursive)).find((t) => t !== undefined);
    if (!tree) return this.notFound(API_HOST, url.pathname);
    const base = `https://${API_HOST}/repos/${owner}/${name}/git`;
    const json = {
      sha: tree.sha,
      url: `${base}/trees/${tree.sha}`,
      tree: tree.entries.map((e: TreeEntry) => ({
        path: e.path,
        mode: e.mode,
        type: e.type,
        sha: e.sha,
        ...(e.type === 'blob' ? { size: e.size } : {}),
        url: `${base}/${e.type === 'blob' ? 'blobs' : 'trees'}/${e.sha}`,
      })),
      truncated: false,
    };
    const body = JSON.stringify(json, null, 2);
    return {
      status: 200,
      headers: {
        'content-type': JSON_TYPE,
        'access-control-allow-origin': '*',
        'cache-control': 'public, max-age=60, s-maxage=60',
        etag: `W/"${createHash('sha256').update(body).digest('hex')}"`,
        ...this.apiHeaders(),
      },
      body,
    };
  }
}

/** The page github.com serves for a file: its React app's data embedded as JSON. */
function blobPage(
  repo: FixtureRepo,
  ref: string,
  path: string,
  text: string,
  shape: BlobShape,
  plain: boolean,
): string {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const fileName = path.split('/').at(-1) ?? path;
  const blobData = {
    ...(shape === 'none' ? {} : { rawLines: lines }),
    stylingDirectives: shape === 'none' ? null : lines.map(() => []),
    colorizedLines: null,
    csv: null,
    csvError: null,
    displayName: fileName,
    displayUrl: `https://github.com/${repo.fullName}/blob/${ref}/${path}?raw=true`,
    headerInfo: {
      blobSize: `${(Buffer.byteLength(text) / 1024).toFixed(1)} KB`,
      lineInfo: {
        truncatedLoc: String(lines.length),
        truncatedSloc: String(lines.filter((l) => l.trim()).length),
      },
      mode: 'file',
    },
    image: false,
    isPlain: plain,
    language: path.endsWith('.md') ? 'Markdown' : 'Text',
    large: shape === 'none',
    loggedIn: false,
    rawBlobUrl: `https://github.com/${repo.fullName}/raw/${ref}/${path}`,
    // The rendered view's HTML; the extension must take the text from rawLines, not from here.
    richText:
      plain || shape === 'none'
        ? null
        : `<article class="markdown-body entry-content container-lg" itemprop="text"><pre>${escapeHtml(text)}</pre></article>`,
    renderImageOrRaw: shape === 'none',
    tabSize: 8,
    truncated: shape === 'none',
    viewable: shape !== 'none',
  };
  const common = {
    path,
    repo: {
      id: 1,
      defaultBranch: repo.branch,
      name: repo.name,
      ownerLogin: repo.owner,
      currentUserCanPush: false,
      isFork: false,
      isEmpty: false,
      public: true,
      private: false,
    },
    refInfo: { name: ref, refType: 'branch', currentOid: repo.commitSha, canEdit: false },
    currentUser: null,
  };
  const payload =
    shape === 'legacy'
      ? { ...common, blob: blobData }
      : {
          'codeViewLayoutRoute.StyledLayout': { ...common, fileTree: {}, treeExpanded: false },
          'codeViewBlobLayoutRoute.StyledBlob': blobData,
          'codeViewBlobLayoutRoute.CodeViewBlob': { path, refInfo: common.refInfo },
        };
  const data = {
    payload,
    title: `${repo.name}/${path} at ${ref} · ${repo.fullName}`,
    appPayload: {
      helpUrl: 'https://docs.github.com',
      initial_view_content: { tree_expanded: false },
    },
  };
  return [
    '<!DOCTYPE html>',
    '<html lang="en" data-color-mode="auto"><head><meta charset="utf-8">',
    `<title>${escapeHtml(`${repo.name}/${path} at ${ref} · ${repo.fullName} · GitHub`)}</title>`,
    '</head><body>',
    '<div class="application-main"><main id="js-repo-pjax-container">',
    `<react-app app-name="react-code-view" initial-path="/${escapeHtml(repo.fullName)}/blob/${escapeHtml(ref)}/${escapeHtml(path)}" style="display: block; min-height: calc(100vh - 64px);">`,
    '<div data-target="react-app.reactRoot"></div>',
    `<script type="application/json" data-target="react-app.embeddedData">${scriptJson(data)}</script>`,
    '</react-app></main></div></body></html>',
  ].join('\n');
}
