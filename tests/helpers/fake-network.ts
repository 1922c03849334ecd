/**
 * A scriptable network of mirror endpoints for tests and benchmarks: serves in-memory mirror
 * repositories on every endpoint URL shape, and makes any endpoint hang, reset, answer an
 * error status, a truncated body, an HTML error page or answer late.
 */
import type { EndpointId } from '../../src/core/fetch/endpoints';
import type { FetchLike, FetchResponseLike } from '../../src/core/fetch/fetch-ladder';

export type Behaviour =
  | 'ok'
  | 'hang'
  | 'reset'
  | 'not-found'
  | 'rate-limited-403'
  | 'rate-limited-429'
  | 'server-error'
  | 'truncated'
  | 'html-error'
  /** 200 at once, and a body that never finishes arriving. */
  | 'trickle'
  | { slowMs: number };

export interface Request {
  url: string;
  endpoint: EndpointId;
  /** `owner/repo` and path inside it, when the URL names one. */
  repo?: string;
  path?: string;
  aborted: boolean;
}

/** A short page in the mirror format. */
export function mirrorPage(title: string, repo: string, path: string, original: string): string {
  const link = `https://github.com/${repo}/blob/master/${path}`;
  return [
    `### ${title}`,
    '------------------------',
    '',
    '#### [首页](../../README.md) &nbsp;|&nbsp; [热点推荐](../../indexes/热点推荐.md)',
    '',
    `<div><p>${title}的正文。</p></div>`,
    '',
    '<hr/>',
    '手机上长按并复制下列链接或二维码分享本文章：<br/>',
    `${link} <br/>`,
    `<a href='${link}'><img src='${link}.png'/></a> <br/>`,
    `原文地址（需翻墙访问）：${original}`,
    '',
  ].join('\n');
}

/** github.com's blob page around `text`: the 2025–26 JSON shape, the older one, or no lines. */
export function blobPage(text: string, shape: 'styled' | 'blob' | 'none'): string {
  const rawLines = text.split('\n');
  const payload =
    shape === 'styled'
      ? { 'codeViewBlobLayoutRoute.StyledBlob': { rawLines, stylingDirectives: [] } }
      : shape === 'blob'
        ? { blob: { rawLines, displayName: 'x.md' } }
        : { blob: { rawLines: null, truncated: true } };
  const json = JSON.stringify({ payload, title: 'x' }).replace(/</g, '\\u003c');
  return `<!DOCTYPE html><html><head><title>x.md at master</title></head><body>
<react-app app-name="react-code-view"><script type="application/json" data-target="react-app.embeddedData">${json}</script></react-app>
</body></html>`;
}

/** The `?plain=1` view with the code in the read-only textarea (no JSON lines). */
export function plainViewPage(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<!DOCTYPE html><html><body><textarea id="read-only-cursor-text-area" aria-label="file content">${escaped}</textarea></body></html>`;
}

export function response(
  status: number,
  body: string,
  headers: Record<string, string> = {},
): FetchResponseLike {
  const all: Record<string, string> = {
    'content-length': String(Buffer.byteLength(body)),
    ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
  };
  return {
    status,
    headers: { get: (name) => all[name.toLowerCase()] ?? null },
    text: () => Promise.resolve(body),
  };
}

const HOSTS: Record<string, EndpointId> = {
  'fastly.jsdelivr.net': 'fastly',
  'gcore.jsdelivr.net': 'gcore',
  'testingcf.jsdelivr.net': 'testingcf',
  'cdn.jsdelivr.net': 'cdn',
  'raw.githubusercontent.com': 'raw',
  'github.com': 'github',
};

export function parseEndpointUrl(input: string): {
  endpoint: EndpointId;
  repo?: string;
  path?: string;
  plain: boolean;
} {
  const url = new URL(input);
  const endpoint = HOSTS[url.hostname];
  if (!endpoint) throw new Error(`not an endpoint: ${input}`);
  const parts = url.pathname.split('/').slice(1).map(decodeURIComponent);
  const plain = url.searchParams.get('plain') === '1';
  if (endpoint === 'raw') {
    const [o, r, , ...rest] = parts;
    return { endpoint, repo: `${o}/${r}`, path: rest.join('/'), plain };
  }
  if (endpoint === 'github') {
    const [o, r, , , ...rest] = parts;
    return { endpoint, repo: `${o}/${r}`, path: rest.join('/'), plain };
  }
  const [, o, ra = '', ...rest] = parts;
  return { endpoint, repo: `${o}/${ra.replace(/@.*/, '')}`, path: rest.join('/'), plain };
}

export interface FakeNetwork {
  fetch: FetchLike;
  requests: Request[];
  /** Set how an endpoint behaves from now on (default `ok`). */
  set(endpoint: EndpointId, behaviour: Behaviour): void;
  /** Files served: `owner/repo` → path → text. */
  files: Map<string, Map<string, string>>;
  addFile(repo: string, path: string, text: string): void;
  /** github.com: which blob page shape to serve (default `styled`). */
  githubShape: 'styled' | 'blob' | 'none';
}

export function createFakeNetwork(
  behaviours: Partial<Record<EndpointId, Behaviour>> = {},
): FakeNetwork {
  const current = new Map<EndpointId, Behaviour>(
    Object.entries(behaviours) as [EndpointId, Behaviour][],
  );
  const files = new Map<string, Map<string, string>>();
  const requests: Request[] = [];
  const network: FakeNetwork = {
    requests,
    files,
    githubShape: 'styled',
    set: (endpoint, behaviour) => current.set(endpoint, behaviour),
    addFile(repo, path, text) {
      let repoFiles = files.get(repo);
      if (!repoFiles) files.set(repo, (repoFiles = new Map()));
      repoFiles.set(path, text);
    },
    fetch: (url, { signal }) => {
      const { endpoint, repo, path, plain } = parseEndpointUrl(url);
      const request: Request = {
        url,
        endpoint,
        aborted: false,
        ...(repo ? { repo } : {}),
        ...(path ? { path } : {}),
      };
      requests.push(request);
      return new Promise<FetchResponseLike>((resolve, reject) => {
        const onAbort = () => {
          request.aborted = true;
          reject(new DOMException('The operation was aborted.', 'AbortError'));
        };
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        const behaviour = current.get(endpoint) ?? 'ok';
        const serve = () => {
          const text = repo && path !== undefined ? files.get(repo)?.get(path) : undefined;
          if (text === undefined) {
            return resolve(response(404, endpoint === 'raw' ? '404: Not Found' : 'Not Found'));
          }
          if (endpoint !== 'github') return resolve(response(200, text));
          return resolve(
            response(200, plain ? plainViewPage(text) : blobPage(text, network.githubShape)),
          );
        };
        if (behaviour === 'hang') return;
        if (behaviour === 'trickle') {
          const body = new Promise<string>((_resolve, fail) =>
            signal.addEventListener('abort', () =>
              fail(new DOMException('The operation was aborted.', 'AbortError')),
            ),
          );
          return resolve({ status: 200, headers: { get: () => null }, text: () => body });
        }
        if (behaviour === 'reset') return reject(new TypeError('fetch failed: ECONNRESET'));
        if (behaviour === 'not-found') return resolve(response(404, 'Not Found'));
        if (behaviour === 'rate-limited-403') {
          return resolve(
            response(403, 'API rate limit exceeded', { 'x-ratelimit-remaining': '0' }),
          );
        }
        if (behaviour === 'rate-limited-429') {
          return resolve(response(429, 'Too Many Requests', { 'retry-after': '60' }));
        }
        if (behaviour === 'server-error') return resolve(response(500, 'Internal Server Error'));
        if (behaviour === 'html-error') {
          return resolve(
            response(
              200,
              '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>captcha</body></html>',
            ),
          );
        }
        if (behaviour === 'truncated') {
          const text = repo && path !== undefined ? files.get(repo)?.get(path) : undefined;
          if (text === undefined) return resolve(response(404, 'Not Found'));
          const cut = text.slice(0, Math.floor(text.length / 2));
          return resolve(response(200, cut, { 'content-length': String(Buffer.byteLength(text)) }));
        }
        if (behaviour === 'ok') return serve();
        setTimeout(serve, behaviour.slowMs);
      });
    },
  };
  return network;
}
