import { afterEach, describe, expect, it, vi } from 'vitest';
import { opensWelcome, WELCOME_PAGE, WELCOME_SHOWN_KEY } from '../../src/core/welcome';
import { watchPinned, type PinApi } from '../../src/platform/toolbar-pin';

vi.mock('../../src/platform/api', () => ({
  browser: { runtime: { getURL: (path: string) => `chrome-extension://id/${path}` } },
}));

describe('the welcome page on runtime.onInstalled', () => {
  function fakeDeps() {
    const opened: string[] = [];
    const stored: Record<string, unknown> = {};
    return {
      opened,
      stored,
      deps: {
        openTab: async (url: string) => opened.push(url),
        local: {
          get: async (key: string) => ({ [key]: stored[key] }),
          set: async (items: Record<string, unknown>) => void Object.assign(stored, items),
        },
      },
    };
  }

  it('opens on a first install only: not on an extension update, a browser update or a shared module update', async () => {
    const { onInstalled } = await import('../../src/background/welcome');
    const { opened, deps } = fakeDeps();
    for (const reason of ['update', 'chrome_update', 'shared_module_update', 'install']) {
      await onInstalled({ reason }, deps);
    }
    expect(opened).toEqual([`chrome-extension://id/${WELCOME_PAGE}`]);
  });

  it('opens once per profile: an "install" again (a command-line load at each start) does not reopen it', async () => {
    const { onInstalled } = await import('../../src/background/welcome');
    const { opened, stored, deps } = fakeDeps();
    await onInstalled({ reason: 'install' }, deps);
    await onInstalled({ reason: 'install' }, deps);
    expect(opened).toHaveLength(1);
    expect(typeof stored[WELCOME_SHOWN_KEY]).toBe('number');
    expect([opensWelcome('install', false), opensWelcome('install', true)]).toEqual([true, false]);
  });
});

describe('watchPinned', () => {
  afterEach(() => vi.useRealTimers());

  it('follows onUserSettingsChanged where the browser has it: not pinned, then done', async () => {
    let listener: ((s: { isOnToolbar?: boolean }) => void) | undefined;
    const api: PinApi = {
      getUserSettings: async () => ({ isOnToolbar: false }),
      onUserSettingsChanged: {
        addListener: (l) => (listener = l),
        removeListener: () => (listener = undefined),
      },
    };
    const seen: (boolean | null)[] = [];
    const stop = watchPinned(api, (pinned) => seen.push(pinned));
    await vi.waitFor(() => expect(seen).toEqual([false]));
    listener!({ isOnToolbar: true });
    listener!({ isOnToolbar: true }); // unchanged: not reported again
    expect(seen).toEqual([false, true]);
    stop();
    expect(listener).toBeUndefined();
  });

  it('polls getUserSettings where there is no change event', async () => {
    vi.useFakeTimers();
    let pinned = false;
    const seen: (boolean | null)[] = [];
    const stop = watchPinned({ getUserSettings: async () => ({ isOnToolbar: pinned }) }, (p) =>
      seen.push(p),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual([false]);
    pinned = true;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(seen).toEqual([false, true]);
    stop();
    pinned = false;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(seen).toEqual([false, true]);
  });

  it('says it cannot tell (null) where the browser has no getUserSettings', () => {
    const seen: (boolean | null)[] = [];
    watchPinned(undefined, (p) => seen.push(p));
    watchPinned({}, (p) => seen.push(p));
    expect(seen).toEqual([null, null]);
  });
});
