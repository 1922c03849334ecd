/**
 * The end-to-end harness. `useE2E()` is the usual entry: one Chromium with the built
 * extension, one fake mirror and one test-page server per test file, closed in afterAll.
 */
import { afterAll, beforeAll } from 'vitest';
import { launchExtension, type ExtensionBrowser, type LaunchOptions } from './extension';
import { startMirrorServer, type MirrorServer, type MirrorServerOptions } from './mirror-server';
import { startPageServer, type PageServer } from './page-server';

export * from './browser';
export * from './extension';
export * from './fixture-repo';
export * from './mirror-server';
export * from './page-server';
export * from './sealed-library';
export * from './stored';
export * from './wait';

export interface E2E {
  /** The browser with the extension loaded. */
  readonly ext: ExtensionBrowser;
  /** The fake GitHub / jsDelivr the production URLs reach. */
  readonly mirror: MirrorServer;
  /** Plain HTTP pages on 127.0.0.1. */
  readonly pages: PageServer;
}

export interface E2EOptions {
  mirror?: MirrorServerOptions;
  launch?: Omit<LaunchOptions, 'mirror'>;
}

/**
 * Registers beforeAll / afterAll for one test file and returns the environment, usable
 * inside tests and hooks (reading it earlier throws).
 */
export function useE2E(options: E2EOptions = {}): E2E {
  let ext: ExtensionBrowser | undefined;
  let mirror: MirrorServer | undefined;
  let pages: PageServer | undefined;
  const ready = <T>(value: T | undefined, name: string): T => {
    if (value === undefined)
      throw new Error(`useE2E(): ${name} is not up yet; use it inside a test or hook`);
    return value;
  };

  beforeAll(async () => {
    mirror = await startMirrorServer(options.mirror);
    pages = await startPageServer();
    ext = await launchExtension({ ...options.launch, mirror });
  });

  afterAll(async () => {
    await ext?.close();
    await pages?.close();
    await mirror?.close();
  });

  return {
    get ext() {
      return ready(ext, 'the browser');
    },
    get mirror() {
      return ready(mirror, 'the fake mirror');
    },
    get pages() {
      return ready(pages, 'the page server');
    },
  };
}
