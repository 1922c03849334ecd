// `npm start` as a user runs it (headless here, no window to see): the browser starts with
// the extension loaded over CDP, opens the start page, and the content script reports on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST_DIR, REPO_ROOT, readBuiltManifest } from './harness';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs scripts/start.ts with `env` added; killed after 60 s so a hang fails the test. */
function start(env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/start.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

let profile: string;

beforeAll(async () => {
  readBuiltManifest(); // fails clearly when dist/ was not built
  profile = await mkdtemp(join(tmpdir(), 'mirror-reader-start-'));
});

afterAll(async () => {
  await rm(profile, { recursive: true, force: true, maxRetries: 3 });
});

describe('npm start (scripts/start.ts)', () => {
  it('loads the extension, opens the start page, and says which folder to load unpacked', async () => {
    const run = await start({ HEADLESS: '1', START_CHECK: '1', PROFILE_DIR: profile });
    expect(run.code, run.stderr).toBe(0);
    const version = String(readBuiltManifest().version);
    expect(run.stdout).toMatch(
      new RegExp(`START_CHECK ok: extension [a-p]{32} version ${version.replace(/\./g, '\\.')}`),
    );
    expect(run.stdout).toMatch(/Start page: http:\/\/127\.0\.0\.1:\d+\//);
    expect(run.stdout).toContain(`"Load unpacked" and choose ${DIST_DIR}`);
    // Every built-in source's sample is on the start page and recognized by the content script.
    expect(run.stdout).toMatch(/start page open with [1-9]\d* mirrorable links/);
  });

  it('exits 1 with a reason when the named browser does not exist', async () => {
    const run = await start({
      HEADLESS: '1',
      START_CHECK: '1',
      PROFILE_DIR: profile,
      CHROMIUM_PATH: '/nonexistent/chromium',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'CHROMIUM_PATH=/nonexistent/chromium is not an executable browser',
    );
  });

  it('exits 1 with a reason when the extension was not built', async () => {
    const run = await start({
      HEADLESS: '1',
      START_CHECK: '1',
      PROFILE_DIR: profile,
      EXTENSION_DIR: profile,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('run "npm run build" first');
  });
});
