/**
 * One generic `send()` and one router for the message contract in core/messages.
 * No polyfill here: the content script imports this file and must stay small.
 * `chrome.runtime.sendMessage` returns a promise in MV3 Chromium; Firefox has `browser`.
 */
import {
  CONTENT_SCRIPT_MESSAGES,
  isEnvelope,
  RemoteError,
  serializeError,
  type Envelope,
  type MessageType,
  type Reply,
  type RequestOf,
  type ResponseOf,
} from '../core/messages';

interface RuntimeLike {
  id: string;
  sendMessage(message: unknown): Promise<unknown>;
  getURL(path: string): string;
}

function runtime(): RuntimeLike {
  const g = globalThis as { browser?: { runtime: RuntimeLike }; chrome?: { runtime: RuntimeLike } };
  const api = g.browser ?? g.chrome;
  if (!api) throw new Error('No WebExtension runtime in this context');
  return api.runtime;
}

export async function send<K extends MessageType>(
  type: K,
  payload: RequestOf<K>,
): Promise<ResponseOf<K>> {
  const envelope: Envelope<K> = { type, payload };
  const reply = (await runtime().sendMessage(envelope)) as Reply<K> | undefined;
  if (!reply || typeof reply !== 'object') {
    throw new RemoteError({ code: 'no-reply', message: `No reply to ${type}` });
  }
  if (!reply.ok) throw new RemoteError(reply.error);
  return reply.value;
}

/** Who sent a message, as the router needs to know it. */
export interface SenderInfo {
  /** Set for messages from a content script (or an extension page shown in a tab). */
  tabId?: number;
  url?: string;
  /** True when the sender is one of this extension's own pages. */
  fromExtensionPage: boolean;
  /** The sender's tab is in an incognito window. */
  incognito: boolean;
}

export type Handlers = {
  [K in MessageType]: (payload: RequestOf<K>, sender: SenderInfo) => Promise<ResponseOf<K>>;
};

interface RawSender {
  id?: string;
  url?: string;
  tab?: { id?: number; incognito?: boolean };
}

/** Builds the `runtime.onMessage` listener: checks shape and sender, then dispatches. */
export function createRouter(handlers: Handlers) {
  const rt = runtime();
  const extensionOrigin = rt.getURL('');
  return (message: unknown, raw: RawSender): Promise<Reply> | undefined => {
    if (raw.id !== rt.id) return undefined;
    if (!isEnvelope(message)) return undefined;
    const sender: SenderInfo = {
      tabId: raw.tab?.id,
      url: raw.url,
      fromExtensionPage: typeof raw.url === 'string' && raw.url.startsWith(extensionOrigin),
      incognito: raw.tab?.incognito === true,
    };
    return dispatch(handlers, message, sender);
  };
}

async function dispatch(handlers: Handlers, message: Envelope, sender: SenderInfo): Promise<Reply> {
  try {
    if (!sender.fromExtensionPage && !CONTENT_SCRIPT_MESSAGES.has(message.type)) {
      throw Object.assign(new Error(`${message.type} is only answered for extension pages`), {
        code: 'forbidden',
      });
    }
    const handler = handlers[message.type] as (
      payload: unknown,
      sender: SenderInfo,
    ) => Promise<unknown>;
    const value = await handler(message.payload, sender);
    return { ok: true, value } as Reply;
  } catch (error) {
    return { ok: false, error: serializeError(error) };
  }
}
