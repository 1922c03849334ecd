/**
 * The one typed message contract between the extension's contexts.
 * Wire format: `{ type, payload }` → `{ ok: true, value } | { ok: false, error }`.
 * Errors cross the boundary serialized and are rethrown in the caller (see platform/messaging).
 */
import type { MirrorLocation } from './sources/types';

/** A link to a mirrorable original found on a page, with its text as a title. */
export interface PageLink {
  url: string;
  title: string;
}

/** How many links a content report lists at most (the count is always complete). */
export const MAX_REPORTED_LINKS = 100;

/** A mirror page as the background fetched it; the page extracts it (it has a DOM). */
export interface FetchedPage {
  location: MirrorLocation;
  mirrorUrl: string;
  text: string;
  /** Which endpoint answered, or `cache`. */
  endpoint: string;
  fromCache: boolean;
  /** False when no repository index could vouch for the bytes (shown as a quiet line). */
  verified?: boolean;
  /** The last commit that had a page deleted from the branch (`mirrorUrl` is pinned to it). */
  commit?: string;
}

export interface MessageMap {
  /** Any extension page → background: is it up, which version. */
  ping: { request: Record<string, never>; response: { version: string } };
  /**
   * Content script → background: how many mirrorable links this tab has now, and the first
   * few; `links` is left out when it is what the last report sent.
   */
  contentReport: { request: { count: number; links?: PageLink[] }; response: { ok: true } };
  /** Extension page → background: what the content script reported for a tab. */
  tabStatus: {
    request: { tabId: number };
    /** `failedUrl`: the blocked original this tab failed to load, if it did. */
    response: { linkCount: number; links: PageLink[]; failedUrl?: string };
  };
  /**
   * Extension page → background: the mirror page of an original or mirror URL. `incognito`:
   * asked for an incognito tab (the popup has no tab of its own), so nothing is stored.
   */
  fetchArticle: { request: { url: string; incognito?: boolean }; response: FetchedPage };
  /** Extension page → background: where an original's mirror page is (no page fetch). */
  resolveMirror: {
    request: { url: string; incognito?: boolean };
    response: { location: MirrorLocation; mirrorUrl: string };
  };
  /**
   * Extension page → background: the article a page of ours shows (the reader tab; #13's
   * library page), or null. The one place that maps such an address to its article.
   */
  pageArticle: { request: { address: string }; response: { url: string | null } };
  /**
   * Content script → background: the user's choice of marks for the sender's site, or null
   * (the choices live where only extension contexts read them; see core/privacy/site-marks).
   */
  siteMarks: { request: Record<string, never>; response: { choice: boolean | null } };
  /** Content script → background: the user clicked a link's indicator; open it in the reader. */
  openReader: { request: { url: string }; response: { ok: true } };
  /** Copy screen → background: run "copy mirror link" again (Retry); it follows storage. */
  copyMirrorLink: { request: { url: string }; response: { ok: true } };
  /**
   * Options page → background: remove what was read and cached, per-site choices, and the
   * settings too when asked; how many stored items went.
   */
  forgetEverything: { request: { settings: boolean }; response: { removed: number } };
}

export type MessageType = keyof MessageMap;
export type RequestOf<K extends MessageType> = MessageMap[K]['request'];
export type ResponseOf<K extends MessageType> = MessageMap[K]['response'];

export interface Envelope<K extends MessageType = MessageType> {
  type: K;
  payload: RequestOf<K>;
}

export interface SerializedError {
  code: string;
  message: string;
  /** Typed details an error chose to expose (e.g. what each endpoint did). */
  details?: unknown;
}

export type Reply<K extends MessageType = MessageType> =
  { ok: true; value: ResponseOf<K> } | { ok: false; error: SerializedError };

/** Messages a content script (a hostile page's neighbour) may send; all others need an extension page. */
export const CONTENT_SCRIPT_MESSAGES: ReadonlySet<MessageType> = new Set([
  'contentReport',
  'siteMarks',
  'openReader',
]);

const MESSAGE_TYPES: ReadonlySet<string> = new Set<MessageType>([
  'ping',
  'contentReport',
  'tabStatus',
  'fetchArticle',
  'resolveMirror',
  'pageArticle',
  'siteMarks',
  'openReader',
  'copyMirrorLink',
  'forgetEverything',
]);

/**
 * Background → offscreen document (Chromium: the worker has no DOM, so no clipboard).
 * Every message carries `target: 'offscreen'`; its types are not in MESSAGE_TYPES, so the
 * background router (and any page's) never answers them. Replies use the same `Reply` shape.
 */
export interface OffscreenMessageMap {
  offscreenCopy: { request: { text: string }; response: { copied: true } };
}

export type OffscreenMessageType = keyof OffscreenMessageMap;

export interface OffscreenEnvelope<K extends OffscreenMessageType = OffscreenMessageType> {
  target: 'offscreen';
  type: K;
  payload: OffscreenMessageMap[K]['request'];
}

export type OffscreenReply<K extends OffscreenMessageType = OffscreenMessageType> =
  { ok: true; value: OffscreenMessageMap[K]['response'] } | { ok: false; error: SerializedError };

const OFFSCREEN_MESSAGE_TYPES: ReadonlySet<string> = new Set<OffscreenMessageType>([
  'offscreenCopy',
]);

export function isOffscreenEnvelope(value: unknown): value is OffscreenEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const { target, type, payload } = value as {
    target?: unknown;
    type?: unknown;
    payload?: unknown;
  };
  return (
    target === 'offscreen' &&
    typeof type === 'string' &&
    OFFSCREEN_MESSAGE_TYPES.has(type) &&
    typeof payload === 'object' &&
    payload !== null
  );
}

export function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null) return false;
  const { type, payload } = value as { type?: unknown; payload?: unknown };
  return (
    typeof type === 'string' &&
    MESSAGE_TYPES.has(type) &&
    typeof payload === 'object' &&
    payload !== null
  );
}

/** An error that carries a machine-readable code across the message boundary. */
export class RemoteError extends Error {
  readonly code: string;
  readonly details: unknown;
  constructor(error: SerializedError) {
    super(error.message);
    this.name = 'RemoteError';
    this.code = error.code;
    this.details = error.details;
  }
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const { code, details } = error as Error & { code?: unknown; details?: unknown };
    const json = (error as { toJSON?: () => unknown }).toJSON?.();
    return {
      code: typeof code === 'string' ? code : 'internal',
      message: error.message,
      ...(json !== undefined ? { details: json } : details !== undefined ? { details } : {}),
    };
  }
  return { code: 'internal', message: String(error) };
}
