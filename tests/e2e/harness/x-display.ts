/**
 * A real X display for tests that need what headless Chromium lacks: the native context
 * menu and the system clipboard. Xvfb gives the display, xdotool presses keys in the menu,
 * xclip reads and writes the clipboard. scripts/ensure-x-tools.mjs installs them when missing.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { REPO_ROOT } from './browser';
import { waitFor, withTimeout } from './wait';

const TOOLS = ['/usr/bin/Xvfb', '/usr/bin/xdotool', '/usr/bin/xclip'];

function ensureTools(): void {
  if (TOOLS.every((tool) => existsSync(tool))) return;
  execFileSync(process.execPath, [join(REPO_ROOT, 'scripts/ensure-x-tools.mjs')], {
    stdio: 'inherit',
  });
}

/** Starts Xvfb on a free display number (it picks one and writes it to fd 3). */
async function startXvfb(): Promise<{ display: string; process: ChildProcess }> {
  const xvfb = spawn(
    '/usr/bin/Xvfb',
    ['-displayfd', '3', '-screen', '0', '1280x900x24', '-nolisten', 'tcp'],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] },
  );
  const fd = xvfb.stdio[3] as NodeJS.ReadableStream;
  const number = await withTimeout(
    new Promise<string>((resolve, reject) => {
      fd.once('data', (data) => resolve(String(data).trim()));
      xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)));
    }),
    15_000,
    'Xvfb to start',
  );
  return { display: `:${number}`, process: xvfb };
}

/**
 * Registers beforeAll / afterAll that start Xvfb and point DISPLAY at it (for Chromium,
 * xdotool and xclip). Call it before useE2E() so the display is up when the browser starts.
 */
export function useXDisplay(): void {
  let xvfb: ChildProcess | undefined;
  beforeAll(async () => {
    ensureTools();
    const started = await startXvfb();
    xvfb = started.process;
    process.env.DISPLAY = started.display;
    // The native menu is driven by type-ahead on English item titles.
    process.env.LANGUAGE = 'en_US';
  });
  afterAll(() => {
    xvfb?.kill();
  });
}

/** The visible top-level X windows (a native menu is one while it is open). */
export function visibleWindows(): string[] {
  try {
    return execFileSync('/usr/bin/xdotool', ['search', '--onlyvisible', '--name', '.*'], {
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .filter(Boolean);
  } catch {
    // xdotool exits 1 when no window matches.
    return [];
  }
}

/** Presses keys on the focused X window (e.g. a native menu), one at a time. */
export function pressKeys(...keys: string[]): void {
  for (const key of keys) execFileSync('/usr/bin/xdotool', ['key', '--delay', '60', key]);
}

/** The system clipboard's text ('' when it holds none). */
export function readSystemClipboard(): string {
  try {
    return execFileSync('/usr/bin/xclip', ['-selection', 'clipboard', '-o'], {
      encoding: 'utf8',
      timeout: 5_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return '';
  }
}

/**
 * Puts text on the system clipboard. xclip stays running to serve the selection until
 * another program takes it, so it is started detached, not waited for.
 */
export async function writeSystemClipboard(text: string): Promise<void> {
  const xclip = spawn('/usr/bin/xclip', ['-selection', 'clipboard', '-i'], {
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true,
  });
  xclip.stdin.end(text);
  xclip.unref();
  await waitFor(() => readSystemClipboard() === text, {
    timeoutMs: 5_000,
    what: 'xclip to take the clipboard',
  });
}
