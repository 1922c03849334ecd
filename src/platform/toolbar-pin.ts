/**
 * Whether the toolbar button is pinned, followed live: `action.onUserSettingsChanged` where
 * the browser has it (Chromium 130+), else `action.getUserSettings()` polled. `null`: the
 * browser cannot tell (Firefox, older Chromium).
 */

interface UserSettings {
  isOnToolbar?: boolean;
}

export interface PinApi {
  getUserSettings?: () => Promise<UserSettings>;
  onUserSettingsChanged?: {
    addListener(listener: (settings: UserSettings) => void): void;
    removeListener(listener: (settings: UserSettings) => void): void;
  };
}

export const PIN_POLL_MS = 1_000;

/** Calls `onChange` with the current state, then on every change; returns the stop function. */
export function watchPinned(
  api: PinApi | undefined,
  onChange: (pinned: boolean | null) => void,
  pollMs = PIN_POLL_MS,
): () => void {
  const get = api?.getUserSettings;
  if (!get) {
    onChange(null);
    return () => undefined;
  }
  let last: boolean | null | undefined;
  let stopped = false;
  const report = (pinned: boolean | null) => {
    if (stopped || pinned === last) return;
    last = pinned;
    onChange(pinned);
  };
  const read = () =>
    get().then(
      (s) => report(typeof s?.isOnToolbar === 'boolean' ? s.isOnToolbar : null),
      () => report(null),
    );
  void read();
  const event = api.onUserSettingsChanged;
  if (event) {
    const listener = (s: UserSettings) => {
      if (typeof s?.isOnToolbar === 'boolean') report(s.isOnToolbar);
    };
    event.addListener(listener);
    return () => {
      stopped = true;
      event.removeListener(listener);
    };
  }
  const timer = setInterval(() => void read(), pollMs);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

/** The browser's action API as far as pinning goes. */
export function pinApi(): PinApi | undefined {
  return (globalThis as { chrome?: { action?: PinApi } }).chrome?.action;
}
