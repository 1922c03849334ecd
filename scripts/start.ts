/**
 * `npm start` (after `vite build`): a browser with the built extension loaded, on a start page
 * of sample blocked links, with a persistent profile in .cache/profile; runs until the
 * browser closes.
 *
 * The extension is loaded over the remote-debugging pipe with CDP Extensions.loadUnpacked:
 * branded Google Chrome ignores --load-extension since version 137, and the same call works
 * in Chromium, Chrome for Testing and Edge — one path for all.
 *
 * Environment: CHROMIUM_PATH or BROWSER picks the browser; HEADLESS=1 runs without a window;
 * START_CHECK=1 verifies that the extension loaded and the start page opened, then exits 0;
 * PROFILE_DIR replaces .cache/profile; START_PORT fixes the start page's port.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  assertBuilt,
  browserVersion,
  DIST_DIR,
  findBrowser,
  launchWithExtension,
  readBuiltManifest,
  REPO_ROOT,
} from '../tests/e2e/harness/browser';
import { startPageServer } from '../tests/e2e/harness/page-server';
import { waitFor } from '../tests/e2e/harness/wait';
import { START_PAGE_TITLE, startPageHtml } from './start-page';

const headless = process.env.HEADLESS === '1';
const check = process.env.START_CHECK === '1';
const profileDir = resolve(process.env.PROFILE_DIR ?? join(REPO_ROOT, '.cache', 'profile'));

function fail(message: string): never {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

/** The browser to use; on a fresh Debian machine with none, Debian's chromium is installed. */
function findBrowserOrInstall(): string {
  try {
    return findBrowser();
  } catch (error) {
    // A browser the user named and we cannot find is their error to fix, not ours to install.
    const named = process.env.CHROMIUM_PATH ?? process.env.BROWSER;
    if (named || !existsSync('/usr/bin/apt-get')) throw error;
    execFileSync(process.execPath, [join(REPO_ROOT, 'scripts/ensure-chromium.mjs')], {
      stdio: 'inherit',
    });
    return findBrowser();
  }
}

async function main(): Promise<void> {
  try {
    assertBuilt(DIST_DIR);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  let executablePath: string;
  try {
    executablePath = findBrowserOrInstall();
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (
    !headless &&
    process.platform === 'linux' &&
    !process.env.DISPLAY &&
    !process.env.WAYLAND_DISPLAY
  ) {
    fail(
      'no display to open a window on (DISPLAY is not set); run with HEADLESS=1 to start headless.',
    );
  }

  const pages = await startPageServer(Number(process.env.START_PORT ?? 0));
  const startUrl = pages.set('/', startPageHtml(DIST_DIR));
  console.log(`Browser:    ${executablePath} (${browserVersion(executablePath)})`);
  console.log(`Profile:    ${profileDir}`);

  let launched: Awaited<ReturnType<typeof launchWithExtension>>;
  try {
    launched = await launchWithExtension({
      executablePath,
      userDataDir: profileDir,
      load: 'cdp',
      mode: 'user',
      headless,
    });
  } catch (error) {
    await pages.close();
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    fail(
      `the browser did not start with the extension: ${reason}\n(Is another browser using ${profileDir}? Close it, or set PROFILE_DIR.)`,
    );
  }
  const { context, worker, extensionId } = launched;
  const closed = new Promise<void>((done) => context.once('close', () => done()));

  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(startUrl);
  console.log(`Extension:  ${extensionId} loaded from ${DIST_DIR}`);
  console.log(`Start page: ${startUrl}`);
  console.log(
    `Daily use:  in Chrome or Edge, open the extensions page, turn on Developer mode, "Load unpacked" and choose ${DIST_DIR}`,
  );

  if (check) {
    const expected = readBuiltManifest(DIST_DIR).version;
    const version = await worker.evaluate(() => chrome.runtime.getManifest().version);
    if (version !== expected)
      fail(`START_CHECK: the worker reports version ${version}, dist/ has ${String(expected)}`);
    const title = await page.title();
    if (title !== START_PAGE_TITLE)
      fail(`START_CHECK: the start page's title is ${JSON.stringify(title)}`);
    // The content script ran on the start page and the background recorded its report.
    const report = await waitFor(
      () =>
        worker.evaluate(async (url) => {
          const { tabs } = (await chrome.storage.session.get('tabs')) as {
            tabs?: Record<string, { url: string; linkCount: number }>;
          };
          return Object.values(tabs ?? {}).find((t) => t.url === url);
        }, startUrl),
      { timeoutMs: 10_000, what: "the content script's report for the start page" },
    ).catch((error: unknown) =>
      fail(`START_CHECK: ${error instanceof Error ? error.message : String(error)}`),
    );
    console.log(
      `START_CHECK ok: extension ${extensionId} version ${version}; start page open with ${report.linkCount} mirrorable links`,
    );
    await context.close();
    await pages.close();
    return;
  }

  console.log('Close the browser (or press Ctrl+C) to stop.');
  await closed;
  await pages.close();
}

main().catch((error: unknown) =>
  fail(error instanceof Error ? (error.stack ?? error.message) : String(error)),
);
