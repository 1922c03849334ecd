/**
 * The reader page's address inside the extension. Two forms:
 * - `reader.html?url=<original or mirror>` when private reading is off: the address (kept in
 *   the browser's history and session files) names the article;
 * - `reader.html?id=<opaque id>` with private reading: the id maps to the article's URL in
 *   the extension's session storage, which the browser empties when it closes. A restored or
 *   reloaded tab whose id is gone shows a neutral page, never the article's name.
 */

export const READER_PAGE = 'reader.html';

/** storage.session key of the id → article URL map of private reader tabs. */
export const READER_IDS_KEY = 'readerIds';

/** How many private reader ids are remembered (oldest forgotten first). */
export const READER_IDS_LIMIT = 200;

export type ReaderAddress =
  | { kind: 'url'; url: string; share: boolean }
  | { kind: 'id'; id: string; share: boolean }
  | { kind: 'empty'; share: boolean };

const ID_PATTERN = /^[0-9a-f]{32}$/;

/** Path relative to the extension root; `share` opens it on its share panel. */
export function readerPath(url: string, options: { share?: boolean } = {}): string {
  return `${READER_PAGE}?url=${encodeURIComponent(url)}${options.share ? '#share' : ''}`;
}

/** Query flag of an article asked for from an incognito tab: nothing of it is kept. */
export const INCOGNITO_FLAG = 'incognito';

/** The private form of a reader path: the id says nothing about the article. */
export function privateReaderPath(
  id: string,
  options: { share?: boolean; incognito?: boolean } = {},
): string {
  const flag = options.incognito ? `&${INCOGNITO_FLAG}` : '';
  return `${READER_PAGE}?id=${id}${flag}${options.share ? '#share' : ''}`;
}

/** Whether a reader or popup address was opened for an incognito tab. */
export function isIncognitoAddress(address: string): boolean {
  try {
    return new URL(address).searchParams.has(INCOGNITO_FLAG);
  } catch {
    return false;
  }
}

/** An opaque id (hex) from 16 random bytes. */
export function newReaderId(random: Uint8Array): string {
  return [...random.subarray(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** What a reader address points at, or null when it is not the reader on this origin. */
export function parseReaderAddress(address: string, extensionOrigin: string): ReaderAddress | null {
  if (!address.startsWith(extensionOrigin)) return null;
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return null;
  }
  if (url.pathname !== `/${READER_PAGE}`) return null;
  const share = url.hash === '#share';
  const id = url.searchParams.get('id');
  if (id !== null && ID_PATTERN.test(id)) return { kind: 'id', id, share };
  const target = url.searchParams.get('url');
  if (target) return { kind: 'url', url: target, share };
  return { kind: 'empty', share };
}

/** The article URL a reader address names in the clear, or null (private, or not the reader). */
export function readerTarget(address: string, extensionOrigin: string): string | null {
  const parsed = parseReaderAddress(address, extensionOrigin);
  return parsed?.kind === 'url' ? parsed.url : null;
}

/** The stored id map, well-formed entries only. */
export function readerIdsOf(raw: unknown): Record<string, string> {
  const ids: Record<string, string> = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return ids;
  for (const [id, url] of Object.entries(raw as Record<string, unknown>)) {
    if (ID_PATTERN.test(id) && typeof url === 'string') ids[id] = url;
  }
  return ids;
}

/** The map with `id → url` added last, and the oldest entries dropped beyond the limit. */
export function withReaderId(
  raw: unknown,
  id: string,
  url: string,
  limit = READER_IDS_LIMIT,
): Record<string, string> {
  const entries = Object.entries(readerIdsOf(raw)).filter(([old]) => old !== id);
  entries.push([id, url]);
  return Object.fromEntries(entries.slice(-limit));
}
