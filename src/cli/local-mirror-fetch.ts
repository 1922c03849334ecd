/**
 * A `fetch` for the CLI that serves local copies of mirror repositories as
 * raw.githubusercontent.com does, and fails every other URL as a blocked host would. The
 * resolver and ladder above it are the extension's own: no directory is ever listed.
 */
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { FetchLike, FetchResponseLike } from '../core/fetch/fetch-ladder';

/** `owner/name` (any case) → local folder. */
export type LocalMirrors = ReadonlyMap<string, string>;

function response(status: number, body: string): FetchResponseLike {
  const length = String(Buffer.byteLength(body));
  return {
    status,
    headers: { get: (name) => (name.toLowerCase() === 'content-length' ? length : null) },
    text: () => Promise.resolve(body),
  };
}

export function localMirrorFetch(mirrors: LocalMirrors): FetchLike {
  const folders = new Map([...mirrors].map(([repo, dir]) => [repo.toLowerCase(), resolve(dir)]));
  return async (input, { signal }) => {
    signal.throwIfAborted();
    const url = new URL(input);
    if (url.hostname !== 'raw.githubusercontent.com') {
      throw new TypeError(`${url.hostname} is not served by the CLI`);
    }
    const [owner, repo, , ...segments] = url.pathname.split('/').slice(1);
    const root = folders.get(`${owner}/${repo}`.toLowerCase());
    if (!root) throw new TypeError(`${owner}/${repo} is not given with --mirror`);
    let parts: string[];
    try {
      parts = segments.map((s) => decodeURIComponent(s));
    } catch {
      return response(400, 'bad path');
    }
    if (parts.some((p) => p === '' || p === '.' || p === '..' || /[/\\\0]/.test(p))) {
      return response(404, '404: Not Found');
    }
    const file = resolve(root, ...parts);
    if (!file.startsWith(root + sep)) return response(404, '404: Not Found');
    try {
      return response(200, await readFile(file, 'utf8'));
    } catch {
      return response(404, '404: Not Found');
    }
  };
}
