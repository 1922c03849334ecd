/**
 * Clipboard writes from the background. A Chromium service worker has no DOM and no focus,
 * so the text goes to an offscreen document that copies it with `execCommand('copy')`.
 * Where `chrome.offscreen` is missing (Firefox), the background is a page with a DOM.
 */
import {
  RemoteError,
  type OffscreenEnvelope,
  type OffscreenMessageType,
  type OffscreenMessageMap,
  type OffscreenReply,
} from '../core/messages';
import { copyWithTextarea } from '../offscreen/copy-text';

export const OFFSCREEN_PAGE = 'offscreen.html';

function clipboardError(message: string): Error {
  return Object.assign(new Error(message), { code: 'clipboard' });
}

async function sendOffscreen<K extends OffscreenMessageType>(
  type: K,
  payload: OffscreenMessageMap[K]['request'],
): Promise<OffscreenMessageMap[K]['response']> {
  const envelope: OffscreenEnvelope<K> = { target: 'offscreen', type, payload };
  const reply = (await chrome.runtime.sendMessage(envelope)) as OffscreenReply<K> | undefined;
  if (!reply || typeof reply !== 'object')
    throw clipboardError('The offscreen page did not answer');
  if (!reply.ok) throw new RemoteError(reply.error);
  return reply.value;
}

async function hasOffscreenDocument(url: string): Promise<boolean> {
  const contexts = await chrome.runtime.getContexts({
    contextTypes: ['OFFSCREEN_DOCUMENT'],
    documentUrls: [url],
  });
  return contexts.length > 0;
}

/** Opens the document for one copy and closes it after: it holds a renderer otherwise. */
async function copyOffscreen(text: string): Promise<void> {
  const url = chrome.runtime.getURL(OFFSCREEN_PAGE);
  if (!(await hasOffscreenDocument(url))) {
    await chrome.offscreen.createDocument({
      url: OFFSCREEN_PAGE,
      reasons: ['CLIPBOARD'],
      justification: 'Copy the mirror link the user asked for to the clipboard.',
    });
  }
  try {
    await sendOffscreen('offscreenCopy', { text });
  } finally {
    await chrome.offscreen.closeDocument().catch(() => undefined);
  }
}

/** Firefox's event page: focused or not, `clipboardWrite` lets either route through. */
async function copyInPage(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch (error) {
    if (!copyWithTextarea(document, text)) {
      throw clipboardError(error instanceof Error ? error.message : String(error));
    }
  }
}

// One copy at a time: the offscreen document is opened and closed around each.
let queue: Promise<unknown> = Promise.resolve();

/** Puts `text` on the system clipboard; throws an error with code `clipboard` on failure. */
export function writeClipboard(text: string): Promise<void> {
  const run = queue.then(() => {
    // The Firefox build leaves the offscreen code out (its linter flags the API as missing).
    if (import.meta.env.BROWSER !== 'firefox' && globalThis.chrome?.offscreen) {
      return copyOffscreen(text);
    }
    if (typeof document !== 'undefined') return copyInPage(text);
    return navigator.clipboard.writeText(text);
  });
  queue = run.catch(() => undefined);
  return run;
}
