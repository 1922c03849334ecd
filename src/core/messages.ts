/**
 * The one typed message contract between the extension's contexts.
 * Wire format: `{ type, payload }` → `{ ok: true, value } | { ok: false, error }`.
 * Errors cross the boundary serialized and are rethrown in the caller (see platform/messaging).
 */

export interface MessageMap {
  /** Any extension page → background: is it up, which version. */
  ping: { request: Record<string, never>; response: { version: string } };
  /** Content script → background: how many mirrorable links this tab has now. */
  contentReport: { request: { count: number }; response: { ok: true } };
  /** Extension page → background: what the content script reported for a tab. */
  tabStatus: { request: { tabId: number }; response: { linkCount: number } };
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
export const CONTENT_SCRIPT_MESSAGES: ReadonlySet<MessageType> = new Set(['contentReport']);

const MESSAGE_TYPES: ReadonlySet<string> = new Set<MessageType>([
  'ping',
  'contentReport',
  'tabStatus',
]);

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
