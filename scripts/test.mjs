#!/usr/bin/env node
// `npm test`: every check and every test, in the order a failure is cheapest to see:
// typecheck, lint and format, build (Chromium and Firefox), web-ext lint of the Firefox build,
// then Vitest (unit, conformance, end-to-end in Chromium and in Firefox).
// The last line is always `N passed, N failed` (checks count as one each).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureChromium } from './ensure-chromium.mjs';
import { ensureFirefox } from './ensure-firefox.mjs';
import { ensureXTools } from './ensure-x-tools.mjs';

let passed = 0;
let failed = 0;

function step(name, cmd, args, env = {}) {
  console.log(`\n▶ ${name}: ${[cmd, ...args].join(' ')}`);
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = result.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${name}`);
  return ok;
}

function check(name, cmd, args) {
  if (step(name, cmd, args)) passed++;
  else failed++;
}

try {
  process.env.CHROMIUM_PATH = ensureChromium();
} catch (error) {
  console.error(`✘ chromium: ${error instanceof Error ? error.message : String(error)}`);
  failed++;
}

try {
  process.env.FIREFOX_PATH = ensureFirefox();
} catch (error) {
  console.error(`✘ firefox: ${error instanceof Error ? error.message : String(error)}`);
  failed++;
}

// Xvfb, xdotool, xclip: the end-to-end tests that use a real window, its menus and clipboard.
try {
  ensureXTools();
} catch (error) {
  console.error(`✘ x tools: ${error instanceof Error ? error.message : String(error)}`);
  failed++;
}

const bin = (name) => join('node_modules', '.bin', name);
check('typecheck', bin('tsc'), ['--noEmit']);
check('lint', bin('eslint'), ['.']);
check('format', bin('prettier'), ['--check', '.']);
const built =
  step('build', bin('vite'), ['build']) &&
  step('build firefox', bin('vite'), ['build', '--mode', 'firefox']);
if (built) passed++;
else failed++;
if (built) {
  // addons.mozilla.org's own linter: no errors, no warnings.
  check('web-ext lint', bin('web-ext'), [
    'lint',
    '--source-dir',
    'dist-firefox',
    '--warnings-as-errors',
    '--no-input',
  ]);
}

const report = join(mkdtempSync(join(tmpdir(), 'mirror-reader-test-')), 'vitest.json');
const projects = built ? [] : ['--project', 'unit']; // e2e needs dist/ and dist-firefox/
step('vitest', bin('vitest'), [
  'run',
  ...projects,
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
]);
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  // A file that failed to load counts as a failure even though none of its tests ran.
  failed += json.testResults.filter(
    (r) => r.status === 'failed' && r.assertionResults.length === 0,
  ).length;
  rmSync(report, { force: true });
} catch {
  console.error('✘ vitest wrote no report');
  failed++;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
