import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls: string[] = [];
let openPopupFails = false;

vi.mock('../../src/platform/api', () => ({
  browser: {
    runtime: {
      getManifest: () => ({ action: { default_popup: 'src/popup/index.html' } }),
      getURL: (path: string) => `chrome-extension://id/${path}`,
    },
    action: {
      setPopup: async ({ tabId, popup }: { tabId: number; popup: string }) =>
        void calls.push(`setPopup ${tabId} ${popup}`),
      openPopup: async (options: { windowId?: number }) => {
        calls.push(`openPopup ${options.windowId}`);
        if (openPopupFails) throw new Error('Could not find an active browser window.');
      },
    },
    windows: {
      create: async (options: { url: string; type: string }) =>
        void calls.push(`windows.create ${options.type} ${options.url}`),
    },
  },
}));

beforeEach(() => {
  calls.length = 0;
  openPopupFails = false;
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

describe('openCopySurface', () => {
  it("opens the tab's popup on the copy job, then gives the tab its usual popup back", async () => {
    const { openCopySurface } = await import('../../src/background/copy-surface');
    expect(await openCopySurface({ id: 7, windowId: 3 })).toBe('popup');
    expect(calls).toEqual([
      'setPopup 7 src/popup/index.html?copy',
      'openPopup 3',
      'setPopup 7 src/popup/index.html',
    ]);
  });

  it('falls back to a small extension window where the popup cannot open', async () => {
    openPopupFails = true;
    const { openCopySurface } = await import('../../src/background/copy-surface');
    expect(await openCopySurface({ id: 7, windowId: 3 })).toBe('window');
    expect(calls).toEqual([
      'setPopup 7 src/popup/index.html?copy',
      'openPopup 3',
      'setPopup 7 src/popup/index.html',
      'windows.create popup chrome-extension://id/src/popup/index.html?copy&window',
    ]);
  });
});
