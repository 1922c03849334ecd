/**
 * The offscreen document (Chromium): the DOM the service worker lacks, here for the clipboard.
 * It answers only `OffscreenMessageMap` envelopes from this extension.
 */
import {
  isOffscreenEnvelope,
  serializeError,
  type OffscreenEnvelope,
  type OffscreenReply,
} from '../core/messages';
import { copyWithTextarea } from './copy-text';

function answer(message: OffscreenEnvelope): OffscreenReply {
  try {
    const { text } = message.payload;
    if (typeof text !== 'string') throw new Error('text must be a string');
    if (!copyWithTextarea(document, text)) {
      throw Object.assign(new Error('execCommand("copy") was refused'), { code: 'clipboard' });
    }
    return { ok: true, value: { copied: true } };
  } catch (error) {
    return { ok: false, error: serializeError(error) };
  }
}

chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || !isOffscreenEnvelope(message)) return false;
  sendResponse(answer(message));
  return false;
});
