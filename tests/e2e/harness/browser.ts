/**
 * Finding a Chromium and launching it with the built extension. The one copy of the browser
 * flags, shared by the end-to-end tests and `npm start` (scripts/start.ts).
 */
import type { BrowserContext, CDPSession, Worker } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, realpathSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { waitFor } from './wait';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');

/** The unpacked extension `npm run build` writes; EXTENSION_DIR overrides it (e.g. a copy). */
export const DIST_DIR = resolve(process.env.EXTENSION_DIR ?? join(REPO_ROOT, 'dist'));

/** Names tried on PATH, in order, when neither CHROMIUM_PATH nor BROWSER names a browser. */
const BROWSER_NAMES = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
  'chrome',
  'microsoft-edge',
  'microsoft-edge-stable',
  'brave-browser',
];

/** Well-known install locations outside PATH (macOS and Windows). */
const BROWSER_PATHS = [
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
];

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string, path: string): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, name);
    if (isExecutable(file)) return file;
  }
  return undefined;
}

/** Chromium, Chrome, Edge, Brave, Vivaldi, Opera: the browsers that can load the extension. */
const CHROMIUM_FAMILY = /chrom|edge|brave|vivaldi|opera/i;

/**
 * The browser to drive: CHROMIUM_PATH, else BROWSER (a path or a name on PATH) when it names
 * a Chromium-family browser (desktops often set BROWSER to Firefox or xdg-open), else
 * Debian's /usr/bin/chromium, else the first Chromium-family browser on PATH or in a usual place.
 */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string {
  const path = env.PATH ?? '';
  const wanted = env.CHROMIUM_PATH;
  if (wanted) {
    const file = isExecutable(wanted) ? wanted : onPath(wanted, path);
    if (file) return file;
    throw new Error(`CHROMIUM_PATH=${wanted} is not an executable browser`);
  }
  const named = env.BROWSER;
  if (named) {
    const file = isExecutable(named) ? named : onPath(named, path);
    if (file && CHROMIUM_FAMILY.test(realpathSync(file))) return file;
    if (!file && CHROMIUM_FAMILY.test(named))
      throw new Error(`BROWSER=${named} is not an executable browser`);
  }
  if (isExecutable('/usr/bin/chromium')) return '/usr/bin/chromium';
  for (const name of BROWSER_NAMES) {
    const file = onPath(name, path);
    if (file) return file;
  }
  const known = BROWSER_PATHS.find(isExecutable);
  if (known) return known;
  throw new Error(
    'No Chromium-family browser found: install Chromium (Debian: apt-get install chromium) ' +
      'or set CHROMIUM_PATH to its binary.',
  );
}

/** The browser's own version line, e.g. "Chromium 156.0.8078.114 built on Debian ...". */
export function browserVersion(executable: string): string {
  try {
    return execFileSync(executable, ['--version'], { encoding: 'utf8', timeout: 10_000 }).trim();
  } catch {
    return 'unknown version';
  }
}

/** Fails with a clear message when the extension has not been built. */
export function assertBuilt(extensionDir: string = DIST_DIR): void {
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(
      `${join(extensionDir, 'manifest.json')} is missing: run "npm run build" first ` +
        '(the end-to-end tests and npm start use the built extension in dist/).',
    );
  }
}

/** The built manifest, as Chromium reads it. */
export function readBuiltManifest(extensionDir: string = DIST_DIR): Record<string, unknown> {
  assertBuilt(extensionDir);
  return JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as Record<
    string,
    unknown
  >;
}

/** Quiet: no first-run UI, no phoning home, no updates, no sync — in tests and in npm start. */
const QUIET_ARGS = [
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Tests only: no GPU, and no QUIC (the fake mirror speaks HTTP/1.1 over TCP). */
const TEST_ARGS = ['--disable-gpu', '--disable-quic'];

/**
 * Playwright's defaults we never want: it disables extensions; and we pass `--headless=new`
 * ourselves. For npm start we also drop those that make a browser unlike a user's (no
 * back/forward cache, no popup blocking, no background throttling).
 */
const PLAYWRIGHT_DEFAULTS_TO_DROP = ['--disable-extensions', '--headless'];
const PLAYWRIGHT_DEFAULTS_UNLIKE_A_USER = [
  '--disable-back-forward-cache',
  '--disable-popup-blocking',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
  '--disable-hang-monitor',
  '--disable-ipc-flooding-protection',
  '--allow-pre-commit-input',
];

/** Chromium refuses to start as root unless sandboxing is off. */
function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

export interface LaunchExtensionOptions {
  executablePath?: string;
  userDataDir: string;
  extensionDir?: string;
  /**
   * `flag`: `--load-extension` (Chromium, Chrome for Testing; what the tests use).
   * `cdp`: CDP `Extensions.loadUnpacked` over the remote-debugging pipe, which branded Chrome
   * still honours since it ignores `--load-extension` (137+); works in Chromium too.
   */
  load: 'flag' | 'cdp';
  /** `test`: no GPU, no QUIC, no sandbox, Playwright's defaults kept; `user`: npm start. */
  mode: 'test' | 'user';
  headless: boolean;
  args?: string[];
}

export interface LaunchedExtension {
  context: BrowserContext;
  /** A browser-level CDP session over Playwright's pipe (Target.*, Extensions.*). */
  cdp: CDPSession;
  extensionId: string;
  /** The extension's service worker as Playwright first saw it. */
  worker: Worker;
}

/** The service worker of our extension among the context's workers, if Playwright has it. */
export function findExtensionWorker(
  context: BrowserContext,
  extensionId?: string,
): Worker | undefined {
  return context
    .serviceWorkers()
    .filter((w) =>
      extensionId
        ? w.url().startsWith(`chrome-extension://${extensionId}/`)
        : w.url().startsWith('chrome-extension://'),
    )
    .at(-1);
}

/** Launches a browser with the unpacked extension loaded and waits for its service worker. */
export async function launchWithExtension(
  options: LaunchExtensionOptions,
): Promise<LaunchedExtension> {
  const extensionDir = resolve(options.extensionDir ?? DIST_DIR);
  assertBuilt(extensionDir);
  const args = [
    ...QUIET_ARGS,
    ...(options.mode === 'test' ? TEST_ARGS : []),
    ...(options.headless ? ['--headless=new'] : []),
    ...(isRoot() || options.mode === 'test' ? ['--no-sandbox'] : []),
    // Lets Extensions.* and the toolbar action be driven over the pipe Playwright holds.
    '--enable-unsafe-extension-debugging',
    ...(options.load === 'flag'
      ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]
      : []),
    ...(options.args ?? []),
  ];
  // Loaded on demand: playwright-core takes a second to import, and npm start's usage errors need none.
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(options.userDataDir, {
    executablePath: options.executablePath ?? findBrowser(),
    headless: options.headless,
    chromiumSandbox: !isRoot() && options.mode === 'user',
    ignoreDefaultArgs: [
      ...PLAYWRIGHT_DEFAULTS_TO_DROP,
      ...(options.mode === 'user' ? PLAYWRIGHT_DEFAULTS_UNLIKE_A_USER : []),
    ],
    args,
    // A user's window sizes its pages; tests get Playwright's fixed 1280×720.
    ...(options.mode === 'user' ? { viewport: null } : {}),
    timeout: 30_000,
  });
  try {
    const browser = context.browser();
    if (!browser) throw new Error('Playwright gave no Browser for the persistent context');
    const cdp = await browser.newBrowserCDPSession();
    let extensionId: string | undefined;
    if (options.load === 'cdp') {
      extensionId = (await cdp.send('Extensions.loadUnpacked', { path: extensionDir })).id;
    }
    const worker = await waitFor(() => findExtensionWorker(context, extensionId), {
      timeoutMs: 10_000,
      what:
        `the extension's service worker (${extensionDir} did not load, or its background ` +
        'script failed to start)',
    });
    extensionId ??= new URL(worker.url()).host;
    return { context, cdp, extensionId, worker };
  } catch (error) {
    await context.close().catch(() => undefined);
    throw error;
  }
}
