// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isEnvelope, isOffscreenEnvelope } from '../../src/core/messages';
import { copyWithTextarea } from '../../src/offscreen/copy-text';

const MIRROR = 'https://github.com/begood0513/goodnews/blob/master/pages/nsc412/n12681566.md';

describe('offscreen envelopes', () => {
  it('are told apart from the background contract both ways', () => {
    const message = { target: 'offscreen', type: 'offscreenCopy', payload: { text: 'x' } };
    expect(isOffscreenEnvelope(message)).toBe(true);
    expect(isEnvelope(message)).toBe(false);
    expect(isOffscreenEnvelope({ type: 'offscreenCopy', payload: { text: 'x' } })).toBe(false);
    expect(isOffscreenEnvelope({ target: 'offscreen', type: 'ping', payload: {} })).toBe(false);
    expect(isOffscreenEnvelope({ target: 'offscreen', type: 'offscreenCopy' })).toBe(false);
  });
});

describe('copyWithTextarea', () => {
  it('copies the selected text of a temporary textarea and leaves the document as it was', () => {
    const selected: string[] = [];
    const exec = vi.fn((command: string) => {
      const area = document.activeElement as HTMLTextAreaElement | null;
      selected.push(`${command}:${document.querySelector('textarea')?.value ?? area?.value}`);
      return true;
    });
    Object.defineProperty(document, 'execCommand', { value: exec, configurable: true });
    const before = document.body.innerHTML;
    expect(copyWithTextarea(document, MIRROR)).toBe(true);
    expect(selected).toEqual([`copy:${MIRROR}`]);
    expect(document.body.innerHTML).toBe(before);
  });

  it('says so when the browser refuses the copy', () => {
    Object.defineProperty(document, 'execCommand', { value: () => false, configurable: true });
    expect(copyWithTextarea(document, 'x')).toBe(false);
    expect(document.querySelector('textarea')).toBeNull();
  });
});

describe('writeClipboard (Chromium: offscreen document)', () => {
  let log: string[];
  let open: boolean;
  let reply: unknown;

  beforeEach(() => {
    vi.resetModules();
    log = [];
    open = false;
    reply = { ok: true, value: { copied: true } };
    vi.stubGlobal('chrome', {
      runtime: {
        getURL: (path: string) => `chrome-extension://id/${path}`,
        getContexts: async (filter: { contextTypes: string[]; documentUrls: string[] }) => {
          log.push(`getContexts ${filter.contextTypes.join()} ${filter.documentUrls.join()}`);
          return open ? [{ contextType: 'OFFSCREEN_DOCUMENT' }] : [];
        },
        sendMessage: async (message: unknown) => {
          log.push(`send ${JSON.stringify(message)}`);
          return reply;
        },
      },
      offscreen: {
        createDocument: async (p: { url: string; reasons: string[] }) => {
          log.push(`create ${p.url} ${p.reasons.join()}`);
          open = true;
        },
        closeDocument: async () => {
          log.push('close');
          open = false;
        },
      },
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('opens the offscreen document for the CLIPBOARD reason, sends it the text, and closes it', async () => {
    const { writeClipboard } = await import('../../src/background/clipboard');
    await writeClipboard(MIRROR);
    expect(log).toEqual([
      'getContexts OFFSCREEN_DOCUMENT chrome-extension://id/offscreen.html',
      'create offscreen.html CLIPBOARD',
      `send ${JSON.stringify({ target: 'offscreen', type: 'offscreenCopy', payload: { text: MIRROR } })}`,
      'close',
    ]);
  });

  it('runs one copy at a time, so two copies never race on the one document', async () => {
    const { writeClipboard } = await import('../../src/background/clipboard');
    await Promise.all([writeClipboard('a'), writeClipboard('b')]);
    expect(log.filter((l) => !l.startsWith('getContexts')).map((l) => l.split(' ')[0])).toEqual([
      'create',
      'send',
      'close',
      'create',
      'send',
      'close',
    ]);
  });

  it('uses a document that is already open', async () => {
    open = true;
    const { writeClipboard } = await import('../../src/background/clipboard');
    await writeClipboard('x');
    expect(log.some((l) => l.startsWith('create'))).toBe(false);
  });

  it('rethrows the offscreen page’s error with its code, and still closes the document', async () => {
    reply = { ok: false, error: { code: 'clipboard', message: 'execCommand("copy") was refused' } };
    const { writeClipboard } = await import('../../src/background/clipboard');
    await expect(writeClipboard('x')).rejects.toMatchObject({ code: 'clipboard' });
    expect(log.at(-1)).toBe('close');
    reply = undefined;
    await expect(writeClipboard('x')).rejects.toMatchObject({ code: 'clipboard' });
  });
});

describe('writeClipboard (no offscreen API: Firefox’s background page)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('writes through navigator.clipboard, or the textarea route when that refuses', async () => {
    vi.resetModules();
    vi.stubGlobal('chrome', { runtime: {} });
    const written: string[] = [];
    const clipboard = { writeText: vi.fn(async (text: string) => void written.push(text)) };
    Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true });
    const { writeClipboard } = await import('../../src/background/clipboard');
    await writeClipboard(MIRROR);
    expect(written).toEqual([MIRROR]);

    clipboard.writeText.mockRejectedValue(new Error('Document is not focused'));
    const exec = vi.fn(() => true);
    Object.defineProperty(document, 'execCommand', { value: exec, configurable: true });
    await writeClipboard('again');
    expect(exec).toHaveBeenCalledWith('copy');

    exec.mockReturnValue(false);
    await expect(writeClipboard('refused')).rejects.toMatchObject({
      code: 'clipboard',
      message: 'Document is not focused',
    });
  });
});
